"""The shared text helpers (one slug, one checksum, one name folding) and the components'
declared contract (what each reads and writes, in an order that works)."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from nlp.pipeline import COMPONENTS, extract_text
from nlp.spans import INITIAL_FIELDS, Context
from nlp.text import checksum, document_id, normalize_name, slugify, text_digest

# --------------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Smart City Standards Plan", "smart-city-standards-plan"),
        ("Stratégie européenne de normalisation", "strategie-europeenne-de-normalisation"),
        ("cn_urban-plan.2023", "cn_urban-plan-2023"),
        ("Stratégie", "strategie"),
        ("", "document"),
        ("《》", "document"),
    ],
)
def test_latin_titles_slug_as_before(title: str, slug: str) -> None:
    assert document_id(title) == slug


def test_keys_keep_every_script() -> None:
    assert slugify("济宁市 人民代表大会") == "济宁市-人民代表大会"
    assert slugify("Smart City Plan") == document_id("Smart City Plan") == "smart-city-plan"


def test_chinese_and_arabic_titles_get_their_own_stable_ids() -> None:
    titles = [
        "城市标准化行动方案",
        "智慧城市标准化行动计划",
        "خطة التقييس الوطنية",
        "الاستراتيجية الوطنية للمدن الذكية",
    ]
    ids = [document_id(title) for title in titles]
    assert len(set(ids)) == len(ids)
    assert "document" not in ids
    assert ids == [document_id(title) for title in titles]  # stable
    for doc_id in ids:
        assert doc_id.isascii() and doc_id.replace("-", "").isalnum()
    # mixed titles keep their Latin part, still told apart by the hash
    mixed = document_id("GB/T 37043 智慧城市术语"), document_id("GB/T 37043 智慧城市评价")
    assert mixed[0].startswith("gb-t-37043-") and mixed[0] != mixed[1]


def test_a_chinese_title_is_a_valid_document_id() -> None:
    from graph.policy_rows import validate_doc_id

    assert validate_doc_id(document_id("国家标准化发展纲要")) == document_id("国家标准化发展纲要")


def test_checksum_and_digest_are_one_computation() -> None:
    assert checksum("abc") == "sha256:" + text_digest("abc")
    assert text_digest("abc").startswith("ba7816bf")


def test_names_fold_alike() -> None:
    assert normalize_name("The People’s Bank & Co-operation") == "people's bank and co operation"
    assert normalize_name("《标准化法》") == "标准化法"


# --------------------------------------------------------------------------- component contract


def _top(field: str) -> str:
    return field.split(".")[0]


def test_every_read_is_initial_or_written_by_an_earlier_component() -> None:
    available = set(INITIAL_FIELDS)
    names = [component.name for component in COMPONENTS]
    assert len(set(names)) == len(names)
    for component in COMPONENTS:
        missing = [field for field in component.reads if field not in available]
        assert not missing, f"{component.name} reads {missing} before anything writes them"
        available.update(component.writes)


def test_declared_fields_exist_on_the_context() -> None:
    fields = {field.name for field in dataclasses.fields(Context)}
    document_fields = {"content"} | {
        field.name for field in dataclasses.fields(Context(text="").document)
    }
    for component in COMPONENTS:
        for field in (*component.reads, *component.writes):
            top, _, sub = field.partition(".")
            assert top in fields, f"{component.name}: no Context field {top!r}"
            if sub:
                assert sub in document_fields, f"{component.name}: no document field {sub!r}"


_SEEN: set[str] = set()


class _RecordingContext(Context):
    """A Context that notes which of its fields are read."""

    def __getattribute__(self, name: str) -> Any:
        if name in _CONTEXT_FIELDS:
            _SEEN.add("clauses" if name == "_clause_starts" else name)
        return super().__getattribute__(name)


_CONTEXT_FIELDS = {field.name for field in dataclasses.fields(Context)}


def _snapshot(ctx: Context) -> dict[str, Any]:
    state = {
        name: copy.deepcopy(object.__getattribute__(ctx, name))
        for name in _CONTEXT_FIELDS
        if name not in ("document", "_clause_starts")
    }
    document = object.__getattribute__(ctx, "document")
    for field in dataclasses.fields(document):
        key = (
            "document.content"
            if field.name in ("content_start", "content_end")
            else f"document.{field.name}"
        )
        state.setdefault(key, [])
        state[key] = [*state[key], copy.deepcopy(getattr(document, field.name))]
    return state


SAMPLE = """Notice of the Ministry of Housing and Urban-Rural Development on Issuing the Smart City
Standards Plan

1. General requirements
By 2025, more than 50 national standards for smart cities will be formulated, in line with the
National Standardization Development Outline. ISO 37120:2018 and ISO 37122 shall be adopted.
2. Key tasks
(1) Develop standards for urban infrastructure and for smart parking.

Ministry of Housing and Urban-Rural Development
Standardization Administration of China
12 March 2024
"""


@pytest.mark.models
def test_components_touch_only_what_they_declare() -> None:
    ctx = _RecordingContext(text=SAMPLE, source="plan.txt")
    ctx.document.content_end = len(SAMPLE)
    for component in COMPONENTS:
        before = _snapshot(ctx)
        _SEEN.clear()
        component(ctx)
        after = _snapshot(ctx)
        changed = {key for key in after if after[key] != before[key]}
        assert changed <= set(component.writes), (component.name, changed - set(component.writes))
        declared = {_top(field) for field in (*component.reads, *component.writes)}
        assert declared >= _SEEN, (component.name, _SEEN - declared)
    assert ctx.requirements and ctx.organizations and ctx.standards  # the sample exercised them


def test_a_chinese_text_without_source_is_keyed_by_its_title() -> None:
    first = extract_text("城市标准化行动方案\n\n一、总体要求\n到2025年，制定标准100项。\n")
    second = extract_text("智慧城市标准化行动计划\n\n一、总体要求\n到2025年，制定标准100项。\n")
    assert first.document.id != second.document.id
    assert "document" not in (first.document.id, second.document.id)
