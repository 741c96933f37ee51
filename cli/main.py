"""The ``stdkg`` command line (Typer).

Each package contributes its commands through a ``register(app, eval_app)`` function in its own
``cli`` module, so this file only wires them together. Heavy imports (torch, spaCy, the driver)
happen inside the commands, which keeps ``stdkg --help`` instant.
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
eval_app = typer.Typer(
    help="Measure accuracy on the labelled data in corpus/gold/.", no_args_is_help=True
)


def _register_all() -> None:
    from api import cli as api_cli
    from graph import cli as graph_cli
    from nlp import cli as nlp_cli
    from stdkg.demo import demo

    app.command()(demo)
    for module in (graph_cli, nlp_cli, api_cli):
        module.register(app, eval_app)
    app.add_typer(eval_app, name="eval")


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
        import click

        if isinstance(click_error, click.ClickException):
            click_error.show()
            sys.exit(click_error.exit_code)
        raise
