"""The server side of AG Grid's infinite row model: a block of the filtered view after the grid's own
column filters and sort, as row positions computed with numpy (never a loop over a million rows).

The grid sends a `getRowsRequest` {startRow, endRow, sortModel, filterModel} (dash-ag-grid 35, AG
Grid 35: a column's filter is one condition `{filterType, type, filter, filterTo}` or several under
`{filterType, operator: "AND" | "OR", conditions: [...]}`); `block_positions` answers with the
positions of the rows [startRow, endRow) and the exact row count, which sets the grid's scrollbar.

The analyst filters and sorts what the grid shows: direction, role, core, improving and polarity in
words of the page's language and the domain as its label, as `grid_rows` shows them. Each column is
read one of three ways:

- words (a categorical, a boolean, or a code shown in words): per-row codes and the word of each
  code, so a text filter is tested on the few hundred words and mapped to the rows by the codes,
  and a sort uses the words' rank (code-point order of the shown words, as AG Grid's own
  comparator without `accentedSort`);
- numbers (value, value_low, year, other numeric columns): numpy comparisons;
- free text (sentence, surface, id): pyarrow string kernels, on the rows still in only.

Conditions follow AG Grid's client-side filters: case-insensitive, an empty cell passes only
notEqual / notContains / blank (text) or blank (number), inRange excludes both ends. Sorts are
stable (ties keep the table's order) and put empty cells first when ascending, as AG Grid does.

Per-column sort keys (one int32 rank per row, empty = -1), whole-table orders per sort model and
the positions of recent views are kept per prepared table (weakly: a reloaded table starts afresh),
so the next block of a sorted, filtered million-row view is a slice.

    >>> request = {"startRow": 100_000, "endRow": 100_100,
    ...            "sortModel": [{"colId": "value", "sort": "desc"}],
    ...            "filterModel": {"city": {"filterType": "text", "type": "equals", "filter": "厦门"}}}
    >>> positions, row_count = block_positions(prep, mask, request, "zh")  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.data import FILTER_COLUMNS, NONE, Prepared
from dashboard.figures import domain_name
from dashboard.i18n import t

MAX_BLOCK = 1000  # the most rows one request is answered with (the grid asks cacheBlockSize rows)
TERMS_IN_WORDS = ("direction", "role")  # shown as t("direction.up") …
MEANING_IN_WORDS = ("core", "improving", "polarity")  # shown as t("core.true") … (lower-cased key)
TEXT_TYPES = ("contains", "notContains", "equals", "notEqual", "startsWith", "endsWith", "blank",
              "notBlank")  # fmt: skip
NUMBER_TYPES = ("equals", "notEqual", "greaterThan", "greaterThanOrEqual", "lessThan",
                "lessThanOrEqual", "inRange", "blank", "notBlank")  # fmt: skip
EMPTY_PASSES = {"text": ("notEqual", "notContains", "blank"), "number": ("blank",)}
FILTER_TYPE = {"words": "text", "text": "text", "number": "number"}  # the grid filter of each kind
LIMITS = {"words": None, "keys": None, "numbers": None, "text": None, "orders": 4, "views": 8}


class GridRequestError(ValueError):
    """A getRowsRequest names a column the table lacks, or a filter or sort the model cannot do."""


@dataclass(frozen=True)
class Words:
    """A column as the grid shows it: a code per row (-1: empty) and the word of each code."""

    codes: np.ndarray  # int32, one per row
    words: np.ndarray  # object array of str, one per code


# --- what is kept per prepared table -----------------------------------------------------------

_STORES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_STORES_LOCK = threading.Lock()


class _Store:
    """The sort keys, words, orders and views computed for one prepared table."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.tables: dict[str, OrderedDict] = {name: OrderedDict() for name in LIMITS}


def _memo(prep: Prepared, table: str, key: object, compute: Callable[[], object]):
    """`compute()` kept under `key` in `table` of `prep`'s store (oldest dropped past its limit).

    Computed outside the lock: two threads asking at once may both compute, never block each other.
    """
    with _STORES_LOCK:
        store = _STORES.get(prep) or _STORES.setdefault(prep, _Store())
    memo = store.tables[table]
    with store.lock:
        if key in memo:
            memo.move_to_end(key)
            return memo[key]
    value = compute()
    with store.lock:
        memo[key] = value
        while LIMITS[table] and len(memo) > LIMITS[table]:
            memo.popitem(last=False)
    return value


