"""A set of character spans that answers "what overlaps ``[start, end)``?" without a scan.

Why: several components asked that question by looping over every span found so far, once per
candidate: harmless on a 25 KB text, quadratic on a 1 MB one (thousands of candidates times
thousands of spans). Spans are kept sorted by start; a query looks only at the spans that start
before ``end`` and no earlier than ``start`` minus the longest span held, which on real text is a
handful.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Spans ``(start, end)`` with a payload each; spans may overlap one another."""

    def __init__(self, items: Iterable[tuple[int, int, T]] = ()) -> None:
        ordered = sorted(items, key=lambda item: (item[0], item[1]))
        self._starts = [item[0] for item in ordered]
        self._items = ordered
        self._longest = max((end - start for start, end, _ in ordered), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, start: int, end: int, payload: T) -> None:
        index = bisect.bisect_right(self._starts, start)
        self._starts.insert(index, start)
        self._items.insert(index, (start, end, payload))
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, T]]:
        """The spans with ``s < end`` and ``start < e``, in start order."""
        stop = bisect.bisect_left(self._starts, end)
        first = bisect.bisect_left(self._starts, start - self._longest, 0, stop)
        for index in range(first, stop):
            item = self._items[index]
            if item[1] > start:
                yield item

    def overlaps(self, start: int, end: int) -> bool:
        return next(self.overlapping(start, end), None) is not None


def span_index(spans: Iterable[tuple[int, int]]) -> SpanIndex[None]:
    """A ``SpanIndex`` of bare spans."""
    return SpanIndex((start, end, None) for start, end in spans)
