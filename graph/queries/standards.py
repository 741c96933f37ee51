"""Standard reads (``GET /standards/{ref}``): resolving a reference and the detail view."""

from __future__ import annotations

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

# a cited standard, with the reference as its citing abstract writes it
_CITED = _SUMMARY[:-1] + ", surface: cite.surface}"

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
       [(s)-[cite:CITES]->(x:Standard) | {_CITED}]
         + [(s)-[cite:CITES]->(x:Reference) | {{key: x.key, ref: x.ref,
              in_catalogue: coalesce(x.in_catalogue, false), family: coalesce(x.family, false),
              parts: CASE WHEN x.family THEN COUNT {{ (x)-[:INCLUDES]->() }} END,
              surface: cite.surface}}] AS cites,
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
