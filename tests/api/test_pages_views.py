"""The pure parts of the HTML pages, without a server: highlight runs, the coverage matrix, the
neighbourhood picture, the Neo4j Browser guide and settings."""

from __future__ import annotations

from pathlib import Path

from analysis.coverage import coverage_matrix
from analysis.document_view import Item, clause_views, split_runs
from analysis.models import GapReport, GapThresholdsOut, RequirementGap, Verdict
from api.browser_guide import guide_html, ready_queries
from api.schemas import CommitteeInfo, DomainRef, PolicyMention, StandardDetail, StandardSummary
from api.views import clause_anchor, heat_colour, neighbourhood

ROOT = Path(__file__).resolve().parents[2]


def test_runs_cut_at_every_boundary_and_join_back() -> None:
    text = "Adopt ISO 37120 for city indicators."
    items = [
        Item("requirement", 100, 135, "Adopt ISO 37120 for city indicators"),
        Item("standard", 106, 115, "ISO 37120", target="ISO 37120:2018"),
        Item("domain", 120, 124, "city"),
        Item("organization", 500, 510),  # outside the text: ignored
    ]
    runs = split_runs(text, 100, items)
    assert "".join(run.text for run in runs) == text
    by_text = {run.text: run.types for run in runs}
    assert by_text["ISO 37120"] == ["requirement", "standard"]
    assert by_text["city"] == ["requirement", "domain"]
    assert by_text["Adopt "] == ["requirement"]
    assert by_text["."] == []


def test_runs_clip_items_that_overhang_the_text() -> None:
    runs = split_runs("abcdef", 10, [Item("requirement", 8, 12)])
    assert [(r.text, r.types) for r in runs] == [("ab", ["requirement"]), ("cdef", [])]


def test_clause_views_show_each_clause_up_to_the_next() -> None:
    text = "1. Goals\nBe smart.\n1.1 Parking\nBuild smart parking."
    clauses = [
        {"key": "d#1", "number": "1", "start": 0, "end": len(text), "text": text, "level": 1},
        {"key": "d#1.1", "number": "1.1", "start": 19, "end": len(text), "text": text[19:]},
    ]
    views = clause_views(clauses, [Item("requirement", 31, 51, "smart parking")])
    assert views[0].runs[0].text == text[:19]
    assert "".join(r.text for r in views[1].runs) == text[19:]
    assert any(r.types == ["requirement"] for r in views[1].runs)
    assert clause_anchor("doc-1#1.1") == "clause-1-1"


def _requirement(doc: str, domain: str, status: Verdict, start: int) -> RequirementGap:
    return RequirementGap(
        id=f"{doc}#{start}",
        document=doc,
        topic="t",
        domain=domain,
        covered=status is Verdict.covered,
        status=status,
        start=start,
    )


def test_coverage_matrix_has_a_cell_per_domain_and_document() -> None:
    requirements = [
        _requirement("a", "energy", Verdict.covered, 1),
        _requirement("a", "energy", Verdict.gap, 2),
        _requirement("b", "water", Verdict.partial, 3),
    ]
    report = GapReport(
        document="all",
        thresholds=GapThresholdsOut(covered=0.48, partial=0.43, calibration="x"),
        domains=[],
        requirements=requirements,
    )
    matrix = coverage_matrix(report, {"a": "Plan A", "b": "Plan B"})
    assert [d for d, _ in matrix.documents] == ["a", "b"]
    assert {d for d, _ in matrix.domains} == {"energy", "water"}
    cell = matrix.cell("energy", "a")
    assert (cell.covered, cell.partial, cell.gap, cell.total) == (1, 0, 1, 2)
    assert cell.share("covered") == 0.5
    assert matrix.cell("water", "a").total == 0  # an empty cell still exists
    assert matrix.cell("water", "b").dominant == "partial"


def test_heat_colour_runs_from_gap_through_white_to_covered() -> None:
    assert heat_colour(0.0, 0.0) == "#f4b183"
    assert heat_colour(0.5, 0.0) == "#f7f7f7"
    assert heat_colour(0.0, 1.0) == "#f7f7f7"
    assert heat_colour(1.0, 0.0) == "#8fc1e3"


def test_neighbourhood_places_every_relation_in_the_picture() -> None:
    detail = StandardDetail(
        key="ISO 37120:2018",
        ref="ISO 37120:2018",
        title="Indicators",
        requested="ISO 37120:2018",
        committee=CommitteeInfo(ref="ISO/TC 268", title="Sustainable cities"),
        domains=[DomainRef(key="smart-city", name="Smart cities")],
        replaces=[StandardSummary(key="ISO 37120:2014", ref="ISO 37120:2014")],
        cited_by=[StandardSummary(key=f"ISO 371{i:02d}", ref=f"ISO 371{i:02d}") for i in range(40)],
        mentioned_in=[PolicyMention(doc_id="plan", doc_title="The plan", surface="ISO 37120")] * 3,
    )
    picture = neighbourhood(detail)
    groups = [node.group for node in picture.nodes]
    assert {"replaces", "committee", "domain", "policy", "cited_by"} <= set(groups)
    assert groups.count("policy") == 1  # one node per document, not per mention
    assert len(picture.nodes) <= 22 and picture.omitted == 44 - len(picture.nodes)
    for node in picture.nodes:
        assert 0 <= node.x <= picture.width and 0 <= node.y <= picture.height
    assert [label for label, _ in picture.legend][:1] == ["replaces"]


def test_browser_guide_has_a_slide_per_ready_query() -> None:
    markdown = (ROOT / "docs" / "browser.md").read_text(encoding="utf-8")
    queries = ready_queries(markdown)
    assert len(queries) >= 5
    assert all(blocks and all("MATCH" in b for b in blocks) for _, _, blocks in queries)
    html = guide_html(markdown, pages_url="http://127.0.0.1:8000")
    assert html.count("<slide") == len(queries) + 1
    assert "http://127.0.0.1:8000/" in html


def test_managed_neo4j_config_loads_style_and_guide(tmp_path: Path) -> None:
    from graph.server import ManagedNeo4j
    from stdkg.config import Settings

    settings = Settings(home=tmp_path, api_host="127.0.0.1", api_port=8123)
    server = ManagedNeo4j(settings)
    server._write_config()
    conf = (server.conf_dir / "neo4j.conf").read_text(encoding="utf-8").splitlines()
    assert (
        "browser.post_connect_cmd=style http://127.0.0.1:8123/neo4j/stdkg.grass; "
        "guide http://127.0.0.1:8123/neo4j/guide.html"
    ) in conf
    allow = next(line for line in conf if line.startswith("browser.remote_content_hostname"))
    assert "127.0.0.1" in allow.split("=", 1)[1].split(",")
