"""Reading the graph: the one object the read-side services (``analysis``) query through.

Why a small class: the services need only "run this read query, give me dict rows", so they are
tested against a fake and used alike by the API (one reader per app, over its driver), the CLI
and the benchmarks (``open_graph``: a driver of their own, closed on exit).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import neo4j

from graph.connection import get_driver
from stdkg.config import Settings


class ReadsGraph(Protocol):
    """What the read services need: run a read query, get its records as dicts."""

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[dict]: ...


class GraphReader:
    """The driver plus the database name, read queries only.

    Reads are auto-commit transactions (``session.run``), not managed ones: managed
    transactions retry for up to ``max_transaction_retry_time`` when the server is gone, and
    an API should answer 503 at once instead.
    """

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def read(self, query: str, parameters: Mapping[str, Any] | None = None) -> list[dict]:
        with self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            result = session.run(query, dict(parameters or {}))
            keys = result.keys()
            return [
                {key: plain_value(value) for key, value in zip(keys, record, strict=True)}
                for record in result
            ]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain_value(value: Any) -> Any:
    """``value`` as ``Record.data()`` gives it (nodes become property dicts), but fast for
    the scalars, lists and maps that most queries return: ``Record.data()`` runs an ABC
    ``isinstance`` chain on every value, which was a quarter of a search's client CPU. Lists
    and maps of scalars are returned as they are (checked in C by ``issuperset``); a search's
    ranking record, one list of ~350 maps, is otherwise walked value by value."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:
        if _SCALARS.issuperset(map(type, value)):
            return value
        return [plain_value(item) for item in value]
    if kind is dict:
        if _SCALARS.issuperset(map(type, value.values())):
            return value
        return {
            key: item if type(item) in _SCALARS else plain_value(item)
            for key, item in value.items()
        }
    return neo4j.Record({"value": value}).data()["value"]


@contextmanager
def open_graph(settings: Settings) -> Iterator[GraphReader]:
    """A reader outside the web app (CLI, evaluation, benchmarks): its own driver, closed on
    exit."""
    # Warnings such as "relationship type PART_OF does not exist" on a partly loaded graph are
    # expected here and would bury the report on the terminal.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
    driver = get_driver(settings)
    try:
        yield GraphReader(driver, settings.neo4j_database)
    finally:
        driver.close()
