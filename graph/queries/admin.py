"""Inspection and maintenance: counts, content checksums, wiping a throw-away database, the demo's
node counts. Used by tests, benchmarks, summaries and ``stdkg demo``.
"""

from __future__ import annotations

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
