"""Session fixtures: a real, throw-away Neo4j for the tests, and the models loaded once.

Why a separate instance: tests wipe the database, so they never run against the user's graph.
Each pytest session starts its own managed instance (``test-<pid>``) on free ports, sharing only
the installed jars, and deletes it at the end. Set ``STDKG_TEST_NEO4J_URI`` (plus
``STDKG_TEST_NEO4J_PASSWORD``) to run against a server of your own instead — it WILL be wiped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from data_paths import SHARED_DATA, shared_file

from stdkg.config import Settings, get_settings, set_offline_model_env

if TYPE_CHECKING:
    import neo4j

    from nlp.embedder import Embedder

set_offline_model_env()

__all__ = ["shared_file"]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.skip(f"shared data folder {SHARED_DATA} is not available")
    return SHARED_DATA


def _reap_orphaned_test_instances(settings: Settings) -> None:
    """Stop and delete test instances whose pytest process is gone (a run killed before its
    teardown), so they neither hold memory nor ports."""
    from graph.server import ManagedNeo4j

    for folder in (settings.home / "instances").glob("test-*"):
        owner = folder.name.removeprefix("test-")
        if not owner.isdigit() or int(owner) == os.getpid():
            continue
        try:
            os.kill(int(owner), 0)
            continue  # its pytest is still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        orphan = settings.model_copy(update={"neo4j_instance": folder.name})
        ManagedNeo4j(orphan).destroy()


def _external_test_env() -> dict[str, str] | None:
    uri = os.environ.get("STDKG_TEST_NEO4J_URI")
    if not uri:
        return None
    return {
        "NEO4J_URI": uri,
        "NEO4J_USER": os.environ.get("STDKG_TEST_NEO4J_USER", "neo4j"),
        "NEO4J_PASSWORD": os.environ.get("STDKG_TEST_NEO4J_PASSWORD", ""),
        "NEO4J_DATABASE": os.environ.get("STDKG_TEST_NEO4J_DATABASE", "neo4j"),
    }


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings of a running Neo4j reserved for this test session.

    The process environment is pointed at it too, so code that calls ``get_settings()`` itself
    (the API app, the CLI) talks to the test server.
    """
    from graph.server import ManagedNeo4j, throwaway_environment

    external = _external_test_env()
    if external:
        overrides = external
    else:
        overrides = throwaway_environment(
            f"test-{os.getpid()}",
            heap=os.environ.get("STDKG_TEST_HEAP", "1g"),
            pagecache=os.environ.get("STDKG_TEST_PAGECACHE", "512m"),
        )
    saved = {key: os.environ.get(key) for key in (*overrides, "NEO4J_URI", "NEO4J_PASSWORD")}
    for key in ("NEO4J_URI", "NEO4J_PASSWORD"):
        os.environ.pop(key, None)
    os.environ.update(overrides)
    get_settings.cache_clear()
    settings = get_settings()
    server = None if external else ManagedNeo4j(settings)
    if server is not None:
        _reap_orphaned_test_instances(settings)
    try:
        if server is not None:
            server.start()
        yield settings
    finally:
        if server is not None:
            server.destroy()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    from graph.connection import get_driver

    session_driver = get_driver(neo4j_settings)
    yield session_driver
    session_driver.close()


@pytest.fixture
def clean_db(driver: neo4j.Driver, neo4j_settings: Settings) -> neo4j.Driver:
    """The test driver, on an empty database."""
    from graph.schema import wipe_database

    wipe_database(driver, database=neo4j_settings.neo4j_database)
    return driver


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The embedding model, loaded once per test session."""
    from nlp.embedder import get_embedder

    settings = get_settings()
    return get_embedder(settings)
