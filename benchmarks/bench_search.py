"""Search latency over loopback, and search quality, against the loaded graph.

Runs the real service: uvicorn in a subprocess on 127.0.0.1 (the app loads the model once at
startup), then a bounded number of ``GET /search`` requests from 1 client and from 8 concurrent
clients, using the labelled queries of ``corpus/gold/search_queries.json`` in turn. The share of
time spent embedding the query comes from the ``embed_ms`` the API reports per response.
With ``--eval`` it also runs the quality evaluation (``stdkg eval search``) in-process.
Results are printed and written between markers into ``docs/benchmarks/search.md``.

    .venv/bin/python benchmarks/bench_search.py [--requests 200] [--eval]
    .venv/bin/python benchmarks/bench_search.py --full-scale [--requests 100]

``--full-scale`` measures against the whole catalogue (~144k standards) without the ~4 hours it
takes to embed every record on a 2-core CPU: it starts a throw-away managed Neo4j of its own
(instance ``bench-search``, free ports, destroyed afterwards; the ``main`` instance is never
touched), loads the taxonomies and the four real catalogues as ``stdkg ingest catalog
--no-embed`` does, then gives every Standard a deterministic pseudo-random unit vector (seeded
by its key) and rebuilds the vector index once. Vector-search latency depends on the index size
and dimension, not on what the vectors mean, so the timing transfers; the rankings of the
semantic side do not, and no quality is reported. The full-text index, the graph and the query
embedding (the real model, per request) are all real.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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

from graph.server import free_port  # noqa: E402 (after the path insert)
from nlp.embedder import EMBEDDING_DIMENSIONS  # noqa: E402


def gold_queries() -> list[str]:
    """The queries of both search gold sets (99 distinct), in a fixed order."""
    queries: list[str] = []
    for path in ("search_queries.json", "fullscale/search_queries.json"):
        data = json.loads((ROOT / "corpus" / "gold" / path).read_text("utf-8"))
        queries += [item["query"] for item in data["queries"] if item["query"] not in queries]
    return queries


FULL_SCALE_INSTANCE = "bench-search"
CATALOGUES = ("iso.jsonl.gz", "iec.jsonl.gz", "itu.jsonl.gz", "etsi.jsonl.gz")
VECTOR_BATCH = 1000
DIMENSIONS = EMBEDDING_DIMENSIONS  # the default model's, as the benchmark's vectors are random

# Benchmark-only Cypher (graph/queries/ has no query listing the Standards still lacking a
# vector, nor one dropping the vector index for a bulk fill). The vectors themselves are written
# with graph.queries.catalog.SET_EMBEDDINGS.
UNEMBEDDED_KEYS = "MATCH (s:Standard) WHERE s.embedding IS NULL RETURN s.key AS key ORDER BY key"
DROP_STANDARD_VECTOR_INDEX = "DROP INDEX standard_embedding IF EXISTS"
GRAPH_COUNTS = """
CALL () { MATCH (s:Standard) RETURN count(s) AS standards, count(s.embedding) AS embedded,
          sum(CASE WHEN s.status = 'current' THEN 1 ELSE 0 END) AS current }
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN standards, embedded, current, nodes, relationships
"""
VECTOR_INDEX_STATE = """
SHOW INDEXES YIELD name, state, populationPercent WHERE name = 'standard_embedding'
RETURN state, populationPercent
"""


class LoadSampler:
    """The 1-minute load average, sampled between benchmark phases: on a shared machine a
    latency number is only meaningful next to how busy the CPUs were."""

    def __init__(self) -> None:
        self.samples: list[float] = []

    def sample(self) -> None:
        self.samples.append(os.getloadavg()[0])

    def text(self) -> str:
        if not self.samples:
            return "n/a"
        return f"{min(self.samples):.1f}-{max(self.samples):.1f}"


def synthetic_vector(key: str) -> list[float]:
    """A unit vector that depends only on the standard's key, so every run builds the same
    index (Gaussian components, normalised: uniform on the sphere, like no real corpus, which
    makes nearest-neighbour search no easier than real data)."""
    import hashlib

    import numpy as np

    seed = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")
    vector = np.random.default_rng(seed).standard_normal(DIMENSIONS)
    return [float(x) for x in vector / np.linalg.norm(vector)]


def start_throwaway_neo4j() -> Any:
    """A managed Neo4j of our own on free ports; the settings of this process (and of the API
    subprocess, which inherits the environment) point at it from here on."""
    from graph.server import start_throwaway

    return start_throwaway(FULL_SCALE_INSTANCE, heap="2g", pagecache="2g")


def load_full_catalogue(driver: Any, data: Path, loads: LoadSampler) -> dict[str, Any]:
    """Taxonomies + the four catalogues without embeddings, then synthetic vectors."""
    from tqdm import tqdm

    from graph.ingest_catalog import ingest_catalog
    from graph.queries.catalog import SET_EMBEDDINGS
    from graph.queries.schema import index_statements
    from graph.schema import embedding_dimensions, ensure_schema
    from graph.taxonomy import COMMITTEES_FILE, ICS_FILE, ingest_taxonomies
    from graph.writer import Writer
    from stdkg.config import get_settings

    settings = get_settings()
    database = settings.neo4j_database
    timings: dict[str, float] = {}
    started = time.perf_counter()
    ensure_schema(driver, database=database, dimensions=embedding_dimensions(settings))
    ingest_taxonomies(
        Writer(driver, database),
        ics_path=settings.shared_data.joinpath(*ICS_FILE),
        committees_path=settings.shared_data.joinpath(*COMMITTEES_FILE),
    )
    loads.sample()
    summary = ingest_catalog(
        driver, [data / name for name in CATALOGUES], embed=False, settings=settings
    )
    timings["catalogue load s"] = round(time.perf_counter() - started, 1)
    loads.sample()
    print(f"catalogue loaded in {timings['catalogue load s']} s", flush=True)

    started = time.perf_counter()
    with driver.session(database=database) as session:
        # One index population after the bulk fill is far cheaper than inserting 144k vectors
        # into a live HNSW graph one write at a time.
        session.run(DROP_STANDARD_VECTOR_INDEX).consume()
        keys = [record["key"] for record in session.run(UNEMBEDDED_KEYS)]
        for start in tqdm(range(0, len(keys), VECTOR_BATCH), desc="synthetic vectors"):
            rows = [
                {"key": key, "vector": synthetic_vector(key), "hash": None}
                for key in keys[start : start + VECTOR_BATCH]
            ]
            session.execute_write(lambda tx, r=rows: tx.run(SET_EMBEDDINGS, rows=r).consume())
        timings["vector fill s"] = round(time.perf_counter() - started, 1)
        loads.sample()
        started = time.perf_counter()
        session.run(index_statements(DIMENSIONS)["standard_embedding"]).consume()
        session.run("CALL db.awaitIndexes(3600)").consume()
        state = session.run(VECTOR_INDEX_STATE).single()
        if state is None or state["state"] != "ONLINE" or state["populationPercent"] < 100:
            raise SystemExit(f"standard_embedding index not ready: {state}")
        timings["vector index s"] = round(time.perf_counter() - started, 1)
        counts = dict(session.run(GRAPH_COUNTS).single() or {})
    loads.sample()
    print(f"synthetic vectors: {len(keys)}; {timings}; graph {counts}", flush=True)
    return {
        "counts": counts,
        "synthetic_vectors": len(keys),
        "timings": timings,
        "records_read": summary.read,
        "created": summary.created,
        "skipped": sum(summary.skipped.values()),
    }


def start_server(port: int, *, cache: bool = False) -> subprocess.Popen[bytes]:
    """uvicorn on ``port``; without ``cache`` the API's result cache is off, so every request
    does the whole search (the benchmark cycles through a fixed list of queries)."""
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
    env = os.environ.copy()
    if not cache:
        env["STDKG_API_SEARCH_CACHE_SIZE"] = "0"
    process = subprocess.Popen(command, cwd=ROOT, env=env)
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


def process_cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a process so far (Linux /proc; 0 elsewhere)."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def neo4j_pid() -> int | None:
    """The managed Neo4j's JVM, when the configured server is the project's own."""
    from graph.server import ManagedNeo4j
    from stdkg.config import get_settings

    try:
        return ManagedNeo4j(get_settings()).running_pid()
    except Exception:  # a user's own server: no CPU figure for it
        return None


class CpuMeter:
    """CPU per request of the API process, Neo4j and this client, over one run: where the
    time of a search goes when the cores are saturated."""

    def __init__(self, server_pid: int) -> None:
        self.pids = {"server": server_pid, "neo4j": neo4j_pid()}
        self.start = self._now()

    def _now(self) -> dict[str, float]:
        now = {name: process_cpu_seconds(pid) for name, pid in self.pids.items()}
        now["client"] = time.process_time()
        return now

    def per_request_ms(self, requests: int) -> dict[str, float]:
        end = self._now()
        return {
            name: round((end[name] - self.start[name]) * 1000 / max(1, requests), 1) for name in end
        }


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
        "| mode | clients | requests | p50 ms | p95 ms | max ms | req/s | embedding share "
        "| CPU ms per request (API / Neo4j / client) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode, clients, result in rows:
        cpu: Any = result.get("cpu_ms")
        cpu_text = f"{cpu['server']} / {cpu['neo4j'] or '-'} / {cpu['client']}" if cpu else ""
        lines.append(
            f"| {mode} | {clients} | {result['requests']} | {result['p50_ms']} | "
            f"{result['p95_ms']} | {result['max_ms']} | {result['throughput_rps']} | "
            f"{result['embed_share']:.0%} | {cpu_text} |"
        )
    return "\n".join(lines)


def tune() -> str:
    """nDCG@10 of hybrid search over a small grid of RRF constants and full-text weights.

    The gold set is small, so the grid is small too, and each cell is also reported on the odd
    and even halves of the queries: a setting worth adopting wins on both halves."""
    from analysis.models import SearchMode
    from analysis.search import open_search_service
    from evaluation.search import evaluate
    from stdkg.config import get_settings

    lines = [
        "| RRF k | full-text weight | vector weight | nDCG@10 | odd half | even half "
        "| Recall@20 | MRR@10 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with open_search_service(get_settings(), load_model=True) as service:
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


def measure_latency(
    base: str,
    queries: list[str],
    args: argparse.Namespace,
    loads: LoadSampler,
    server_pid: int | None = None,
) -> list[tuple[str, int, dict[str, float]]]:
    """Each mode from one client, then every mode from ``args.clients`` concurrent clients
    (only hybrid unless ``args.concurrent_modes`` says otherwise)."""
    rows: list[tuple[str, int, dict[str, float]]] = []
    for mode in args.modes.split(","):
        loads.sample()
        rows.append((mode, 1, run_sequential(base, queries, mode, args.requests)))
        print(rows[-1], flush=True)
    for mode in args.concurrent_modes.split(","):
        loads.sample()
        meter = CpuMeter(server_pid) if server_pid else None
        result = run_concurrent(base, queries, mode, args.concurrent_requests, args.clients)
        if meter is not None:
            result["cpu_ms"] = meter.per_request_ms(result["requests"])  # type: ignore[assignment]
        rows.append((mode, args.clients, result))
        print(rows[-1], flush=True)
    loads.sample()
    return rows


def full_scale(args: argparse.Namespace) -> None:
    """The ``--full-scale`` run (module doc): load, fill, serve, measure, destroy."""
    from graph.connection import get_driver
    from stdkg.config import get_settings

    loads = LoadSampler()
    loads.sample()
    began = time.gmtime()
    server = start_throwaway_neo4j()
    api: subprocess.Popen[bytes] | None = None
    try:
        driver = get_driver(get_settings())
        try:
            data = args.data or get_settings().shared_data / "standards"
            loaded = load_full_catalogue(driver, data, loads)
        finally:
            driver.close()
        port = free_port()
        api = start_server(port)
        base = f"http://127.0.0.1:{port}"
        health = graph_size(base)
        rows = measure_latency(base, gold_queries(), args, loads)
    finally:
        if api is not None:
            api.terminate()
            api.wait(timeout=30)
        server.destroy()
    table = full_scale_markdown(rows, loaded, health, loads, began, args)
    print(table)
    if not args.no_write:
        write_section("fullscale", table)


def full_scale_markdown(
    rows: list[tuple[str, int, dict[str, float]]],
    loaded: dict[str, Any],
    health: dict[str, Any],
    loads: LoadSampler,
    began: time.struct_time,
    args: argparse.Namespace,
) -> str:
    counts = loaded["counts"]
    table = latency_markdown(rows, health).split("\n", 2)[2]  # drop the run line
    return "\n".join(
        [
            f"Run {time.strftime('%Y-%m-%d %H:%M', began)}–"
            f"{time.strftime('%H:%M UTC', time.gmtime())} by `benchmarks/bench_search.py "
            f"--full-scale --requests {args.requests} --concurrent-requests "
            f"{args.concurrent_requests} --clients {args.clients} --concurrent-modes "
            f"{args.concurrent_modes}` on {platform.machine()}, "
            f"{os.cpu_count()} CPUs shared with other work; 1-minute load average "
            f"{loads.text()} during the run (sampled between phases).",
            "",
            f"Graph (throw-away instance `{FULL_SCALE_INSTANCE}`): {loaded['records_read']} "
            f"catalogue rows read, {loaded['created']} Standards created, {loaded['skipped']} "
            f"skipped; {counts.get('standards')} standards ({counts.get('current')} current, "
            f"{counts.get('embedded')} with a vector, of which {loaded['synthetic_vectors']} "
            f"synthetic), {counts.get('nodes')} nodes, {counts.get('relationships')} "
            f"relationships. Setup: {loaded['timings']}.",
            "",
            table,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="per single-client run")
    parser.add_argument("--concurrent-requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--modes", default="hybrid,lexical,semantic")
    parser.add_argument(
        "--concurrent-modes", default="hybrid", help="modes measured with concurrent clients"
    )
    parser.add_argument("--eval", action="store_true", help="also run the quality evaluation")
    parser.add_argument(
        "--tune",
        action="store_true",
        help="only sweep the RRF constant and the ranking weights (hybrid)",
    )
    parser.add_argument(
        "--full-scale",
        action="store_true",
        help="throw-away Neo4j with the whole catalogue and synthetic stored vectors",
    )
    parser.add_argument("--data", type=Path, default=None, help="folder of the catalogues")
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
    if args.full_scale:
        full_scale(args)
        return
    queries = gold_queries()
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        counts = graph_size(base)
        rows = measure_latency(base, queries, args, LoadSampler(), server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    # the same concurrent load with the result cache on: each query repeats every
    # len(queries) requests, as popular searches and page refreshes do
    server = start_server(port, cache=True)
    try:
        meter = CpuMeter(server.pid)
        result = run_concurrent(base, queries, "hybrid", args.concurrent_requests, args.clients)
        result["cpu_ms"] = meter.per_request_ms(result["requests"])  # type: ignore[assignment]
        rows.append(("hybrid, cache on", args.clients, result))
        print(rows[-1], flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    table = latency_markdown(rows, counts)
    print(table)
    if not args.no_write:
        write_section("latency", table)
    if args.eval:
        from analysis.search import open_search_service
        from evaluation.search import evaluate, format_table
        from stdkg.config import get_settings

        with open_search_service(get_settings(), load_model=True) as service:
            report = evaluate(service)
        quality = format_table(report)
        print(quality)
        if not args.no_write:
            write_section("quality", quality)


if __name__ == "__main__":
    main()
