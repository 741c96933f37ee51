"""Catalogue ingestion against the real Neo4j: counts, the ISO/IEC merge, relations, citation
resolution, domains, idempotency (counts + content checksum + zero writes), replacement of a
changed record, resuming an interrupted load, malformed rows. Inputs are tiny synthetic JSONL
files shaped like the shared catalogues, written to tmp_path at test time."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph.ingest_catalog import IngestSummary, ingest_catalog
from graph.schema import ensure_schema, index_states
from graph.writer import graph_fingerprint
from nlp.embedder import EMBEDDING_DIMENSIONS
from stdkg.config import Settings

pytestmark = pytest.mark.neo4j


def iso_row(ref: str, *, stage: str = "60", substage: str = "60", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "reference": ref,
        "title_en": f"Title of {ref}",
        "abstract_en": None,
        "doctype": "international-standard",
        "edition": "1",
        "stage": stage,
        "substage": substage,
        "date_published": "2019-01",
        "ics": None,
        "technical_committee": None,
        "relations": None,
        "url": None,
    }
    row.update(extra)
    return row


ISO_ROWS = [
    iso_row(
        "ISO 37120:2014",
        stage="95",
        substage="99",
        relations=[{"type": "updates", "target": "ISO 37120:2018"}],
        technical_committee=[["ISO/TC 268", "Sustainable cities and communities"]],
    ),
    iso_row(
        "ISO 37120:2018",
        stage="90",
        substage="93",
        abstract_en="It follows ISO 37101 and complements ISO 37122:2019 and ISO 9999:2001.",
        ics=[{"code": "13.020.20", "text": "Sustainability"}],
        technical_committee=[["ISO/TC 268", "Sustainable cities and communities"]],
        relations=[{"type": "obsoletes", "target": "ISO 37120:2014"}],
    ),
    iso_row(
        "ISO 37101:2016",
        stage="90",
        substage="93",
        ics=[{"code": "13.020.20", "text": "Sustainability"}],
        technical_committee=[["ISO/TC 268", "Sustainable cities and communities"]],
    ),
    iso_row("ISO 37122:2019", ics=[{"code": "13.020.20", "text": "Sustainability"}]),
    iso_row(
        "ISO/IEC 30146:2019",
        title_en="Smart city ICT indicators",
        ics=[{"code": "35.240.99", "text": "IT in other fields"}],
        technical_committee=[["ISO/IEC JTC 1/SC 41", "IoT and digital twin"]],
    ),
    iso_row("ISO/IEC 10021-1:1990", stage="95", substage="99"),
    iso_row("ISO/IEC 10021-1:1990/Amd 1:1994", stage="95", substage="99"),
]
IEC_ROWS = [
    {
        "reference": "ISO/IEC 30146:2019",
        "title_en": "Smart city ICT indicators",
        "abstract_en": "Gives indicators.",
        "doctype": "international-standard",
        "edition": "1",
        "stage": "PUBLISHED",
        "date_published": "2019-12-01",
        "ics": [{"code": "35.240.99", "text": "x"}],
        "technical_committee": ["ISO/IEC JTC 1/SC 41"],
        "url": "https://webstore.iec.ch/publication/1",
    },
    {
        "reference": "ISO/IEC 10021-1:1990/AMD1:1994",
        "title_en": "MHS amendment",
        "doctype": "international-standard",
        "stage": "REVISED",
        "technical_committee": ["ISO/IEC JTC 1/SC 6"],
    },
    {
        "reference": "IEC 61850-1:2013",
        "title_en": "Communication networks",
        "stage": "PUBLISHED",
        "technical_committee": ["IEC TC 57"],
    },
    {
        "reference": "IEC 61850-1:2013 RLV",
        "title_en": "Communication networks (redline)",
        "stage": "PUBLISHED",
        "technical_committee": ["IEC TC 57"],
    },
]
ITU_ROWS = [
    {
        "reference": "ITU-T Y.4903/L.1603 (10/2016)",
        "title_en": "KPIs for SSC",
        "status": "Withdrawal",
        "date_published": "2016-10-07",
        "committee": ["ITU-T Study Group 20"],
        "doctype": "recommendation",
    },
    {
        "reference": "ITU-T Y.4903 (03/2022)",
        "title_en": "KPIs for SSC",
        "status": "Published",
        "date_published": "2022-03-09",
        "committee": ["ITU-T Study Group 20"],
        "doctype": "recommendation",
    },
    {
        "reference": "ITU-T Y.4904 (12/2019)",
        "title_en": "Smart sustainable cities maturity",
        "abstract_en": "Complements Recommendation ITU-T Y.4903.",
        "status": "Published",
        "date_published": "2019-12-14",
        "committee": ["ITU-T Study Group 20"],
    },
]
ETSI_ROWS = [
    {
        "reference": "ETSI GS CIM 009 V1.1.1 (2019-01)",
        "title_en": "NGSI-LD API",
        "abstract_en": "Context information.",
        "doctype": "Group Specification",
        "date_published": "2019-01",
        "technical_committee": ["cross-cutting Context Information Management"],
        "keywords": ["API"],
    },
    {
        "reference": "ETSI GS CIM 009 V1.6.1 (2022-08)",
        "title_en": "NGSI-LD API",
        "abstract_en": "Context information.",
        "doctype": "Group Specification",
        "date_published": "2022-08",
        "technical_committee": ["cross-cutting Context Information Management"],
        "keywords": ["API"],
    },
]
EXPECTED_STANDARDS = (
    7 + 1 + 3 + 2
)  # IEC's 30146, AMD1 spelling and RLV copy merge into ISO/IEC nodes


def write_catalog(folder: Path, name: str, rows: list[Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(text)
    return path


@pytest.fixture
def catalogs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "standards"
    return [
        write_catalog(folder, "iso.jsonl.gz", ISO_ROWS),
        write_catalog(folder, "iec.jsonl.gz", IEC_ROWS),
        write_catalog(folder, "itu.jsonl.gz", ITU_ROWS),
        write_catalog(folder, "etsi.jsonl.gz", ETSI_ROWS),
    ]


def load(
    driver: neo4j.Driver,
    settings: Settings,
    paths: list[Path],
    **options: Any,
) -> IngestSummary:
    options.setdefault("embed", False)
    return ingest_catalog(driver, paths, settings=settings, progress=False, **options)


def query(driver: neo4j.Driver, text: str, **parameters: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(text, parameters)
    return [record.data() for record in records]


def standard(driver: neo4j.Driver, key: str) -> dict[str, Any]:
    rows = query(
        driver, "MATCH (s:Standard {key: $key}) RETURN s {.*, embedding: null} AS s", key=key
    )
    assert len(rows) == 1, f"expected one Standard {key!r}, found {len(rows)}"
    return rows[0]["s"]


def test_schema_indexes_are_online(clean_db: neo4j.Driver) -> None:
    ensure_schema(clean_db, dimensions=EMBEDDING_DIMENSIONS)
    states = index_states(clean_db)
    for name in (
        "standard_embedding",
        "standard_text",
        "clause_embedding",
        "clause_text",
        "requirement_embedding",
        "requirement_text",
        "standard_work",
        "standard_status",
        "standard_key",
    ):
        assert states[name] == "ONLINE", name


def test_counts_and_joint_publication_merge(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path]
) -> None:
    summary = load(clean_db, neo4j_settings, catalogs)
    assert summary.read == len(ISO_ROWS) + len(IEC_ROWS) + len(ITU_ROWS) + len(ETSI_ROWS)
    assert summary.created == EXPECTED_STANDARDS
    assert not summary.skipped
    assert query(clean_db, "MATCH (s:Standard) RETURN count(s) AS n")[0]["n"] == EXPECTED_STANDARDS
    joint = standard(clean_db, "ISO/IEC 30146:2019")
    assert sorted(joint["sources"]) == ["iec.jsonl.gz", "iso.jsonl.gz"]
    assert joint["status"] == "current"
    assert joint["abstract"] == "Gives indicators."  # filled from the IEC copy
    amendment = standard(clean_db, "ISO/IEC 10021-1:1990/Amd 1:1994")
    assert sorted(amendment["aliases"]) == [
        "ISO/IEC 10021-1:1990/AMD1:1994",
        "ISO/IEC 10021-1:1990/Amd 1:1994",
    ]
    redline = standard(clean_db, "IEC 61850-1:2013")
    assert redline["title"] == "Communication networks"  # the plain copy wins over RLV
    assert sorted(redline["aliases"]) == ["IEC 61850-1:2013", "IEC 61850-1:2013 RLV"]
    publishers = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO/IEC 30146:2019'})"
        "-[:PUBLISHED_BY]->(p) RETURN p.name AS name ORDER BY name",
    )
    assert [p["name"] for p in publishers] == ["IEC", "ISO"]
    owners = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO/IEC 30146:2019'})-[r:OWNED_BY]->(c) "
        "RETURN c.ref AS ref, size(r.origins) AS origins",
    )
    assert owners == [{"ref": "ISO/IEC JTC 1/SC 41", "origins": 2}]


def test_relations_editions_and_statuses(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path]
) -> None:
    summary = load(clean_db, neo4j_settings, catalogs)
    assert summary.links["REPLACES"] >= 2
    edges = query(
        clean_db,
        "MATCH (a:Standard)-[r:REPLACES|AMENDS]->(b:Standard) "
        "RETURN a.key AS a, type(r) AS type, b.key AS b ORDER BY a, type, b",
    )
    pairs = {(e["a"], e["type"], e["b"]) for e in edges}
    assert ("ISO 37120:2018", "REPLACES", "ISO 37120:2014") in pairs
    assert ("ISO/IEC 10021-1:1990/Amd 1:1994", "AMENDS", "ISO/IEC 10021-1:1990") in pairs
    new_itu = standard(clean_db, "ITU-T Y.4903 (03/2022)")
    old_itu = [
        s
        for s in query(
            clean_db,
            "MATCH (s:Standard) WHERE s.ref STARTS WITH 'ITU-T Y.4903/L.1603' RETURN s.key AS key",
        )
    ]
    assert new_itu["status"] == "current" and len(old_itu) == 1
    # both ISO rows assert the same edition change: one edge, two origins
    origins = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO 37120:2018'})-[r:REPLACES]->"
        "(:Standard {key: 'ISO 37120:2014'}) RETURN r.origins AS o",
    )
    assert len(origins) == 1 and len(origins[0]["o"]) == 2
    etsi = query(
        clean_db,
        "MATCH (s:Standard) WHERE s.work = 'ETSI GS CIM 009' "
        "RETURN s.version AS v, s.status AS status ORDER BY v",
    )
    assert etsi == [{"v": "V1.1.1", "status": "withdrawn"}, {"v": "V1.6.1", "status": "current"}]
    chained = query(
        clean_db,
        "MATCH (a:Standard)-[:REPLACES]->(b:Standard) "
        "WHERE a.work = 'ETSI GS CIM 009' RETURN a.version AS a, b.version AS b",
    )
    assert chained == [{"a": "V1.6.1", "b": "V1.1.1"}]


def test_citations_resolve_to_edition_or_current(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path]
) -> None:
    load(clean_db, neo4j_settings, catalogs)
    cites = query(
        clean_db,
        "MATCH (a:Standard)-[r:CITES]->(b:Standard) RETURN a.key AS a, "
        "b.key AS b, r.resolved AS resolved, r.surface AS surface ORDER BY a, b",
    )
    assert {
        "a": "ISO 37120:2018",
        "b": "ISO 37122:2019",
        "resolved": "edition",
        "surface": "ISO 37122:2019",
    } in cites
    assert {
        "a": "ISO 37120:2018",
        "b": "ISO 37101:2016",
        "resolved": "current",
        "surface": "ISO 37101",
    } in cites
    itu = [c for c in cites if c["a"].startswith("ITU-T Y.4904")]
    assert [c["b"] for c in itu] == ["ITU-T Y.4903 (03/2022)"]
    assert itu[0]["resolved"] == "current"
    # a cited edition that is not in the catalogue is kept as a Reference outside it, never
    # as a Standard
    assert not [c for c in cites if c["b"].startswith("ISO 9999")]
    assert (
        query(
            clean_db, "MATCH (s:Standard) WHERE s.key STARTS WITH 'ISO 9999' RETURN count(s) AS n"
        )[0]["n"]
        == 0
    )
    outside = query(
        clean_db,
        "MATCH (a:Standard)-[r:CITES]->(x:Reference) WHERE x.key STARTS WITH 'ISO 9999' "
        "RETURN a.key AS a, x.in_catalogue AS in_catalogue, r.resolved AS resolved",
    )
    assert outside and all(
        row["in_catalogue"] is False and row["resolved"] == "outside" for row in outside
    )


def test_domains_from_ics_committee_and_text(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path]
) -> None:
    load(clean_db, neo4j_settings, catalogs)
    rows = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO/IEC 30146:2019'})-[r:IN_DOMAIN]->"
        "(d:Domain {key: 'smart-city'}) RETURN r.via AS via, r.score AS score",
    )
    assert len(rows) == 1
    assert {"ics", "committee", "text"} <= set(rows[0]["via"])
    via_committee = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO 37101:2016'})-[r:IN_DOMAIN]->"
        "(d:Domain {key: 'sustainable-development'}) RETURN r.via AS via",
    )
    assert via_committee and "committee" in via_committee[0]["via"]


def test_rerun_on_unchanged_input_changes_nothing(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path]
) -> None:
    load(clean_db, neo4j_settings, catalogs)
    before = graph_fingerprint(clean_db)
    again = load(clean_db, neo4j_settings, catalogs)
    after = graph_fingerprint(clean_db)
    assert (again.created, again.updated) == (0, 0)
    assert again.unchanged == again.read
    assert again.counters.writes == 0
    assert after == before
    assert before[0] > EXPECTED_STANDARDS and before[1] > 0


def test_changed_record_replaces_its_contribution(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path], tmp_path: Path
) -> None:
    load(clean_db, neo4j_settings, catalogs)
    changed = [dict(row) for row in ISO_ROWS]
    changed[2] = iso_row(
        "ISO 37101:2016",
        stage="90",
        substage="93",
        title_en="Sustainable development in communities",
        ics=[{"code": "91.020", "text": "Physical planning"}],
        technical_committee=[["ISO/TC 268/SC 1", "Smart infrastructure"]],
    )
    path = write_catalog(tmp_path / "v2", "iso.jsonl.gz", changed)
    summary = load(clean_db, neo4j_settings, [path])
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, len(ISO_ROWS) - 1)
    node = standard(clean_db, "ISO 37101:2016")
    assert node["title"] == "Sustainable development in communities"
    assert node["committee"] == "ISO/TC 268/SC 1"
    ics = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO 37101:2016'})-[:CLASSIFIED_AS]->(i) RETURN i.code AS code",
    )
    assert ics == [{"code": "91.020"}]
    owners = query(
        clean_db, "MATCH (:Standard {key: 'ISO 37101:2016'})-[:OWNED_BY]->(c) RETURN c.ref AS ref"
    )
    assert owners == [{"ref": "ISO/TC 268/SC 1"}]


def test_interrupted_load_resumes_without_duplicates(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path], tmp_path: Path
) -> None:
    load(clean_db, neo4j_settings, catalogs)
    full = graph_fingerprint(clean_db)
    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    half = write_catalog(tmp_path / "half", "iso.jsonl.gz", ISO_ROWS[: len(ISO_ROWS) // 2])
    load(clean_db, neo4j_settings, [half, catalogs[1]], batch_size=2)
    # a crash between writing nodes and linking them leaves links pending: simulate it
    clean_db.execute_query("MATCH (s:Standard) SET s.links_pending = true")
    clean_db.execute_query("MATCH (:Standard)-[r:CITES|IN_DOMAIN]->() DELETE r")
    resumed = load(clean_db, neo4j_settings, catalogs, batch_size=3)
    assert resumed.unchanged > 0
    assert (
        query(clean_db, "MATCH (s:Standard) WHERE s.links_pending RETURN count(s) AS n")[0]["n"]
        == 0
    )
    assert graph_fingerprint(clean_db) == full


def test_malformed_rows_are_skipped_with_line_numbers(
    clean_db: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    rows: list[Any] = [
        ISO_ROWS[1],
        "{broken json",
        {"title_en": "no reference"},
        iso_row("not an identifier at all"),
        ISO_ROWS[2],
    ]
    path = write_catalog(tmp_path, "iso.jsonl.gz", rows)
    summary = load(clean_db, neo4j_settings, [path])
    assert summary.created == 2
    assert sum(summary.skipped.values()) == 3
    assert [example.split(":")[1] for example in summary.skipped_examples] == ["2", "3", "4"]
    assert any("bad JSON" in line for line in summary.lines())
    assert query(clean_db, "MATCH (s:Standard) RETURN count(s) AS n")[0]["n"] == 2


@pytest.mark.models
def test_embeddings_are_set_indexed_and_cached(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path], tmp_path: Path
) -> None:
    settings = neo4j_settings.model_copy(update={"home": tmp_path / "home"})
    first = load(clean_db, settings, catalogs, embed=True)
    works = query(
        clean_db,
        "MATCH (s:Standard) WHERE s.sources IS NOT NULL RETURN count(DISTINCT s.work) AS n",
    )[0]["n"]
    assert works < EXPECTED_STANDARDS  # editions, amendments and versions share a work
    # one vector per work, each computed once (the IEC copy's abstract is in before embedding)
    assert first.embedded == works
    assert first.embeddings_computed == works
    dims = query(
        clean_db,
        "MATCH (s:Standard) WHERE s.embedding IS NOT NULL "
        "RETURN count(DISTINCT s.work) AS works, count(s) AS n, min(size(s.embedding)) AS d",
    )
    assert dims == [{"works": works, "n": works, "d": 384}]
    # the current edition speaks for its work, not the withdrawn one
    embedded_37120 = query(
        clean_db,
        "MATCH (s:Standard {work: 'ISO 37120'}) WHERE s.embedding IS NOT NULL RETURN s.key AS k",
    )
    assert embedded_37120 == [{"k": "ISO 37120:2018"}]
    from graph.schema import wait_for_indexes
    from nlp.embedder import get_embedder

    wait_for_indexes(clean_db)
    vector = get_embedder(settings).embed_one("smart city ICT indicators")
    hits = query(
        clean_db,
        "CALL db.index.vector.queryNodes('standard_embedding', 3, $v) "
        "YIELD node RETURN node.key AS key",
        v=vector,
    )
    assert "ISO/IEC 30146:2019" in [h["key"] for h in hits]
    # an unchanged re-run embeds nothing and writes nothing
    again = load(clean_db, settings, catalogs, embed=True)
    assert again.embedded == 0 and again.counters.properties_set == 0
    # a fresh database reuses the on-disk cache: nothing is computed again
    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    second = load(clean_db, settings, catalogs, embed=True)
    assert second.embedded == works and second.embeddings_computed == 0


def test_unusable_file_is_reported_and_the_others_load(
    clean_db: neo4j.Driver, neo4j_settings: Settings, catalogs: list[Path], tmp_path: Path
) -> None:
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b"\x00\x01\x02 not a catalogue")
    summary = load(clean_db, neo4j_settings, [binary, catalogs[0]])
    assert summary.created == len(ISO_ROWS)
    assert len(summary.file_errors) == 1 and "binary" in summary.file_errors[0]
    assert any(line.startswith("file not loaded") for line in summary.lines())


def test_cli_ingest_catalog(clean_db: neo4j.Driver, catalogs: list[Path]) -> None:
    from typer.testing import CliRunner

    from cli.main import app

    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "ingest",
            "catalog",
            *map(str, catalogs[:2]),
            "--no-embed",
            "--quiet",
            "--batch-size",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "records read 11: created 8" in result.output
    result = runner.invoke(
        app, ["ingest", "catalog", str(catalogs[0]), "--format", "yaml", "--no-embed", "--quiet"]
    )
    assert result.exit_code == 1  # the file is reported, not loaded
    assert "unknown format" in result.output


def _edition(
    key: str, status: str, published: str | None = None, order: str | None = None
) -> dict[str, Any]:
    return {"key": key, "status": status, "published": published, "edition_order": order}


def test_representative_prefers_current_base_latest_edition() -> None:
    from graph.ingest_catalog import representative

    editions = [
        _edition("ISO 22301:2012", "withdrawn", "2012-05"),
        _edition("ISO 22301:2019", "current", "2019-10"),
        _edition("ISO 22301:2019/Amd 1:2024", "current", "2024-03"),
        _edition("ISO/DIS 22301", "development", "2026-01"),
    ]
    assert representative(editions)["key"] == "ISO 22301:2019"
    # no current edition: the latest withdrawn one beats a draft
    assert representative(editions[:1] + editions[3:])["key"] == "ISO 22301:2012"
    versions = [
        _edition("ETSI EN 303 645 V2.1.1", "current", "2020-06", "0002.0001.0001"),
        _edition("ETSI EN 303 645 V3.1.3", "current", "2020-06", "0003.0001.0003"),
    ]
    assert representative(versions)["key"] == "ETSI EN 303 645 V3.1.3"


def test_vector_index_rebuild_keeps_vectors_at_full_precision(clean_db: neo4j.Driver) -> None:
    from graph.schema import rebuild_vector_index

    ensure_schema(clean_db, dimensions=EMBEDDING_DIMENSIONS)
    rows = []
    for number in range(40):
        vector = [0.0] * EMBEDDING_DIMENSIONS
        vector[number] = 1.0
        vector[number + 1] = 0.5
        rows.append({"key": f"ISO {90000 + number}", "vector": vector})
    clean_db.execute_query(
        "UNWIND $rows AS row CREATE (s:Standard {key: row.key, work: row.key}) "
        "SET s.embedding = row.vector",
        rows=rows,
    )
    seconds = rebuild_vector_index(clean_db, dimensions=EMBEDDING_DIMENSIONS)
    assert seconds > 0
    assert index_states(clean_db)["standard_embedding"] == "ONLINE"
    options = query(
        clean_db,
        "SHOW INDEXES YIELD name, options WHERE name = 'standard_embedding' "
        "RETURN options.indexConfig AS config",
    )[0]["config"]
    assert options["vector.quantization.enabled"] is False
    assert options["vector.dimensions"] == EMBEDDING_DIMENSIONS
    # every stored vector is in the rebuilt index, and the nearest is the node itself
    hits = query(
        clean_db,
        "CALL db.index.vector.queryNodes('standard_embedding', 40, $v) "
        "YIELD node, score RETURN node.key AS key, score",
        v=rows[7]["vector"],
    )
    assert len(hits) == 40
    assert hits[0]["key"] == "ISO 90007" and hits[0]["score"] == pytest.approx(1.0, abs=1e-5)
    with pytest.raises(ValueError, match="not a vector index"):
        rebuild_vector_index(clean_db, "standard_text", dimensions=EMBEDDING_DIMENSIONS)


@pytest.mark.models
def test_large_embedding_load_rebuilds_the_vector_index(
    clean_db: neo4j.Driver,
    neo4j_settings: Settings,
    catalogs: list[Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import graph.ingest_catalog as ingest_module

    settings = neo4j_settings.model_copy(update={"home": tmp_path / "home"})
    small = load(clean_db, settings, catalogs, embed=True)
    assert not small.reindexed  # a handful of vectors: not worth a rebuild
    clean_db.execute_query("MATCH (n) DETACH DELETE n")
    monkeypatch.setattr(ingest_module, "REINDEX_MIN_VECTORS", 1)
    large = load(clean_db, settings, catalogs, embed=True)
    assert large.reindexed and large.seconds["reindex"] > 0
    assert any(line.startswith("vector index rebuilt in one pass") for line in large.lines())
    assert index_states(clean_db)["standard_embedding"] == "ONLINE"


def test_only_schema_indexes_can_be_dropped() -> None:
    from graph.queries.schema import drop_index_statement

    assert drop_index_statement("standard_embedding") == "DROP INDEX standard_embedding IF EXISTS"
    with pytest.raises(ValueError, match="not an index"):
        drop_index_statement("standard_embedding; MATCH (n) DETACH DELETE n")
