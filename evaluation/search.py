"""Search quality on the labelled queries of ``corpus/gold/search_queries.json``.

Why these three metrics: nDCG@10 rewards putting the grade-3 standard above grade-1 ones in
the first screen; Recall@20 says whether the relevant standards are reachable at all (what
fusion can work with); MRR@10 is how far a user scrolls to the first useful hit. All three run
for lexical, semantic and hybrid in one pass, against whatever graph is loaded, so a tuning
change is judged on the same data for every mode.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from analysis.models import SearchHit, SearchKind, SearchMode, StatusFilter
from analysis.search import SearchParams, SearchService
from corpus import corpus_path
from evaluation.gold import GoldSetError, ingest_gold_standards

DEFAULT_GOLD = ("gold", "search_queries.json")
NDCG_AT, RECALL_AT, MRR_AT = 10, 20, 10
MODES = (SearchMode.lexical, SearchMode.semantic, SearchMode.hybrid)


def load_gold(path: Path | None = None) -> list[dict[str, Any]]:
    """The labelled queries, with judgments keyed by normalized identifier."""
    import json

    file = path or corpus_path(*DEFAULT_GOLD)
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        queries = data["queries"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise GoldSetError(f"{file}: not a search gold file ({error})") from error
    gold = []
    for item in queries:
        judgments = {_judged_key(ref): int(grade) for ref, grade in item["relevant"].items()}
        gold.append({**item, "relevant": judgments})
    return gold


def _judged_key(ref: str) -> str:
    """A judged reference as the hits are keyed. A catalogue document whose reference the
    identifier grammar does not parse ("IEC ACEE 02:2018", a committee case study) keeps its
    text: no hit matches it, so it counts against the system, as any relevant document it
    cannot find does."""
    from nlp.identifiers import normalize_identifier
    from stdkg.errors import InputError

    try:
        return normalize_identifier(ref)
    except InputError:
        return " ".join(ref.split())


def _judge(hit: SearchHit, judgments: Mapping[str, int], used: set[str]) -> int:
    """Grade of a hit: an exact-edition judgment matches the key, a work judgment any
    edition of the work; each judgment counts once (a second edition of a judged work is a
    duplicate and earns nothing)."""
    for label in (hit.key, hit.work):
        if label and label in judgments and label not in used:
            used.add(label)
            return judgments[label]
    return 0


def graded_hits(hits: Sequence[SearchHit], judgments: Mapping[str, int]) -> list[int]:
    used: set[str] = set()
    return [_judge(hit, judgments, used) for hit in hits]


def ndcg(grades: Sequence[int], judgments: Mapping[str, int], at: int = NDCG_AT) -> float:
    """nDCG with exponential gain (2^g - 1), the usual choice for graded judgments."""

    def dcg(values: Sequence[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(values[:at]))

    ideal = dcg(sorted(judgments.values(), reverse=True))
    return dcg(grades) / ideal if ideal else 0.0


def recall(grades: Sequence[int], judgments: Mapping[str, int], at: int = RECALL_AT) -> float:
    relevant = sum(1 for grade in judgments.values() if grade > 0)
    return sum(1 for grade in grades[:at] if grade > 0) / relevant if relevant else 0.0


def reciprocal_rank(grades: Sequence[int], at: int = MRR_AT) -> float:
    for rank, grade in enumerate(grades[:at], start=1):
        if grade > 0:
            return 1.0 / rank
    return 0.0


SearchFn = Callable[[str, int], Sequence[Any]]


def evaluate(
    service: SearchService,
    gold_path: Path | None = None,
    *,
    modes: Sequence[SearchMode] = MODES,
    baselines: Mapping[str, SearchFn] | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Run every gold query in every mode (and every baseline); per-system means overall, per
    split (``dev`` / ``heldout`` when the gold file marks them) and per query type."""
    gold = load_gold(gold_path)
    depth = max(NDCG_AT, RECALL_AT, MRR_AT)

    def run_mode(mode: SearchMode) -> SearchFn:
        def run(query: str, k: int) -> Sequence[Any]:
            params = SearchParams(
                query=query,
                k=k,
                mode=mode,
                kind=SearchKind.standard,
                status=StatusFilter.current,
            )
            return service.search(params).results

        return run

    systems: dict[str, SearchFn] = {mode.value: run_mode(mode) for mode in modes}
    systems.update(baselines or {})
    per_query: list[dict[str, Any]] = []
    timings: dict[str, list[float]] = {name: [] for name in systems}
    jobs = [(item, name) for item in gold for name in systems]
    for item, name in tqdm(jobs, desc="search eval", disable=not progress, unit="query"):
        started = time.perf_counter()
        hits = systems[name](item["query"], depth)
        timings[name].append((time.perf_counter() - started) * 1000)
        grades = graded_hits(hits, item["relevant"])
        per_query.append(
            {
                "id": item["id"],
                "type": item.get("type", ""),
                "split": item.get("split", "dev"),
                "mode": name,
                "ndcg@10": ndcg(grades, item["relevant"]),
                "recall@20": recall(grades, item["relevant"]),
                "mrr@10": reciprocal_rank(grades),
            }
        )
    metrics = ("ndcg@10", "recall@20", "mrr@10")

    def means(rows: list[dict[str, Any]]) -> dict[str, float]:
        return {m: round(sum(r[m] for r in rows) / len(rows), 4) if rows else 0.0 for m in metrics}

    summary = {name: means([r for r in per_query if r["mode"] == name]) for name in systems}
    splits = sorted({r["split"] for r in per_query})
    by_split = {
        split: {
            name: means([r for r in per_query if r["mode"] == name and r["split"] == split])
            for name in systems
        }
        for split in splits
    }
    types = sorted({r["type"] for r in per_query})
    by_type = {
        kind: {
            name: means([r for r in per_query if r["mode"] == name and r["type"] == kind])
            for name in systems
        }
        for kind in types
    }
    return {
        "queries": len(gold),
        "queries_by_split": {
            split: sum(1 for item in gold if item.get("split", "dev") == split) for split in splits
        },
        "weights": dict(service.weights),
        "rrf_k": service.rrf_k,
        "summary": summary,
        "by_split": by_split,
        "by_type": by_type,
        "mean_ms": {name: round(sum(v) / len(v), 1) if v else 0.0 for name, v in timings.items()},
        "per_query": per_query,
    }


