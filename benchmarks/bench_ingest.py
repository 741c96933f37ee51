"""Benchmark of catalogue ingestion; writes its results to docs/benchmarks/ingest.md.

Measures, against the Neo4j the settings point at (use a throw-away instance: it is WIPED):
1. the full load of the four shared catalogues without embeddings (records, wall time, graph
   writes per second);
2. a re-run on the unchanged data (wall time, writes: should be zero);
3. a batch-size sweep on a slice of the ISO catalogue (fresh database each time);
4. embedding throughput on a sample of catalogue texts (no cache), extrapolated to the catalogue.

Run:  STDKG_NEO4J_INSTANCE=bench .venv/bin/stdkg neo4j start
      STDKG_NEO4J_INSTANCE=bench .venv/bin/python benchmarks/bench_ingest.py --wipe
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import logging
import os
import platform
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.catalog.detect import read_catalog
from graph.catalog.records import EMBEDDING_TEXT_LIMIT, CatalogRecord, embedding_text
from graph.connection import get_driver
from graph.ingest_catalog import ingest_catalog
from graph.writer import graph_fingerprint
from stdkg.config import PROJECT_ROOT, get_settings

CATALOGUES = ("iso.jsonl.gz", "iec.jsonl.gz", "itu.jsonl.gz", "etsi.jsonl.gz")
REPORT = PROJECT_ROOT / "docs" / "benchmarks" / "ingest.md"


def wipe(driver: Any) -> None:
    from graph.schema import wipe_database

    wipe_database(driver, database=get_settings().neo4j_database)


def timed_load(driver: Any, paths: list[Path], batch_size: int) -> tuple[float, Any]:
    started = time.perf_counter()
    summary = ingest_catalog(
        driver,
        paths,
        batch_size=batch_size,
        embed=False,
        settings=get_settings(),
        progress=True,
    )
    return time.perf_counter() - started, summary


def slice_file(source: Path, rows: int, folder: Path) -> Path:
    target = folder / source.name
    with (
        gzip.open(source, "rt", encoding="utf-8") as reader,
        gzip.open(target, "wt", encoding="utf-8") as writer,
    ):
        for line in itertools.islice(reader, rows):
            writer.write(line)
    return target


def embedding_rate(paths: list[Path], sample: int) -> tuple[int, float]:
    from nlp.embedder import get_embedder

    texts: list[str] = []
    for path in paths:
        for record in read_catalog(path):
            if isinstance(record, CatalogRecord) and record.abstract:
                texts.append(embedding_text(record.ref, record.title, record.abstract))
            if len(texts) >= sample * (paths.index(path) + 1) // len(paths):
                break
    embedder = get_embedder(get_settings())
    embedder.embed(texts[:16])  # warm-up
    started = time.perf_counter()
    embedder.embed(texts)
    return len(texts), time.perf_counter() - started


def admin_import(paths: list[Path]) -> dict[str, Any]:
    """Upper bound: the same Standard nodes and REPLACES/AMENDS/PART_OF edges written by
    ``neo4j-admin database import full`` into a throw-away home (offline bulk import, no
    MERGE, no constraints checked row by row). CSV preparation is timed separately."""
    import csv
    import subprocess

    from graph.catalog.identity import identify
    from graph.server import ManagedNeo4j
    from nlp.errors import InvalidIdentifierError

    settings = get_settings()
    lib_dir = ManagedNeo4j(settings).lib_dir
    folder = Path(tempfile.mkdtemp(prefix="stdkg-admin-import-"))
    started = time.perf_counter()
    seen: set[str] = set()
    nodes_file, rels_file = folder / "standards.csv", folder / "relations.csv"
    with nodes_file.open("w", newline="") as nodes_out, rels_file.open("w", newline="") as rels_out:
        nodes = csv.writer(nodes_out)
        rels = csv.writer(rels_out)
        nodes.writerow(["key:ID", "ref", "work", "title", "status", "publisher", "year"])
        rels.writerow([":START_ID", ":END_ID", ":TYPE"])
        for path in paths:
            for record in read_catalog(path):
                if not isinstance(record, CatalogRecord) or record.key in seen:
                    continue
                seen.add(record.key)
                nodes.writerow(
                    [
                        record.key,
                        record.ref,
                        record.work,
                        # the importer reads a backslash before a quote as an escape
                        (record.title or "").replace("\\", "/"),
                        record.status or "",
                        record.publisher,
                        record.year or "",
                    ]
                )
                for relation in record.relations:
                    try:
                        target = identify(relation.target).key
                    except InvalidIdentifierError:
                        continue
                    start, end = (target, record.key) if relation.inverse else (record.key, target)
                    rels.writerow([start, end, relation.type])
    prepare = time.perf_counter() - started
    conf = folder / "conf"
    conf.mkdir()
    (conf / "neo4j.conf").write_text(
        f"server.directories.data={folder / 'data'}\nserver.directories.logs={folder / 'logs'}\n"
    )
    command = [
        "java",
        "-cp",
        f"{lib_dir}/*",
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        f"--nodes=Standard={nodes_file}",
        f"--relationships={rels_file}",
        "--skip-bad-relationships=true",
        "--bad-tolerance=10000000",
        "--skip-duplicate-nodes=true",
        "--multiline-fields=true",
        f"--report-file={folder / 'import.report'}",
        "--overwrite-destination=true",
        "neo4j",
    ]
    env = dict(os.environ, NEO4J_HOME=str(folder), NEO4J_CONF=str(conf))
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    tail = (result.stdout + result.stderr).strip().splitlines()[-6:]
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    return {
        "ok": result.returncode == 0,
        "nodes": len(seen),
        "prepare_seconds": round(prepare, 1),
        "import_seconds": round(seconds, 1),
        "output_tail": tail,
    }


def demo_run(driver: Any) -> dict[str, Any]:
    """``ingest_demo_catalog`` with embeddings on an empty database and an empty embedding
    cache: what a first ``stdkg ingest demo`` costs (the policy part excluded)."""
    from graph.demo import ingest_demo_catalog

    wipe(driver)
    with tempfile.TemporaryDirectory(prefix="stdkg-demo-home-") as home:
        settings = get_settings().model_copy(update={"home": Path(home)})
        started = time.perf_counter()
        summary = ingest_demo_catalog(driver, settings, embed=True, progress=True)
        seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "records": summary.created + summary.updated,
        "standards": summary.created,
        "embedded": summary.embedded,
        "embed_seconds": round(summary.seconds["embed"], 1),
        "links": dict(summary.links),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wipe", action="store_true", help="confirm the database may be wiped")
    parser.add_argument("--data", type=Path, default=None, help="folder of the catalogues")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--sweep", default="500,1000,2000,5000")
    parser.add_argument("--sweep-rows", type=int, default=20000)
    parser.add_argument("--embed-sample", type=int, default=512)
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument(
        "--demo-only",
        action="store_true",
        help="only time the demo ingest (fresh database and cache)",
    )
    parser.add_argument(
        "--admin-import-only",
        action="store_true",
        help="only run the neo4j-admin import comparison; update the results",
    )
    parser.add_argument(
        "--rerun-only",
        action="store_true",
        help="only re-run on the graph already loaded; update the results",
    )
    args = parser.parse_args()
    if not args.wipe:
        parser.error("this benchmark wipes the database: pass --wipe to confirm")
    logging.basicConfig(level=logging.ERROR)
    settings = get_settings()
    data = args.data or settings.shared_data / "standards"
    paths = [data / name for name in CATALOGUES]
    driver = get_driver(settings)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores "
        "(shared with other jobs during the run)",
        "heap": settings.heap,
        "pagecache": settings.pagecache,
    }

    if args.demo_only:
        results = json.loads((REPORT.parent / "ingest.json").read_text())
        results["demo"] = demo_run(driver)
        print(json.dumps(results["demo"], indent=2))
        (REPORT.parent / "ingest.json").write_text(json.dumps(results, indent=2) + "\n")
        write_report(results)
        return

    if args.admin_import_only:
        results = json.loads((REPORT.parent / "ingest.json").read_text())
        results["admin_import"] = admin_import(paths)
        print(json.dumps(results["admin_import"], indent=2))
        (REPORT.parent / "ingest.json").write_text(json.dumps(results, indent=2) + "\n")
        write_report(results)
        return

    if args.rerun_only:
        results = json.loads((REPORT.parent / "ingest.json").read_text())
        before = graph_fingerprint(driver)
        seconds, again = timed_load(driver, paths, args.batch_size)
        results["rerun"] = {
            "seconds": round(seconds, 1),
            "unchanged": again.unchanged,
            "created": again.created,
            "updated": again.updated,
            "writes": again.counters.writes,
            "fingerprint_equal": graph_fingerprint(driver) == before,
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        }
        print(json.dumps(results["rerun"], indent=2))
        (REPORT.parent / "ingest.json").write_text(json.dumps(results, indent=2) + "\n")
        write_report(results)
        return

    if not args.skip_full:
        wipe(driver)
        seconds, summary = timed_load(driver, paths, args.batch_size)
        counters = summary.counters
        results["full"] = {
            "records": summary.read,
            "seconds": round(seconds, 1),
            "created": summary.created,
            "updated": summary.updated,
            "skipped": sum(summary.skipped.values()),
            "nodes_created": counters.nodes_created,
            "relationships_created": counters.relationships_created,
            "records_per_s": round(summary.read / seconds),
            "write_seconds": round(summary.seconds["write"] + summary.seconds["link"], 1),
            "compare_seconds": round(summary.seconds["compare"], 1),
            "links": dict(summary.links),
        }
        write_s = summary.seconds["write"] + summary.seconds["link"]
        results["full"]["nodes_per_write_s"] = round(counters.nodes_created / write_s)
        results["full"]["rels_per_write_s"] = round(counters.relationships_created / write_s)
        before = graph_fingerprint(driver)
        results["full"]["graph_nodes"], results["full"]["graph_relationships"] = before[:2]
        seconds, again = timed_load(driver, paths, args.batch_size)
        results["rerun"] = {
            "seconds": round(seconds, 1),
            "unchanged": again.unchanged,
            "created": again.created,
            "updated": again.updated,
            "writes": again.counters.writes,
            "fingerprint_equal": graph_fingerprint(driver) == before,
        }
        print(json.dumps(results, indent=2))

    sweep: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        sliced = [slice_file(paths[0], args.sweep_rows, Path(folder))]
        for size in [int(value) for value in args.sweep.split(",")]:
            wipe(driver)
            seconds, summary = timed_load(driver, sliced, size)
            write_s = summary.seconds["write"] + summary.seconds["link"]
            sweep.append(
                {
                    "batch_size": size,
                    "records": summary.read,
                    "seconds": round(seconds, 1),
                    "write_seconds": round(write_s, 1),
                    "records_per_s": round(summary.read / seconds),
                }
            )
            print(sweep[-1])
    results["sweep"] = sweep

    count, seconds = embedding_rate(paths, args.embed_sample)
    results["embedding"] = {
        "texts": count,
        "seconds": round(seconds, 1),
        "texts_per_s": round(count / seconds, 1),
        "catalogue_estimate_minutes": round(
            results.get("full", {}).get("created", 135_000) / (count / seconds) / 60, 1
        ),
    }
    driver.close()
    print(json.dumps(results, indent=2))
    previous = REPORT.parent / "ingest.json"
    if previous.exists():  # keep the demo and admin-import sections of earlier runs
        results = {**json.loads(previous.read_text()), **results}
    previous.write_text(json.dumps(results, indent=2) + "\n")
    write_report(results)


NOTES = """## How to run the full load

