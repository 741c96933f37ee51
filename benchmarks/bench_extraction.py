"""Benchmark the extraction pipeline: model loading, then time per document and per 100 KB.

Why separately: loading spaCy and the gazetteers happens once per process (CLI start, API
start), while extraction runs for every uploaded document, so the two answer different
questions ("how long does `stdkg extract` take to start?" vs "can the API extract a document
inside a request?"). Each document is extracted ``--repeat`` times and the median is reported,
which is robust to the other processes sharing this machine.

Run:  .venv/bin/python benchmarks/bench_extraction.py [--repeat 5] [--data DIR] [--no-write]
Writes docs/benchmarks/extraction.md unless --no-write.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from stdkg.config import get_settings, set_offline_model_env  # noqa: E402

AIM_SECONDS_PER_25KB = 1.0
OUTPUT = ROOT / "docs" / "benchmarks" / "extraction.md"
ITEM_TYPES = ("standards", "organizations", "policy_refs", "requirements", "targets")


def cpu_description() -> str:
    """CPU model and the cores this process may use (the machine is shared)."""
    model = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{model}, {cores} cores available"


WARM_UP_TEXT = ROOT / "corpus" / "gold" / "extraction" / "texts"


def load_pipeline() -> tuple[object, float]:
    """Import the pipeline and run it once on a project-written policy-like text (clauses,
    identifiers, organizations, requirements, targets): components load their models and
    gazetteers lazily on first use, so a one-line warm-up would leave loading in the timings."""
    started = time.perf_counter()
    from nlp.pipeline import extract_text

    for path in sorted(WARM_UP_TEXT.glob("*.txt")):
        extract_text(path.read_text(encoding="utf-8"))
    return extract_text, time.perf_counter() - started


def first_pass(extract_text: object, documents: list[tuple[str, str, int]]) -> float:
    """One untimed-for-the-table pass over every document, so any loading still left (e.g. a
    model needed only by Chinese or by long texts) is not counted as extraction time."""
    started = time.perf_counter()
    for _name, text, _size in tqdm(documents, desc="warm-up pass", unit="doc"):
        extract_text(text)  # type: ignore[operator]
    return time.perf_counter() - started


def load_average() -> str:
    try:
        return " / ".join(f"{value:.1f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def read_policies(folder: Path) -> list[tuple[str, str, int]]:
    """(file name, decoded text, size in bytes) of every .txt policy in the folder."""
    documents = []
    for path in sorted(folder.glob("*.txt")):
        data = path.read_bytes()
        documents.append((path.name, data.decode("utf-8"), len(data)))
    if not documents:
        raise SystemExit(f"no .txt policies in {folder}")
    return documents


def bench(extract_text: object, documents: list[tuple[str, str, int]], repeat: int) -> list[dict]:
    rows = []
    work = [(doc, run) for doc in documents for run in range(repeat)]
    timings: dict[str, list[float]] = {}
    cpu_timings: dict[str, list[float]] = {}
    counts: dict[str, dict[str, int]] = {}
    for (name, text, _size), _run in tqdm(work, desc="extracting", unit="run"):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = extract_text(text)  # type: ignore[operator]
        timings.setdefault(name, []).append(time.perf_counter() - started)
        cpu_timings.setdefault(name, []).append(time.process_time() - cpu_started)
        if name not in counts:
            as_dict = result.to_dict()
            counts[name] = {item: len(as_dict.get(item) or []) for item in ITEM_TYPES}
    for name, _text, size in documents:
        median = statistics.median(timings[name])
        rows.append(
            {
                "document": name,
                "kb": size / 1000,
                "median_s": median,
                "min_s": min(timings[name]),
                "cpu_s": statistics.median(cpu_timings[name]),
                "per_100kb_s": median / (size / 100_000),
                "items": counts[name],
            }
        )
    return rows


def stress_texts(documents: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    """Texts that stress the pipeline's slow parts: 1 MB of the English policies repeated (the
    size issue 9 names), and two generated texts that make every sentence ask spaCy (figures told
    in the past: the tagger; named actors: the recognizer), which the pipeline batches."""
    english = "\n\n".join(text for name, text, _ in documents if "-en" in name)
    one_mb = ((english + "\n\n") * (1_000_000 // max(1, len(english)) + 1))[:1_000_000]
    past = "\n".join(
        f"In {2000 + i % 20} the district had {i % 97} per cent of homes connected and lost "
        f"{i % 13}% of water."
        for i in range(600)
    )
    syllables = ["zor", "vex", "qui", "lby", "mar", "net", "tes", "aro", "van", "del", "ost", "rik"]
    actors = "\n".join(
        f"{(syllables[i % 12] + syllables[i // 12 % 12] + syllables[i // 144 % 12]).capitalize()}"
        f" will supply item {i} to the depot."
        for i in range(600)
    )
    return [
        ("the English policy texts repeated to 1 MB", one_mb),
        ("600 report sentences with figures, told in the past", past),
        ("600 lines each naming a new actor ('Zorvexqui will supply ...')", actors),
    ]


def stress(extract_text: object, texts: list[tuple[str, str]]) -> list[tuple[str, float, float]]:
    """(label, KB, seconds) of one extraction of each stress text."""
    results = []
    for label, text in texts:
        started = time.perf_counter()
        extract_text(text)  # type: ignore[operator]
        results.append((label, len(text.encode("utf-8")) / 1000, time.perf_counter() - started))
    return results


def render(
    rows: list[dict],
    load_seconds: float,
    warm_up_seconds: float,
    repeat: int,
    folder: Path,
    stressed: list[tuple[str, float, float]] | None = None,
) -> str:
    total_bytes = sum(row["kb"] for row in rows) * 1000
    total_seconds = sum(row["median_s"] for row in rows)
    big = [row for row in rows if row["kb"] >= 15]
    per_100kb = total_seconds / (total_bytes / 100_000)
    lines = [
        "# Extraction benchmark",
        "",
        "Re-run with `.venv/bin/python benchmarks/bench_extraction.py` "
        f"(`--repeat {repeat}`); this page is written by that script.",
        "",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {cpu_description()}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}. The machine was shared with other work while "
        "measuring, so times are medians of repeated runs.",
        f"- Input: the {len(rows)} shipped policy texts in `{folder}` "
        f"({total_bytes / 1000:.0f} KB in total), each extracted {repeat} times.",
        f"- Load average while measuring (1/5/15 min): {load_average()}.",
        f"- Model loading (import + first extraction of the project-written text in "
        f"`corpus/gold/extraction/texts/`, once per process): **{load_seconds:.2f} s**",
        f"- Warm-up pass over all documents (not in the table): {warm_up_seconds:.2f} s.",
        f"- Extraction of all documents: {total_seconds:.2f} s (sum of medians), i.e. "
        f"**{per_100kb:.3f} s per 100 KB** overall.",
    ]
    total_cpu = sum(row["cpu_s"] for row in rows)
    lines.append(
        f"- CPU time of this process (less sensitive to other load; all threads): "
        f"{total_cpu:.2f} s, i.e. {total_cpu / (total_bytes / 100_000):.3f} s per 100 KB."
    )
    if big:
        scaled = [row["median_s"] * 25 / row["kb"] for row in big]
        verdict = "meets" if max(scaled) < AIM_SECONDS_PER_25KB else "misses"
        lines.append(
            f"- Aim: < {AIM_SECONDS_PER_25KB:.0f} s for a 25 KB document after loading. Scaled to "
            f"25 KB, the documents of 15 KB or more take {min(scaled):.3f}-{max(scaled):.3f} s: "
            f"the pipeline **{verdict}** the aim."
        )
    lines += [
        "",
        "| document | KB | median s | min s | CPU s | s per 100 KB | std | org | pol | req | tgt |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        items = row["items"]
        lines.append(
            f"| {row['document']} | {row['kb']:.1f} | {row['median_s']:.3f} | "
            f"{row['min_s']:.3f} | {row['cpu_s']:.3f} | {row['per_100kb_s']:.3f} | "
            f"{items['standards']} | "
            f"{items['organizations']} | {items['policy_refs']} | {items['requirements']} | "
            f"{items['targets']} |"
        )
    lines += [
        "",
        "Item counts are what the pipeline extracted (not accuracy; see `docs/evaluation.md`).",
        "",
    ]
    if stressed:
        lines += [
            "## Stress texts (one run each)",
            "",
            "| text | KB | s | s per 25 KB |",
            "|---|---:|---:|---:|",
            *(
                f"| {label} | {kb:.0f} | {seconds:.2f} | {seconds * 25 / kb:.2f} |"
                for label, kb, seconds in stressed
            ),
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per document (median)")
    parser.add_argument("--data", type=Path, default=None, help="folder of policy .txt files")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    set_offline_model_env()
    folder = args.data or get_settings().shared_data / "policies"
    documents = read_policies(folder)
    try:
        extract_text, load_seconds = load_pipeline()
    except ImportError as error:
        message = f"the pipeline (nlp.pipeline.extract_text) is not available: {error}"
        raise SystemExit(message) from error
    warm_up_seconds = first_pass(extract_text, documents)
    rows = bench(extract_text, documents, args.repeat)
    stressed = stress(extract_text, stress_texts(documents))
    report = render(rows, load_seconds, warm_up_seconds, args.repeat, folder, stressed)
    print(report)
    if not args.no_write:
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        OUTPUT.write_text(report, encoding="utf-8")
        print(f"written to {OUTPUT}")


if __name__ == "__main__":
    main()
