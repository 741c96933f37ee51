"""The HTML pages: search, a standard, the policy documents, the gap analysis; plus the style
and guide Neo4j Browser loads after connecting.

Why server-rendered Jinja2 pages in the API process: the people who read this (technical
committees, policy drafters) need a page, not JSON, and the team needs no front-end build. The
pages call the same services as the JSON endpoints (search, gaps, the standard and document
readers), so a page can never show what the API would not answer. Every asset is served from
this app (``api/static``; the offline API docs from the ``fastapi-offline`` package): the
pages work without any network beyond the API itself.

Errors render as a page with the status code the JSON API would use (``api.errors``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from neo4j.exceptions import DriverError, Neo4jError

from analysis.coverage import coverage_matrix, search_vocabulary
from analysis.document_view import ITEM_TYPES, read_document_view
from analysis.gaps import ALL_DOCUMENTS, GapService
from analysis.models import (
    GapReport,
    RequirementGap,
    SearchKind,
    SearchMode,
    StatusFilter,
    Verdict,
)
from analysis.reports import (
    CSV_MEDIA_TYPE,
    MARKDOWN_MEDIA_TYPE,
    gap_report_csv,
    gap_report_markdown,
)
from analysis.search import MAX_QUERY_CHARS, SearchFilters, SearchParams
from api import views
from api.deps import get_graph, get_search_service
from api.errors import STATUS_BY_CATEGORY
from graph.reader import GraphReader
from stdkg.config import PROJECT_ROOT, Settings
from stdkg.errors import ModelError, StdkgError

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent.parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
STATIC_DIR = HERE / "static"
STYLE_FILE = PROJECT_ROOT / "graph" / "browser" / "stdkg.grass"
GUIDE_SOURCE = PROJECT_ROOT / "docs" / "browser.md"
#: UTF-8 byte-order mark: without it Excel reads a CSV as the local code page and garbles
#: Chinese titles and department names.
BOM = "\ufeff"
PAGE_SIZE = 20

router = APIRouter(include_in_schema=False)

TEMPLATES.env.filters["standard_href"] = views.standard_href
TEMPLATES.env.filters["document_href"] = views.document_href
TEMPLATES.env.filters["short"] = views.short
TEMPLATES.env.filters["clause_anchor"] = views.clause_anchor
TEMPLATES.env.filters["status_class"] = views.status_class
TEMPLATES.env.filters["pct"] = lambda value: f"{100 * float(value):.0f}%"


def install_pages(app: FastAPI) -> None:
    """Mount the pages and their static assets on ``app``."""
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.include_router(router)


# --- helpers -------------------------------------------------------------------------------
def _browser_url(settings: Settings) -> str | None:
    if settings.external_neo4j:
        return None
    from graph.server import ManagedNeo4j

    return ManagedNeo4j(settings).browser_url


def _render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    base = {
        "browser_url": _browser_url(settings),
        "nav": template.split(".")[0],
        "title": "stdkg",
    }
    return TEMPLATES.TemplateResponse(
        request, template, {**base, **context}, status_code=status_code
    )


def _error_page(request: Request, error: Exception) -> HTMLResponse:
    if isinstance(error, StdkgError):
        status = STATUS_BY_CATEGORY.get(error.category, 500)
        message = str(error)
    else:  # the driver's own errors: Neo4j is down or refused the query
        status = 503
        message = f"the graph database did not answer: {type(error).__name__}"
        log.warning("page: graph error %s", error)
    heading = {404: "Not found", 422: "That request cannot be used", 503: "Unavailable"}
    return _render(
        request,
        "error.html",
        {"status": status, "heading": heading.get(status, "Error"), "message": message},
        status_code=status,
    )


_PAGE_ERRORS = (StdkgError, DriverError, Neo4jError)


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _year(value: str | None, name: str, problems: list[str]) -> int | None:
    value = _blank(value)
    if value is None:
        return None
    if not re.fullmatch(r"(19|20|21)\d\d", value):
        problems.append(f"{name} must be a year such as 2018")
        return None
    return int(value)


def _choice(enum: Any, value: str | None, default: Any) -> Any:
    try:
        return enum(value) if value else default
    except ValueError:
        return default


# --- search --------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str | None = None,
    mode: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    publisher: str | None = None,
    committee: str | None = None,
    domain: str | None = None,
    year_from: str | None = None,
    year_to: str | None = None,
    k: int = PAGE_SIZE,
) -> HTMLResponse:
    """Search box with mode and filters; results say why they matched."""
    problems: list[str] = []
    form = {
        "q": (q or "")[:MAX_QUERY_CHARS],
        "mode": _choice(SearchMode, mode, SearchMode.hybrid),
        "kind": _choice(SearchKind, kind, SearchKind.any),
        "status": _choice(StatusFilter, status, StatusFilter.current),
        "publisher": _blank(publisher),
        "committee": _blank(committee),
        "domain": _blank(domain),
        "year_from": _year(year_from, "'from' year", problems),
        "year_to": _year(year_to, "'to' year", problems),
        "k": max(1, min(k, 100)),
    }
    try:
        graph = get_graph(request)
        vocabulary = search_vocabulary(graph)
    except _PAGE_ERRORS as error:
        return _error_page(request, error)
    response = None
    notice = None
    if form["q"].strip() and not problems:
        service = get_search_service(request, graph)
        params = SearchParams(
            query=form["q"],
            k=form["k"],
            mode=form["mode"],
            kind=form["kind"],
            status=form["status"],
            filters=SearchFilters(
                publisher=form["publisher"],
                committee=form["committee"],
                domain=form["domain"],
                year_from=form["year_from"],
                year_to=form["year_to"],
            ),
        )
        try:
            try:
                response = service.search(params)
            except ModelError:
                # No embedding model in this process: lexical search still answers.
                notice = "The embedding model is not loaded here: showing full-text results."
                form["mode"] = SearchMode.lexical
                response = service.search(replace(params, mode=SearchMode.lexical))
        except StdkgError as error:
            if STATUS_BY_CATEGORY.get(error.category) != 422:
                return _error_page(request, error)
            problems.append(str(error))
        except (DriverError, Neo4jError) as error:
            return _error_page(request, error)
    domain_names = {d["key"]: d.get("name") or d["key"] for d in vocabulary["domains"]}
    return _render(
        request,
        "search.html",
        {
            "title": f"{form['q']} — stdkg search" if form["q"] else "stdkg — search",
            "form": form,
            "modes": list(SearchMode),
            "kinds": list(SearchKind),
            "vocabulary": vocabulary,
            "domain_names": domain_names,
            "response": response,
            "problems": problems,
            "notice": notice,
            "shortcuts": _identifier_shortcuts(response),
            "facet_link": lambda name, value: _facet_link(form, name, value),
            "hit_href": _hit_href,
        },
    )


def _identifier_shortcuts(response: Any) -> list[dict[str, str]]:
    """Standards named by identifier in the query and found in the graph: a direct link."""
    if response is None or not response.identifiers:
        return []
    shortcuts = []
    for hit in response.results:
        if hit.kind == "standard" and any(r.ranking == "identifier" for r in hit.rankings):
            shortcuts.append(
                {"ref": hit.ref or hit.key, "href": views.standard_href(hit.key) or ""}
            )
            break
    return shortcuts


def _facet_link(form: dict[str, Any], name: str, value: str) -> str:
    fields = {
        key: (item.value if hasattr(item, "value") else item)
        for key, item in form.items()
        if item not in (None, "")
    }
    fields[name] = value
    return "/?" + urlencode(fields)


def _hit_href(hit: Any) -> str | None:
    if hit.kind == "standard":
        return views.standard_href(hit.key)
    if hit.doc_id:
        href = views.document_href(hit.doc_id) or ""
        spans = [e for e in hit.evidence if e.start is not None and e.end is not None]
        if spans:
            return f"{href}?hl={spans[0].start}-{spans[0].end}#hl"
        return href
    return None


# --- one standard --------------------------------------------------------------------------
@router.get("/ui/standards/{ref:path}", response_class=HTMLResponse)
def standard_page(request: Request, ref: str) -> HTMLResponse:
    """Editions and revision chain, committee, ICS, domains, citations both ways, policies."""
    from api.routers.standards import get_standard

    try:
        detail = get_standard(get_graph(request), ref)
    except _PAGE_ERRORS as error:
        return _error_page(request, error)
    policies: dict[str, dict[str, Any]] = {}
    for mention in detail.mentioned_in:
        if not mention.doc_id:
            continue
        entry = policies.setdefault(
            mention.doc_id, {"title": mention.doc_title or mention.doc_id, "mentions": []}
        )
        entry["mentions"].append(mention)
    return _render(
        request,
        "standard.html",
        {
            "title": f"{detail.ref or detail.key} — stdkg",
            "s": detail,
            "graph": views.neighbourhood(detail),
            "policies": policies,
            "doc_href": views.document_href,
        },
    )


# --- documents -----------------------------------------------------------------------------
@router.get("/ui/documents", response_class=HTMLResponse)
def documents_page(request: Request) -> HTMLResponse:
    from api.routers.documents import list_documents

    try:
        listing = list_documents(get_graph(request), limit=500, offset=0, include_stubs=False)
    except _PAGE_ERRORS as error:
        return _error_page(request, error)
    return _render(
        request,
        "documents.html",
        {"title": "Policy documents — stdkg", "documents": listing.documents},
    )


@router.get("/ui/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, hl: str | None = None) -> HTMLResponse:
    """The document's clauses with the extracted items highlighted, and its requirements with
    their verdicts."""
    try:
        graph = get_graph(request)
        view = read_document_view(graph, doc_id)
        report = GapService(graph).report(doc_id)
    except _PAGE_ERRORS as error:
        return _error_page(request, error)
    focus = None
    if hl and re.fullmatch(r"\d{1,9}-\d{1,9}", hl):
        start, end = (int(part) for part in hl.split("-"))
        focus = (start, end)
    verdicts = {r.start: r for r in report.requirements if r.start is not None}
    return _render(
        request,
        "document.html",
        {
            "title": f"{view.title or doc_id} — stdkg",
            "view": view,
            "report": report,
            "requirements": _ordered(report.requirements),
            "verdicts": verdicts,
            "focus": focus,
            "item_types": ITEM_TYPES,
            "counts": view.counts(),
            "tally": _tally(report.requirements),
        },
    )


# --- gaps ----------------------------------------------------------------------------------
_VERDICT_ORDER = {Verdict.gap: 0, Verdict.partial: 1, Verdict.covered: 2}


def _ordered(requirements: list[RequirementGap]) -> list[RequirementGap]:
    return sorted(
        requirements,
        key=lambda r: (_VERDICT_ORDER[r.status], r.best_score or 0.0, r.document, r.start or 0),
    )


def _tally(requirements: list[RequirementGap]) -> dict[str, int]:
    tally = {"covered": 0, "partial": 0, "gap": 0}
    for requirement in requirements:
        tally[requirement.status.value] += 1
    return tally


def committees_of(requirement: RequirementGap) -> list[str]:
    """Proposed committees of a gap row, when the gap service provides them (``committees``:
    strings or objects with a ``ref``); empty otherwise."""
    found = []
    for item in getattr(requirement, "committees", None) or []:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            found.append(str(item.get("ref") or item.get("committee") or item))
        else:
            found.append(str(getattr(item, "ref", None) or getattr(item, "committee", item)))
    return found


def _document_titles(graph: GraphReader) -> dict[str, str | None]:
    from api.routers.documents import list_documents

    listing = list_documents(graph, limit=500, offset=0, include_stubs=False)
    return {d.id: d.title for d in listing.documents}


@router.get("/ui/gaps", response_class=HTMLResponse)
def gaps_page(
    request: Request,
    document: str | None = None,
    domain: str | None = None,
    show: str = "open",
) -> HTMLResponse:
    """Coverage heatmap (domain × document) and the gap table with best candidates,
    responsible departments and proposed committees; exports to CSV and Markdown."""
    document = _blank(document) or ALL_DOCUMENTS
    domain = _blank(domain)
    try:
        graph = get_graph(request)
        full = GapService(graph).report(ALL_DOCUMENTS)
        titles = _document_titles(graph)
        # the selection is a filter of the full report: one vector search for the whole page
        report = _select(full, document, domain) if (document != ALL_DOCUMENTS or domain) else full
        if document != ALL_DOCUMENTS and document not in titles:
            GapService(graph).report(document, domain)  # raises the service's own 404/422
    except _PAGE_ERRORS as error:
        return _error_page(request, error)
    rows = _ordered(report.requirements)
    if show != "all":
        rows = [r for r in rows if r.status is not Verdict.covered]
    query = {"document": document, **({"domain": domain} if domain else {})}
    domain_names = {d.domain: d.name or d.domain for d in full.domains}
    return _render(
        request,
        "gaps.html",
        {
            "title": "Gap analysis — stdkg",
            "report": report,
            "matrix": coverage_matrix(full, titles),
            "rows": rows,
            "show": show,
            "document": document,
            "domain": domain,
            "titles": titles,
            "domain_names": domain_names,
            "domain_departments": {d.domain: d.departments for d in report.domains},
            "tally": _tally(report.requirements),
            "committees_of": committees_of,
            "csv_href": "/ui/gaps/export?" + urlencode({**query, "format": "csv"}),
            "md_href": "/ui/gaps/export?" + urlencode({**query, "format": "md"}),
            "cell_href": lambda d, doc: (
                "/ui/gaps?" + urlencode({"document": doc, "domain": d, "show": "all"})
            ),
            "quote": quote,
            "heat": views.heat_colour,
        },
    )


def _select(report: GapReport, document: str, domain: str | None) -> GapReport:
    requirements = [
        r
        for r in report.requirements
        if (document == ALL_DOCUMENTS or r.document == document)
        and (domain is None or (r.domain or "unassigned") == domain)
    ]
    from analysis.gaps import summarize_domains

    facts = {d.domain: d.model_dump() for d in report.domains}
    facts = {
        key: {**value, "departments": value.get("departments") or []}
        for key, value in facts.items()
    }
    return report.model_copy(
        update={
            "document": document,
            "domain": domain,
            "requirements": requirements,
            "domains": summarize_domains(requirements, facts),
        }
    )


@router.get("/ui/gaps/export")
def gaps_export(
    request: Request,
    document: str | None = None,
    domain: str | None = None,
    format: str = "csv",
) -> Response:
    """The gap table as a download: CSV with a UTF-8 BOM (Excel shows Chinese), or Markdown."""
    document = _blank(document) or ALL_DOCUMENTS
    try:
        report = GapService(get_graph(request)).report(document, _blank(domain))
    except _PAGE_ERRORS as error:
        return _error_page(request, error)
    stem = "gaps-" + re.sub(r"[^A-Za-z0-9._-]+", "_", report.document)
    if domain:
        stem += "-" + re.sub(r"[^A-Za-z0-9._-]+", "_", domain)
    if format == "md":
        return Response(
            gap_report_markdown(report),
            media_type=MARKDOWN_MEDIA_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{stem}.md"'},
        )
    return Response(
        (BOM + gap_report_csv(report)).encode("utf-8"),
        media_type=CSV_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{stem}.csv"'},
    )


# --- Neo4j Browser: style and guide, fetched by the Browser after it connects ---------------
# The Browser (another origin: the Neo4j HTTP port) fetches these with custom headers, so it
# sends a CORS preflight first; both are public, read-only files.
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "*",
    "Access-Control-Max-Age": "600",
}


@router.options("/neo4j/{name}")
def neo4j_preflight(name: str) -> Response:
    return Response(status_code=204, headers=_CORS)


@router.get("/neo4j/stdkg.grass")
def neo4j_style() -> Response:
    return PlainTextResponse(STYLE_FILE.read_text(encoding="utf-8"), headers=_CORS)


@router.get("/neo4j/guide.html")
def neo4j_guide(request: Request) -> Response:
    """The ready queries of docs/browser.md as a Neo4j Browser guide (one slide each)."""
    from api.browser_guide import guide_html

    settings: Settings = request.app.state.settings
    markdown = GUIDE_SOURCE.read_text(encoding="utf-8") if GUIDE_SOURCE.exists() else ""
    base = f"http://{settings.api_host}:{settings.api_port}"
    return HTMLResponse(guide_html(markdown, pages_url=base), headers=_CORS)
