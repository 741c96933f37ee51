"""Driver creation: the managed server or the user's own (NEO4J_URI & co.).

Why here: every caller (CLI, API, tests, benchmarks) needs the same decision about which server
to talk to and with which credentials, and the same short timeouts so "Neo4j is down" is
reported in seconds, not minutes.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import GraphDatabase

from graph.errors import Neo4jUnavailableError
from stdkg.config import Settings


class NotificationSummary(logging.Filter):
    """Shortens the driver's notification log records and drops repeats.

    The driver logs every server notification (an unknown label or property on a partly loaded
    graph, a deprecation) with the whole Cypher statement, once per run of the statement: long
    queries run thousands of times made megabytes of log. This filter rewrites each record to
    one line (the status code, the message, the statement's digest and the offending line) and
    lets each distinct notification of each statement through once per process.
    """

    MAX_REMEMBERED = 10_000
    SNIPPET_CHARS = 120

    def __init__(self) -> None:
        super().__init__("neo4j.notifications")
        self._seen: set[tuple[str, str, str]] = set()
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        printer = args[0] if args else None
        notification = getattr(printer, "notification", None)
        if notification is None:
            return True  # not the driver's notification record: leave it alone
        query = str(getattr(printer, "query", None) or "")
        code = str(getattr(notification, "gql_status", None) or "?")
        description = str(getattr(notification, "status_description", None) or "")[:300]
        digest = hashlib.sha1(query.encode("utf-8")).hexdigest()[:10]
        with self._lock:
            if (code, description, digest) in self._seen:
                return False
            if len(self._seen) >= self.MAX_REMEMBERED:
                self._seen.clear()
            self._seen.add((code, description, digest))
        record.msg = "Neo4j notification %s: %s [query %s, %d chars%s]"
        record.args = (code, description, digest, len(query), _where(notification, query))
        return True


def _where(notification: Any, query: str) -> str:
    """``, line L: <that line, shortened>`` for a notification with a position."""
    position = getattr(notification, "position", None)
    line = getattr(position, "line", None)
    lines = query.splitlines()
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].strip()
    if len(text) > NotificationSummary.SNIPPET_CHARS:
        text = text[: NotificationSummary.SNIPPET_CHARS] + "…"
    return f", line {line}: {text}"


def install_notification_summary() -> None:
    """Put the summary filter on the driver's notification logger (once per process)."""
    logger = logging.getLogger("neo4j.notifications")
    if not any(isinstance(f, NotificationSummary) for f in logger.filters):
        logger.addFilter(NotificationSummary())


install_notification_summary()


@dataclass(frozen=True)
class ConnectionInfo:
    uri: str
    user: str
    password: str
    database: str
    managed: bool


def connection_info(settings: Settings) -> ConnectionInfo:
    """Where to connect: the external server if NEO4J_URI is set, else the managed instance."""
    if settings.external_neo4j:
        if not settings.neo4j_password:
            raise Neo4jUnavailableError(
                "NEO4J_URI is set but NEO4J_PASSWORD is not; set both (environment or .env)"
            )
        return ConnectionInfo(
            uri=str(settings.neo4j_uri),
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            managed=False,
        )
    from graph.server import ManagedNeo4j

    server = ManagedNeo4j(settings)
    password = server.read_password()
    if password is None:
        raise Neo4jUnavailableError(
            "the managed Neo4j has not been set up yet: run `stdkg neo4j start` "
            "(or set NEO4J_URI/NEO4J_PASSWORD to use your own server)"
        )
    return ConnectionInfo(
        uri=server.bolt_uri,
        user=settings.neo4j_user,
        password=password,
        database=settings.neo4j_database,
        managed=True,
    )


def get_driver(settings: Settings, *, verify: bool = True) -> neo4j.Driver:
    """A driver for the configured server; with ``verify`` it fails fast and clearly when the
    server does not answer or rejects the credentials."""
    info = connection_info(settings)
    driver = GraphDatabase.driver(
        info.uri,
        auth=(info.user, info.password),
        connection_timeout=5.0,
        connection_acquisition_timeout=10.0,
        max_transaction_retry_time=5.0,
    )
    if verify:
        try:
            driver.verify_connectivity()
        except neo4j.exceptions.AuthError as error:
            driver.close()
            raise Neo4jUnavailableError(
                f"Neo4j at {info.uri} rejected the credentials for user {info.user!r}"
            ) from error
        except (neo4j.exceptions.ServiceUnavailable, OSError) as error:
            driver.close()
            hint = "start it with `stdkg neo4j start`" if info.managed else "is it running?"
            raise Neo4jUnavailableError(f"Neo4j at {info.uri} is not reachable; {hint}") from error
    return driver