def forget(prep: Prepared) -> None:
    """Drop everything kept for `prep` (the next request starts cold, as after a reload)."""
    with _STORES_LOCK:
        _STORES.pop(prep, None)


def _frozen(array: np.ndarray) -> np.ndarray:
    """`array` as int32 when it fits, read-only: it is shared by every request of the view."""
    out = array.astype(np.int32) if len(array) < 2**31 else array
    out.flags.writeable = False
    return out


# --- the request -------------------------------------------------------------------------------


def block_positions(
    prep: Prepared, mask: np.ndarray, request: dict | None, lang: str = "zh"
) -> tuple[np.ndarray, int]:
    """Row positions of block [startRow, endRow) of the view `mask` after the request's column
    filters and sort, and the number of rows of that view (exact: the grid's lastRow).

    {"startRow": 0, "endRow": 3, "sortModel": [{"colId": "value", "sort": "desc"}]} over values
    [5, 9, nan, 7] -> positions [1, 3, 0], row count 4 (the empty value comes last when descending).
    """
    request = request or {}
    start, end = _block_bounds(request)
    view = view_positions(
        prep, mask, request.get("filterModel") or {}, request.get("sortModel") or [], lang
    )
    return view[start:end].astype(np.int64), len(view)


def _block_bounds(request: dict) -> tuple[int, int]:
    """(start, end) of the block asked for, at most MAX_BLOCK rows; 100 rows when no end is given."""
    try:
        start = max(int(request.get("startRow") or 0), 0)
        end = int(request["endRow"]) if request.get("endRow") is not None else start + 100
    except (TypeError, ValueError) as err:
        raise GridRequestError(
            f"startRow/endRow must be whole numbers, got {request.get('startRow')!r} and "
            f"{request.get('endRow')!r}"
        ) from err
    return start, max(start, min(end, start + MAX_BLOCK))


def view_positions(
    prep: Prepared, mask: np.ndarray, filter_model: dict, sort_model: list, lang: str = "zh"
) -> np.ndarray:
    """Positions of every row of the view `mask` that passes `filter_model`, in `sort_model`
    order (table order when unsorted). Read-only; the last few views are kept, so the next
    block of the same view costs a slice.
    """
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != (len(prep),):
        raise ValueError(f"the view mask has shape {mask.shape}, the table {len(prep)} rows")
    spec = _sort_spec(prep, sort_model)
    key = (
        hashlib.blake2b(np.packbits(mask).tobytes(), digest_size=16).hexdigest(),
        json.dumps(filter_model, sort_keys=True, ensure_ascii=False, default=str),
        spec,
        lang,
    )
    return _memo(prep, "views", key, lambda: _view(prep, mask, filter_model, spec, lang))


def _view(prep: Prepared, mask: np.ndarray, filter_model: dict, spec: tuple, lang: str):
    """The positions of a view, computed: filters, then the cached whole-table order (or, for a
    view of under an eighth of the table, a sort of its own rows)."""
    keep = grid_filter_mask(prep, mask, filter_model, lang)
    rows = np.flatnonzero(keep)
    if not spec:
        return _frozen(rows)
    if len(rows) * 8 < len(prep):
        return _frozen(_order(prep, spec, lang, rows))
    order = sort_order(prep, spec, lang)
    return _frozen(order[keep[order]])


# --- sorting -----------------------------------------------------------------------------------


def _sort_spec(prep: Prepared, sort_model: list) -> tuple[tuple[str, bool], ...]:
    """[{"colId": "value", "sort": "desc"}, …] -> (("value", True), …): (column, descending)."""
    spec = []
    for item in sort_model or []:
        column, way = (item or {}).get("colId"), (item or {}).get("sort")
        if way not in ("asc", "desc"):
            raise GridRequestError(f"sort of {column!r} must be 'asc' or 'desc', got {way!r}")
        column_kind(prep, column)  # the column exists
        spec.append((column, way == "desc"))
    return tuple(spec)


def sort_order(prep: Prepared, spec: tuple[tuple[str, bool], ...], lang: str = "zh") -> np.ndarray:
    """Every row position in the order of `spec` ((column, descending), …), stable; kept per spec.

    (("city", False), ("value", True)) -> rows by city word, then largest value first.
    """
    return _memo(prep, "orders", (spec, lang), lambda: _frozen(_order(prep, spec, lang, None)))


