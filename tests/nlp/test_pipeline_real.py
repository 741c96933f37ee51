"""The pipeline on the real policy texts in the shared data folder (read there, never copied).

These load the spaCy model once (requirements use its tagger), so they carry the ``models``
marker; they are skipped when the shared data is not present.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from nlp.pipeline import EXTRACTOR_VERSION, ITEM_KEYS, Extraction, extract_path
from stdkg.config import get_settings

POLICIES = Path(get_settings().shared_data) / "policies"
ACTION_PLAN = POLICIES / "cn-urban-standardization-action-plan-2023-en.txt"
pytestmark = [
    pytest.mark.models,
    pytest.mark.skipif(not ACTION_PLAN.exists(), reason="shared policy texts not available"),
]
SIX_ISSUERS = {"sac", "miit", "mca", "mee", "mohurd", "mem"}


@pytest.fixture(scope="module")
def plan() -> Extraction:
    return extract_path(ACTION_PLAN)


def assert_spans_hold(extraction: Extraction) -> None:
    text = extraction.text
    for clause in extraction.clauses:
        assert text[clause.start : clause.end] == clause.surface
    for key in ITEM_KEYS:
        for item in getattr(extraction, key):
            assert text[item.start : item.end] == item.surface, (key, item)


def test_output_has_every_key_and_spans_hold(plan: Extraction) -> None:
    result = plan.to_dict()
    assert list(result) == [
        "document",
        "clauses",
        "standards",
        "organizations",
        "policy_refs",
        "domains",
        "requirements",
        "targets",
    ]
    assert set(result["document"]) >= {
        "id",
        "title",
        "issuers",
        "date",
        "number",
        "language",
        "content_start",
        "content_end",
        "checksum",
    }
    assert_spans_hold(plan)
    assert EXTRACTOR_VERSION.startswith("stdkg-extract/")


def test_document_metadata(plan: Extraction) -> None:
    document = plan.document
    assert document.id == "cn-urban-standardization-action-plan-2023-en"
    assert document.title == "Urban Standardization Action Plan"
    assert document.date == "2023-09-14"
    assert document.language == "en"
    assert set(document.issuers) == SIX_ISSUERS
    content = plan.text[document.content_start : document.content_end]
    assert content.startswith("Notice of the National Standards Commission")
    assert "Log in" not in content and "Kcomber" not in content and "Like(0)" not in content


def test_six_issuing_ministries_resolve_to_six_canonical_organizations(plan: Extraction) -> None:
    issuers = [m for m in plan.organizations if m.role == "issuer"]
    assert {m.key for m in issuers} == SIX_ISSUERS
    civil = [m for m in issuers if m.surface == "Civil affairs"]
    assert [m.key for m in civil] == ["mca"]
    assert any(
        m.surface == "Department of Emergency Management" and m.key == "mem" for m in issuers
    )


def test_sac_three_names_resolve_to_one(plan: Extraction) -> None:
    names = {
        "National Standards Commission",
        "National Standardization Administration Committee",
        "National Standardization Administration Commission",
    }
    found = {m.surface: m.key for m in plan.organizations if m.surface in names}
    assert found == dict.fromkeys(names, "sac")


def test_safeguard_clause_assigns_the_ministries(plan: Extraction) -> None:
    clause = next(c for c in plan.clauses if c.number == "17")
    assigned = {m.key for m in plan.organizations if m.clause == clause.id and m.role == "assigned"}
    assert assigned == SIX_ISSUERS


def test_outline_two_titles_resolve_to_one(plan: Extraction) -> None:
    outline = [r for r in plan.policy_refs if "Standardization Development" in r.surface]
    assert {r.surface for r in outline} == {
        "National Standardization Development Program",
        "National Standardization Development Outline",
    }
    assert {r.key for r in outline} == {"cn-national-standardization-development-outline-2021"}
    assert any(r.key == "un-sdgs" and r.type == "framework" for r in plan.policy_refs)


def test_structure_four_parts_nineteen_items(plan: Extraction) -> None:
    parts = [c for c in plan.clauses if c.level == 1]
    items = [c for c in plan.clauses if c.level == 2]
    assert parts[0].heading == "General requirements"
    assert len(parts) == 4 and len(items) == 19
    assert {c.parent for c in items} <= {c.id for c in parts}


def test_150_standards_target(plan: Extraction) -> None:
    targets = {(t.value, t.comparator, t.year) for t in plan.targets}
    assert (150.0, ">", 2027) in targets
    assert (5.0, ">", 2027) in targets and (30.0, ">", 2027) in targets
    first = next(t for t in plan.targets if t.value == 150.0)
    assert first.surface == "More than 150 national standards and industry standards"
    assert first.unit == "standards"


def test_requirements_cover_the_topics_of_the_plan(plan: Extraction) -> None:
    topics = {r.topic for r in plan.requirements}
    for expected in (
        "urban digital twin",
        "city brain",
        "smart old age",
        "fire safety",
        "food safety",
        "green procurement",
        "smart parks",
        "childcare services",
    ):
        assert expected in topics
    digital_twin = next(r for r in plan.requirements if r.topic == "urban digital twin")
    assert digital_twin.action == "develop" and digital_twin.domain == "smart-city"


def test_every_item_section_has_a_domain(plan: Extraction) -> None:
    section_two = [
        c for c in plan.clauses if c.level == 2 and c.number.isdigit() and int(c.number) <= 12
    ]
    about = {d.clause for d in plan.domains}
    assert all(c.id in about for c in section_two)


def test_speed_under_one_second_once_loaded(plan: Extraction) -> None:
    started = time.perf_counter()
    extract_path(ACTION_PLAN)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize("path", sorted(POLICIES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_shared_policy_extracts_with_valid_spans(path: Path) -> None:
    extraction = extract_path(path)
    assert_spans_hold(extraction)
    assert extraction.document.content_end > extraction.document.content_start


def test_chinese_law() -> None:
    extraction = extract_path(POLICIES / "cn-standardization-law-2017-zh.txt")
    assert extraction.document.language == "zh"
    assert extraction.document.title == "中华人民共和国标准化法"
    articles = [c for c in extraction.clauses if re.fullmatch(r"第.+条", c.number)]
    assert len(articles) == 45
    keys = {m.key for m in extraction.organizations}
    assert {"sac", "state-council", "npc-standing-committee"} <= keys
    assert "npc-standing-committee" in extraction.document.issuers


def test_chinese_policy_refs_in_book_title_marks() -> None:
    extraction = extract_path(POLICIES / "cn-emergency-response-law-2024-zh.txt")
    refs = [r for r in extraction.policy_refs if r.surface.startswith("《")]
    kinds = {
        "law",
        "regulation",
        "plan",
        "other",
        "programme",
        "outline",
        "strategy",
        "framework",
        "standardization-document",
    }
    assert refs and all(r.type in kinds for r in refs)