def format_table(report: Mapping[str, Any]) -> str:
    """The summary as a Markdown table (also what ``stdkg eval search`` prints)."""
    lines = [
        f"{report['queries']} queries, RRF k={report['rrf_k']}, weights={report['weights']}",
        "",
        "| mode | nDCG@10 | Recall@20 | MRR@10 | mean ms |",
        "|---|---|---|---|---|",
    ]
    for mode, values in report["summary"].items():
        lines.append(
            f"| {mode} | {values['ndcg@10']:.3f} | {values['recall@20']:.3f} | "
            f"{values['mrr@10']:.3f} | {report['mean_ms'].get(mode, 0):.0f} |"
        )
    for split, per_system in report.get("by_split", {}).items():
        count = report.get("queries_by_split", {}).get(split, "?")
        lines += [
            "",
            f"split {split} ({count} queries):",
            "",
            "| system | nDCG@10 | Recall@20 | MRR@10 |",
            "|---|---|---|---|",
        ]
        for name, values in per_system.items():
            lines.append(
                f"| {name} | {values['ndcg@10']:.3f} | {values['recall@20']:.3f} | "
                f"{values['mrr@10']:.3f} |"
            )
    lines += [
        "",
        "nDCG@10 by query type:",
        "",
        "| type | " + " | ".join(report["summary"]) + " |",
        "|---|" + "---|" * len(report["summary"]),
    ]
    for kind, per_mode in report["by_type"].items():
        lines.append(
            f"| {kind} | " + " | ".join(f"{v['ndcg@10']:.3f}" for v in per_mode.values()) + " |"
        )
    return "\n".join(lines)


def judged_works(gold_path: Path | None = None) -> set[str]:
    """Every work named in the gold judgments (an edition judgment names its work too)."""
    from nlp.identifiers import parse_identifier

    works: set[str] = set()
    for item in load_gold(gold_path):
        for ref in item["relevant"]:
            works.add(parse_identifier(ref).work)
    return works


def ingest_judged_standards(
    driver: Any, settings: Any, gold_path: Path | None = None, *, catalogues: Sequence[Path] = ()
) -> Any:
    """Load every edition of every judged work from the catalogues (idempotent), so the
    evaluation can run on the demo subset plus the judged standards when the full catalogue is
    not loaded. Unjudged standards of the demo subset stay as the distractors."""
    works = judged_works(gold_path)
    return ingest_gold_standards(
        driver, settings, lambda record: record.work in works, catalogues=catalogues
    )
