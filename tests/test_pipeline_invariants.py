"""The pipeline's own guarantees: spans checked after every run, bad text refused clearly."""

from __future__ import annotations

from dataclasses import replace

import pytest

import nlp.pipeline as pipeline
from nlp.errors import UnreadableInputError
from nlp.spans import Component, Context, Target
from stdkg.errors import InputError


def _no_spacy(ctx: Context) -> None:
    from nlp.requirements import detect_requirements

    detect_requirements(ctx, use_spacy=False)


@pytest.fixture
def without_spacy(monkeypatch: pytest.MonkeyPatch) -> None:
    components = [
        replace(c, run=_no_spacy) if c.name == "requirements" else c for c in pipeline.COMPONENTS
    ]
    monkeypatch.setattr(pipeline, "COMPONENTS", components)


def test_items_with_broken_spans_are_dropped(
    monkeypatch: pytest.MonkeyPatch, without_spacy: None
) -> None:
    def broken(ctx: Context) -> None:
        ctx.targets.append(
            Target(
                surface="150 standards",
                start=0,
                end=5,
                value=150.0,
                comparator=">",
                unit="standards",
                year=None,
            )
        )
        ctx.targets.append(
            Target(
                surface="x",
                start=10_000,
                end=10_001,
                value=1.0,
                comparator="=",
                unit="x",
                year=None,
            )
        )

    monkeypatch.setattr(
        pipeline,
        "COMPONENTS",
        [*pipeline.COMPONENTS, Component("broken", broken, (), ("targets",))],
    )
    extraction = pipeline.extract_text("By 2027, more than 150 national standards will exist.")
    assert [t.surface for t in extraction.targets] == ["more than 150 national standards"]


def test_text_without_letters_gives_an_empty_result(without_spacy: None) -> None:
    result = pipeline.extract_text("  12 34 -- ...\n").to_dict()
    assert all(result[key] == [] for key in pipeline.ITEM_KEYS)
    assert result["clauses"] == []
    assert result["document"]["checksum"].startswith("sha256:")


@pytest.mark.parametrize(
    ("text", "message"),
    [("abc\x00def" * 10, "binary"), ("\x01\x02\x03\x04" * 100 + "abc", "binary")],
)
def test_binary_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(UnreadableInputError, match=message):
        pipeline.extract_text(text)


def test_huge_text_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(InputError, match="split"):
        pipeline.extract_text("Standards for fire safety. " * 100, source="big.txt")


def test_non_text_is_refused() -> None:
    with pytest.raises(UnreadableInputError, match="expected text"):
        pipeline.extract_text(b"bytes are not text")  # type: ignore[arg-type]


def test_hostile_text_does_not_hang(without_spacy: None) -> None:
    import time

    hostile = ("Aaa Bbb of the " * 800) + ("(" * 2000) + ("《" * 2000) + ("a, " * 3000)
    started = time.perf_counter()
    extraction = pipeline.extract_text(hostile)
    assert time.perf_counter() - started < 5
    for item in extraction.organizations + extraction.policy_refs:
        assert extraction.text[item.start : item.end] == item.surface
