"""The ``stdkg`` command keeps its commands after the restructure, and finds the evaluation
commands as a plugin (the ``stdkg.commands`` entry point), not by importing them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.main import PLUGIN_GROUP, app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (
            [],
            ["demo", "neo4j", "extract", "ingest", "search", "gaps", "overlaps", "serve", "remove"],
        ),
        (["neo4j"], ["start", "stop", "status"]),
        (["ingest"], ["catalog", "policies", "taxonomies", "demo"]),
        (["remove"], ["document"]),
    ],
)
def test_commands_are_all_there(args: list[str], names: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"])
    assert result.exit_code == 0, result.output
    for name in names:
        assert name in result.output


def test_evaluation_commands_come_from_the_entry_point() -> None:
    from importlib.metadata import entry_points

    found = {entry.name: entry.value for entry in entry_points(group=PLUGIN_GROUP)}
    if "eval" not in found:
        pytest.skip("the project is not installed with its entry points (run make setup)")
    assert found["eval"] == "evaluation.cli:register"
    result = runner.invoke(app, ["eval", "--help"])
    assert result.exit_code == 0, result.output
    for name in ("extraction", "search", "gaps"):
        assert name in result.output


def test_a_usage_error_is_one_clear_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``main`` handles the click exceptions of the copy Typer vendors, too."""
    import sys

    from cli.main import main

    monkeypatch.setattr(sys, "argv", ["stdkg", "overlaps"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Missing option '--kind'" in err and "Traceback" not in err
