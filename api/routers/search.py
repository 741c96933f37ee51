"""``GET /search``: lexical, semantic or hybrid search over standards and policy text."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from analysis.models import SearchKind, SearchMode, SearchResponse, StatusFilter
from analysis.search import (
    MAX_K,
    MAX_QUERY_CHARS,
    MIN_K,
    SearchFilters,
    SearchParams,
)
from api.deps import SearchServiceDep
from api.schemas import ErrorOut

router = APIRouter(tags=["search"])

_ERRORS: dict[int | str, dict] = {
    422: {"model": ErrorOut, "description": "Bad query or parameters."},
    503: {"model": ErrorOut, "description": "Neo4j or the model is unavailable."},
}


@router.get("/search", response_model=SearchResponse, responses=_ERRORS)
def search(
    request: Request,
    service: SearchServiceDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_QUERY_CHARS,
            description="Words, a question, or a standard identifier such as 'ISO 37120'; "
            "it must contain a letter or a digit (any script), else 422.",
        ),
    ],
    k: Annotated[int, Query(ge=MIN_K, le=MAX_K, description="How many results.")] = 10,
    mode: SearchMode = SearchMode.hybrid,
    kind: SearchKind = SearchKind.any,
    status: Annotated[
        StatusFilter,
        Query(
            description="current: only current standards; all: withdrawn and in development too."
        ),
    ] = StatusFilter.current,
    publisher: Annotated[
        str | None,
        Query(
            max_length=40, pattern=r"^[A-Za-z][A-Za-z/ -]*$", description="ISO, IEC, ITU-T, ETSI..."
        ),
    ] = None,
    committee: Annotated[
        str | None,
        Query(
            max_length=80,
            pattern=r"^[A-Za-z0-9][A-Za-z0-9/ .-]*$",
            description="e.g. ISO/TC 268 (sub-committees included).",
        ),
    ] = None,
    domain: Annotated[
        str | None,
        Query(
            max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$", description="Domain key, see /domains."
        ),
    ] = None,
    ics: Annotated[
        str | None,
        Query(
            pattern=r"^[0-9]{2}(\.[0-9]{1,3}){0,2}$", description="ICS code prefix, e.g. 13.200."
        ),
    ] = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100)] = None,
) -> SearchResponse:
    """Search standards, policy clauses and requirements.

    ``hybrid`` fuses the full-text (BM25) and vector rankings by reciprocal rank fusion; a
    standard identifier in the query puts that standard first (current edition before
    withdrawn ones). Filters on publisher, committee, ICS and year apply to standards only.
    """
    params = SearchParams(
        query=q,
        k=k,
        mode=mode,
        kind=kind,
        status=status,
        filters=SearchFilters(
            publisher=publisher,
            committee=committee,
            domain=domain,
            ics=ics,
            year_from=year_from,
            year_to=year_to,
        ),
    )
    cache = request.app.state.search_cache
    hit = cache.get(params)  # a cached answer needs no slot
    if hit is not None:
        return hit
    # A bounded number of searches run at once; the rest queue (see Settings.api_search_slots).
    with request.app.state.search_slots:
        # another request may have answered the same search while this one waited
        return cache.get(params) or cache.put(params, service.search(params))
