"""Loading search gold files: judged references keyed as hits are (pure logic, no graph)."""

from __future__ import annotations

import json
from pathlib import Path

from evaluation.search import load_gold


def test_judgments_are_keyed_by_normalized_identifier_and_odd_references_kept(
    tmp_path: Path,
) -> None:
    gold = tmp_path / "queries.json"
    gold.write_text(
        json.dumps(
            {
                "queries": [
                    {
                        "id": "q1",
                        "query": "motor efficiency",
                        "relevant": {"iec  60034-30-1": 3, "IEC ACEE 02": 1},
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    [item] = load_gold(gold)
    # an identifier is normalized (case, spacing); a reference the identifier grammar does
    # not parse stays as written (it counts as a relevant document not found)
    assert item["relevant"] == {"IEC 60034-30-1": 3, "IEC ACEE 02": 1}
