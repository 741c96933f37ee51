"""Remove one policy document's contribution from the graph.

Why not a plain DETACH DELETE: a document shares nodes with the rest of the graph. Standards,
organizations and domains belong to the catalogue or to other documents and must stay; other
documents' citations of this one must survive (they move back to a stub Document, or to another
ingested document of the same policy); and the stubs this document alone created must go. All
of it happens in one transaction, so a failure removes nothing. ``DELETE /documents/{id}`` and
``stdkg remove document ID`` call :func:`remove_document`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.errors import DocumentNotFoundError, IngestError
from graph.ingest_policies import (
    contribution_neighbours,
    delete_orphans,
    relink_policy_references,
)
from graph.policy_rows import STUB_PREFIX, validate_doc_id
from graph.queries import policies as policies_queries
from stdkg.errors import ErrorCategory, InputError, StdkgError

if TYPE_CHECKING:
    import neo4j


class StubDocumentError(InputError):
    """The id names a stub (a policy only known because others cite it): it goes away by
    itself when the citing documents are removed."""

    category = ErrorCategory.INPUT


@dataclass(frozen=True)
class RemovalSummary:
    doc_id: str
    clauses: int
    moved_citations: int
    deleted_orphans: dict[str, int] = field(default_factory=dict)


def _remove(tx: neo4j.ManagedTransaction, doc_id: str) -> RemovalSummary:
    record = tx.run(policies_queries.POLICY_DOCUMENT_STATE, doc_id=doc_id).single()
    if record is None:
        raise DocumentNotFoundError(f"no document with id {doc_id!r} in the graph")
    if record["stub"]:
        raise StubDocumentError(
            f"{doc_id!r} is a stub cited by {record['cited_by']} clause(s), not an ingested "
            "document; it disappears when the documents citing it are removed"
        )
    clause_count = int(record["clauses"])
    policy_key = record["policy_key"]
    neighbours = contribution_neighbours(tx, doc_id)
    tx.run(policies_queries.POLICY_DELETE_CONTRIBUTION, doc_id=doc_id).consume()
    # Citations of this document by others move before the node goes, or they would be lost.
    moved = relink_policy_references(tx, [policy_key] if policy_key else [], exclude_id=doc_id)
    tx.run(policies_queries.POLICY_DELETE_DOCUMENT_NODE, doc_id=doc_id).consume()
    orphans = delete_orphans(tx, neighbours, [policy_key] if policy_key else [])
    return RemovalSummary(doc_id, clause_count, moved, orphans)


def remove_document(
    driver: neo4j.Driver, doc_id: str, *, database: str = "neo4j"
) -> RemovalSummary:
    """Delete document ``doc_id`` and everything only it contributed.

    Raises :class:`graph.errors.DocumentNotFoundError` for an unknown id, an ``InputError``
    for a malformed id or a stub, and :class:`graph.errors.IngestError` when Neo4j fails (the
    graph is then unchanged).
    """
    if not (isinstance(doc_id, str) and doc_id.startswith(STUB_PREFIX)):
        validate_doc_id(doc_id)
    try:
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            return session.execute_write(_remove, doc_id)
    except StdkgError:
        raise
    except Exception as error:
        raise IngestError(f"removing {doc_id!r} failed, the graph is unchanged: {error}") from error
