"""Constraints and indexes (created by ``graph/schema.py``): every index name and the vector
dimension are defined here, once.
"""

from __future__ import annotations

CONSTRAINTS = {
    "standard_key": "CREATE CONSTRAINT standard_key IF NOT EXISTS "
    "FOR (n:Standard) REQUIRE n.key IS UNIQUE",
    "publisher_name": "CREATE CONSTRAINT publisher_name IF NOT EXISTS "
    "FOR (n:Publisher) REQUIRE n.name IS UNIQUE",
    "committee_ref": "CREATE CONSTRAINT committee_ref IF NOT EXISTS "
    "FOR (n:Committee) REQUIRE n.ref IS UNIQUE",
    "ics_code": "CREATE CONSTRAINT ics_code IF NOT EXISTS FOR (n:ICS) REQUIRE n.code IS UNIQUE",
    "domain_key": "CREATE CONSTRAINT domain_key IF NOT EXISTS "
    "FOR (n:Domain) REQUIRE n.key IS UNIQUE",
    "document_id": "CREATE CONSTRAINT document_id IF NOT EXISTS "
    "FOR (n:Document) REQUIRE n.id IS UNIQUE",
    "clause_key": "CREATE CONSTRAINT clause_key IF NOT EXISTS "
    "FOR (n:Clause) REQUIRE n.key IS UNIQUE",
    "organization_key": "CREATE CONSTRAINT organization_key IF NOT EXISTS "
    "FOR (n:Organization) REQUIRE n.key IS UNIQUE",
    "requirement_key": "CREATE CONSTRAINT requirement_key IF NOT EXISTS "
    "FOR (n:Requirement) REQUIRE n.key IS UNIQUE",
    "target_key": "CREATE CONSTRAINT target_key IF NOT EXISTS "
    "FOR (n:Target) REQUIRE n.key IS UNIQUE",
    # a document an abstract cites that the loaded catalogues do not hold
    "reference_key": "CREATE CONSTRAINT reference_key IF NOT EXISTS "
    "FOR (n:Reference) REQUIRE n.key IS UNIQUE",
}

# --- index names: the one definition every query and the health check use ---------------
STANDARD_EMBEDDING = "standard_embedding"
CLAUSE_EMBEDDING = "clause_embedding"
REQUIREMENT_EMBEDDING = "requirement_embedding"
STANDARD_TEXT = "standard_text"
CLAUSE_TEXT = "clause_text"
REQUIREMENT_TEXT = "requirement_text"
#: Per searchable kind, its full-text and its vector index.
FULLTEXT_INDEX_BY_KIND = {
    "standard": STANDARD_TEXT,
    "clause": CLAUSE_TEXT,
    "requirement": REQUIREMENT_TEXT,
}
VECTOR_INDEX_BY_KIND = {
    "standard": STANDARD_EMBEDDING,
    "clause": CLAUSE_EMBEDDING,
    "requirement": REQUIREMENT_EMBEDDING,
}
#: The indexes search and gap analysis cannot answer without (``GET /health`` reports them).
SEARCH_INDEXES = (*FULLTEXT_INDEX_BY_KIND.values(), *VECTOR_INDEX_BY_KIND.values())

_FULLTEXT_OPTIONS = "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}"
_VECTOR_LABELS = {
    STANDARD_EMBEDDING: "Standard",
    CLAUSE_EMBEDDING: "Clause",
    REQUIREMENT_EMBEDDING: "Requirement",
}
_OTHER_INDEXES = {
    STANDARD_TEXT: f"CREATE FULLTEXT INDEX {STANDARD_TEXT} IF NOT EXISTS "
    f"FOR (n:Standard) ON EACH [n.title, n.abstract, n.ref] {_FULLTEXT_OPTIONS}",
    CLAUSE_TEXT: f"CREATE FULLTEXT INDEX {CLAUSE_TEXT} IF NOT EXISTS "
    f"FOR (n:Clause) ON EACH [n.heading, n.text] {_FULLTEXT_OPTIONS}",
    REQUIREMENT_TEXT: f"CREATE FULLTEXT INDEX {REQUIREMENT_TEXT} IF NOT EXISTS "
    f"FOR (n:Requirement) ON EACH [n.topic, n.surface] {_FULLTEXT_OPTIONS}",
    "standard_work": "CREATE INDEX standard_work IF NOT EXISTS FOR (n:Standard) ON (n.work)",
    "standard_status": "CREATE INDEX standard_status IF NOT EXISTS FOR (n:Standard) ON (n.status)",
    # common texts are found by title (graph/catalog/cross_refs.py: title_key)
    "standard_title_key": "CREATE INDEX standard_title_key IF NOT EXISTS "
    "FOR (n:Standard) ON (n.title_key)",
    "document_checksum": "CREATE INDEX document_checksum IF NOT EXISTS "
    "FOR (n:Document) ON (n.checksum)",
}
#: Every index name ``ensure_schema`` creates and waits for.
INDEX_NAMES = (*_VECTOR_LABELS, *_OTHER_INDEXES)


def index_statements(dimensions: int) -> dict[str, str]:
    """Index name -> its CREATE statement. The vector indexes take the embedding model's
    dimension (``graph.schema.embedding_dimensions``): the graph must hold vectors of the size
    the configured model produces, whatever model that is."""
    if not isinstance(dimensions, int) or dimensions <= 0:
        raise ValueError(f"vector dimension must be a positive integer, got {dimensions!r}")
    # Full-precision vectors: with Neo4j's default int8 quantization the index scores are
    # approximate and the best 100 agreed with an exact scan only 98% of the time even when
    # asked for 1,000 candidates; without it, 99.6% (docs/benchmarks/search.md).
    options = (
        f"OPTIONS {{indexConfig: {{`vector.dimensions`: {dimensions}, "
        "`vector.similarity_function`: 'cosine', `vector.quantization.enabled`: false}}"
    )
    vectors = {
        name: f"CREATE VECTOR INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.embedding) {options}"
        for name, label in _VECTOR_LABELS.items()
    }
    return {**vectors, **_OTHER_INDEXES}


def drop_index_statement(name: str) -> str:
    """``DROP INDEX`` for one of our own indexes (index names cannot be parameters, so only
    names defined here are accepted)."""
    if name not in INDEX_NAMES:
        raise ValueError(f"not an index of the stdkg schema: {name!r}")
    return f"DROP INDEX {name} IF EXISTS"


INDEX_STATES = (
    "SHOW INDEXES YIELD name, state, populationPercent RETURN name, state, populationPercent"
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"
