"""Every Cypher statement of the graph package, in one place.

Why one module: reviewers check parameterization and index use in one file, and the statements
that must agree with each other (the keys MERGEd on, the ``origins`` bookkeeping on edges) sit
side by side. All values travel as parameters; only labels, types and index names are literal.

Bookkeeping used by the catalogue writer (see docs/graph-model.md):
- ``Standard.record_hashes``: ``"<origin>=<content hash>"`` per catalogue row feeding the node,
  where origin = ``"<catalogue file>#<reference as written>"``.
- ``origins`` on every edge derived from a catalogue row: which rows assert it. A changed row
  first withdraws its origin from all edges (an edge left with none is deleted), then re-asserts.
- ``Standard.links_pending``: set when a row is written, removed once its relations, citations
  and domains are linked, so an interrupted load resumes the linking.
"""

from __future__ import annotations

# ============================================================================================
# Schema (graph/schema.py)
# ============================================================================================

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
}

_VECTOR_OPTIONS = (
    "OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}"
)
_FULLTEXT_OPTIONS = "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}"

INDEXES = {
    "standard_embedding": "CREATE VECTOR INDEX standard_embedding IF NOT EXISTS "
    f"FOR (n:Standard) ON (n.embedding) {_VECTOR_OPTIONS}",
    "clause_embedding": "CREATE VECTOR INDEX clause_embedding IF NOT EXISTS "
    f"FOR (n:Clause) ON (n.embedding) {_VECTOR_OPTIONS}",
    "requirement_embedding": "CREATE VECTOR INDEX requirement_embedding IF NOT EXISTS "
    f"FOR (n:Requirement) ON (n.embedding) {_VECTOR_OPTIONS}",
    "standard_text": "CREATE FULLTEXT INDEX standard_text IF NOT EXISTS "
    f"FOR (n:Standard) ON EACH [n.title, n.abstract, n.ref] {_FULLTEXT_OPTIONS}",
    "clause_text": "CREATE FULLTEXT INDEX clause_text IF NOT EXISTS "
    f"FOR (n:Clause) ON EACH [n.heading, n.text] {_FULLTEXT_OPTIONS}",
    "requirement_text": "CREATE FULLTEXT INDEX requirement_text IF NOT EXISTS "
    f"FOR (n:Requirement) ON EACH [n.topic, n.surface] {_FULLTEXT_OPTIONS}",
    "standard_work": "CREATE INDEX standard_work IF NOT EXISTS FOR (n:Standard) ON (n.work)",
    "standard_status": "CREATE INDEX standard_status IF NOT EXISTS FOR (n:Standard) ON (n.status)",
    "document_checksum": "CREATE INDEX document_checksum IF NOT EXISTS "
    "FOR (n:Document) ON (n.checksum)",
}

INDEX_STATES = (
    "SHOW INDEXES YIELD name, state, populationPercent RETURN name, state, populationPercent"
)
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# ============================================================================================
# Catalogue: standards (graph/writer.py)
# ============================================================================================

STANDARD_STATE = """
UNWIND $keys AS key
MATCH (s:Standard {key: key})
RETURN s.key AS key, coalesce(s.record_hashes, []) AS hashes,
       coalesce(s.links_pending, false) AS links_pending,
       s.embedding IS NOT NULL AS embedded
"""

# a changed row withdraws its assertions before re-asserting them (either direction: the
# inverse ISO "updates" edges start at the other node)
WITHDRAW_ORIGINS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})-[r]-()
WHERE row.origin IN coalesce(r.origins, [])
SET r.origins = [o IN r.origins WHERE o <> row.origin]
WITH r WHERE size(r.origins) = 0
DELETE r
"""

# Property precedence: the row with the lowest rank (the publisher's own catalogue, the plain
# copy rather than IEC's RLV) sets every value it has; every value it lacks is filled from the
# other rows. That rule gives the same node whatever order the rows arrive in.
STANDARD_PROPERTIES = (
    "ref",
    "work",
    "title",
    "abstract",
    "doctype",
    "status",
    "stage",
    "published",
    "year",
    "edition",
    "version",
    "publisher",
    "url",
    "committee",
    "keywords",
    "edition_order",
)
_FILL = ",\n    ".join(
    f"s.{name} = coalesce(s.{name}, row.props.{name})" for name in STANDARD_PROPERTIES
)

MERGE_STANDARDS = f"""
UNWIND $rows AS row
MERGE (s:Standard {{key: row.key}})
WITH s, row, (s.rank IS NULL OR row.rank <= s.rank) AS wins
SET s += CASE WHEN wins THEN row.props ELSE {{}} END,
    s.rank = CASE WHEN wins THEN row.rank ELSE s.rank END,
    s.content_hash = CASE WHEN wins THEN row.hash ELSE s.content_hash END,
    {_FILL},
    s.aliases = CASE WHEN row.ref IN coalesce(s.aliases, []) THEN s.aliases
                     ELSE coalesce(s.aliases, []) + row.ref END,
    s.sources = CASE WHEN row.source IN coalesce(s.sources, []) THEN s.sources
                     ELSE coalesce(s.sources, []) + row.source END,
    s.record_hashes = [h IN coalesce(s.record_hashes, [])
                       WHERE NOT h STARTS WITH row.origin + '=']
                      + (row.origin + '=' + row.hash),
    s.links_pending = true
