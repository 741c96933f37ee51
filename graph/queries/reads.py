"""All Cypher of the ``api`` package, in one place.

Why one module: reviewers check one file for injection (every value is a ``$parameter``; index
names are constants chosen by code, never by users) and for queries that fan out per hit.
Graph shape: see ``docs/graph-model.md``.
"""

from __future__ import annotations

# An amendment or corrigendum shares its base's work; a work reference means the base edition.
SUPPLEMENT_PATTERN = ".*/(Amd|AMD|Cor|COR|Add|ADD).*"

# --- search: filters --------------------------------------------------------------------
# Applied right after an index call, on ``node``, so the indexes can be over-fetched and then
# filtered inside Neo4j (there is no pre-filtered vector search in Neo4j 5). Every filter is
# off when its parameter is null.
STANDARD_FILTERS = """
  ($status IS NULL OR node.status = $status)
  AND ($publisher IS NULL
       OR toUpper(node.publisher) = $publisher
       OR $publisher IN split(toUpper(coalesce(node.publisher, '')), '/')
       OR toUpper(node.publisher) STARTS WITH $publisher + '-')
  AND ($committee IS NULL
       OR toUpper(node.committee) = $committee
       OR toUpper(node.committee) STARTS WITH $committee + '/')
  AND ($ics IS NULL OR any(code IN coalesce(node.ics, []) WHERE code STARTS WITH $ics))
  AND ($year_from IS NULL OR toInteger(node.year) >= $year_from)
  AND ($year_to IS NULL OR toInteger(node.year) <= $year_to)
  AND ($domain IS NULL OR EXISTS { (node)-[:IN_DOMAIN]->(:Domain {key: $domain}) })
"""

CLAUSE_FILTERS = """
  ($domain IS NULL OR EXISTS { (node)-[:ABOUT]->(:Domain {key: $domain}) })
"""

REQUIREMENT_FILTERS = """
  ($domain IS NULL OR EXISTS { (node)-[:IN_DOMAIN]->(:Domain {key: $domain}) })
"""

# What each kind returns from an index call: enough to rank, filter, facet and display.
STANDARD_COLUMNS = """
  node.key AS key, 'standard' AS kind, node.ref AS ref, node.work AS work,
  node.title AS title,
  node.status AS status, node.publisher AS publisher, node.committee AS committee,
  toInteger(node.year) AS year, node.abstract AS text, null AS doc_id,
  [(node)-[:IN_DOMAIN]->(d:Domain) | d.key] AS domains, score
"""

CLAUSE_COLUMNS = """
  node.key AS key, 'clause' AS kind, null AS ref, null AS work,
  coalesce(node.heading, node.number, node.key) AS title,
  null AS status, null AS publisher, null AS committee, null AS year,
  node.text AS text, node.doc_id AS doc_id,
  [(node)-[:ABOUT]->(d:Domain) | d.key] AS domains, score
"""

REQUIREMENT_COLUMNS = """
  node.key AS key, 'requirement' AS kind, null AS ref, null AS work,
  coalesce(node.topic, node.surface) AS title,
  null AS status, null AS publisher, null AS committee, null AS year,
  node.surface AS text, node.doc_id AS doc_id,
  [(node)-[:IN_DOMAIN]->(d:Domain) | d.key] AS domains, score
"""


def _fulltext(index: str, filters: str, columns: str) -> str:
    return (
        f"CALL db.index.fulltext.queryNodes('{index}', $lucene, {{limit: $fetch}}) "
        f"YIELD node, score WHERE {filters} "
        f"WITH node, score ORDER BY score DESC LIMIT $limit RETURN {columns}"
    )


def _vector(index: str, filters: str, columns: str) -> str:
    return (
        f"CALL db.index.vector.queryNodes('{index}', $fetch, $vector) "
        f"YIELD node, score WHERE {filters} "
        f"WITH node, score ORDER BY score DESC LIMIT $limit RETURN {columns}"
    )


