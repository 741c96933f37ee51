"""The API keeps its published contract: schemathesis generates requests from ``/openapi.json``
(valid and invalid ones, boundary values, undeclared methods) and checks every response
against what the schema declares: status codes, content types, bodies, headers, ``Allow``.

Runs against the real app on the fixture graph of ``tests/api/conftest.py``, with a bounded,
derandomized number of examples per operation, so every run takes the same short time and
tries the same cases. Write endpoints get the API key, so their bodies are validated too;
whatever they create is removed afterwards.

Why a module-level app: schemathesis reads the schema when the module is collected, before any
fixture exists; the ``_wire_app`` fixture then gives that app the session's driver and model
(the same wiring ``create_app`` does for the other API tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from stdkg.config import Settings

pytestmark = pytest.mark.neo4j

#: Examples per operation (per generation mode); with the coverage phase's boundary cases the
#: module takes about a minute on the 2-core machine.
MAX_EXAMPLES = 25

APP = create_app(Settings(api_key="schema-only"), load_embedder=False)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True)
def _wire_app(
    api_graph: Any, neo4j_settings: Any, embedder: Any, write_headers: dict[str, str]
) -> Iterator[None]:
    """Point the module's app at the fixture graph; remove what its POSTs created."""
    from graph.reader import GraphReader

    database = neo4j_settings.neo4j_database
    key = write_headers["X-API-Key"]
    APP.state.settings = neo4j_settings.model_copy(update={"api_key": key})
    APP.state.api_key = key
    APP.state.graph = GraphReader(api_graph, database)
    APP.state.embedder = embedder
    APP.state.model_error = None
    before = _document_ids(api_graph, database)
    yield
    _remove_documents_created(api_graph, database, before)


def _document_ids(driver: Any, database: str) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (d:Document) RETURN d.id AS id", database_=database)
    return {record["id"] for record in records}


def _remove_documents_created(driver: Any, database: str, before: set[str]) -> None:
    from graph.policy_rows import STUB_PREFIX
    from graph.remove import remove_document

    for doc_id in sorted(_document_ids(driver, database) - before):
        if not doc_id.startswith(STUB_PREFIX):
            remove_document(driver, doc_id, database=database)


#: Operations whose inputs are valid by rules JSON Schema cannot state (the standard identifier
#: grammar, a query's letters in any script, a document id in any script, an uploaded file
#: that must be text): a schema-valid request may still be a clear 422 there, so the check
#: "schema-valid data is accepted" is skipped for them; every other check still runs.
SEMANTIC_422 = {
    ("GET", "/search"),
    ("GET", "/standards/{ref}"),
    ("GET", "/gaps"),
    ("POST", "/documents"),
}


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_openapi_schema(case: Any, write_headers: dict[str, str]) -> None:
    if case.method.upper() in ("POST", "DELETE"):
        case.headers = {**(case.headers or {}), **write_headers}
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    semantic = (case.method.upper(), case.operation.path) in SEMANTIC_422
    case.call_and_validate(excluded_checks=[positive_data_acceptance] if semantic else [])
