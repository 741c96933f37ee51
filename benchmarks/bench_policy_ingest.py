"""Policy ingestion speed: extraction, embedding and the one-transaction graph write, per
document, plus the skip path (unchanged re-run), a forced rewrite and removal.

Runs against a throw-away managed Neo4j instance of its own (``bench-policies``, free ports,
deleted at the end) so the user's graph is never touched; ``--configured`` uses the configured
server instead and then ingests under ``bench-`` document ids (which it removes again).
Embedding runs without the disk cache for the cold pass so model time is measured, and with the
cache for the forced rewrite. Results are printed and written to
``docs/benchmarks/policy-ingest.md``.

    .venv/bin/python benchmarks/bench_policy_ingest.py [--folder PATH] [--configured]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "benchmarks" / "policy-ingest.md"


class TimedEmbed:
    """Wraps an embed function and adds up the seconds and texts it spends."""

    def __init__(self, embed: Any) -> None:
        self.embed = embed
        self.seconds = 0.0
        self.texts = 0

    def __call__(self, texts: Sequence[str]) -> list[list[float]]:
        started = time.perf_counter()
        vectors = self.embed(texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return list(vectors)


def start_bench_server() -> Any:
    """The lead's ManagedNeo4j on its own instance and ports (as the test fixtures do), with
    the memory a user's managed server gets by default (``Settings.heap``/``pagecache``)."""
    from graph.server import start_throwaway
    from stdkg.config import Settings

    defaults = Settings()
    return start_throwaway("bench-policies", heap=defaults.heap, pagecache=defaults.pagecache)


def graph_counts(driver: Any) -> tuple[int, int]:
    from graph.queries import admin as admin_queries

    nodes = driver.execute_query(admin_queries.COUNT_NODES).records[0]["count"]
    relationships = driver.execute_query(admin_queries.COUNT_RELATIONSHIPS).records[0]["count"]
    return int(nodes), int(relationships)


def run(folder: Path, prefix: str) -> dict[str, Any]:
    from graph.connection import get_driver
    from graph.embeddings import EmbeddingCache, embed_with_cache
    from graph.ingest_policies import ingest_policy_paths, write_policy_extraction
    from graph.queries import admin as admin_queries
    from graph.remove import remove_document
    from graph.schema import embedding_dimensions, ensure_schema
    from nlp.embedder import get_embedder
    from nlp.pipeline import EXTRACTOR_VERSION, extract_path
    from stdkg.config import get_settings

    settings = get_settings()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))
    started = time.perf_counter()
    embedder = get_embedder(settings)
    extract_path(files[0])  # load spaCy and the gazetteers before timing
    load_seconds = time.perf_counter() - started
    driver = get_driver(settings)
    ensure_schema(
        driver, database=settings.neo4j_database, dimensions=embedding_dimensions(settings)
    )  # not part of any document's time
    # a fresh server compiles every query on first use: warm it with the smallest file
    smallest = min(files, key=lambda p: p.stat().st_size)
    warm_up = extract_path(smallest)
    write_policy_extraction(
        driver,
        warm_up.to_dict(),
        warm_up.text,
        extractor=EXTRACTOR_VERSION,
        doc_id="bench-warm-up",
        embed=embedder.embed,
        settings=settings,
    )
    remove_document(driver, "bench-warm-up")
    rows: list[dict[str, Any]] = []
    try:
        base_nodes, base_rels = graph_counts(driver)
        for path in files:
            t0 = time.perf_counter()
            extraction = extract_path(path)
            t1 = time.perf_counter()
            cold = TimedEmbed(embedder.embed)
            outcome = write_policy_extraction(
                driver,
                extraction.to_dict(),
                extraction.text,
                extractor=EXTRACTOR_VERSION,
                doc_id=doc_id_for(path, prefix),
                source=str(path),
                embed=cold,
                settings=settings,
            )
            t2 = time.perf_counter()
            rows.append(
                {
                    "file": path.name,
                    "kb": path.stat().st_size / 1024,
                    "doc_id": outcome.doc_id,
                    "status": outcome.status,
                    "extract": t1 - t0,
                    "embed": cold.seconds,
                    "texts": cold.texts,
                    "write": t2 - t1 - cold.seconds,
                    "items": sum(outcome.counts.values()),
                }
            )
        nodes, rels = graph_counts(driver)

        t0 = time.perf_counter()
        again = (
            ingest_policy_paths(driver, files, progress=False, settings=settings)
            if not prefix
            else None
        )
        unchanged_seconds = time.perf_counter() - t0 if again else None

        cache = EmbeddingCache.for_model(settings.cache_dir, embedder.cache_key)
        warm = TimedEmbed(lambda texts: embed_with_cache(texts, embedder.embed, cache)[0])
        t0 = time.perf_counter()
        for path in files:
            extraction = extract_path(path)
            write_policy_extraction(
                driver,
                extraction.to_dict(),
                extraction.text,
                extractor=EXTRACTOR_VERSION,
                doc_id=doc_id_for(path, prefix),
                source=str(path),
                embed=warm,
                force=True,
                settings=settings,
            )
        forced_seconds = time.perf_counter() - t0

        removals = []
        for row in rows:
            t0 = time.perf_counter()
            remove_document(driver, row["doc_id"])
            removals.append(time.perf_counter() - t0)
        after_nodes, after_rels = graph_counts(driver)
        left = driver.execute_query(admin_queries.COUNT_BY_LABEL).records
        leftover = {r["label"]: r["count"] for r in left}
    finally:
        driver.close()
    return {
        "rows": rows,
        "load": load_seconds,
        "nodes": nodes - base_nodes,
        "relationships": rels - base_rels,
        "unchanged": unchanged_seconds,
        "unchanged_statuses": sorted({o.status for o in again.outcomes}) if again else [],
        "forced": forced_seconds,
        "warm_embed": warm.seconds,
        "removals": removals,
        "restored": (after_nodes, after_rels) == (base_nodes, base_rels),
        "leftover": leftover,
    }


