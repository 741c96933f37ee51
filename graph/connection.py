"""Driver creation: the managed server or the user's own (NEO4J_URI & co.).

Why here: every caller (CLI, API, tests, benchmarks) needs the same decision about which server
to talk to and with which credentials, and the same short timeouts so "Neo4j is down" is
reported in seconds, not minutes.
"""

from __future__ import annotations

from dataclasses import dataclass

import neo4j
from neo4j import GraphDatabase

from graph.errors import Neo4jUnavailableError
from stdkg.config import Settings


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
