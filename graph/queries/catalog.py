"""Catalogue and taxonomy writes (``graph/writer.py``, ``graph/taxonomy.py``).

Why one module: reviewers check parameterization and index use in one file, and the statements
that must agree with each other (the keys MERGEd on, the ``origins`` bookkeeping on edges) sit
side by side. All values travel as parameters; only labels, types and index names are literal.

Bookkeeping used by the catalogue writer (see docs/graph-model.md):
- ``Standard.record_hashes``: ``"<origin>=<content hash>"`` per catalogue row feeding the node,
  where origin = ``"<catalogue file>#<reference as written>"``.
- ``origins`` on every edge derived from a catalogue row: which rows assert it. A changed row
  first withdraws its origin from all edges (an edge left with none is deleted), then re-asserts.
- ``Standard.links_pending``: set when a row is written, removed once its relations, citations
  and domains are linked, so an interrupted load resumes the linking.
"""

from __future__ import annotations

# ============================================================================================
# Catalogue: standards (graph/writer.py)
# ============================================================================================

STANDARD_STATE = """
UNWIND $keys AS key
MATCH (s:Standard {key: key})
RETURN s.key AS key, coalesce(s.record_hashes, []) AS hashes,
       coalesce(s.links_pending, false) OR coalesce(s.links_version, 1) < $links_version
         AS links_pending
"""

# a changed row withdraws its assertions before re-asserting them (either direction: the
# inverse ISO "updates" edges start at the other node)
WITHDRAW_ORIGINS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})-[r]-()
WHERE row.origin IN coalesce(r.origins, [])
SET r.origins = [o IN r.origins WHERE o <> row.origin]
WITH r WHERE size(r.origins) = 0
DELETE r
"""

# Linking a row again (an interrupted load, a newer linker) first withdraws what its earlier
# linking asserted, so a citation or relation the row no longer yields does not linger.
WITHDRAW_LINK_ORIGINS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})-[r:CITES|REPLACES|AMENDS|PART_OF|ADOPTS|IN_DOMAIN]-()
WHERE row.origin IN coalesce(r.origins, [])
SET r.origins = [o IN r.origins WHERE o <> row.origin]
WITH r WHERE size(r.origins) = 0
DELETE r
"""

# Property precedence: the row with the lowest rank (the publisher's own catalogue, the plain
# copy rather than IEC's RLV) sets every value it has; every value it lacks is filled from the
# other rows. That rule gives the same node whatever order the rows arrive in.
STANDARD_PROPERTIES = (
    "ref",
    "work",
    "title",
    "abstract",
    "doctype",
    "status",
    "stage",
    "published",
    "year",
    "edition",
    "version",
    "publisher",
    "url",
    "committee",
    "keywords",
    "edition_order",
)
_FILL = ",\n    ".join(
    f"s.{name} = coalesce(s.{name}, row.props.{name})" for name in STANDARD_PROPERTIES
)

MERGE_STANDARDS = f"""
UNWIND $rows AS row
MERGE (s:Standard {{key: row.key}})
WITH s, row, (s.rank IS NULL OR row.rank <= s.rank) AS wins
SET s += CASE WHEN wins THEN row.props ELSE {{}} END,
    s.rank = CASE WHEN wins THEN row.rank ELSE s.rank END,
    s.content_hash = CASE WHEN wins THEN row.hash ELSE s.content_hash END,
    {_FILL},
    s.aliases = CASE WHEN row.ref IN coalesce(s.aliases, []) THEN s.aliases
                     ELSE coalesce(s.aliases, []) + row.ref END,
    s.sources = CASE WHEN row.source IN coalesce(s.sources, []) THEN s.sources
                     ELSE coalesce(s.sources, []) + row.source END,
    s.record_hashes = [h IN coalesce(s.record_hashes, [])
                       WHERE NOT h STARTS WITH row.origin + '=']
                      + (row.origin + '=' + row.hash),
    s.links_pending = true
"""

LINK_CLASSIFICATION = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
UNWIND row.ics AS code
MERGE (i:ICS {code: code})
  ON CREATE SET i.level = size(split(code, '.'))
MERGE (s)-[r:CLASSIFIED_AS]->(i)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END
"""

LINK_COMMITTEE = """
UNWIND $rows AS row
WITH row WHERE row.committee IS NOT NULL
MATCH (s:Standard {key: row.key})
MERGE (c:Committee {ref: row.committee})
SET c.title = coalesce(c.title, row.committee_title)
MERGE (s)-[r:OWNED_BY]->(c)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END
"""

# the ics property mirrors the CLASSIFIED_AS edges (re-derived when a row changes)
SYNC_ICS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
OPTIONAL MATCH (s)-[:CLASSIFIED_AS]->(i:ICS)
WITH s, collect(i.code) AS codes
SET s.ics = codes
"""

