"""Real catalogue rows and taxonomies from ../shared/data, against the real Neo4j.

The fixture is built at test time by picking a few dozen rows out of the shared files (nothing
third-party is committed): the ISO and IEC copies of ISO/IEC 20924 and 27001 (joint
publications, IEC's ``/COR1:2014`` and ``RLV`` spellings), the ISO 37120 editions.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import neo4j
import pytest
from data_paths import shared_file

from graph.ingest_catalog import ingest_catalog
from graph.schema import ensure_schema
from graph.taxonomy import COMMITTEES_FILE, ICS_FILE, ingest_taxonomies
from graph.writer import Writer, graph_fingerprint
from nlp.embedder import EMBEDDING_DIMENSIONS
from stdkg.config import Settings

pytestmark = pytest.mark.neo4j

WANTED = (
    '"reference": "ISO/IEC 20924',
    '"reference": "ISO/IEC 27001:20',
    '"reference": "ISO 37120:',
    '"reference": "ISO 37101:2016"',
)


def pick_rows(source: Path, target: Path) -> int:
    """Copy the rows whose reference starts with one of WANTED (raw lines, file order)."""
    count = 0
    with (
        gzip.open(source, "rt", encoding="utf-8") as reader,
        gzip.open(target, "wt", encoding="utf-8") as writer,
    ):
        for line in reader:
            if any(marker in line for marker in WANTED):
                writer.write(line)
                count += 1
    return count


def query(driver: neo4j.Driver, text: str, **parameters: object) -> list[dict[str, object]]:
    records, _, _ = driver.execute_query(text, parameters)
    return [record.data() for record in records]


def test_real_iso_and_iec_rows_merge(
    clean_db: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    iso = tmp_path / "iso.jsonl.gz"
    iec = tmp_path / "iec.jsonl.gz"
    picked = pick_rows(shared_file("standards", "iso.jsonl.gz"), iso) + pick_rows(
        shared_file("standards", "iec.jsonl.gz"), iec
    )
    assert picked >= 15
    summary = ingest_catalog(
        clean_db, [iso, iec], settings=neo4j_settings, embed=False, progress=False
    )
    assert summary.read == picked and not summary.skipped
    joint = query(
        clean_db,
        "MATCH (s:Standard {key: 'ISO/IEC 20924:2021'}) "
        "RETURN s.aliases AS aliases, s.sources AS sources, s.status AS status",
    )
    assert len(joint) == 1
    assert sorted(joint[0]["sources"]) == ["iec.jsonl.gz", "iso.jsonl.gz"]  # type: ignore
    assert "ISO/IEC 20924:2021 RLV" in joint[0]["aliases"]  # type: ignore[operator]
    corrigendum = query(
        clean_db,
        "MATCH (s:Standard) WHERE 'ISO/IEC 27001:2013/COR1:2014' "
        "IN s.aliases RETURN s.key AS key, s.sources AS sources",
    )
    assert [row["key"] for row in corrigendum] == ["ISO/IEC 27001:2013/Cor 1:2014"]
    # nothing keyed twice: every key of a joint reference exists once
    dupes = query(
        clean_db,
        "MATCH (s:Standard) WITH s.work AS work, s.year AS year, "
        "s.key AS key, count(*) AS n WHERE n > 1 RETURN key",
    )
    assert dupes == []
    editions = query(
        clean_db,
        "MATCH (new:Standard {key: 'ISO 37120:2018'})-[:REPLACES]->"
        "(old:Standard {key: 'ISO 37120:2014'}) RETURN old.status AS status",
    )
    assert editions == [{"status": "withdrawn"}]
    cites = query(
        clean_db,
        "MATCH (:Standard {key: 'ISO 37120:2018'})-[r:CITES]->(b) "
        "RETURN b.key AS key, r.resolved AS resolved",
    )
    assert {"key": "ISO 37101:2016", "resolved": "current"} in cites


def test_taxonomies_load_and_are_idempotent(
    clean_db: neo4j.Driver, neo4j_settings: Settings, shared_data: Path
) -> None:
    ensure_schema(clean_db, dimensions=EMBEDDING_DIMENSIONS)
    writer = Writer(clean_db)
    summary = ingest_taxonomies(
        writer, ics_path=shared_file(*ICS_FILE), committees_path=shared_file(*COMMITTEES_FILE)
    )
    assert summary.ics == 1381 and summary.committees == 785 and summary.domains >= 12
    levels = query(
        clean_db,
        "MATCH (i:ICS) WHERE i.title IS NOT NULL "
        "RETURN i.level AS level, count(*) AS n ORDER BY level",
    )
    assert levels == [{"level": 1, "n": 40}, {"level": 2, "n": 401}, {"level": 3, "n": 940}]
    broader = query(
        clean_db,
        "MATCH (:ICS {code: '13.020.20'})-[:BROADER]->(p)-[:BROADER]->(f) "
        "RETURN p.code AS group, f.code AS field",
    )
    assert broader == [{"group": "13.020", "field": "13"}]
    parent = query(
        clean_db,
        "MATCH (:Committee {ref: 'ISO/IEC JTC 1/SC 41'})-[:SUB_OF]->(p) RETURN p.ref AS ref",
    )
    assert parent == [{"ref": "ISO/IEC JTC 1"}]
    scope = query(clean_db, "MATCH (c:Committee {ref: 'ISO/TC 268'}) RETURN c.scope AS scope")
    assert scope and "<" not in str(scope[0]["scope"])
    maps = query(
        clean_db, "MATCH (:Domain {key: 'smart-city'})-[:MAPS_TO]->(i:ICS) RETURN count(i) AS n"
    )
    assert maps[0]["n"] >= 1
    before = graph_fingerprint(clean_db)
    ingest_taxonomies(
        writer, ics_path=shared_file(*ICS_FILE), committees_path=shared_file(*COMMITTEES_FILE)
    )
    assert graph_fingerprint(clean_db) == before
