"""API errors and how every error becomes an HTTP response.

Why one place: routers and services raise ``StdkgError`` subclasses, each with an
``ErrorCategory`` (``stdkg/errors.py``), and let the graph driver raise its own; this module
turns a category into a status code with one table, so a bad query is always a clear 4xx, an
unreachable Neo4j is always a fast 503, and only genuine bugs are 500s. The errors defined here
are the HTTP layer's own (API key, payload size, no driver).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from api.schemas import ErrorOut
from stdkg.errors import ErrorCategory, StdkgError

log = logging.getLogger(__name__)


class MissingApiKeyError(StdkgError):
    """A write endpoint was called without ``X-API-Key``."""

    category = ErrorCategory.UNAUTHENTICATED


class WrongApiKeyError(StdkgError):
    """A write endpoint was called with a key that is not the configured one."""

    category = ErrorCategory.FORBIDDEN


class GraphUnavailableError(StdkgError):
    """Neo4j cannot be reached or is not ready (indexes missing)."""

    category = ErrorCategory.UNAVAILABLE


class UrlEncodingError(StdkgError):
    """The URL's percent-encoded bytes are not UTF-8."""

    category = ErrorCategory.INPUT


class PayloadTooLargeError(StdkgError):
    """An uploaded document is larger than the API accepts."""

    category = ErrorCategory.TOO_LARGE


#: The one mapping from an error's category to its HTTP status.
STATUS_BY_CATEGORY: dict[ErrorCategory, int] = {
    ErrorCategory.INPUT: 422,
    ErrorCategory.TOO_LARGE: 413,
    ErrorCategory.NOT_FOUND: 404,
    ErrorCategory.UNAUTHENTICATED: 401,
    ErrorCategory.FORBIDDEN: 403,
    ErrorCategory.UNAVAILABLE: 503,
    ErrorCategory.MODEL: 503,
    ErrorCategory.CONFIG: 503,
    ErrorCategory.FAILED: 400,
}


#: What every operation may answer besides its own responses (``create_app`` declares these
#: app-wide, so the OpenAPI document describes the bodies the handlers below really send;
#: FastAPI's default 422 schema is a list of validation errors, ours is one ``detail`` line).
COMMON_RESPONSES: dict[int | str, dict] = {
    422: {"model": ErrorOut, "description": "Invalid parameters or body; `detail` says which."},
}

#: The body of every 503 caused by the graph database: where it runs and why it failed are for
#: the log, not for clients.
GRAPH_UNAVAILABLE = "graph database unavailable"
RETRY_AFTER = {"Retry-After": "5"}


def _driver_caused(error: BaseException) -> bool:
    return isinstance(error.__cause__, ServiceUnavailable | SessionExpired | DatabaseUnavailable)


def status_for(error: StdkgError) -> int:
    """HTTP status for a deliberate error: its category's, except that an operation which
    failed because Neo4j went away (an ingest, say) is a 503, whatever its category."""
    if _driver_caused(error):
        return 503
    return STATUS_BY_CATEGORY[error.category]


def _json(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail}, headers=headers)


def _driver_failure(error: Exception) -> JSONResponse:
    """Neo4j not reachable, not ready, or refusing our credentials: the service cannot answer
    now, which is a 503 (retry later), never a 500. The driver's message names the Bolt address
    and the socket error: it is logged, and the client gets the same one line every time."""
    log.warning("graph unavailable: %s: %s", type(error).__name__, error)
    return _json(503, GRAPH_UNAVAILABLE, RETRY_AFTER)


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route serves at the request's path (Starlette's own 405 names only
    the first route that matched the path, so ``GET`` and ``DELETE`` routes of one path would
    each deny the other)."""
    methods: set[str] = set()
    for route in app.router.routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**request.scope, "method": "GET"})
            if match is not Match.NONE:
                methods |= route.methods
    return sorted(methods)


def _means_not_ready(error: Neo4jError) -> bool:
    """Client errors that mean "the graph lacks an index, a procedure or a schema element",
    not "our Cypher is wrong" (syntax and type errors stay bugs)."""
    code = error.code or ""
    return code.startswith(
        ("Neo.ClientError.Procedure", "Neo.ClientError.Schema", "Neo.ClientError.Database")
    )


def install_error_handlers(app: FastAPI) -> None:
    """Register the mapping on ``app``."""

    @app.exception_handler(StdkgError)
    async def _stdkg_error(_: Request, error: StdkgError) -> JSONResponse:
        status = status_for(error)
        if error.category is ErrorCategory.UNAVAILABLE or _driver_caused(error):
            log.warning("graph unavailable: %s", error)
            return _json(503, GRAPH_UNAVAILABLE, RETRY_AFTER)
        headers = {"WWW-Authenticate": "X-API-Key"} if status == 401 else None
        return _json(status, str(error) or type(error).__name__, headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
        if error.status_code == 405:
            allow = ", ".join(allowed_methods(app, request))
            return _json(405, f"method not allowed here; allowed: {allow}", {"Allow": allow})
        return await http_exception_handler(request, error)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        parts = []
        for item in error.errors():
            where = ".".join(str(part) for part in item.get("loc", ()) if part != "body")
            parts.append(f"{where}: {item.get('msg', 'invalid')}")
        return _json(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    @app.exception_handler(DatabaseUnavailable)
    @app.exception_handler(AuthError)
    @app.exception_handler(DriverError)
    async def _driver_error(_: Request, error: Exception) -> JSONResponse:
        return _driver_failure(error)

    @app.exception_handler(Neo4jError)
    async def _neo4j_error(_: Request, error: Neo4jError) -> JSONResponse:
        # With all input escaped and parameterized, a ClientError means the graph is not in
        # the shape the API expects (an index missing, a procedure unknown): not ready, 503.
        if isinstance(error, ClientError) and not _means_not_ready(error):
            raise error  # a malformed query of ours: a bug, let it be a 500 with a traceback
        if isinstance(error, ClientError):
            log.error("graph not ready for query: %s", error)
            return _json(
                503, f"graph not ready: {(error.message or str(error))[:300]}", RETRY_AFTER
            )
        return _driver_failure(error)
