"""The rows presorted once per prepared table for the indicators view, and the identity a level
shares with its changes."""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.data import NONE, Prepared, column_mask, values_at
from dashboard.report.records import CHANGE_SUFFIXES
from indicators.structure.domains import load_taxonomy
from indicators.units import compatible, convert

# --- identity -----------------------------------------------------------------------------------


def indicator_stem(key: str) -> str:
    """The indicator a key is a level or a change of: a level and its changes share a stem.

    "safety.fires" -> "safety.fires"; "safety.fires.change_rate" -> "safety.fires"
    "auto.广大群众幸福感.percent" -> "auto.广大群众幸福感"
    "auto.广大群众幸福感.pp.change_pp" -> "auto.广大群众幸福感"
    "auto.不文明养犬发生率.change" (a table from before the meaning stage) -> "auto.不文明养犬发生率"
    """
    for suffix in CHANGE_SUFFIXES:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            break
    parts = key.split(".")
    if parts[0] == "auto" and len(parts) >= 3:  # auto.<name>.<unit kind>: the kind goes
        return ".".join(parts[:-1])
    return key


# --- the index built once per prepared table ----------------------------------------------------


@dataclass(eq=False)
class ChangeLookup:
    """Change rows sorted by where they were said (improving known first, then table order), and
    for every row of the table the range [lo, hi) of those said where it was."""

    rows: np.ndarray
    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def build(cls, prep: Prepared, changes: np.ndarray, codes: np.ndarray) -> ChangeLookup:
        """The lookup of the change rows `changes` by the per-row place codes `codes`."""
        rows = changes[np.lexsort((prep.improving[changes] < 0, codes[changes]))]
        keys = codes[rows]
        lo = np.searchsorted(keys, codes, "left").astype(np.int32)
        return cls(rows, lo, np.searchsorted(keys, codes, "right").astype(np.int32))

    def first(self, mask: np.ndarray, of: np.ndarray) -> np.ndarray:
        """Per row of `of`, the first change row said where it was and under `mask`, or -1.

        rows [7, 3, 9] with ranges of `of` [0, 2) and [2, 3), mask of rows 3 and 9 -> [3, 9].
        """
        n = len(self.rows)
        if not n or not len(of):
            return np.full(len(of), -1, dtype=np.int64)
        at = np.where(mask[self.rows], np.arange(n), n)
        following = np.append(np.minimum.accumulate(at[::-1])[::-1], n)  # next masked index
        first = following[self.lo[of]]
        return np.where(first < self.hi[of], self.rows[np.minimum(first, n - 1)], -1)


@dataclass(eq=False)
class ReportIndex:
    """The rows presorted for the view (built once per prepared table by `report_index`)."""

    order: np.ndarray  # rows with a key_unit, by (key_unit, city, latest first)
    group: np.ndarray  # key_unit * n_cities + city, along `order`
    ku: np.ndarray  # key_unit code along `order`
    year: np.ndarray  # year along `order`
    domain_rank: np.ndarray  # domain rank (catalogue order) along `order`
    ranks: np.ndarray  # per domain code: its rank
    rank_domain: np.ndarray  # domain code of each rank
    doc_year: np.ndarray  # per row: dense code of (stem, city, doc, year)
    n_places: int  # how many such codes
    is_change: np.ndarray  # per row: a stated change (role change)
    has_direction: np.ndarray  # per row: the text states a rise or a fall
    by_doc: ChangeLookup  # the change rows said where a row was: same stem, city, doc and year
    by_case: ChangeLookup  # the same, and in the same case
    pair_of: np.ndarray  # per row: its pair's index in `pairs` when it is a pair's current, else -1
    pairs: dict[str, np.ndarray]  # per pair: base_pos, base, base_unit, base_year, change, …
    ku_key: np.ndarray  # per key_unit code: the key
    ku_unit: np.ndarray  # per key_unit code: the unit
    ku_catalogue: np.ndarray  # per key_unit code: a catalogue key (not auto.)
    city_named: np.ndarray  # per city code: a city (not NONE, the city not stated)


_INDEXES: weakref.WeakKeyDictionary[Prepared, ReportIndex] = weakref.WeakKeyDictionary()


def report_index(prep: Prepared) -> ReportIndex:
    """The presorted index of `prep`, built on first use and kept as long as `prep` lives."""
    index = _INDEXES.get(prep)
    if index is None:
        index = _INDEXES[prep] = _build_index(prep)
    return index


def _pack(*columns: np.ndarray) -> np.ndarray:
    """One int64 code per row for a tuple of integer columns (equal tuples, equal codes).

    ([0, 0, 1], [5, 6, 5]) -> [5, 6, 12]; re-numbers on the way when the product would overflow.
    """
    code = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        col = column.astype(np.int64) - int(column.min(initial=0))
        size = int(col.max(initial=0)) + 1
        if int(code.max(initial=0)) >= (1 << 62) // size:
            code = np.unique(code, return_inverse=True)[1].reshape(-1).astype(np.int64)
        code = code * size + col
    return code


def _domain_ranks(prep: Prepared) -> np.ndarray:
    """Rank of each domain category: domains.yaml order, then others by key, unclassified last."""
    taxonomy = load_taxonomy()
    known = [d.key for d in (*taxonomy.domains, taxonomy.other)]
    cats = [str(c) for c in prep.cats["domain"]]
    ordered = sorted(cats, key=lambda c: (c == NONE, known.index(c) if c in known else 99, c))
    return np.array([ordered.index(c) for c in cats], dtype=np.int64)


