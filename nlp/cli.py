"""Commands contributed by the ``nlp`` package to the ``stdkg`` command line."""

from __future__ import annotations

import typer


def register(app: typer.Typer, eval_app: typer.Typer) -> None:
    """Add this package's commands to the main app (and its ``eval`` group)."""
