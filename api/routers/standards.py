"""``GET /standards/{ref}``: one standard with its editions, revision chain and citations."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.deps import GraphDep
from api.schemas import (
    CommitteeInfo,
    DomainRef,
    ErrorOut,
    IcsInfo,
    PolicyMention,
    StandardDetail,
    StandardSummary,
)
from graph.queries import search as search_queries
from graph.queries import standards as standards_queries
from graph.reader import GraphReader
from stdkg.errors import ErrorCategory, InputError, NotFoundError

router = APIRouter(tags=["standards"])

MAX_REF_CHARS = 200


class MalformedReferenceError(InputError):
    """The path parameter is not a standard identifier."""

    category = ErrorCategory.INPUT


def _summaries(rows: list[dict[str, Any]] | None) -> list[StandardSummary]:
    items = [StandardSummary(**row) for row in rows or [] if row.get("key")]
    return sorted(items, key=lambda item: (-(item.year or 0), item.key))


def resolve_key(graph: GraphReader, ref: str) -> tuple[str, str]:
    """``(node key, normalized request)``: the exact edition if it is in the graph, else an
    alias of it, else — for a work reference without year — the current edition of the work.
    Malformed → 422, unknown → 404 with what *is* known about the work."""
    from graph.catalog.identity import identify
    from nlp.errors import InvalidIdentifierError

    if not ref.strip() or len(ref) > MAX_REF_CHARS:
        raise MalformedReferenceError(
            f"a standard reference must be 1 to {MAX_REF_CHARS} characters long"
        )
    try:
        # the node key as the ingest derives it: an ETSI version ("V1.2.1") or an ITU edition
        # date ("(10/2019)") names one edition even though the canonical form leaves it out
        identity = identify(ref)
    except InvalidIdentifierError as error:
        raise MalformedReferenceError(f"{ref!r} is not a standard identifier: {error}") from error
    canonical, work = identity.key, identity.work
    found = graph.read(
        standards_queries.RESOLVE_STANDARD,
        {"key": canonical, "work": work, "supplement_pattern": search_queries.SUPPLEMENT_PATTERN},
    )
    row = found[0] if found else {"exact_key": None, "work_keys": []}
    asked_for_edition = canonical != work
    # A work reference means "the current edition", even when a catalogue also has a row
    # keyed by the bare work (ISO lists some works both ways).
    if row["exact_key"] and (asked_for_edition or not row["work_keys"]):
        return row["exact_key"], canonical
    if row["work_keys"] and not asked_for_edition:
        return row["work_keys"][0], canonical
    alias = graph.read(
        standards_queries.RESOLVE_STANDARD_ALIAS, {"work": work, "alias": ref.strip()}
    )
    if alias:
        return alias[0]["key"], canonical
    if row["work_keys"]:
        known = ", ".join(row["work_keys"][:10])
        raise NotFoundError(f"{canonical} is not in the graph; editions of {work} it has: {known}")
    raise NotFoundError(f"no standard {canonical} in the graph")


@router.get(
    "/standards/{ref:path}",
    response_model=StandardDetail,
    responses={404: {"model": ErrorOut}, 422: {"model": ErrorOut}, 503: {"model": ErrorOut}},
)
def get_standard(
    graph: GraphDep,
    ref: Annotated[
        str,
        Path(
            description="A standard reference, URL-encoded: "
            "'ISO%2FIEC%2030146%3A2019', or a work 'ISO 37120' for its "
            "current edition."
        ),
    ],
) -> StandardDetail:
    """A standard with its editions, revision chain, committee, ICS, domains, what it cites,
    what cites it and the policies that mention it."""
    key, requested = resolve_key(graph, ref)
    rows = graph.read(standards_queries.STANDARD_DETAIL, {"key": key})
    if not rows:
        raise NotFoundError(f"no standard {requested} in the graph")
    row = rows[0]
    standard = row["standard"]
    mentions = row["mentions"] or []
    doc_ids = sorted({m["doc_id"] for m in mentions if m.get("doc_id")})
    titles = (
        {
            r["id"]: r["title"]
            for r in graph.read(standards_queries.DOCUMENT_TITLES, {"ids": doc_ids})
        }
        if doc_ids
        else {}
    )
    committee = row["committee_node"]
    if committee is None and standard.get("committee"):
        committee = {"ref": standard["committee"]}
    ics_nodes = row["ics_nodes"] or [{"code": code} for code in standard.get("ics") or []]
    return StandardDetail(
        key=standard["key"],
        ref=standard.get("ref"),
        work=standard.get("work"),
        title=standard.get("title"),
        abstract=standard.get("abstract"),
        doctype=standard.get("doctype"),
        status=standard.get("status"),
        published=row["published"],
        year=row["year"],
        edition=None if standard.get("edition") is None else str(standard["edition"]),
        publisher=standard.get("publisher"),
        stage=None if standard.get("stage") is None else str(standard["stage"]),
        url=standard.get("url"),
        aliases=list(standard.get("aliases") or []),
        committee=CommitteeInfo(**committee) if committee else None,
        ics=sorted((IcsInfo(**item) for item in ics_nodes), key=lambda item: item.code),
        domains=[
            DomainRef(key=d["key"], name=d.get("name"), via=list(d.get("via") or []))
            for d in row["domains"] or []
        ],
        editions=_summaries(row["editions"]),
        replaces=_summaries(row["replaces"]),
        replaced_by=_summaries(row["replaced_by"]),
        amends=_summaries(row["amends"]),
        amended_by=_summaries(row["amended_by"]),
        part_of=_summaries(row["part_of"]),
        parts=_summaries(row["parts"]),
        cites=_summaries(row["cites"]),
        cited_by=_summaries(row["cited_by"]),
        mentioned_in=[PolicyMention(doc_title=titles.get(m.get("doc_id")), **m) for m in mentions],
        requested=requested,
    )