"""

LINK_CLASSIFICATION = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
UNWIND row.ics AS code
MERGE (i:ICS {code: code})
  ON CREATE SET i.level = size(split(code, '.'))
MERGE (s)-[r:CLASSIFIED_AS]->(i)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END
"""

LINK_COMMITTEE = """
UNWIND $rows AS row
WITH row WHERE row.committee IS NOT NULL
MATCH (s:Standard {key: row.key})
MERGE (c:Committee {ref: row.committee})
SET c.title = coalesce(c.title, row.committee_title)
MERGE (s)-[r:OWNED_BY]->(c)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END
"""

# the ics property mirrors the CLASSIFIED_AS edges (re-derived when a row changes)
SYNC_ICS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
OPTIONAL MATCH (s)-[:CLASSIFIED_AS]->(i:ICS)
WITH s, collect(i.code) AS codes
SET s.ics = codes
"""

LINK_PUBLISHERS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
UNWIND row.publishers AS name
MERGE (p:Publisher {name: name})
MERGE (s)-[r:PUBLISHED_BY]->(p)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END
"""

# one statement per relationship type (types cannot be parameters without APOC)
_LINK_RELATION = """
UNWIND $rows AS row
MATCH (a:Standard {{key: row.start}}), (b:Standard {{key: row.end}})
WHERE a <> b
MERGE (a)-[r:{type}]->(b)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.source = row.source
RETURN count(r) AS linked
"""
LINK_RELATION = {
    kind: _LINK_RELATION.format(type=kind) for kind in ("REPLACES", "AMENDS", "PART_OF", "ADOPTS")
}

# a citation with a year points at that edition
LINK_CITES_EDITION = """
UNWIND $rows AS row
MATCH (a:Standard {key: row.start}), (b:Standard {key: row.end})
WHERE a <> b AND a.work <> b.work
MERGE (a)-[r:CITES]->(b)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.source = 'abstract', r.surface = row.surface, r.resolved = 'edition'
RETURN count(r) AS linked
"""

# a citation without a year points at the current edition of the work (the newest current
# one when several are; the newest edition at all when none is current)
LINK_CITES_CURRENT = """
UNWIND $rows AS row
MATCH (a:Standard {key: row.start})
MATCH (b:Standard {work: row.work})
WHERE a.work <> b.work
WITH row, a, b
ORDER BY CASE b.status WHEN 'current' THEN 0 ELSE 1 END, b.published DESC, b.key DESC
WITH row, a, collect(b)[0] AS b
MERGE (a)-[r:CITES]->(b)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.source = 'abstract', r.surface = row.surface,
    r.resolved = CASE WHEN b.status = 'current' THEN 'current' ELSE 'latest' END
RETURN count(r) AS linked
"""

LINK_DOMAINS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key}), (d:Domain {key: row.domain})
MERGE (s)-[r:IN_DOMAIN]->(d)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.via = reduce(acc = coalesce(r.via, []), v IN row.via |
                   CASE WHEN v IN acc THEN acc ELSE acc + v END),
    r.score = CASE WHEN r.score IS NULL OR row.score > r.score THEN row.score ELSE r.score END
