"""Health and vocabulary reads (``/health``, ``/domains``, ``/organizations``)."""

from __future__ import annotations

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
