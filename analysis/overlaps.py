"""Overlap reports: near-duplicate standards across publishers or committees, the same
requirement demanded by several policies, and domains assigned to several departments.

Why k-NN from a bounded seed set: comparing all 144k standards pairwise is 10^10 pairs; the
vector index gives each seed its nearest neighbours in milliseconds, so the cost is
``seeds x k`` and the seed set (a domain's standards, capped) is what the user asks about.
Pairs found from both ends are reported once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analysis.gaps import GapAnalysisInputError, check_domain_key
from analysis.models import (
    AssignmentEvidence,
    AssignmentOverlap,
    OverlapKind,
    OverlapPair,
    OverlapParty,
    OverlapRelation,
    OverlapReport,
)
from graph.catalog.cross_refs import BODY_OF_IMPRINT
from graph.queries import overlaps as overlaps_queries
from graph.reader import ReadsGraph

#: Calibrated by reading pairs (docs/gaps.md): above this, titles/abstracts say the same thing.
STANDARD_OVERLAP_THRESHOLD = 0.85
#: Requirement topics are short phrases; near-identical wording scores this high. 0.82 with
#: the int8 ONNX embedder, which places short near-duplicates 0.01-0.03 lower than PyTorch fp32
#: did (0.85 then): "urban digital twin" / "... platform" 0.883 -> 0.869, "city digital twin" /
#: "urban digital twin platform" 0.857 -> 0.831 (exact cosine).
REQUIREMENT_OVERLAP_THRESHOLD = 0.82
NEIGHBOURS = 10
#: Cross-body near-duplicates hide behind a body's own similar documents (an ETSI seed's ten
#: nearest are mostly ETSI): standards look further.
STANDARD_NEIGHBOURS = 25
#: Keeps the default full-catalogue request within a few seconds on 2 cores
#: (docs/benchmarks/overlaps.md); raise with ``seeds`` for a wider near-duplicate search.
DEFAULT_SEEDS = 100
MAX_SEEDS = 20000
MAX_PAIRS = 500
EVIDENCE_PER_ORGANIZATION = 5

DEFAULT_THRESHOLDS = {
    OverlapKind.standards: STANDARD_OVERLAP_THRESHOLD,
    OverlapKind.requirements: REQUIREMENT_OVERLAP_THRESHOLD,
}


def check_threshold(value: float | None, kind: OverlapKind) -> float | None:
    if kind is OverlapKind.assignments:
        return None
    if value is None:
        return DEFAULT_THRESHOLDS[kind]
    if not 0.0 < value <= 1.0:
        raise GapAnalysisInputError(f"threshold must be in (0, 1], got {value}")
    return value


def check_seeds(value: int | None) -> int:
    if value is None:
        return DEFAULT_SEEDS
    if not 1 <= value <= MAX_SEEDS:
        raise GapAnalysisInputError(f"seeds must be between 1 and {MAX_SEEDS}, got {value}")
    return value


def dedupe_pairs(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Keep each unordered pair once (its best score), best first."""
    best: dict[frozenset[str], Mapping[str, Any]] = {}
    for row in rows:
        pair = frozenset((str(row["a"]["key"]), str(row["b"]["key"])))
        if pair not in best or float(row["score"]) > float(best[pair]["score"]):
            best[pair] = row
    return sorted(best.values(), key=lambda r: (-float(r["score"]), str(r["a"]["key"])))


def standard_reason(
    score: float,
    threshold: float,
    a: Mapping[str, Any],
    b: Mapping[str, Any],
    shared_ics: Sequence[str],
    shared_domains: Sequence[str],
) -> str:
    """One sentence a committee can paste: why these two look like the same work."""
    parts = [f"title/abstract embedding similarity {score:.2f} >= {threshold:.2f}"]
    if (a.get("publisher") or "") != (b.get("publisher") or ""):
        parts.append(
            f"different publishers ({a.get('publisher') or '?'} vs {b.get('publisher') or '?'})"
        )
    else:
        parts.append(
            f"different committees ({a.get('committee') or '?'} vs {b.get('committee') or '?'})"
        )
    if shared_ics:
        parts.append("shared ICS " + ", ".join(shared_ics))
    if shared_domains:
        parts.append("same domain " + ", ".join(shared_domains))
    return "; ".join(parts)


