"""Typed response models of ``/gaps`` and ``/overlaps``.

Why a module apart from ``api/schemas.py``: the gap and overlap reports evolve with their own
calibration and evidence fields, and keeping them here lets that work proceed without editing
the search models. The JSON shape is the published contract (see ``docs/gaps.md``).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class ReportFormat(StrEnum):
    """How ``/gaps`` and ``/overlaps`` render: JSON for programs, CSV/Markdown for reports."""

    json = "json"
    csv = "csv"
    md = "md"


class OverlapKind(StrEnum):
    standards = "standards"
    requirements = "requirements"
    assignments = "assignments"


class Verdict(StrEnum):
    """Coverage of one requirement by current standards.

    ``partial`` is the band just under the calibrated threshold: candidates a committee should
    read before declaring a gap.
    """

    covered = "covered"
    partial = "partial"
    gap = "gap"


class StandardMatch(BaseModel):
    ref: str = Field(description="The standard's reference as published.")
    key: str = Field(description="The Standard node key.")
    title: str | None = None
    score: float = Field(
        description="Cosine similarity of requirement topic and standard "
        "(ref, title, abstract) embeddings: plain cosine, not Neo4j's "
        "(1 + cos) / 2 index score."
    )


class RequirementGap(BaseModel):
    id: str = Field(description="Requirement node key: <doc id>#<start>-<end>.")
    document: str
    topic: str
    domain: str | None = None
    clause: str | None = Field(default=None, description="Clause key raising the requirement.")
    surface: str | None = None
    start: int | None = None
    end: int | None = None
    covered: bool = Field(
        description="True when the best current standard scores at or above "
        "the calibrated threshold."
    )
    status: Verdict
    best_score: float | None = None
    matches: list[StandardMatch] = Field(
        default_factory=list,
        description="Top 3 current standards, best first: the evidence for the verdict.",
    )
    departments: list[str] = Field(
        default_factory=list, description="Organizations the clause assigns the work to."
    )


class DomainCoverage(BaseModel):
    domain: str = Field(description="Domain key, or 'unassigned'.")
    name: str | None = None
    requirements: int
    covered: int
    partial: int = 0
    coverage: float = Field(description="covered / requirements (0..1).")
    standards_in_domain: int = Field(description="Current standards linked IN_DOMAIN.")
    departments: list[str] = Field(
        description="Organizations assigned the domain's "
        "requirements, then the issuers of their documents."
    )


class GapThresholdsOut(BaseModel):
    covered: float
    partial: float
    calibration: str = Field(description="Where the numbers come from.")


class GapReport(BaseModel):
    document: str = Field(description="Document id, or 'all'.")
    domain: str | None = None
    thresholds: GapThresholdsOut
    domains: list[DomainCoverage]
    requirements: list[RequirementGap]


class OverlapParty(BaseModel):
    """One side of an overlapping pair: a standard or a requirement."""

    key: str
    label: str = Field(description="Standard reference, or requirement topic.")
    title: str | None = None
    publisher: str | None = None
    committee: str | None = None
    document: str | None = None
    start: int | None = None
    end: int | None = None
    surface: str | None = None


class OverlapPair(BaseModel):
    a: OverlapParty
    b: OverlapParty
    score: float = Field(description="Cosine similarity of the two embeddings.")
    shared_ics: list[str] = Field(default_factory=list)
    shared_domains: list[str] = Field(default_factory=list)
    reason: str = Field(description="Why the pair is reported, in words.")


class AssignmentEvidence(BaseModel):
    organization: str
    name: str | None = None
    document: str | None = None
    clause: str | None = None
    surface: str | None = None
    start: int | None = None
    end: int | None = None


class AssignmentOverlap(BaseModel):
    domain: str
    name: str | None = None
    departments: list[str]
    evidence: list[AssignmentEvidence]
    reason: str


class OverlapReport(BaseModel):
    kind: OverlapKind
    threshold: float | None = None
    domain: str | None = None
    pairs: list[OverlapPair] = Field(default_factory=list)
    assignments: list[AssignmentOverlap] = Field(default_factory=list)
    searched: int = Field(
        default=0,
        description="How many seeds (standards, requirements "
        "or domains) were examined: the search space actually covered.",
    )