RETURN count(r) AS linked
"""

CLEAR_LINKS_PENDING = """
UNWIND $keys AS key
MATCH (s:Standard {key: key})
REMOVE s.links_pending
"""

PENDING_LINK_KEYS = "MATCH (s:Standard) WHERE s.links_pending RETURN s.key AS key"

# ITU lists one row per edition and ETSI one per version: chain them newest -> older with
# REPLACES, and for ETSI (which states no status) the newest version is current.
LINK_EDITIONS = """
UNWIND $works AS work
MATCH (s:Standard {work: work})
WHERE s.edition_order IS NOT NULL AND coalesce(s.status, '') <> 'development'
WITH work, s ORDER BY s.edition_order
WITH work, collect(s) AS editions
UNWIND range(0, size(editions) - 1) AS i
WITH editions[i] AS edition, i, editions
FOREACH (_ IN CASE WHEN edition.publisher = 'ETSI' THEN [1] ELSE [] END |
  SET edition.status = CASE WHEN i = size(editions) - 1 THEN 'current' ELSE 'withdrawn' END)
WITH edition, i, editions WHERE i > 0
WITH edition AS newer, editions[i - 1] AS older
MERGE (newer)-[r:REPLACES]->(older)
  ON CREATE SET r.source = 'editions', r.origins = ['editions']
RETURN count(r) AS linked
"""

# the caller hashes the node's embedding text and compares it with embedding_hash
STANDARD_TEXTS = """
UNWIND $keys AS key
MATCH (s:Standard {key: key})
RETURN s.key AS key, s.ref AS ref, s.title AS title, s.abstract AS abstract,
       s.embedding_hash AS embedding_hash, s.embedding IS NOT NULL AS embedded
"""

SET_EMBEDDINGS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
SET s.embedding = row.vector, s.embedding_hash = row.hash
"""

# ============================================================================================
# Taxonomies (graph/taxonomy.py)
# ============================================================================================

MERGE_ICS = """
UNWIND $rows AS row
MERGE (i:ICS {code: row.code})
SET i.title = row.title, i.level = row.level, i.notes = row.notes
WITH i, row WHERE row.parent IS NOT NULL
MERGE (p:ICS {code: row.parent})
  ON CREATE SET p.level = row.level - 1
MERGE (i)-[:BROADER]->(p)
"""

MERGE_COMMITTEES = """
UNWIND $rows AS row
MERGE (c:Committee {ref: row.ref})
SET c.title = row.title, c.scope = row.scope, c.status = row.status, c.kind = row.kind
WITH c, row WHERE row.parent IS NOT NULL
MERGE (p:Committee {ref: row.parent})
MERGE (c)-[:SUB_OF]->(p)
"""

MERGE_PUBLISHERS = """
UNWIND $names AS name
MERGE (:Publisher {name: name})
"""

DOMAIN_HASHES = "MATCH (d:Domain) RETURN d.key AS key, d.content_hash AS hash"

MERGE_DOMAINS = """
UNWIND $rows AS row
MERGE (d:Domain {key: row.key})
SET d.name = row.name, d.description = row.description, d.aliases = row.aliases,
    d.committees = row.committees, d.content_hash = row.hash
WITH d, row
OPTIONAL MATCH (d)-[old:MAPS_TO]->(i:ICS)
WHERE NOT i.code IN row.ics
DELETE old
WITH DISTINCT d, row
UNWIND row.ics AS code
MERGE (i:ICS {code: code})
  ON CREATE SET i.level = size(split(code, '.'))
MERGE (d)-[:MAPS_TO]->(i)
"""

# ============================================================================================
# Inspection (tests, benchmarks, summaries)
# ============================================================================================

COUNT_NODES = "MATCH (n) RETURN count(n) AS count"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() RETURN count(r) AS count"
COUNT_BY_LABEL = """
MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label
"""
COUNT_BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type"

# a content checksum of the graph is computed in Python (tests, benchmarks) from these rows:
# every node with its properties (the embedding itself excluded; embedding_hash stands for it)
# and every relationship with the keys of its ends and its properties
CHECKSUM_NODES = """
MATCH (n)
RETURN labels(n) AS labels, [k IN keys(n) WHERE k <> 'embedding' | [k, n[k]]] AS props
"""
CHECKSUM_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.key, a.code, a.ref, a.name, a.id) AS start,
       coalesce(b.key, b.code, b.ref, b.name, b.id) AS end,
       [k IN keys(r) | [k, r[k]]] AS props
