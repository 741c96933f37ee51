"""Overlap reads (``analysis/overlaps.py``)."""

from __future__ import annotations

from graph.queries.schema import REQUIREMENT_EMBEDDING, STANDARD_EMBEDDING

_PARTY = "{.key, .ref, .title, .publisher, .committee}"

# Common texts (ITU-T | ISO/IEC twin texts, ETSI endorsements): COMMON_TEXT edges derived at
# ingest (graph/catalog/cross_refs.py), read whole: a few hundred pairs, an index-free scan of
# one relationship type. The score is the exact cosine of the two works' vectors, when both
# works have one.
OVERLAP_COMMON_TEXTS = f"""
MATCH (a:Standard)-[r:COMMON_TEXT]->(b:Standard)
WHERE $domain IS NULL
   OR EXISTS {{ (a)-[:IN_DOMAIN]->(:Domain {{key: $domain}}) }}
   OR EXISTS {{ (b)-[:IN_DOMAIN]->(:Domain {{key: $domain}}) }}
OPTIONAL CALL (a) {{
  MATCH (x:Standard {{work: a.work}}) WHERE x.embedding IS NOT NULL RETURN x.embedding AS va LIMIT 1
}}
OPTIONAL CALL (b) {{
  MATCH (x:Standard {{work: b.work}}) WHERE x.embedding IS NOT NULL RETURN x.embedding AS vb LIMIT 1
}}
RETURN a {_PARTY} AS a, b {_PARTY} AS b,
       CASE WHEN va IS NULL OR vb IS NULL THEN null
            ELSE 2 * vector.similarity.cosine(va, vb) - 1 END AS score,
       r.via AS via, coalesce(r.evidence, []) AS evidence,
       [code IN coalesce(a.ics, []) WHERE code IN coalesce(b.ics, [])] AS shared_ics,
       [(a)-[:IN_DOMAIN]->(d:Domain)<-[:IN_DOMAIN]-(b) | d.key] AS shared_domains
ORDER BY a.key, b.key
LIMIT $limit
"""

# Near-duplicate current standards from bodies that share no member (ITU-T vs ISO/IEC, ETSI
# vs IEC; ISO vs ISO/IEC are one family): k-NN through the vector index from a bounded seed
# set (a domain's standards, or every domain-linked one), never all pairs. The seeds are
# ordered by their embedding hash, a fixed pseudo-random order, so a bounded sample spreads
# over all publishers instead of taking the first keys of one. Editions of one work, explicit
# relations and common texts (reported above) are left out.
OVERLAP_STANDARDS = (
    """
MATCH (s:Standard)
WHERE s.status = 'current' AND s.embedding IS NOT NULL
  AND CASE WHEN $domain IS NULL THEN EXISTS { (s)-[:IN_DOMAIN]->(:Domain) }
           ELSE EXISTS { (s)-[:IN_DOMAIN]->(:Domain {key: $domain}) } END
WITH s ORDER BY s.embedding_hash LIMIT $seeds
CALL (s) {
  CALL db.index.vector.queryNodes('"""
    + STANDARD_EMBEDDING
    + """', $k, s.embedding)
    YIELD node AS t, score AS approximate
  WITH s, t, approximate
  WHERE approximate >= ($threshold + 1) / 2 - 0.02 AND t.status = 'current'
    AND t.work <> s.work
    AND none(body IN [x IN split(coalesce(t.publisher, ''), '/') | coalesce($imprints[x], x)]
             WHERE body IN [y IN split(coalesce(s.publisher, ''), '/')
                            | coalesce($imprints[y], y)])
  // the index's score is approximate (its vectors are quantized): threshold the exact cosine
  WITH s, t, 2 * vector.similarity.cosine(s.embedding, t.embedding) - 1 AS score
  WHERE score >= $threshold
    AND NOT EXISTS { (s)-[:REPLACES|AMENDS|PART_OF|COMMON_TEXT]-(t) }
  RETURN t, score
}
RETURN s """
    + _PARTY
    + """ AS a, t """
    + _PARTY
    + """ AS b, score,
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
