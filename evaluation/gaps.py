"""``stdkg eval gaps``: how well the gap verdicts agree with hand labels, and where the
"covered" threshold comes from.

Two measurements, both against the loaded catalogue:

1. **Matcher** (calibration). Every labelled topic of ``corpus/gold/gap_labels.json`` is
   embedded and matched against current standards through the same vector index ``/gaps`` uses.
   Sweeping the threshold over the best score gives agreement per threshold; the reported
   number is **cross-validated** (threshold chosen on k-1 folds, scored on the held-out fold),
   because choosing and scoring on the same 60 labels would flatter it.
   When the full catalogue is not loaded (embedding 144k texts takes hours on a small CPU),
   ``--pool`` runs the same measurement offline against a **catalogue pool**: every current
   standard of the shared catalogues whose title shares words with a labelled topic (the
   lexical neighbourhood: top ``POOL_PER_TOPIC`` per topic) plus the labels' evidence,
   embedded once through the shared embedding cache. It approximates the full index: a
   semantically close standard with no word in common is missed.
2. **End to end**. ``/gaps`` for the labelled document: each label is aligned to an extracted
   requirement by span overlap, else by fuzzy topic match (rapidfuzz), and the verdicts are
   compared. This also measures what extraction misses (labels with no requirement).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.gaps import CALIBRATED_COVERED_THRESHOLD, VECTOR_FETCH, GapService
from corpus import corpus_path
from evaluation.gold import GoldSetError, catalogue_paths, ingest_gold_standards
from graph.queries import gaps as gaps_queries
from graph.reader import ReadsGraph
from stdkg.config import Settings
from stdkg.errors import ErrorCategory

DEFAULT_LABELS = ("gold", "gap_labels.json")
POOL_PER_TOPIC = 12
_STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or"}
    | {"the", "to", "with", "urban", "city", "cities", "public", "services", "service"}
    | {"standard", "standards", "system"}
)
SWEEP = tuple(round(0.30 + 0.01 * i, 2) for i in range(51))  # 0.30 .. 0.80
FOLDS = 5
FUZZY_MIN = 85.0

Embed = Callable[[Sequence[str]], list[list[float]]]

#: Query texts tried for a topic. ``topic`` is what ``/gaps`` embeds (the Requirement's stored
#: embedding is its topic); the others test whether context helps.
QUERY_VARIANTS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "topic": lambda item: str(item["topic"]),
    "topic+urban": lambda item: f"{item['topic']} in cities",
    "standard-phrasing": lambda item: f"{item['topic']} - requirements and guidelines",
}


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


def load_labels(path: Path | None = None) -> list[Label]:
    path = path or corpus_path(*DEFAULT_LABELS)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        items = data["items"] if isinstance(data, dict) else data
        labels = [
            Label(
                id=str(item["id"]),
                topic=str(item["topic"]).strip(),
                covered={"covered": True, "gap": False}[item["label"]],
                start=item.get("start"),
                end=item.get("end"),
                evidence=tuple(item.get("evidence") or ()),
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


def cross_validate(
    scores: Sequence[float | None],
    labels: Sequence[Label],
    folds: int = FOLDS,
    sweep: Sequence[float] = SWEEP,
) -> Agreement:
    """Threshold chosen on k-1 folds, applied to the held-out fold; pooled confusion. Folds
    are stratified and deterministic (every k-th item of each class by label id)."""
    order = sorted(range(len(labels)), key=lambda i: (labels[i].covered, labels[i].id))
    fold_of = {index: position % folds for position, index in enumerate(order)}
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


def match_topics(
    graph: ReadsGraph, vectors: Sequence[Sequence[float]], ids: Sequence[str], top: int = 3
) -> dict[str, list[dict]]:
    rows = [{"id": i, "vector": list(v)} for i, v in zip(ids, vectors, strict=True)]
    result = graph.read(
        gaps_queries.GAP_MATCH_VECTORS, {"rows": rows, "fetch": VECTOR_FETCH, "top": top}
    )
    return {str(r["id"]): list(r["matches"] or []) for r in result}


def score_report(
    scores: Sequence[float | None], labels: Sequence[Label], sweep: Sequence[float] = SWEEP
) -> dict[str, Any]:
    """Agreement of one scoring of the labelled topics: in-sample best threshold, at the
    configured threshold, cross-validated, and the whole sweep."""
    best = best_threshold(scores, labels, sweep)
    return {
        "in_sample_best": agreement_at(scores, labels, best).as_dict(),
        "at_default": agreement_at(scores, labels, CALIBRATED_COVERED_THRESHOLD).as_dict(),
        "cross_validated": cross_validate(scores, labels, sweep=sweep).as_dict(),
        "sweep": [
            {
                "threshold": t,
                **{
                    k: v
                    for k, v in agreement_at(scores, labels, t).as_dict().items()
                    if k in ("accuracy", "kappa", "gap_precision", "gap_recall")
                },
            }
            for t in sweep
        ],
    }


TopicMatcher = Callable[[Sequence[Sequence[float]], Sequence[str]], dict[str, list[dict]]]


def evaluate_matcher(
    graph: ReadsGraph | None,
    embed: Embed,
    labels: Sequence[Label],
    matcher: TopicMatcher | None = None,
) -> dict[str, Any]:
    """Per query variant: the sweep, the in-sample best, and the cross-validated agreement.
    ``matcher`` replaces the graph's vector index (the offline catalogue pool)."""
    if matcher is None:
        if graph is None:
            raise ValueError("evaluate_matcher needs a graph or a matcher")
        live_graph = graph

        def matcher(vectors: Sequence[Sequence[float]], ids: Sequence[str]) -> dict:
            return match_topics(live_graph, vectors, ids)

    variants: dict[str, Any] = {}
    per_label: dict[str, dict[str, Any]] = {}
    for name, make_text in QUERY_VARIANTS.items():
        texts = [make_text({"topic": label.topic}) for label in labels]
        matches = matcher(embed(texts), [label.id for label in labels])
        scores: list[float | None] = [
            float(matches[label.id][0]["score"]) if matches.get(label.id) else None
            for label in labels
        ]
        variants[name] = score_report(scores, labels)
        if name == "topic":
            for label, score in zip(labels, scores, strict=True):
                found = matches.get(label.id) or []
                evidence_hit = bool(
                    {m.get("ref") for m in found} & set(label.evidence)
                    or {m.get("work") for m in found} & {_work(ref) for ref in label.evidence}
                )
                per_label[label.id] = {
                    "topic": label.topic,
                    "label": "covered" if label.covered else "gap",
                    "best_score": None if score is None else round(score, 4),
                    "top": [f"{m.get('ref')} ({float(m['score']):.2f})" for m in found],
                    "evidence_in_top3": evidence_hit,
                }
    return {"variants": variants, "labels": per_label}