"""


# --- policy documents ---
# Owned by the policy-ingestion side (graph/ingest_policies.py, graph/remove.py). Every query
# that writes items UNWINDs a batch, so one document costs one query per item type. Evidence
# maps (doc_id, clause, start, end, surface, extractor) are copied onto every relationship
# derived from text; MERGE on (doc_id, start, end) keeps one edge per occurrence.

POLICY_DOCUMENT_STATE = """
MATCH (d:Document {id: $doc_id})
RETURN d.checksum AS checksum, d.extractor AS extractor, d.title AS title,
       d.policy_key AS policy_key, coalesce(d.stub, false) AS stub,
       COUNT { (d)-[:HAS_CLAUSE]->() } AS clauses,
       COUNT { ()-[:REFERS_TO]->(d) } AS cited_by
"""

# What a document's contribution touches outside itself, so that after it is replaced or
# removed the stubs and policy-created organizations nobody uses any more can be removed.
POLICY_CONTRIBUTION_NEIGHBOURS = """
MATCH (d:Document {id: $doc_id})
RETURN
  COLLECT { MATCH (d)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(s:Standard)
            RETURN DISTINCT s.key } AS standards,
  COLLECT { MATCH (d)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS_ORG|ASSIGNS]->(o:Organization)
            RETURN DISTINCT o.key
            UNION
            MATCH (o:Organization)-[:ISSUED]->(d) RETURN DISTINCT o.key } AS organizations,
  COLLECT { MATCH (d)-[:HAS_CLAUSE]->(:Clause)-[r:REFERS_TO]->(:Document)
            RETURN DISTINCT r.policy_key } AS policy_keys
"""

POLICY_DELETE_CONTRIBUTION = """
MATCH (d:Document {id: $doc_id})
CALL (d) { MATCH (:Organization)-[i:ISSUED]->(d) DELETE i }
CALL (d) { MATCH (r:Requirement {doc_id: d.id}) DETACH DELETE r }
CALL (d) { MATCH (t:Target {doc_id: d.id}) DETACH DELETE t }
CALL (d) { MATCH (c:Clause {doc_id: d.id}) DETACH DELETE c }
RETURN d.id AS id
"""

POLICY_UPSERT_DOCUMENT = """
MERGE (d:Document {id: $doc.id})
SET d += $doc, d.stub = false
"""

POLICY_WRITE_CLAUSES = """
MATCH (d:Document {id: $doc_id})
UNWIND $rows AS row
MERGE (c:Clause {key: row.key})
SET c.doc_id = row.doc_id, c.id = row.id, c.number = row.number, c.heading = row.heading,
    c.level = row.level, c.order = row.order, c.start = row.start, c.end = row.end,
    c.text = row.text, c.embedding = row.embedding
MERGE (d)-[h:HAS_CLAUSE]->(c)
SET h.order = row.order
"""

POLICY_WRITE_CLAUSE_PARENTS = """
UNWIND $rows AS row
WITH row WHERE row.parent_key IS NOT NULL
MATCH (c:Clause {key: row.key}), (p:Clause {key: row.parent_key})
MERGE (c)-[:PARENT]->(p)
"""

POLICY_WRITE_REQUIREMENTS = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
MERGE (r:Requirement {key: row.key})
SET r.doc_id = row.doc_id, r.clause_key = row.clause_key, r.topic = row.topic,
    r.action = row.action, r.domain = row.domain, r.start = row.start, r.end = row.end,
    r.surface = row.surface, r.embedding = row.embedding
MERGE (c)-[e:RAISES]->(r)
SET e += row.evidence
WITH r, row WHERE row.domain IS NOT NULL
MERGE (dom:Domain {key: row.domain})
ON CREATE SET dom.name = row.domain_name
MERGE (r)-[i:IN_DOMAIN]->(dom)
SET i += row.evidence
"""

POLICY_WRITE_TARGETS = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
MERGE (t:Target {key: row.key})
SET t.doc_id = row.doc_id, t.value = row.value, t.comparator = row.comparator,
    t.unit = row.unit, t.year = row.year, t.start = row.start, t.end = row.end,
    t.surface = row.surface
