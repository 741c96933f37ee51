"""Policy ingestion: row building (pure) and writes against the real Neo4j."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from data_paths import current_settings
from policy_samples import (
    EXTRACTOR,
    OUTLINE_TEXT,
    PLAN_TEXT,
    outline_extraction,
    plan_extraction,
)

from graph.errors import IngestError
from graph.ingest_policies import (
    MAX_POLICY_BYTES,
    ingest_policy_paths,
    ingest_policy_text,
    resolve_stub_mentions,
    write_policy_extraction,
)
from graph.policy_rows import (
    FRONT_CLAUSE_ID,
    InvalidDocumentIdError,
    PolicyDataError,
    build_policy_rows,
    resolve_policy_key,
    validate_doc_id,
)
from graph.queries import admin as admin_queries
from graph.queries import policies as policies_queries
from stdkg.errors import InputError

POLICIES = [
    {
        "key": "cn-national-standardization-development-outline-2021",
        "title": "National Standardization Development Outline",
        "type": "outline",
        "aliases": ["National Standardization Development Program"],
    },
    {
        "key": "cn-standardization-law",
        "title": "Standardization Law",
        "type": "law",
        "aliases": ["Standardization Law of the People's Republic of China"],
    },
]
EVIDENCE_KEYS = {"doc_id", "clause", "start", "end", "surface", "extractor"}


# ------------------------------------------------------------------ pure logic


def rows_for(extraction: dict[str, Any], text: str = PLAN_TEXT, **kwargs: Any) -> Any:
    return build_policy_rows(extraction, text, extractor=EXTRACTOR, policies=POLICIES, **kwargs)


def test_rows_key_every_item_by_document_and_span() -> None:
    rows = rows_for(plan_extraction())
    assert rows.doc_id == "smart-city-plan"
    clause_keys = [c["key"] for c in rows.clauses]
    assert clause_keys == [
        f"smart-city-plan#{FRONT_CLAUSE_ID}",
        "smart-city-plan#1",
        "smart-city-plan#2",
        "smart-city-plan#2.1",
        "smart-city-plan#2.2",
    ]
    start = PLAN_TEXT.index("Develop standards for smart parking")
    end = start + len("Develop standards for smart parking")
    assert rows.requirements[0]["key"] == f"smart-city-plan#{start}-{end}"
    assert rows.requirements[0]["embed_text"] == "smart parking"
    parents = {c["key"]: c["parent_key"] for c in rows.clauses}
    assert parents["smart-city-plan#2.1"] == "smart-city-plan#2"


def test_requirement_domains_follow_the_domain_model_once_vectors_are_set() -> None:
    from nlp.domain_model import DomainModel

    rows = rows_for(plan_extraction())
    # hand-made vectors: the topics and their clauses point towards "transport"
    rows.set_embeddings(
        [[0.3, 0.7] for _ in rows.clauses] + [[0.0, 1.0] for _ in rows.requirements]
    )
    model = DomainModel("m", {"transport": [0.0, 1.0], "energy-resources": [1.0, 0.0]})
    before = [r["domain"] for r in rows.requirements]
    assert rows.refine_requirement_domains(model) == sum(d != "transport" for d in before)
    assert {r["domain"] for r in rows.requirements} == {"transport"}


def test_heading_only_clause_spans_extend_to_the_next_clause() -> None:
    rows = rows_for(plan_extraction())
    key_tasks = next(c for c in rows.clauses if c["id"] == "2")
    assert key_tasks["text"] == "2. Key tasks\n"
    develop = next(c for c in rows.clauses if c["id"] == "2.1")
    assert "ISO 99999" in develop["text"]
    assert "(2) Improve" not in develop["text"]


def test_items_outside_clauses_go_to_the_front_clause() -> None:
    rows = rows_for(plan_extraction())
    issuer = next(o for o in rows.organization_mentions if o["key"] == "sac")
    assert issuer["clause_key"] == f"smart-city-plan#{FRONT_CLAUSE_ID}"
    assert rows.clauses[0]["end"] == PLAN_TEXT.index("1. General requirements")
    assert [i["key"] for i in rows.issuers] == ["sac"]


def test_every_edge_row_carries_complete_evidence() -> None:
    rows = rows_for(plan_extraction())
    edge_rows = [
        *rows.requirements,
        *rows.targets,
        *rows.standard_mentions,
        *rows.organization_mentions,
        *rows.domain_mentions,
        *rows.policy_refs,
        *rows.issuers,
    ]
    assert len(edge_rows) == 11
    for row in edge_rows:
        evidence = row["evidence"]
        assert set(evidence) == EVIDENCE_KEYS
        assert PLAN_TEXT[evidence["start"] : evidence["end"]] == evidence["surface"]
        assert evidence["extractor"] == EXTRACTOR


def test_dated_flag_separates_editions_from_works() -> None:
    rows = rows_for(plan_extraction())
    dated = {m["key"]: m["dated"] for m in rows.standard_mentions}
    assert dated == {"ISO 37120:2018": True, "ISO 37122": False, "ISO 99999": False}


def test_span_that_does_not_match_the_text_is_refused() -> None:
    extraction = plan_extraction()
    extraction["standards"][0]["start"] += 1
    with pytest.raises(PolicyDataError, match="does not match"):
        rows_for(extraction)


def test_unknown_parent_clause_is_refused() -> None:
    extraction = plan_extraction()
    extraction["clauses"][2]["parent"] = "9"
    with pytest.raises(PolicyDataError, match="unknown parent"):
        rows_for(extraction)


def test_document_that_is_a_known_policy_gets_its_key_and_drops_self_citation() -> None:
    rows = rows_for(outline_extraction(), OUTLINE_TEXT)
    assert rows.document["policy_key"] == "cn-national-standardization-development-outline-2021"
    assert rows.document["type"] == "outline"
    assert rows.policy_refs == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "National Standardization Development Outline",
            "cn-national-standardization-development-outline-2021",
        ),
        (
            "Notice on Issuing the 《National Standardization Development Program》",
            "cn-national-standardization-development-outline-2021",
        ),
        ("STANDARDIZATION LAW OF THE PEOPLE'S REPUBLIC OF CHINA", "cn-standardization-law"),
        ("Opinions on implementing the Standardization Law", None),
        ("Standardization Law implementation rules", None),
        ("Standardization Law 2017 revision", "cn-standardization-law"),
        ("Smart City Standardization Plan", None),
        ("", None),
    ],
)
def test_resolve_policy_key(title: str, expected: str | None) -> None:
    assert resolve_policy_key(title, POLICIES) == expected


@pytest.mark.parametrize("bad", ["", "a b", "a#b", "policy:x", "../etc", "-x", "x" * 201, "é"])
def test_malformed_document_ids_are_refused(bad: str) -> None:
    with pytest.raises(InvalidDocumentIdError):
        validate_doc_id(bad)


def test_checksum_is_of_the_text_not_the_extraction_claim() -> None:
    rows = rows_for(plan_extraction())
    assert rows.document["checksum"] == hashlib.sha256(PLAN_TEXT.encode()).hexdigest()


# ------------------------------------------------------------------ graph helpers


def graph_checksum(driver: Any) -> str:
    """A hash of every node and relationship with all properties (embeddings included)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, elementId(a) AS a, elementId(b) AS b, "
        "properties(r) AS props"
    )
    ids, _, _ = driver.execute_query(
        "MATCH (n) RETURN elementId(n) AS id, coalesce(n.key, n.id, n.code, n.ref, n.name) AS key"
    )
    key_of = {r["id"]: r["key"] for r in ids}
    node_rows = sorted(
        json.dumps([r["labels"], r["props"]], sort_keys=True, default=str) for r in nodes
    )
    rel_rows = sorted(
        json.dumps(
            [r["type"], key_of[r["a"]], key_of[r["b"]], r["props"]], sort_keys=True, default=str
        )
        for r in rels
    )
    return hashlib.sha256("\n".join(node_rows + rel_rows).encode()).hexdigest()


