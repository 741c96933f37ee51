"""Document reads (``GET /documents``...): lists, detail, extracted items."""

from __future__ import annotations

# --- documents ------------------------------------------------------------------------------
LIST_DOCUMENTS = """
MATCH (d:Document)
WHERE $include_stubs OR NOT coalesce(d.stub, false)
WITH d ORDER BY d.id
SKIP $skip LIMIT $limit
RETURN d {.id, .title, .issuers, .date, .number, .language, .type, .stub} AS document,
       COUNT { (d)-[:HAS_CLAUSE]->(:Clause) } AS clauses,
       COUNT { (d)-[:HAS_CLAUSE]->(:Clause)-[:RAISES]->(:Requirement) } AS requirements,
       COUNT { (d)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(:Standard) } AS standards
"""

COUNT_DOCUMENTS = """
MATCH (d:Document)
WHERE $include_stubs OR NOT coalesce(d.stub, false)
RETURN count(d) AS total
"""

DOCUMENT_DETAIL = """
MATCH (d:Document {id: $id})
RETURN d {.id, .title, .issuers, .date, .number, .language, .type, .stub, .source,
          .checksum, .extractor} AS document,
       COUNT { (d)-[:HAS_CLAUSE]->(:Clause)-[:RAISES]->(:Requirement) } AS requirements,
       COUNT { (d)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(:Standard) } AS standards
"""

DOCUMENT_CLAUSES = """
MATCH (:Document {id: $id})-[:HAS_CLAUSE]->(c:Clause)
OPTIONAL MATCH (c)-[:PARENT]->(p:Clause)
RETURN c.key AS key, c.number AS number, c.heading AS heading, c.level AS level,
       c.start AS start, c.end AS end, p.key AS parent,
       [(c)-[:ABOUT]->(dm:Domain) | dm.key] AS domains
ORDER BY c.start, c.key
"""

# Every extracted item of a document with its span, from the relationships' evidence.
DOCUMENT_ITEMS = """
MATCH (:Document {id: $id})-[:HAS_CLAUSE]->(c:Clause)
CALL (c) {
  MATCH (c)-[m:MENTIONS]->(s:Standard)
  RETURN 'standard' AS type, m.surface AS surface, m.start AS start, m.end AS end,
         s.key AS target, s.title AS label
  UNION ALL
  MATCH (c)-[m:MENTIONS_ORG|ASSIGNS]->(o:Organization)
  RETURN CASE type(m) WHEN 'ASSIGNS' THEN 'organization-assigned' ELSE 'organization' END
           AS type, m.surface AS surface, m.start AS start, m.end AS end,
         o.key AS target, o.name AS label
  UNION ALL
  MATCH (c)-[m:REFERS_TO]->(p:Document)
  RETURN 'policy' AS type, m.surface AS surface, m.start AS start, m.end AS end,
         p.id AS target, p.title AS label
  UNION ALL
  MATCH (c)-[:RAISES]->(r:Requirement)
  RETURN 'requirement' AS type, r.surface AS surface, r.start AS start, r.end AS end,
         r.key AS target, r.topic AS label
  UNION ALL
  MATCH (c)-[:SETS]->(t:Target)
  RETURN 'target' AS type, t.surface AS surface, t.start AS start, t.end AS end,
         t.key AS target, toString(t.value) + coalesce(' ' + t.unit, '') AS label
  UNION ALL
  MATCH (c)-[m:ABOUT]->(dm:Domain)
  WHERE m.start IS NOT NULL
  RETURN 'domain' AS type, m.surface AS surface, m.start AS start, m.end AS end,
         dm.key AS target, dm.name AS label
}
RETURN type, surface, start, end, target, label, c.key AS clause_key
ORDER BY start, type
"""

DOCUMENT_EXISTS = "MATCH (d:Document {id: $id}) RETURN d.id AS id, d.stub AS stub"
