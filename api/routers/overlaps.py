"""``GET /overlaps``: near-duplicate standards, requirements repeated across policies, and
domains assigned to several departments — each with the evidence that makes it an overlap."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from analysis.models import OverlapKind, OverlapReport, ReportFormat
from analysis.overlaps import MAX_PAIRS, MAX_SEEDS, OverlapService
from analysis.reports import (
    CSV_MEDIA_TYPE,
    MARKDOWN_MEDIA_TYPE,
    overlap_report_csv,
    overlap_report_markdown,
)
from api.deps import GraphDep
from api.schemas import ErrorOut

router = APIRouter(tags=["overlaps"])

_ERRORS: dict[int | str, dict] = {
    422: {"model": ErrorOut, "description": "Unknown kind, malformed domain or threshold."},
    503: {"model": ErrorOut, "description": "Neo4j is unavailable."},
}


@router.get("/overlaps", response_model=OverlapReport, responses=_ERRORS)
def overlaps(
    graph: GraphDep,
    kind: Annotated[OverlapKind, Query(description="standards, requirements or assignments.")],
    domain: Annotated[
        str | None,
        Query(
            max_length=80,
            pattern=r"^[a-z0-9][a-z0-9_-]*$",
            description="Restrict the search space to one domain.",
        ),
    ] = None,
    threshold: Annotated[
        float | None,
        Query(gt=0.0, le=1.0, description="Similarity cut-off (default per kind)."),
    ] = None,
    seeds: Annotated[
        int | None,
        Query(ge=1, le=MAX_SEEDS, description="At most this many seed nodes are searched."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAIRS)] = 100,
    format: Annotated[ReportFormat, Query(description="json, csv or md.")] = ReportFormat.json,
) -> OverlapReport | Response:
    report = OverlapService(graph).report(
        kind, domain=domain, threshold=threshold, seeds=seeds, limit=limit
    )
    if format is ReportFormat.csv:
        return Response(overlap_report_csv(report), media_type=CSV_MEDIA_TYPE)
    if format is ReportFormat.md:
        return Response(overlap_report_markdown(report), media_type=MARKDOWN_MEDIA_TYPE)
    return report
