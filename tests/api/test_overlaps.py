"""Overlaps: pair de-duplication and reasons (pure), and ``GET /overlaps`` for each kind on a
small hand-made graph in the real Neo4j with real embeddings."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest

from analysis.gaps import GapAnalysisInputError
from analysis.models import OverlapKind
from analysis.overlaps import (
    STANDARD_OVERLAP_THRESHOLD,
    OverlapService,
    check_seeds,
    check_threshold,
    dedupe_pairs,
    standard_reason,
)

# --------------------------------------------------------------------------- pure logic


def test_dedupe_keeps_each_unordered_pair_once_with_best_score() -> None:
    rows = [
        {"a": {"key": "x"}, "b": {"key": "y"}, "score": 0.86},
        {"a": {"key": "y"}, "b": {"key": "x"}, "score": 0.88},
        {"a": {"key": "x"}, "b": {"key": "z"}, "score": 0.90},
    ]
    kept = dedupe_pairs(rows)
    assert [(r["a"]["key"], r["b"]["key"], r["score"]) for r in kept] == [
        ("x", "z", 0.90),
        ("y", "x", 0.88),
    ]


def test_standard_reason_names_publishers_ics_and_domain() -> None:
    reason = standard_reason(
        0.912,
        0.85,
        {"publisher": "ISO", "committee": "ISO/TC 268"},
        {"publisher": "ITU", "committee": "ITU-T SG20"},
        ["13.020.20"],
        ["smart-city"],
    )
    assert "0.91 >= 0.85" in reason
    assert "different publishers (ISO vs ITU)" in reason
    assert "shared ICS 13.020.20" in reason and "same domain smart-city" in reason


def test_standard_reason_same_publisher_names_committees() -> None:
    reason = standard_reason(
        0.9, 0.85, {"publisher": "ISO", "committee": "ISO/TC 268"},
        {"publisher": "ISO", "committee": "ISO/TC 292"}, [], [],
    )  # fmt: skip
    assert "different committees (ISO/TC 268 vs ISO/TC 292)" in reason


def test_threshold_and_seed_validation() -> None:
    assert check_threshold(None, OverlapKind.standards) == STANDARD_OVERLAP_THRESHOLD
    assert check_threshold(None, OverlapKind.assignments) is None
    for bad in (0.0, -0.1, 1.5):
        with pytest.raises(GapAnalysisInputError, match="threshold"):
            check_threshold(bad, OverlapKind.standards)
    with pytest.raises(GapAnalysisInputError, match="seeds"):
        check_seeds(0)


def test_unknown_kind_is_an_input_error() -> None:
    class NoGraph:
        def read(self, query: str, parameters: Any = None) -> list[dict]:
            raise AssertionError("must not query")

    with pytest.raises(GapAnalysisInputError, match="unknown overlap kind"):
        OverlapService(NoGraph()).report("everything")


# --------------------------------------------------------------------------- graph

# (key, publisher, committee, title, ics, status)
STANDARDS = [
    ("ISO 37120:2018", "ISO", "ISO/TC 268",
     "Sustainable cities and communities - Indicators for city services and quality of life",
     ["13.020.20"], "current"),
    ("ITU-T Y.9999", "ITU", "ITU-T SG20",
     "Indicators for city services and quality of life in sustainable cities",
     ["13.020.20"], "current"),
    # same work, older edition: an edition, not an overlap
    ("ISO 37120:2014", "ISO", "ISO/TC 268",
     "Sustainable development of communities - Indicators for city services and quality of life",
     ["13.020.20"], "current"),
    # same publisher and committee, similar: a series, not an overlap
    ("ITU-T Y.4903", "ITU", "ITU-T SG20",
     "Key performance indicators for smart sustainable cities to assess the achievement of "
     "sustainable development goals", [], "current"),
    ("ITU-T Y.4901", "ITU", "ITU-T SG20",
     "Key performance indicators related to the use of information and communication "
     "technology in smart sustainable cities", [], "current"),
    # near-identical but withdrawn: never an overlap
    ("ETSI TS 000 1", "ETSI", "ETSI SmartM2M",
     "Indicators for city services and quality of life", [], "withdrawn"),
    ("ISO 1419:2018", "ISO", "ISO/TC 45",
     "Rubber- or plastics-coated fabrics - Accelerated-ageing tests", [], "current"),
    # one text published by two bodies (the ingest links them with COMMON_TEXT)
    ("ISO/IEC 9594-8:2020", "ISO/IEC", "ISO/IEC JTC 1/SC 6",
     "Information technology - Open systems interconnection - Part 8: The Directory: "
     "Public-key and attribute certificate frameworks", ["35.100.70"], "current"),
    ("ITU-T X.509", "ITU-T", "ITU-T SG17",
     "Information technology - Open Systems Interconnection - The Directory: Public-key and "
     "attribute certificate frameworks", [], "current"),
]  # fmt: skip

# (doc, key, topic)
REQUIREMENTS = [
    ("plan-a", "plan-a#0-18", "urban digital twin"),
    ("plan-b", "plan-b#0-27", "urban digital twin platform"),
    ("plan-a", "plan-a#40-51", "fire safety"),
    ("plan-a", "plan-a#60-77", "city digital twin"),  # same document: not an overlap
]


def build_fixture_graph(driver: Any, database: str, embedder: Any) -> None:
    from graph.queries.schema import index_statements
    from nlp.embedder import EMBEDDING_DIMENSIONS

    INDEXES = index_statements(EMBEDDING_DIMENSIONS)

    standard_vectors = embedder.embed([f"{s[0]}. {s[3]}" for s in STANDARDS])
    requirement_vectors = embedder.embed([r[2] for r in REQUIREMENTS])
    with driver.session(database=database) as session:
        for name in ("standard_embedding", "requirement_embedding"):
            session.run(INDEXES[name]).consume()
        session.run(
            """MERGE (city:Domain {key: 'smart-city'}) SET city.name = 'Smart city'
               MERGE (:Domain {key: 'emergency'})"""
        ).consume()
        session.run(
            """UNWIND $rows AS row
            CREATE (s:Standard {key: row.key, ref: row.key, title: row.title,
                                work: split(row.key, ':')[0], publisher: row.publisher,
                                committee: row.committee, ics: row.ics, status: row.status,
                                embedding: row.vector})
            WITH s, row WHERE row.publisher <> 'ISO' OR row.key STARTS WITH 'ISO 3712'
            MATCH (d:Domain {key: 'smart-city'}) CREATE (s)-[:IN_DOMAIN]->(d)""",
            rows=[
                {"key": k, "publisher": p, "committee": c, "title": t, "ics": i, "status": st,
                 "vector": v}
                for (k, p, c, t, i, st), v in zip(STANDARDS, standard_vectors, strict=True)
            ],
        ).consume()  # fmt: skip
        session.run(
            """MATCH (a:Standard {key: 'ISO/IEC 9594-8:2020'}), (b:Standard {key: 'ITU-T X.509'})
            CREATE (a)-[:COMMON_TEXT {via: ['title'], evidence: []}]->(b)"""
        ).consume()
        session.run(
            """UNWIND $rows AS row
            CREATE (r:Requirement {key: row.key, doc_id: row.doc, topic: row.topic,
                                   surface: row.topic, start: 0, end: size(row.topic),
                                   embedding: row.vector})""",
            rows=[
                {"doc": d, "key": k, "topic": t, "vector": v}
                for (d, k, t), v in zip(REQUIREMENTS, requirement_vectors, strict=True)
            ],
        ).consume()
        session.run(
            """MERGE (miit:Organization {key: 'miit'}) SET miit.name = 'MIIT'
               MERGE (mohurd:Organization {key: 'mohurd'}) SET mohurd.name = 'MOHURD'
               MERGE (mem:Organization {key: 'mem'}) SET mem.name = 'MEM'
               WITH miit, mohurd, mem
               MATCH (city:Domain {key: 'smart-city'}), (emergency:Domain {key: 'emergency'})
               CREATE (c1:Clause {key: 'plan-a#3', doc_id: 'plan-a'})-[:ABOUT]->(city)
               CREATE (c2:Clause {key: 'plan-b#7', doc_id: 'plan-b'})-[:ABOUT]->(city)
               CREATE (c3:Clause {key: 'plan-a#8', doc_id: 'plan-a'})-[:ABOUT]->(emergency)
               CREATE (c1)-[:ASSIGNS {surface: 'Ministry of Industry', start: 10, end: 30}]->(miit)
               CREATE (c2)-[:ASSIGNS {surface: 'housing department', start: 5, end: 23}]->(mohurd)
               CREATE (c3)-[:ASSIGNS {surface: 'emergency department', start: 1, end: 21}]->(mem)
            """
        ).consume()
        session.run("CALL db.awaitIndexes(60)").consume()


@pytest.fixture
def client(clean_db: Any, neo4j_settings: Any, embedder: Any) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from api.main import create_app

    build_fixture_graph(clean_db, neo4j_settings.neo4j_database, embedder)
    app = create_app(neo4j_settings, driver=clean_db, embedder=embedder)
    with TestClient(app) as test_client:
        yield test_client


@pytest.mark.neo4j
@pytest.mark.models
def test_overlapping_standards_across_publishers_only(client: Any) -> None:
    response = client.get("/overlaps", params={"kind": "standards", "threshold": 0.8})
    assert response.status_code == 200, response.text
    body = response.json()
    pairs = {frozenset((p["a"]["key"], p["b"]["key"])): p for p in body["pairs"]}
    iso_itu = frozenset(("ISO 37120:2018", "ITU-T Y.9999"))
    assert iso_itu in pairs
    pair = pairs[iso_itu]
    assert pair["score"] >= 0.8
    assert pair["shared_ics"] == ["13.020.20"] and pair["shared_domains"] == ["smart-city"]
    assert "different publishers" in pair["reason"] and "shared ICS 13.020.20" in pair["reason"]
    # editions of one work, one committee's series, withdrawn standards: never overlaps
    assert frozenset(("ISO 37120:2018", "ISO 37120:2014")) not in pairs
    assert frozenset(("ITU-T Y.4903", "ITU-T Y.4901")) not in pairs
    assert not any("ETSI TS 000 1" in key for key in map(" ".join, pairs))
    assert len(body["pairs"]) == len(pairs)  # each pair once
    assert body["searched"] == 7  # current, embedded, domain-linked standards
    # a common text comes first, as one pair, with its relation and the reason in words
    first = body["pairs"][0]
    assert {first["a"]["key"], first["b"]["key"]} == {"ISO/IEC 9594-8:2020", "ITU-T X.509"}
    assert first["relation"] == "common-text" and "identical title" in first["reason"]
    assert first["score"] is not None and first["score"] > 0.5
    assert pair["relation"] == "near-duplicate"


@pytest.mark.neo4j
@pytest.mark.models
def test_overlaps_by_relation(client: Any) -> None:
    common = client.get("/overlaps", params={"kind": "standards", "relation": "common-text"}).json()
    assert [p["relation"] for p in common["pairs"]] == ["common-text"]
    near = client.get(
        "/overlaps", params={"kind": "standards", "relation": "near-duplicate", "threshold": 0.8}
    ).json()
    assert near["pairs"] and {p["relation"] for p in near["pairs"]} == {"near-duplicate"}
    bad = client.get("/overlaps", params={"kind": "standards", "relation": "twins"})
    assert bad.status_code == 422


@pytest.mark.neo4j
@pytest.mark.models
def test_overlapping_standards_respect_threshold_and_domain(client: Any) -> None:
    body = client.get("/overlaps", params={"kind": "standards", "threshold": 0.99}).json()
    # the threshold bounds near-duplicates; a common text is one text whatever its score
    assert [p["relation"] for p in body["pairs"]] == ["common-text"]
    body = client.get("/overlaps", params={"kind": "standards", "domain": "emergency"}).json()
    assert body["pairs"] == [] and body["searched"] == 0


@pytest.mark.neo4j
@pytest.mark.models
def test_requirements_demanded_by_several_policies(client: Any) -> None:
    body = client.get("/overlaps", params={"kind": "requirements"}).json()
    found = {frozenset((p["a"]["label"], p["b"]["label"])) for p in body["pairs"]}
    assert frozenset(("urban digital twin", "urban digital twin platform")) in found
    assert frozenset(("city digital twin", "urban digital twin platform")) in found
    # the two twins of plan-a are one policy repeating itself, not an overlap
    assert frozenset(("urban digital twin", "city digital twin")) not in found
    assert all(p["a"]["document"] != p["b"]["document"] for p in body["pairs"])
    assert all("demanded by" in p["reason"] for p in body["pairs"])


@pytest.mark.neo4j
@pytest.mark.models
def test_domains_assigned_to_several_departments(client: Any) -> None:
    body = client.get("/overlaps", params={"kind": "assignments"}).json()
    assert [a["domain"] for a in body["assignments"]] == ["smart-city"]
    item = body["assignments"][0]
    assert item["departments"] == ["MIIT", "MOHURD"]
    assert {e["surface"] for e in item["evidence"]} == {
        "Ministry of Industry",
        "housing department",
    }
    assert all(e["document"] and e["clause"] for e in item["evidence"])


@pytest.mark.neo4j
@pytest.mark.models
def test_overlap_formats_and_bad_input(client: Any) -> None:
    response = client.get("/overlaps", params={"kind": "standards", "threshold": 0.8,
                                               "format": "csv"})  # fmt: skip
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"a", "b", "score", "reason"} <= set(rows[0])
    response = client.get("/overlaps", params={"kind": "assignments", "format": "md"})
    assert response.headers["content-type"].startswith("text/markdown")
    assert "| Domain | Departments | Evidence |" in response.text

    assert client.get("/overlaps", params={"kind": "everything"}).status_code == 422
    assert client.get("/overlaps").status_code == 422
    assert client.get("/overlaps", params={"kind": "standards", "threshold": 2}).status_code == 422
    assert client.get("/overlaps", params={"kind": "standards", "seeds": 0}).status_code == 422
    assert client.get("/overlaps", params={"kind": "standards", "domain": "x y"}).status_code == 422


@pytest.mark.neo4j
def test_seeds_beyond_the_public_budget_need_the_key(client: Any) -> None:
    """Issue 11 #6: ``seeds=20000`` used to cost minutes of index searches for anyone."""
    from api.routers.overlaps import PUBLIC_MAX_SEEDS

    big = {"kind": "standards", "seeds": 20000}
    anonymous = client.get("/overlaps", params=big)
    assert anonymous.status_code == 401
    assert str(PUBLIC_MAX_SEEDS) in anonymous.json()["detail"]
    assert "X-API-Key" in anonymous.json()["detail"]
    wrong = client.get("/overlaps", params=big, headers={"X-API-Key": "nope"})
    assert wrong.status_code == 403
    key = {"X-API-Key": client.app.state.api_key}
    assert client.get("/overlaps", params=big, headers=key).status_code == 200
    public = {"kind": "standards", "seeds": PUBLIC_MAX_SEEDS}
    assert client.get("/overlaps", params=public).status_code == 200
    assert client.get("/overlaps", params={"kind": "standards"}).status_code == 200


def test_overlap_limits_are_documented() -> None:
    from pathlib import Path

    from analysis.overlaps import MAX_SEEDS
    from api.routers.overlaps import PUBLIC_MAX_SEEDS

    docs = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    limits = docs[docs.index("## Limits") :]
    assert f"`seeds` ≤ {PUBLIC_MAX_SEEDS}" in limits and f"up to {MAX_SEEDS}" in limits
