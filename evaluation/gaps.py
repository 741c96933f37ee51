"""``stdkg eval gaps``: how well the gap verdicts agree with hand labels, where the model's
coefficients come from, and how it compares with plain baselines.

Labels: ``corpus/gold/gap_labels.json`` (62 action-plan topics, all dev) and
``corpus/gold/fullscale/gap_labels.json`` (48 topics of 11 policies, ``split`` dev/heldout).
Tune on dev only; heldout is scored once, with the shipped constants, and reported apart.

Every labelled topic is embedded and sent, in ONE ``GAP_EVIDENCE`` query, to the same vector
and full-text retrievals ``/gaps`` uses; the features of ``analysis.gaps.verdict_features``
are computed from that evidence. Three verdicts are scored side by side:

- ``max-cosine (stored vectors)``: today's verdict before issue 12 (best cosine of a current
  work >= a threshold), the threshold tuned on dev;
- ``max-cosine (titles)``: MiniLM over the TITLES of every current edition (brute force,
  ``evaluation.baselines.TitleVectors``), threshold tuned on dev;
- ``combined``: the logistic model over the five evidence features.

Dev figures are 5-fold cross-validated (threshold or model fit on 4 folds, scored on the
fifth); heldout figures use the threshold / model fit on all dev. ``--fit`` prints the
coefficients to paste into ``analysis.gaps.COVERAGE_MODEL``.
End to end: ``/gaps`` for the labelled document, each label aligned to an extracted
requirement by span overlap, else by fuzzy topic match.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.gaps import (
    COVERAGE_MODEL,
    FEATURE_NAMES,
    NEIGHBOURHOOD_THRESHOLD,
    CoverageModel,
    GapService,
    VerdictFeatures,
    evidence_parameters,
    evidence_payload,
    verdict_features,
)
from corpus import corpus_path
from evaluation.gold import GoldSetError
from graph.queries import gaps as gaps_queries
from graph.reader import ReadsGraph
from stdkg.errors import ErrorCategory

DEFAULT_LABELS = ("gold", "gap_labels.json")
FULLSCALE_LABELS = ("gold", "fullscale", "gap_labels.json")
ACTION_PLAN = "cn-urban-standardization-action-plan-2023-en"
SWEEP = tuple(round(0.30 + 0.01 * i, 2) for i in range(51))  # 0.30 .. 0.80
FOLDS = 5
FUZZY_MIN = 85.0
#: L2 strengths tried for the logistic model (chosen by dev CV accuracy, ties: stronger).
L2_GRID = (0.1, 1.0, 5.0, 20.0)

Embed = Callable[[Sequence[str]], list[list[float]]]


class GapLabelsError(GoldSetError):
    """The gap label file is missing or malformed."""

    category = ErrorCategory.INPUT


@dataclass(frozen=True)
class Label:
    id: str
    topic: str
    covered: bool
    start: int | None
    end: int | None
    evidence: tuple[str, ...]
    split: str = "dev"
    source: str = "gold"
    document: str | None = None


@dataclass
class Agreement:
    """Binary agreement, with "gap" as the positive class (what a committee acts on)."""

    threshold: float | None
    n: int = 0
    tp: int = 0  # predicted gap, labelled gap
    fp: int = 0  # predicted gap, labelled covered
    fn: int = 0  # predicted covered, labelled gap
    tn: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, predicted_covered: bool, labelled_covered: bool) -> None:
        self.n += 1
        if not predicted_covered and not labelled_covered:
            self.tp += 1
        elif not predicted_covered and labelled_covered:
            self.fp += 1
        elif predicted_covered and not labelled_covered:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def gap_precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def gap_recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def kappa(self) -> float:
        """Cohen's kappa: agreement beyond what the two marginals give by chance."""
        if not self.n:
            return 0.0
        observed = self.accuracy
        predicted_gap = (self.tp + self.fp) / self.n
        labelled_gap = (self.tp + self.fn) / self.n
        chance = predicted_gap * labelled_gap + (1 - predicted_gap) * (1 - labelled_gap)
        return 0.0 if chance >= 1 else (observed - chance) / (1 - chance)

    def as_dict(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "gap_precision": round(self.gap_precision, 4),
            "gap_recall": round(self.gap_recall, 4),
            "kappa": round(self.kappa, 4),
            "confusion": {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn},
            **self.extra,
        }


