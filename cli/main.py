"""The ``stdkg`` command line (Typer): the top of the house, an entry point.

Each command module of this package registers its commands with ``register(app)``; packages
outside the product (``evaluation``) add theirs as plugins, found through the Python entry
point group ``stdkg.commands`` (declared in ``pyproject.toml``), so nothing here imports them.
Commands read the settings once (``get_settings()``) and pass them down explicitly. Heavy
imports (torch, spaCy, the driver) happen inside the commands, which keeps ``stdkg --help``
instant.
"""

from __future__ import annotations

import sys

import typer

from stdkg.errors import StdkgError

app = typer.Typer(
    name="stdkg",
    help="The standards knowledge graph: ingest policies and catalogues into Neo4j, "
    "search them, and find the gaps.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
#: Entry point group through which other packages add command groups (``evaluation``: ``eval``).
PLUGIN_GROUP = "stdkg.commands"


def _register_plugins() -> None:
    """Add the command groups other installed packages declare under ``stdkg.commands``; each
    entry point names a ``register(app)`` function. A plugin that cannot load is reported, and
    the product's own commands still work."""
    from importlib.metadata import entry_points

    for entry in sorted(entry_points(group=PLUGIN_GROUP), key=lambda e: e.name):
        try:
            register = entry.load()
        except ImportError as error:
            typer.secho(f"stdkg: plugin {entry.name!r} not loaded: {error}", err=True)
            continue
        register(app)


def _register_all() -> None:
    from cli import extract, ingest, neo4j_server, query
    from cli.demo import demo

    app.command()(demo)
    for module in (neo4j_server, ingest, extract, query):
        module.register(app)
    _register_plugins()


_register_all()


def main() -> None:
    """Entry point that turns deliberate errors into one clear line and exit code 2."""
    try:
        app(standalone_mode=False)
    except StdkgError as error:
        typer.secho(f"error: {error}", err=True, fg=typer.colors.RED)
        sys.exit(2)
    except (typer.Abort, KeyboardInterrupt):
        typer.secho("aborted", err=True)
        sys.exit(130)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except Exception as click_error:  # click's usage errors carry their own exit code
        if _is_usage_error(click_error):
            click_error.show()  # type: ignore[attr-defined]
            sys.exit(click_error.exit_code)  # type: ignore[attr-defined]
        raise


def _is_usage_error(error: Exception) -> bool:
    """A click usage error ("Missing option '--kind'"), from click itself or from the copy of
    click that recent Typer releases vendor as ``typer._click`` (a different class)."""
    bases = {cls.__name__ for cls in type(error).__mro__}
    return "ClickException" in bases and callable(getattr(error, "show", None))
