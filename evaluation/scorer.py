"""Precision, recall and F1 for extracted items against hand-labelled gold items.

Why three ways of matching: an exact character span is what the graph's evidence needs, but two
extractors can both be right about *what* a text says while drawing span borders differently
("More than 150 national standards" vs "150"). So every item type is scored by
- ``exact``: the same ``(start, end)`` span;
- ``overlap``: spans that share at least one character, paired one-to-one (largest overlap
  first), which forgives border disagreements but not misses;
- ``canonical``: the multiset of normalized values per document (e.g. ``ISO 37120:2018``, an
  organization key), which is what a user of the graph ultimately sees.
Counts are summed over documents before dividing (micro-average), so long documents weigh more.

Attributes that are not the item's identity (an organization's role, a target's year) are
scored separately as accuracy over overlap-matched pairs, so a wrong role does not hide a
correct detection, and a correct role on a missed item is not counted at all.

This module is pure logic: the caller supplies the value and attribute functions (see
``evaluation.extraction``), which keeps the scorer independent of any gazetteer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Item = Mapping[str, Any]
ValueOf = Callable[[Item], Hashable | None]


@dataclass
class Counts:
    """True positives, false positives and false negatives; P/R/F1 derive from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """1.0 when nothing was predicted and nothing was expected (no error was made)."""
        predicted = self.tp + self.fp
        if predicted == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / predicted

    @property
    def recall(self) -> float:
        expected = self.tp + self.fn
        if expected == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / expected

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class Accuracy:
    """Share of matched pairs whose attribute agrees."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return None if self.total == 0 else self.correct / self.total

    def to_dict(self) -> dict[str, float | int | None]:
        value = self.value
        return {
            "correct": self.correct,
            "total": self.total,
            "accuracy": None if value is None else round(value, 4),
        }


@dataclass
class TypeScores:
    """All scores of one item type, accumulated over documents."""

    exact: Counts = field(default_factory=Counts)
    overlap: Counts = field(default_factory=Counts)
    canonical: Counts = field(default_factory=Counts)
    attributes: dict[str, Accuracy] = field(default_factory=dict)
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exact": self.exact.to_dict(),
            "overlap": self.overlap.to_dict(),
            "canonical": self.canonical.to_dict(),
            "attributes": {name: acc.to_dict() for name, acc in self.attributes.items()},
        }


def _span(item: Item) -> tuple[int, int]:
    return int(item["start"]), int(item["end"])


def exact_counts(gold: Sequence[Item], predicted: Sequence[Item]) -> Counts:
    """Multiset match on ``(start, end)``: the same span twice in gold needs two predictions."""
    gold_spans = Counter(_span(item) for item in gold)
    predicted_spans = Counter(_span(item) for item in predicted)
    tp = sum((gold_spans & predicted_spans).values())
    return Counts(tp=tp, fp=sum(predicted_spans.values()) - tp, fn=sum(gold_spans.values()) - tp)


def overlap_pairs(gold: Sequence[Item], predicted: Sequence[Item]) -> list[tuple[int, int]]:
    """Pair gold and predicted items whose spans overlap, one-to-one, largest overlap first.

    Greedy by overlap size is enough here: spans of one type rarely overlap each other, so
    conflicts are few, and a deterministic order (ties broken by position) keeps runs stable.
    """
    candidates: list[tuple[int, int, int]] = []
    for g_index, g_item in enumerate(gold):
        g_start, g_end = _span(g_item)
        for p_index, p_item in enumerate(predicted):
            p_start, p_end = _span(p_item)
            shared = min(g_end, p_end) - max(g_start, p_start)
            if shared > 0:
                candidates.append((-shared, g_index, p_index))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g_index, p_index in candidates:
        if g_index in used_gold or p_index in used_predicted:
            continue
        used_gold.add(g_index)
        used_predicted.add(p_index)
        pairs.append((g_index, p_index))
    return sorted(pairs)


def value_counts(
    gold: Sequence[Item], predicted: Sequence[Item], value_of: ValueOf
) -> tuple[Counts, Counter[Hashable], Counter[Hashable]]:
    """Multiset match on normalized values; items whose value is ``None`` are left out.

    Returns the counts and the unmatched gold and predicted values (for error listings).
    """
    gold_values = Counter(v for v in map(value_of, gold) if v is not None)
    predicted_values = Counter(v for v in map(value_of, predicted) if v is not None)
    common = gold_values & predicted_values
    tp = sum(common.values())
    counts = Counts(
        tp=tp,
        fp=sum(predicted_values.values()) - tp,
        fn=sum(gold_values.values()) - tp,
    )
    return counts, gold_values - common, predicted_values - common


def inside(item: Item, window: tuple[int, int] | None) -> bool:
    """True when the item lies in the labelled window (or there is no window)."""
    if window is None:
        return True
    start, end = _span(item)
    return start >= window[0] and end <= window[1]


@dataclass
class TypeSpec:
    """How to score one item type: its canonical value and the attributes worth checking."""

    value_of: ValueOf
    attributes: Mapping[str, ValueOf] = field(default_factory=dict)
    # Optional per-attribute agreement test (gold value, predicted value); default: equality.
    agree: Mapping[str, Callable[[Any, Any], bool]] = field(default_factory=dict)


class Scorer:
    """Accumulates per-type scores over documents, like spaCy's ``Scorer`` for NER.

    ``add`` one document at a time; ``scores`` gives the micro-averaged result so far.
    Predictions outside a document's labelled ``window`` are ignored, because the labeller
    did not look there and cannot say whether they are right.
    """

    def __init__(self, specs: Mapping[str, TypeSpec]) -> None:
        self.specs = dict(specs)
        self.results: dict[str, TypeScores] = {name: TypeScores() for name in self.specs}

    def add(
        self,
        gold: Mapping[str, Sequence[Item]],
        predicted: Mapping[str, Sequence[Item]],
        *,
        window: tuple[int, int] | None = None,
        document: str | None = None,
    ) -> dict[str, TypeScores]:
        """Score one document; returns that document's own scores and adds them to the total."""
        per_document: dict[str, TypeScores] = {}
        for name, spec in self.specs.items():
            gold_items = [item for item in gold.get(name, ()) if inside(item, window)]
            predicted_items = [item for item in predicted.get(name, ()) if inside(item, window)]
            per_document[name] = self._score_type(gold_items, predicted_items, spec, document)
            self._accumulate(self.results[name], per_document[name])
        return per_document

    @staticmethod
    def _score_type(
        gold: Sequence[Item], predicted: Sequence[Item], spec: TypeSpec, document: str | None
    ) -> TypeScores:
        scores = TypeScores(exact=exact_counts(gold, predicted))
        pairs = overlap_pairs(gold, predicted)
        scores.overlap = Counts(
            tp=len(pairs), fp=len(predicted) - len(pairs), fn=len(gold) - len(pairs)
        )
        scores.canonical, missed, spurious = value_counts(gold, predicted, spec.value_of)
        for name, attribute_of in spec.attributes.items():
            accuracy = Accuracy()
            agree = spec.agree.get(name, _equal)
            for g_index, p_index in pairs:
                accuracy.total += 1
                accuracy.correct += agree(
                    attribute_of(gold[g_index]), attribute_of(predicted[p_index])
                )
            scores.attributes[name] = accuracy
        scores.missed = _listing(missed, document)
        scores.spurious = _listing(spurious, document)
        return scores

    @staticmethod
    def _accumulate(total: TypeScores, part: TypeScores) -> None:
        total.exact.add(part.exact)
        total.overlap.add(part.overlap)
        total.canonical.add(part.canonical)
        for name, accuracy in part.attributes.items():
            running = total.attributes.setdefault(name, Accuracy())
            running.correct += accuracy.correct
            running.total += accuracy.total
        total.missed.extend(part.missed)
        total.spurious.extend(part.spurious)

    def scores(self) -> dict[str, TypeScores]:
        return self.results


def _equal(gold: Any, predicted: Any) -> bool:
    return bool(gold == predicted)


def _listing(values: Counter[Hashable], document: str | None) -> list[dict[str, Any]]:
    return [
        {"document": document, "value": value, "count": count}
        for value, count in sorted(values.items(), key=lambda pair: str(pair[0]))
    ]


def set_counts(gold: Iterable[Hashable], predicted: Iterable[Hashable]) -> Counts:
    """P/R/F1 counts of two sets (used for a document's issuers)."""
    gold_set, predicted_set = set(gold), set(predicted)
    tp = len(gold_set & predicted_set)
    return Counts(tp=tp, fp=len(predicted_set) - tp, fn=len(gold_set) - tp)
