"""Gap analysis reads (``analysis/gaps.py``, ``evaluation/gaps.py``)."""

from __future__ import annotations

from graph.queries.schema import STANDARD_EMBEDDING, STANDARD_TEXT

# --- gaps and overlaps ---
# Owned by the gap/overlap service (api/gaps.py, api/overlaps.py). Every query is bulk: one
# UNWIND or one seed set per call, never one query per requirement or per standard.
# Neo4j's cosine vector index scores (1 + cos) / 2; these queries return and compare the plain
# cosine (2 * score - 1), the number the embedding literature and our thresholds use.

# The requirements of one document (or all, $document null), with the domain (IN_DOMAIN
# first, else the extractor's property) and the organizations their clause, or an enclosing
# clause, assigns the work to.
GAP_REQUIREMENTS = """
MATCH (doc:Document)-[:HAS_CLAUSE]->(c:Clause)-[:RAISES]->(r:Requirement)
WHERE $document IS NULL OR doc.id = $document
WITH DISTINCT doc, c, r, head([(r)-[:IN_DOMAIN]->(x:Domain) | x]) AS dm
WITH doc, c, r, coalesce(dm.key, r.domain) AS domain, dm.name AS domain_name
WHERE $domain IS NULL OR domain = $domain
RETURN r.key AS key, doc.id AS doc_id, r.topic AS topic, r.surface AS surface,
       r.start AS start, r.end AS end, c.key AS clause, domain, domain_name,
       [(c)-[:PARENT*0..3]->(:Clause)-[:ASSIGNS]->(o:Organization)
          | coalesce(o.name, o.abbreviation, o.key)] AS departments
ORDER BY doc.id, r.start, r.key
"""

# Best CURRENT standards per requirement. A row's vector is the query embedding computed by
# the API (topic with context) or null to use the Requirement's stored embedding.
# Requirements with the same topic (a plan repeats "smart cities") share one index call.
GAP_MATCHES = (
    """
UNWIND $rows AS row
OPTIONAL MATCH (r:Requirement {key: row.key})
WITH row.key AS key, coalesce(row.vector, r.embedding) AS vector
WITH vector, collect(key) AS keys
CALL (vector) {
  WITH vector WHERE vector IS NOT NULL
  CALL db.index.vector.queryNodes('"""
    + STANDARD_EMBEDDING
    + """', $fetch, vector) YIELD node, score
  WHERE node.status = 'current'
  WITH node, 2 * score - 1 AS score ORDER BY score DESC, node.key LIMIT $top
  RETURN collect({key: node.key, ref: node.ref, title: node.title, score: score}) AS matches
}
UNWIND keys AS key
RETURN key, matches
"""
)

# Gold-topic matching for calibration (api/evaluate_gaps.py): same index call, more matches.
GAP_MATCH_VECTORS = (
    """
UNWIND $rows AS row
CALL (row) {
  CALL db.index.vector.queryNodes('"""
    + STANDARD_EMBEDDING
    + """', $fetch, row.vector) YIELD node, score
  WHERE node.status = 'current'
  WITH node, 2 * score - 1 AS score ORDER BY score DESC, node.key LIMIT $top
  RETURN collect({key: node.key, ref: node.ref, work: node.work, title: node.title,
                  score: score}) AS matches
}
RETURN row.id AS id, matches
"""
)

# The evidence of the combined verdict (analysis/gaps.py), for ALL rows in ONE query: per row
# (id, vector or null for the Requirement's stored embedding, lucene or null), the nearest
# CURRENT works by vector (with abstract and committee: lexical coverage and committee votes)
# and the top CURRENT full-text (BM25, ``standard_text``) matches. Rows sharing a query text
# are folded by the caller, so each distinct topic is one vector and one full-text call.
GAP_EVIDENCE = (
    """
UNWIND $rows AS row
OPTIONAL MATCH (r:Requirement {key: row.key})
WITH row, coalesce(row.vector, r.embedding) AS vector
CALL (vector) {
  WITH vector WHERE vector IS NOT NULL
  CALL db.index.vector.queryNodes('"""
    + STANDARD_EMBEDDING
    + """', $fetch, vector) YIELD node, score
  WHERE node.status = 'current'
  WITH node, 2 * score - 1 AS score ORDER BY score DESC, node.key LIMIT $top
  RETURN collect({key: node.key, ref: node.ref, work: node.work, title: node.title,
                  abstract: left(coalesce(node.abstract, ''), $abstract_chars),
                  committee: node.committee, score: score}) AS vector_hits
}
CALL (row, vector) {
  WITH row, vector WHERE row.lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('"""
    + STANDARD_TEXT
    + """', row.lucene, {limit: $text_fetch}) YIELD node, score
  WHERE node.status = 'current'
  WITH node, score ORDER BY score DESC, node.key LIMIT $text_top
  RETURN collect({key: node.key, ref: node.ref, work: node.work, title: node.title,
                  abstract: left(coalesce(node.abstract, ''), $abstract_chars),
                  committee: node.committee, score: score,
                  cosine: CASE WHEN vector IS NULL OR node.embedding IS NULL THEN null
                               ELSE 2 * vector.similarity.cosine(vector, node.embedding) - 1
                          END}) AS text_hits
}
RETURN row.id AS id, vector_hits, text_hits
"""
)

# The issuers of each document, with their keys (remits are keyed by organization key).
GAP_ISSUERS = """
UNWIND $documents AS doc_id
MATCH (o:Organization)-[:ISSUED]->(:Document {id: doc_id})
RETURN DISTINCT doc_id AS document, o.key AS key, coalesce(o.name, o.abbreviation, o.key) AS name
ORDER BY document, name
"""

# Committees by reference, for the "who would write it" column: title and scope.
GAP_COMMITTEES = """
UNWIND $refs AS ref
MATCH (c:Committee {ref: ref})
RETURN c.ref AS ref, c.title AS title
"""

# Per domain: its name, how many current standards it holds, and the organizations that issued
# the documents whose requirements fall in it.
GAP_DOMAIN_FACTS = """
UNWIND $domains AS domain_key
OPTIONAL MATCH (d:Domain {key: domain_key})
CALL (domain_key) {
  MATCH (doc:Document)-[:HAS_CLAUSE]->(:Clause)-[:RAISES]->(r:Requirement)
  WHERE ($document IS NULL OR doc.id = $document)
    AND coalesce(head([(r)-[:IN_DOMAIN]->(x:Domain) | x.key]), r.domain, 'unassigned')
        = domain_key
  WITH DISTINCT doc
  OPTIONAL MATCH (o:Organization)-[:ISSUED]->(doc)
  RETURN collect(DISTINCT coalesce(o.name, o.abbreviation, o.key)) AS departments
}
RETURN domain_key AS domain, d.name AS name,
       CASE WHEN d IS NULL THEN 0
            ELSE COUNT { (s:Standard)-[:IN_DOMAIN]->(d) WHERE s.status = 'current' } END
         AS standards_in_domain,
       departments
"""

GAP_EXISTS = """
OPTIONAL MATCH (doc:Document {id: $document})
WITH doc LIMIT 1
OPTIONAL MATCH (d:Domain {key: $domain})
RETURN doc.id AS document, d.key AS domain
"""