def _words(text: str) -> set[str]:
    import re

    return {
        w[:6]  # crude stem: 'monitoring'/'monitor', 'services'/'service'
        for w in re.findall(r"[a-z][a-z\-]+", text.lower())
        if w not in _STOPWORDS and len(w) > 2
    }


@dataclass
class CataloguePool:
    """Current standards near the labelled topics, with their embeddings (see module doc)."""

    refs: list[str]
    works: list[str]
    titles: list[str]
    vectors: Any  # numpy array (n, 384), unit rows

    def lexical(self, topic: str) -> float:
        """Best share of the topic's content words found in one pool title (0..1): what a
        full-text match can tell on its own."""
        wanted = _words(topic)
        if not wanted:
            return 0.0
        return max(
            (len(wanted & _words(title)) / len(wanted) for title in self.titles), default=0.0
        )

    def match(
        self, vectors: Sequence[Sequence[float]], ids: Sequence[str], top: int = 3
    ) -> dict[str, list[dict]]:
        import numpy as np

        scores = np.asarray(vectors, dtype=np.float32) @ self.vectors.T
        result: dict[str, list[dict]] = {}
        for row, label_id in enumerate(ids):
            best = np.argsort(-scores[row])[:top]
            result[label_id] = [
                {
                    "ref": self.refs[i],
                    "work": self.works[i],
                    "title": self.titles[i],
                    "score": float(scores[row, i]),
                }
                for i in best
            ]
        return result


