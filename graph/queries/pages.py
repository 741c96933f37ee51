"""Reads for the HTML pages (``api/routers/pages.py`` through ``analysis/document_view.py``).

Only what the JSON endpoints do not already return: the stored text of each clause (to show a
policy with its extracted items highlighted) and the vocabularies of the search filters.
"""

from __future__ import annotations

# The clause texts of one document, in reading order. ``Clause.text`` is the clause body from
# its start, capped at CLAUSE_TEXT_LIMIT characters (graph/policy_rows.py).
DOCUMENT_CLAUSE_TEXTS = """
MATCH (:Document {id: $id})-[:HAS_CLAUSE]->(c:Clause)
RETURN c.key AS key, c.number AS number, c.heading AS heading, c.level AS level,
       c.start AS start, c.end AS end, coalesce(c.text, '') AS text,
       [(c)-[:ABOUT]->(dm:Domain) | dm.key] AS domains
ORDER BY c.start, c.level, c.key
"""

# The filter choices of the search page: publishers and committees with current standards.
SEARCH_VOCABULARY = """
CALL () {
  MATCH (s:Standard) WHERE s.status = 'current' AND s.publisher IS NOT NULL
  RETURN s.publisher AS publisher, count(*) AS standards
  ORDER BY standards DESC LIMIT 20
}
WITH collect(publisher) AS publishers
CALL () {
  MATCH (s:Standard)-[:OWNED_BY]->(c:Committee) WHERE s.status = 'current'
  RETURN c.ref AS committee, count(*) AS standards
  ORDER BY standards DESC, committee LIMIT 200
}
WITH publishers, collect(committee) AS committees
CALL () {
  MATCH (d:Domain) RETURN collect({key: d.key, name: d.name}) AS domains
}
RETURN publishers, committees, domains
"""
