"""Search reads (``analysis/search.py``): the index calls per kind, identifier lookups and the
graph context of hits. Every value is a ``$parameter``; index names come from ``schema``.
"""

from __future__ import annotations

from graph.queries.schema import FULLTEXT_INDEX_BY_KIND, VECTOR_INDEX_BY_KIND

# An amendment or corrigendum shares its base's work; a work reference means the base edition.
# ISO/IEC write "/Amd 1", ITU "(2019) Cor. 3 (07/2026)" and "Technical Cor. 1".
SUPPLEMENT_PATTERN = r".*(/(Amd|AMD|Cor|COR|Add|ADD)| (Technical )?(Cor|Amd|Corr|Add)\. ?[0-9]).*"

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

# What each kind returns from an index call: enough to rank, filter, facet and display. The
# long text (an abstract, a clause body) is NOT returned here: an index call returns ~100 rows
# of which ten are shown, and moving and decoding ninety unused abstracts per ranking was most
# of a request's client-side CPU. HIT_CONTEXT fetches it for the hits shown.
STANDARD_COLUMNS = """
  node.key AS key, 'standard' AS kind, node.ref AS ref, node.work AS work,
  node.title AS title,
  node.status AS status, node.publisher AS publisher, node.committee AS committee,
  toInteger(node.year) AS year, null AS text, null AS doc_id,
  [(node)-[:IN_DOMAIN]->(d:Domain) | d.key] AS domains, score
"""

CLAUSE_COLUMNS = """
  node.key AS key, 'clause' AS kind, null AS ref, null AS work,
  coalesce(node.heading, node.number, node.key) AS title,
  null AS status, null AS publisher, null AS committee, null AS year,
  null AS text, node.doc_id AS doc_id,
  [(node)-[:ABOUT]->(d:Domain) | d.key] AS domains, score
"""

REQUIREMENT_COLUMNS = """
  node.key AS key, 'requirement' AS kind, null AS ref, null AS work,
  coalesce(node.topic, node.surface) AS title,
  null AS status, null AS publisher, null AS committee, null AS year,
  node.surface AS text, node.doc_id AS doc_id,
  [(node)-[:IN_DOMAIN]->(d:Domain) | d.key] AS domains, score
"""


def _fulltext(kind: str, index: str, filters: str, columns: str) -> str:
    return (
        f"CALL db.index.fulltext.queryNodes('{index}', $lucene_{kind}, {{limit: $fetch_{kind}}}) "
        f"YIELD node, score WHERE {filters} "
        f"WITH node, score ORDER BY score DESC LIMIT $limit RETURN {columns}"
    )


def _vector(kind: str, index: str, filters: str, columns: str) -> str:
    return (
        f"CALL db.index.vector.queryNodes('{index}', $fetch_{kind}, $vector) "
        f"YIELD node, score WHERE {filters} "
        f"WITH node, score ORDER BY score DESC LIMIT $limit RETURN {columns}"
    )


def _vector_with_feedback(kind: str, index: str, filters: str, columns: str) -> str:
    """The vector ranking asked twice in ONE round trip: the query vector moved towards the
    mean of its ``$feedback_docs`` best hits (weight ``$feedback``), unit length, then the
    index again (pseudo-relevance feedback; no hits: the query as it was). The first call only
    needs a few hits (``$feedback_fetch``), and the norm is computed once: per element it made
    the step quadratic in the dimension, the costliest part of a search."""
    return f"""
CALL db.index.vector.queryNodes('{index}', $feedback_fetch, $vector)
YIELD node, score WHERE {filters}
WITH node, score ORDER BY score DESC LIMIT $feedback_docs
WITH collect(node.embedding) AS best
WITH CASE WHEN size(best) = 0 THEN $vector
          ELSE [i IN range(0, size($vector) - 1)
                | $vector[i] + $feedback * reduce(total = 0.0, v IN best | total + v[i])
                  / size(best)] END AS moved
WITH moved, sqrt(reduce(total = 0.0, y IN moved | total + y * y)) AS norm
WITH [x IN moved | x / norm] AS asked
CALL db.index.vector.queryNodes('{index}', $fetch_{kind}, asked)
YIELD node, score WHERE {filters}
WITH node, score ORDER BY score DESC LIMIT $limit
RETURN {columns}
"""


_FILTERS_AND_COLUMNS = {
    "standard": (STANDARD_FILTERS, STANDARD_COLUMNS),
    "clause": (CLAUSE_FILTERS, CLAUSE_COLUMNS),
    "requirement": (REQUIREMENT_FILTERS, REQUIREMENT_COLUMNS),
}
KINDS = tuple(_FILTERS_AND_COLUMNS)


