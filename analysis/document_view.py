"""A policy document as a reader sees it: its clauses in order, each split into runs of text
with the extracted items (standards, organizations, requirements, targets...) marked.

Why here and not in the page template: the spans come from the graph (``start``/``end`` on the
evidence of every relationship, ``text[start:end] == surface``) and overlap freely (a standard
mention inside a requirement, a domain keyword inside both). Cutting the text at every span
boundary gives runs that each carry the set of items covering them, which a template renders
with one element per run and no nesting rules. The function that does it is pure and tested
without a server.

The text shown is the stored clause text (``Clause.text``, capped per clause), each clause
showing its own part: from its start to the next clause's start, since a parent's body
includes its children.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from graph.queries import documents as documents_queries
from graph.queries import pages as pages_queries
from graph.reader import ReadsGraph
from stdkg.errors import NotFoundError

#: The kinds of extracted item, in the order the page's legend lists them.
ITEM_TYPES = (
    "requirement",
    "standard",
    "policy",
    "organization-assigned",
    "organization",
    "target",
    "domain",
)


@dataclass(frozen=True)
class Item:
    """One extracted item with its span in the document text."""

    type: str
    start: int
    end: int
    surface: str | None = None
    target: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Run:
    """A stretch of text and the items covering all of it (none for plain text)."""

    text: str
    start: int
    items: tuple[Item, ...] = ()

    @property
    def types(self) -> list[str]:
        return sorted({item.type for item in self.items}, key=_type_order)


@dataclass
class ClauseView:
    key: str
    number: str | None
    heading: str | None
    level: int
    start: int
    domains: list[str]
    runs: list[Run] = field(default_factory=list)
    truncated: bool = False


@dataclass
class DocumentView:
    id: str
    title: str | None
    document: dict[str, Any]
    clauses: list[ClauseView]
    items: list[Item]

    def counts(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for item in self.items:
            found[item.type] = found.get(item.type, 0) + 1
        return {kind: found[kind] for kind in sorted(found, key=_type_order)}


def _type_order(kind: str) -> int:
    return ITEM_TYPES.index(kind) if kind in ITEM_TYPES else len(ITEM_TYPES)


def split_runs(text: str, offset: int, items: Iterable[Item]) -> list[Run]:
    """Cut ``text`` (which starts at document position ``offset``) at every item boundary.

    Items are clipped to the text; items outside it are ignored. Adjacent runs never share the
    same item set except across an item boundary, and the runs' texts join back to ``text``.
    """
    end_of_text = offset + len(text)
    inside = [
        item
        for item in items
        if item.end > item.start and item.start < end_of_text and item.end > offset
    ]
    cuts = {offset, end_of_text}
    for item in inside:
        cuts.add(max(item.start, offset))
        cuts.add(min(item.end, end_of_text))
    points = sorted(cuts)
    runs: list[Run] = []
    for left, right in pairwise(points):
        if right <= left:
            continue
        covering = tuple(
            sorted(
                (item for item in inside if item.start <= left and item.end >= right),
                key=lambda item: (_type_order(item.type), item.start),
            )
        )
        runs.append(Run(text=text[left - offset : right - offset], start=left, items=covering))
    return runs


def clause_views(clauses: Sequence[Mapping[str, Any]], items: Sequence[Item]) -> list[ClauseView]:
    """Each clause's own text (up to the next clause's start) split into runs."""
    ordered = sorted(clauses, key=lambda c: (int(c.get("start") or 0), int(c.get("level") or 0)))
    views: list[ClauseView] = []
    for index, clause in enumerate(ordered):
        start = int(clause.get("start") or 0)
        stored = str(clause.get("text") or "")
        following = [int(c.get("start") or 0) for c in ordered[index + 1 :]]
        next_start = next((s for s in following if s > start), None)
        own_end = (
            start + len(stored) if next_start is None else min(next_start, start + len(stored))
        )
        own_text = stored[: own_end - start]
        clause_end = int(clause.get("end") or own_end)
        truncated = own_end < min(clause_end, next_start if next_start is not None else clause_end)
        views.append(
            ClauseView(
                key=str(clause["key"]),
                number=clause.get("number"),
                heading=clause.get("heading"),
                level=int(clause.get("level") or 0),
                start=start,
                domains=sorted({str(d) for d in clause.get("domains") or []}),
                runs=split_runs(own_text, start, items),
                truncated=truncated,
            )
        )
    return views


def read_items(rows: Iterable[Mapping[str, Any]]) -> list[Item]:
    items = []
    for row in rows:
        if row.get("start") is None or row.get("end") is None:
            continue
        items.append(
            Item(
                type=str(row["type"]),
                start=int(row["start"]),
                end=int(row["end"]),
                surface=row.get("surface"),
                target=None if row.get("target") is None else str(row["target"]),
                label=None if row.get("label") is None else str(row["label"]),
            )
        )
    # one item per (type, span, target): the same mention is reachable from nested clauses
    unique = {(i.type, i.start, i.end, i.target): i for i in items}
    return sorted(unique.values(), key=lambda i: (i.start, _type_order(i.type)))


def read_document_view(graph: ReadsGraph, doc_id: str) -> DocumentView:
    """The document, its clauses and items from the graph; 404 for an unknown id."""
    rows = graph.read(documents_queries.DOCUMENT_DETAIL, {"id": doc_id})
    if not rows:
        raise NotFoundError(f"no document {doc_id!r} in the graph")
    document = dict(rows[0]["document"])
    items = read_items(graph.read(documents_queries.DOCUMENT_ITEMS, {"id": doc_id}))
    clauses = graph.read(pages_queries.DOCUMENT_CLAUSE_TEXTS, {"id": doc_id})
    return DocumentView(
        id=doc_id,
        title=document.get("title"),
        document=document,
        clauses=clause_views(clauses, items),
        items=items,
    )