LINK_PUBLISHERS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
UNWIND row.publishers AS name
MERGE (p:Publisher {name: name})
MERGE (s)-[r:PUBLISHED_BY]->(p)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END
"""

# one statement per relationship type (types cannot be parameters without APOC)
_LINK_RELATION = """
UNWIND $rows AS row
MATCH (a:Standard {{key: row.start}}), (b:Standard {{key: row.end}})
WHERE a <> b
MERGE (a)-[r:{type}]->(b)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.source = row.source
RETURN count(r) AS linked
"""
LINK_RELATION = {
    kind: _LINK_RELATION.format(type=kind) for kind in ("REPLACES", "AMENDS", "PART_OF", "ADOPTS")
}

# A work reference means this edition: current before withdrawn, a base publication before its
# amendments and corrigenda, then the newest. Used where a query picks "the" edition of a work.
BEST_EDITION_ORDER = """
ORDER BY CASE b.status WHEN 'current' THEN 0 WHEN 'withdrawn' THEN 1 ELSE 2 END,
         CASE WHEN b.key =~ $supplement_pattern
                   OR coalesce(b.doctype, '') CONTAINS 'amendment'
                   OR coalesce(b.doctype, '') CONTAINS 'corrigendum' THEN 1 ELSE 0 END,
         b.published DESC, b.key DESC
"""


def _best_edition(work: str, returns: str) -> str:
    """A subquery body: the edition a reference to ``work`` (a Cypher expression) means."""
    return f"""
  MATCH (b:Standard {{work: {work}}})
  WHERE b.sources IS NOT NULL
  WITH b {BEST_EDITION_ORDER}
  RETURN {returns}
  LIMIT 1
"""


# graph/ingest_catalog.py: resolve_citation decides where each citation points; these two
# reads tell it what exists.
CITED_KEYS = """
UNWIND $keys AS key
MATCH (b:Standard {key: key})
WHERE b.sources IS NOT NULL
RETURN b.key AS key
"""

CITED_WORKS = (
    """
UNWIND $works AS work
OPTIONAL CALL (work) {"""
    + _best_edition("work", "b.key AS best, b.status = 'current' AS current")
    + """}
OPTIONAL CALL (work, best) {
  WITH work WHERE best IS NULL
  MATCH (p:Standard)
  WHERE p.work STARTS WITH work + '-' AND p.status = 'current' AND p.sources IS NOT NULL
  WITH p.work AS part, min(p.key) AS key
  ORDER BY part
  RETURN collect(key)[..100] AS parts
}
RETURN work, best, coalesce(current, false) AS current, coalesce(parts, []) AS parts
"""
)

# every edge from an abstract to a Standard (the edition was chosen by resolve_citation)
LINK_CITES = """
UNWIND $rows AS row
MATCH (a:Standard {key: row.start}), (b:Standard {key: row.end})
WHERE a <> b AND a.work <> b.work
MERGE (a)-[r:CITES]->(b)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.source = 'abstract', r.surface = row.surface, r.resolved = row.resolved
RETURN count(r) AS linked
"""

# A cited document outside the catalogue (or a family of parts) is a Reference node, so that
# "what does this standard cite" lists it; a family includes the current editions of its parts.
# a family Reference includes the current editions of its parts (rows carry ``parts``)
_INCLUDE_PARTS = """
WITH x, row
UNWIND row.parts AS part
MATCH (p:Standard {key: part})
MERGE (x)-[:INCLUDES]->(p)
"""

LINK_CITES_REFERENCE = """
UNWIND $rows AS row
MATCH (a:Standard {key: row.start})
MERGE (x:Reference {key: row.key})
SET x.ref = row.key, x.work = row.work, x.publisher = row.publisher, x.dated = row.dated,
    x.family = row.family, x.in_catalogue = row.family
MERGE (a)-[r:CITES]->(x)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.source = 'abstract', r.surface = row.surface,
    r.resolved = CASE WHEN row.family THEN 'family' ELSE 'outside' END
"""
LINK_CITES_REFERENCE += _INCLUDE_PARTS

REFERENCES = """
MATCH (x:Reference)
RETURN x.key AS key, x.work AS work, x.publisher AS publisher, coalesce(x.dated, false) AS dated
ORDER BY key
"""

# a later catalogue holds what a Reference named: its citations move to the Standard
MOVE_REFERENCE_CITATIONS = """
UNWIND $rows AS row
MATCH (x:Reference {key: row.key})<-[c:CITES]-(a:Standard)
MATCH (b:Standard {key: row.end})
WHERE a.work <> b.work
MERGE (a)-[r:CITES]->(b)
SET r.origins = reduce(acc = coalesce(r.origins, []), o IN coalesce(c.origins, []) |
                       CASE WHEN o IN acc THEN acc ELSE acc + o END),
    r.source = c.source, r.surface = c.surface, r.resolved = row.resolved
