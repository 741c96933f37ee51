"""Commands contributed by the ``graph`` package to the ``stdkg`` command line."""

from __future__ import annotations

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add this package's commands to the main app (and its ``eval`` group)."""
    from graph.server_cli import neo4j_app

    app.add_typer(neo4j_app, name="neo4j")