def load_labels(path: Path | None = None, source: str | None = None) -> list[Label]:
    """Labels of one file (``items`` or ``labels`` list); items without ``split`` are dev."""
    path = path or corpus_path(*DEFAULT_LABELS)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(data, dict):
            items = data["items"] if "items" in data else data["labels"]
        else:
            items = data
        labels = [
            Label(
                id=str(item["id"]),
                topic=str(item["topic"]).strip(),
                covered={"covered": True, "gap": False}[item["label"]],
                start=item.get("start"),
                end=item.get("end"),
                evidence=tuple(item.get("evidence") or ()),
                split=str(item.get("split") or "dev"),
                source=source or Path(path).parent.name,
                document=item.get("document"),
            )
            for item in items
        ]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GapLabelsError(f"cannot read gap labels {path}: {error}") from error
    except (KeyError, TypeError) as error:
        raise GapLabelsError(
            f"gap labels {path}: every item needs id, topic and label covered|gap ({error})"
        ) from error
    if not labels or any(not label.topic for label in labels):
        raise GapLabelsError(f"gap labels {path}: no items, or an item without a topic")
    return labels


def agreement_at(
    scores: Sequence[float | None], labels: Sequence[Label], threshold: float
) -> Agreement:
    result = Agreement(threshold=threshold)
    for score, label in zip(scores, labels, strict=True):
        result.add(score is not None and score >= threshold, label.covered)
    return result


def best_threshold(
    scores: Sequence[float | None], labels: Sequence[Label], sweep: Sequence[float] = SWEEP
) -> float:
    """The threshold with the best accuracy, ties broken by kappa, then by the middle of the
    tied run (a plateau's centre generalizes better than its edge)."""
    ranked = [(agreement_at(scores, labels, t), t) for t in sweep]
    top = max((a.accuracy, a.kappa) for a, _ in ranked)
    tied = [t for a, t in ranked if (a.accuracy, a.kappa) == top]
    return tied[len(tied) // 2]


def fold_assignment(labels: Sequence[Label], folds: int = FOLDS) -> dict[int, int]:
    """Stratified, deterministic folds: every k-th item of each class by label id."""
    order = sorted(range(len(labels)), key=lambda i: (labels[i].covered, labels[i].id))
    return {index: position % folds for position, index in enumerate(order)}


def cross_validate(
    scores: Sequence[float | None],
    labels: Sequence[Label],
    folds: int = FOLDS,
    sweep: Sequence[float] = SWEEP,
) -> Agreement:
    """Threshold chosen on k-1 folds, applied to the held-out fold; pooled confusion. Folds
    are stratified and deterministic (every k-th item of each class by label id)."""
    fold_of = fold_assignment(labels, folds)
    pooled = Agreement(threshold=None)
    chosen = []
    for fold in range(folds):
        train = [i for i in range(len(labels)) if fold_of[i] != fold]
        test = [i for i in range(len(labels)) if fold_of[i] == fold]
        if not train or not test:
            continue
        threshold = best_threshold([scores[i] for i in train], [labels[i] for i in train], sweep)
        chosen.append(threshold)
        for i in test:
            score = scores[i]
            pooled.add(score is not None and score >= threshold, labels[i].covered)
    pooled.extra["fold_thresholds"] = chosen
    pooled.extra["folds"] = folds
    return pooled


# --------------------------------------------------------------------------- the model


def fit_logistic(
    features: Sequence[Sequence[float]],
    covered: Sequence[bool],
    l2: float = 1.0,
    iterations: int = 4000,
    rate: float = 0.5,
) -> CoverageModel:
    """Logistic regression by gradient descent on standardized features (plain numpy), L2 on
    the weights; returned in raw feature units (what ``CoverageModel`` applies)."""
    import numpy as np

    x = np.asarray(features, dtype=float)
    y = np.asarray(covered, dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = (x - mean) / std
    w, b = np.zeros(z.shape[1]), 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ w + b)))
        w -= rate * (z.T @ (p - y) + l2 * w) / len(y)
        b -= rate * float((p - y).mean())
    raw = w / std
    return CoverageModel(
        weights=tuple(round(float(v), 4) for v in raw),
        intercept=round(float(b - raw @ mean), 4),
    )