MERGE (c)-[e:SETS]->(t)
SET e += row.evidence
"""

# A dated mention ("ISO 37120:2018") names one publication: MERGE on its key. An undated one
# ("ISO 37120") means the standard as it stands: the current, non-amendment, latest edition of
# the work if the catalogue has one, else a placeholder keyed by the work that the catalogue
# (or `relink` below) resolves later. `resolved` records which of the three happened.
POLICY_WRITE_STANDARD_MENTIONS = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
CALL (row) {
  OPTIONAL MATCH (cur:Standard {work: row.work})
  WHERE NOT row.dated AND cur.status = 'current' AND cur.sources IS NOT NULL
  RETURN cur
  ORDER BY CASE WHEN cur.key =~ '.*/(Amd|AMD|Cor|COR).*' THEN 1 ELSE 0 END,
           cur.published DESC, cur.key DESC
  LIMIT 1
}
MERGE (s:Standard {key: coalesce(cur.key, row.key)})
ON CREATE SET s.stub = true, s.status = 'unknown', s.ref = row.key, s.work = row.work,
              s.publisher = row.publisher
FOREACH (_ IN CASE WHEN s.stub AND s.sources IS NOT NULL THEN [1] ELSE [] END |
  REMOVE s.stub)
MERGE (c)-[m:MENTIONS {doc_id: row.evidence.doc_id, start: row.evidence.start,
                       end: row.evidence.end}]->(s)
SET m += row.evidence, m.cited_as = row.key,
    m.resolved = CASE WHEN cur IS NOT NULL THEN 'current'
                      WHEN s.sources IS NULL THEN 'stub' ELSE 'edition' END
"""

POLICY_WRITE_ORGANIZATION_MENTIONS = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
MERGE (o:Organization {key: row.key})
ON CREATE SET o.origin = 'policy'
SET o.name = coalesce(o.name, row.name), o.kind = coalesce(o.kind, row.kind),
    o.abbreviation = coalesce(o.abbreviation, row.abbreviation),
    o.country = coalesce(o.country, row.country)
MERGE (c)-[m:MENTIONS_ORG {doc_id: row.evidence.doc_id, start: row.evidence.start,
                           end: row.evidence.end}]->(o)
SET m += row.evidence, m.role = row.role
FOREACH (_ IN CASE WHEN row.role = 'assigned' THEN [1] ELSE [] END |
  MERGE (c)-[a:ASSIGNS {doc_id: row.evidence.doc_id, start: row.evidence.start,
                        end: row.evidence.end}]->(o)
  SET a += row.evidence)
"""

POLICY_WRITE_ISSUERS = """
MATCH (d:Document {id: $doc_id})
UNWIND $rows AS row
MERGE (o:Organization {key: row.key})
ON CREATE SET o.origin = 'policy'
SET o.name = coalesce(o.name, row.name), o.kind = coalesce(o.kind, row.kind),
    o.abbreviation = coalesce(o.abbreviation, row.abbreviation),
    o.country = coalesce(o.country, row.country)
MERGE (o)-[i:ISSUED]->(d)
SET i += row.evidence
"""

POLICY_WRITE_DOMAIN_MENTIONS = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
MERGE (dom:Domain {key: row.domain})
ON CREATE SET dom.name = row.domain_name
MERGE (c)-[a:ABOUT {doc_id: row.evidence.doc_id, start: row.evidence.start,
                    end: row.evidence.end}]->(dom)
SET a += row.evidence, a.score = row.score
"""

# A cited policy resolves to an ingested Document of the same policy_key (the first by id) or
# else to the stub `policy:<key>`; `relink` moves citations when that answer changes.
POLICY_WRITE_REFERENCES = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
CALL (row) {
  OPTIONAL MATCH (real:Document {policy_key: row.policy_key})
  WHERE coalesce(real.stub, false) = false AND real.id <> $doc_id
  RETURN real ORDER BY real.id LIMIT 1
}
MERGE (t:Document {id: coalesce(real.id, row.stub_id)})
ON CREATE SET t.stub = true, t.policy_key = row.policy_key, t.title = row.policy_title,
              t.type = row.type
MERGE (c)-[r:REFERS_TO {doc_id: row.evidence.doc_id, start: row.evidence.start,
                        end: row.evidence.end}]->(t)
