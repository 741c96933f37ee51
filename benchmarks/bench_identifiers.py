"""Benchmark the identifier normalizer on the real catalogues.

Why these three numbers: catalogue ingestion calls ``parse_identifier`` once per record
(~144k) and ``find_identifiers`` on every abstract (~46 MB of text), and the API calls
``find_identifiers`` on every query, where a hostile 1 MB string must not stall a worker. CPU
time (``process_time``) is reported next to wall time because the machine is shared and wall
time mostly measures the neighbours.

Run:  .venv/bin/python benchmarks/bench_identifiers.py [--data DIR] [--abstracts N] [--no-write]
Writes docs/benchmarks/identifiers.md unless --no-write.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp.errors import InvalidIdentifierError  # noqa: E402
from nlp.identifiers import find_identifiers, parse_identifier  # noqa: E402
from stdkg.config import get_settings  # noqa: E402

OUTPUT = ROOT / "docs" / "benchmarks" / "identifiers.md"
CATALOGUES = ("iso", "iec", "itu", "etsi")
HOSTILE_SIZE = 1_000_000


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def load(path: Path, abstracts_limit: int) -> tuple[list[str], list[str]]:
    references: list[str] = []
    abstracts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in tqdm(lines, desc=f"read {path.name}", unit=" rows", leave=False):
            row = json.loads(line)
            references.append(row["reference"])
            if row.get("abstract_en") and len(abstracts) < abstracts_limit:
                abstracts.append(row["abstract_en"])
    return references, abstracts


def parse_all(references: list[str]) -> int:
    ok = 0
    for reference in references:
        try:
            parse_identifier(reference)
            ok += 1
        except InvalidIdentifierError:
            pass
    return ok


def find_all(abstracts: list[str]) -> int:
    return sum(len(find_identifiers(text)) for text in abstracts)


def hostile_inputs() -> dict[str, str]:
    n = HOSTILE_SIZE
    return {
        "ISO/IEC/ repeated": ("ISO/IEC/" * n)[:n],
        "ISO / repeated": ("ISO / " * n)[:n],
        "ISO 1-1-1-...": ("ISO 1" + "-1" * n)[:n],
        "ISO + 1 MB of digits": "ISO " + "1" * n,
        "ITU-T Y.1/Y.1/...": ("ITU-T Y.1" + "/Y.1" * n)[:n],
        "GB/T 1. repeated": ("GB/T 1." * n)[:n],
        "plain English": ("the quick brown fox jumps over the lazy dog " * n)[:n],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data directory")
    parser.add_argument("--abstracts", type=int, default=100_000, help="max abstracts per file")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    data = args.data or Path(get_settings().shared_data)

    lines = [
        "# Identifier normalizer benchmark",
        "",
        f"Run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} on {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other processes (load average "
        f"{os.getloadavg()[0]:.1f}); Python {platform.python_version()}. "
        "Script: `benchmarks/bench_identifiers.py`.",
        "",
        "## parse_identifier on every catalogue reference",
        "",
        "| catalogue | references | parsed | share | wall s | CPU s | CPU µs / ref |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    all_abstracts: list[str] = []
    for name in CATALOGUES:
        path = data / "standards" / f"{name}.jsonl.gz"
        if not path.exists():
            lines.append(f"| {name} | missing | | | | | |")
            continue
        references, abstracts = load(path, args.abstracts)
        all_abstracts.extend(abstracts)
        wall, cpu, ok = timed(lambda refs=references: parse_all(refs))  # type: ignore[misc]
        assert isinstance(ok, int)
        lines.append(
            f"| {name} | {len(references):,} | {ok:,} | {ok / len(references):.2%} | "
            f"{wall:.2f} | {cpu:.2f} | {cpu / len(references) * 1e6:.1f} |"
        )

    size_mb = sum(len(text) for text in all_abstracts) / 1e6
    wall, cpu, found = timed(lambda: find_all(all_abstracts))
    lines += [
        "",
        "## find_identifiers on catalogue abstracts",
        "",
        "| abstracts | MB of text | identifiers found | wall s | CPU s | MB / CPU s |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {len(all_abstracts):,} | {size_mb:.1f} | {found:,} | {wall:.1f} | {cpu:.1f} | "
        f"{size_mb / cpu:.1f} |",
        "",
        "## find_identifiers on hostile 1 MB strings",
        "",
        "| input | matches | wall s | CPU s |",
        "|---|---:|---:|---:|",
    ]
    for label, text in hostile_inputs().items():
        wall, cpu, matches = timed(lambda t=text: find_identifiers(t))  # type: ignore[misc]
        assert isinstance(matches, list)
        lines.append(f"| {label} | {len(matches)} | {wall:.2f} | {cpu:.2f} |")

    report = "\n".join(lines) + "\n"
    print(report)
    if not args.no_write:
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        OUTPUT.write_text(report, encoding="utf-8")
        print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