def _model_agreement(
    model: CoverageModel, features: Sequence[VerdictFeatures], labels: Sequence[Label]
) -> Agreement:
    result = Agreement(threshold=0.5)
    for item, label in zip(features, labels, strict=True):
        result.add(model.probability(item) >= 0.5, label.covered)
    return result


def cross_validate_model(
    features: Sequence[VerdictFeatures], labels: Sequence[Label], l2: float, folds: int = FOLDS
) -> Agreement:
    fold_of = fold_assignment(labels, folds)
    pooled = Agreement(threshold=0.5)
    for fold in range(folds):
        train = [i for i in range(len(labels)) if fold_of[i] != fold]
        test = [i for i in range(len(labels)) if fold_of[i] == fold]
        if not train or not test:
            continue
        model = fit_logistic(
            [features[i].vector() for i in train], [labels[i].covered for i in train], l2
        )
        for i in test:
            pooled.add(model.probability(features[i]) >= 0.5, labels[i].covered)
    pooled.extra["l2"] = l2
    return pooled


def choose_model(
    features: Sequence[VerdictFeatures], labels: Sequence[Label]
) -> tuple[CoverageModel, Agreement]:
    """The L2 with the best dev CV accuracy (ties: kappa, then the stronger L2), refit on all
    dev. Returns the model and its CV agreement."""
    best: tuple[tuple[float, float, float], Agreement] | None = None
    for l2 in L2_GRID:
        cv = cross_validate_model(features, labels, l2)
        key = (cv.accuracy, cv.kappa, l2)
        if best is None or key > best[0]:
            best = (key, cv)
    assert best is not None
    cv = best[1]
    model = fit_logistic(
        [f.vector() for f in features], [lab.covered for lab in labels], cv.extra["l2"]
    )
    return model, cv


# --------------------------------------------------------------------------- evidence


def collect_evidence(
    graph: ReadsGraph, labels: Sequence[Label], embed: Embed
) -> dict[str, VerdictFeatures]:
    """Features per label id: every topic embedded, ONE GAP_EVIDENCE query for all."""
    vectors = embed([label.topic for label in labels])
    rows = [{"id": label.id, "key": None, "topic": label.topic} for label in labels]
    result = graph.read(
        gaps_queries.GAP_EVIDENCE, evidence_parameters(evidence_payload(rows, vectors))
    )
    found = {str(r["id"]): r for r in result}
    return {
        label.id: verdict_features(
            label.topic,
            list((found.get(label.id) or {}).get("vector_hits") or []),
            list((found.get(label.id) or {}).get("text_hits") or []),
        )
        for label in labels
    }


def title_scores(titles: Any, labels: Sequence[Label], embed: Embed) -> list[float | None]:
    """Best cosine of each topic against the titles of every current edition (the
    ``TitleVectors`` matrix: unit rows)."""
    import numpy as np

    if not len(titles.matrix):
        return [None] * len(labels)
    queries = np.asarray(embed([label.topic for label in labels]), dtype=np.float32)
    return [float(v) for v in (queries @ titles.matrix.T).max(axis=1)]


def _threshold_rows(
    scores: Sequence[float | None],
    labels: Sequence[Label],
    dev: list[int],
    held: list[int],
    sealed: Mapping[str, list[int]] | None = None,
) -> dict[str, Any]:
    dev_scores, dev_labels = [scores[i] for i in dev], [labels[i] for i in dev]
    threshold = best_threshold(dev_scores, dev_labels)
    rows = {
        "dev_cv": cross_validate(dev_scores, dev_labels).as_dict(),
        "heldout": agreement_at(
            [scores[i] for i in held], [labels[i] for i in held], threshold
        ).as_dict(),
        "threshold": threshold,
    }
    for name, indexes in (sealed or {}).items():
        rows[name] = agreement_at(
            [scores[i] for i in indexes], [labels[i] for i in indexes], threshold
        ).as_dict()
    return rows


def neighbourhood_score(features: VerdictFeatures) -> float:
    """What the shipped verdict thresholds: the nearest work's cosine and its neighbourhood's
    (the mean of the two nearest), averaged."""
    return (features.max_cosine + features.mean_top2) / 2


def label_set(label: Label) -> str:
    """The set a label was written in: its file, and its split within the file."""
    return label.split if label.split != "dev" else f"{label.source}:dev"