def doc_id_for(path: Path, prefix: str) -> str | None:
    """None keeps the pipeline's own id (the file stem); with a prefix, a distinct id."""
    from nlp.text import document_id

    return f"{prefix}{document_id(path.stem)}" if prefix else None


def report(result: dict[str, Any], folder: Path, server: str) -> str:
    rows = result["rows"]
    total = {
        key: sum(r[key] for r in rows)
        for key in ("kb", "extract", "embed", "write", "texts", "items")
    }
    load = os.getloadavg()
    lines = [
        "# Policy ingestion benchmark",
        "",
        "Re-run with `.venv/bin/python benchmarks/bench_policy_ingest.py`; this page is written "
        "by that script.",
        "",
        f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; server: {server}. Load average at the end "
        f"(1/5/15 min): {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} - the machine was shared.",
        f"- Input: {len(rows)} policy files from `{folder}` ({total['kb']:.0f} KB).",
        f"- Model and gazetteer loading (once per process): {result['load']:.1f} s.",
        f"- Cold ingest (no embedding cache) of all documents: extraction "
        f"{total['extract']:.1f} s, embedding {total['embed']:.1f} s for {total['texts']} "
        f"texts ({total['texts'] / max(total['embed'], 1e-9):.0f} texts/s), graph write "
        f"{total['write']:.1f} s (one transaction per document, {total['items']} extracted "
        f"items); **{sum(total[k] for k in ('extract', 'embed', 'write')):.1f} s in total**, "
        f"adding {result['nodes']} nodes and {result['relationships']} relationships.",
    ]
    if result["unchanged"] is not None:
        lines.append(
            f"- Re-running on the unchanged files (`ingest_policy_paths`, extraction + checksum "
            f"check, nothing written): **{result['unchanged']:.1f} s**; outcomes: "
            f"{', '.join(result['unchanged_statuses'])}."
        )
    lines += [
        f"- Forced rewrite of every document with the embedding cache warm: "
        f"{result['forced']:.1f} s (of which embedding via the cache {result['warm_embed']:.1f} "
        "s).",
        f"- Removal: median {statistics.median(result['removals']) * 1000:.0f} ms per document, "
        f"max {max(result['removals']) * 1000:.0f} ms; graph back to its previous node and "
        f"relationship counts: {'yes' if result['restored'] else 'no'}; nodes left: "
        f"{result['leftover'] or 'none'} (Domain nodes are the taxonomy's and stay by design; "
        "on an empty graph ingestion creates them).",
        "",
        "| document | KB | items | extract s | embed s | texts | write s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(rows, key=lambda r: -r["kb"]):
        lines.append(
            f"| {r['file']} | {r['kb']:.1f} | {r['items']} | {r['extract']:.2f} | "
            f"{r['embed']:.2f} | {r['texts']} | {r['write']:.2f} |"
        )
    return "\n".join(lines) + "\n"


def large_document_run(folder: Path, megabytes: float) -> str:
    """One long document (the folder's English texts repeated to ``megabytes``), ingested twice:
    as it is (1,192 clauses) and with its line breaks removed (one clause holding every
    mention, the case where a MERGE per edge was quadratic). Embedding is stubbed with zero
    vectors: this measures extraction and the graph write, not the model. Returns a Markdown
    section."""
    from graph.connection import get_driver
    from graph.ingest_policies import write_policy_extraction
    from graph.schema import embedding_dimensions
    from nlp.pipeline import extract_text
    from nlp.text import slugify
    from stdkg.config import get_settings

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*-en*.txt"))]
    body = "\n\n".join(texts)
    size = int(megabytes * 1_000_000)
    structured = ((body + "\n\n") * (size // max(1, len(body)) + 1))[:size]
    flat = " ".join(structured.split("\n"))
    settings = get_settings()
    driver = get_driver(settings)
    dims = embedding_dimensions(settings)

    def embed(batch: Sequence[str]) -> list[list[float]]:
        return [[0.0] * dims for _ in batch]

    lines = [f"## One {megabytes:g} MB document", ""]
    try:
        # models, gazetteers and the graph schema (vector indexes) ready before timing; the
        # spaCy tagger is loaded on first use, so the warm-up text must reach it. A running
        # server has also compiled its write path: a 100 KB document first does that on this
        # fresh one (without it the first large transaction ran 2-3x slower: JIT warm-up).
        from nlp import parallel
        from nlp.spacy_model import get_nlp

        get_nlp(settings.spacy_model)
        parallel.warm_up(settings.spacy_model)  # the second branch's worker (nlp/parallel.py)
        warm = extract_text(structured[:100_000])
        write_policy_extraction(
            driver,
            warm.to_dict(),
            warm.text,
            settings=settings,
            extractor="bench",
            doc_id="bench-large-warm-up",
            embed=embed,
            force=True,
        )
        # the first large transaction of a fresh server also pays its JIT warm-up; the third
        # run is the same text on a server that has written large documents before (the
        # steady state of a running service)
        runs = (
            ("structured", structured),
            ("one clause", flat),
            ("structured again (warm server)", structured),
        )
        for name, text in runs:
            started = time.perf_counter()
            extraction = extract_text(text)
            extracted = time.perf_counter() - started
            started = time.perf_counter()
            outcome = write_policy_extraction(
                driver,
                extraction.to_dict(),
                extraction.text,
                settings=settings,
                extractor="bench",
                doc_id=f"bench-large-{slugify(name)}",
                embed=embed,
                force=True,
            )
            written = time.perf_counter() - started
            lines.append(
                f"- {name}: extraction {extracted:.1f} s, graph write {written:.1f} s "
                f"(embedding stubbed), **{extracted + written:.1f} s**; {outcome.counts}"
            )
    finally:
        driver.close()
    return "\n".join(lines) + "\n"


def embedding_rate(folder: Path) -> str:
    """What the large-document run stubs: the configured embedder on the clause and
    requirement texts of the folder's English texts, each text once and no cache (a new
    document's cost), as texts per second and seconds per MB of policy text. Needs no server.
    Returns a Markdown line."""
    from graph.policy_rows import build_policy_rows
    from nlp.embedder import get_embedder
    from nlp.pipeline import extract_text
    from stdkg.config import get_settings

    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*-en*.txt")))
    extraction = extract_text(body)
    rows = build_policy_rows(
        extraction.to_dict(), extraction.text, extractor="bench", doc_id="bench-rate", policies=[]
    )
    texts = list(dict.fromkeys(rows.embedding_texts()))
    embedder = get_embedder(get_settings())
    embedder.embed(texts[:8])  # model loaded and warm before timing
    started = time.perf_counter()
    embedder.embed(texts)
    seconds = time.perf_counter() - started
    per_mb = seconds * 1_000_000 / max(1, len(body))
    return (
        f"- embedding, not in the totals above: {len(texts)} texts of {len(body) / 1000:.0f} KB "
        f"of policy text in {seconds:.1f} s ({len(texts) / seconds:.0f} texts/s), "
        f"**{per_mb:.0f} s per MB** of new text ({embedder.cache_key})"
    )


def main() -> None:
    from stdkg.config import get_settings, set_offline_model_env

    set_offline_model_env()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=get_settings().shared_data / "policies")
    parser.add_argument(
        "--configured",
        action="store_true",
        help="use the configured server (documents get 'bench-' ids)",
    )
    parser.add_argument(
        "--large-mb",
        type=float,
        default=0.0,
        help="only time one document of this many MB (extraction + write, embedding stubbed)",
    )
    parser.add_argument(
        "--embedding-rate",
        action="store_true",
        help="only time the embedder on new policy text (what --large-mb stubs); no server",
    )
    args = parser.parse_args()
    if args.embedding_rate:
        print(embedding_rate(args.folder))
        return
    server = None if args.configured else start_bench_server()
    if args.large_mb:
        try:
            section = large_document_run(args.folder, args.large_mb)
        finally:
            if server is not None:
                server.destroy()
        print(section)
        return
    try:
        result = run(args.folder, "bench-" if args.configured else "")
    finally:
        if server is not None:
            server.destroy()
    text = report(
        result,
        args.folder,
        "configured server" if args.configured else "throw-away managed Neo4j 5.26",
    )
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
