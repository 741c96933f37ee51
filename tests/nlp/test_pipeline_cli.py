"""`stdkg extract`: JSON and table output, and clear errors on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from corpus import load_json
from nlp.pipeline import extract_path

PLAN = (
    "<html><head><script>var menu = 1;</script></head><body>"
    "<nav><p>Home</p><p>Log in</p><p>Contact Us</p></nav>"
    "<h1>Smart City Standards Plan</h1>"
    "<p>Notice of the Ministry of Housing and Urban-Rural Development on Issuing the Plan</p>"
    "<h2>1. Tasks</h2><p>(1) Develop standards for city brain, smart parks and urban digital "
    "twin. By 2027, more than 20 national standards will be formulated.</p>"
    "<footer><p>Share</p><p>Copyright 2024 Example. All rights reserved.</p></footer>"
    "</body></html>"
)


def test_extract_html_json(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == [
        "document",
        "clauses",
        "standards",
        "organizations",
        "policy_refs",
        "domains",
        "requirements",
        "targets",
    ]
    assert data["document"]["id"] == "plan"
    assert data["document"]["title"] == "Smart City Standards Plan"
    assert data["document"]["issuers"] == ["mohurd"]
    assert [r["topic"] for r in data["requirements"]] == [
        "city brain",
        "smart parks",
        "urban digital twin",
    ]
    assert [(t["value"], t["year"]) for t in data["targets"]] == [(20.0, 2027)]
    text = extract_path(path).text
    for key in ("organizations", "requirements", "targets", "domains"):
        for item in data[key]:
            assert text[item["start"] : item["end"]] == item["surface"]
    assert "var menu" not in text


def test_extract_markdown_table(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Fire Safety Plan\n\n## 1. Tasks\n\nImprove standards for fire safety.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "title         Fire Safety Plan" in result.output
    assert "improve | urban-safety" in result.output


@pytest.mark.models
def test_extract_can_show_the_domains_ingestion_stores(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(
        "# Harbour Plan\n\n## 1. Tasks\n\nDevelop standards for hurricane shutter performance "
        "and for megawatt charging connectors for electric buses.\n",
        encoding="utf-8",
    )
    rules = json.loads(CliRunner().invoke(app, ["extract", str(path)]).output)
    model = CliRunner().invoke(app, ["extract", str(path), "--model-domains"])
    assert model.exit_code == 0, model.output
    stored = json.loads(model.output)
    # the rules find no domain word in these topics; the domain model gives each one of the
    # taxonomy's domains, as ingestion stores it
    assert [r["domain"] for r in rules["requirements"]] == [None, None]
    keys = {d["key"] for d in load_json("domains.json")}
    assert all(r["domain"] in keys for r in stored["requirements"])


def test_bad_input_prints_one_error_line_and_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    process = subprocess.run(
        [sys.executable, "-c", "from cli.main import main; main()", "extract", str(empty)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert process.returncode == 2
    assert process.stderr.strip().startswith("error:")
    assert "empty.txt" in process.stderr and "Traceback" not in process.stderr


def test_unknown_format_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("Develop standards for fire safety.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "xml"])
    assert result.exit_code != 0
