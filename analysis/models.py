"""The results of the analysis services: search hits, gap reports, overlap reports.

Why pydantic models here rather than in ``api``: the CLI prints them, the evaluation scores
them and the API serves them as they are, so they belong to the services that build them. Their
JSON shape is the published contract of ``/search``, ``/gaps`` and ``/overlaps`` (see
``docs/api.md``, ``docs/gaps.md``).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


# --- search -----------------------------------------------------------------------------------
class SearchMode(StrEnum):
    hybrid = "hybrid"
    lexical = "lexical"
    semantic = "semantic"


class SearchKind(StrEnum):
    standard = "standard"
    clause = "clause"
    requirement = "requirement"
    any = "any"


class StatusFilter(StrEnum):
    current = "current"
    all = "all"


class Evidence(BaseModel):
    """A piece of text that explains a hit; ``doc_id``/``start``/``end`` locate it in a policy
    document when it comes from one (``text == document_text[start:end]``)."""

    source: str = Field(
        description="Where the text comes from: title, abstract, clause, requirement, mention."
    )
    text: str
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None


class RankingEvidence(BaseModel):
    """The rank a hit had in one of the rankings that were fused."""

    ranking: str = Field(description="identifier, fulltext or vector")
    rank: int = Field(description="1-based rank in that ranking")
    score: float = Field(description="The ranking's own score (BM25, cosine similarity).")


class SearchHit(BaseModel):
    kind: str = Field(description="standard, clause or requirement")
    key: str = Field(description="The node key in the graph.")
    ref: str | None = Field(default=None, description="The standard's reference (standards).")
    work: str | None = Field(
        default=None, description="The standard without year (all editions share it)."
    )
    title: str
    score: float = Field(
        description="Fused score (reciprocal rank fusion) or the single "
        "ranking's score; only comparable within one response."
    )
    status: str | None = None
    publisher: str | None = None
    committee: str | None = None
    year: int | None = None
    domains: list[str] = Field(default_factory=list)
    doc_id: str | None = Field(
        default=None, description="The policy document (clauses and requirements)."
    )
    cites: int = Field(default=0, description="Standards this standard cites.")
    cited_by: int = Field(default=0, description="Standards citing this standard.")
    mentioned_by: int = Field(default=0, description="Policy clauses mentioning it.")
    why: str = Field(description="Which rankings found the hit and at what rank.")
    rankings: list[RankingEvidence] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class FacetCount(BaseModel):
    value: str
    count: int


class SearchResponse(BaseModel):
    query: str
    mode: SearchMode
    kind: SearchKind
    status: StatusFilter
    identifiers: list[str] = Field(
        default_factory=list,
        description="Standard identifiers recognised in the query (canonical form).",
    )
    results: list[SearchHit]
    facets: dict[str, list[FacetCount]] = Field(
        default_factory=dict, description="Counts over all candidates before truncation to k."
    )
    took_ms: float
    embed_ms: float = Field(description="Time spent embedding the query.")
    cached: bool = Field(
        default=False,
        description="Answered from the server's cache of recent searches (at most "
        "api_search_cache_seconds old; writes through the API clear it).",
    )


# --- gaps and overlaps ----------------------------------------------------------------------------
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


class Occurrence(BaseModel):
    """One place a (folded) topic is raised: its clause and span."""

    clause: str | None = None
    surface: str | None = None
    start: int | None = None
    end: int | None = None


class CommitteeVote(BaseModel):
    """A technical committee close to the topic: the one that would write the missing standard."""

    ref: str = Field(description="Committee reference, e.g. 'ISO/TC 268'.")
    title: str | None = None
    score: float = Field(
        description="Similarity-weighted votes of the nearest current standards it owns "
        "(sum of their cosines), as a share of all votes (0..1)."
    )
    standards: list[str] = Field(default_factory=list, description="The voting standards.")


class DepartmentSource(StrEnum):
    """Where a row's departments come from."""

    clause = "clause"  # the clause (or an enclosing one) assigns the work
    remit = "remit"  # the document's issuers whose remit (corpus/remits.json) covers the domain
    all_issuers = "all-issuers"  # no remit matched: every issuer of the document
    none = "none"


class RequirementGap(BaseModel):
    id: str = Field(description="Requirement node key (first occurrence): <doc id>#<start>-<end>.")
    document: str
    topic: str
    domain: str | None = None
    clause: str | None = Field(
        default=None, description="Clause key raising the requirement (first occurrence)."
    )
    surface: str | None = None
    start: int | None = None
    end: int | None = None
    occurrences: list[Occurrence] = Field(
        default_factory=list,
        description="Every clause/span raising this topic in the document (a topic repeated "
        "across clauses is one row).",
    )
    covered: bool = Field(
        description="True when the combined evidence says a current standard addresses the "
        "topic (probability at or above the covered threshold)."
    )
    status: Verdict
    probability: float | None = Field(
        default=None,
        description="Estimated probability that a current standard addresses the topic "
        "(the neighbourhood rule over the vector evidence, see docs/gaps.md).",
    )
    reason: str = Field(default="", description="Why: the evidence behind the verdict.")
    best_score: float | None = None
    matches: list[StandardMatch] = Field(
        default_factory=list,
        description="Top 3 current standards, best first: the evidence for the verdict.",
    )
    departments: list[str] = Field(
        default_factory=list,
        description="Who is responsible: the clause's own assignments, else the issuers whose "
        "remit covers the domain, else all issuers (see departments_source).",
    )
    departments_source: DepartmentSource = DepartmentSource.none
    committees: list[CommitteeVote] = Field(
        default_factory=list,
        description="Technical committees closest to the topic (votes of the committees owning "
        "the nearest current standards, weighted by similarity), best first.",
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
    covered: float = Field(description="Probability at or above which a topic is covered.")
    partial: float = Field(description="Probability at or above which a gap is 'partial'.")
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


class OverlapRelation(StrEnum):
    """Why two standards are reported together."""

    common_text = "common-text"
    near_duplicate = "near-duplicate"


class OverlapPair(BaseModel):
    a: OverlapParty
    b: OverlapParty
    relation: OverlapRelation | None = Field(
        default=None,
        description="For standards: 'common-text' (one text published by two bodies, e.g. "
        "ITU-T X.509 | ISO/IEC 9594-8, or an endorsement) or 'near-duplicate' (embedding "
        "similarity across bodies).",
    )
    score: float | None = Field(
        default=None,
        description="Cosine similarity of the two embeddings (null for a common text whose "
        "works have no vector).",
    )
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