def build_catalogue_pool(
    labels: Sequence[Label],
    embed: Embed,
    shared_data: Path,
    per_topic: int = POOL_PER_TOPIC,
    *,
    settings: Settings,
) -> CataloguePool:
    """Read the current standards of the shared catalogues, keep each topic's lexical
    neighbourhood plus the evidence, embed them through the shared cache."""
    import numpy as np

    from graph.catalog.records import CatalogRecord, embedding_text
    from graph.catalog.relaton import read_relaton
    from graph.embeddings import EmbeddingCache, embed_with_cache

    records: dict[str, CatalogRecord] = {}
    for path in catalogue_paths(shared_data):
        for record in read_relaton(path):
            if isinstance(record, CatalogRecord) and record.status == "current":
                records.setdefault(record.ref, record)
    evidence = {ref for label in labels for ref in label.evidence}
    chosen: dict[str, CatalogRecord] = {r: records[r] for r in evidence if r in records}
    title_words = {ref: _words(rec.title or "") for ref, rec in records.items()}
    for label in labels:
        wanted = _words(label.topic)
        if not wanted:
            continue
        ranked = sorted(
            (
                (len(wanted & words) / len(wanted), ref)
                for ref, words in title_words.items()
                if wanted & words
            ),
            key=lambda item: (-item[0], item[1]),
        )
        for _, ref in ranked[:per_topic]:
            chosen[ref] = records[ref]
    ordered = sorted(chosen.values(), key=lambda rec: rec.ref)
    from nlp.embedder import get_embedder

    cache = EmbeddingCache.for_model(settings.cache_dir, get_embedder(settings).cache_key)
    try:
        vectors, _ = embed_with_cache(
            [embedding_text(rec.ref, rec.title, rec.abstract) for rec in ordered],
            embed,
            cache,
            progress=True,
        )
    finally:
        cache.close()
    return CataloguePool(
        refs=[rec.ref for rec in ordered],
        works=[rec.work for rec in ordered],
        titles=[rec.title or "" for rec in ordered],
        vectors=np.asarray(vectors, dtype=np.float32),
    )


def load_pool_into_graph(
    graph: ReadsGraph, pool: CataloguePool, settings: Settings, shared_data: Path
) -> str:
    """Ingest the pool's standards through the catalogue ingestion (embeddings come from the
    shared cache the pool filled)."""
    driver = getattr(graph, "driver", None)
    if driver is None:
        raise GapLabelsError("loading the pool needs a graph with a driver (graph.reader)")
    wanted = set(pool.refs)
    summary = ingest_gold_standards(
        driver,
        settings,
        lambda record: record.ref in wanted,
        catalogues=catalogue_paths(shared_data),
    )
    return str(summary)


def _work(ref: str) -> str:
    """Rough work of a label's evidence ref (drop ':year' and ' (mm/yyyy)') for comparison."""
    return ref.split(" (")[0].split(":")[0]


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


def _pair_agreement(pairs: Sequence[tuple[Any, Label]], threshold: float) -> Agreement:
    result = Agreement(threshold=threshold)
    for req, label in pairs:
        score = req.get("best_score")
        result.add(score is not None and score >= threshold, label.covered)
    return result


def evaluate_end_to_end(
    service: GapService, labels: Sequence[Label], document: str
) -> dict[str, Any]:
    report = service.report(document)
    requirements = [r.model_dump() for r in report.requirements]
    aligned = align(labels, requirements)
    agreement = Agreement(threshold=service.thresholds.covered)
    missed = []
    for label in labels:
        req = aligned[label.id]
        if req is None:
            missed.append(label.topic)
            continue
        agreement.add(bool(req["covered"]), label.covered)
    pairs = [(aligned[label.id], label) for label in labels if aligned[label.id] is not None]
    agreement.extra["sweep"] = [
        {
            "threshold": t,
            **{
                k: v
                for k, v in _pair_agreement(pairs, t).as_dict().items()
                if k in ("accuracy", "kappa", "gap_precision", "gap_recall")
            },
        }
        for t in tuple(round(0.40 + 0.01 * i, 2) for i in range(21))
    ]
    agreement.extra.update(
        {
            "document": document,
            "labels": len(labels),
            "aligned": len(labels) - len(missed),
            "not_extracted": missed,
            "requirements_in_report": len(requirements),
        }
    )
    return agreement.as_dict()