def _order(prep: Prepared, spec: tuple, lang: str, rows: np.ndarray | None) -> np.ndarray:
    """`rows` (all rows when None) sorted by `spec`: a stable argsort of one key, else lexsort."""
    keys = []
    for column, descending in spec:
        key = sort_key(prep, column, lang)
        key = key if rows is None else key[rows]
        keys.append(-key if descending else key)
    order = np.argsort(keys[0], kind="stable") if len(keys) == 1 else np.lexsort(keys[::-1])
    return order if rows is None else rows[order]


def sort_key(prep: Prepared, column: str, lang: str = "zh") -> np.ndarray:
    """One int32 rank per row, ascending, empty cells -1 (first, as AG Grid sorts blanks): the
    word's rank for words, the value's for numbers, the string's for free text. Kept per column.

    city words [青岛, 厦门, (none), 青岛] -> [1, 0, -1, 1] (厦 U+53A6 before 青 U+9752).
    """
    kind = column_kind(prep, column)
    cache_key = (column, lang if kind == "words" else None)
    return _memo(prep, "keys", cache_key, lambda: _frozen(_rank(prep, column, kind, lang)))


def _rank(prep: Prepared, column: str, kind: str, lang: str) -> np.ndarray:
    """The ranks `sort_key` keeps: equal words, values or strings share a rank; empty is -1."""
    if kind == "words":
        shown = column_words(prep, column, lang)
        rank = np.unique(shown.words.astype(str), return_inverse=True)[1].reshape(-1)
        return np.append(rank.astype(np.int64), -1)[shown.codes]  # code -1 (empty) -> -1
    if kind == "number":
        values = column_numbers(prep, column)
        known = ~np.isnan(values)
        out = np.full(len(values), -1, dtype=np.int64)
        out[known] = np.unique(values[known], return_inverse=True)[1]
        return out
    data = _arrow(prep, column)
    ranks = pc.rank(data, sort_keys=[("", "ascending", "at_start")], tiebreaker="dense")
    # dense ranks from 1, equal strings alike; empty cells first, all rank 1 -> -1
    return np.asarray(ranks, dtype=np.int64) - (2 if data.null_count else 1)


# --- how the grid shows a column ---------------------------------------------------------------


def column_kind(prep: Prepared, column: str | None) -> str:
    """ "words", "number" or "text": how the model reads `column` (see the module docstring)."""
    if column not in prep.df.columns:
        raise GridRequestError(f"the table has no column {column!r} to filter or sort by")
    dtype = prep.df[column].dtype
    if column in FILTER_COLUMNS or column == "domain_label":
        return "words"
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_bool_dtype(dtype):
        return "words"
    if column == "year" or pd.api.types.is_numeric_dtype(dtype):
        return "number"
    return "text"


def column_words(prep: Prepared, column: str, lang: str = "zh") -> Words:
    """The codes and shown words of a words column, as `grid_rows` shows it (kept per language).

    direction codes of [up, down, (none)] -> words ["下降", "上升"] in Chinese, codes [1, 0, -1].
    """
    return _memo(prep, "words", (column, lang), lambda: _words(prep, column, lang))


def _words(prep: Prepared, column: str, lang: str) -> Words:
    if column == "domain_label":
        return _domain_label_words(prep, lang)
    if column in FILTER_COLUMNS:
        cats = prep.cats[column]
        codes = np.where(cats == NONE, -1, np.arange(len(cats)))[prep.codes[column]]
        values = list(cats)
    elif pd.api.types.is_bool_dtype(prep.df[column].dtype):
        s = prep.df[column]
        codes = np.where(s.isna().to_numpy(), -1, s.fillna(False).to_numpy(dtype=bool))
        values = [False, True]
    else:
        codes = prep.df[column].cat.codes.to_numpy()
        values = list(prep.df[column].cat.categories)
    words = np.array([_word(column, v, lang) for v in values], dtype=object)
    return Words(np.asarray(codes, dtype=np.int32), words)


def _word(column: str, value: object, lang: str) -> str:
    """ "up" -> 上升 (direction), True -> 核心 (core), "higher_better" -> 越高越好; else as is."""
    if column in TERMS_IN_WORDS:
        return t(f"{column}.{value}", lang)
    if column in MEANING_IN_WORDS:
        return t(f"{column}.{value}".lower(), lang)
    return str(value)