def _row_codes(prep: Prepared) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the stem code, and the codes of (stem, city, doc, year) and (… , case)."""
    stems = pd.factorize(pd.Series([indicator_stem(str(k)) for k in prep.cats["indicator_key"]]))
    stem_of_key = np.append(stems[0].astype(np.int64), -1)  # index -1: no key
    stem = stem_of_key[prep.codes["indicator_key"]]
    doc_year = _pack(stem, prep.codes["city"], prep.codes["doc"], prep.year)
    doc_year = np.unique(doc_year, return_inverse=True)[1].reshape(-1)  # dense: 0 … n - 1
    return stem, doc_year, _pack(doc_year, prep.codes["case_id"])


def _build_index(prep: Prepared) -> ReportIndex:
    """Sort the rows once: by identity, city and recency; change rows by where they were said."""
    ku = prep.codes["key_unit"].astype(np.int64)
    ku_cats = np.asarray(prep.cats["key_unit"], dtype=object)
    none_ku = np.flatnonzero(ku_cats == NONE)
    rows = np.flatnonzero(ku != (none_ku[0] if len(none_ku) else -1))
    paired = _pairs_with_change(prep)
    pair_of = np.full(len(prep), -1, dtype=np.int32)
    valid = np.isfinite(paired["change"])  # units that cannot be compared: no pair change
    pair_of[paired["cur_pos"][valid]] = np.flatnonzero(valid)
    published = prep.df["published"].cat.codes.to_numpy() if len(prep) else np.zeros(0, int)
    ncity = len(prep.cats["city"])
    current = (pair_of[rows] >= 0).astype(np.int8)
    rank = np.lexsort((-published[rows], -current, -prep.core[rows].astype(np.int8),
                       -prep.year[rows], prep.codes["city"][rows], ku[rows]))  # fmt: skip
    order = rows[rank].astype(np.int32)  # int32 codes and positions: half the memory
    ranks = _domain_ranks(prep)
    stem, doc_year, case_year = _row_codes(prep)
    is_change = column_mask(prep, "role", ["change"]) & (stem >= 0)
    changes = np.flatnonzero(is_change)
    split = [str(c).rpartition("|") for c in ku_cats]
    return ReportIndex(
        order=order,
        group=ku[order] * ncity + prep.codes["city"][order],
        ku=ku[order].astype(np.int32),
        year=prep.year[order],
        domain_rank=ranks[prep.codes["domain"][order]].astype(np.int16),
        ranks=ranks,
        rank_domain=np.argsort(ranks),
        doc_year=doc_year.astype(np.int32),
        n_places=int(doc_year.max(initial=-1)) + 1,
        is_change=is_change,
        has_direction=(prep.cats["direction"] != NONE)[prep.codes["direction"]],
        by_doc=ChangeLookup.build(prep, changes, doc_year),
        by_case=ChangeLookup.build(prep, changes, case_year),
        pair_of=pair_of,
        pairs=paired,
        ku_key=np.array([s[0] for s in split], dtype=object),
        ku_unit=np.array(["" if s[2] == NONE else s[2] for s in split], dtype=object),
        ku_catalogue=np.array([s[1] == "|" and not s[0].startswith("auto.") for s in split]),
        city_named=prep.cats["city"] != NONE,
    )


def _pairs_with_change(prep: Prepared) -> dict[str, np.ndarray]:
    """The table's from→to pairs with their change: in points for %, else relative (%).

    64.5 % → 91.7 %: +27.2 pp; 214项 → 30项: -85.98 %; 15天 → 2小时: the base in hours first
    (360), then -99.44 %; a base of 0 gives the absolute change in the current's unit; units that
    cannot be compared (人 → 件) give NaN: no change shown.
    """
    pairs = prep.pairs
    cur_pos = pairs["cur_pos"].to_numpy(dtype=np.int64) if len(pairs) else np.zeros(0, np.int64)
    base_pos = pairs["base_pos"].to_numpy(dtype=np.int64) if len(pairs) else cur_pos
    cur_unit = values_at(prep, cur_pos, "unit")
    base_unit = values_at(prep, base_pos, "unit")
    raw_base = prep.df["value"].to_numpy(dtype=float)[base_pos]
    base = raw_base * _unit_factors(base_unit, cur_unit)
    cur = prep.df["value"].to_numpy(dtype=float)[cur_pos]
    percent = cur_unit == "%"
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = (cur - base) / np.abs(base) * 100
    change = np.where(percent | (base == 0), cur - base, relative)
    change_unit = np.where(percent, "pp", np.where(base == 0, cur_unit, "%"))
    return {
        "cur_pos": cur_pos, "base_pos": base_pos, "base": raw_base, "base_unit": base_unit,
        "base_year": prep.year[base_pos], "change": change, "change_unit": change_unit,
        "base_id": values_at(prep, base_pos, "id"),
    }  # fmt: skip


def _unit_factors(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Per pair, what a baseline value is multiplied by to be in its current's unit: 1 for the
    same unit, 24 for 天 → 小时, NaN when they cannot be compared (人 and 件: no change then)."""
    factors = np.ones(len(source))
    differ = source != target
    for a, b in {(a, b) for a, b in zip(source[differ], target[differ], strict=True)}:
        factor = np.nan
        if a is not None and b is not None and compatible(a, b):
            try:
                factor = convert(1.0, a, b)
            except ValueError:  # a label the vocabularies do not know: no change shown
                factor = np.nan
        factors[(source == a) & (target == b)] = factor
    return factors
