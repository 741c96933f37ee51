"""Benchmark ``/gaps`` and ``/overlaps`` against the loaded graph; results go to
``docs/benchmarks/gaps.md``.

Run: ``.venv/bin/python benchmarks/bench_gaps.py [--document ID] [--repeat 5]``. It measures
the HTTP endpoint in-process (FastAPI TestClient, so JSON rendering is included and network
noise is not), after one warm-up call, and records the size of the graph it ran against: a
time without the graph size means nothing.

``--synthetic 144000`` measures at full-catalogue scale without the hours it takes to embed
144k real records on a small CPU: it starts a throw-away managed Neo4j (instance
``bench-gaps``, free ports, deleted afterwards), fills it with that many Standard nodes with
random vectors (55% current, 35% withdrawn, 10% in development, 5% linked to a domain),
and the action plan's requirements as extracted by the NLP pipeline with their real topic
embeddings. Vector-index latency depends on the index size and dimension, not on what the
vectors mean, so the timing transfers; the verdicts do not (and are not reported).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks" / "gaps.md"
PLAN = "cn-urban-standardization-action-plan-2023-en"
TARGET_SECONDS = 5.0

SIZE_QUERY = """
CALL () { MATCH (s:Standard) RETURN count(s) AS standards,
          count(s.embedding) AS embedded,
          sum(CASE WHEN s.status = 'current' THEN 1 ELSE 0 END) AS current }
CALL () { MATCH (r:Requirement) RETURN count(r) AS requirements }
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
RETURN standards, embedded, current, requirements, documents
"""


def timed(call: object, repeat: int) -> list[float]:
    assert callable(call)
    call()  # warm-up: query plans, page cache
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    return seconds


# Generated inside Neo4j (no 144k x 384 floats over Bolt): random vectors; the cosine index
# normalizes, so they need not be unit length.
SYNTHETIC_STANDARDS = """
UNWIND range($start, $end - 1) AS i
WITH i, CASE WHEN i % 20 < 11 THEN 'current' WHEN i % 20 < 18 THEN 'withdrawn'
             ELSE 'development' END AS status
CREATE (s:Standard {key: 'SYN ' + i, ref: 'SYN ' + i, work: 'SYN ' + i,
                    title: 'Synthetic standard ' + i,
                    publisher: ['ISO', 'IEC', 'ITU-T', 'ETSI'][i % 4],
                    committee: 'TC ' + (i % 300), status: status,
                    embedding: [x IN range(1, 384) | rand() - 0.5]})
WITH s, i WHERE i % 20 = 0
MATCH (d:Domain {key: $domains[(i / 20) % size($domains)]})
CREATE (s)-[:IN_DOMAIN]->(d)
"""

SYNTHETIC_PLAN = """
MERGE (o:Organization {key: 'sac'}) SET o.name = 'Standardization Administration of China'
MERGE (doc:Document {id: $doc_id})
MERGE (o)-[:ISSUED]->(doc)
WITH doc
UNWIND $rows AS row
MERGE (c:Clause {key: row.clause})
MERGE (doc)-[:HAS_CLAUSE]->(c)
CREATE (c)-[:RAISES]->(r:Requirement {key: row.key, doc_id: $doc_id, topic: row.topic,
        surface: row.surface, start: row.start, end: row.end, domain: row.domain,
        embedding: row.vector})