FULLTEXT_BY_KIND = {
    "standard": _fulltext("standard_text", STANDARD_FILTERS, STANDARD_COLUMNS),
    "clause": _fulltext("clause_text", CLAUSE_FILTERS, CLAUSE_COLUMNS),
    "requirement": _fulltext("requirement_text", REQUIREMENT_FILTERS, REQUIREMENT_COLUMNS),
}

VECTOR_BY_KIND = {
    "standard": _vector("standard_embedding", STANDARD_FILTERS, STANDARD_COLUMNS),
    "clause": _vector("clause_embedding", CLAUSE_FILTERS, CLAUSE_COLUMNS),
    "requirement": _vector("requirement_embedding", REQUIREMENT_FILTERS, REQUIREMENT_COLUMNS),
}

# Standards named by identifier in the query: by work (every edition) or by exact key/alias.
# ``score`` orders them: the exact edition asked for, then current, then newest.
IDENTIFIER_LOOKUP = f"""
MATCH (node:Standard)
WHERE node.work IN $works OR node.key IN $keys
WITH node, CASE WHEN node.key IN $keys THEN 0 WHEN node.status = 'current' THEN 1
                WHEN node.status = 'development' THEN 2 ELSE 3 END AS tier
WITH node, tier, 1.0 / (1 + tier) AS score
WHERE ({STANDARD_FILTERS}) OR (tier = 0)
RETURN {STANDARD_COLUMNS}, tier
ORDER BY tier, CASE WHEN node.key =~ $supplement_pattern THEN 1 ELSE 0 END,
         coalesce(toInteger(node.year), 0) DESC, node.key
LIMIT $limit
"""

# Graph context for a whole list of hits in one query per kind (never one query per hit).
STANDARD_CONTEXT = """
UNWIND $keys AS hit_key
MATCH (s:Standard {key: hit_key})
RETURN s.key AS key,
       COUNT { (s)-[:CITES]->(:Standard) } AS cites,
       COUNT { (:Standard)-[:CITES]->(s) } AS cited_by,
       COUNT { (:Clause)-[:MENTIONS]->(s) } AS mentioned_by,
       [(c:Clause)-[m:MENTIONS]->(s) | {doc_id: c.doc_id, surface: m.surface,
                                        start: m.start, end: m.end}][..3] AS mentions
"""

CLAUSE_CONTEXT = """
UNWIND $keys AS hit_key
MATCH (c:Clause {key: hit_key})
OPTIONAL MATCH (d:Document)-[:HAS_CLAUSE]->(c)
RETURN c.key AS key, coalesce(c.doc_id, d.id) AS doc_id, d.title AS doc_title,
       c.start AS start, c.end AS end,
       COUNT { (c)-[:MENTIONS]->(:Standard) } AS mentions_standards
"""

REQUIREMENT_CONTEXT = """
UNWIND $keys AS hit_key
MATCH (r:Requirement {key: hit_key})
OPTIONAL MATCH (d:Document {id: r.doc_id})
RETURN r.key AS key, r.doc_id AS doc_id, d.title AS doc_title, r.start AS start,
       r.end AS end, r.surface AS surface
"""

# --- standards ------------------------------------------------------------------------------
# A requested reference resolves to a node key: exact key, then alias, then the work's current
# edition (newest first among equals).
RESOLVE_STANDARD = """
OPTIONAL MATCH (exact:Standard {key: $key})
WITH exact
OPTIONAL MATCH (by_work:Standard {work: $work})
WITH exact, by_work
ORDER BY CASE by_work.status WHEN 'current' THEN 0 WHEN 'development' THEN 1 ELSE 2 END,
         CASE WHEN by_work.key =~ $supplement_pattern THEN 1 ELSE 0 END,
         coalesce(toInteger(by_work.year), 0) DESC, by_work.key DESC
WITH exact, collect(by_work.key) AS work_keys
RETURN exact.key AS exact_key, work_keys
"""

