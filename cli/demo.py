"""``stdkg demo``: the README's first command, end to end.

Starts the managed Neo4j (unless NEO4J_URI points elsewhere), ingests the demo corpus (the
taxonomies, a catalogue subset that covers the project's domains, and every shared policy text),
starts the API in the background and prints where to look. Every step is idempotent, so a second
run reuses what is installed and ingested and is up within a minute.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from stdkg.config import Settings, get_settings
from stdkg.errors import ConfigurationError, StdkgError

if TYPE_CHECKING:
    import neo4j


def _api_pid_file(settings: Settings) -> Path:
    return settings.home / "run" / "api.pid"


def api_url(settings: Settings) -> str:
    return f"http://{settings.api_host}:{settings.api_port}"


def _api_answers(settings: Settings, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url(settings)}/health", timeout=timeout) as response:
            return bool(response.status in (200, 503))
    except OSError:
        return False


def background_api_pid(settings: Settings) -> int | None:
    """PID of the API this project started in the background, if it is still alive."""
    pid_file = _api_pid_file(settings)
    if not pid_file.exists():
        return None
    try:
        pid = int(pid_file.read_text(encoding="utf-8").strip())
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError):
        pid_file.unlink(missing_ok=True)
        return None
    return pid


def start_api_background(settings: Settings, timeout: float = 120.0) -> int:
    """Run ``uvicorn api.main:create_app`` detached, log to the home folder, wait for /health."""
    running = background_api_pid(settings)
    if running is not None and _api_answers(settings):
        return running
    if _api_answers(settings):
        raise ConfigurationError(
            f"something else already answers on {api_url(settings)}; stop it or set "
            "STDKG_API_PORT to another port"
        )
    log_dir = settings.home / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    _api_pid_file(settings).parent.mkdir(parents=True, exist_ok=True)
    with (log_dir / "api.log").open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.main:create_app",
                "--factory",
                "--host",
                settings.api_host,
                "--port",
                str(settings.api_port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=dict(os.environ),
        )
    _api_pid_file(settings).write_text(str(process.pid), encoding="utf-8")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _api_pid_file(settings).unlink(missing_ok=True)
            raise StdkgError(f"the API exited at start-up; see {log_dir / 'api.log'}")
        if _api_answers(settings):
            return process.pid
        time.sleep(0.5)
    raise StdkgError(f"the API did not answer within {timeout:.0f}s; see {log_dir / 'api.log'}")


def stop_api_background(settings: Settings) -> bool:
    """Stop the background API started by ``stdkg demo``; False when none was running."""
    pid = background_api_pid(settings)
    if pid is None:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.killpg(os.getpgid(pid), signal.SIGTERM)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.killpg(os.getpgid(pid), signal.SIGKILL)
    _api_pid_file(settings).unlink(missing_ok=True)
    return True


def demo(
    skip_ingest: bool = typer.Option(False, help="Only start the servers."),
    force: bool = typer.Option(
        False, "--force", help="Re-run the ingest even when its inputs are unchanged."
    ),
    policies: Path | None = typer.Option(
        None, help="Folder of policy texts (default: ../shared/data/policies)."
    ),
) -> None:
    """Set everything up: start Neo4j, ingest the demo corpus, serve the API, print URLs.

    Every step is idempotent; a second run reuses what is installed and ingested.
    """
    from graph.connection import connection_info, get_driver

    settings = get_settings()
    started = time.monotonic()
    if not settings.external_neo4j:
        from graph.server import ManagedNeo4j

        server = ManagedNeo4j(settings)
        if not server.installed:
            typer.echo("Resolving Neo4j Community and Neo4j Browser from Maven Central (once)...")
        status = server.start()
        typer.echo(f"Neo4j {status.version} answering on {status.bolt_uri}")
    driver = get_driver(settings)
    try:
        if not skip_ingest:
            folder = policies or settings.shared_data / "policies"
            stamp = _demo_stamp(settings, folder)
            if not force and _stamp_matches(driver, settings, stamp):
                typer.echo("Demo corpus already ingested from unchanged inputs (--force to redo).")
            else:
                _ingest_demo_corpus(driver, settings, folder)
                _write_stamp(driver, settings, stamp)
    finally:
        driver.close()
    pid = start_api_background(settings)
    info = connection_info(settings)
    elapsed = time.monotonic() - started
    typer.echo("")
    typer.secho(f"stdkg is up ({elapsed:.0f}s).", fg=typer.colors.GREEN, bold=True)
    typer.secho(f"  Open:          {api_url(settings)}/", bold=True)
    typer.echo("                 (search, standards, policy documents, gap analysis)")
    typer.echo(f"  Gaps:          {api_url(settings)}/ui/gaps")
    typer.echo(f"  API docs:      {api_url(settings)}/docs   (API pid {pid})")
    if info.managed:
        from graph.server import ManagedNeo4j

        server = ManagedNeo4j(settings)
        typer.echo(f"  Neo4j Browser: {server.browser_url}")
        typer.echo(
            f"                 connect to {info.uri}, user {info.user}, password {info.password}"
        )
        typer.echo("                 the stdkg style and guide load by themselves after connecting")
    else:
        typer.echo(f"  Neo4j:         {info.uri} (your own server)")
    typer.echo("  Stop:          .venv/bin/stdkg neo4j stop   (stops the API and Neo4j)")


def _stamp_file(settings: Settings) -> Path:
    return settings.instance_dir / "demo-stamp.json"


def _demo_stamp(settings: Settings, policy_folder: Path) -> str:
    """A digest of everything the demo ingest reads: the demo definition, the project's own
    gazetteers and taxonomy, the catalogue and policy files (name, size, mtime), the extractor
    and embedding model. Equal digests mean a re-ingest would write nothing."""
    from corpus import CORPUS_DIR
    from nlp.pipeline import EXTRACTOR_VERSION
    from stdkg import __version__

    digest = hashlib.sha256()
    parts = [__version__, EXTRACTOR_VERSION, settings.embedding_model, settings.neo4j_uri or ""]
    digest.update("|".join(parts).encode())
    for path in sorted(CORPUS_DIR.glob("*.json")):
        digest.update(path.name.encode() + path.read_bytes())
    inputs = [
        *sorted((settings.shared_data / "standards").glob("*")),
        *sorted((settings.shared_data / "taxonomies").rglob("*")),
        *sorted(policy_folder.glob("*")),
    ]
    for path in inputs:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def _graph_counts(driver: neo4j.Driver, settings: Settings) -> dict[str, int]:
    from graph.queries.admin import COUNT_DEMO_NODES

    records, _, _ = driver.execute_query(COUNT_DEMO_NODES, database_=settings.neo4j_database)
    return {record["label"]: int(record["count"]) for record in records}


def _stamp_matches(driver: neo4j.Driver, settings: Settings, stamp: str) -> bool:
    path = _stamp_file(settings)
    if not path.exists():
        return False
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    counts = _graph_counts(driver, settings)
    return bool(
        saved.get("stamp") == stamp
        and saved.get("counts") == counts
        and counts.get("Standard", 0) > 0
        and counts.get("Document", 0) > 0
    )


def _write_stamp(driver: neo4j.Driver, settings: Settings, stamp: str) -> None:
    path = _stamp_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"stamp": stamp, "counts": _graph_counts(driver, settings)}
    path.write_text(json.dumps(payload, indent=2), encoding="utf-8")


def _ingest_demo_corpus(driver: neo4j.Driver, settings: Settings, folder: Path) -> None:
    from graph.demo import ingest_demo_catalog
    from graph.ingest_policies import ingest_policy_paths

    typer.echo("Ingesting the demo catalogue subset and taxonomies...")
    for line in ingest_demo_catalog(driver, settings).lines():
        typer.echo(f"  {line}")
    if not folder.exists():
        raise ConfigurationError(
            f"policy folder {folder} not found; pass --policies PATH or set STDKG_SHARED_DATA"
        )
    typer.echo(f"Ingesting the policy texts in {folder}...")
    typer.echo(f"  {ingest_policy_paths(driver, [folder], settings=settings).describe()}")