def _domain_label_words(prep: Prepared, lang: str) -> Words:
    """The domain as the grid shows it: the row's domain_label (Chinese), else the domain's name
    (English, or no label); one code per distinct (domain, label) pair."""
    labels = prep.df["domain_label"]
    label_cats = list(labels.cat.categories)
    width = len(label_cats) + 1
    pair = prep.codes["domain"].astype(np.int64) * width + labels.cat.codes.to_numpy() + 1
    distinct, codes = np.unique(pair, return_inverse=True)
    words = []
    for code in distinct:
        domain, label = divmod(int(code), width)
        key = prep.cats["domain"][domain]
        text = str(label_cats[label - 1]) if label else None
        show = lang == "en" or not text
        words.append(domain_name(None if key == NONE else key, prep.domain_labels, lang) if show
                     else text)  # fmt: skip
    return Words(codes.astype(np.int32).reshape(-1), np.array(words, dtype=object))


def column_numbers(prep: Prepared, column: str) -> np.ndarray:
    """A number column as float64, NaN for an empty cell (year 0 = no year); kept per column."""

    def numbers() -> np.ndarray:
        if column == "year":
            return np.where(prep.year > 0, prep.year, np.nan).astype(np.float64)
        return prep.df[column].to_numpy(dtype=np.float64, na_value=np.nan)

    return _memo(prep, "numbers", column, numbers)


def _arrow(prep: Prepared, column: str) -> pa.Array | pa.ChunkedArray:
    """A free-text column as arrow strings (no copy for pandas' arrow-backed strings)."""

    def strings() -> pa.Array | pa.ChunkedArray:
        s = prep.df[column]
        if not (isinstance(s.dtype, pd.StringDtype) and s.dtype.storage == "pyarrow"):
            s = s.astype("string[pyarrow]")
        return pa.array(s.array)

    return _memo(prep, "text", column, strings)


# --- filtering ---------------------------------------------------------------------------------


def grid_filter_mask(
    prep: Prepared, mask: np.ndarray, filter_model: dict, lang: str = "zh"
) -> np.ndarray:
    """The rows of `mask` that pass every column filter of the grid's `filter_model`.

    {"direction": {"filterType": "text", "type": "equals", "filter": "上升"},
     "value": {"filterType": "number", "operator": "OR", "conditions": [
         {"filterType": "number", "type": "lessThan", "filter": 10},
         {"filterType": "number", "type": "greaterThan", "filter": 90}]}}
    -> the rising rows with a value under 10 or over 90. Words and numbers first (a look-up, a
    comparison), free text last and only on the rows still in.
    """
    keep = np.array(mask, dtype=bool)
    columns = sorted(filter_model or {}, key=lambda c: column_kind(prep, c) == "text")
    for column in columns:
        kind = column_kind(prep, column)
        operator, conditions = _conditions(column, filter_model[column], FILTER_TYPE[kind])
        if not conditions:
            continue
        if kind == "words":
            keep &= _words_mask(column_words(prep, column, lang), operator, conditions)
        elif kind == "number":
            keep &= _combine(operator, [_number_test(column_numbers(prep, column), c)
                                        for c in conditions])  # fmt: skip
        else:
            keep = _text_mask(_arrow(prep, column), operator, conditions, keep)
        if not keep.any():
            break
    return keep


def _conditions(column: str, model: dict, filter_type: str) -> tuple[str, list[dict]]:
    """("AND" | "OR", the conditions) of one column's filter; conditions lacking the value their
    type needs are left out (the grid never sends one)."""
    if not isinstance(model, dict):
        raise GridRequestError(f"the filter of {column!r} must be an object, got {model!r}")
    operator = model.get("operator") or "AND"
    if operator not in ("AND", "OR"):
        raise GridRequestError(f"the filter of {column!r} joins with {operator!r}: AND or OR")
    conditions = (model.get("conditions") or []) if "operator" in model else [model]
    types = TEXT_TYPES if filter_type == "text" else NUMBER_TYPES
    for cond in conditions:
        got = cond.get("filterType") or model.get("filterType") or filter_type
        if got != filter_type:
            grid_filter = (
                "agNumberColumnFilter" if filter_type == "number" else "agTextColumnFilter"
            )
            raise GridRequestError(
                f"column {column!r} has a {got!r} filter; the table filters it as {filter_type} "
                f"(give its column filter {grid_filter})"
            )
        if cond.get("type") not in types:
            raise GridRequestError(
                f"{filter_type} filter {cond.get('type')!r} on {column!r} is not one of {types}"
            )
    return operator, [c for c in conditions if c["type"] in ("blank", "notBlank") or _has_value(c)]