def common_text_reason(
    a: Mapping[str, Any], b: Mapping[str, Any], via: Sequence[str], evidence: Sequence[str]
) -> str:
    """Why two standards are one text: the evidence the ingest found, in words."""
    parts = [f"one text published by {a.get('publisher') or '?'} and {b.get('publisher') or '?'}"]
    if "abstract" in via:
        cited = ", ".join(evidence[:3]) or "a catalogue record"
        parts.append(f"stated as a common text or endorsement in {cited}")
    if "title" in via:
        parts.append("identical title")
    return "; ".join(parts)


def requirement_reason(
    score: float, threshold: float, a: Mapping[str, Any], b: Mapping[str, Any]
) -> str:
    return (
        f"topic embedding similarity {score:.2f} >= {threshold:.2f}; demanded by "
        f"{a.get('doc_id')} and {b.get('doc_id')}"
    )


def _standard_party(node: Mapping[str, Any]) -> OverlapParty:
    return OverlapParty(
        key=str(node["key"]),
        label=str(node.get("ref") or node["key"]),
        title=node.get("title"),
        publisher=node.get("publisher"),
        committee=node.get("committee"),
    )


def _requirement_party(node: Mapping[str, Any]) -> OverlapParty:
    return OverlapParty(
        key=str(node["key"]),
        label=str(node.get("topic") or node.get("surface") or node["key"]),
        document=node.get("doc_id"),
        start=node.get("start"),
        end=node.get("end"),
        surface=node.get("surface"),
    )


