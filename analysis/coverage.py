"""Coverage by domain × document, and the vocabularies of the search filters: what the HTML
pages show that the JSON endpoints leave to the client.

Why a matrix from the gap report rather than a query of its own: the verdicts (covered /
partial / gap) are the gap service's, computed once for every requirement (``document=all``);
grouping them is pure and cheap, and the heatmap can never disagree with the gap table or the
exports beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.models import GapReport, RequirementGap, Verdict
from graph.queries import pages as pages_queries
from graph.reader import ReadsGraph


@dataclass
class CoverageCell:
    """The requirements of one document in one domain."""

    domain: str
    document: str
    covered: int = 0
    partial: int = 0
    gap: int = 0

    @property
    def total(self) -> int:
        return self.covered + self.partial + self.gap

    def share(self, verdict: str) -> float:
        return getattr(self, verdict) / self.total if self.total else 0.0

    @property
    def dominant(self) -> str | None:
        """The verdict with most requirements (ties: gap before partial before covered, the
        cautious reading), None for an empty cell."""
        if not self.total:
            return None
        return max(("gap", "partial", "covered"), key=lambda v: getattr(self, v))


@dataclass
class CoverageMatrix:
    domains: list[tuple[str, str | None]]  # (key, name), worst coverage first
    documents: list[tuple[str, str | None]]  # (id, title)
    cells: dict[tuple[str, str], CoverageCell] = field(default_factory=dict)

    def cell(self, domain: str, document: str) -> CoverageCell:
        return self.cells.get((domain, document)) or CoverageCell(domain, document)


def coverage_matrix(
    report: GapReport, titles: dict[str, str | None] | None = None
) -> CoverageMatrix:
    """Group a gap report's requirements by (domain, document); every domain of the report ×
    every document with requirements gets a cell (empty ones included)."""
    titles = titles or {}
    cells: dict[tuple[str, str], CoverageCell] = {}
    documents: dict[str, None] = {}
    for requirement in report.requirements:
        domain = requirement.domain or "unassigned"
        documents.setdefault(requirement.document, None)
        cell = cells.setdefault(
            (domain, requirement.document), CoverageCell(domain, requirement.document)
        )
        _count(cell, requirement)
    domains = [(d.domain, d.name) for d in report.domains]
    known = {key for key, _ in domains}
    domains += [(key, None) for key, _ in sorted(cells) if key not in known]
    domains = list(dict.fromkeys(domains))
    ordered_documents = sorted(documents, key=lambda d: (str(titles.get(d) or d).lower(), d))
    return CoverageMatrix(
        domains=domains,
        documents=[(d, titles.get(d)) for d in ordered_documents],
        cells=cells,
    )


def _count(cell: CoverageCell, requirement: RequirementGap) -> None:
    if requirement.status is Verdict.covered:
        cell.covered += 1
    elif requirement.status is Verdict.partial:
        cell.partial += 1
    else:
        cell.gap += 1


def search_vocabulary(graph: ReadsGraph) -> dict[str, list[Any]]:
    """Publishers, committees and domains for the search page's filters."""
    rows = graph.read(pages_queries.SEARCH_VOCABULARY)
    row = rows[0] if rows else {}
    domains = sorted(
        (d for d in row.get("domains") or [] if d.get("key")),
        key=lambda d: str(d.get("name") or d["key"]).lower(),
    )
    return {
        "publishers": sorted(str(p) for p in row.get("publishers") or [] if p),
        "committees": sorted(str(c) for c in row.get("committees") or [] if c),
        "domains": domains,
    }
