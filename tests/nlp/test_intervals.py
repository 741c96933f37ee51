"""``nlp.intervals.SpanIndex`` answers overlap questions exactly like a scan of every span."""

from __future__ import annotations

import random

from nlp.intervals import SpanIndex, span_index


def _scan(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return sorted((s, e) for s, e in spans if s < end and start < e)


def test_overlaps_match_a_scan_of_every_span() -> None:
    draw = random.Random(20261204)
    for _ in range(200):
        spans = [(s, s + draw.randint(1, 40)) for s in (draw.randint(0, 500) for _ in range(30))]
        index = span_index(spans[:15])
        for span in spans[15:]:
            index.add(*span, None)  # spans added later, out of order, are found too
        for _ in range(20):
            start = draw.randint(0, 540)
            end = start + draw.randint(1, 60)
            found = sorted((s, e) for s, e, _ in index.overlapping(start, end))
            assert found == _scan(spans, start, end)
            assert index.overlaps(start, end) == bool(found)


def test_touching_spans_do_not_overlap_and_payloads_come_back() -> None:
    index: SpanIndex[str] = SpanIndex([(0, 5, "a"), (10, 20, "b")])
    assert not index.overlaps(5, 10)
    assert [p for _, _, p in index.overlapping(4, 11)] == ["a", "b"]
    assert len(index) == 2
    assert not SpanIndex[str]().overlaps(0, 100)
