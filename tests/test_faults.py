"""Faults, for real: Neo4j killed under a running API, and an ingest killed mid-way.

Why real kills (SIGKILL to the JVM, SIGKILL to the ``stdkg ingest`` process) and not mocks: the
guarantees are about what the driver, the server's recovery and the one-transaction-per-document
ingest do together — a fast 503 with ``Retry-After`` while Neo4j is gone and answers again once
it is back, with the same app; and a re-run that converges on the graph a clean run builds, with
no duplicates.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from policy_samples import PLAN_TEXT

from graph.queries import admin as admin_queries
from graph.server import ManagedNeo4j, free_port
from stdkg.config import Settings

pytestmark = pytest.mark.neo4j


def _wait(condition: Any, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return bool(condition())


def test_neo4j_killed_under_the_api_is_a_fast_503_then_recovers(
    neo4j_settings: Settings, embedder: Any
) -> None:
    if neo4j_settings.external_neo4j:
        pytest.skip("needs a managed instance of its own to kill")
    from fastapi.testclient import TestClient

    from api.main import create_app

    own = Settings(
        home=neo4j_settings.home,
        neo4j_instance=f"kill-{os.getpid()}",
        bolt_port=free_port(),
        http_port=free_port(),
        heap="512m",
        pagecache="64m",
        api_key="fault-test-key",
    )
    server = ManagedNeo4j(own)
    try:
        server.start()
        # the app makes its own driver at startup, as `stdkg serve` does
        app = create_app(own, embedder=embedder)
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.get("/documents").status_code == 200
            pid = server.running_pid()
            assert pid is not None
            os.killpg(os.getpgid(pid), signal.SIGKILL)
            assert _wait(lambda: server.running_pid() is None, 30)

            for path in ("/documents", "/domains", "/documents/some-id"):
                started = time.perf_counter()
                response = client.get(path)
                assert time.perf_counter() - started < 5, path
                assert response.status_code == 503, (path, response.text)
                assert response.headers["Retry-After"]
                assert response.json() == {"detail": "graph database unavailable"}
            assert client.get("/health").status_code == 503

            server.start()  # the same ports; the app is not restarted
            assert _wait(lambda: client.get("/documents").status_code == 200, 60, 0.5)
            assert client.get("/health").json()["neo4j"] is True
    finally:
        server.destroy()


# ---------------------------------------------------------------------------- ingest


def _policy_folder(folder: Path, count: int) -> list[str]:
    """``count`` distinct small policies (one id each, from the file name)."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for number in range(count):
        doc_id = f"plan-{number:02d}"
        text = PLAN_TEXT.replace("150 national standards", f"{150 + number} national standards")
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        ids.append(doc_id)
    return ids


def _shape(driver: Any, database: str) -> dict[str, Any]:
    """Counts by label and relationship type, the document ids, and any duplicated key."""
    labels, _, _ = driver.execute_query(admin_queries.COUNT_BY_LABEL, database_=database)
    types, _, _ = driver.execute_query(admin_queries.COUNT_BY_TYPE, database_=database)
    documents, _, _ = driver.execute_query(
        "MATCH (d:Document) RETURN d.id AS id ORDER BY id", database_=database
    )
    duplicates, _, _ = driver.execute_query(
        "MATCH (n) WITH labels(n) AS labels, coalesce(n.key, n.id) AS key, count(*) AS copies "
        "WHERE key IS NOT NULL AND copies > 1 RETURN labels, key, copies",
        database_=database,
    )
    return {
        "labels": {r["label"]: r["count"] for r in labels},
        "types": {r["type"]: r["count"] for r in types},
        "documents": [r["id"] for r in documents],
        "duplicates": [dict(r) for r in duplicates],
    }


def _documents(driver: Any, database: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (d:Document) WHERE NOT d.id STARTS WITH 'policy:' RETURN count(d) AS n",
        database_=database,
    )
    return int(records[0]["n"])


@pytest.mark.models
def test_ingest_killed_mid_way_converges_on_a_rerun(
    clean_db: Any, neo4j_settings: Settings, embedder: Any, tmp_path: Path
) -> None:
    from graph.ingest_policies import ingest_policy_paths
    from graph.schema import wipe_database

    database = neo4j_settings.neo4j_database
    folder = tmp_path / "policies"
    ids = _policy_folder(folder, 12)

    # what a clean, uninterrupted run builds
    clean = ingest_policy_paths(
        clean_db, [folder], settings=neo4j_settings, progress=False, embed=embedder.embed
    )
    assert not clean.failures and len(clean.outcomes) == len(ids)
    expected = _shape(clean_db, database)
    ingested = [doc_id for doc_id in expected["documents"] if not doc_id.startswith("policy:")]
    assert ingested == ids and expected["duplicates"] == []
    wipe_database(clean_db, database=database)

    # the real command, killed (SIGKILL) once some documents are in and others are not
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "ingest", "policies", str(folder), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
        start_new_session=True,
    )
    try:
        assert _wait(lambda: _documents(clean_db, database) >= 2, 240, 0.05), "nothing written"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
    written = _documents(clean_db, database)
    assert written < len(ids), "the run finished before it could be killed: use more files"

    resumed = ingest_policy_paths(
        clean_db, [folder], settings=neo4j_settings, progress=False, embed=embedder.embed
    )
    assert not resumed.failures
    statuses = [outcome.status for outcome in resumed.outcomes]
    assert statuses.count("unchanged") >= written - 1  # at most one was in flight
    assert _shape(clean_db, database) == expected