RESOLVE_STANDARD_ALIAS = """
MATCH (s:Standard)
WHERE s.work = $work AND $alias IN coalesce(s.aliases, [])
RETURN s.key AS key LIMIT 1
"""

_SUMMARY = (
    "{key: x.key, ref: x.ref, title: x.title, status: x.status, "
    "year: toInteger(x.year), published: toString(x.published)}"
)

STANDARD_DETAIL = f"""
MATCH (s:Standard {{key: $key}})
OPTIONAL MATCH (s)-[:OWNED_BY]->(c:Committee)
OPTIONAL MATCH (c)-[:SUB_OF]->(parent:Committee)
RETURN s {{.key, .ref, .work, .title, .abstract, .doctype, .status, .edition, .publisher,
          .stage, .url, .aliases, .committee, .ics}} AS standard,
       toString(s.published) AS published, toInteger(s.year) AS year,
       CASE WHEN c IS NULL THEN null
            ELSE {{ref: c.ref, title: c.title, parent: parent.ref}} END AS committee_node,
       [(s)-[:CLASSIFIED_AS]->(i:ICS) | {{code: i.code, title: i.title}}] AS ics_nodes,
       [(s)-[r:IN_DOMAIN]->(d:Domain) | {{key: d.key, name: d.name, via: r.via}}] AS domains,
       COLLECT {{ MATCH (x:Standard {{work: s.work}}) RETURN {_SUMMARY} }} AS editions,
       [(s)-[:REPLACES]->(x:Standard) | {_SUMMARY}] AS replaces,
       [(x:Standard)-[:REPLACES]->(s) | {_SUMMARY}] AS replaced_by,
       [(s)-[:AMENDS]->(x:Standard) | {_SUMMARY}] AS amends,
       [(x:Standard)-[:AMENDS]->(s) | {_SUMMARY}] AS amended_by,
       [(s)-[:PART_OF]->(x:Standard) | {_SUMMARY}] AS part_of,
       [(x:Standard)-[:PART_OF]->(s) | {_SUMMARY}] AS parts,
       [(s)-[:CITES]->(x:Standard) | {_SUMMARY}] AS cites,
       [(x:Standard)-[:CITES]->(s) | {_SUMMARY}][..200] AS cited_by,
       [(c2:Clause)-[m:MENTIONS]->(s) | {{clause_key: c2.key, clause_heading: c2.heading,
            doc_id: c2.doc_id, surface: m.surface, start: m.start, end: m.end}}][..200]
         AS mentions
"""

DOCUMENT_TITLES = """
UNWIND $ids AS doc_id
MATCH (d:Document {id: doc_id})
RETURN d.id AS id, d.title AS title
"""

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

# --- meta -----------------------------------------------------------------------------------
LIST_DOMAINS = """
MATCH (d:Domain)
RETURN d.key AS key, d.name AS name, d.description AS description,
       COUNT { (:Standard)-[:IN_DOMAIN]->(d) } AS standards,
       COUNT { (s:Standard)-[:IN_DOMAIN]->(d) WHERE s.status = 'current' } AS current_standards,
       COUNT { (:Clause)-[:ABOUT]->(d) } AS clauses,
       COUNT { (:Requirement)-[:IN_DOMAIN]->(d) } AS requirements
ORDER BY d.key
"""

LIST_ORGANIZATIONS = """
MATCH (o:Organization)
RETURN o.key AS key, o.name AS name, o.abbreviation AS abbreviation, o.kind AS kind,
       o.country AS country,
       COUNT { (o)-[:ISSUED]->(:Document) } AS documents_issued,
       COUNT { (:Clause)-[:ASSIGNS]->(o) } AS assigned,
       COUNT { (:Clause)-[:MENTIONS_ORG]->(o) } AS mentioned
ORDER BY o.key
"""

HEALTH_PING = "RETURN 1 AS ok"

HEALTH_INDEXES = """
SHOW INDEXES YIELD name, state, type
WHERE name IN $names
RETURN name, state, type
"""