def evaluate(
    graph: ReadsGraph,
    embed: Embed,
    labels_path: Path | None = None,
    document: str = "cn-urban-standardization-action-plan-2023-en",
    pool_from: Path | None = None,
    load_pool: bool = False,
    settings: Settings | None = None,
) -> dict[str, Any]:
    """The full evaluation; with ``pool_from`` (the shared data folder) the matcher is also
    measured on the offline catalogue pool, and with ``load_pool`` the pool's standards are
    first loaded into the graph (idempotent), so the graph and end-to-end measurements see the
    labelled topics' neighbourhood even when only the demo subset is loaded."""
    labels = load_labels(labels_path)
    result: dict[str, Any] = {
        "labels": len(labels),
        "labelled_gaps": sum(1 for label in labels if not label.covered),
        "default_threshold": CALIBRATED_COVERED_THRESHOLD,
    }
    if pool_from is not None and settings is None:
        from stdkg.config import get_settings  # evaluation is an entry point

        settings = get_settings()
    pool = None
    if pool_from is not None and settings is not None:
        pool = build_catalogue_pool(labels, embed, pool_from, settings=settings)
        if load_pool:
            result["pool_loaded"] = load_pool_into_graph(graph, pool, settings, pool_from)
    result["matcher"] = evaluate_matcher(graph, embed, labels)
    if pool is not None:
        pooled = evaluate_matcher(None, embed, labels, matcher=pool.match)
        pooled["pool_size"] = len(pool.refs)
        # Does full text add anything? The lexical signal alone, and averaged with the cosine.
        vector = [pooled["labels"][label.id]["best_score"] for label in labels]
        lexical = [pool.lexical(label.topic) for label in labels]
        lexical_sweep = tuple(round(0.05 * i, 2) for i in range(21))
        pooled["variants"]["lexical-only"] = score_report(lexical, labels, lexical_sweep)
        pooled["variants"]["topic+lexical"] = score_report(
            [None if v is None else (v + w) / 2 for v, w in zip(vector, lexical, strict=True)],
            labels,
        )
        result["matcher_pool"] = pooled
    exists = graph.read(gaps_queries.GAP_EXISTS, {"document": document, "domain": None})
    if exists and exists[0].get("document"):
        result["end_to_end"] = evaluate_end_to_end(GapService(graph), labels, document)
    else:
        result["end_to_end"] = {"skipped": f"document {document!r} is not in the graph"}
    return result


def format_table(result: Mapping[str, Any]) -> str:
    lines = [
        f"{result['labels']} labelled topics ({result['labelled_gaps']} gaps); "
        f"configured threshold {result['default_threshold']:.2f}",
        "",
        f"{'matcher variant':<20} {'CV acc':>7} {'CV kappa':>9} {'gap P':>6} {'gap R':>6}"
        f"   in-sample best (thr, acc)   acc @ default",
    ]
    for section, title in (("matcher", "loaded graph"), ("matcher_pool", "catalogue pool")):
        if section not in result:
            continue
        size = result[section].get("pool_size")
        lines.append(f"-- against the {title}" + (f" ({size} standards)" if size else ""))
        for name, v in result[section]["variants"].items():
            cv, best, default = v["cross_validated"], v["in_sample_best"], v["at_default"]
            lines.append(
                f"{name:<20} {cv['accuracy']:>7.3f} {cv['kappa']:>9.3f}"
                f" {cv['gap_precision']:>6.3f} {cv['gap_recall']:>6.3f}"
                f"   {best['threshold']:.2f}, {best['accuracy']:.3f}"
                f"                 {default['accuracy']:.3f}"
            )
    e2e = result["end_to_end"]
    lines.append("")
    if "skipped" in e2e:
        lines.append(f"end to end: skipped ({e2e['skipped']})")
    else:
        lines.append(
            f"end to end (/gaps on {e2e['document']}): {e2e['aligned']}/{e2e['labels']} labels "
            f"aligned to extracted requirements; accuracy {e2e['accuracy']:.3f}, kappa "
            f"{e2e['kappa']:.3f}, gap P {e2e['gap_precision']:.3f} R {e2e['gap_recall']:.3f}"
        )
    return "\n".join(lines) + "\n"
