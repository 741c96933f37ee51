"""The HTML pages in a real browser: headless Chromium (the system's, driven by Playwright's
Python package; no browser is ever downloaded) against the real API served by uvicorn on a free
port, over the test Neo4j.

The graph is the API tests' fixture (a few smart-city, resilience and IoT works with every
edition, the EU annex excerpt) plus two more policy texts from ``../shared/data`` (the urban
standardization action plan, rich in requirements, and a Chinese excerpt), so the heatmap has
several documents. The extra documents are removed afterwards.

Every request the browser makes to anything but the API is blocked and recorded: a page (or the
API docs) that reached for a CDN fails the test. Set ``STDKG_SCREENSHOTS=docs/screenshots`` to
save a screenshot of each page (how the README's pictures are made).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import (
    _FIXTURE_STATE,
    FIXTURE_POLICY_ID,
    _fixture_present,
    _graph_state,
    build_fixture_graph,
)

pytestmark = [pytest.mark.neo4j, pytest.mark.models]

EXTRA_POLICIES = {
    "page-test-action-plan": "cn-urban-standardization-action-plan-2023-en.txt",
    "page-test-smart-city-zh": (
        "cn-smart-city-healthy-development-guiding-opinions-2014-zh-excerpt.txt"
    ),
}
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VIEWPORT = {"width": 1280, "height": 900}


def find_browser() -> str | None:
    """The system Chromium: ``STDKG_CHROMIUM`` if set, else the first known name on PATH."""
    configured = os.environ.get("STDKG_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else shutil.which(configured)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _require_browser() -> str:
    browser = find_browser()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        browser = None
    if browser is None:
        reason = (
            "no Chromium for the page tests: install Debian's `chromium` (`apt-get install -y "
            "chromium`, as .ci/run does) or set STDKG_CHROMIUM; Playwright's Python package "
            "must be installed (`make setup`)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)  # CI installs a browser: never skip the page tests silently
        pytest.skip(reason)
    return browser


@pytest.fixture(scope="module")
def page_graph(
    driver: Any, neo4j_settings: Any, shared_data: Path, _api_graph_workdir: Path, embedder: Any
) -> Iterator[Any]:
    """The API tests' fixture graph (reused when it is already loaded, as ``api_graph`` does)
    plus the extra policies, which are removed again afterwards so the next API test finds
    the fixture unchanged."""
    from graph.ingest_policies import ingest_policy_file
    from graph.remove import remove_document

    started = time.monotonic()
    database = neo4j_settings.neo4j_database
    if not _fixture_present(driver, database):
        build_fixture_graph(driver, neo4j_settings, shared_data, _api_graph_workdir)
        _FIXTURE_STATE.clear()
        _FIXTURE_STATE.update(_graph_state(driver, database))
    built = time.monotonic()
    added = []
    for doc_id, name in EXTRA_POLICIES.items():
        path = shared_data / "policies" / name
        if path.exists():
            ingest_policy_file(driver, path, doc_id=doc_id, settings=neo4j_settings)
            added.append(doc_id)
    print(
        f"page graph: fixture {built - started:.1f}s, "
        f"extra policies {time.monotonic() - built:.1f}s"
    )
    yield driver
    for doc_id in added:
        remove_document(driver, doc_id, database=database)
    if _FIXTURE_STATE and _graph_state(driver, database) != _FIXTURE_STATE:
        _FIXTURE_STATE.clear()  # the next API test rebuilds the fixture


@pytest.fixture(scope="module")
def base_url(page_graph: Any, neo4j_settings: Any, embedder: Any) -> Iterator[str]:
    """The API (pages included) served by uvicorn in a background thread on a free port."""
    import uvicorn

    from api.main import create_app
    from graph.server import free_port

    port = free_port()
    settings = neo4j_settings.model_copy(update={"api_port": port, "api_key": "page-tests"})
    app = create_app(settings, driver=page_graph, embedder=embedder)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="page-tests-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the API server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_context(base_url: str) -> Iterator[tuple[Any, list[str]]]:
    """A Chromium context that may only reach the API; other requests are recorded and
    aborted."""
    executable = _require_browser()
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def guard(route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        context.set_default_timeout(30_000)
        context.route("**/*", guard)
        try:
            yield context, blocked
        finally:
            context.close()
            browser.close()


@pytest.fixture
def page(browser_context: tuple[Any, list[str]]) -> Iterator[Any]:
    context, blocked = browser_context
    errors: list[str] = []
    tab = context.new_page()
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert not blocked, f"the page requested outside resources: {blocked}"
    assert not errors, f"script errors: {errors}"


def screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("STDKG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def test_search_round_trip(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.title() == "stdkg — search"
    page.fill("#q", "sustainable cities and communities indicators")
    page.click("button[type=submit]")
    page.wait_for_selector("#results .hit")
    assert "q=sustainable+cities" in page.url
    hits = page.locator("#results .hit")
    assert hits.count() >= 3
    first = hits.first
    assert first.locator(".why").inner_text().startswith("Why:")
    assert page.locator("#results .hit .badge.current").count() >= 1
    assert page.locator(".facets h3").count() >= 2
    screenshot(page, "search")


def test_search_filters_narrow_the_results(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?q=smart+city&kind=standard&publisher=ITU-T&status=all")
    page.wait_for_selector("#results .hit")
    refs = page.locator("#results .hit-ref").all_inner_texts()
    assert refs and all(ref.startswith("ITU-T") for ref in refs)
    assert page.locator("select[name=publisher]").input_value() == "ITU-T"


def test_identifier_shortcut_opens_the_standard(page: Any, base_url: str) -> None:
    page.goto(base_url + "/?q=ISO+37120")
    page.click("#shortcut")
    page.wait_for_selector("h1 .ref")
    assert page.locator("h1 .ref").inner_text().startswith("ISO 37120:")
    assert "/ui/standards/" in page.url


def test_standard_page(page: Any, base_url: str) -> None:
    page.goto(base_url + "/ui/standards/ISO%2037101")
    heading = page.locator("h1 .ref").inner_text()
    assert heading.startswith("ISO 37101")
    assert page.locator("h1 .badge").inner_text() == "current"
    assert page.locator("#editions li").count() >= 1
    assert page.locator("#neighbourhood circle").count() >= 2
    # the EU annex names ISO 37101: the policy is listed and links to the highlighted span
    policy_links = page.locator("#policies a[href*='/ui/documents/']")
    assert policy_links.count() >= 1
    assert page.locator(f"#policies a[href*='{FIXTURE_POLICY_ID}']").count() >= 1
    screenshot(page, "standard")


def test_unknown_standard_is_a_404_page(page: Any, base_url: str) -> None:
    response = page.goto(base_url + "/ui/standards/ISO%2099999")
    assert response.status == 404
    assert "ISO 99999" in page.locator(".lead").inner_text()


def test_document_page_highlights_items(page: Any, base_url: str) -> None:
    page.goto(base_url + "/ui/documents/page-test-action-plan")
    assert page.locator("h1").inner_text()
    assert page.locator(".clause").count() >= 5
    assert page.locator(".doc-text .hl-requirement").count() >= 3
    assert page.locator(".doc-text .hl-organization, .doc-text .hl-organization-assigned").count()
    requirements = page.locator("#requirements .req")
    assert requirements.count() >= 3
    verdicts = set(requirements.locator(".badge").all_inner_texts())
    assert verdicts <= {"covered", "partial", "gap"} and verdicts
    # a toggle hides one kind of highlight
    page.click(".hl-toggle[data-type=requirement]")
    assert "hide-requirement" in (page.locator(".doc-text").get_attribute("class") or "")
    page.click(".hl-toggle[data-type=requirement]")
    # a requirement in the side list opens its span in the text, marked and scrolled to
    page.locator("#requirements .req-topic").nth(12).click()
    page.wait_for_selector("#hl.focus")
    assert "hl=" in page.url
    screenshot(page, "document")


def test_document_page_standard_mentions_link_to_standards(page: Any, base_url: str) -> None:
    page.goto(base_url + f"/ui/documents/{FIXTURE_POLICY_ID}")
    links = page.locator(".doc-text a.hl-standard")
    assert links.count() >= 1
    links.first.click()
    page.wait_for_selector("h1 .ref")
    assert "/ui/standards/" in page.url


def test_gaps_heatmap_has_one_cell_per_domain_and_document(
    page: Any, base_url: str, page_graph: Any, neo4j_settings: Any
) -> None:
    from analysis.gaps import GapService
    from graph.reader import GraphReader

    report = GapService(GraphReader(page_graph, neo4j_settings.neo4j_database)).report("all")
    domains = {r.domain for r in report.requirements}
    documents = {r.document for r in report.requirements}
    assert len(documents) >= 2

    page.goto(base_url + "/ui/gaps")
    rows = page.locator("#heatmap tbody tr")
    columns = page.locator("#heatmap thead th.doc-col")
    assert rows.count() == len(domains)
    assert columns.count() == len(documents)
    cells = page.locator("#heatmap td.cell")
    assert cells.count() == len(domains) * len(documents)
    pairs = {
        (cell.get_attribute("data-domain"), cell.get_attribute("data-document"))
        for cell in cells.all()
    }
    assert pairs == {(d, doc) for d in domains for doc in documents}
    # each filled cell says its shares in words, not only in colour
    filled = page.locator("#heatmap td.cell:not(.empty) a")
    assert filled.count() >= len(documents)
    assert "covered" in (filled.first.get_attribute("aria-label") or "")
    # the gap table lists the open requirements with their best candidates
    assert page.locator("#gap-table tbody tr").count() >= 1
    screenshot(page, "gaps")


def test_heatmap_cell_filters_the_gap_table(page: Any, base_url: str) -> None:
    page.goto(base_url + "/ui/gaps")
    cell = page.locator("#heatmap td.cell:not(.empty)").first
    domain, document = cell.get_attribute("data-domain"), cell.get_attribute("data-document")
    expected = cell.locator(".cell-counts").inner_text().split(" of ")[-1].strip()
    cell.locator("a").click()
    page.wait_for_selector("#gap-table")
    assert f"document={document}" in page.url and f"domain={domain}" in page.url
    assert page.locator("#gap-table tbody tr").count() == int(expected)


def test_gap_exports_download(page: Any, base_url: str) -> None:
    page.goto(base_url + "/ui/gaps")
    with page.expect_download() as csv_download:
        page.click("#export-csv")
    data = Path(csv_download.value.path()).read_bytes()
    assert csv_download.value.suggested_filename == "gaps-all.csv"
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["document", "requirement", "topic"]
    assert len(rows) > 3
    assert {row[0] for row in rows[1:]} >= {"page-test-action-plan", FIXTURE_POLICY_ID}
    with page.expect_download() as md_download:
        page.click("#export-md")
    text = Path(md_download.value.path()).read_text(encoding="utf-8")
    assert md_download.value.suggested_filename == "gaps-all.md"
    assert text.startswith("# Standardization gap analysis")


def test_documents_page_lists_documents(page: Any, base_url: str) -> None:
    page.goto(base_url + "/ui/documents")
    links = page.locator("#documents tbody a[href^='/ui/documents/']")
    assert links.count() == 1 + len(EXTRA_POLICIES)
    screenshot(page, "documents")


def test_api_docs_work_offline(page: Any, base_url: str) -> None:
    page.goto(base_url + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "stdkg" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 5
    screenshot(page, "api-docs")


def test_neo4j_browser_style_and_guide(base_url: str) -> None:
    import httpx

    style = httpx.get(base_url + "/neo4j/stdkg.grass")
    assert style.status_code == 200
    assert style.headers["access-control-allow-origin"] == "*"
    assert "node.Standard" in style.text
    preflight = httpx.options(
        base_url + "/neo4j/guide.html",
        headers={"Origin": "http://127.0.0.1:7474", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "*"
    guide = httpx.get(base_url + "/neo4j/guide.html")
    assert guide.status_code == 200
    assert guide.text.count("<slide") >= 5
    assert "code runnable" in guide.text and "MATCH" in guide.text