DELETE c
"""

LINK_REFERENCE_PARTS = """
UNWIND $rows AS row
MATCH (x:Reference {key: row.key})
SET x.family = true, x.in_catalogue = true
"""
LINK_REFERENCE_PARTS += _INCLUDE_PARTS

DROP_ORPHAN_REFERENCES = """
MATCH (x:Reference)
WHERE NOT EXISTS { (:Standard)-[:CITES]->(x) }
DETACH DELETE x
"""

# graph/catalog/cross_refs.py: the title key and the common-text claims of each linked row
SET_CROSS_REFS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
SET s.title_key = row.title_key, s.title_tail_key = row.title_tail_key,
    s.common_text_claims = CASE WHEN size(row.claims) = 0 THEN null ELSE row.claims END
"""

CLEAR_COMMON_TEXTS = "MATCH (:Standard)-[r:COMMON_TEXT]->(:Standard) DELETE r"

# Common texts by title: published editions (current or withdrawn: a twin stays a twin when
# one body withdraws its copy) whose titles fold to the same words, or whose title is the last
# element of the other's ("Entity authentication assurance framework" / "Information
# technology - Security techniques - Entity authentication assurance framework"), from bodies
# that share no member (ITU-T and ISO/IEC; not ISO and ISO/IEC, which are one family). Each
# pair of works is linked once, between their best editions by title.
LINK_COMMON_TEXTS_BY_TITLE = """
MATCH (a:Standard)
WHERE a.title_key IS NOT NULL AND a.status IN ['current', 'withdrawn']
CALL (a) {
  MATCH (b:Standard {title_key: a.title_key}) RETURN b
  UNION
  MATCH (b:Standard {title_key: a.title_tail_key}) RETURN b
}
WITH a, b
WHERE b.status IN ['current', 'withdrawn'] AND a.work <> b.work
  // $imprints: an IWA is ISO's, CISPR is IEC's (graph/catalog/cross_refs.py)
  AND none(body IN [x IN split(coalesce(a.publisher, ''), '/') | coalesce($imprints[x], x)]
           WHERE body IN [y IN split(coalesce(b.publisher, ''), '/')
                          | coalesce($imprints[y], y)])
WITH CASE WHEN a.work < b.work THEN a ELSE b END AS x,
     CASE WHEN a.work < b.work THEN b ELSE a END AS y
ORDER BY CASE x.status WHEN 'current' THEN 0 ELSE 1 END + CASE y.status WHEN 'current' THEN 0
         ELSE 1 END, x.published DESC, y.published DESC
WITH x.work AS xw, y.work AS yw, collect([x, y])[0] AS best
WITH best[0] AS a, best[1] AS b
WITH CASE WHEN a.key < b.key THEN a ELSE b END AS a, CASE WHEN a.key < b.key THEN b ELSE a END AS b
MERGE (a)-[r:COMMON_TEXT]->(b)
SET r.via = CASE WHEN 'title' IN coalesce(r.via, []) THEN r.via
                 ELSE coalesce(r.via, []) + 'title' END
"""

# Common texts an abstract states ("ITU-T X.509 | ISO/IEC 9594-8", "twin text with ..."):
# each claimed work means its best edition.
LINK_COMMON_TEXTS_BY_CLAIM = (
    """
MATCH (s:Standard)
WHERE s.common_text_claims IS NOT NULL
UNWIND s.common_text_claims AS claim
WITH split(claim, '\t') AS works, collect(s.key)[..5] AS evidence
CALL (works) {"""
    + _best_edition("works[0]", "b AS first")
    + """}
CALL (works) {"""
    + _best_edition("works[1]", "b AS second")
    + """}
WITH CASE WHEN first.key < second.key THEN first ELSE second END AS a,
     CASE WHEN first.key < second.key THEN second ELSE first END AS b, evidence
MERGE (a)-[r:COMMON_TEXT]->(b)
SET r.via = CASE WHEN 'abstract' IN coalesce(r.via, []) THEN r.via
                 ELSE coalesce(r.via, []) + 'abstract' END,
    r.evidence = evidence
"""
)

