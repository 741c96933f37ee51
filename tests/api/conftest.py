"""A small real-data graph for the API tests, built with graph's own ingestion functions.

What it holds (from ``../shared/data``, never copied into the repo): the catalogue rows of a few
smart-city, resilience and IoT-security works (every edition, so current/withdrawn ordering is
testable) plus a handful of unrelated rows as distractors, the project's domains, and one real
policy excerpt that names ISO 37101. The rows are selected by reference into a temporary JSONL
file, which keeps the build to seconds instead of scanning the 144k-row catalogues through the
ingest.

Shared by the search/standards/documents/meta tests and the gaps/overlaps tests: fixtures are
generic (``api_graph``, ``api_app``, ``client``, ``write_headers``), nothing here is specific to
one router. Other test modules wipe the database (``clean_db``), so ``api_graph`` checks that
its graph is still there before every test and rebuilds it if not.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURE_WORKS: dict[str, str] = {
    "iso.jsonl.gz": r"^(ISO 3710[0-9]|ISO 3712[0-5]|ISO/IEC 30146|ISO 22301|ISO 22313"
    r"|ISO 22320|ISO 22322|ISO 50001|ISO 24512|ISO 24528|ISO 37163|ISO 19650-1"
    r"|ISO/IEC TS 27570|ISO/IEC 30141|ISO 2768-1|ISO 8100-1)\b",
    "iec.jsonl.gz": r"^(IEC 61851-1|IEC 63152|IEC 60598-2-3)\b",
    "itu.jsonl.gz": r"^ITU-T Y\.(490[0-6]|4456|4458)\b",
    "etsi.jsonl.gz": r"^ETSI (EN 303 645|TS 103 701)\b",
}
FIXTURE_POLICY = "eu-smart-city-guidance-package-annex3-standards-excerpt.txt"
FIXTURE_POLICY_ID = "eu-smart-city-annex3"
FIXTURE_MARKER_KEY = "ISO 37120:2018"
API_TEST_KEY = "test-key-for-api-tests"


def _select_rows(shared_data: Path, target: Path) -> int:
    """Copy the fixture rows of the shared catalogues into one temporary JSONL file."""
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for name, pattern in FIXTURE_WORKS.items():
            matcher = re.compile(pattern)
            with gzip.open(shared_data / "standards" / name, "rt", encoding="utf-8") as rows:
                for line in rows:
                    record = json.loads(line)
                    if matcher.search(record.get("reference") or ""):
                        out.write(line if line.endswith("\n") else line + "\n")
                        count += 1
    return count


def build_fixture_graph(driver: Any, settings: Any, shared_data: Path, workdir: Path) -> None:
    from graph.ingest_catalog import ingest_catalog
    from graph.schema import wipe_database

    wipe_database(driver, database=settings.neo4j_database)
    rows = workdir / "fixture-catalogue.jsonl"
    if _select_rows(shared_data, rows) == 0:
        pytest.skip("no fixture rows found in the shared catalogues")
    ingest_catalog(driver, [rows], settings=settings, progress=False)
    policy = shared_data / "policies" / FIXTURE_POLICY
    if policy.exists():
        from graph.ingest_policies import ingest_policy_file

        ingest_policy_file(driver, policy, doc_id=FIXTURE_POLICY_ID, settings=settings)


_FIXTURE_STATE: dict[str, int] = {}
_STATE_QUERY = """
CALL () { MATCH (s:Standard) RETURN count(s) AS standards }
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () { MATCH (:Document {id: $doc_id}) RETURN count(*) AS fixture_documents }
CALL () { MATCH (:Standard {key: $marker}) RETURN count(*) AS markers }
RETURN standards, documents, fixture_documents, markers
"""


def _graph_state(driver: Any, database: str) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        _STATE_QUERY, doc_id=FIXTURE_POLICY_ID, marker=FIXTURE_MARKER_KEY, database_=database
    )
    return dict(records[0]) if records else {}


def _fixture_present(driver: Any, database: str) -> bool:
    """True when the database is exactly the graph this module built (other test modules wipe
    it or build graphs of their own, possibly with some of the same standards)."""
    return bool(_FIXTURE_STATE) and _graph_state(driver, database) == _FIXTURE_STATE


@pytest.fixture(scope="session")
def _api_graph_workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api-graph")


@pytest.fixture
def api_graph(
    driver: Any, neo4j_settings: Any, shared_data: Path, _api_graph_workdir: Path, embedder: Any
) -> Any:
    """The driver, on a database holding the fixture graph (built or rebuilt as needed).

    Tests must not change the fixture's standards; tests that write (POST/DELETE documents)
    use their own document ids and clean up after themselves.
    """
    database = neo4j_settings.neo4j_database
    if not _fixture_present(driver, database):
        build_fixture_graph(driver, neo4j_settings, shared_data, _api_graph_workdir)
        _FIXTURE_STATE.clear()
        _FIXTURE_STATE.update(_graph_state(driver, database))
    return driver


@pytest.fixture
def api_app(api_graph: Any, neo4j_settings: Any, embedder: Any) -> Any:
    """The FastAPI app around the test driver and the session's embedder, with a known key."""
    from api.main import create_app

    settings = neo4j_settings.model_copy(update={"api_key": API_TEST_KEY})
    return create_app(settings, driver=api_graph, embedder=embedder)


@pytest.fixture
def client(api_app: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    # STDKG_API_TEST_RAISE=1 shows the traceback of a 500 instead of the response
    raise_errors = os.environ.get("STDKG_API_TEST_RAISE") == "1"
    with TestClient(api_app, raise_server_exceptions=raise_errors) as test_client:
        yield test_client


@pytest.fixture
def write_headers() -> dict[str, str]:
    return {"X-API-Key": API_TEST_KEY}


@pytest.fixture
def down_client(neo4j_settings: Any, embedder: Any) -> Iterator[Any]:
    """An app whose driver points at a port nothing listens on: Neo4j is 'down'."""
    import neo4j
    from fastapi.testclient import TestClient

    from api.main import create_app
    from graph.server import free_port

    dead = neo4j.GraphDatabase.driver(
        f"bolt://127.0.0.1:{free_port()}",
        auth=("neo4j", "x"),
        connection_timeout=2.0,
        connection_acquisition_timeout=3.0,
    )
    settings = neo4j_settings.model_copy(update={"api_key": API_TEST_KEY})
    app = create_app(settings, driver=dead, embedder=embedder)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    dead.close()
