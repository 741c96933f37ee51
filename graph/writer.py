"""Batched, idempotent writes of catalogue records into Neo4j (``UNWIND ... MERGE``).

Why batches of rows rather than one query per record: a round trip per record caps a load at a
few hundred records per second; one ``UNWIND`` over a thousand rows lets the server do the
work under the uniqueness constraints. Every function takes plain rows, so the orchestration
(``graph.ingest_catalog``) decides what to write and this module only knows how.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph import cypher
from graph.catalog.records import CatalogRecord


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
    embedded: bool


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

    def standard_states(self, keys: Iterable[str]) -> dict[str, NodeState]:
        """One round trip for a whole batch: which keys exist, with which row hashes."""
        rows = self.read(cypher.STANDARD_STATE, keys=sorted(set(keys)))
        return {
            row["key"]: NodeState(frozenset(row["hashes"]), row["links_pending"], row["embedded"])
            for row in rows
        }

    def write_standards(self, records: Sequence[CatalogRecord]) -> WriteCounters:
        """Nodes plus the edges a row states directly (ICS, committee, publisher), in one
        transaction, after withdrawing what earlier versions of the same rows asserted."""
        if not records:
            return WriteCounters()
        rows = [standard_row(record) for record in records]
        return self._run_write(
            [
                (cypher.WITHDRAW_ORIGINS, {"rows": rows}),
                (cypher.MERGE_STANDARDS, {"rows": rows}),
                (cypher.LINK_CLASSIFICATION, {"rows": rows}),
                (cypher.LINK_COMMITTEE, {"rows": rows}),
                (cypher.LINK_PUBLISHERS, {"rows": rows}),
            ]
        )

    # ---- links ------------------------------------------------------------------------------

    def write_links(
        self,
        *,
        relations: dict[str, list[dict[str, Any]]],
        cites_edition: list[dict[str, Any]],
        cites_current: list[dict[str, Any]],
        domains: list[dict[str, Any]],
        done_keys: list[str],
    ) -> WriteCounters:
        statements: list[tuple[str, dict[str, Any]]] = [
            (cypher.LINK_RELATION[kind], {"rows": rows}) for kind, rows in relations.items() if rows
        ]
        if cites_edition:
            statements.append((cypher.LINK_CITES_EDITION, {"rows": cites_edition}))
        if cites_current:
            statements.append((cypher.LINK_CITES_CURRENT, {"rows": cites_current}))
        if domains:
            statements.append((cypher.LINK_DOMAINS, {"rows": domains}))
        statements.append((cypher.CLEAR_LINKS_PENDING, {"keys": done_keys}))
        return self._run_write(statements)

    def link_editions(self, works: Sequence[str]) -> WriteCounters:
        return self._run_write([(cypher.LINK_EDITIONS, {"works": list(works)})])

    def pending_link_keys(self) -> list[str]:
        return [row["key"] for row in self.read(cypher.PENDING_LINK_KEYS)]

    # ---- embeddings -------------------------------------------------------------------------

    def standard_texts(self, keys: Sequence[str]) -> list[dict[str, Any]]:
        return self.read(cypher.STANDARD_TEXTS, keys=list(keys))

    def set_embeddings(self, rows: list[dict[str, Any]]) -> WriteCounters:
        return self._run_write([(cypher.SET_EMBEDDINGS, {"rows": rows})])

    # ---- taxonomies -------------------------------------------------------------------------

    def write(self, query: str, **parameters: Any) -> WriteCounters:
        return self._run_write([(query, parameters)])


_NODE_PROPERTIES = (
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
)


def standard_row(record: CatalogRecord) -> dict[str, Any]:
    """The parameters of one Standard for MERGE_STANDARDS and the direct-edge statements.
    ``props`` holds only the values the row has, so a row never erases what another wrote."""
    props: dict[str, Any] = {
        name: getattr(record, name)
        for name in _NODE_PROPERTIES
        if getattr(record, name) is not None
    }
    if record.keywords:
        props["keywords"] = list(record.keywords)
    if record.edition_order:
        props["edition_order"] = record.edition_order
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

    records, _, _ = driver.execute_query(cypher.CHECKSUM_NODES, database_=database)
    node_lines = sorted(
        canonical([sorted(r["labels"]), sorted(map(tuple, r["props"]))]) for r in records)
    records, _, _ = driver.execute_query(cypher.CHECKSUM_RELATIONSHIPS, database_=database)
    rel_lines = sorted(
        canonical([r["type"], r["start"], r["end"], sorted(map(tuple, r["props"]))])
        for r in records)
    digest = hashlib.sha256()
    for line in (*node_lines, "--", *rel_lines):
        digest.update(line.encode("utf-8") + b"\n")
    return len(node_lines), len(rel_lines), digest.hexdigest()
