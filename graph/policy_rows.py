"""Turn one policy extraction into the rows that the policy write queries UNWIND.

Why a pure module: every decision about node keys, evidence and clause attachment is made here,
without a database, so it can be tested exhaustively and so the write transaction only has to
send ready-made batches (one query per item type per document).

The input is the dict of ``nlp.pipeline.Extraction.to_dict()`` plus the decoded text (see
``docs/architecture.md``); the output is a :class:`PolicyRows` whose lists map one-to-one onto
the queries of ``graph/queries/policies.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.errors import IngestError
from nlp.domain_model import DomainModel
from nlp.text import normalize_name, text_digest
from stdkg.errors import ErrorCategory, InputError

#: A document id is a slug: it becomes part of clause keys (``<id>#<clause>``) and URLs
#: (``DELETE /documents/{id}``), so ``#``, ``/``, ``:`` and whitespace are refused.
DOC_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")
#: Prefix of a stub Document (a policy only known because another one cites it). The ``:`` can
#: never occur in an ingested document's id, so stubs and real documents never collide.
STUB_PREFIX = "policy:"
#: The synthetic clause holding items found before the first numbered clause (title, preamble,
#: issuing notice), so that every MENTIONS/ASSIGNS edge still starts at a Clause.
FRONT_CLAUSE_ID = "front"
#: Clause text stored on the node and embedded is capped: the model reads ~256 tokens anyway
#: and a whole law as one property would bloat the page cache for nothing.
CLAUSE_TEXT_LIMIT = 4000
EMBED_TEXT_LIMIT = 1500


class PolicyDataError(IngestError):
    """An extraction is internally inconsistent (a span that does not match the text, a
    missing key). Raised before anything is written, so the graph keeps its old state."""

    category = ErrorCategory.FAILED


class InvalidDocumentIdError(InputError):
    """A user-supplied document id is not a slug we can use as a key."""

    category = ErrorCategory.INPUT


def validate_doc_id(doc_id: str) -> str:
    """Return ``doc_id`` unchanged if it is a usable slug, else raise a clear error."""
    if not isinstance(doc_id, str) or not DOC_ID_PATTERN.match(doc_id):
        raise InvalidDocumentIdError(
            f"invalid document id {doc_id!r}: use 1-200 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return doc_id


def stub_document_id(policy_key: str) -> str:
    return f"{STUB_PREFIX}{policy_key}"


#: Words that may surround a policy's name in the title of the notice that issues it
#: ("Notice ... on Issuing the Urban Standardization Action Plan").
_ISSUING_WORDS = re.compile(r"\b(notice|circular|on|of|issuing|printing|distributing|the)\b")
#: What may follow a policy's name at the start of its own title: "of the ...", a year.
_QUALIFIER = re.compile(r"^ (of |\d{4}\b)")


def resolve_policy_key(title: str | None, policies: Sequence[Mapping[str, Any]]) -> str | None:
    """Which known policy (``corpus/policies.json``) an ingested document *is*, if any.

    A document is that policy when its title equals the policy's title or an alias, when the
    title only wraps the name in issuing words ("Notice on issuing the X"), or when it starts
    with the name followed by "of ..." or a year ("Regulation (EU) No 1025/2012 of the European
    Parliament ..."). Containment alone is not enough: "Opinions on implementing the
    Standardization Law" is not that law, nor is "Standardization Law implementation rules".
    """
    if not title:
        return None
    wanted = normalize_name(title)
    if not wanted:
        return None
    best: tuple[int, str] | None = None
    for policy in policies:
        key = policy.get("key")
        if not key:
            continue
        names = [policy.get("title") or "", *(policy.get("aliases") or [])]
        for name in names:
            normal = normalize_name(str(name))
            if not normal:
                continue
            if normal == wanted:
                return str(key)
            if normal in wanted:
                rest = _ISSUING_WORDS.sub(" ", wanted.replace(normal, " ")).strip()
                # "Regulation (EU) No 1025/2012 of the European Parliament ...", "X (2017)"
                qualified = wanted.startswith(normal) and _QUALIFIER.match(wanted[len(normal) :])
                if (not rest or qualified) and (best is None or len(normal) > best[0]):
                    best = (len(normal), str(key))
    return best[1] if best else None


@dataclass
class PolicyRows:
    """Everything one document contributes, as parameter lists for the UNWIND queries."""

    document: dict[str, Any]
    clauses: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    standard_mentions: list[dict[str, Any]] = field(default_factory=list)
    organization_mentions: list[dict[str, Any]] = field(default_factory=list)
    issuers: list[dict[str, Any]] = field(default_factory=list)
    domain_mentions: list[dict[str, Any]] = field(default_factory=list)
    policy_refs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return str(self.document["id"])

    def embedding_texts(self) -> list[str]:
        """Texts to embed, clauses first then requirements (see :meth:`set_embeddings`)."""
        return [row["embed_text"] for row in self.clauses] + [
            row["embed_text"] for row in self.requirements
        ]

    def set_embeddings(self, vectors: Sequence[Sequence[float]]) -> None:
        """Store vectors in the order of :meth:`embedding_texts`."""
        rows = [*self.clauses, *self.requirements]
        if len(vectors) != len(rows):
            raise PolicyDataError(f"expected {len(rows)} embeddings, got {len(vectors)}")
        for row, vector in zip(rows, vectors, strict=True):
            row["embedding"] = [float(x) for x in vector]

    def refine_requirement_domains(self, model: DomainModel) -> int:
        """Each requirement's domain from its own vector and its clause's (``nlp.domain_model``),
        once :meth:`set_embeddings` has run; the rule's domain is the model's prior. Returns how
        many domains changed."""
        clause_vectors = {row["key"]: row.get("embedding") for row in self.clauses}
        changed = 0
        for row in self.requirements:
            topic = row.get("embedding")
            if not topic:
                continue
            domain = model.classify(topic, clause_vectors.get(row["clause_key"]), row.get("domain"))
            if domain != row.get("domain"):
                row["domain"] = domain
                changed += 1
        return changed

    def drop_duplicate_occurrences(self) -> None:
        """One row per occurrence: the write CREATEs an edge per row (see
        ``graph/queries/policies.py``), so a row repeated by the extraction (the same span of
        the same kind in the same clause, or the same requirement or target key) is dropped
        here, as the MERGE it replaced would have merged it."""

        def unique(rows: list[dict[str, Any]], key: Any) -> list[dict[str, Any]]:
            seen: set[Any] = set()
            kept = []
            for row in rows:
                marker = key(row)
                if marker not in seen:
                    seen.add(marker)
                    kept.append(row)
            return kept

        def occurrence(target: str) -> Any:
            return lambda row: (
                row["clause_key"],
                row.get(target),
                row["evidence"]["start"],
                row["evidence"]["end"],
            )

        self.requirements = unique(self.requirements, lambda row: row["key"])
        self.targets = unique(self.targets, lambda row: row["key"])
        self.standard_mentions = unique(self.standard_mentions, occurrence("key"))
        self.organization_mentions = unique(self.organization_mentions, occurrence("key"))
        self.domain_mentions = unique(self.domain_mentions, occurrence("domain"))
        self.policy_refs = unique(self.policy_refs, occurrence("policy_key"))

    def counts(self) -> dict[str, int]:
        return {
            "clauses": len(self.clauses),
            "requirements": len(self.requirements),
            "targets": len(self.targets),
            "standards": len(self.standard_mentions),
            "organizations": len(self.organization_mentions),
            "domains": len(self.domain_mentions),
            "policy_refs": len(self.policy_refs),
        }


class _SpanChecker:
    """Checks the architecture's invariant ``text[start:end] == surface`` for every item."""

    def __init__(self, text: str, doc_id: str) -> None:
        self.text = text
        self.doc_id = doc_id

    def span(self, kind: str, item: Mapping[str, Any]) -> tuple[int, int, str]:
        try:
            start, end, surface = int(item["start"]), int(item["end"]), str(item["surface"])
        except (KeyError, TypeError, ValueError) as error:
            raise PolicyDataError(
                f"{self.doc_id}: a {kind} item lacks start/end/surface: {dict(item)!r:.200}"
            ) from error
        if not (0 <= start <= end <= len(self.text)) or self.text[start:end] != surface:
            raise PolicyDataError(
                f"{self.doc_id}: {kind} span {start}-{end} does not match its surface "
                f"{surface[:60]!r}"
            )
        return start, end, surface


def _required(kind: str, item: Mapping[str, Any], name: str, doc_id: str) -> Any:
    value = item.get(name)
    if value is None or value == "":
        raise PolicyDataError(f"{doc_id}: a {kind} item has no {name!r}: {dict(item)!r:.200}")
    return value


def build_policy_rows(
    extraction: Mapping[str, Any],
    text: str,
    *,
    extractor: str,
    doc_id: str | None = None,
    title: str | None = None,
    source: str | None = None,
    policies: Sequence[Mapping[str, Any]] = (),
    policy_key: str | None = None,
) -> PolicyRows:
    """Map an ``Extraction.to_dict()`` onto write rows.

    ``doc_id``/``title`` override the extraction's own (the API lets users name a posted text).
    ``policy_key`` says which known policy this document is; resolved from the title against
    ``policies`` when not given. Raises :class:`PolicyDataError` on an inconsistent
    extraction, before anything could be written.
    """
    document = extraction.get("document") or {}
    doc_id = validate_doc_id(doc_id or str(document.get("id") or ""))
    title = title or document.get("title") or doc_id
    policy_key = policy_key or resolve_policy_key(title, policies)
    policy_type = next(
        (p.get("type") for p in policies if policy_key and p.get("key") == policy_key), None
    )
    checker = _SpanChecker(text, doc_id)

    clause_rows, clause_keys = _clause_rows(extraction.get("clauses") or [], text, doc_id, checker)
    front_needed = False

    def clause_key_of(item: Mapping[str, Any]) -> str:
        nonlocal front_needed
        clause_id = item.get("clause")
        if clause_id is not None and str(clause_id) in clause_keys:
            return clause_keys[str(clause_id)]
        front_needed = True
        return f"{doc_id}#{FRONT_CLAUSE_ID}"

    def evidence(kind: str, item: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        start, end, surface = checker.span(kind, item)
        clause_key = clause_key_of(item)
        return clause_key, {
            "doc_id": doc_id,
            "clause": clause_key.split("#", 1)[1],
            "start": start,
            "end": end,
            "surface": surface,
            "extractor": extractor,
        }

    rows = PolicyRows(document={})
    for item in extraction.get("requirements") or []:
        clause_key, ev = evidence("requirement", item)
        topic = str(item.get("topic") or "").strip()
        rows.requirements.append(
            {
                "key": f"{doc_id}#{ev['start']}-{ev['end']}",
                "doc_id": doc_id,
                "clause_key": clause_key,
                "topic": topic,
                "action": item.get("action"),
                "domain": item.get("domain"),
                "start": ev["start"],
                "end": ev["end"],
                "surface": ev["surface"],
                "evidence": ev,
                # The topic ("smart parking") is what a standard's title answers; the sentence
                # around it is mostly policy boilerplate that drowns the similarity.
                "embed_text": (topic or ev["surface"])[:EMBED_TEXT_LIMIT],
                "embedding": None,
            }
        )
    for item in extraction.get("targets") or []:
        clause_key, ev = evidence("target", item)
        rows.targets.append(
            {
                "key": f"{doc_id}#{ev['start']}-{ev['end']}",
                "doc_id": doc_id,
                "clause_key": clause_key,
                "value": item.get("value"),
                "comparator": item.get("comparator"),
                "unit": item.get("unit"),
                "year": item.get("year"),
                "start": ev["start"],
                "end": ev["end"],
                "surface": ev["surface"],
                "evidence": ev,
            }
        )
    for item in extraction.get("standards") or []:
        clause_key, ev = evidence("standard", item)
        canonical = str(_required("standard", item, "canonical", doc_id))
        work = str(item.get("work") or canonical)
        rows.standard_mentions.append(
            {
                "clause_key": clause_key,
                "key": canonical,
                "work": work,
                # A canonical that differs from its work carries a year or a supplement, i.e. it
                # names one publication; otherwise the mention means "the standard, as current".
                "dated": canonical != work,
                "publisher": item.get("publisher"),
                "evidence": ev,
            }
        )
    for item in extraction.get("organizations") or []:
        clause_key, ev = evidence("organization", item)
        key = str(_required("organization", item, "key", doc_id))
        org = {
            "clause_key": clause_key,
            "key": key,
            "name": item.get("canonical") or ev["surface"],
            "kind": item.get("kind"),
            "role": item.get("role") or "mentioned",
            "evidence": ev,
        }
        rows.organization_mentions.append(org)
    rows.issuers = _issuer_rows(document.get("issuers") or [], rows.organization_mentions)
    for item in extraction.get("domains") or []:
        clause_key, ev = evidence("domain", item)
        rows.domain_mentions.append(
            {
                "clause_key": clause_key,
                "domain": str(_required("domain", item, "canonical", doc_id)),
                "score": item.get("score"),
                "evidence": ev,
            }
        )
    for item in extraction.get("policy_refs") or []:
        clause_key, ev = evidence("policy reference", item)
        key = str(_required("policy reference", item, "key", doc_id))
        if policy_key and key == policy_key:
            continue  # a policy naming itself ("this Action Plan") is not a citation
        rows.policy_refs.append(
            {
                "clause_key": clause_key,
                "policy_key": key,
                "stub_id": stub_document_id(key),
                "title": item.get("canonical") or ev["surface"],
                "type": item.get("type"),
                "evidence": ev,
            }
        )

    if front_needed:
        clause_rows.insert(0, _front_clause_row(document, text, doc_id, clause_rows))
    rows.clauses = clause_rows
    rows.document = {
        "id": doc_id,
        "title": title,
        "issuers": [str(key) for key in document.get("issuers") or []],
        "date": document.get("date"),
        "number": document.get("number"),
        "language": document.get("language"),
        "type": policy_type,
        "checksum": text_digest(text),
        "source": source,
        "extractor": extractor,
        "policy_key": policy_key,
        "chars": len(text),
    }
    rows.drop_duplicate_occurrences()
    return rows


def _clause_rows(
    clauses: Iterable[Mapping[str, Any]], text: str, doc_id: str, checker: _SpanChecker
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    rows: list[dict[str, Any]] = []
    keys: dict[str, str] = {}
    clauses = list(clauses)
    starts = sorted(int(c.get("start") or 0) for c in clauses)
    for order, clause in enumerate(clauses):
        clause_id = str(_required("clause", clause, "id", doc_id))
        if clause_id == FRONT_CLAUSE_ID or clause_id in keys:
            raise PolicyDataError(f"{doc_id}: duplicate or reserved clause id {clause_id!r}")
        try:
            start, end = int(clause["start"]), int(clause["end"])
        except (KeyError, TypeError, ValueError) as error:
            raise PolicyDataError(f"{doc_id}: clause {clause_id} has no span") from error
        if not (0 <= start <= end <= len(text)):
            raise PolicyDataError(
                f"{doc_id}: clause {clause_id} span {start}-{end} is outside the text"
            )
        surface = clause.get("surface")
        if surface is not None:
            checker.span("clause heading", {**clause, "end": start + len(str(surface))})
        body_end = clause.get("body_end")
        if isinstance(body_end, int) and start < body_end <= len(text):
            end = body_end  # the pipeline's clause body: up to the next sibling or uncle
        elif surface is not None and end == start + len(str(surface)):
            # The span is the heading line only: the body runs to the next clause.
            end = next((s for s in starts if s > start), len(text))
        keys[clause_id] = f"{doc_id}#{clause_id}"
        body = text[start:end]
        heading = clause.get("heading") or ""
        rows.append(
            {
                "key": keys[clause_id],
                "doc_id": doc_id,
                "id": clause_id,
                "number": clause.get("number"),
                "heading": heading,
                "level": clause.get("level"),
                "order": order + 1,
                "start": start,
                "end": end,
                "text": body[:CLAUSE_TEXT_LIMIT],
                "parent_id": None if clause.get("parent") is None else str(clause["parent"]),
                "embed_text": (body.strip() or heading)[:EMBED_TEXT_LIMIT] or clause_id,
                "embedding": None,
            }
        )
    for row in rows:
        parent_id = row.pop("parent_id")
        row["parent_key"] = keys.get(parent_id) if parent_id is not None else None
        if parent_id is not None and row["parent_key"] is None:
            raise PolicyDataError(f"{doc_id}: clause {row['id']} has unknown parent {parent_id}")
    return rows, keys


def _front_clause_row(
    document: Mapping[str, Any], text: str, doc_id: str, clauses: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The preamble before the first clause (or the whole text when there are no clauses)."""
    start = 0
    end = min((int(c["start"]) for c in clauses), default=len(text))
    body = text[start:end]
    return {
        "key": f"{doc_id}#{FRONT_CLAUSE_ID}",
        "doc_id": doc_id,
        "id": FRONT_CLAUSE_ID,
        "number": FRONT_CLAUSE_ID,  # the Browser captions clauses by number
        "heading": str(document.get("title") or "(front matter)"),
        "level": 0,
        "order": 0,
        "start": start,
        "end": end,
        "text": body[:CLAUSE_TEXT_LIMIT],
        "parent_key": None,
        "embed_text": (body.strip() or doc_id)[:EMBED_TEXT_LIMIT],
        "embedding": None,
    }


def _issuer_rows(
    issuer_keys: Iterable[Any], organizations: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """One ISSUED edge per issuer (the document's ``issuers`` plus every organization named in
    the role ``issuer``), with the evidence of its first issuer-role mention (or,
    failing that, its first mention at all). An issuer never named in the text has no
    evidence, so no edge: ``Document.issuers`` still lists it."""
    rows: list[dict[str, Any]] = []
    named = [m["key"] for m in organizations if m["role"] == "issuer"]
    for key in dict.fromkeys([*(str(k) for k in issuer_keys), *named]):
        mentions = [m for m in organizations if m["key"] == key]
        chosen = next((m for m in mentions if m["role"] == "issuer"), None) or next(
            iter(mentions), None
        )
        if chosen is not None:
            rows.append(
                {
                    "key": key,
                    "name": chosen["name"],
                    "kind": chosen["kind"],
                    "evidence": chosen["evidence"],
                }
            )
    return rows
