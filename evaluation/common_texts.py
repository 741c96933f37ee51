"""``stdkg eval common-texts``: which labelled common texts (ITU-T | ISO/IEC twin texts, ETSI
adoptions) ``GET /overlaps?kind=standards`` reports, and how long the default request takes.

A reported pair matches a labelled one when its two editions belong to the labelled works, in
either order. Labelled negatives (look-alikes that are not one text) measure the false alarms
on the hardest cases; the whole report has no complete labels, so its precision is bounded by
what fraction of reported pairs are labelled positives (the rest are unjudged, not wrong).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from evaluation.citations import work_of

DEFAULT_GOLD = Path("corpus/gold/fullscale/common_texts.json")

#: GET /overlaps with these params -> (status, body, seconds)
FetchOverlaps = Callable[[dict[str, Any]], tuple[int, Mapping[str, Any], float]]


def _pair(a: str, b: str) -> frozenset[str]:
    return frozenset((work_of(a), work_of(b)))


def evaluate(fetch: FetchOverlaps, gold_path: Path = DEFAULT_GOLD) -> dict[str, Any]:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    status, default, seconds = fetch({"kind": "standards"})
    if status != 200:
        raise RuntimeError(f"GET /overlaps?kind=standards answered {status}: {default}")
    status, full, _ = fetch({"kind": "standards", "limit": 500, "format": "json"})
    if status != 200:
        raise RuntimeError(f"GET /overlaps?kind=standards&limit=500 answered {status}: {full}")
    reported: dict[frozenset[str], str] = {}
    for pair in full.get("pairs") or []:
        reported[_pair(pair["a"]["key"], pair["b"]["key"])] = pair.get("relation") or ""
    splits: dict[str, dict[str, Any]] = {}
    for item in gold["pairs"]:
        split = splits.setdefault(
            item["split"], {"pairs": 0, "found": 0, "by kind": {}, "missed": []}
        )
        kind = split["by kind"].setdefault(item["kind"], {"pairs": 0, "found": 0})
        split["pairs"] += 1
        kind["pairs"] += 1
        if _pair(item["a"], item["b"]) in reported:
            split["found"] += 1
            kind["found"] += 1
        else:
            split["missed"].append(f"{item['a']} | {item['b']}")
    for split in splits.values():
        split["recall"] = round(split["found"] / split["pairs"], 3) if split["pairs"] else None
    positives = {_pair(item["a"], item["b"]) for item in gold["pairs"]}
    negatives = [
        f"{item['a']} | {item['b']}"
        for item in gold["negatives"]
        if _pair(item["a"], item["b"]) in reported
    ]
    return {
        "gold": str(gold_path),
        "default request seconds": round(seconds, 2),
        "default request pairs": len(default.get("pairs") or []),
        "reported pairs (limit 500)": len(reported),
        "reported pairs that are labelled common texts": sum(p in positives for p in reported),
        "negatives labelled": len(gold["negatives"]),
        "negatives reported": negatives,
        "splits": dict(sorted(splits.items())),
    }


def format_table(result: Mapping[str, Any]) -> str:
    lines = [
        f"Common texts in GET /overlaps?kind=standards vs {result['gold']}",
        f"default request: {result['default request seconds']} s, "
        f"{result['default request pairs']} pairs",
        "",
        "| split | labelled pairs | reported | recall |",
        "|---|---|---|---|",
    ]
    for name, split in result["splits"].items():
        lines.append(f"| {name} | {split['pairs']} | {split['found']} | {split['recall']} |")
    lines.append("")
    for name, split in result["splits"].items():
        kinds = ", ".join(f"{k} {v['found']}/{v['pairs']}" for k, v in split["by kind"].items())
        lines.append(f"{name} by kind: {kinds}")
    lines.append(
        f"negatives reported: {len(result['negatives reported'])} of "
        f"{result['negatives labelled']} {result['negatives reported']}"
    )
    lines.append(
        f"reported pairs that are labelled positives: "
        f"{result['reported pairs that are labelled common texts']} of "
        f"{result['reported pairs (limit 500)']}"
    )
    return "\n".join(lines) + "\n"
