"""Gap analysis: which requirements of a policy are answered by a CURRENT standard, and which
are gaps a committee should fill.

Why this shape:
- A requirement is judged by its best current standard only (``max`` similarity): one good
  standard answers a requirement, ten mediocre ones do not. The threshold is calibrated on the
  hand-labelled topics in ``corpus/gold/gap_labels.json`` (``stdkg eval gaps``,
  ``docs/gaps.md``); the band just below it is reported as ``partial``.
- Matching runs inside Neo4j: one UNWIND query calls the ``standard_embedding`` vector index
  once per requirement, so a whole action plan is three round trips (requirements, matches,
  domain summary) whatever its size.
- The verdict logic (:class:`GapThresholds`, :func:`summarize_domains`) is pure so it is unit
  tested without a server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from analysis.models import (
    DomainCoverage,
    GapReport,
    GapThresholdsOut,
    RequirementGap,
    StandardMatch,
    Verdict,
)
from graph.queries import gaps as gaps_queries
from graph.reader import ReadsGraph
from stdkg.errors import ErrorCategory, InputError, NotFoundError

ALL_DOCUMENTS = "all"
UNASSIGNED_DOMAIN = "unassigned"

#: Calibrated on the 62 labelled topics of corpus/gold/gap_labels.json (``stdkg eval gaps``):
#: every cross-validation fold against the loaded graph picks 0.48-0.49 (CV accuracy 0.79,
#: kappa 0.57); on the offline catalogue pool 0.48 scores CV accuracy 0.82, kappa 0.65.
#: See docs/gaps.md.
CALIBRATED_COVERED_THRESHOLD = 0.48
#: Below ``covered`` but within this distance: candidates worth reading, reported as partial.
#: Labelled covered and labelled gap topics are mixed in this band (docs/gaps.md).
PARTIAL_BAND = 0.05
CALIBRATION_NOTE = "cosine threshold calibrated on corpus/gold/gap_labels.json (see docs/gaps.md)"

#: How many neighbours the vector index returns before the ``status = 'current'`` filter:
#: withdrawn editions crowd the neighbourhood of their current successor, so over-fetch
#: (about half the catalogue is current: 30 leaves ~15 current candidates for the top 3).
VECTOR_FETCH = 30
#: Plans with at least this many requirements are matched in ``workers`` parallel queries.
PARALLEL_MIN_ROWS = 40
MATCH_WORKERS = 2
TOP_MATCHES = 3

_DOC_ID = re.compile(r"^[\w][\w.\-:/ ]{0,199}$", re.UNICODE)
_DOMAIN_KEY = re.compile(r"^[a-z0-9][a-z0-9\-_]{0,79}$")


class GapAnalysisInputError(InputError):
    """A document id, domain key or option of a gap/overlap request is malformed."""

    category = ErrorCategory.INPUT


@dataclass(frozen=True)
class GapThresholds:
    """Cosine-similarity cut-offs for the three verdicts."""

    covered: float = CALIBRATED_COVERED_THRESHOLD
    partial: float = CALIBRATED_COVERED_THRESHOLD - PARTIAL_BAND

    def __post_init__(self) -> None:
        if not (0.0 <= self.partial <= self.covered <= 1.0):
            raise GapAnalysisInputError(
                f"thresholds must satisfy 0 <= partial <= covered <= 1, got "
                f"partial={self.partial}, covered={self.covered}"
            )

    def verdict(self, best_score: float | None) -> Verdict:
        if best_score is None:
            return Verdict.gap
        if best_score >= self.covered:
            return Verdict.covered
        if best_score >= self.partial:
            return Verdict.partial
        return Verdict.gap

    def to_out(self) -> GapThresholdsOut:
        return GapThresholdsOut(
            covered=self.covered, partial=self.partial, calibration=CALIBRATION_NOTE
        )


def check_document_id(document: str | None) -> str | None:
    """``None`` for every document; a validated id otherwise (clear error, never a query)."""
    if document is None:
        return None
    value = document.strip()
    if not value or value.lower() == ALL_DOCUMENTS:
        return None
    if "\x00" in value or not _DOC_ID.match(value):
        raise GapAnalysisInputError(
            f"malformed document id {document[:80]!r}: expected a slug such as "
            "'cn-urban-standardization-action-plan-2023-en', or 'all'"
        )
    return value


def check_domain_key(domain: str | None) -> str | None:
    if domain is None or not domain.strip():
        return None
    value = domain.strip().lower()
    if not _DOMAIN_KEY.match(value):
        raise GapAnalysisInputError(
            f"malformed domain key {domain[:80]!r}: expected a slug such as 'smart-city'"
        )
    return value


def build_requirement(
    row: Mapping[str, Any], matches: Sequence[Mapping[str, Any]], thresholds: GapThresholds
) -> RequirementGap:
    """One requirement row plus its ranked matches -> the explained verdict."""
    ranked = sorted(
        (m for m in matches if m.get("score") is not None),
        key=lambda m: (-float(m["score"]), str(m.get("ref") or "")),
    )[:TOP_MATCHES]
    best = float(ranked[0]["score"]) if ranked else None
    status = thresholds.verdict(best)
    return RequirementGap(
        id=str(row["key"]),
        document=str(row.get("doc_id") or ""),
        topic=str(row.get("topic") or row.get("surface") or ""),
        domain=row.get("domain") or UNASSIGNED_DOMAIN,
        clause=row.get("clause"),
        surface=row.get("surface"),
        start=row.get("start"),
        end=row.get("end"),
        covered=status is Verdict.covered,
        status=status,
        best_score=round(best, 4) if best is not None else None,
        matches=[
            StandardMatch(
                ref=str(m.get("ref") or m["key"]),
                key=str(m["key"]),
                title=m.get("title"),
                score=round(float(m["score"]), 4),
            )
            for m in ranked
        ],
        departments=sorted({str(d) for d in row.get("departments") or [] if d}),
    )


def summarize_domains(
    requirements: Iterable[RequirementGap], domain_facts: Mapping[str, Mapping[str, Any]]
) -> list[DomainCoverage]:
    """Per-domain counts; ``domain_facts`` adds name, standards count and departments from the
    graph. Domains are ordered worst coverage first: that is where a committee should look."""
    counts: dict[str, list[RequirementGap]] = {}
    for requirement in requirements:
        counts.setdefault(requirement.domain or UNASSIGNED_DOMAIN, []).append(requirement)
    summary = []
    for domain, items in counts.items():
        facts = domain_facts.get(domain, {})
        covered = sum(1 for item in items if item.status is Verdict.covered)
        partial = sum(1 for item in items if item.status is Verdict.partial)
        assigned = [d for item in items for d in item.departments]
        issuers = sorted(str(d) for d in facts.get("departments") or [] if d)
        departments = _unique([*sorted(assigned), *issuers])
        summary.append(
            DomainCoverage(
                domain=domain,
                name=facts.get("name"),
                requirements=len(items),
                covered=covered,
                partial=partial,
                coverage=round(covered / len(items), 4),
                standards_in_domain=int(facts.get("standards_in_domain") or 0),
                departments=departments,
            )
        )
    summary.sort(key=lambda d: (d.coverage, -d.requirements, d.domain))
    return summary


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return list(seen)


QueryVectors = Callable[[Sequence[Mapping[str, Any]]], Sequence[Sequence[float] | None]]


def topic_with_domain(row: Mapping[str, Any]) -> str:
    """The text embedded when domain context is asked for: 'topic (domain name)'."""
    topic = str(row.get("topic") or row.get("surface") or "")
    domain = row.get("domain_name") or row.get("domain")
    return f"{topic} ({domain})" if domain else topic


class GapService:
    """Builds gap reports from the graph.

    ``query_vectors`` (optional) computes the query embedding per requirement row; without it
    the embedding stored on the Requirement node (its topic, see graph/policy_rows.py) is used,
    which needs no model in the API process.
    """

    def __init__(
        self,
        graph: ReadsGraph,
        thresholds: GapThresholds | None = None,
        query_vectors: QueryVectors | None = None,
        fetch: int = VECTOR_FETCH,
        workers: int = MATCH_WORKERS,
    ) -> None:
        self.graph = graph
        self.thresholds = thresholds or GapThresholds()
        self.query_vectors = query_vectors
        self.fetch = fetch
        self.workers = max(1, workers)

    def requirement_rows(self, document: str | None, domain: str | None) -> list[dict]:
        return self.graph.read(
            gaps_queries.GAP_REQUIREMENTS, {"document": document, "domain": domain}
        )

    def match(self, rows: Sequence[Mapping[str, Any]]) -> dict[str, list[dict]]:
        """Top current standards per requirement key, in ONE query for all rows."""
        if not rows:
            return {}
        vectors: Sequence[Sequence[float] | None] = (
            self.query_vectors(rows) if self.query_vectors else [None] * len(rows)
        )
        payload = [
            {"key": row["key"], "vector": list(vector) if vector is not None else None}
            for row, vector in zip(rows, vectors, strict=True)
        ]
        # Neo4j runs one query on one core: on a multi-core server, halves of a large plan
        # run side by side (each still one UNWIND query, so round trips stay constant).
        chunks = (
            [payload]
            if len(payload) < PARALLEL_MIN_ROWS
            else [payload[i :: self.workers] for i in range(self.workers)]
        )

        def run(chunk: list[dict]) -> list[dict]:
            return self.graph.read(
                gaps_queries.GAP_MATCHES, {"rows": chunk, "fetch": self.fetch, "top": TOP_MATCHES}
            )

        if len(chunks) == 1:
            results = run(chunks[0])
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=len(chunks)) as pool:
                results = [row for part in pool.map(run, chunks) for row in part]
        return {str(r["key"]): list(r["matches"] or []) for r in results}

    def report(self, document: str | None = ALL_DOCUMENTS, domain: str | None = None) -> GapReport:
        document_id = check_document_id(document)
        domain_key = check_domain_key(domain)
        rows = self.requirement_rows(document_id, domain_key)
        if not rows:
            self._check_exists(document_id, domain_key)
        matches = self.match(rows)
        requirements = [
            build_requirement(row, matches.get(str(row["key"]), []), self.thresholds)
            for row in rows
        ]
        domain_keys = sorted({r.domain or UNASSIGNED_DOMAIN for r in requirements})
        facts = {
            str(f["domain"]): f
            for f in self.graph.read(
                gaps_queries.GAP_DOMAIN_FACTS,
                {
                    "domains": domain_keys,
                    "document": document_id,
                },
            )
        }
        return GapReport(
            document=document_id or ALL_DOCUMENTS,
            domain=domain_key,
            thresholds=self.thresholds.to_out(),
            domains=summarize_domains(requirements, facts),
            requirements=requirements,
        )

    def _check_exists(self, document: str | None, domain: str | None) -> None:
        """An empty report is fine for a document without requirements; an unknown document
        or domain is a 404 so a typo is never mistaken for 'no gaps'."""
        found = self.graph.read(gaps_queries.GAP_EXISTS, {"document": document, "domain": domain})
        facts = found[0] if found else {}
        if document is not None and not facts.get("document"):
            raise NotFoundError(f"unknown document {document!r}")
        if domain is not None and not facts.get("domain"):
            raise NotFoundError(f"unknown domain {domain!r}")
