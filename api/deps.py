"""FastAPI dependencies: settings, the graph, the embedder, the search service, the API key.

Why through ``app.state``: the driver and the embedding model are created once, in the app's
lifespan (``api.main``), and every request borrows them; tests build an app around their own
driver and the session's embedder. The annotated aliases (``GraphDep`` ...) keep router
signatures short and typed.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request

from analysis.search import SearchService
from api.errors import (
    GraphUnavailableError,
    MissingApiKeyError,
    UrlEncodingError,
    WrongApiKeyError,
)
from graph.reader import GraphReader
from stdkg.config import Settings
from stdkg.errors import ModelError, StdkgError

log = logging.getLogger(__name__)

API_KEY_FILE = "api_key"


def api_key_for(settings: Settings) -> str:
    """The key protecting write endpoints: ``STDKG_API_KEY`` if set, else a random key kept in
    ``<home>/api_key`` (created on first use, readable by the owner only), so a fresh install
    is never open for writes."""
    if settings.api_key:
        return settings.api_key
    path = Path(settings.home) / API_KEY_FILE
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key:
            return key
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    log.warning("generated an API key for write endpoints in %s", path)
    return key


def connect_graph(app: FastAPI) -> GraphReader | None:
    """Create the driver for ``app`` if it has none; record why when it cannot."""
    state = app.state
    if getattr(state, "graph", None) is not None:
        graph: GraphReader = state.graph
        return graph
    from graph.connection import get_driver

    try:
        driver = get_driver(state.settings, verify=False)
    except StdkgError as error:
        state.graph_error = str(error)
        log.warning("graph unavailable: %s", error)
        return None
    state.owned_driver = driver
    state.graph = GraphReader(driver, state.settings.neo4j_database)
    state.graph_error = None
    return state.graph


def _undecodable(encoded: bytes) -> str | None:
    """The percent-encoded ``encoded`` if its bytes are not UTF-8, else None."""
    from urllib.parse import unquote_to_bytes

    try:
        unquote_to_bytes(encoded.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return encoded.decode("ascii", "replace")[:60]
    return None


def require_utf8_url(request: Request) -> None:
    """Refuse a path or query whose percent-encoded bytes are not UTF-8 (422). Starlette
    decodes them with replacement characters, so ``q=caf%E9`` would silently be searched as
    "caf\ufffd". Applied to every route (``create_app``)."""
    scope = request.scope
    raw_path = scope.get("raw_path") or b""
    pieces = [raw_path.split(b"?", 1)[0]]
    for pair in (scope.get("query_string") or b"").split(b"&"):
        pieces.extend(pair.split(b"=", 1))
    for piece in pieces:
        bad = _undecodable(piece)
        if bad is not None:
            raise UrlEncodingError(
                f"the URL is not valid UTF-8 near {bad!r}: percent-encode text as UTF-8 "
                "(e.g. 'é' is %C3%A9)"
            )


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_graph(request: Request) -> GraphReader:
    # A missing driver is retried per request, so the API recovers once Neo4j is set up.
    graph = connect_graph(request.app)
    if graph is None:
        reason = getattr(request.app.state, "graph_error", None) or "no driver"
        raise GraphUnavailableError(f"graph database unavailable: {reason}")
    return graph


def get_embedder_dep(request: Request) -> Any:
    embedder = getattr(request.app.state, "embedder", None)
    if embedder is None:
        reason = getattr(request.app.state, "model_error", None) or "not loaded"
        raise ModelError(f"embedding model unavailable: {reason}")
    return embedder


def get_search_service(
    request: Request, graph: Annotated[GraphReader, Depends(get_graph)]
) -> SearchService:
    # Semantic modes check for the model themselves, so lexical search works without it.
    return SearchService(graph, getattr(request.app.state, "embedder", None))


def require_api_key(
    request: Request,
    x_api_key: Annotated[str | None, Header(description="Key for write endpoints.")] = None,
) -> None:
    """401 without a key, 403 with a wrong one (constant-time comparison)."""
    if not x_api_key:
        raise MissingApiKeyError("this endpoint needs the header X-API-Key")
    expected: str = request.app.state.api_key
    if not secrets.compare_digest(x_api_key.encode("utf-8"), expected.encode("utf-8")):
        raise WrongApiKeyError("the X-API-Key header does not match the configured key")


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
GraphDep = Annotated[GraphReader, Depends(get_graph)]
EmbedderDep = Annotated[Any, Depends(get_embedder_dep)]
SearchServiceDep = Annotated[SearchService, Depends(get_search_service)]
ApiKeyDep = Annotated[None, Depends(require_api_key)]
