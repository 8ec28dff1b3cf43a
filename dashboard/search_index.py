"""A character index over a text column, so a text search reads a few posting lists instead of
scanning every sentence.

Chinese search terms are made of characters that are each rare in the table (满, 诈, 养犬), so the
rows holding the query's rarest character are a small candidate set; only those are checked with
a real substring match. The index is built once, when the table is prepared, from the lower-cased
text as UTF-16 code units (one unit per Chinese character; a character outside the BMP is two
units, and the query is encoded the same way, so it still works).

    index = build_char_index(sentences)           # at load time
    rows = candidate_rows(index, "满意度")          # sorted row numbers, a superset of the hits
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

UNITS = 1 << 16  # UTF-16 code units


@dataclass(frozen=True, eq=False)
class CharIndex:
    """Rows holding each UTF-16 code unit of the lower-cased text: rows[bounds[u]:bounds[u+1]]."""

    rows: np.ndarray  # int32 row numbers, grouped by code unit, ascending within a group
    bounds: np.ndarray  # int64, UNITS + 1 entries
    n_rows: int

    def postings(self, unit: int) -> np.ndarray:
        return self.rows[self.bounds[unit] : self.bounds[unit + 1]]


def _text_array(values) -> pa.Array:
    """The column as one Arrow large_string array, missing values as empty strings."""
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(values)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks else pa.array([], pa.large_string())
    arr = arr.cast(pa.large_string()).fill_null("")
    return pc.utf8_lower(arr)


def build_char_index(values) -> CharIndex:
    """Index `values` (pandas string column, Arrow array or list of str) by character.

    Costs one radix sort of the text's code units: about 1-2 s and 4 bytes per character for a
    million sentences.
    """
    arr = _text_array(values)
    n = len(arr)
    if n == 0:
        return CharIndex(np.zeros(0, np.int32), np.zeros(UNITS + 1, np.int64), 0)
    offsets = np.frombuffer(arr.buffers()[1], dtype=np.int64)[arr.offset : arr.offset + n + 1]
    raw = np.frombuffer(arr.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    units = np.frombuffer(raw.tobytes().decode("utf-8").encode("utf-16-le"), dtype=np.uint16)
    # code units per row: characters, plus one more for each 4-byte UTF-8 sequence (a surrogate pair)
    per_row = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)
    four_byte = np.flatnonzero(raw >= 0xF0) + offsets[0]  # usually none
    per_row += np.bincount(np.searchsorted(offsets, four_byte, side="right") - 1, minlength=n)
    row = np.repeat(np.arange(n, dtype=np.int32), per_row)
    order = np.argsort(units, kind="stable")  # radix sort; rows stay ascending within a unit
    row = row[order]
    units = np.repeat(np.arange(UNITS, dtype=np.uint16), np.bincount(units, minlength=UNITS))
    keep = np.ones(len(row), dtype=bool)
    keep[1:] = (row[1:] != row[:-1]) | (units[1:] != units[:-1])
    units, row = units[keep], row[keep]
    bounds = np.zeros(UNITS + 1, dtype=np.int64)
    bounds[1:] = np.cumsum(np.bincount(units, minlength=UNITS))
    return CharIndex(np.ascontiguousarray(row), bounds, n)


def _query_units(text: str) -> np.ndarray:
    """The UTF-16 code units of the lower-cased query, lower-cased as the index was."""
    lowered = pc.utf8_lower(pa.scalar(text, pa.large_string())).as_py()
    return np.frombuffer(lowered.encode("utf-16-le"), dtype=np.uint16)


def exact_rows(index: CharIndex, text: str) -> np.ndarray | None:
    """The rows containing `text` when it is a single character (its posting list is the answer,
    however common: "%", "率"); None for longer text."""
    units = _query_units(text)
    if len(units) != 1 or not index.n_rows:
        return None
    return index.postings(int(units[0]))


def candidate_rows(index: CharIndex, text: str, max_share: float = 0.25) -> np.ndarray | None:
    """Sorted rows that hold every character of `text` (a superset of the rows containing it).

    None when the index cannot narrow the search enough to be worth it (an empty query, or even
    the rarest characters appear in more than `max_share` of the rows): scan instead.
    """
    units = np.unique(_query_units(text))
    if not len(units) or not index.n_rows:
        return None
    sizes = index.bounds[units.astype(np.int64) + 1] - index.bounds[units]
    order = np.argsort(sizes, kind="stable")
    rows = index.postings(int(units[order[0]]))
    if len(rows) > max_share * index.n_rows:
        return None
    for k in order[1:3]:  # two more intersections shrink the set; the match does the rest
        if len(rows) == 0:
            break
        rows = np.intersect1d(rows, index.postings(int(units[k])), assume_unique=True)
    return rows
