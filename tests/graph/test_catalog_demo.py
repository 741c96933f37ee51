"""The demo subset: which records the definition selects, and that cited works are added.
Pure logic on synthetic catalogue files (no server)."""

from __future__ import annotations

import json
from pathlib import Path

from graph.catalog.detect import read_catalog
from graph.catalog.records import CatalogRecord
from graph.demo import DemoSelection, load_demo_definition, select_demo

ROWS = [
    {
        "reference": "ISO 37120:2018",
        "stage": "90",
        "substage": "93",
        "title_en": "Indicators",
        "abstract_en": "Follows ISO 37101 and ISO 9001.",
        "technical_committee": [["ISO/TC 268", "Cities"]],
    },
    {
        "reference": "ISO 37120:2014",
        "stage": "95",
        "substage": "99",
        "title_en": "Old",
        "technical_committee": [["ISO/TC 268", "Cities"]],
    },
    {
        "reference": "ISO 37101:2016",
        "stage": "90",
        "substage": "93",
        "title_en": "MS",
        "technical_committee": [["ISO/TC 999", "Elsewhere"]],
    },
    {
        "reference": "ISO 9001:2015",
        "stage": "90",
        "substage": "93",
        "title_en": "QMS",
        "technical_committee": [["ISO/TC 176/SC 2", "Quality"]],
    },
    {
        "reference": "ISO 4000:2015",
        "stage": "60",
        "substage": "60",
        "title_en": "Tyres",
        "technical_committee": [["ISO/TC 31", "Tyres"]],
    },
    {
        "reference": "ISO 5000:2020",
        "stage": "60",
        "substage": "60",
        "title_en": "ICS match",
        "ics": [{"code": "13.200", "text": "x"}],
    },
]


def selection(**overrides: object) -> DemoSelection:
    definition = {
        "status": ["current"],
        "committees": ["ISO/TC 268"],
        "ics": ["13.200"],
        "reference_prefixes": ["ITU-T Y.4"],
        "etsi_committees": ["Smart M2M"],
    }
    definition.update(overrides)
    return DemoSelection.from_definition(definition)


def test_selection_rules(tmp_path: Path) -> None:
    path = tmp_path / "iso.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in ROWS) + "\n", encoding="utf-8")
    records = [r for r in read_catalog(path) if isinstance(r, CatalogRecord)]
    chosen = [r.key for r in records if selection().selects(r)]
    assert chosen == ["ISO 37120:2018", "ISO 5000:2020"]  # withdrawn 2014 edition left out


def test_cited_current_works_are_added_within_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "iso.jsonl"
    path.write_text("\n".join(json.dumps(row) for row in ROWS) + "\n", encoding="utf-8")
    subset = select_demo([path], selection(), max_records=10, progress=False)
    assert [r.key for r in subset.selected] == ["ISO 37120:2018", "ISO 5000:2020"]
    assert sorted(r.key for r in subset.cited) == ["ISO 37101:2016", "ISO 9001:2015"]
    capped = select_demo([path], selection(), max_records=3, progress=False)
    assert len(capped.records) == 3
    assert subset.scanned == len(ROWS)


def test_project_demo_definition_is_valid() -> None:
    definition = load_demo_definition()
    assert definition["catalogues"] and definition["max_records"] <= 6000
    chosen = DemoSelection.from_definition(definition)
    assert "ISO/TC 268" in chosen.committees and "ITU-T SG20" in chosen.committees
    assert "ISO/TC 22" not in chosen.committees  # excluded: too large for the demo
