"""Readers, record normalization, format detection, classification, the embedding cache and the
link rows: pure logic, no server. Inputs are small synthetic rows shaped like the real files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from graph.catalog.detect import detect_format, read_catalog
from graph.catalog.identity import identify
from graph.catalog.records import (
    CatalogRecord,
    clean_text,
    embedding_text,
    iec_stage_status,
    iso_stage_status,
    word_status,
)
from graph.classify import classify, compile_domains
from graph.embeddings import EmbeddingCache, embed_with_cache
from graph.errors import CatalogFormatError, MalformedRecordError
from graph.ingest_catalog import LinkSpool, link_rows

ISO_ROW = {
    "reference": "ISO 37120:2018",
    "title_en": "Sustainable cities and communities - Indicators",
    "abstract_en": "It follows ISO 37101 and uses ISO 37122:2019.",
    "doctype": "international-standard",
    "edition": "2",
    "stage": "90",
    "substage": "93",
    "date_published": "2018-07",
    "ics": [{"code": "13.020.20", "text": "x"}],
    "technical_committee": [["ISO/TC 268", "Sustainable cities and communities"]],
    "relations": [{"type": "obsoletes", "target": "ISO 37120:2014"}],
    "url": "u",
}


def write_jsonl(path: Path, rows: list[object], *, gz: bool = False) -> Path:
    text = "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def records(path: Path, fmt: str = "auto") -> list[CatalogRecord | MalformedRecordError]:
    return list(read_catalog(path, fmt))


@pytest.mark.parametrize(
    ("stage", "substage", "status"),
    [
        ("60", "60", "current"),
        ("90", "93", "current"),
        ("95", "99", "withdrawn"),
        ("95", "20", "current"),
        ("50", "20", "development"),
        ("60", "00", "development"),
        (None, None, None),
    ],
)
def test_iso_stage_status(stage: str | None, substage: str | None, status: str | None) -> None:
    assert iso_stage_status(stage, substage) == status


def test_iec_and_word_status() -> None:
    assert iec_stage_status("PUBLISHED") == "current"
    assert {iec_stage_status(w) for w in ("REVISED", "REPLACED", "WITHDRAWN")} == {"withdrawn"}
    assert word_status("Published") == "current"
    assert word_status("Withdrawal") == "withdrawn"
    assert word_status("something else") is None


def test_relaton_iso_row_is_normalized(tmp_path: Path) -> None:
    [record] = records(write_jsonl(tmp_path / "iso.jsonl.gz", [ISO_ROW], gz=True))
    assert isinstance(record, CatalogRecord)
    assert record.key == "ISO 37120:2018"
    assert record.work == "ISO 37120"
    assert record.status == "current" and record.stage == "90.93"
    assert record.ics == ("13.020.20",)
    assert record.committee == "ISO/TC 268"
    assert record.committee_title == "Sustainable cities and communities"
    assert record.publishers == ("ISO",)
    assert record.relations[0].type == "REPLACES"
    assert record.relations[0].target == "ISO 37120:2014"
    assert record.line == 1 and record.source == "iso.jsonl.gz"
    assert len(record.content_hash) == 32


def test_content_hash_ignores_line_but_not_content(tmp_path: Path) -> None:
    changed = {**ISO_ROW, "title_en": "Another title"}
    first, same, other = records(write_jsonl(tmp_path / "a.jsonl", ["", ISO_ROW, ISO_ROW, changed]))
    assert isinstance(first, CatalogRecord) and isinstance(same, CatalogRecord)
    assert isinstance(other, CatalogRecord)
    assert (first.line, same.line) == (2, 3)
    assert first.content_hash == same.content_hash != other.content_hash


def test_iso_updates_means_updated_by(tmp_path: Path) -> None:
    row = {
        **ISO_ROW,
        "reference": "ISO 22301:2019",
        "relations": [
            {"type": "updates", "target": "ISO 22301:2019/Amd 1:2024"},
            {"type": "updates", "target": "ISO 22301:2025"},
        ],
    }
    [record] = records(write_jsonl(tmp_path / "iso.jsonl", [row]))
    assert isinstance(record, CatalogRecord)
    kinds = {(r.type, r.target, r.inverse) for r in record.relations}
    assert ("AMENDS", "ISO 22301:2019/Amd 1:2024", True) in kinds
    assert ("REPLACES", "ISO 22301:2025", True) in kinds


def test_amendment_amends_its_base(tmp_path: Path) -> None:
    row = {**ISO_ROW, "reference": "ISO 22301:2019/Amd 1:2024", "relations": None}
    [record] = records(write_jsonl(tmp_path / "iso.jsonl", [row]))
    assert isinstance(record, CatalogRecord)
    assert [(r.type, r.target) for r in record.relations] == [("AMENDS", "ISO 22301:2019")]


def test_iec_spelling_of_joint_standard_gets_the_iso_key(tmp_path: Path) -> None:
    iec_rows = [
        {
            "reference": "ISO/IEC 10021-1:1990/AMD1:1994",
            "stage": "REVISED",
            "technical_committee": ["ISO/IEC JTC 1/SC 6"],
            "title_en": "t",
        },
        {"reference": "CISPR 11:2015 RLV", "stage": "PUBLISHED", "title_en": "t"},
    ]
    amendment, redline = records(write_jsonl(tmp_path / "iec.jsonl", iec_rows))
    assert isinstance(amendment, CatalogRecord) and isinstance(redline, CatalogRecord)
    assert amendment.key == "ISO/IEC 10021-1:1990/Amd 1:1994"
    assert amendment.status == "withdrawn"
    assert amendment.rank == 1  # the ISO catalogue's copy wins conflicts
    assert redline.key == "CISPR 11:2015"
    assert redline.rank == 1  # the plain copy wins over the redline version
    assert identify("ISO/IEC 10021-1:1990/Amd 1:1994").key == amendment.key


def test_itu_and_etsi_keys_keep_editions_apart(tmp_path: Path) -> None:
    itu = [
        {
            "reference": "ITU-T Y.4903 (03/2022)",
            "status": "Published",
            "committee": ["ITU-T Study Group 20"],
            "date_published": "2022-03-09",
            "title_en": "KPIs",
        },
        {
            "reference": "ITU-T Y.4903/L.1603 (10/2016)",
            "status": "Withdrawal",
            "committee": ["ITU-T Study Group 20"],
            "date_published": "2016-10-07",
            "title_en": "KPIs",
        },
    ]
    new, old = records(write_jsonl(tmp_path / "itu.jsonl", itu))
    assert isinstance(new, CatalogRecord) and isinstance(old, CatalogRecord)
    assert new.key != old.key
    assert (new.status, old.status) == ("current", "withdrawn")
    assert new.committee == "ITU-T SG20"
    assert new.edition_order == "2022-03-09"
    etsi = [
        {
            "reference": "ETSI EG 200 053 V1.5.1 (2004-06)",
            "title_en": "x",
            "keywords": ["RADIO"],
            "technical_committee": ["ERM"],
        }
    ]
    [version] = records(write_jsonl(tmp_path / "etsi.jsonl", etsi))
    assert isinstance(version, CatalogRecord)
    assert version.key == "ETSI EG 200 053 V1.5.1"
    assert version.work == "ETSI EG 200 053"
    assert version.edition_order == "0001.0005.0001"


def test_malformed_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(
        json.dumps(ISO_ROW).encode()
        + b"\n"
        + b"{not json\n"
        + json.dumps({"title_en": "no reference"}).encode()
        + b"\n"
        + json.dumps({**ISO_ROW, "reference": "hello world"}).encode()
        + b"\n"
        + b"\xff\xfe\x00garbage\n"
        + b"[1, 2]\n"
        + json.dumps({**ISO_ROW, "reference": "ISO 9001:2015"}).encode()
        + b"\n"
    )
    results = records(path, "relaton")
    errors = [r for r in results if isinstance(r, MalformedRecordError)]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert "bad JSON" in errors[0].reason
    assert "no reference" in errors[1].reason
    assert "unparsable identifier" in errors[2].reason
    assert "UTF-8" in errors[3].reason
    assert str(errors[0]).startswith("bad.jsonl:2:")
    good = [r.key for r in results if isinstance(r, CatalogRecord)]
    assert good == ["ISO 37120:2018", "ISO 9001:2015"]


def test_iso_opendata_format(tmp_path: Path) -> None:
    row = {
        "id": 88821,
        "deliverableType": "TR",
        "supplementType": None,
        "reference": "ISO/TR 7035-2:2024",
        "publicationDate": "2024-09-30",
        "edition": 1,
        "icsCode": ["23.040.10"],
        "ownerCommittee": "ISO/TC 5/SC 2",
        "currentStage": 6060,
        "replaces": None,
        "replacedBy": None,
        "title": {"en": "Ductile iron pipes"},
        "scope": {"en": "<p>Gives support to <b>ISO/TR 7035-1</b>.</p>"},
    }
    path = write_jsonl(tmp_path / "deliverables.jsonl", [row])
    assert detect_format(path) == "iso-opendata"
    [record] = records(path)
    assert isinstance(record, CatalogRecord)
    assert record.key == "ISO/TR 7035-2:2024"
    assert record.status == "current" and record.stage == "60.60"
    assert record.doctype == "technical-report"
    assert record.abstract == "Gives support to ISO/TR 7035-1 ."
    assert record.title == "Ductile iron pipes"
    assert record.url == "https://www.iso.org/standard/88821.html"


def test_csv_format(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "Reference,Title,Status,ICS,Committee\n"
        "ISO 37120:2018,Indicators,current,13.020.20;03.100.70,ISO/TC 268\n"
        ",missing,current,,\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "csv"
    good, bad = records(path)
    assert isinstance(good, CatalogRecord) and isinstance(bad, MalformedRecordError)
    assert good.ics == ("13.020.20", "03.100.70")
    assert bad.line == 3


def test_detect_refuses_empty_binary_and_missing(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01\x02binary")
    for name in ("empty.jsonl", "blob.bin", "missing.jsonl"):
        with pytest.raises(CatalogFormatError):
            detect_format(tmp_path / name)
    with pytest.raises(CatalogFormatError):
        read_catalog(tmp_path / "empty.jsonl", "yaml")


def test_truncated_gzip_is_a_clear_error_after_good_rows(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "cut.jsonl.gz", [ISO_ROW] * 200, gz=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CatalogFormatError, match="stream broken"):
        list(read_catalog(path, "relaton"))
    with pytest.raises(CatalogFormatError, match="truncated"):
        detect_format(path)


def test_clean_text_strips_html_and_spacing() -> None:
    assert clean_text("<p>a&nbsp;b</p>\n\n<p> c </p>") == "a b\nc"
    assert clean_text("   ") is None
    assert embedding_text("R", "T", "x" * 5000).startswith("R. T. x")
    assert len(embedding_text("R", "T", "x" * 5000)) == 600


DOMAINS = compile_domains(
    [
        {
            "key": "smart-city",
            "name": "Smart city",
            "aliases": ["smart cities"],
            "ics": ["35.240.99"],
            "committees": ["ISO/IEC JTC 1/SC 41"],
        },
        {
            "key": "urban-safety",
            "name": "Urban safety",
            "aliases": ["emergency management"],
            "ics": ["13.200"],
            "committees": ["ISO/TC 292"],
        },
    ]
)


def test_classify_says_which_signal_fired() -> None:
    hits = classify(
        ics=("13.200",),
        committee="ISO/TC 292/SC 1",
        title="Emergency management",
        keywords=(),
        domains=DOMAINS,
    )
    assert [(h.domain, h.via, h.score) for h in hits] == [
        ("urban-safety", ("ics", "committee", "text"), 1.0)
    ]
    hits = classify(
        ics=("35.240.99",), committee=None, title="Smart cities data", keywords=(), domains=DOMAINS
    )
    assert [(h.domain, h.via) for h in hits] == [("smart-city", ("ics", "text"))]
    assert (
        classify(
            ics=("35.240",),
            committee="ISO/TC 29",
            title="Smartphones",
            keywords=(),
            domains=DOMAINS,
        )
        == []
    )


def test_embedding_cache_never_recomputes(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def fake_embed(texts: list[str]) -> list[list[float]]:
        calls.append(list(texts))
        return [[float(len(t)), 0.5] for t in texts]

    cache = EmbeddingCache.for_model(tmp_path, "some/model")
    vectors, computed = embed_with_cache(["ab", "abc", "ab"], fake_embed, cache)
    assert computed == 2 and vectors == [[2.0, 0.5], [3.0, 0.5], [2.0, 0.5]]
    vectors, computed = embed_with_cache(["abc", "ab"], fake_embed, cache)
    assert computed == 0 and vectors == [[3.0, 0.5], [2.0, 0.5]]
    assert len(calls) == 1 and len(cache) == 2
    cache.close()


def test_link_rows_resolve_citations_by_year(tmp_path: Path) -> None:
    [record] = records(write_jsonl(tmp_path / "iso.jsonl", [ISO_ROW]))
    assert isinstance(record, CatalogRecord)
    spool = LinkSpool()
    spool.add([record])
    [[restored]] = list(spool.batches(10))
    spool.close()
    assert restored == record
    rows = link_rows([restored], DOMAINS)
    assert sorted((row["work"], row["key"] or "") for row in rows.citations) == [
        ("ISO 37101", ""),
        ("ISO 37122", "ISO 37122:2019"),
    ]
    assert rows.relations["REPLACES"] == [
        {
            "start": "ISO 37120:2018",
            "end": "ISO 37120:2014",
            "origin": "iso.jsonl#ISO 37120:2018",
            "source": "iso.jsonl",
        }
    ]
