"""Batched, idempotent writes of catalogue records into Neo4j (``UNWIND ... MERGE``).

Why batches of rows rather than one query per record: a round trip per record caps a load at a
few hundred records per second; one ``UNWIND`` over a thousand rows lets the server do the
work under the uniqueness constraints. Every function takes plain rows, so the orchestration
(``graph.ingest_catalog``) decides what to write and this module only knows how.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph.catalog.cross_refs import BODY_OF_IMPRINT
from graph.catalog.records import CatalogRecord
from graph.queries import admin as admin_queries
from graph.queries import catalog as catalog_queries
from graph.queries.search import SUPPLEMENT_PATTERN


@dataclass
class WriteCounters:
    """What the server reports it changed (summed over statements)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set

    def merge(self, other: WriteCounters) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def writes(self) -> int:
        return (
            self.nodes_created
            + self.nodes_deleted
            + self.relationships_created
            + self.relationships_deleted
            + self.properties_set
        )


@dataclass(frozen=True)
class NodeState:
    """What the graph already holds for one Standard key."""

    hashes: frozenset[str]
    links_pending: bool


@dataclass
class Writer:
    """Writes into one database of one driver."""

    driver: neo4j.Driver
    database: str = "neo4j"
    counters: WriteCounters = field(default_factory=WriteCounters)

    def _run_write(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> WriteCounters:
        batch = WriteCounters()

        def work(tx: neo4j.ManagedTransaction) -> None:
            for query, parameters in statements:
                batch.add(tx.run(query, parameters).consume().counters)

        with self.driver.session(database=self.database) as session:
            session.execute_write(work)
        self.counters.merge(batch)
        return batch

    def read(self, query: str, **parameters: Any) -> list[dict[str, Any]]:
        records, _, _ = self.driver.execute_query(
            query, parameters, database_=self.database, routing_=neo4j.RoutingControl.READ
        )
        return [record.data() for record in records]

    # ---- standards --------------------------------------------------------------------------

    def standard_states(self, keys: Iterable[str], links_version: int = 1) -> dict[str, NodeState]:
        """One round trip for a whole batch: which keys exist, with which row hashes, and
        whether their links are pending (never linked, or linked by an older linker)."""
        rows = self.read(
            catalog_queries.STANDARD_STATE, keys=sorted(set(keys)), links_version=links_version
        )
        return {
            row["key"]: NodeState(frozenset(row["hashes"]), row["links_pending"]) for row in rows
        }

    def write_standards(self, records: Sequence[CatalogRecord]) -> WriteCounters:
        """Nodes plus the edges a row states directly (ICS, committee, publisher), in one
        transaction, after withdrawing what earlier versions of the same rows asserted."""
        if not records:
            return WriteCounters()
        statements: list[tuple[str, dict[str, Any]]] = []
        for wave in waves([standard_row(record) for record in records], lambda row: row["key"]):
            # the edge statements get slim rows: the driver encodes every parameter afresh,
            # and abstracts are most of a row's bytes
            slim = [{name: row[name] for name in _EDGE_FIELDS} for row in wave]
            statements += [
                (catalog_queries.WITHDRAW_ORIGINS, {"rows": slim}),
                (catalog_queries.MERGE_STANDARDS, {"rows": wave}),
                (catalog_queries.LINK_CLASSIFICATION, {"rows": slim}),
                (catalog_queries.SYNC_ICS, {"rows": slim}),
                (catalog_queries.LINK_COMMITTEE, {"rows": slim}),
                (catalog_queries.LINK_PUBLISHERS, {"rows": slim}),
            ]
        return self._run_write(statements)

    # ---- links ------------------------------------------------------------------------------

    def write_links(
        self,
        *,
        relations: dict[str, list[dict[str, Any]]],
        cites: list[dict[str, Any]],
        cites_references: list[dict[str, Any]],
        cross_refs: list[dict[str, Any]],
        domains: list[dict[str, Any]],
        done_keys: list[str],
        links_version: int,
        origins: list[dict[str, str]] | None = None,
    ) -> WriteCounters:
        """One transaction: withdraw what ``origins`` (``{key, origin}`` of the rows being
        linked) asserted before, then assert it again."""

        def edge(row: dict[str, Any]) -> tuple[str, str]:
            return row["start"], row["end"]

        statements: list[tuple[str, dict[str, Any]]] = []
        if origins:
            statements.append((catalog_queries.WITHDRAW_LINK_ORIGINS, {"rows": origins}))
        statements += [
            (catalog_queries.LINK_RELATION[kind], {"rows": wave})
            for kind, rows in relations.items()
            for wave in waves(rows, edge)
        ]
        statements += [(catalog_queries.LINK_CITES, {"rows": wave}) for wave in waves(cites, edge)]
        statements += [
            (catalog_queries.LINK_CITES_REFERENCE, {"rows": wave})
            for wave in waves(cites_references, lambda row: (row["start"], row["key"]))
        ]
        statements.append((catalog_queries.SET_CROSS_REFS, {"rows": cross_refs}))
        statements += [
            (catalog_queries.LINK_DOMAINS, {"rows": wave})
            for wave in waves(domains, lambda row: (row["key"], row["domain"]))
        ]
        statements.append(
            (catalog_queries.CLEAR_LINKS_PENDING, {"keys": done_keys, "version": links_version})
        )
        return self._run_write(statements)

    def cited_targets(self, *, keys: list[str], works: list[str]) -> dict[str, Any]:
        """Which cited editions exist, and per cited work its edition or its parts."""
        found = self.read(catalog_queries.CITED_KEYS, keys=keys) if keys else []
        rows = (
            self.read(
                catalog_queries.CITED_WORKS, works=works, supplement_pattern=SUPPLEMENT_PATTERN
            )
            if works
            else []
        )
        return {"keys": [row["key"] for row in found], "works": rows}

    def references(self) -> list[dict[str, Any]]:
        return self.read(catalog_queries.REFERENCES)

    def move_references(
        self, moves: list[dict[str, Any]], parts: list[dict[str, Any]]
    ) -> WriteCounters:
        return self._run_write(
            [
                (catalog_queries.MOVE_REFERENCE_CITATIONS, {"rows": moves}),
                (catalog_queries.LINK_REFERENCE_PARTS, {"rows": parts}),
            ]
        )

    def drop_orphan_references(self) -> WriteCounters:
        return self._run_write([(catalog_queries.DROP_ORPHAN_REFERENCES, {})])

    def link_common_texts(self) -> WriteCounters:
        """Re-derive every COMMON_TEXT edge from the title keys and abstract claims (a few
        hundred pairs; cheaper to rebuild than to track)."""
        return self._run_write(
            [
                (catalog_queries.CLEAR_COMMON_TEXTS, {}),
                (catalog_queries.LINK_COMMON_TEXTS_BY_TITLE, {"imprints": BODY_OF_IMPRINT}),
                (
                    catalog_queries.LINK_COMMON_TEXTS_BY_CLAIM,
                    {"supplement_pattern": SUPPLEMENT_PATTERN},
                ),
            ]
        )

    def link_editions(self, works: Sequence[str]) -> WriteCounters:
        return self._run_write([(catalog_queries.LINK_EDITIONS, {"works": list(works)})])

    def pending_link_keys(self) -> list[str]:
        return [row["key"] for row in self.read(catalog_queries.PENDING_LINK_KEYS)]

    # ---- embeddings -------------------------------------------------------------------------

    def work_editions(self, works: Sequence[str]) -> list[dict[str, Any]]:
        return self.read(catalog_queries.WORK_EDITIONS, works=list(works))

    def clear_embeddings(self, keys: Sequence[str]) -> WriteCounters:
        return self._run_write([(catalog_queries.CLEAR_EMBEDDINGS, {"keys": list(keys)})])

    def set_embeddings(self, rows: list[dict[str, Any]]) -> WriteCounters:
        return self._run_write([(catalog_queries.SET_EMBEDDINGS, {"rows": rows})])

    # ---- taxonomies -------------------------------------------------------------------------

    def write(self, query: str, **parameters: Any) -> WriteCounters:
        return self._run_write([(query, parameters)])


def waves(
    rows: Sequence[dict[str, Any]],
    key: Callable[[dict[str, Any]], Any],
) -> list[list[dict[str, Any]]]:
    """Split rows so no wave holds two rows for the same node or edge.

    Why: in one ``UNWIND ... MERGE ... SET`` the planner may run every MERGE before any SET
    (an Eager barrier), so two rows for one node would both read its state before either
    writes it, and the rank/origins logic would see stale values. One wave per repeat keeps
    each statement's rows independent; repeats are rare (IEC's RLV copies), so waves are few.
    """
    result: list[list[dict[str, Any]]] = []
    seen: dict[Any, int] = {}
    for row in rows:
        index = seen.get(key(row), -1) + 1
        seen[key(row)] = index
        if index == len(result):
            result.append([])
        result[index].append(row)
    return result


_EDGE_FIELDS = ("key", "origin", "ics", "committee", "committee_title", "publishers")


def standard_row(record: CatalogRecord) -> dict[str, Any]:
    """The parameters of one Standard for MERGE_STANDARDS and the direct-edge statements.
    ``props`` holds only the values the row has, so a row never erases what another wrote."""
    props: dict[str, Any] = {}
    for name in catalog_queries.STANDARD_PROPERTIES:  # the same list MERGE_STANDARDS fills from
        value = getattr(record, name)
        if value is None or value == ():
            continue
        props[name] = list(value) if isinstance(value, tuple) else value
    return {
        "key": record.key,
        "ref": record.ref,
        "origin": record.origin,
        "source": record.source,
        "rank": record.rank,
        "hash": record.content_hash,
        "props": props,
        "ics": list(record.ics),
        "committee": record.committee,
        "committee_title": record.committee_title,
        "publishers": list(record.publishers),
    }


def graph_fingerprint(driver: neo4j.Driver, database: str = "neo4j") -> tuple[int, int, str]:
    """(nodes, relationships, SHA-256 over every node's and relationship's content), used to
    prove a re-run changed nothing. Order-independent; embeddings stand in via embedding_hash."""
    import hashlib
    import json

    def canonical(value: Any) -> str:
        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)

    def props(pairs: list[list[Any]]) -> list[tuple[str, Any]]:
        # list properties (aliases, sources, origins, via) are sets whose order depends on
        # which catalogue row arrived first
        return sorted((k, sorted(v, key=str) if isinstance(v, list) else v) for k, v in pairs)

    records, _, _ = driver.execute_query(admin_queries.CHECKSUM_NODES, database_=database)
    node_lines = sorted(canonical([sorted(r["labels"]), props(r["props"])]) for r in records)
    records, _, _ = driver.execute_query(admin_queries.CHECKSUM_RELATIONSHIPS, database_=database)
    rel_lines = sorted(
        canonical([r["type"], r["start"], r["end"], props(r["props"])]) for r in records
    )
    digest = hashlib.sha256()
    for line in (*node_lines, "--", *rel_lines):
        digest.update(line.encode("utf-8") + b"\n")
    return len(node_lines), len(rel_lines), digest.hexdigest()