def leave_one_set_out(
    labels: Sequence[Label], feats: Sequence[VerdictFeatures]
) -> dict[str, dict[str, Any]]:
    """Each verdict fit on all label sets but one and scored on that one: how it does on
    topics written by someone else, at another time, about other texts. Thresholds are
    chosen for accuracy on the other sets; the logistic model with the dev L2."""
    sets = sorted({label_set(label) for label in labels})
    scorers: dict[str, Callable[[VerdictFeatures], float | None]] = {
        "max-cosine": lambda f: f.max_cosine if f.best_ref else None,
        "neighbourhood": lambda f: neighbourhood_score(f) if f.best_ref else None,
    }
    result: dict[str, dict[str, Any]] = {name: {} for name in (*scorers, "logistic, 5 features")}
    for held_set in sets:
        train = [i for i, label in enumerate(labels) if label_set(label) != held_set]
        test = [i for i, label in enumerate(labels) if label_set(label) == held_set]
        for name, score in scorers.items():
            threshold = best_threshold([score(feats[i]) for i in train], [labels[i] for i in train])
            result[name][held_set] = agreement_at(
                [score(feats[i]) for i in test], [labels[i] for i in test], threshold
            ).as_dict()
        model = fit_logistic(
            [feats[i].vector() for i in train], [labels[i].covered for i in train], 5.0
        )
        result["logistic, 5 features"][held_set] = _model_agreement(
            model, [feats[i] for i in test], [labels[i] for i in test]
        ).as_dict()
    for rows in result.values():
        per_set = list(rows.values())
        rows["mean"] = {
            "accuracy": round(sum(r["accuracy"] for r in per_set) / len(per_set), 3),
            "gap_recall": round(sum(r["gap_recall"] for r in per_set) / len(per_set), 3),
        }
    return result


def sealed_splits(labels: Sequence[Label]) -> dict[str, list[int]]:
    """Splits other than dev and heldout ("heldout2": a later set, scored once), each
    reported on its own."""
    names = sorted({label.split for label in labels} - {"dev", "heldout"})
    return {name: [i for i, label in enumerate(labels) if label.split == name] for name in names}


def evaluate_verdicts(
    labels: Sequence[Label],
    features: Mapping[str, VerdictFeatures],
    title_max: Sequence[float | None] | None = None,
    model: CoverageModel | None = None,
) -> dict[str, Any]:
    """Baselines and the combined verdict, dev (CV) and heldout, plus the refit model."""
    model = model or COVERAGE_MODEL
    sealed = sealed_splits(labels)
    dev = [i for i, label in enumerate(labels) if label.split == "dev"]
    held = [i for i, label in enumerate(labels) if label.split == "heldout"]
    feats = [features[label.id] for label in labels]
    methods: dict[str, Any] = {
        "max-cosine (stored vectors)": _threshold_rows(
            [f.max_cosine if f.best_ref else None for f in feats], labels, dev, held, sealed
        )
    }
    if title_max is not None:
        methods["max-cosine (titles)"] = _threshold_rows(title_max, labels, dev, held, sealed)
    methods["neighbourhood"] = _threshold_rows(
        [neighbourhood_score(f) if f.best_ref else None for f in feats], labels, dev, held, sealed
    )
    methods["neighbourhood"]["shipped"] = {
        split: _model_agreement(
            model, [feats[i] for i in indexes], [labels[i] for i in indexes]
        ).as_dict()
        for split, indexes in (("dev", dev), ("heldout", held), *sealed.items())
    }
    refit, cv = choose_model([feats[i] for i in dev], [labels[i] for i in dev])
    methods["logistic, 5 features"] = {
        "dev_cv": cv.as_dict(),
        "heldout": _model_agreement(
            refit, [feats[i] for i in held], [labels[i] for i in held]
        ).as_dict(),
    }
    for name, indexes in sealed.items():
        methods["logistic, 5 features"][name] = _model_agreement(
            refit, [feats[i] for i in indexes], [labels[i] for i in indexes]
        ).as_dict()
    per_label = {
        label.id: {
            "topic": label.topic,
            "label": "covered" if label.covered else "gap",
            "split": label.split,
            "source": label.source,
            "probability": round(model.probability(feats[i]), 4),
            "features": dict(
                zip(FEATURE_NAMES, (round(v, 4) for v in feats[i].vector()), strict=True)
            ),
            "nearest": feats[i].best_ref,
        }
        for i, label in enumerate(labels)
    }
    return {
        "methods": methods,
        "leave_one_set_out": leave_one_set_out(labels, feats),
        "refit": {
            "features": list(FEATURE_NAMES),
            "weights": list(refit.weights),
            "intercept": refit.intercept,
            "l2": cv.extra["l2"],
            "shipped": {"weights": list(model.weights), "intercept": model.intercept},
        },
        "per_label": per_label,
        "counts": {
            "dev": len(dev),
            "dev_gaps": sum(1 for i in dev if not labels[i].covered),
            "heldout": len(held),
            "heldout_gaps": sum(1 for i in held if not labels[i].covered),
            **{name: len(indexes) for name, indexes in sealed.items()},
        },
        "sealed_splits": list(sealed),
    }


