"""Benchmark ``/gaps`` and ``/overlaps`` against the loaded graph; results go to
``docs/benchmarks/gaps.md``.

Run: ``.venv/bin/python benchmarks/bench_gaps.py [--document ID] [--repeat 5]``. It measures
the HTTP endpoint in-process (FastAPI TestClient, so JSON rendering is included and network
noise is not), after one warm-up call, and records the size of the graph it ran against: a
time without the graph size means nothing.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--document", default=PLAN)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from api.main import create_app
    from graph.connection import get_driver
    from stdkg.config import get_settings

    settings = get_settings()
    driver = get_driver(settings)
    try:
        with driver.session(database=settings.neo4j_database) as session:
            size = session.run(SIZE_QUERY).data()[0]
        app = create_app(settings, driver=driver, load_embedder=False)
        cases = [
            ("/gaps json", "/gaps", {"document": args.document}),
            ("/gaps md", "/gaps", {"document": args.document, "format": "md"}),
            ("/gaps all documents", "/gaps", {"document": "all"}),
            ("/overlaps standards (2000 seeds)", "/overlaps", {"kind": "standards"}),
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

    lines = [
        "# Benchmark: gap analysis and overlaps",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `benchmarks/bench_gaps.py "
        f"--document {args.document} --repeat {args.repeat}` on {platform.machine()}, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}.",
        "",
        f"Graph: {size['standards']} standards ({size['current']} current, "
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
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
