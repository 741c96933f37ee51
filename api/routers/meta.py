"""``/domains``, ``/organizations`` and ``/health``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from api.deps import GraphDep, connect_graph
from api.errors import GRAPH_UNAVAILABLE
from api.schemas import DomainOut, HealthOut, IndexState, OrganizationOut
from graph.queries import meta as meta_queries
from graph.queries.schema import SEARCH_INDEXES

log = logging.getLogger(__name__)
router = APIRouter(tags=["meta"])

# The indexes search depends on (docs/graph-model.md).
REQUIRED_INDEXES = SEARCH_INDEXES


@router.get("/domains", response_model=list[DomainOut])
def list_domains(graph: GraphDep) -> list[DomainOut]:
    """The domain taxonomy with how many standards, clauses and requirements are in each."""
    return [DomainOut(**row) for row in graph.read(meta_queries.LIST_DOMAINS)]


@router.get("/organizations", response_model=list[OrganizationOut])
def list_organizations(graph: GraphDep) -> list[OrganizationOut]:
    """Organizations found in policies: issuers, bodies assigned work, bodies mentioned."""
    return [OrganizationOut(**row) for row in graph.read(meta_queries.LIST_ORGANIZATIONS)]


@router.get(
    "/health",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Neo4j is not reachable."}},
)
def health(request: Request) -> HealthOut | JSONResponse:
    """200 when Neo4j answers (``status`` is ``degraded`` if an index is not online or the model
    is not loaded), 503 with the reason when Neo4j does not answer."""
    state = request.app.state
    embedder = getattr(state, "embedder", None)
    report = HealthOut(
        status="ok",
        neo4j=False,
        model_loaded=embedder is not None,
        model=getattr(embedder, "model_name", None),
    )
    graph = connect_graph(request.app)
    if graph is None:
        report.status = "down"
        report.neo4j_error = state.graph_error
        return JSONResponse(status_code=503, content=report.model_dump())
    try:
        graph.read(meta_queries.HEALTH_PING)
        indexes = graph.read(meta_queries.HEALTH_INDEXES, {"names": list(REQUIRED_INDEXES)})
        counts = graph.read(meta_queries.HEALTH_COUNTS)
    except (DriverError, Neo4jError, OSError) as error:
        # the driver's message names the Bolt address and the socket error: log it only
        log.warning("health: graph unavailable: %s: %s", type(error).__name__, error)
        report.status = "down"
        report.neo4j_error = f"{GRAPH_UNAVAILABLE} ({type(error).__name__})"
        return JSONResponse(status_code=503, content=report.model_dump())
    report.neo4j = True
    report.indexes = [IndexState(**row) for row in indexes]
    online = {row["name"] for row in indexes if row["state"] == "ONLINE"}
    report.missing_indexes = [name for name in REQUIRED_INDEXES if name not in online]
    report.counts = {key: int(value) for key, value in (counts[0] if counts else {}).items()}
    if report.missing_indexes or not report.model_loaded:
        report.status = "degraded"
    return report
