"""The managed Neo4j server: it starts with authentication on, answers, serves the Browser,
stops without leaving a process, and the external-server path works."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import neo4j
import pytest
from neo4j import GraphDatabase

from graph.connection import connection_info, get_driver
from graph.errors import Neo4jUnavailableError, PortInUseError
from graph.server import ManagedNeo4j, free_port
from stdkg.config import Settings


def test_authentication_is_on(neo4j_settings: Settings) -> None:
    info = connection_info(neo4j_settings)
    wrong = GraphDatabase.driver(info.uri, auth=(info.user, "not-the-password"))
    try:
        with pytest.raises(neo4j.exceptions.AuthError):
            wrong.verify_connectivity()
    finally:
        wrong.close()


def test_password_is_generated_and_private(neo4j_settings: Settings) -> None:
    if neo4j_settings.external_neo4j:
        pytest.skip("the external server's credentials are the user's")
    server = ManagedNeo4j(neo4j_settings)
    password = server.read_password()
    assert password and len(password) >= 16
    assert oct(server.credentials_file.stat().st_mode & 0o777) == "0o600"


def test_write_read_round_trip(clean_db: neo4j.Driver, neo4j_settings: Settings) -> None:
    clean_db.execute_query(
        "CREATE (:Probe {key: $key, values: $values})",
        key="round-trip",
        values=[1, 2, 3],
        database_=neo4j_settings.neo4j_database,
    )
    records, _, _ = clean_db.execute_query(
        "MATCH (p:Probe {key: $key}) RETURN p.values AS values",
        key="round-trip",
        database_=neo4j_settings.neo4j_database,
    )
    assert [record["values"] for record in records] == [[1, 2, 3]]


def test_constraints_and_indexes_come_online(
    clean_db: neo4j.Driver, neo4j_settings: Settings
) -> None:
    db = neo4j_settings.neo4j_database
    clean_db.execute_query(
        "CREATE CONSTRAINT probe_key IF NOT EXISTS FOR (p:Probe) REQUIRE p.key IS UNIQUE",
        database_=db,
    )
    clean_db.execute_query(
        "CREATE FULLTEXT INDEX probe_text IF NOT EXISTS FOR (p:Probe) ON EACH [p.title] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}",
        database_=db,
    )
    clean_db.execute_query(
        "CREATE VECTOR INDEX probe_vector IF NOT EXISTS FOR (p:Probe) ON p.embedding "
        "OPTIONS {indexConfig: {`vector.dimensions`: 3, `vector.similarity_function`: 'cosine'}}",
        database_=db,
    )
    deadline = time.monotonic() + 60
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        records, _, _ = clean_db.execute_query(
            "SHOW INDEXES YIELD name, state WHERE name IN $names RETURN name, state",
            names=["probe_key", "probe_text", "probe_vector"],
            database_=db,
        )
        states = {record["name"]: record["state"] for record in records}
        if len(states) == 3 and set(states.values()) == {"ONLINE"}:
            break
        time.sleep(0.2)
    assert states == {"probe_key": "ONLINE", "probe_text": "ONLINE", "probe_vector": "ONLINE"}
    clean_db.execute_query(
        "CREATE (:Probe {key: 'a', title: 'smart city indicators', embedding: [1.0, 0.0, 0.0]})",
        database_=db,
    )
    with pytest.raises(neo4j.exceptions.ConstraintError):
        clean_db.execute_query("CREATE (:Probe {key: 'a'})", database_=db)
    records, _, _ = clean_db.execute_query(
        "CALL db.index.vector.queryNodes('probe_vector', 1, [0.9, 0.1, 0.0]) "
        "YIELD node, score RETURN node.key AS key",
        database_=db,
    )
    assert [record["key"] for record in records] == ["a"]
    for name in ("probe_text", "probe_vector", "probe_key"):
        statement = "DROP CONSTRAINT probe_key" if name == "probe_key" else f"DROP INDEX {name}"
        clean_db.execute_query(statement, database_=db)


def test_browser_is_served(neo4j_settings: Settings) -> None:
    if neo4j_settings.external_neo4j:
        pytest.skip("the Browser of an external server is not ours to check")
    server = ManagedNeo4j(neo4j_settings)
    with urllib.request.urlopen(server.browser_url, timeout=10) as response:
        body = response.read().decode("utf-8", errors="replace")
    assert response.status == 200
    assert "Neo4j Browser" in body or "neo4j" in body.lower()


def test_start_is_idempotent(neo4j_settings: Settings) -> None:
    if neo4j_settings.external_neo4j:
        pytest.skip("managed server only")
    server = ManagedNeo4j(neo4j_settings)
    pid = server.running_pid()
    assert pid is not None
    status = server.start()
    assert status.pid == pid and status.answering


def test_external_server_path(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point NEO4J_* at the running test server as if it were the user's own."""
    info = connection_info(neo4j_settings)
    monkeypatch.setenv("NEO4J_URI", info.uri)
    monkeypatch.setenv("NEO4J_USER", info.user)
    monkeypatch.setenv("NEO4J_PASSWORD", info.password)
    external = Settings(neo4j_instance="never-started-instance")
    assert external.external_neo4j
    assert connection_info(external).managed is False
    driver = get_driver(external)
    try:
        records, _, _ = driver.execute_query("RETURN 41 + 1 AS answer")
        assert records[0]["answer"] == 42
    finally:
        driver.close()
    assert not (external.home / "instances" / "never-started-instance").exists()
    # the CLI does not try to manage a server when NEO4J_URI is set
    result = subprocess.run(
        [sys.executable, "-m", "cli", "neo4j", "status"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "NEO4J_URI is set" in result.stdout


def test_unreachable_server_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever")
    with pytest.raises(Neo4jUnavailableError, match="not reachable"):
        get_driver(Settings())


def test_port_in_use_is_a_clear_error(tmp_path, neo4j_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    if neo4j_settings.external_neo4j:
        pytest.skip("managed server only")
    busy = Settings(
        home=neo4j_settings.home,
        neo4j_instance=f"busy-{os.getpid()}",
        bolt_port=neo4j_settings.bolt_port,
        http_port=free_port(),
    )
    server = ManagedNeo4j(busy)
    try:
        with pytest.raises(PortInUseError, match="STDKG_BOLT_PORT"):
            server.start()
    finally:
        server.destroy()


def test_stop_leaves_no_process(neo4j_settings: Settings) -> None:
    """A second instance of our own: start, stop, and check the JVM is gone."""
    if neo4j_settings.external_neo4j:
        pytest.skip("managed server only")
    own = Settings(
        home=neo4j_settings.home,
        neo4j_instance=f"stop-{os.getpid()}",
        bolt_port=free_port(),
        http_port=free_port(),
        heap="512m",
        pagecache="64m",
    )
    server = ManagedNeo4j(own)
    try:
        status = server.start()
        assert status.answering and status.pid is not None
        pid = status.pid
        assert server.stop() is True
        assert not os.path.exists(f"/proc/{pid}") or _is_zombie(pid)
        assert server.running_pid() is None
        assert not server.answering()
        assert server.stop() is False  # stopping twice is fine
    finally:
        server.destroy()


def test_stale_pid_file_is_ignored(neo4j_settings: Settings) -> None:
    own = Settings(
        home=neo4j_settings.home,
        neo4j_instance=f"stale-{os.getpid()}",
        bolt_port=free_port(),
        http_port=free_port(),
    )
    server = ManagedNeo4j(own)
    server.pid_file.parent.mkdir(parents=True, exist_ok=True)
    server.pid_file.write_text(str(os.getpid()))  # alive, but not a Neo4j server
    try:
        assert server.running_pid() is None
        assert not server.pid_file.exists()
    finally:
        server.destroy()


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().split(")")[-1].split()[0] == "Z"
    except OSError:
        return False


# ------------------------------------------------------------------ issue 11 #8: file modes


def _loose_paths(root: os.PathLike[str] | str) -> list[str]:
    """Files that are not 0600-or-stricter and folders that are not 0700-or-stricter."""
    import stat

    loose = []
    for folder, dirs, files in os.walk(root):
        for name in [*dirs, *files]:
            path = os.path.join(folder, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                continue
            if mode & 0o077:
                loose.append(f"{oct(mode & 0o777)} {os.path.relpath(path, root)}")
    return loose


def test_the_managed_instance_is_private(neo4j_settings: Settings) -> None:
    """Neo4j's data files, auth.ini, logs, config and our credentials: owner only."""
    if neo4j_settings.external_neo4j:
        pytest.skip("managed server only")
    server = ManagedNeo4j(neo4j_settings)
    assert (server.data_dir / "dbms" / "auth.ini").exists()
    assert oct(server.instance_dir.stat().st_mode & 0o777) == "0o700"
    assert _loose_paths(server.instance_dir) == []


def test_credentials_and_folders_are_created_private(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Created with their final mode, not chmod-ed afterwards (chmod is disabled here)."""
    settings = Settings(home=tmp_path / "home", neo4j_instance="modes")
    server = ManagedNeo4j(settings)
    monkeypatch.setattr(ManagedNeo4j, "_admin", lambda self, *arguments: None)
    monkeypatch.setattr(os, "chmod", lambda *args, **kwargs: None)
    previous = os.umask(0o022)
    try:
        password = server._ensure_credentials()
    finally:
        os.umask(previous)
    assert server.read_password() == password
    assert oct(server.credentials_file.stat().st_mode & 0o777) == "0o600"
    for folder in (settings.home, server.instance_dir, server.conf_dir, server.data_dir):
        assert oct(folder.stat().st_mode & 0o777) == "0o700", folder
    assert _loose_paths(settings.home) == []
