"""``/health``, ``/domains``, ``/organizations`` and the OpenAPI document."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.neo4j


def test_health_reports_neo4j_indexes_and_model(client) -> None:
    response = client.get("/health")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["neo4j"] is True and body["model_loaded"] is True
    assert body["status"] == "ok", body
    names = {index["name"] for index in body["indexes"]}
    assert {"standard_text", "standard_embedding"} <= names
    assert body["missing_indexes"] == []
    assert body["counts"]["standards"] > 0


def test_health_is_503_fast_when_neo4j_is_down(down_client) -> None:
    started = time.perf_counter()
    response = down_client.get("/health")
    elapsed = time.perf_counter() - started
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down" and body["neo4j"] is False and body["neo4j_error"]
    assert body["model_loaded"] is True
    assert elapsed < 5


def test_domains_lists_the_taxonomy_with_counts(client) -> None:
    from corpus import load_json

    body = client.get("/domains").json()
    keys = {domain["key"] for domain in body}
    assert {domain["key"] for domain in load_json("domains.json")} <= keys
    assert any(domain["standards"] > 0 for domain in body), "fixture standards classified"


def test_organizations_lists_policy_organizations(client) -> None:
    response = client.get("/organizations")
    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    for organization in body:
        assert organization["key"]
        assert organization["documents_issued"] >= 0


def test_openapi_documents_every_endpoint(client) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/search",
        "/standards/{ref}",
        "/documents",
        "/documents/{doc_id}",
        "/domains",
        "/organizations",
        "/health",
    ):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("path", ["/domains", "/organizations", "/documents"])
def test_list_endpoints_503_when_down(down_client, path: str) -> None:
    assert down_client.get(path).status_code == 503


# ------------------------------------------------------------------ issue 11: 503 bodies

DOWN_PATHS = [
    "/search?q=smart+city&mode=lexical",
    "/standards/ISO%2037120",
    "/documents",
    "/documents/x",
    "/domains",
    "/organizations",
    "/gaps",
    "/overlaps?kind=assignments",
]


@pytest.mark.parametrize("path", DOWN_PATHS)
def test_503_bodies_say_unavailable_and_keep_internals_in_the_log(
    down_client, caplog, path: str
) -> None:
    import logging

    caplog.set_level(logging.WARNING)
    response = down_client.get(path)
    assert response.status_code == 503, response.text
    assert response.json() == {"detail": "graph database unavailable"}
    assert response.headers["Retry-After"]
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "127.0.0.1" in logged, "the detail is logged for the operator"


def test_health_503_keeps_internals_in_the_log(down_client) -> None:
    body = down_client.get("/health").json()
    assert body["neo4j_error"].startswith("graph database unavailable")
    for internal in ("127.0.0.1", "Errno", "bolt", "refused"):
        assert internal not in str(body), internal