WITH r, row MATCH (d:Domain {key: row.domain})
CREATE (r)-[:IN_DOMAIN]->(d)
"""

DOMAINS = (
    "smart-city", "sustainable-development", "urban-safety", "public-services",
    "urban-governance", "ecological-environment", "culture-tourism", "public-facilities",
    "new-urbanization", "government-services", "regional-development", "economic-development",
)  # fmt: skip


def fill_synthetic(driver: object, database: str, size: int) -> None:
    """Random-vector standards plus the real action plan's requirements (module doc)."""
    from tqdm import tqdm

    from graph.queries.schema import CONSTRAINTS, index_statements
    from nlp.embedder import EMBEDDING_DIMENSIONS, get_embedder
    from nlp.pipeline import extract_path
    from stdkg.config import get_settings

    with driver.session(database=database) as session:  # type: ignore[attr-defined]
        # Constraints first (MERGE/lookup by key), vector indexes after the bulk load: one
        # index population is much cheaper than maintaining the index on every write.
        for statement in CONSTRAINTS.values():
            session.run(statement).consume()
        session.run(
            "UNWIND $keys AS key MERGE (:Domain {key: key, name: key})", keys=list(DOMAINS)
        ).consume()
        batch = 5000
        for start in tqdm(range(0, size, batch), desc="synthetic standards", unit="batch"):
            session.run(
                SYNTHETIC_STANDARDS, start=start, end=min(size, start + batch),
                domains=list(DOMAINS),
            ).consume()  # fmt: skip
        plan = get_settings().shared_data / "policies" / f"{PLAN}.txt"
        extraction = extract_path(plan).to_dict()
        requirements = extraction["requirements"]
        vectors_real = get_embedder(get_settings()).embed(
            [r["topic"] or r["surface"] for r in requirements]
        )
        rows = [
            {
                "key": f"{PLAN}#{r['start']}-{r['end']}",
                "clause": f"{PLAN}#{r.get('clause') or 'body'}",
                "topic": r["topic"],
                "surface": r["surface"],
                "start": r["start"],
                "end": r["end"],
                "domain": r.get("domain") or "unassigned",
                "vector": vector,
            }
            for r, vector in zip(requirements, vectors_real, strict=True)
        ]
        session.run(SYNTHETIC_PLAN, rows=rows, doc_id=PLAN).consume()
        for statement in index_statements(EMBEDDING_DIMENSIONS).values():
            session.run(statement).consume()
        started = time.perf_counter()
        session.run("CALL db.awaitIndexes(3600)").consume()
        print(f"indexes online after {time.perf_counter() - started:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--document", default=PLAN)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        metavar="N",
        help="benchmark a throw-away graph of N synthetic standards",
    )
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from api.main import create_app
    from graph.connection import get_driver
    from stdkg.config import get_settings

    server = None
    if args.synthetic:
        from graph.server import start_throwaway

        server = start_throwaway("bench-gaps", heap="1g", pagecache="1g")
    settings = get_settings()
    driver = get_driver(settings)
    try:
        if args.synthetic:
            fill_synthetic(driver, settings.neo4j_database, args.synthetic)
        with driver.session(database=settings.neo4j_database) as session:
            size = session.run(SIZE_QUERY).data()[0]
        app = create_app(settings, driver=driver, load_embedder=False)
        cases = [
            ("/gaps json", "/gaps", {"document": args.document}),
            ("/gaps md", "/gaps", {"document": args.document, "format": "md"}),
            ("/gaps all documents", "/gaps", {"document": "all"}),
            ("/overlaps standards (500 seeds, default)", "/overlaps", {"kind": "standards"}),
            ("/overlaps standards (2000 seeds)", "/overlaps", {"kind": "standards", "seeds": 2000}),
            ("/overlaps requirements", "/overlaps", {"kind": "requirements"}),
            ("/overlaps assignments", "/overlaps", {"kind": "assignments"}),
        ]
        rows = []
        with TestClient(app) as client:
            for name, path, params in cases:
                response = client.get(path, params=params)
                if response.status_code != 200:
                    rows.append((name, f"HTTP {response.status_code}", "", "", ""))
                    continue
                body = response.json() if "format" not in params else {}
                items = len(
                    body.get("requirements") or body.get("pairs") or body.get("assignments") or []
                )
                seconds = timed(lambda p=path, q=params: client.get(p, params=q), args.repeat)
                rows.append(
                    (
                        name,
                        f"{statistics.median(seconds):.3f}",
                        f"{max(seconds):.3f}",
                        str(items) if items else "-",
                        "yes" if statistics.median(seconds) < TARGET_SECONDS else "NO",
                    )
                )
    finally:
        driver.close()
        if server is not None:
            server.destroy()

    graph_kind = (
        f"a throw-away graph of {args.synthetic} synthetic standards (random unit vectors) plus "
        "the action plan's extracted requirements with real embeddings"
        if args.synthetic
        else "the loaded graph"
    )
    mode = "full scale, synthetic" if args.synthetic else "loaded graph"
    lines = [
        f"## Gap analysis and overlaps: {mode}",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/bench_gaps.py "
        f"--document {args.document} --repeat {args.repeat}` on {platform.machine()}, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}.",
        "",
        f"Graph: {graph_kind}: {size['standards']} standards ({size['current']} current, "
        f"{size['embedded']} with embeddings), {size['documents']} documents, "
        f"{size['requirements']} requirements.",
        "",
        "Seconds per HTTP call (in-process TestClient, after one warm-up call); "
        f"target for `/gaps` on the action plan: < {TARGET_SECONDS:.0f} s.",
        "",
        "| call | median s | max s | items | < 5 s |",
        "|---|---|---|---|---|",
        *(f"| {' | '.join(row)} |" for row in rows),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        section = "synthetic" if args.synthetic else "loaded"
        write_section(RESULTS, section, text)


def write_section(path: Path, section: str, text: str) -> None:
    """Keep one section per mode, so the full-scale and the loaded-graph runs both stay."""
    begin, end = f"<!-- {section}: begin -->", f"<!-- {section}: end -->"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"{begin}\n{text}\n{end}\n"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + block + rest.split(end, 1)[1].lstrip("\n")
    else:
        current = (current + "\n" if current else "") + block
    path.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    main()