LINK_DOMAINS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key}), (d:Domain {key: row.domain})
MERGE (s)-[r:IN_DOMAIN]->(d)
SET r.origins = CASE WHEN row.origin IN coalesce(r.origins, []) THEN r.origins
                     ELSE coalesce(r.origins, []) + row.origin END,
    r.via = reduce(acc = coalesce(r.via, []), v IN row.via |
                   CASE WHEN v IN acc THEN acc ELSE acc + v END),
    r.score = CASE WHEN r.score IS NULL OR row.score > r.score THEN row.score ELSE r.score END
RETURN count(r) AS linked
"""

CLEAR_LINKS_PENDING = """
UNWIND $keys AS key
MATCH (s:Standard {key: key})
REMOVE s.links_pending
SET s.links_version = $version
"""

PENDING_LINK_KEYS = "MATCH (s:Standard) WHERE s.links_pending RETURN s.key AS key"

# ITU lists one row per edition and ETSI one per version: chain them newest -> older with
# REPLACES, and for ETSI (which states no status) the newest version is current.
LINK_EDITIONS = """
UNWIND $works AS work
MATCH (s:Standard {work: work})
WHERE s.edition_order IS NOT NULL AND coalesce(s.status, '') <> 'development'
WITH work, s ORDER BY s.edition_order
WITH work, collect(s) AS editions
UNWIND range(0, size(editions) - 1) AS i
WITH editions[i] AS edition, i, editions
FOREACH (_ IN CASE WHEN edition.publisher = 'ETSI' THEN [1] ELSE [] END |
  SET edition.status = CASE WHEN i = size(editions) - 1 THEN 'current' ELSE 'withdrawn' END)
WITH edition, i, editions WHERE i > 0
WITH edition AS newer, editions[i - 1] AS older
MERGE (newer)-[r:REPLACES]->(older)
  ON CREATE SET r.source = 'editions', r.origins = ['editions']
RETURN count(r) AS linked
"""

# the caller hashes the node's embedding text and compares it with embedding_hash
# One vector per work (graph/ingest_catalog.py: representative): every catalogue edition of
# a batch of works, and the removal of vectors from editions that no longer represent theirs.
WORK_EDITIONS = """
UNWIND $works AS work
MATCH (s:Standard {work: work})
WHERE s.sources IS NOT NULL
RETURN work, s.key AS key, s.title AS title, s.abstract AS abstract, s.status AS status,
       s.doctype AS doctype,
       s.published AS published, s.year AS year, s.edition_order AS edition_order,
       s.embedding_hash AS embedding_hash, s.embedding IS NOT NULL AS embedded
"""

CLEAR_EMBEDDINGS = """
UNWIND $keys AS key
MATCH (s:Standard {key: key})
REMOVE s.embedding, s.embedding_hash
"""

SET_EMBEDDINGS = """
UNWIND $rows AS row
MATCH (s:Standard {key: row.key})
SET s.embedding = row.vector, s.embedding_hash = row.hash
"""

# ============================================================================================
# Taxonomies (graph/taxonomy.py)
# ============================================================================================

MERGE_ICS = """
UNWIND $rows AS row
MERGE (i:ICS {code: row.code})
SET i.title = row.title, i.level = row.level, i.notes = row.notes
WITH i, row WHERE row.parent IS NOT NULL
MERGE (p:ICS {code: row.parent})
  ON CREATE SET p.level = row.level - 1
MERGE (i)-[:BROADER]->(p)
"""

MERGE_COMMITTEES = """
UNWIND $rows AS row
MERGE (c:Committee {ref: row.ref})
SET c.title = row.title, c.scope = row.scope, c.status = row.status, c.kind = row.kind
WITH c, row WHERE row.parent IS NOT NULL
MERGE (p:Committee {ref: row.parent})
MERGE (c)-[:SUB_OF]->(p)
"""

MERGE_PUBLISHERS = """
UNWIND $names AS name
MERGE (:Publisher {name: name})
"""

DOMAIN_HASHES = "MATCH (d:Domain) RETURN d.key AS key, d.content_hash AS hash"

MERGE_DOMAINS = """
UNWIND $rows AS row
MERGE (d:Domain {key: row.key})
SET d.name = row.name, d.description = row.description, d.aliases = row.aliases,
    d.committees = row.committees, d.content_hash = row.hash
WITH d, row
OPTIONAL MATCH (d)-[old:MAPS_TO]->(i:ICS)
WHERE NOT i.code IN row.ics
DELETE old
WITH DISTINCT d, row
UNWIND row.ics AS code
MERGE (i:ICS {code: code})
  ON CREATE SET i.level = size(split(code, '.'))
MERGE (d)-[:MAPS_TO]->(i)
"""
