"""Fast questions about many [start, end) spans: is a range inside one, does it overlap one."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """Spans sorted by start with a running maximum of their ends: each query is O(log n).

    >>> idx = SpanIndex([(0, 5), (10, 20)])
    >>> idx.contains(11, 13), idx.contains(4, 7), idx.overlaps(4, 7), idx.overlaps(5, 10)
    (True, False, True, False)
    """

    __slots__ = ("_starts", "_max_end")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._max_end = list(accumulate((e for _, e in ordered), max))

    def __len__(self) -> int:
        return len(self._starts)

    def contains(self, start: int, end: int) -> bool:
        """True when one span holds all of [start, end)."""
        i = bisect.bisect_right(self._starts, start)
        return i > 0 and self._max_end[i - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """True when a span shares at least one character with [start, end)."""
        i = bisect.bisect_left(self._starts, end)
        return i > 0 and self._max_end[i - 1] > start
