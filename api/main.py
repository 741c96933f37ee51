"""The FastAPI application: ``create_app()`` wires settings, the graph, the model and routers.

Why a factory: the CLI (``stdkg serve``), tests and benchmarks each need an app around their own
settings, driver or already-loaded embedder. What the factory is not given, the lifespan creates
once at startup (the driver, the embedding model) and closes at shutdown — never per request.
If Neo4j is not reachable at startup the app still starts: ``/health`` says what is wrong and
graph endpoints answer 503 until it comes back.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import neo4j
from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from analysis.search import ResultCache, limit_inference_threads
from api.deps import api_key_for, connect_graph, require_utf8_url
from api.errors import COMMON_RESPONSES, install_error_handlers
from api.routers import documents, gaps, meta, overlaps, search, standards
from api.routers.pages import install_pages
from api.slots import FairSlots
from graph.reader import GraphReader
from stdkg.config import Settings, get_settings
from stdkg.errors import StdkgError

log = logging.getLogger(__name__)

API_DESCRIPTION = """
Search the standards knowledge graph (ISO, IEC, ITU, ETSI catalogues and policy texts):
lexical, semantic and hybrid search, standards with their editions and citations, ingested
policy documents with what was extracted from them, and graph health.
Write endpoints (`POST`/`DELETE /documents`) need the `X-API-Key` header.
"""


def load_model(app: FastAPI) -> Any:
    """Load the embedding model once; semantic search answers 503 if this fails."""
    from nlp.embedder import get_embedder

    limit_inference_threads()
    try:
        settings = app.state.settings
        app.state.embedder = get_embedder(settings)
        app.state.model_error = None
    except StdkgError as error:
        app.state.embedder = None
        app.state.model_error = str(error)
        log.error("embedding model not loaded: %s", error)
    return app.state.embedder


def create_app(
    settings: Settings | None = None,
    *,
    driver: neo4j.Driver | None = None,
    embedder: Any = None,
    load_embedder: bool = True,
) -> FastAPI:
    """The API app. ``driver``/``embedder`` are used as given (and not closed at shutdown);
    otherwise they are created at startup. ``load_embedder=False`` skips the model (lexical
    search only), for quick tools."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        connect_graph(app)
        if app.state.embedder is None and load_embedder:
            load_model(app)
        try:
            yield
        finally:
            owned = getattr(app.state, "owned_driver", None)
            if owned is not None:
                owned.close()
                app.state.owned_driver = None
                app.state.graph = None

    # FastAPIOffline: /docs and /redoc from the assets vendored in the fastapi-offline package
    # (no CDN), so the API docs work offline and where a CDN is blocked.
    app = FastAPIOffline(
        title="stdkg — standards knowledge graph API",
        version="0.1.0",
        description=API_DESCRIPTION,
        lifespan=lifespan,
        responses=COMMON_RESPONSES,
        dependencies=[Depends(require_utf8_url)],
    )
    app.state.settings = settings
    app.state.search_slots = FairSlots(settings.api_search_slots or (os.cpu_count() or 1) + 1)
    app.state.search_cache = ResultCache(
        settings.api_search_cache_size, settings.api_search_cache_seconds
    )
    app.state.api_key = api_key_for(settings)
    app.state.graph = GraphReader(driver, settings.neo4j_database) if driver is not None else None
    app.state.graph_error = None
    app.state.owned_driver = None
    app.state.embedder = embedder
    app.state.model_error = None if embedder is not None else "not loaded yet"
    install_error_handlers(app)

    app.include_router(search.router)
    app.include_router(standards.router)
    app.include_router(documents.router)
    app.include_router(meta.router)

    # --- gaps and overlaps routers (owned by the gaps/overlaps engineer) ---
    app.include_router(gaps.router)
    app.include_router(overlaps.router)
    # --- end gaps and overlaps routers ---

    # --- HTML pages (search, standards, documents, gaps) and their static assets ---
    install_pages(app)
    # --- end HTML pages ---
    return app
