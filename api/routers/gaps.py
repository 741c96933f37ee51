"""``GET /gaps``: which requirements of a policy are covered by current standards.

Why one endpoint with ``format``: the same report feeds programs (JSON) and committee papers
(CSV, Markdown); rendering from one ``GapReport`` keeps the three in agreement.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from analysis.gaps import GapService
from analysis.models import GapReport, ReportFormat
from analysis.reports import (
    CSV_MEDIA_TYPE,
    MARKDOWN_MEDIA_TYPE,
    gap_report_csv,
    gap_report_markdown,
)
from api.deps import GraphDep
from api.schemas import ErrorOut

router = APIRouter(tags=["gaps"])

_ERRORS: dict[int | str, dict] = {
    404: {"model": ErrorOut, "description": "Unknown document or domain."},
    422: {"model": ErrorOut, "description": "Malformed document id, domain or format."},
    503: {"model": ErrorOut, "description": "Neo4j is unavailable."},
}


@router.get(
    "/gaps",
    response_model=GapReport,
    responses={
        **_ERRORS,
        200: {
            "content": {"text/csv": {}, "text/markdown": {}},
            "description": "The gap report (JSON, CSV or Markdown).",
        },
    },
)
def gaps(
    graph: GraphDep,
    document: Annotated[str, Query(max_length=200, description="Document id, or 'all'.")] = "all",
    domain: Annotated[
        str | None,
        Query(
            max_length=80,
            pattern=r"^[a-z0-9][a-z0-9_-]*$",
            description="Only requirements of this domain (key, see /domains).",
        ),
    ] = None,
    format: Annotated[ReportFormat, Query(description="json, csv or md.")] = ReportFormat.json,
) -> GapReport | Response:
    report = GapService(graph).report(document, domain)
    if format is ReportFormat.csv:
        name = "gaps-" + report.document.replace("/", "_") + ".csv"
        return Response(
            gap_report_csv(report),
            media_type=CSV_MEDIA_TYPE,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    if format is ReportFormat.md:
        return Response(gap_report_markdown(report), media_type=MARKDOWN_MEDIA_TYPE)
    return report