def _has_value(cond: dict) -> bool:
    if cond.get("filter") in (None, ""):
        return False
    return cond["type"] != "inRange" or cond.get("filterTo") not in (None, "")


def _combine(operator: str, results: list[np.ndarray]) -> np.ndarray:
    return np.logical_or.reduce(results) if operator == "OR" else np.logical_and.reduce(results)


def _words_mask(shown: Words, operator: str, conditions: list[dict]) -> np.ndarray:
    """Rows whose word passes: each condition is tested on the words (plus the empty cell, the
    last slot, which code -1 indexes), then mapped to the rows by their codes."""
    lowered = [w.lower() for w in shown.words]
    results = []
    for cond in conditions:
        typ, needle = cond["type"], str(cond.get("filter") or "").lower()
        passes = [_text_passes(typ, w, needle) for w in lowered]
        results.append(np.array([*passes, typ in EMPTY_PASSES["text"]], dtype=bool))
    return _combine(operator, results)[shown.codes]


def _text_passes(typ: str, value: str, needle: str) -> bool:
    """AG Grid's text matcher on lower-cased strings: "文明养犬", contains "养犬" -> True."""
    if typ in ("blank", "notBlank"):
        return (value.strip() == "") == (typ == "blank")
    return {
        "contains": lambda: needle in value,
        "notContains": lambda: needle not in value,
        "equals": lambda: value == needle,
        "notEqual": lambda: value != needle,
        "startsWith": lambda: value.startswith(needle),
        "endsWith": lambda: value.endswith(needle),
    }[typ]()


def _number_test(values: np.ndarray, cond: dict) -> np.ndarray:
    """Rows passing one number condition: {"type": "inRange", "filter": 10, "filterTo": 20} ->
    10 < value < 20; an empty cell passes "blank" only."""
    typ = cond["type"]
    empty = np.isnan(values)
    if typ in ("blank", "notBlank"):
        return empty if typ == "blank" else ~empty
    low, high = _number(cond, "filter"), _number(cond, "filterTo") if typ == "inRange" else None
    with np.errstate(invalid="ignore"):
        test = {
            "equals": lambda: values == low,
            "notEqual": lambda: ~empty & (values != low),
            "greaterThan": lambda: values > low,
            "greaterThanOrEqual": lambda: values >= low,
            "lessThan": lambda: values < low,
            "lessThanOrEqual": lambda: values <= low,
            "inRange": lambda: (values > low) & (values < high),
        }[typ]()
    return test


def _number(cond: dict, field: str) -> float:
    try:
        return float(cond[field])
    except (TypeError, ValueError) as err:
        raise GridRequestError(
            f"number filter {field} must be a number, got {cond[field]!r}"
        ) from err


def _text_mask(data, operator: str, conditions: list[dict], keep: np.ndarray) -> np.ndarray:
    """`keep` narrowed by free-text conditions, tested with arrow kernels on the kept rows only
    (on the whole column when most rows are kept: the take would cost more than the test)."""
    rows = np.flatnonzero(keep)
    whole = len(rows) * 4 > len(keep)
    part = data if whole else data.take(pa.array(rows))
    passes = _combine(operator, [_text_test(part, c) for c in conditions])
    if whole:
        return keep & passes
    out = np.zeros(len(keep), dtype=bool)
    out[rows] = passes
    return out


def _text_test(data, cond: dict) -> np.ndarray:
    """One text condition over arrow strings, case-insensitive, empty cells as AG Grid has them."""
    typ, needle = cond["type"], str(cond.get("filter") or "").lower()
    if typ in ("blank", "notBlank"):
        blank = pc.equal(pc.utf8_trim_whitespace(data), "").fill_null(True)
        hit = blank if typ == "blank" else pc.invert(blank)
        return np.asarray(hit, dtype=bool)
    if typ in ("equals", "notEqual"):
        hit = pc.equal(pc.utf8_lower(data), needle)
    elif typ in ("contains", "notContains"):
        hit = pc.match_substring(data, needle, ignore_case=True)
    else:
        kernel = pc.starts_with if typ == "startsWith" else pc.ends_with
        hit = kernel(data, needle, ignore_case=True)
    if typ in ("notEqual", "notContains"):
        hit = pc.invert(hit)
    return np.asarray(hit.fill_null(typ in EMPTY_PASSES["text"]), dtype=bool)