SET r += row.evidence, r.type = row.type, r.policy_key = row.policy_key
"""

# The document each policy key should be cited as now: its first ingested Document (excluding
# one that is being removed), else null (= the stub).
POLICY_REFERENCE_TARGETS = """
UNWIND $policy_keys AS key
CALL (key) {
  OPTIONAL MATCH (real:Document {policy_key: key})
  WHERE coalesce(real.stub, false) = false AND real.id <> $exclude_id
  RETURN real ORDER BY real.id LIMIT 1
}
RETURN key, real.id AS target_id
"""

# Move every citation of a policy key onto its current target (creating the stub if needed).
POLICY_RELINK_REFERENCES = """
UNWIND $moves AS move
MERGE (t:Document {id: move.target_id})
ON CREATE SET t.stub = true, t.policy_key = move.policy_key, t.title = move.title,
              t.type = move.type
WITH move, t
MATCH (c:Clause)-[r:REFERS_TO {policy_key: move.policy_key}]->(old:Document)
WHERE old <> t
CREATE (c)-[moved:REFERS_TO]->(t)
SET moved = properties(r)
DELETE r
RETURN count(moved) AS moved
"""

POLICY_DELETE_DOCUMENT_NODE = """
MATCH (d:Document {id: $doc_id})
DETACH DELETE d
"""

# Leftovers nobody uses any more: stubs created for mentions and citations, and
# organizations that only policy ingestion created. Catalogue nodes are never touched.
POLICY_DELETE_ORPHANS = """
CALL () {
  MATCH (s:Standard) WHERE s.key IN $standard_keys AND s.stub = true AND s.sources IS NULL
    AND NOT (s)--()
  DELETE s RETURN count(s) AS standards
}
CALL () {
  MATCH (o:Organization) WHERE o.key IN $organization_keys AND o.origin = 'policy'
    AND NOT (o)--()
  DELETE o RETURN count(o) AS organizations
}
CALL () {
  MATCH (p:Document) WHERE p.id IN $stub_ids AND p.stub = true AND NOT ()-[:REFERS_TO]->(p)
  DETACH DELETE p RETURN count(p) AS documents
}
RETURN standards, organizations, documents
"""

# A placeholder the catalogue has since filled (it has `sources` now) is a stub no more.
POLICY_CLEAR_FILLED_STUBS = """
MATCH (s:Standard {stub: true}) WHERE s.sources IS NOT NULL
REMOVE s.stub
RETURN count(s) AS filled
"""

# Re-point undated mentions whose placeholder now has a current catalogue edition (the
# catalogue was loaded after the policy). Cheap: only stub Standards are visited.
POLICY_RESOLVE_STUB_MENTIONS = """
MATCH (stub:Standard {stub: true})<-[m:MENTIONS]-(c:Clause)
WHERE stub.key = stub.work
CALL (stub) {
  MATCH (cur:Standard {work: stub.work})
  WHERE cur.status = 'current' AND cur.sources IS NOT NULL
  RETURN cur
  ORDER BY CASE WHEN cur.key =~ '.*/(Amd|AMD|Cor|COR).*' THEN 1 ELSE 0 END,
           cur.published DESC, cur.key DESC
  LIMIT 1
}
CREATE (c)-[moved:MENTIONS]->(cur)
SET moved = properties(m), moved.resolved = 'current'
DELETE m
WITH DISTINCT stub
WHERE NOT (stub)--()
DELETE stub
RETURN count(*) AS resolved_stubs
"""

POLICY_DOCUMENT_IDS = """
MATCH (d:Document) WHERE coalesce(d.stub, false) = false
RETURN d.id AS id, d.title AS title, d.policy_key AS policy_key, d.checksum AS checksum
ORDER BY d.id
"""


# --- throw-away databases (tests, benchmarks) ---
# Batched so a large graph is deleted without holding it all in one transaction; must run in an
# auto-commit transaction (session.run), which CALL ... IN TRANSACTIONS requires.
WIPE_DATABASE = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


# --- demo orchestration (stdkg/demo.py) ---
# Node counts per label from the count store (constant time), used to check that a graph the
# demo stamp describes is still there before skipping an unchanged ingest.
COUNT_DEMO_NODES = """
MATCH (n:Standard) RETURN 'Standard' AS label, count(n) AS count
UNION ALL MATCH (n:Document) RETURN 'Document' AS label, count(n) AS count
UNION ALL MATCH (n:Clause) RETURN 'Clause' AS label, count(n) AS count
UNION ALL MATCH (n:Requirement) RETURN 'Requirement' AS label, count(n) AS count
UNION ALL MATCH (n:Domain) RETURN 'Domain' AS label, count(n) AS count
UNION ALL MATCH (n:ICS) RETURN 'ICS' AS label, count(n) AS count
"""
