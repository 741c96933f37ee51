"""Removing a policy document: its contribution goes, shared nodes stay (real Neo4j)."""

from __future__ import annotations

from typing import Any

import pytest
from test_ingest_policies import counts, graph_checksum, ingest_outline, ingest_plan, seed_catalogue

from graph.errors import DocumentNotFoundError
from graph.policy_rows import InvalidDocumentIdError
from graph.remove import StubDocumentError, remove_document

pytestmark = [pytest.mark.neo4j, pytest.mark.models]


def test_remove_leaves_shared_nodes_and_deletes_its_own_stubs(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    # an organization someone else (a gazetteer load) put there, unused by anything
    clean_db.execute_query("MERGE (:Organization {key: 'iso', name: 'ISO'})")
    before_counts, before_sum = counts(clean_db), graph_checksum(clean_db)
    ingest_plan(clean_db, embedder)

    removed = remove_document(clean_db, "smart-city-plan")
    assert removed.clauses == 5
    assert removed.deleted_orphans == {"standards": 1, "organizations": 2, "documents": 1}
    # exactly the graph before the ingest: catalogue standards, domain, the foreign
    # organization all kept; the ISO 99999 placeholder, the outline stub, the organizations
    # only this document brought, its clauses, requirements, targets and edges all gone
    assert counts(clean_db) == before_counts
    assert graph_checksum(clean_db) == before_sum


def test_remove_keeps_what_another_document_still_uses(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    ingest_plan(clean_db, embedder)
    ingest_plan(clean_db, embedder, doc_id="smart-city-plan-copy")
    remove_document(clean_db, "smart-city-plan")
    found = counts(clean_db)
    assert found["Document"] == 2  # the copy and the outline stub it still cites
    assert found["Clause"] == 5 and found["Requirement"] == 2
    records, _, _ = clean_db.execute_query(
        "MATCH (c:Clause)-[:MENTIONS]->(s:Standard) RETURN DISTINCT c.doc_id AS doc, "
        "s.key AS key ORDER BY key"
    )
    assert [(r["doc"], r["key"]) for r in records] == [
        ("smart-city-plan-copy", "ISO 37120:2018"),
        ("smart-city-plan-copy", "ISO 37122:2019"),
        ("smart-city-plan-copy", "ISO 99999"),
    ]
    organizations, _, _ = clean_db.execute_query(
        "MATCH (o:Organization) RETURN o.key AS key ORDER BY key"
    )
    assert [r["key"] for r in organizations] == ["miit", "sac"]


def test_citations_of_a_removed_document_fall_back_to_a_stub(clean_db: Any, embedder: Any) -> None:
    ingest_plan(clean_db, embedder)
    ingest_outline(clean_db, embedder)
    removed = remove_document(clean_db, "outline-en")
    assert removed.moved_citations == 1
    records, _, _ = clean_db.execute_query(
        "MATCH (c:Clause)-[r:REFERS_TO]->(d:Document) RETURN c.doc_id AS by, d.id AS id, "
        "d.stub AS stub, r.surface AS surface, r.extractor AS extractor"
    )
    assert [(r["by"], r["id"], r["stub"], r["surface"]) for r in records] == [
        (
            "smart-city-plan",
            "policy:cn-national-standardization-development-outline-2021",
            True,
            "National Standardization Development Outline",
        )
    ]
    assert records[0]["extractor"] == "test-extractor-1"
    # the shared standard the outline mentioned stays: the plan mentions it too
    assert (
        clean_db.execute_query(
            "MATCH (s:Standard {key: 'ISO 37120:2018'}) RETURN count(s) AS n"
        ).records[0]["n"]
        == 1
    )


def test_removing_the_last_citer_removes_the_stub(clean_db: Any, embedder: Any) -> None:
    ingest_plan(clean_db, embedder)
    ingest_outline(clean_db, embedder)
    remove_document(clean_db, "outline-en")
    remove_document(clean_db, "smart-city-plan")
    # only the Domains stay: domains are the taxonomy's, never a document's to delete
    assert set(counts(clean_db)) == {"Domain"}


def test_unknown_malformed_and_stub_ids_are_clear_errors(clean_db: Any, embedder: Any) -> None:
    with pytest.raises(DocumentNotFoundError, match="no document with id 'nope'"):
        remove_document(clean_db, "nope")
    with pytest.raises(InvalidDocumentIdError):
        remove_document(clean_db, "x' OR 1=1 //")
    ingest_plan(clean_db, embedder)
    before = graph_checksum(clean_db)
    with pytest.raises(StubDocumentError, match="stub"):
        remove_document(clean_db, "policy:cn-national-standardization-development-outline-2021")
    assert graph_checksum(clean_db) == before


def test_cli_ingests_a_folder_and_removes_a_document(
    clean_db: Any, embedder: Any, tmp_path: Any
) -> None:
    from policy_samples import PLAN_TEXT
    from typer.testing import CliRunner

    from cli.main import app

    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "smart-city-plan.txt").write_text(PLAN_TEXT, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", "policies", str(tmp_path), "--quiet"])
    # issue 11 #3: one failure is enough for a non-zero exit, with a summary of what failed
    assert result.exit_code == 1, result.output
    assert "ingested  smart-city-plan" in result.output
    assert "1 ingested, 0 unchanged, 0 replaced, 1 failed" in result.output
    assert "error: 1 of 2 inputs failed:" in result.stderr
    assert "a-empty.txt" in result.stderr

    (tmp_path / "a-empty.txt").unlink()
    result = runner.invoke(app, ["ingest", "policies", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "unchanged smart-city-plan" in result.output

    result = runner.invoke(app, ["remove", "document", "smart-city-plan"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("removed smart-city-plan:")
    assert counts(clean_db).get("Document", 0) == 0

    result = runner.invoke(app, ["remove", "document", "smart-city-plan"])
    assert isinstance(result.exception, DocumentNotFoundError)
