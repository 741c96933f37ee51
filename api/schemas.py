"""HTTP request and response models of the API routers (standards, documents, meta, errors).

Why explicit models: they are the published contract (OpenAPI at ``/docs``), they keep graph
internals such as embeddings out of responses, and they make a missing field a test failure
instead of a silent ``null``. The search, gap and overlap results are the analysis services'
own models (``analysis/models.py``), served as they are.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class StandardSummary(BaseModel):
    key: str
    ref: str | None = None
    title: str | None = None
    status: str | None = None
    year: int | None = None
    published: str | None = None
    in_catalogue: bool = Field(
        default=True,
        description="False for a cited document the loaded catalogues do not hold (an IETF "
        "RFC, an EN, an edition the catalogue lacks): it is listed, but has no page.",
    )
    family: bool = Field(
        default=False,
        description="A citation of a multi-part series without a part number ('IEC 61850').",
    )
    parts: int | None = Field(
        default=None, description="For a series: how many of its parts the catalogue holds."
    )
    surface: str | None = Field(
        default=None, description="For a citation: the reference as the abstract writes it."
    )


class PolicyMention(BaseModel):
    doc_id: str | None = None
    doc_title: str | None = None
    clause_key: str | None = None
    clause_heading: str | None = None
    surface: str | None = None
    start: int | None = None
    end: int | None = None


class CommitteeInfo(BaseModel):
    ref: str
    title: str | None = None
    parent: str | None = None


class IcsInfo(BaseModel):
    code: str
    title: str | None = None


class DomainRef(BaseModel):
    key: str
    name: str | None = None
    via: list[str] = Field(default_factory=list)


class StandardDetail(BaseModel):
    key: str
    ref: str | None = None
    work: str | None = None
    title: str | None = None
    abstract: str | None = None
    doctype: str | None = None
    status: str | None = None
    published: str | None = None
    year: int | None = None
    edition: str | None = None
    publisher: str | None = None
    stage: str | None = None
    url: str | None = None
    aliases: list[str] = Field(default_factory=list)
    committee: CommitteeInfo | None = None
    ics: list[IcsInfo] = Field(default_factory=list)
    domains: list[DomainRef] = Field(default_factory=list)
    editions: list[StandardSummary] = Field(
        default_factory=list, description="Every edition of the same work, newest first."
    )
    replaces: list[StandardSummary] = Field(default_factory=list)
    replaced_by: list[StandardSummary] = Field(default_factory=list)
    amends: list[StandardSummary] = Field(default_factory=list)
    amended_by: list[StandardSummary] = Field(default_factory=list)
    part_of: list[StandardSummary] = Field(default_factory=list)
    parts: list[StandardSummary] = Field(default_factory=list)
    cites: list[StandardSummary] = Field(default_factory=list)
    cited_by: list[StandardSummary] = Field(default_factory=list)
    mentioned_in: list[PolicyMention] = Field(default_factory=list)
    requested: str = Field(description="The reference as requested, normalized.")


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    issuers: list[str] = Field(default_factory=list)
    date: str | None = None
    number: str | None = None
    language: str | None = None
    type: str | None = None
    stub: bool = False
    clauses: int = 0
    requirements: int = 0
    standards: int = 0


class DocumentList(BaseModel):
    documents: list[DocumentSummary]
    total: int


class ClauseOut(BaseModel):
    key: str
    number: str | None = None
    heading: str | None = None
    level: int | None = None
    start: int | None = None
    end: int | None = None
    parent: str | None = None
    domains: list[str] = Field(default_factory=list)


class ExtractedItem(BaseModel):
    """One item the extractor found in the document, with its span."""

    type: str = Field(description="standard, organization, policy, requirement, target, domain")
    surface: str | None = None
    start: int | None = None
    end: int | None = None
    clause_key: str | None = None
    target: str | None = Field(default=None, description="Key of the node it resolves to.")
    label: str | None = Field(default=None, description="Human-readable value (title, topic).")


class DocumentDetail(DocumentSummary):
    source: str | None = None
    checksum: str | None = None
    extractor: str | None = None
    clause_list: list[ClauseOut] = Field(default_factory=list)
    items: list[ExtractedItem] = Field(default_factory=list)


class DocumentIn(BaseModel):
    title: str = Field(min_length=1, max_length=500)
    text: str = Field(min_length=1)
    id: str | None = Field(default=None, max_length=200, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class DocumentIngested(BaseModel):
    id: str
    title: str | None = None
    status: str = Field(description="ingested, replaced or unchanged")
    counts: dict[str, int] = Field(default_factory=dict)


class DocumentDeleted(BaseModel):
    id: str
    deleted: bool
    counts: dict[str, int] = Field(default_factory=dict)


class DomainOut(BaseModel):
    key: str
    name: str | None = None
    description: str | None = None
    standards: int = 0
    current_standards: int = 0
    clauses: int = 0
    requirements: int = 0


class OrganizationOut(BaseModel):
    key: str
    name: str | None = None
    abbreviation: str | None = None
    kind: str | None = None
    country: str | None = None
    documents_issued: int = 0
    assigned: int = 0
    mentioned: int = 0


class IndexState(BaseModel):
    name: str
    state: str
    type: str | None = None


class HealthOut(BaseModel):
    status: str = Field(description="ok, degraded or down")
    neo4j: bool
    neo4j_error: str | None = None
    indexes: list[IndexState] = Field(default_factory=list)
    missing_indexes: list[str] = Field(default_factory=list)
    model_loaded: bool
    model: str | None = None
    counts: dict[str, int] = Field(default_factory=dict)


class ErrorOut(BaseModel):
    detail: str
