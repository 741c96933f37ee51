"""API errors and how every error becomes an HTTP response.

Why one place: routers raise domain errors (``StdkgError`` subclasses) and let the graph driver
raise its own; this module decides the status code, so a bad query is always a clear 4xx, an
unreachable Neo4j is always a fast 503, and only genuine bugs are 500s.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from stdkg.errors import InputError, StdkgError

log = logging.getLogger(__name__)


class ApiError(StdkgError):
    """Root of errors raised by the API layer itself."""

    status_code = 400


class NotFoundError(ApiError):
    """The requested resource (standard, document) is not in the graph."""

    status_code = 404


class MissingApiKeyError(ApiError):
    """A write endpoint was called without ``X-API-Key``."""

    status_code = 401


class WrongApiKeyError(ApiError):
    """A write endpoint was called with a key that is not the configured one."""

    status_code = 403


class GraphUnavailableError(ApiError):
    """Neo4j cannot be reached or is not ready (indexes missing)."""

    status_code = 503


class ModelUnavailableError(ApiError):
    """The embedding model is not loaded, so semantic search cannot run."""

    status_code = 503


class PayloadTooLargeError(ApiError):
    """An uploaded document is larger than the API accepts."""

    status_code = 413


def status_for(error: StdkgError) -> int:
    """HTTP status for a deliberate error: API errors carry their own, bad input is 422, any
    other ``StdkgError`` (a failed extraction, a configuration problem) is 400 or 503."""
    if isinstance(error, ApiError):
        return error.status_code
    if isinstance(error, InputError):
        return 422
    if isinstance(error.__cause__, ServiceUnavailable | SessionExpired | DatabaseUnavailable):
        return 503  # e.g. an ingest that failed because Neo4j went away
    name = type(error).__name__
    if "NotFound" in name:
        return 404
    if "Unavailable" in name or "Connection" in name or "ModelLoad" in name:
        return 503
    return 400


def _json(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail}, headers=headers)


def _driver_failure(error: Exception) -> JSONResponse:
    """Neo4j not reachable, not ready, or refusing our credentials: the service cannot answer
    now, which is a 503 (retry later), never a 500."""
    log.warning("graph unavailable: %s", error)
    detail = f"graph database unavailable: {type(error).__name__}"
    message = getattr(error, "message", None) or str(error)
    if message:
        detail = f"{detail}: {message[:300]}"
    return _json(503, detail, {"Retry-After": "5"})


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
        headers = {"WWW-Authenticate": "X-API-Key"} if status == 401 else None
        return _json(status, str(error) or type(error).__name__, headers)

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
                503, f"graph not ready: {(error.message or str(error))[:300]}", {"Retry-After": "5"}
            )
        return _driver_failure(error)
