"""``stdkg eval citations``: what ``GET /standards/{ref}`` lists under 'cites', scored against
citations read by hand from catalogue abstracts (``corpus/gold/citations/``).

Why through the API: the user sees the answer of the endpoint, after identifier parsing,
resolution to editions, works, families and Reference nodes. Scoring the extractor alone would
miss every loss between the abstract and the page.

A predicted citation matches a gold one when both name the same *work* (publisher, type,
number, part): a dated citation resolved to the current edition of its work is still the cited
document, and the gold's dated/undated split is reported separately. Matching is one-to-one per
record. The baseline is what round 1 showed: only citations resolved to a catalogue Standard.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlp.errors import InvalidIdentifierError
from nlp.identifiers import parse_identifier

DEFAULT_GOLD = Path("corpus/gold/citations/abstract_citations.json")

#: GET /standards/{ref} -> (status code, body)
FetchStandard = Callable[[str], tuple[int, Mapping[str, Any]]]


def work_of(identifier: str) -> str:
    """The work an identifier names, or the identifier folded when it does not parse (an EU
    act, a CEPT deliverable): those can only match a prediction spelled the same way."""
    try:
        return parse_identifier(identifier).work
    except InvalidIdentifierError:
        return " ".join(identifier.split()).upper()


def gold_works(citation: Mapping[str, Any]) -> set[str]:
    """Every spelling that names the gold citation's document (its id, intended id, work)."""
    names = {citation["id"]}
    for key in ("intended", "work"):
        if citation.get(key):
            names.add(citation[key])
    return {work_of(name) for name in names}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


@dataclass
class SplitResult:
    system: Tally = field(default_factory=Tally)
    baseline: Tally = field(default_factory=Tally)
    #: recall of the system by kind of gold citation (in/outside the catalogue, family, dated)
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missing_records: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


def match(
    gold: Sequence[Mapping[str, Any]], predicted: Sequence[Mapping[str, Any]]
) -> tuple[list[int], list[int], list[int]]:
    """One-to-one matching by work: (matched gold indexes, unmatched gold, unmatched
    predictions)."""
    predicted_works = [work_of(str(p.get("key") or p.get("ref") or "")) for p in predicted]
    used: set[int] = set()
    hits: list[int] = []
    misses: list[int] = []
    for g, citation in enumerate(gold):
        names = gold_works(citation)
        found = next(
            (i for i, work in enumerate(predicted_works) if i not in used and work in names),
            None,
        )
        if found is None:
            misses.append(g)
        else:
            used.add(found)
            hits.append(g)
    return hits, misses, [i for i in range(len(predicted)) if i not in used]


def kinds(citation: Mapping[str, Any]) -> list[str]:
    out = ["in catalogue" if citation.get("in_catalogue") else "outside catalogue"]
    if citation.get("family"):
        out.append("family")
    out.append("dated" if citation.get("dated") else "undated")
    return out


def evaluate(fetch: FetchStandard, gold_path: Path = DEFAULT_GOLD) -> dict[str, Any]:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    results: dict[str, SplitResult] = defaultdict(SplitResult)
    for record in gold["records"]:
        split = results[record["split"]]
        status, body = fetch(record["reference"])
        if status != 200:
            split.missing_records.append(record["reference"])
            predicted: list[Mapping[str, Any]] = []
        else:
            predicted = list(body.get("cites") or [])
        citations = record["citations"]
        hits, misses, spurious = match(citations, predicted)
        split.system.tp += len(hits)
        split.system.fn += len(misses)
        split.system.fp += len(spurious)
        for g, citation in enumerate(citations):
            for kind in kinds(citation):
                tally = split.by_kind[kind]
                if g in hits:
                    tally.tp += 1
                else:
                    tally.fn += 1
        in_catalogue = [p for p in predicted if p.get("in_catalogue", True) and not p.get("family")]
        b_hits, b_misses, b_spurious = match(citations, in_catalogue)
        split.baseline.tp += len(b_hits)
        split.baseline.fn += len(b_misses)
        split.baseline.fp += len(b_spurious)
        if misses or spurious:
            split.errors.append(
                {
                    "reference": record["reference"],
                    "missed": [citations[g]["surface"] for g in misses],
                    "spurious": [
                        str(predicted[i].get("surface") or predicted[i].get("key"))
                        for i in spurious
                    ],
                }
            )
    return {
        "gold": str(gold_path),
        "splits": {
            name: {
                "records": sum(1 for r in gold["records"] if r["split"] == name),
                "system": result.system.as_dict(),
                "baseline (catalogue standards only)": result.baseline.as_dict(),
                "recall by kind": {
                    kind: {"n": t.tp + t.fn, "recall": round(t.recall, 3)}
                    for kind, t in sorted(result.by_kind.items())
                },
                "records not found": result.missing_records,
                "errors": result.errors,
            }
            for name, result in sorted(results.items())
        },
    }


def format_table(result: Mapping[str, Any], errors: bool = False) -> str:
    lines = [f"Citations through GET /standards/{{ref}} vs {result['gold']}", ""]
    lines.append("| split | records | system P | system R | baseline P | baseline R |")
    lines.append("|---|---|---|---|---|---|")
    for name, split in result["splits"].items():
        system, baseline = split["system"], split["baseline (catalogue standards only)"]
        lines.append(
            f"| {name} | {split['records']} | {system['precision']:.3f} | "
            f"{system['recall']:.3f} | {baseline['precision']:.3f} | {baseline['recall']:.3f} |"
        )
    for name, split in result["splits"].items():
        by_kind = ", ".join(
            f"{kind} {v['recall']:.2f} (n={v['n']})" for kind, v in split["recall by kind"].items()
        )
        lines.append(f"\n{name}: recall by kind: {by_kind}")
        if split["records not found"]:
            lines.append(f"{name}: records not found: {', '.join(split['records not found'])}")
        if errors:
            for error in split["errors"]:
                lines.append(
                    f"  {error['reference']}: missed {error['missed']} spurious {error['spurious']}"
                )
    return "\n".join(lines) + "\n"