HEALTH_COUNTS = """
CALL () { MATCH (s:Standard) RETURN count(s) AS standards }
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (c:Clause) RETURN count(c) AS clauses }
RETURN standards, documents, clauses
"""

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
GAP_MATCHES = """
UNWIND $rows AS row
OPTIONAL MATCH (r:Requirement {key: row.key})
WITH row.key AS key, coalesce(row.vector, r.embedding) AS vector
WITH vector, collect(key) AS keys
CALL (vector) {
  WITH vector WHERE vector IS NOT NULL
  CALL db.index.vector.queryNodes('standard_embedding', $fetch, vector) YIELD node, score
  WHERE node.status = 'current'
  WITH node, 2 * score - 1 AS score ORDER BY score DESC, node.key LIMIT $top
  RETURN collect({key: node.key, ref: node.ref, title: node.title, score: score}) AS matches
}
UNWIND keys AS key
RETURN key, matches
"""

# Gold-topic matching for calibration (api/evaluate_gaps.py): same index call, more matches.
GAP_MATCH_VECTORS = """
UNWIND $rows AS row
CALL (row) {
  CALL db.index.vector.queryNodes('standard_embedding', $fetch, row.vector) YIELD node, score
  WHERE node.status = 'current'
  WITH node, 2 * score - 1 AS score ORDER BY score DESC, node.key LIMIT $top
  RETURN collect({key: node.key, ref: node.ref, work: node.work, title: node.title,
                  score: score}) AS matches
}
RETURN row.id AS id, matches
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

# Near-duplicate current standards from different publishers or committees: k-NN through the
# vector index from a bounded seed set (a domain's standards, or every domain-linked one, up
# to $seeds), never all pairs. Editions of one work and explicit relations are not overlaps.
OVERLAP_STANDARDS = """
MATCH (s:Standard)
WHERE s.status = 'current' AND s.embedding IS NOT NULL
  AND CASE WHEN $domain IS NULL THEN EXISTS { (s)-[:IN_DOMAIN]->(:Domain) }
           ELSE EXISTS { (s)-[:IN_DOMAIN]->(:Domain {key: $domain}) } END
WITH s ORDER BY s.key LIMIT $seeds
CALL (s) {
  CALL db.index.vector.queryNodes('standard_embedding', $k, s.embedding)
    YIELD node AS t, score AS raw
  WITH s, t, 2 * raw - 1 AS score
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

OVERLAP_STANDARD_SEEDS = """
MATCH (s:Standard)
WHERE s.status = 'current' AND s.embedding IS NOT NULL
  AND CASE WHEN $domain IS NULL THEN EXISTS { (s)-[:IN_DOMAIN]->(:Domain) }
           ELSE EXISTS { (s)-[:IN_DOMAIN]->(:Domain {key: $domain}) } END
RETURN count(s) AS pool
"""

# The same requirement demanded by several policies: k-NN among requirements of OTHER
# documents.
OVERLAP_REQUIREMENTS = """
MATCH (r:Requirement)
WHERE r.embedding IS NOT NULL
  AND ($domain IS NULL OR r.domain = $domain
       OR EXISTS { (r)-[:IN_DOMAIN]->(:Domain {key: $domain}) })
WITH r ORDER BY r.key LIMIT $seeds
CALL (r) {
  CALL db.index.vector.queryNodes('requirement_embedding', $k, r.embedding)
    YIELD node AS o, score AS raw
  WITH r, o, 2 * raw - 1 AS score
  WHERE o <> r AND o.doc_id <> r.doc_id AND score >= $threshold
  RETURN o, score
}
RETURN r {.key, .topic, .doc_id, .start, .end, .surface, .domain} AS a,
       o {.key, .topic, .doc_id, .start, .end, .surface, .domain} AS b,
       score,
       [(r)-[:IN_DOMAIN]->(d:Domain)<-[:IN_DOMAIN]-(o) | d.key] AS shared_domains
ORDER BY score DESC, a.key, b.key
"""

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
