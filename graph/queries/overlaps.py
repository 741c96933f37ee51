"""Overlap reads (``analysis/overlaps.py``)."""

from __future__ import annotations

from graph.queries.schema import REQUIREMENT_EMBEDDING, STANDARD_EMBEDDING

# Near-duplicate current standards from different publishers or committees: k-NN through the
# vector index from a bounded seed set (a domain's standards, or every domain-linked one, up
# to $seeds), never all pairs. Editions of one work and explicit relations are not overlaps.
OVERLAP_STANDARDS = (
    """
MATCH (s:Standard)
WHERE s.status = 'current' AND s.embedding IS NOT NULL
  AND CASE WHEN $domain IS NULL THEN EXISTS { (s)-[:IN_DOMAIN]->(:Domain) }
           ELSE EXISTS { (s)-[:IN_DOMAIN]->(:Domain {key: $domain}) } END
WITH s ORDER BY s.key LIMIT $seeds
CALL (s) {
  CALL db.index.vector.queryNodes('"""
    + STANDARD_EMBEDDING
    + """', $k, s.embedding)
    YIELD node AS t
  // the index's score is approximate (its vectors are quantized): threshold the exact cosine
  WITH s, t, 2 * vector.similarity.cosine(s.embedding, t.embedding) - 1 AS score
  WHERE t <> s AND t.status = 'current' AND score >= $threshold
    AND coalesce(t.work, t.key) <> coalesce(s.work, s.key)
    AND (coalesce(t.publisher, '') <> coalesce(s.publisher, '')
         OR coalesce(t.committee, '') <> coalesce(s.committee, ''))
    AND NOT EXISTS { (s)-[:REPLACES|AMENDS|PART_OF]-(t) }
  RETURN t, score
}
RETURN s {.key, .ref, .title, .publisher, .committee} AS a,
       t {.key, .ref, .title, .publisher, .committee} AS b,
       score,
       [code IN coalesce(s.ics, []) WHERE code IN coalesce(t.ics, [])] AS shared_ics,
       [(s)-[:IN_DOMAIN]->(d:Domain)<-[:IN_DOMAIN]-(t) | d.key] AS shared_domains
ORDER BY score DESC, a.key, b.key
"""
)

OVERLAP_STANDARD_SEEDS = """
MATCH (s:Standard)
WHERE s.status = 'current' AND s.embedding IS NOT NULL
  AND CASE WHEN $domain IS NULL THEN EXISTS { (s)-[:IN_DOMAIN]->(:Domain) }
           ELSE EXISTS { (s)-[:IN_DOMAIN]->(:Domain {key: $domain}) } END
RETURN count(s) AS pool
"""

# The same requirement demanded by several policies: k-NN among requirements of OTHER
# documents.
OVERLAP_REQUIREMENTS = (
    """
MATCH (r:Requirement)
WHERE r.embedding IS NOT NULL
  AND ($domain IS NULL OR r.domain = $domain
       OR EXISTS { (r)-[:IN_DOMAIN]->(:Domain {key: $domain}) })
WITH r ORDER BY r.key LIMIT $seeds
CALL (r) {
  CALL db.index.vector.queryNodes('"""
    + REQUIREMENT_EMBEDDING
    + """', $k, r.embedding)
    YIELD node AS o
  WITH r, o, 2 * vector.similarity.cosine(r.embedding, o.embedding) - 1 AS score
  WHERE o <> r AND o.doc_id <> r.doc_id AND score >= $threshold
  RETURN o, score
}
RETURN r {.key, .topic, .doc_id, .start, .end, .surface, .domain} AS a,
       o {.key, .topic, .doc_id, .start, .end, .surface, .domain} AS b,
       score,
       [(r)-[:IN_DOMAIN]->(d:Domain)<-[:IN_DOMAIN]-(o) | d.key] AS shared_domains
ORDER BY score DESC, a.key, b.key
"""
)

OVERLAP_REQUIREMENT_SEEDS = """
MATCH (r:Requirement)
WHERE r.embedding IS NOT NULL
  AND ($domain IS NULL OR r.domain = $domain
       OR EXISTS { (r)-[:IN_DOMAIN]->(:Domain {key: $domain}) })
RETURN count(r) AS pool
"""

# Domains whose work policies assign to more than one organization, with the assigning text.
OVERLAP_ASSIGNMENTS = """
MATCH (c:Clause)-[a:ASSIGNS]->(o:Organization)
CALL (c) {
  MATCH (c)-[:ABOUT]->(d:Domain) RETURN d
  UNION
  MATCH (c)-[:RAISES]->(:Requirement)-[:IN_DOMAIN]->(d:Domain) RETURN d
}
WITH d, o, c, a
WHERE $domain IS NULL OR d.key = $domain
WITH d, o, collect(DISTINCT {document: c.doc_id, clause: c.key, surface: a.surface,
                             start: a.start, end: a.end})[..$evidence] AS evidence
WITH d, collect({organization: o.key, name: o.name, evidence: evidence}) AS orgs
WHERE size(orgs) >= 2
RETURN d.key AS domain, d.name AS name, orgs
ORDER BY size(orgs) DESC, domain
"""
