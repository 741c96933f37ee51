"""Search latency over loopback, and search quality, against the loaded graph.

Runs the real service: uvicorn in a subprocess on 127.0.0.1 (the app loads the model once at
startup), then a bounded number of ``GET /search`` requests from 1 client and from 8 concurrent
clients, using the labelled queries of ``corpus/gold/search_queries.json`` in turn. The share of
time spent embedding the query comes from the ``embed_ms`` the API reports per response.
With ``--eval`` it also runs the quality evaluation (``stdkg eval search``) in-process.
Results are printed and written between markers into ``docs/benchmarks/search.md``.

    .venv/bin/python benchmarks/bench_search.py [--requests 200] [--eval]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "benchmarks" / "search.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def gold_queries() -> list[str]:
    data = json.loads((ROOT / "corpus" / "gold" / "search_queries.json").read_text("utf-8"))
    return [item["query"] for item in data["queries"]]


def start_server(port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.main:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the API exited with code {process.returncode}")
        try:
            health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            if health.status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise SystemExit("the API did not become healthy in 180 s (is Neo4j running and loaded?)")


def one_request(client: httpx.Client, query: str, mode: str) -> dict[str, float]:
    started = time.perf_counter()
    response = client.get("/search", params={"q": query, "mode": mode, "k": 10})
    elapsed = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    body = response.json()
    return {"ms": elapsed, "embed_ms": float(body["embed_ms"]), "took_ms": float(body["took_ms"])}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summarize(samples: list[dict[str, float]], wall: float) -> dict[str, float]:
    latencies = [s["ms"] for s in samples]
    took = sum(s["took_ms"] for s in samples)
    return {
        "requests": len(samples),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
        "throughput_rps": round(len(samples) / wall, 1),
        "embed_share": round(sum(s["embed_ms"] for s in samples) / took, 3) if took else 0.0,
    }


def run_sequential(base: str, queries: list[str], mode: str, count: int) -> dict[str, float]:
    with httpx.Client(base_url=base, timeout=30) as client:
        for query in queries[:5]:  # warm-up: caches, JIT of the Cypher plans
            one_request(client, query, mode)
        started = time.perf_counter()
        samples = [one_request(client, queries[i % len(queries)], mode) for i in range(count)]
        return summarize(samples, time.perf_counter() - started)


def run_concurrent(
    base: str, queries: list[str], mode: str, count: int, clients: int
) -> dict[str, float]:
    def worker(worker_index: int) -> list[dict[str, float]]:
        with httpx.Client(base_url=base, timeout=60) as client:
            return [
                one_request(client, queries[(worker_index + i * clients) % len(queries)], mode)
                for i in range(count // clients)
            ]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(worker, range(clients)))
    return summarize([s for part in results for s in part], time.perf_counter() - started)


def graph_size(base: str) -> dict[str, Any]:
    return dict(httpx.get(f"{base}/health", timeout=10).json().get("counts", {}))


def write_section(name: str, body: str) -> None:
    """Replace the text between ``<!-- name:start -->`` and ``<!-- name:end -->``."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = DOC.read_text("utf-8") if DOC.exists() else f"# Search benchmarks\n\n{start}\n{end}\n"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(f"{head}{start}\n{body.strip()}\n{end}{tail}", "utf-8")


def latency_markdown(rows: list[tuple[str, int, dict[str, float]]], counts: dict) -> str:
    lines = [
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs (shared with other work), graph: {counts}.",
        "",
        "| mode | clients | requests | p50 ms | p95 ms | max ms | req/s | embedding share |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for mode, clients, result in rows:
        lines.append(
            f"| {mode} | {clients} | {result['requests']} | {result['p50_ms']} | "
            f"{result['p95_ms']} | {result['max_ms']} | {result['throughput_rps']} | "
            f"{result['embed_share']:.0%} |"
        )
    return "\n".join(lines)


def tune() -> str:
    """nDCG@10 of hybrid search over a small grid of RRF constants and full-text weights.

    The gold set is small, so the grid is small too, and each cell is also reported on the odd
    and even halves of the queries: a setting worth adopting wins on both halves."""
    from api.deps import open_search_service
    from api.evaluate_search import evaluate
    from api.schemas import SearchMode

    lines = [
        "| RRF k | full-text weight | vector weight | nDCG@10 | odd half | even half "
        "| Recall@20 | MRR@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with open_search_service(load_model=True) as service:
        for rrf_k in (10, 30, 60, 100):
            for fulltext_weight in (0.5, 1.0, 1.5, 2.0):
                service.rrf_k = rrf_k
                service.weights = {"fulltext": fulltext_weight, "vector": 1.0}
                report = evaluate(service, modes=(SearchMode.hybrid,), progress=False)
                rows = report["per_query"]
                odd = [r["ndcg@10"] for i, r in enumerate(rows) if i % 2 == 0]
                even = [r["ndcg@10"] for i, r in enumerate(rows) if i % 2 == 1]
                summary = report["summary"]["hybrid"]
                lines.append(
                    f"| {rrf_k} | {fulltext_weight} | 1.0 | {summary['ndcg@10']:.3f} | "
                    f"{sum(odd) / len(odd):.3f} | {sum(even) / len(even):.3f} | "
                    f"{summary['recall@20']:.3f} | {summary['mrr@10']:.3f} |"
                )
                print(lines[-1], flush=True)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="per single-client run")
    parser.add_argument("--concurrent-requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--modes", default="hybrid,lexical,semantic")
    parser.add_argument("--eval", action="store_true", help="also run the quality evaluation")
    parser.add_argument(
        "--tune",
        action="store_true",
        help="only sweep the RRF constant and the ranking weights (hybrid)",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not 1 <= args.requests <= 5000 or not 1 <= args.concurrent_requests <= 20000:
        raise SystemExit("request counts are bounded: 1-5000 single, 1-20000 concurrent")

    if args.tune:
        table = tune()
        print(table)
        if not args.no_write:
            write_section("tuning", table)
        return
    queries = gold_queries()
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    rows: list[tuple[str, int, dict[str, float]]] = []
    try:
        counts = graph_size(base)
        for mode in args.modes.split(","):
            rows.append((mode, 1, run_sequential(base, queries, mode, args.requests)))
            print(rows[-1], flush=True)
        rows.append(
            (
                "hybrid",
                args.clients,
                run_concurrent(base, queries, "hybrid", args.concurrent_requests, args.clients),
            )
        )
        print(rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    table = latency_markdown(rows, counts)
    print(table)
    if not args.no_write:
        write_section("latency", table)
    if args.eval:
        from api.deps import open_search_service
        from api.evaluate_search import evaluate, format_table

        with open_search_service(load_model=True) as service:
            report = evaluate(service)
        quality = format_table(report)
        print(quality)
        if not args.no_write:
            write_section("quality", quality)


if __name__ == "__main__":
    main()