def counts(driver: Any) -> dict[str, int]:
    labels, _, _ = driver.execute_query(admin_queries.COUNT_BY_LABEL)
    types, _, _ = driver.execute_query(admin_queries.COUNT_BY_TYPE)
    return {**{r["label"]: r["count"] for r in labels}, **{r["type"]: r["count"] for r in types}}


def seed_catalogue(driver: Any) -> None:
    """A few catalogue-owned nodes, as the catalogue writer leaves them."""
    driver.execute_query(
        """
        UNWIND $rows AS row
        MERGE (s:Standard {key: row.key})
        SET s.work = row.work, s.status = row.status, s.published = row.published,
            s.ref = row.key, s.title = row.title, s.sources = ['iso.jsonl.gz']
        """,
        rows=[
            {
                "key": "ISO 37120:2018",
                "work": "ISO 37120",
                "status": "current",
                "published": "2018-07",
                "title": "Indicators for city services",
            },
            {
                "key": "ISO 37122:2019",
                "work": "ISO 37122",
                "status": "current",
                "published": "2019-05",
                "title": "Indicators for smart cities",
            },
            {
                "key": "ISO 37122:2014",
                "work": "ISO 37122",
                "status": "withdrawn",
                "published": "2014-01",
                "title": "Indicators for smart cities (old)",
            },
        ],
    )
    # the taxonomy's domains the sample plan's requirements fall in
    driver.execute_query(
        "UNWIND $domains AS d MERGE (n:Domain {key: d[0]}) SET n.name = d[1]",
        domains=[["smart-city", "Smart cities"], ["transport", "Urban transport and mobility"]],
    )


