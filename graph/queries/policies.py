"""Policy documents: writing one document's contribution, replacing it, removing it, stubs
(``graph/ingest_policies.py``, ``graph/remove.py``).
"""

from __future__ import annotations

# --- policy documents ---
# Owned by the policy-ingestion side (graph/ingest_policies.py, graph/remove.py). Every query
# that writes items UNWINDs a batch, so one document costs one query per item type. Evidence
# maps (doc_id, clause, start, end, surface, extractor) are copied onto every relationship
# derived from text. The clauses are written fresh in the same transaction (the old ones are
# deleted first), so their edges are CREATEd, one per occurrence (``graph/policy_rows.py``
# drops duplicate occurrences): a MERGE on (doc_id, start, end) had to compare each new edge
# with every edge of its clause, quadratic in a long clause (7,350 ABOUT edges: ~30 s).

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
CREATE (c)-[e:RAISES]->(r)
SET e += row.evidence
WITH r, row WHERE row.domain IS NOT NULL
MERGE (dom:Domain {key: row.domain})
ON CREATE SET dom.name = row.domain_name
CREATE (r)-[i:IN_DOMAIN]->(dom)
SET i += row.evidence
"""

POLICY_WRITE_TARGETS = """
UNWIND $rows AS row
MATCH (c:Clause {key: row.clause_key})
MERGE (t:Target {key: row.key})
SET t.doc_id = row.doc_id, t.value = row.value, t.comparator = row.comparator,
    t.unit = row.unit, t.year = row.year, t.start = row.start, t.end = row.end,
    t.surface = row.surface
CREATE (c)-[e:SETS]->(t)
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
CREATE (c)-[m:MENTIONS]->(s)
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
CREATE (c)-[m:MENTIONS_ORG]->(o)
SET m += row.evidence, m.role = row.role
FOREACH (_ IN CASE WHEN row.role = 'assigned' THEN [1] ELSE [] END |
  CREATE (c)-[a:ASSIGNS]->(o)
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
CREATE (c)-[a:ABOUT]->(dom)
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
CREATE (c)-[r:REFERS_TO]->(t)
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