def _kind_subsets() -> list[tuple[str, ...]]:
    """Every non-empty subset of the kinds, in the order of ``KINDS``."""
    return [
        tuple(kind for bit, kind in enumerate(KINDS) if mask >> bit & 1)
        for mask in range(1, 2 ** len(KINDS))
    ]


# The columns every ranking row has, whatever its kind.
RANKING_COLUMNS = (
    "key", "kind", "ref", "work", "title", "status", "publisher", "committee", "year", "text",
    "doc_id", "domains", "score",
)  # fmt: skip


def _union(branches: list[str]) -> str:
    """One round trip for several rankings: each index call is a branch of a UNION ALL, and
    the answer is ONE record, ``rows``, a list of maps.

    Why: a request used to send one query per kind and index, and the fixed cost of each (a
    transaction, a Bolt exchange, a pool thread) was a third of a search's CPU. Then, with
    ~350 rows per request, each row a Bolt message of its own cost the API two socket reads
    and a pass through the driver's message loop: ~60 us a row, more than decoding the values.
    One record of ~350 maps arrives in a few large chunks."""
    row = ", ".join(f"{name}: {name}" for name in RANKING_COLUMNS)
    return (
        "CALL () {\n" + "\nUNION ALL\n".join(branches) + f"\n}}\nRETURN collect({{{row}}}) AS rows"
    )


# The full-text rankings of a set of kinds in one query; parameters ``$lucene_<kind>``,
# ``$fetch_<kind>``, ``$limit`` and the filters. Rows say their ``kind``.
FULLTEXT_RANKINGS: dict[tuple[str, ...], str] = {
    kinds: _union(
        [
            _fulltext(kind, FULLTEXT_INDEX_BY_KIND[kind], *_FILTERS_AND_COLUMNS[kind])
            for kind in kinds
        ]
    )
    for kinds in _kind_subsets()
}

# The vector rankings of a set of kinds in one query, standards with pseudo-relevance
# feedback when ``feedback`` is true; parameters ``$vector``, ``$fetch_<kind>``, ``$limit``, the
# filters and, with feedback, ``$feedback``, ``$feedback_docs``, ``$feedback_fetch``.
VECTOR_RANKINGS: dict[tuple[tuple[str, ...], bool], str] = {
    (kinds, feedback): _union(
        [
            (_vector_with_feedback if feedback and kind == "standard" else _vector)(
                kind, VECTOR_INDEX_BY_KIND[kind], *_FILTERS_AND_COLUMNS[kind]
            )
            for kind in kinds
        ]
    )
    for kinds in _kind_subsets()
    for feedback in (False, True)
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

# The parts of a family named without a part ("IEC 61850" -> IEC 61850-5, IEC 61850-7-1...):
# what a user typing a series number wants next to the series itself.
FAMILY_LOOKUP = f"""
UNWIND $works AS family
MATCH (node:Standard)
WHERE node.work STARTS WITH family + '-' AND ({STANDARD_FILTERS})
WITH node, 1.0 AS score
RETURN {STANDARD_COLUMNS}
ORDER BY size(node.work), node.work, coalesce(toInteger(node.year), 0) DESC
LIMIT $limit
"""

# Graph context for the hits shown, all kinds in one query (never one query per hit): each
# row is a hit's ``key`` and a ``context`` map whose fields depend on the kind.
HIT_CONTEXT = """
CALL () {
  UNWIND $standard_keys AS hit_key
  MATCH (s:Standard {key: hit_key})
  RETURN s.key AS key, {
    text: s.abstract,
    cites: COUNT { (s)-[:CITES]->(:Standard) },
    cited_by: COUNT { (:Standard)-[:CITES]->(s) },
    mentioned_by: COUNT { (:Clause)-[:MENTIONS]->(s) },
    mentions: [(c:Clause)-[m:MENTIONS]->(s) | {doc_id: c.doc_id, surface: m.surface,
                                               start: m.start, end: m.end}][..3]
  } AS context
  UNION ALL
  UNWIND $clause_keys AS hit_key
  MATCH (c:Clause {key: hit_key})
  OPTIONAL MATCH (d:Document)-[:HAS_CLAUSE]->(c)
  RETURN c.key AS key, {
    text: c.text, doc_id: coalesce(c.doc_id, d.id), doc_title: d.title,
    start: c.start, end: c.end,
    mentions_standards: COUNT { (c)-[:MENTIONS]->(:Standard) }
  } AS context
  UNION ALL
  UNWIND $requirement_keys AS hit_key
  MATCH (r:Requirement {key: hit_key})
  OPTIONAL MATCH (d:Document {id: r.doc_id})
  RETURN r.key AS key, {
    doc_id: r.doc_id, doc_title: d.title, start: r.start, end: r.end, surface: r.surface
  } AS context
}
RETURN key, context
"""