def ingest_plan(
    driver: Any, embedder: Any, text: str = PLAN_TEXT, doc_id: str = "smart-city-plan"
) -> Any:
    return write_policy_extraction(
        driver,
        plan_extraction(text, doc_id),
        text,
        extractor=EXTRACTOR,
        embed=embedder.embed,
        settings=current_settings(),
    )


def ingest_outline(driver: Any, embedder: Any, doc_id: str = "outline-en") -> Any:
    return write_policy_extraction(
        driver,
        outline_extraction(doc_id),
        OUTLINE_TEXT,
        extractor=EXTRACTOR,
        embed=embedder.embed,
        settings=current_settings(),
    )


# ------------------------------------------------------------------ graph: writing


@pytest.mark.neo4j
@pytest.mark.models
def test_ingest_writes_nodes_relationships_and_evidence(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    outcome = ingest_plan(clean_db, embedder)
    assert outcome.status == "ingested"
    found = counts(clean_db)
    assert found["Document"] == 2  # the plan and the stub of the outline it cites
    assert found["Clause"] == 5 and found["HAS_CLAUSE"] == 5 and found["PARENT"] == 2
    assert found["Requirement"] == 2 and found["RAISES"] == 2 and found["IN_DOMAIN"] == 2
    assert found["Target"] == 1 and found["SETS"] == 1
    assert found["MENTIONS"] == 3 and found["MENTIONS_ORG"] == 2 and found["ASSIGNS"] == 1
    assert found["ISSUED"] == 1 and found["ABOUT"] == 1 and found["REFERS_TO"] == 1

    records, _, _ = clean_db.execute_query(
        "MATCH ()-[r:RAISES|IN_DOMAIN|SETS|MENTIONS|MENTIONS_ORG|ASSIGNS|ISSUED|ABOUT|REFERS_TO]"
        "->() RETURN r.doc_id AS doc_id, r.clause AS clause, r.start AS start, r.end AS end, "
        "r.surface AS surface, r.extractor AS extractor"
    )
    assert len(records) == 14
    for record in records:
        assert record["doc_id"] == "smart-city-plan" and record["extractor"] == EXTRACTOR
        assert PLAN_TEXT[record["start"] : record["end"]] == record["surface"]
        assert record["clause"]

    records, _, _ = clean_db.execute_query(
        "MATCH (n) WHERE n:Clause OR n:Requirement RETURN size(n.embedding) AS dims"
    )
    assert {r["dims"] for r in records} == {384}
    document = clean_db.execute_query(
        "MATCH (d:Document {id: 'smart-city-plan'}) RETURN d"
    ).records[0]["d"]
    assert document["checksum"] == hashlib.sha256(PLAN_TEXT.encode()).hexdigest()
    assert document["extractor"] == EXTRACTOR and document["stub"] is False


@pytest.mark.neo4j
@pytest.mark.models
def test_mentions_resolve_to_catalogue_nodes(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    ingest_plan(clean_db, embedder)
    records, _, _ = clean_db.execute_query(
        "MATCH (:Clause)-[m:MENTIONS]->(s:Standard) "
        "RETURN m.surface AS surface, s.key AS key, m.resolved AS resolved, s.stub AS stub, "
        "s.status AS status ORDER BY surface"
    )
    found = {r["surface"]: (r["key"], r["resolved"], r["stub"], r["status"]) for r in records}
    assert found == {
        "ISO 37120:2018": ("ISO 37120:2018", "edition", None, "current"),
        "ISO 37122": ("ISO 37122:2019", "current", None, "current"),
        "ISO 99999": ("ISO 99999", "stub", True, "unknown"),
    }
    assert counts(clean_db)["Standard"] == 4  # three catalogue nodes + one placeholder
    records, _, _ = clean_db.execute_query(
        "MATCH (:Clause)-[a:ASSIGNS]->(o:Organization) RETURN o.key AS key, o.name AS name"
    )
    assert [(r["key"], r["name"]) for r in records] == [
        ("miit", "Ministry of Industry and Information Technology")
    ]
    records, _, _ = clean_db.execute_query(
        "MATCH (:Requirement)-[:IN_DOMAIN]->(d:Domain) RETURN DISTINCT d.key AS key, d.name AS name"
    )
    # the domain model (nlp.domain_model) reads "smart parking" as a transport topic
    assert {(r["key"], r["name"]) for r in records} == {
        ("smart-city", "Smart cities"),
        ("transport", "Urban transport and mobility"),
    }


@pytest.mark.neo4j
@pytest.mark.models
def test_placeholder_is_resolved_once_the_catalogue_has_the_work(
    clean_db: Any, embedder: Any
) -> None:
    ingest_plan(clean_db, embedder)  # no catalogue yet: both undated mentions are stubs
    assert counts(clean_db)["Standard"] == 3
    seed_catalogue(clean_db)  # the catalogue fills ISO 37120:2018 and brings ISO 37122:2019
    assert resolve_stub_mentions(clean_db) == 1
    records, _, _ = clean_db.execute_query(
        "MATCH (:Clause)-[m:MENTIONS]->(s:Standard) RETURN m.surface AS surface, s.key AS key, "
        "s.stub AS stub ORDER BY surface"
    )
    assert [(r["surface"], r["key"], r["stub"]) for r in records] == [
        ("ISO 37120:2018", "ISO 37120:2018", None),
        ("ISO 37122", "ISO 37122:2019", None),
        ("ISO 99999", "ISO 99999", True),
    ]
    assert (
        clean_db.execute_query(
            "MATCH (s:Standard {key: 'ISO 37122'}) RETURN count(s) AS n"
        ).records[0]["n"]
        == 0
    )


@pytest.mark.neo4j
@pytest.mark.models
def test_reingesting_unchanged_document_changes_nothing(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    ingest_plan(clean_db, embedder)
    before_counts, before_sum = counts(clean_db), graph_checksum(clean_db)

    def no_embedding(texts: Any) -> Any:
        raise AssertionError("an unchanged document must not be embedded again")

    again = write_policy_extraction(
        clean_db,
        plan_extraction(),
        PLAN_TEXT,
        extractor=EXTRACTOR,
        embed=no_embedding,
        settings=current_settings(),
    )
    assert again.status == "unchanged"
    assert counts(clean_db) == before_counts
    assert graph_checksum(clean_db) == before_sum


@pytest.mark.neo4j
@pytest.mark.models
def test_new_extractor_version_rewrites_to_the_same_graph(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    ingest_plan(clean_db, embedder)
    before = counts(clean_db)
    again = write_policy_extraction(
        clean_db,
        plan_extraction(),
        PLAN_TEXT,
        extractor="test-extractor-2",
        embed=embedder.embed,
        settings=current_settings(),
    )
    assert again.status == "replaced"
    assert counts(clean_db) == before
    records, _, _ = clean_db.execute_query(
        "MATCH ()-[r]->() WHERE r.extractor IS NOT NULL RETURN DISTINCT r.extractor AS v"
    )
    assert [r["v"] for r in records] == ["test-extractor-2"]


@pytest.mark.neo4j
@pytest.mark.models
def test_changed_text_replaces_the_old_contribution(clean_db: Any, embedder: Any) -> None:
    seed_catalogue(clean_db)
    ingest_plan(clean_db, embedder)
    changed = PLAN_TEXT.replace(" and ISO 99999", "").replace(
        "(2) Improve standards for the city brain, in line with the National Standardization "
        "Development Outline.\n",
        "(2) Promote pilots.\n",
    )
    outcome = ingest_plan(clean_db, embedder, changed)
    assert outcome.status == "replaced"
    found = counts(clean_db)
    assert found["Document"] == 1  # the outline stub is no longer cited, so it is gone
    assert found["Requirement"] == 1 and found["MENTIONS"] == 2 and found["Clause"] == 5
    assert "REFERS_TO" not in found
    assert found["Standard"] == 3  # the ISO 99999 placeholder went with its only mention
    records, _, _ = clean_db.execute_query(
        "MATCH ()-[r]->() WHERE r.doc_id IS NOT NULL RETURN r.start AS start, r.end AS end, "
        "r.surface AS surface"
    )
    for record in records:
        assert changed[record["start"] : record["end"]] == record["surface"]
    texts, _, _ = clean_db.execute_query("MATCH (c:Clause) RETURN c.text AS text")
    assert not any("city brain" in r["text"] for r in texts)


@pytest.mark.neo4j
@pytest.mark.models
def test_failed_write_keeps_the_old_version_and_a_rerun_resumes(
    clean_db: Any, embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_catalogue(clean_db)
    ingest_plan(clean_db, embedder)
    before_counts, before_sum = counts(clean_db), graph_checksum(clean_db)
    changed = PLAN_TEXT.replace("shall lead this work", "shall lead and coordinate this work")

    # the standards batch fails after clauses and requirements were already sent
    monkeypatch.setattr(
        policies_queries,
        "POLICY_WRITE_STANDARD_MENTIONS",
        "UNWIND $rows AS row RETURN 1 / 0 AS boom",
    )
    with pytest.raises(IngestError, match="previous state"):
        ingest_plan(clean_db, embedder, changed)
    assert counts(clean_db) == before_counts
    assert graph_checksum(clean_db) == before_sum

    monkeypatch.undo()
    assert ingest_plan(clean_db, embedder, changed).status == "replaced"
    assert counts(clean_db) == before_counts  # same shape, no duplicates
    records, _, _ = clean_db.execute_query(
        "MATCH ()-[m:MENTIONS]->() RETURN m.surface AS surface, m.start AS start"
    )
    assert {r["surface"]: r["start"] for r in records} == {
        ref: changed.index(ref) for ref in ("ISO 37120:2018", "ISO 37122", "ISO 99999")
    }
    assert graph_checksum(clean_db) != before_sum


@pytest.mark.neo4j
@pytest.mark.models
def test_cited_policy_and_its_ingested_document_meet(clean_db: Any, embedder: Any) -> None:
    ingest_plan(clean_db, embedder)
    stub = clean_db.execute_query(
        "MATCH (:Clause)-[:REFERS_TO]->(d:Document) RETURN d.id AS id, d.stub AS stub, "
        "d.title AS title"
    ).records
    assert [(r["id"], r["stub"]) for r in stub] == [
        ("policy:cn-national-standardization-development-outline-2021", True)
    ]
    assert stub[0]["title"] == "National Standardization Development Outline"

    assert ingest_outline(clean_db, embedder).status == "ingested"
    cited = clean_db.execute_query(
        "MATCH (c:Clause)-[r:REFERS_TO]->(d:Document) RETURN c.doc_id AS by, d.id AS id, "
        "d.stub AS stub, r.surface AS surface"
    ).records
    assert [(r["by"], r["id"], r["stub"]) for r in cited] == [
        ("smart-city-plan", "outline-en", False)
    ]
    assert cited[0]["surface"] == "National Standardization Development Outline"
    assert (
        clean_db.execute_query("MATCH (d:Document {stub: true}) RETURN count(d) AS n").records[0][
            "n"
        ]
        == 0
    )

    # a policy ingested after the outline links to it directly
    ingest_plan(clean_db, embedder, doc_id="smart-city-plan-copy")
    targets = clean_db.execute_query(
        "MATCH (:Clause)-[:REFERS_TO]->(d:Document) RETURN DISTINCT d.id AS id"
    ).records
    assert [r["id"] for r in targets] == ["outline-en"]


@pytest.mark.neo4j
@pytest.mark.models
def test_posted_texts_run_the_pipeline_and_are_keyed_by_title(clean_db: Any, embedder: Any) -> None:
    first = ingest_policy_text(
        clean_db,
        PLAN_TEXT,
        title="Smart City Plan",
        source="api",
        embed=embedder.embed,
        settings=current_settings(),
    )
    second = ingest_policy_text(
        clean_db, OUTLINE_TEXT, source="api", embed=embedder.embed, settings=current_settings()
    )
    assert first.doc_id == "smart-city-plan" and first.status == "ingested"
    assert second.doc_id not in ("api", first.doc_id)
    again = ingest_policy_text(
        clean_db,
        PLAN_TEXT,
        title="Smart City Plan",
        source="api",
        embed=embedder.embed,
        settings=current_settings(),
    )
    assert again.status == "unchanged"
    documents = clean_db.execute_query(
        "MATCH (d:Document) WHERE NOT coalesce(d.stub, false) RETURN d.id AS id, "
        "d.source AS source ORDER BY id"
    ).records
    assert [(r["id"], r["source"]) for r in documents] == sorted(
        [(first.doc_id, "api"), (second.doc_id, "api")]
    )
    # whatever the real pipeline found, every evidence span points into the stored text
    records, _, _ = clean_db.execute_query(
        "MATCH (d:Document {id: 'smart-city-plan'})-[:HAS_CLAUSE]->(:Clause)-[r]->() "
        "WHERE r.surface IS NOT NULL RETURN r.start AS start, r.end AS end, r.surface AS surface"
    )
    assert records
    for record in records:
        assert PLAN_TEXT[record["start"] : record["end"]] == record["surface"]


# ------------------------------------------------------------------ graph: bad input


@pytest.mark.neo4j
@pytest.mark.models
def test_bad_files_are_reported_and_leave_the_graph_unchanged(
    clean_db: Any, embedder: Any, tmp_path: Path
) -> None:
    pytest.importorskip("nlp.pipeline")
    seed_catalogue(clean_db)
    before_counts, before_sum = counts(clean_db), graph_checksum(clean_db)
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "c-latin1.txt").write_bytes(
        "Die Normung für Städte ist wichtig. ".encode("cp1252")
        + b"\x81\x8d\x8f\x90\x9d\xff\xfe" * 40
    )
    with (folder / "d-huge.txt").open("wb") as handle:
        handle.write(b"Develop standards for smart parking.\n" * (50 * 1024 * 1024 // 37 + 1))
    summary = ingest_policy_paths(
        clean_db,
        [folder, tmp_path / "missing.txt"],
        progress=False,
        embed=embedder.embed,
        settings=current_settings(),
    )
    failed = dict(summary.failures)
    assert summary.outcomes == []
    assert set(failed) == {
        str(folder / n) for n in ("a-empty.txt", "b-binary.txt", "c-latin1.txt", "d-huge.txt")
    } | {str(tmp_path / "missing.txt")}
    assert "MB" in failed[str(folder / "d-huge.txt")]
    assert all(reason for reason in failed.values())
    assert counts(clean_db) == before_counts
    assert graph_checksum(clean_db) == before_sum


@pytest.mark.neo4j
@pytest.mark.models
def test_good_file_after_bad_ones_is_still_ingested(
    clean_db: Any, embedder: Any, tmp_path: Path
) -> None:
    pytest.importorskip("nlp.pipeline")
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-plan.txt").write_text(PLAN_TEXT, encoding="utf-8")
    summary = ingest_policy_paths(
        clean_db, [tmp_path], progress=False, embed=embedder.embed, settings=current_settings()
    )
    assert [o.status for o in summary.outcomes] == ["ingested"]
    assert [Path(s).name for s, _ in summary.failures] == ["a-empty.txt"]
    assert "1 ingested" in summary.describe() and "1 failed" in summary.describe()
    again = ingest_policy_paths(
        clean_db,
        [tmp_path / "b-plan.txt"],
        progress=False,
        embed=embedder.embed,
        settings=current_settings(),
    )
    assert [o.status for o in again.outcomes] == ["unchanged"]


@pytest.mark.models
def test_unreachable_server_is_a_per_file_failure(tmp_path: Path) -> None:
    import neo4j

    driver = neo4j.GraphDatabase.driver(
        "bolt://127.0.0.1:9", auth=("neo4j", "wrong"), connection_timeout=1.0
    )
    (tmp_path / "plan.txt").write_text(PLAN_TEXT, encoding="utf-8")
    try:
        summary = ingest_policy_paths(
            driver,
            [tmp_path],
            progress=False,
            embed=lambda texts: [[0.0] * 384 for _ in texts],
            settings=current_settings(),
        )
    finally:
        driver.close()
    assert summary.outcomes == []
    assert len(summary.failures) == 1 and "cannot read the graph" in summary.failures[0][1]


@pytest.mark.neo4j
def test_bad_text_is_refused_before_anything_is_written(clean_db: Any) -> None:
    for bad in ("", "   \n", "abc\x00def"):
        with pytest.raises(InputError):
            ingest_policy_text(clean_db, bad, doc_id="x", settings=current_settings())
    with pytest.raises(InputError, match="MB"):
        ingest_policy_text(
            clean_db, "a" * (MAX_POLICY_BYTES + 1), doc_id="x", settings=current_settings()
        )
    with pytest.raises(InvalidDocumentIdError):
        ingest_policy_text(clean_db, PLAN_TEXT, doc_id="bad id", settings=current_settings())
    assert counts(clean_db) == {}
