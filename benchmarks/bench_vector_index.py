"""Benchmark the standards' vector index itself: time per index call and agreement with an
exact cosine scan. Results go to ``docs/benchmarks/search.md`` (between the
``vector-index`` markers).

Run against the loaded graph: ``.venv/bin/python benchmarks/bench_vector_index.py``.
To compare index layouts, run it, rebuild (``stdkg ingest reindex``), run it again.

Why both numbers: an approximate index can be fast because it explores little. The exact
scan (numpy over every current standard's stored vector, the same cosine) says how much of
the true top 100 the index returns when asked for ``k`` candidates.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks" / "search.md"
QUERIES = ROOT / "corpus" / "gold" / "fullscale" / "search_queries.json"
MARKERS = ("<!-- vector-index:start -->", "<!-- vector-index:end -->")
TOP = 100

INDEX_CALL = (
    "CALL db.index.vector.queryNodes('standard_embedding', $k, $vector) "
    "YIELD node, score WHERE node.status = 'current' "
    "RETURN node.key AS key ORDER BY score DESC LIMIT $top"
)
CURRENT_VECTORS = (
    "MATCH (s:Standard) WHERE s.status = 'current' AND s.embedding IS NOT NULL "
    "RETURN s.key AS key, s.embedding AS vector"
)
INDEX_OPTIONS = (
    "SHOW INDEXES YIELD name, options WHERE name = 'standard_embedding' "
    "RETURN options.indexConfig AS config"
)


def measure(ks: list[int], repeat: int) -> dict[str, Any]:
    import numpy as np

    from graph.reader import open_graph
    from nlp.embedder import get_embedder, set_inference_threads
    from stdkg.config import get_settings

    settings = get_settings()
    set_inference_threads(1)
    embedder = get_embedder(settings)
    queries = [q["query"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]]
    vectors = [embedder.embed_one(query) for query in queries]
    with open_graph(settings) as graph:
        config = graph.read(INDEX_OPTIONS, {})
        rows = graph.read(CURRENT_VECTORS, {})
        keys = [row["key"] for row in rows]
        matrix = np.asarray([row["vector"] for row in rows], dtype=np.float32)
        matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
        exact = []
        for vector in vectors:
            v = np.asarray(vector, dtype=np.float32)
            v /= np.linalg.norm(v)
            exact.append({keys[i] for i in np.argsort(-(matrix @ v))[:TOP]})
        results: dict[str, Any] = {}
        for k in ks:
            for vector in vectors[:5]:  # warm the index and the plan cache
                graph.read(INDEX_CALL, {"k": k, "vector": vector, "top": TOP})
            times, recall = [], []
            for _ in range(repeat):
                for vector, truth in zip(vectors, exact, strict=True):
                    started = time.perf_counter()
                    found = graph.read(INDEX_CALL, {"k": k, "vector": vector, "top": TOP})
                    times.append((time.perf_counter() - started) * 1000)
                    recall.append(len({row["key"] for row in found} & truth) / TOP)
            results[str(k)] = {
                "median_ms": round(statistics.median(times), 1),
                "mean_ms": round(statistics.fmean(times), 1),
                "recall_at_100": round(statistics.fmean(recall), 3),
                "min_recall": round(min(recall), 3),
            }
    return {
        "queries": len(queries),
        "current_vectors": len(keys),
        "index": config[0]["config"] if config else None,
        "by_k": results,
    }


def to_markdown(result: dict[str, Any]) -> str:
    index = result["index"] or {}
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/bench_vector_index.py` on "
        f"{platform.machine()}, {result['current_vectors']:,} current standards with a vector, "
        f"{result['queries']} queries; index quantization "
        f"{index.get('vector.quantization.enabled')}, HNSW m {index.get('vector.hnsw.m')}.",
        "",
        "| k asked | median ms | mean ms | recall@100 vs exact scan | worst query |",
        "|---|---|---|---|---|",
    ]
    for k, row in result["by_k"].items():
        lines.append(
            f"| {k} | {row['median_ms']} | {row['mean_ms']} | {row['recall_at_100']} | "
            f"{row['min_recall']} |"
        )
    return "\n".join(lines)


def write(markdown: str) -> None:
    text = RESULTS.read_text(encoding="utf-8")
    start, end = MARKERS
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + start + "\n" + markdown + "\n" + end + rest.split(end, 1)[1]
    else:
        text += f"\n{start}\n{markdown}\n{end}\n"
    RESULTS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--k", default="100,300,1000", help="candidates asked, comma-separated")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    result = measure([int(k) for k in args.k.split(",")], args.repeat)
    markdown = to_markdown(result)
    print(markdown)
    if not args.no_write:
        write(markdown)


if __name__ == "__main__":
    main()