# --------------------------------------------------------------------------- end to end


def align(
    labels: Sequence[Label], requirements: Sequence[Mapping[str, Any]]
) -> dict[str, Mapping[str, Any] | None]:
    """Label id -> the extracted requirement it corresponds to: the largest span overlap, else
    the best fuzzy topic match at or above ``FUZZY_MIN``, else None (extraction missed it)."""
    from rapidfuzz import fuzz

    aligned: dict[str, Mapping[str, Any] | None] = {}
    for label in labels:
        best: tuple[float, Mapping[str, Any]] | None = None
        if label.start is not None and label.end is not None:
            for req in requirements:
                start, end = req.get("start"), req.get("end")
                if start is None or end is None:
                    continue
                overlap = min(end, label.end) - max(start, label.start)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (float(overlap), req)
        if best is None:
            for req in requirements:
                similarity = fuzz.token_set_ratio(label.topic.lower(), str(req["topic"]).lower())
                if similarity >= FUZZY_MIN and (best is None or similarity > best[0]):
                    best = (similarity, req)
        aligned[label.id] = best[1] if best else None
    return aligned


def evaluate_end_to_end(
    service: GapService, labels: Sequence[Label], document: str
) -> dict[str, Any]:
    report = service.report(document)
    requirements = [
        {**r.model_dump(), "start": o.start, "end": o.end, "topic": r.topic}
        for r in report.requirements
        for o in (r.occurrences or [None])  # type: ignore[list-item]
        if o is not None
    ]
    aligned = align(labels, requirements)
    agreement = Agreement(threshold=service.thresholds.covered)
    missed = []
    for label in labels:
        req = aligned[label.id]
        if req is None:
            missed.append(label.topic)
            continue
        agreement.add(bool(req["covered"]), label.covered)
    agreement.extra.update(
        {
            "document": document,
            "labels": len(labels),
            "aligned": len(labels) - len(missed),
            "not_extracted": missed,
            "rows_in_report": len(report.requirements),
        }
    )
    return agreement.as_dict()


def evaluate(
    graph: ReadsGraph,
    embed: Embed,
    labels_paths: Sequence[Path] | None = None,
    document: str = ACTION_PLAN,
    titles: Any = None,
) -> dict[str, Any]:
    """The full evaluation (see the module doc). ``titles``: a ``TitleVectors`` for the title
    baseline (None skips it)."""
    paths = list(labels_paths or [corpus_path(*DEFAULT_LABELS), corpus_path(*FULLSCALE_LABELS)])
    labels = [label for path in paths for label in load_labels(path)]
    features = collect_evidence(graph, labels, embed)
    title_max = title_scores(titles, labels, embed) if titles is not None else None
    result: dict[str, Any] = {"label_files": [str(p) for p in paths], "labels": len(labels)}
    result.update(evaluate_verdicts(labels, features, title_max))
    exists = graph.read(gaps_queries.GAP_EXISTS, {"document": document, "domain": None})
    if exists and exists[0].get("document"):
        # the first label file has no document field: all its topics are the action plan's
        on_document = [label for label in labels if (label.document or ACTION_PLAN) == document]
        e2e = evaluate_end_to_end(GapService(graph), on_document, document)
        e2e["by_split"] = {
            split: evaluate_end_to_end(
                GapService(graph), [lab for lab in on_document if lab.split == split], document
            )
            for split in ("dev", "heldout")
        }
        result["end_to_end"] = e2e
    else:
        result["end_to_end"] = {"skipped": f"document {document!r} is not in the graph"}
    return result


