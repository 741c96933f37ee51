"""``GET /overlaps``: near-duplicate standards, requirements repeated across policies, and
domains assigned to several departments — each with the evidence that makes it an overlap.

Why a seed limit per caller: each seed is one vector-index search (about 20 ms on the full
catalogue), so ``seeds`` is the work a request costs. Anyone may ask for up to
``PUBLIC_MAX_SEEDS`` (the default); more needs the ``X-API-Key`` header (docs/api.md).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import Response

from analysis.models import OverlapKind, OverlapRelation, OverlapReport, ReportFormat
from analysis.overlaps import DEFAULT_SEEDS, MAX_PAIRS, MAX_SEEDS, OverlapService
from analysis.reports import (
    CSV_MEDIA_TYPE,
    MARKDOWN_MEDIA_TYPE,
    overlap_report_csv,
    overlap_report_markdown,
)
from api.deps import GraphDep, require_api_key
from api.errors import MissingApiKeyError
from api.schemas import ErrorOut

router = APIRouter(tags=["overlaps"])

#: The most seeds a request without the API key may search (the default: about 10 s at full
#: scale on 2 cores); up to ``MAX_SEEDS`` with the key.
PUBLIC_MAX_SEEDS = DEFAULT_SEEDS

_ERRORS: dict[int | str, dict] = {
    200: {
        "content": {"text/csv": {}, "text/markdown": {}},
        "description": "The overlap report (JSON, CSV or Markdown, see `format`).",
    },
    401: {"model": ErrorOut, "description": f"seeds > {PUBLIC_MAX_SEEDS} without X-API-Key."},
    403: {"model": ErrorOut, "description": f"seeds > {PUBLIC_MAX_SEEDS}, X-API-Key wrong."},
    422: {"model": ErrorOut, "description": "Unknown kind, malformed domain or threshold."},
    503: {"model": ErrorOut, "description": "Neo4j is unavailable."},
}


def _check_seed_budget(request: Request, seeds: int | None, key: str | None) -> None:
    """Bound the work of an anonymous request: more than ``PUBLIC_MAX_SEEDS`` seeds need the
    API key (401 without it, 403 with a wrong one)."""
    if seeds is not None and seeds > PUBLIC_MAX_SEEDS:
        if not key:
            raise MissingApiKeyError(
                f"seeds above {PUBLIC_MAX_SEEDS} need the X-API-Key header "
                f"(at most {PUBLIC_MAX_SEEDS} without it)"
            )
        require_api_key(request, key)


@router.get("/overlaps", response_model=OverlapReport, responses=_ERRORS)
def overlaps(
    request: Request,
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
        Query(
            ge=1,
            le=MAX_SEEDS,
            description=f"At most this many seed nodes are searched (default {DEFAULT_SEEDS}); "
            f"more than {PUBLIC_MAX_SEEDS} need the X-API-Key header.",
        ),
    ] = None,
    relation: Annotated[
        OverlapRelation | None,
        Query(
            description="Standards only: common-text (one text published by two bodies), "
            "near-duplicate (embedding similarity across bodies), or both (default)."
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAIRS)] = 100,
    format: Annotated[ReportFormat, Query(description="json, csv or md.")] = ReportFormat.json,
    x_api_key: Annotated[
        str | None, Header(description=f"Needed for seeds > {PUBLIC_MAX_SEEDS}.")
    ] = None,
) -> OverlapReport | Response:
    _check_seed_budget(request, seeds, x_api_key)
    report = OverlapService(graph).report(
        kind, domain=domain, threshold=threshold, seeds=seeds, limit=limit, relation=relation
    )
    if format is ReportFormat.csv:
        return Response(overlap_report_csv(report), media_type=CSV_MEDIA_TYPE)
    if format is ReportFormat.md:
        return Response(overlap_report_markdown(report), media_type=MARKDOWN_MEDIA_TYPE)
    return report