```bash
.venv/bin/stdkg neo4j start
.venv/bin/stdkg ingest taxonomies
.venv/bin/stdkg ingest catalog ../shared/data/standards/{iso,iec,itu,etsi}.jsonl.gz
```
(add `--no-embed` for the fast load measured above; embeddings can be added later by the
same command without `--no-embed`: unchanged rows are not rewritten, only embedded).

## Why the numbers look like this

- Reading is bounded by JSON parsing and identifier normalization (pure Python, one core).
- Batch size: in the recorded sweep 1000 was fastest (writes per transaction amortize the
  round trip; larger UNWINDs cost more per row: bigger parameter maps and transaction
  state), so 1000 is the default. An earlier sweep under heavier load was flat within
  noise (179-243 records/s), so treat differences under ~20% as noise on this machine.
- A re-run compares content hashes of a whole batch in one read query before writing, so
  unchanged data costs reading + normalization only, and zero writes.
- The machine was shared with five other engineers' test runs and servers during these runs
  (load average 10-13 on 2 cores), so absolute times are pessimistic; ratios are meaningful.
  Example: the CSV preparation for the admin import above read and normalized all four
  catalogues in ~20 s in a quieter moment, against ~190 s of reading inside the first full load.
"""


def write_report(results: dict[str, Any]) -> None:
    lines = [
        "# Catalogue ingestion benchmark",
        "",
        "Produced by `benchmarks/bench_ingest.py` (raw numbers in `ingest.json`). "
        f"Run {results['date']} on {results['machine']}; Neo4j 5.26 Community, heap "
        f"{results['heap']}, page cache {results['pagecache']}.",
        "",
    ]
    full, rerun = results.get("full"), results.get("rerun")
    if full and rerun:
        lines += [
            "## Full load of the four catalogues (`--no-embed`)",
            "",
            "| records read | created nodes (Standard) | skipped | wall time | records/s | "
            "graph nodes created | relationships created | nodes/s (write phases) | "
            "relationships/s (write phases) |",
            "|---|---|---|---|---|---|---|---|---|",
            f"| {full['records']} | {full['created']} | {full['skipped']} | "
            f"{full['seconds']} s | {full['records_per_s']} | {full['nodes_created']} | "
            f"{full['relationships_created']} | {full['nodes_per_write_s']} | "
            f"{full['rels_per_write_s']} |",
            "",
            f"Write phases (node batches + link pass) took {full['write_seconds']} s; the "
            f"other {round(full['seconds'] - full['write_seconds'], 1)} s are reading, JSON "
            "parsing and identifier normalization, including "
            f"{full['compare_seconds']} s of bulk hash comparison. Links asserted: "
            + ", ".join(f"{k} {v}" for k, v in sorted(full["links"].items()))
            + ".",
            "",
            "## Re-run on unchanged data",
            "",
            f"{rerun['seconds']} s, {rerun['unchanged']} rows recognised as unchanged, "
            f"{rerun['created']} created, {rerun['updated']} updated, **{rerun['writes']} "
            f"graph writes**; graph content checksum equal before/after: "
            f"{rerun['fingerprint_equal']}.",
            "",
        ]
    lines += [
        "## Batch-size sweep",
        "",
        "Fresh database each time; the first rows of `iso.jsonl.gz`.",
        "",
        "| batch size | records | wall time | write phases | records/s |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {row['batch_size']} | {row['records']} | {row['seconds']} s | "
        f"{row['write_seconds']} s | {row['records_per_s']} |"
        for row in results["sweep"]
    ]
    embedding = results["embedding"]
    lines += [
        "",
        "## Embeddings",
        "",
        f"all-MiniLM-L6-v2 on CPU, {embedding['texts']} catalogue texts (ref + title + "
        f"abstract, ≤{embedding.get('text_limit', EMBEDDING_TEXT_LIMIT)} characters) sampled "
        "from the four catalogues, no cache: "
        f"{embedding['seconds']} s = **{embedding['texts_per_s']} texts/s**. Extrapolated "
        f"to every Standard of the full load: ~{embedding['catalogue_estimate_minutes']} "
        "minutes (measured on a sample, not on the full catalogue). Re-runs and reloads "
        "into a fresh database take vectors from the on-disk cache instead.",
        "",
    ]
    if embedding.get("note"):
        lines += [f"Note: {embedding['note']}.", ""]
    demo = results.get("demo")
    if demo:
        detail = (
            f"{demo['embedded']} embeddings in {demo['embed_seconds']} s"
            if demo.get("embed_seconds")
            else f"{demo['embedded']} embeddings"
        )
        lines += [
            "## Demo corpus (`stdkg ingest demo`, catalogue part)",
            "",
            f"Empty database and empty embedding cache: **{demo['seconds']} s** wall time for "
            f"{demo['standards']} Standards from {demo['records']} rows (taxonomies, one scan "
            f"of the four catalogues to select the subset, writes, links, {detail}).",
        ]
        if demo.get("cpu_seconds_client"):
            lines += [
                f"The client process used {demo['cpu_seconds_client']} s of CPU: on a "
                "machine of its own the load is CPU-bound well under the 8-minute budget; "
                "the wall time above is inflated by the other jobs sharing the 2 cores.",
            ]
        if demo.get("how"):
            lines += ["", f"Measured: {demo['how']}. Re-run: `bench_ingest.py --wipe --demo-only`."]
        lines += [""]
    admin = results.get("admin_import")
    if admin:
        lines += [
            "## Upper bound: `neo4j-admin database import full`",
            "",
            f"The same {admin['nodes']} Standard nodes (7 properties each) and the "
            "REPLACES/AMENDS/PART_OF edges between them, written offline into an empty "
            f"throw-away database: {admin['import_seconds']} s wall time including JVM start, "
            f"after {admin['prepare_seconds']} s of CSV preparation by our readers. "
            f"Succeeded: {admin['ok']}. Tool output: `" + " / ".join(admin["output_tail"]) + "`.",
            "",
            "The bulk importer only builds an empty database (no MERGE, no incremental "
            "updates, no idempotency, no citations/domains/ICS/committee edges), so it bounds "
            "the write phases from below; the online loader is what users run.",
            "",
        ]
    lines += [NOTES]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