class OverlapService:
    def __init__(self, graph: ReadsGraph) -> None:
        self.graph = graph

    def report(
        self,
        kind: OverlapKind | str,
        *,
        domain: str | None = None,
        threshold: float | None = None,
        seeds: int | None = None,
        limit: int = MAX_PAIRS,
        relation: OverlapRelation | str | None = None,
    ) -> OverlapReport:
        try:
            kind = OverlapKind(kind)
        except ValueError as error:
            raise GapAnalysisInputError(
                f"unknown overlap kind {str(kind)[:40]!r}: use standards, requirements or "
                "assignments"
            ) from error
        domain_key = check_domain_key(domain)
        cut = check_threshold(threshold, kind)
        seed_count = check_seeds(seeds)
        if kind is OverlapKind.assignments:
            return self._assignments(domain_key)
        assert cut is not None
        if kind is OverlapKind.standards:
            try:
                wanted = None if relation in (None, "", "all") else OverlapRelation(relation)
            except ValueError as error:
                raise GapAnalysisInputError(
                    f"unknown relation {str(relation)[:40]!r}: use common-text, "
                    "near-duplicate or all"
                ) from error
            return self._standards(domain_key, cut, seed_count, limit, wanted)
        return self._requirements(domain_key, cut, seed_count, limit)

    def _standards(
        self,
        domain: str | None,
        threshold: float,
        seeds: int,
        limit: int,
        relation: OverlapRelation | None = None,
    ) -> OverlapReport:
        pairs: list[OverlapPair] = []
        if relation in (None, OverlapRelation.common_text):
            common = self.graph.read(
                overlaps_queries.OVERLAP_COMMON_TEXTS, {"domain": domain, "limit": limit}
            )
            pairs += [
                OverlapPair(
                    a=_standard_party(row["a"]),
                    b=_standard_party(row["b"]),
                    relation=OverlapRelation.common_text,
                    score=None if row["score"] is None else round(float(row["score"]), 4),
                    shared_ics=list(row.get("shared_ics") or []),
                    shared_domains=list(row.get("shared_domains") or []),
                    reason=common_text_reason(
                        row["a"], row["b"], row.get("via") or [], row.get("evidence") or []
                    ),
                )
                for row in common
            ]
        searched = 0
        if relation in (None, OverlapRelation.near_duplicate):
            params = {
                "domain": domain,
                "threshold": threshold,
                "seeds": seeds,
                "k": STANDARD_NEIGHBOURS,
                "imprints": BODY_OF_IMPRINT,
            }
            near = dedupe_pairs(self.graph.read(overlaps_queries.OVERLAP_STANDARDS, params))
            pool = self.graph.read(overlaps_queries.OVERLAP_STANDARD_SEEDS, {"domain": domain})
            searched = min(seeds, int(pool[0]["pool"]) if pool else 0)
            pairs += [
                OverlapPair(
                    a=_standard_party(row["a"]),
                    b=_standard_party(row["b"]),
                    relation=OverlapRelation.near_duplicate,
                    score=round(float(row["score"]), 4),
                    shared_ics=list(row.get("shared_ics") or []),
                    shared_domains=list(row.get("shared_domains") or []),
                    reason=standard_reason(
                        float(row["score"]),
                        threshold,
                        row["a"],
                        row["b"],
                        row.get("shared_ics") or [],
                        row.get("shared_domains") or [],
                    ),
                )
                for row in near
            ]
        # strongest evidence first: common texts (one text), then near-duplicates by score
        pairs.sort(key=lambda p: (p.relation is not OverlapRelation.common_text, -(p.score or 0.0)))
        return OverlapReport(
            kind=OverlapKind.standards,
            threshold=threshold,
            domain=domain,
            pairs=pairs[:limit],
            searched=searched,
        )

    def _requirements(
        self, domain: str | None, threshold: float, seeds: int, limit: int
    ) -> OverlapReport:
        params = {"domain": domain, "threshold": threshold, "seeds": seeds, "k": NEIGHBOURS}
        rows = dedupe_pairs(self.graph.read(overlaps_queries.OVERLAP_REQUIREMENTS, params))[:limit]
        pool = self.graph.read(overlaps_queries.OVERLAP_REQUIREMENT_SEEDS, {"domain": domain})
        pairs = [
            OverlapPair(
                a=_requirement_party(row["a"]),
                b=_requirement_party(row["b"]),
                score=round(float(row["score"]), 4),
                shared_domains=list(row.get("shared_domains") or []),
                reason=requirement_reason(float(row["score"]), threshold, row["a"], row["b"]),
            )
            for row in rows
        ]
        return OverlapReport(
            kind=OverlapKind.requirements,
            threshold=threshold,
            domain=domain,
            pairs=pairs,
            searched=min(seeds, int(pool[0]["pool"]) if pool else 0),
        )

    def _assignments(self, domain: str | None) -> OverlapReport:
        rows = self.graph.read(
            overlaps_queries.OVERLAP_ASSIGNMENTS,
            {
                "domain": domain,
                "evidence": EVIDENCE_PER_ORGANIZATION,
            },
        )
        overlaps = []
        for row in rows:
            orgs = sorted(row["orgs"], key=lambda o: str(o["organization"]))
            names = [str(o.get("name") or o["organization"]) for o in orgs]
            evidence = [
                AssignmentEvidence(
                    organization=str(o["organization"]),
                    name=o.get("name"),
                    document=e.get("document"),
                    clause=e.get("clause"),
                    surface=e.get("surface"),
                    start=e.get("start"),
                    end=e.get("end"),
                )
                for o in orgs
                for e in o.get("evidence") or []
            ]
            overlaps.append(
                AssignmentOverlap(
                    domain=str(row["domain"]),
                    name=row.get("name"),
                    departments=names,
                    evidence=evidence,
                    reason=f"{len(names)} organizations are assigned work in "
                    f"{row.get('name') or row['domain']}: " + ", ".join(names),
                )
            )
        return OverlapReport(
            kind=OverlapKind.assignments, domain=domain, assignments=overlaps, searched=len(rows)
        )
