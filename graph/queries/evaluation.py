"""Reads of the evaluation's plain baselines (``evaluation/baselines.py``): what a user gets
from the same catalogue without stdkg's ranking: one full-text call, or a vector over titles."""

from __future__ import annotations

from graph.queries.schema import STANDARD_TEXT

# Every current catalogue edition with its work and title (the title baseline embeds these).
CURRENT_TITLES = """
MATCH (s:Standard)
WHERE s.status = 'current' AND s.sources IS NOT NULL AND s.title IS NOT NULL
RETURN s.key AS key, s.work AS work, s.title AS title
ORDER BY s.key
"""

# Plain BM25: the full-text index over title, abstract and reference, current editions only,
# no field weights, no grouping.
PLAIN_FULLTEXT = f"""
CALL db.index.fulltext.queryNodes('{STANDARD_TEXT}', $lucene, {{limit: $fetch}})
YIELD node, score
WHERE node.status = 'current'
RETURN node.key AS key, node.work AS work, score
ORDER BY score DESC
LIMIT $k
"""
