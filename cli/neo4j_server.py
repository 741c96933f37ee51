"""``stdkg neo4j start|stop|status``: the managed Neo4j server from the command line.

``stop`` also stops the API that ``stdkg demo`` started in the background: that is the command
line's business (``cli.demo``), so ``graph.server`` knows nothing of the API.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import typer

from stdkg.config import get_settings

if TYPE_CHECKING:
    from graph.server import ManagedNeo4j

neo4j_app = typer.Typer(
    help="Manage the local Neo4j server stdkg installs (ignored when NEO4J_URI is set).",
    no_args_is_help=True,
)


def _server() -> ManagedNeo4j:
    from graph.server import ManagedNeo4j

    settings = get_settings()
    if settings.external_neo4j:
        typer.echo(
            f"NEO4J_URI is set ({settings.neo4j_uri}): stdkg uses that server and "
            "does not manage one."
        )
        raise typer.Exit(0)
    return ManagedNeo4j(settings)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command()
def start() -> None:
    """Install (first time: from Maven Central) and start Neo4j on 127.0.0.1; wait until it
    answers. Safe to call when it is already running."""
    server = _server()
    already = server.running_pid() is not None
    if not server.installed:
        typer.echo("Resolving Neo4j Community and Neo4j Browser from Maven Central (once)...")
    status = server.start()
    verb = "already running" if already else "started"
    typer.echo(f"Neo4j {status.version} {verb} (pid {status.pid})")
    typer.echo(f"  Bolt:    {status.bolt_uri}")
    typer.echo(f"  Browser: {status.browser_url}  (user {status.user}, password {status.password})")


@neo4j_app.command()
def stop() -> None:
    """Stop the API started by `stdkg demo` (if any) and the managed Neo4j, cleanly."""
    from cli.demo import stop_api_background

    if stop_api_background(get_settings()):
        typer.echo("API stopped.")
    server = _server()
    typer.echo("Neo4j stopped." if server.stop() else "Neo4j was not running.")


@neo4j_app.command()
def status(
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON."),
) -> None:
    """Where the managed Neo4j is, whether it answers, and how to log in."""
    server = _server()
    state = server.status()
    if as_json:
        typer.echo(json.dumps(state.to_dict(), indent=2))
        return
    health = (
        "answering"
        if state.answering
        else ("running, not answering" if state.running else "stopped")
    )
    typer.echo(
        f"Neo4j {state.version} [{state.instance}]: {health}"
        + (f" (pid {state.pid})" if state.pid else "")
    )
    typer.echo(f"  Bolt:     {state.bolt_uri}")
    typer.echo(f"  Browser:  {state.browser_url}")
    typer.echo(f"  Login:    {state.user} / {state.password or '(set on first start)'}")
    typer.echo(f"  Data:     {state.home}")