def format_table(result: Mapping[str, Any]) -> str:
    counts = result["counts"]
    lines = [
        f"{result['labels']} labelled topics: dev {counts['dev']} ({counts['dev_gaps']} gaps, "
        f"5-fold CV), heldout {counts['heldout']} ({counts['heldout_gaps']} gaps)",
        "",
        f"{'verdict':<30} {'split':<8} {'acc':>6} {'kappa':>6} {'gap P':>6} {'gap R':>6}  note",
    ]
    sealed = [(name, name) for name in result.get("sealed_splits", [])]
    if sealed:
        lines.insert(1, "sealed: " + ", ".join(f"{n} {counts[n]}" for n, _ in sealed))
    for name, method in result["methods"].items():
        for split, key in (("dev CV", "dev_cv"), ("heldout", "heldout"), *sealed):
            a = method[key]
            note = f"threshold {method['threshold']:.2f}" if "threshold" in method else ""
            if name == "logistic, 5 features" and key == "dev_cv":
                note = f"L2 {a.get('l2')}"
            lines.append(
                f"{name:<30} {split:<8} {a['accuracy']:>6.3f} {a['kappa']:>6.3f}"
                f" {a['gap_precision']:>6.3f} {a['gap_recall']:>6.3f}  {note}"
            )
    shipped = result["methods"].get("neighbourhood", {}).get("shipped", {})
    shipped_name = f"shipped verdict ({NEIGHBOURHOOD_THRESHOLD:.2f})"
    for split, a in shipped.items():
        lines.append(
            f"{shipped_name:<30} {split:<8} {a['accuracy']:>6.3f} {a['kappa']:>6.3f}"
            f" {a['gap_precision']:>6.3f} {a['gap_recall']:>6.3f}  fixed, no fitting"
        )
    loso = result.get("leave_one_set_out", {})
    if loso:
        sets = [name for name in next(iter(loso.values())) if name != "mean"]
        lines += [
            "",
            "leave one label set out (fit on the others; accuracy / gap recall):",
            f"{'verdict':<22} " + " ".join(f"{name[:14]:>14}" for name in sets) + "      mean",
        ]
        for name, rows in loso.items():
            cells = " ".join(
                f"{rows[s]['accuracy']:.3f}/{rows[s]['gap_recall']:.2f}".rjust(14) for s in sets
            )
            mean = rows["mean"]
            lines.append(f"{name:<22} {cells}  {mean['accuracy']:.3f}/{mean['gap_recall']:.2f}")
    refit = result["refit"]
    lines += [
        "",
        "refit on all dev ("
        + ", ".join(refit["features"])
        + "): weights "
        + ", ".join(f"{w:+.4f}" for w in refit["weights"])
        + f"; intercept {refit['intercept']:+.4f}; L2 {refit['l2']}",
        "shipped (analysis.gaps.COVERAGE_MODEL): weights "
        + ", ".join(f"{w:+.4f}" for w in refit["shipped"]["weights"])
        + f"; intercept {refit['shipped']['intercept']:+.4f}",
    ]
    e2e = result["end_to_end"]
    lines.append("")
    if "skipped" in e2e:
        lines.append(f"end to end: skipped ({e2e['skipped']})")
    else:
        lines.append(
            f"end to end (/gaps on {e2e['document']}): {e2e['aligned']}/{e2e['labels']} labels "
            f"aligned to extracted requirements ({e2e['rows_in_report']} rows); accuracy "
            f"{e2e['accuracy']:.3f}, kappa {e2e['kappa']:.3f}, gap P {e2e['gap_precision']:.3f}"
            f" R {e2e['gap_recall']:.3f}"
        )
        for split, part in e2e.get("by_split", {}).items():
            lines.append(
                f"  {split:<8} {part['aligned']}/{part['labels']} aligned; accuracy "
                f"{part['accuracy']:.3f}, kappa {part['kappa']:.3f}, gap P "
                f"{part['gap_precision']:.3f} R {part['gap_recall']:.3f}"
            )
    return "\n".join(lines) + "\n"
