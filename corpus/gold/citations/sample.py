"""Deterministic sample of catalogue abstracts for the citation gold set.

Re-run:  python corpus/gold/citations/sample.py [DATA_DIR]   (default ../shared/data/standards
relative to the repository root). Prints one JSON line per sampled record:
{"reference", "catalogue", "split", "abstract", "n_candidates"}.

Candidates: records whose `abstract_en` is a non-empty string and matches CANDIDATE_RE, i.e.
contains one of the keywords below (word-boundary at its start, case-sensitive) followed
ANYWHERE later in the abstract by a digit. The regex is deliberately broad and independent of
stdkg's extractor; most candidates it selects turn out to cite something, some do not (those
are kept: they measure precision).

Sampling: per catalogue, candidates are sorted by `reference` (records with the same reference are
kept once, first occurrence) and drawn with ONE random.Random(20261203) instance, in the order
etsi (50), iso (40), itu (35), iec (25), via rng.sample(sorted_candidates, n). If a catalogue had
fewer candidates than its quota it would give all of them and the shortfall would be added to the
next catalogue in that order (not needed: every catalogue has thousands of candidates).
Split: the 150 sampled references in sampling order are shuffled with random.Random(7).shuffle;
the first 50 are `heldout`, the other 100 `dev`.
"""

import gzip
import json
import pathlib
import random
import re
import sys

KEYWORDS = [
    "ISO",
    "IEC",
    "ITU",
    "Recommendation",
    "ETSI",
    "EN ",
    "TS ",
    "TR ",
    "RFC",
    "IEEE",
    "3GPP",
    "CEN",
    "IETF",
    "ANSI",
    "EG ",
    "ES ",
    "Directive",
    "Regulation",
]
CANDIDATE_RE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in KEYWORDS) + r")[\s\S]*?\d")
QUOTAS = [("etsi", 50), ("iso", 40), ("itu", 35), ("iec", 25)]
SEED_SAMPLE = 20261203
SEED_SPLIT = 7
N_HELDOUT = 50


def candidates(path):
    seen = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            ab = rec.get("abstract_en")
            ref = rec.get("reference")
            if not ref or not isinstance(ab, str) or not ab.strip():
                continue
            if ref in seen:
                continue
            if CANDIDATE_RE.search(ab):
                seen[ref] = ab
    return sorted(seen.items())


def sample(data_dir):
    rng = random.Random(SEED_SAMPLE)
    picked = []
    shortfall = 0
    for cat, n in QUOTAS:
        cands = candidates(pathlib.Path(data_dir) / f"{cat}.jsonl.gz")
        want = n + shortfall
        k = min(want, len(cands))
        shortfall = want - k
        for ref, ab in rng.sample(cands, k):
            picked.append(
                {"reference": ref, "catalogue": cat, "abstract": ab, "n_candidates": len(cands)}
            )
    refs = [p["reference"] for p in picked]
    random.Random(SEED_SPLIT).shuffle(refs)
    heldout = set(refs[:N_HELDOUT])
    for p in picked:
        p["split"] = "heldout" if p["reference"] in heldout else "dev"
    return picked


if __name__ == "__main__":
    root = pathlib.Path(__file__).resolve().parents[3]
    data_dir = sys.argv[1] if len(sys.argv) > 1 else root.parent / "shared/data/standards"
    for p in sample(data_dir):
        print(json.dumps(p, ensure_ascii=False))
