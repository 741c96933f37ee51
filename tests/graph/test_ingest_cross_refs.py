"""Citations outside the catalogue, family references and common texts against the real Neo4j:
what the linker writes, how a later catalogue resolves a Reference, and that a re-run is a
no-op. Inputs are tiny synthetic JSONL files shaped like the shared catalogues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph.writer import graph_fingerprint
from stdkg.config import Settings
from tests.graph.test_ingest_catalog import iso_row, load, query, write_catalog

pytestmark = pytest.mark.neo4j

DIRECTORY = "The Directory: Public-key and attribute certificate frameworks"

ISO_ROWS = [
    iso_row(
        "ISO 37120:2018",
        abstract_en=(
            "It uses ETSI TS 102 690, the IEC 61850 series and IETF RFC 3261. See also ISO 37101."
        ),
    ),
    iso_row("ISO 37101:2016"),
    iso_row(
        "ISO/IEC 9594-8:2020",
        title_en=f"Information technology - Open systems interconnection - Part 8: {DIRECTORY}",
    ),
    # an IWA is ISO's own imprint: the ISO standard that replaced it is not a common text
    iso_row(
        "IWA 4:2009",
        title_en=f"Quality management systems - {DIRECTORY}",
        stage="95",
        substage="99",
    ),
    iso_row("ISO 18091:2014", title_en=f"Quality management systems - {DIRECTORY}"),
    iso_row(
        "ISO/IEC 14496-10:2022",
        title_en="Information technology - Coding of audio-visual objects - Part 10: "
        "Advanced video coding",
    ),
]
IEC_ROWS = [
    {
        "reference": "IEC 61850-1:2013",
        "title_en": "Communication networks and systems for power utility automation",
        "stage": "PUBLISHED",
        "technical_committee": ["IEC TC 57"],
    },
]


def itu_row(ref: str, title: str, abstract: str | None = None) -> dict[str, Any]:
    return {
        "reference": ref,
        "title_en": title,
        "abstract_en": abstract,
        "status": "Published",
        "date_published": "2019-10-14",
        "committee": ["ITU-T Study Group 17"],
        "doctype": "recommendation",
    }


ITU_ROWS = [
    itu_row(
        "ITU-T X.509 (10/2019)",
        f"Information technology – Open Systems Interconnection – {DIRECTORY}",
    ),
    itu_row(
        "ITU-T H.264 (08/2021)",
        "Advanced video coding for generic audiovisual services",
        "Recommendation ITU-T H.264 | International Standard ISO/IEC 14496-10 represents an "
        "evolution of the existing video coding standards.",
    ),
    # the same body's other document with a similar title: never a common text of X.509
    itu_row("ITU-T X.510 (08/2020)", "Protocol specifications for secure operations"),
]
ETSI_ROWS = [
    {
        "reference": "ETSI TS 102 690 V1.1.1 (2011-10)",
        "title_en": "Machine-to-Machine communications (M2M); Functional architecture",
        "doctype": "Technical Specification",
        "date_published": "2011-10",
        "technical_committee": ["Smart M2M"],
    }
]


def cites(driver: neo4j.Driver, key: str) -> dict[str, dict[str, Any]]:
    rows = query(
        driver,
        "MATCH (:Standard {key: $key})-[r:CITES]->(x) "
        "RETURN x.key AS key, labels(x)[0] AS label, r.resolved AS resolved, "
        "x.family AS family, x.in_catalogue AS in_catalogue, "
        "[(x)-[:INCLUDES]->(p) | p.key] AS parts",
        key=key,
    )
    return {row["key"]: row for row in rows}


def test_citations_outside_the_catalogue_and_families_are_kept(
    clean_db: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "standards"
    first = [
        write_catalog(folder, "iso.jsonl.gz", ISO_ROWS),
        write_catalog(folder, "iec.jsonl.gz", IEC_ROWS),
    ]
    load(clean_db, neo4j_settings, first)
    found = cites(clean_db, "ISO 37120:2018")
    assert found["ISO 37101:2016"]["label"] == "Standard"
    assert found["ISO 37101:2016"]["resolved"] == "current"
    rfc = found["IETF RFC 3261"]
    assert rfc["label"] == "Reference" and rfc["resolved"] == "outside"
    assert rfc["in_catalogue"] is False
    family = found["IEC 61850"]
    assert family["label"] == "Reference" and family["family"] is True
    assert family["parts"] == ["IEC 61850-1:2013"]
    assert found["ETSI TS 102 690"]["label"] == "Reference"  # ETSI not loaded yet

    # what a user sees: every cited document, marked when the catalogue does not hold it
    from fastapi.testclient import TestClient

    from api.main import create_app

    app = create_app(neo4j_settings, driver=clean_db, load_embedder=False)
    with TestClient(app) as client:
        response = client.get("/standards/ISO 37120:2018")
    assert response.status_code == 200, response.text
    listed = {item["key"]: item for item in response.json()["cites"]}
    assert listed["ISO 37101:2016"]["in_catalogue"] is True
    assert listed["IETF RFC 3261"]["in_catalogue"] is False
    assert listed["IETF RFC 3261"]["surface"] == "IETF RFC 3261"
    assert listed["IEC 61850"]["family"] is True and listed["IEC 61850"]["parts"] == 1

    # the ETSI catalogue arrives: the citation moves to the Standard, the Reference goes
    etsi = write_catalog(folder, "etsi.jsonl.gz", ETSI_ROWS)
    load(clean_db, neo4j_settings, [etsi])
    found = cites(clean_db, "ISO 37120:2018")
    assert "ETSI TS 102 690" not in found
    moved = found["ETSI TS 102 690 V1.1.1"]
    assert moved["label"] == "Standard" and moved["resolved"] == "current"
    assert not query(clean_db, "MATCH (x:Reference {key: 'ETSI TS 102 690'}) RETURN x")

    # re-running every file changes nothing
    before = graph_fingerprint(clean_db)
    summary = load(clean_db, neo4j_settings, [*first, etsi])
    assert summary.counters.writes == 0
    assert graph_fingerprint(clean_db) == before


def test_common_texts_by_title_and_by_pipe_pair(
    clean_db: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "standards"
    load(
        clean_db,
        neo4j_settings,
        [
            write_catalog(folder, "iso.jsonl.gz", ISO_ROWS),
            write_catalog(folder, "itu.jsonl.gz", ITU_ROWS),
        ],
    )
    pairs = query(
        clean_db,
        "MATCH (a:Standard)-[r:COMMON_TEXT]->(b:Standard) "
        "RETURN a.key AS a, b.key AS b, r.via AS via ORDER BY a, b",
    )
    assert pairs == [
        {"a": "ISO/IEC 14496-10:2022", "b": "ITU-T H.264 (08/2021)", "via": ["abstract"]},
        {"a": "ISO/IEC 9594-8:2020", "b": "ITU-T X.509 (10/2019)", "via": ["title"]},
    ]
    # the twin number of a record's own text is not something it cites
    assert "ISO/IEC 14496-10:2022" not in cites(clean_db, "ITU-T H.264 (08/2021)")
