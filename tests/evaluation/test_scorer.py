"""Unit tests of the extraction scorer, on hand-built gold and predicted items."""

from __future__ import annotations

from collections.abc import Hashable

import pytest

from evaluation.scorer import (
    Counts,
    Scorer,
    TypeSpec,
    exact_counts,
    overlap_pairs,
    set_counts,
    value_counts,
)
from evaluation.scorer import Item as ScoredItem


def item(start: int, end: int, **fields: object) -> dict[str, object]:
    return {"start": start, "end": end, "surface": "x" * (end - start), **fields}


def canonical(entry: ScoredItem) -> Hashable | None:
    value = entry.get("canonical")
    return None if value is None else str(value)


def test_counts_precision_recall_f1() -> None:
    counts = Counts(tp=3, fp=1, fn=2)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_counts_with_nothing_expected_or_predicted() -> None:
    assert Counts().precision == 1.0 and Counts().recall == 1.0 and Counts().f1 == 1.0
    only_false_positives = Counts(fp=2)
    assert only_false_positives.precision == 0.0
    assert only_false_positives.recall == 0.0
    assert only_false_positives.f1 == 0.0
    only_misses = Counts(fn=4)
    assert only_misses.precision == 0.0 and only_misses.recall == 0.0


def test_exact_counts_is_a_multiset_match() -> None:
    gold = [item(0, 5), item(0, 5), item(10, 12)]
    predicted = [item(0, 5), item(10, 13), item(20, 22)]
    assert exact_counts(gold, predicted) == Counts(tp=1, fp=2, fn=2)


def test_overlap_pairs_one_to_one_largest_first() -> None:
    gold = [item(0, 10), item(12, 20)]
    # predicted[0] touches both gold spans but overlaps gold[0] most; predicted[1] then pairs
    # with gold[1]; predicted[2] overlaps gold[0] only and stays unpaired.
    predicted = [item(2, 13), item(15, 18), item(0, 1)]
    assert overlap_pairs(gold, predicted) == [(0, 0), (1, 1)]


def test_overlap_needs_a_shared_character() -> None:
    assert overlap_pairs([item(0, 5)], [item(5, 9)]) == []


def test_value_counts_multiset_and_leftovers() -> None:
    gold = [item(0, 1, canonical="A"), item(2, 3, canonical="A"), item(4, 5, canonical="B")]
    predicted = [item(9, 10, canonical="A"), item(11, 12, canonical="C"), item(13, 14)]
    counts, missed, spurious = value_counts(gold, predicted, canonical)
    assert counts == Counts(tp=1, fp=1, fn=2)
    assert dict(missed) == {"A": 1, "B": 1}
    assert dict(spurious) == {"C": 1}


def test_scorer_micro_averages_over_documents() -> None:
    scorer = Scorer({"standards": TypeSpec(canonical)})
    scorer.add(
        {"standards": [item(0, 9, canonical="ISO 37120")]},
        {"standards": [item(0, 9, canonical="ISO 37120")]},
    )
    scorer.add(
        {"standards": [item(0, 9, canonical="ISO 37122"), item(20, 29, canonical="ISO 37123")]},
        {"standards": [item(0, 9, canonical="ISO 37122"), item(40, 45, canonical="ISO 9")]},
    )
    result = scorer.scores()["standards"]
    assert result.exact == Counts(tp=2, fp=1, fn=1)
    assert result.canonical == Counts(tp=2, fp=1, fn=1)
    assert result.exact.f1 == pytest.approx(2 / 3)
    assert [entry["value"] for entry in result.missed] == ["ISO 37123"]
    assert [entry["value"] for entry in result.spurious] == ["ISO 9"]


def test_scorer_separates_span_value_and_attribute_errors() -> None:
    spec = TypeSpec(canonical, {"role": lambda entry: entry.get("role")})
    scorer = Scorer({"organizations": spec})
    gold = {
        "organizations": [
            item(0, 20, canonical="sac", role="issuer"),
            item(30, 40, canonical="miit", role="issuer"),
        ]
    }
    predicted = {
        "organizations": [
            item(0, 15, canonical="sac", role="issuer"),  # border differs, value right
            item(30, 40, canonical="mca", role="mentioned"),  # span right, value and role wrong
        ]
    }
    scorer.add(gold, predicted)
    result = scorer.scores()["organizations"]
    assert result.exact == Counts(tp=1, fp=1, fn=1)
    assert result.overlap == Counts(tp=2, fp=0, fn=0)
    assert result.canonical == Counts(tp=1, fp=1, fn=1)
    assert result.attributes["role"].correct == 1
    assert result.attributes["role"].total == 2


def test_scorer_ignores_predictions_outside_the_window() -> None:
    scorer = Scorer({"policy_refs": TypeSpec(canonical)})
    gold = {"policy_refs": [item(10, 20, canonical="eu-tfeu")]}
    predicted = {
        "policy_refs": [item(10, 20, canonical="eu-tfeu"), item(500, 520, canonical="other")]
    }
    scorer.add(gold, predicted, window=(0, 100))
    assert scorer.scores()["policy_refs"].canonical == Counts(tp=1, fp=0, fn=0)


def test_missing_type_in_predictions_counts_all_gold_as_missed() -> None:
    scorer = Scorer({"targets": TypeSpec(canonical)})
    scorer.add({"targets": [item(0, 3, canonical="150")]}, {})
    assert scorer.scores()["targets"].overlap == Counts(tp=0, fp=0, fn=1)


def test_set_counts() -> None:
    assert set_counts({"sac", "miit", "mca"}, {"sac", "mee"}) == Counts(tp=1, fp=1, fn=2)


def test_attribute_agreement_can_be_customized() -> None:
    spec = TypeSpec(
        canonical,
        {"unit": lambda entry: entry.get("unit")},
        agree={"unit": lambda gold, predicted: str(predicted).endswith(str(gold))},
    )
    scorer = Scorer({"targets": spec})
    scorer.add(
        {"targets": [item(0, 5, canonical="150", unit="standards"), item(9, 12, unit="cases")]},
        {
            "targets": [
                item(0, 5, canonical="150", unit="national standards"),
                item(9, 12, unit="provinces"),
            ]
        },
    )
    unit = scorer.scores()["targets"].attributes["unit"]
    assert (unit.correct, unit.total) == (1, 2)
