"""The indicators view for leaders as plain data: per domain, the indicators that have data, each
with its latest value, its change and whether that is for the better, one reading per city.

Pure functions over the prepared table (`dashboard.data.Prepared`) and a row mask; no Dash here.
The page formats the raw values (`dashboard.numbers`) and maps the reason codes to messages.

One **item** is one identity of the table: one `indicator_key` in one unit (the comparison's
"key|unit", `Prepared.cats["key_unit"]`), so a level and its change rate, or one key in 件 and in
个, are never one item. Targets and a pair's baseline dated like its current are not values of
their year and make no item. A level's **change** comes from the same city, document and year:

- its from→to pair when the value is a pair's current ("从38.69%提升至68.17%" → +29.48 pp; for a
  unit other than % the relative change, "214项→30项" → -86 %);
- else a change row of the same indicator (`<key>.change_rate`, `.change_pp`, `.change`; for an
  unknown indicator `auto.<name>.<kind>` and `auto.<name>.percent.change_rate`), in the same
  case when there is one there, one whose `improving` is known first, then the first in the text.
  Such a change row is shown on its level's card and not again alone.

A change row with no level of its document and year is an item of its own (kind "change").

**Readings.** An item has one reading per city: the city's latest value. Latest = the highest
year (no year counts as oldest); ties: a core row, then a pair's current (it carries its change),
then the most recently published document, then the first mention in the table.

**Order.** An item is shown in the domain most of its rows in the view have (ties: the
catalogue's first). Domains: most rows in the view first (as the charts order them), ties in the
order of `indicators/vocab/domains.yaml`, unclassified last; a domain with nothing to show comes
after those with items and says why (`Section.reason`). Items within a domain: results (core) first;
then the ones whose change is coloured (the table's `improving` known), then the ones with a change
or a direction; then reported in more cities; a catalogue indicator before one named from the
text; then more city-years, more mentions, the latest year; then the key (a stable order).

**Empty views** (`Report.reason`): "no_data" the table is empty; "no_match" no row matches the
filters; "only_context" the rows that match are all context numbers, hidden by default;
"no_values" rows match but none is a value of its year (only targets, undated baselines, rows
without a key). `Report.comparison_reason` "no_shared": several cities, no indicator in common.

Speed: the rows are presorted once per prepared table (`report_index`, cached), so a view is a few
boolean look-ups and searchsorted calls: see bench/bench_report.py.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dashboard.data import NONE, Prepared, column_mask, key_label, values_at
from dashboard.figures import domain_name
from dashboard.filters import FilterState, filter_mask
from indicators.structure.domains import load_taxonomy
from indicators.units import compatible, convert

CHANGE_SUFFIXES = (".change_rate", ".change_pp", ".change")
REASONS = ("no_data", "no_match", "only_context", "no_values", "no_shared")
MAX_PER_DOMAIN = 8
TOP_COMPARED = 12


# --- the records the page reads ----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A change shown with a value: signed (-24.96 for 下降24.96%) in its unit ("%" a rate of
    change, "pp" percentage points, else the unit of an absolute change such as 倍 or 件)."""

    value: float
    unit: str
    direction: str | None  # "up", "down", None (no change: equal values, or not stated)
    improving: bool | None  # the colour: True green, False red, None grey
    source: str  # "stated" (a change row of the text) or "pair" (computed from a from→to pair)
    row_id: str  # the change row, or the pair's baseline row
    comparison: str | None = None  # yoy, mom, vs_baseline
    base: float | None = None  # a pair's "from" value, in `base_unit`
    base_unit: str | None = None
    base_year: int | None = None

    def __post_init__(self) -> None:
        if self.source not in ("stated", "pair"):
            raise ValueError(f"Change.source must be 'stated' or 'pair', not {self.source!r}")


@dataclass(frozen=True)
class Reading:
    """One indicator in one city: its latest value and where it comes from."""

    city: str | None
    year: int | None
    value: float
    value_low: float | None  # the low end of a range ("3至5天"), else None
    unit: str
    qualifier: str | None  # approx, over, under
    role: str
    direction: str | None
    improving: bool | None  # of the change when there is one, else of the row itself
    change: Change | None
    core: bool
    row_id: str  # the row shown: the click-through to the evidence
    position: int  # that row's position in `prep.df`
    doc: str | None
    case_title: str | None
    district: str | None
    mentions: int  # rows of this indicator and unit in this city, in the view
    years: int  # distinct years of those rows


@dataclass(frozen=True)
class Item:
    """One indicator identity (one key, one unit) with one reading per city of the view."""

    key: str
    unit: str
    kind: str  # "level" or "change" (a change row with no level of its document and year)
    label: str
    domain: str
    core: bool
    polarity: str | None
    readings: tuple[Reading, ...]  # in the view's city order
    latest: Reading  # the most recent reading (ties: a core row, then the first city)
    mentions: int

    def __post_init__(self) -> None:
        if self.kind not in ("level", "change"):
            raise ValueError(f"Item.kind must be 'level' or 'change', not {self.kind!r}")

    @property
    def key_unit(self) -> str:
        """The identity as the overview's comparison names it (its `cmp` link parameter):
        "dispute.mediation_success_rate|%"; "safety.traffic_death_rate|_none" without a unit."""
        return f"{self.key}|{self.unit or NONE}"


@dataclass(frozen=True)
class Section:
    """One domain of the view: its items, best first, and why it is empty when it is."""

    domain: str  # the domain key (NONE: unclassified)
    label: str
    items: tuple[Item, ...]
    more: int  # items of the domain beyond those shown
    rows: int  # rows of the domain in the view
    reason: str | None = None  # "only_context" or "no_values" when `items` is empty
    hidden_context: int = 0  # context rows of the domain left out (the core switch is off)


@dataclass(frozen=True)
class Report:
    """The whole indicators view: sections, the cities compared, and why it is empty."""

    sections: tuple[Section, ...]
    cities: tuple[str | None, ...]  # the view's cities, most rows first (None: city not stated)
    compare: bool  # two or more cities: the page compares them on the same items
    comparison: tuple[Item, ...]  # items with readings in two or more cities, most cities first
    rows: int
    reason: str | None = None
    comparison_reason: str | None = None
    hidden_context: int = 0  # context rows the filters match but the view leaves out


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


# --- one view -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _Readings:
    """Every (identity, city) of a view with the row it shows, as arrays, by key_unit then city."""

    pos: np.ndarray  # the row shown
    ku: np.ndarray
    mentions: np.ndarray
    years: np.ndarray
    change_row: np.ndarray  # the stated change shown with a level (-1: none)
    pair: np.ndarray  # index into `ReportIndex.pairs` (-1: not a pair's current)
    improving: np.ndarray  # int8: 1 better, 0 worse, -1 not known (of the change when any)
    tier: np.ndarray  # 2 a coloured change, 1 a change or a direction, 0 neither

    def take(self, keep: np.ndarray) -> _Readings:
        return _Readings(*(getattr(self, f)[keep] for f in self.__dataclass_fields__))


def _best_rows(ix: ReportIndex, mask: np.ndarray):
    """The first row of each (key_unit, city) under `mask` (the latest, see the module), with
    its number of rows and of distinct years; each key_unit's most frequent domain, and the
    number of such rows (values of their year) per domain."""
    m = mask[ix.order]
    sel, group, year, ku = ix.order[m], ix.group[m], ix.year[m], ix.ku[m]
    ndom = len(ix.rank_domain)
    if not len(sel):
        none = np.zeros(0, dtype=np.int64)
        return none, none, none, none, (none, none, np.zeros(ndom, dtype=np.int64))
    new = np.r_[True, group[1:] != group[:-1]]
    starts = np.flatnonzero(new)
    mentions = np.diff(np.r_[starts, len(sel)])
    new_year = new | np.r_[True, year[1:] != year[:-1]]
    years = np.bincount((np.cumsum(new) - 1)[new_year], minlength=len(starts))
    new_ku = np.r_[True, ku[1:] != ku[:-1]]
    ranks = ix.domain_rank[m]
    mode = ix.rank_domain[_domain_mode(ranks, new_ku, ndom)]
    per_domain = np.bincount(ranks, minlength=ndom)[ix.ranks]  # by domain code
    return sel[starts], ku[starts], mentions, years, (ku[new_ku], mode, per_domain)


def _domain_mode(rank: np.ndarray, new: np.ndarray, ndom: int) -> np.ndarray:
    """The most frequent domain rank of each segment of `rank` (segments start where `new`);
    ties: the lower rank (the catalogue's first). Most segments hold one domain: only the others
    are counted.

        rank [0, 0, 3, 3, 1], new [T, F, T, F, F] -> [0, 3]
    """
    starts = np.flatnonzero(new)
    low = np.minimum.reduceat(rank, starts)
    mixed = low != np.maximum.reduceat(rank, starts)
    if mixed.any():
        segment = np.cumsum(new) - 1
        rows = mixed[segment]
        dense = np.cumsum(mixed) - 1  # the mixed segments, numbered 0 …
        per = np.bincount(dense[segment[rows]] * ndom + rank[rows], minlength=mixed.sum() * ndom)
        low[mixed] = per.reshape(-1, ndom).argmax(axis=1)
    return low


def _readings(prep: Prepared, ix: ReportIndex, mask: np.ndarray):
    """The view's readings with their changes; change rows shown on a level's card dropped."""
    pos, ku, mentions, years, domains = _best_rows(ix, mask)
    level = ~ix.is_change[pos]
    lv = pos[level]
    by_case = ix.by_case.first(mask, lv)
    change_row = np.full(len(pos), -1, dtype=np.int64)
    change_row[level] = np.where(by_case >= 0, by_case, ix.by_doc.first(mask, lv))
    pair = np.where(level, ix.pair_of[pos], -1)
    change_row[pair >= 0] = -1  # a pair's own change comes first
    own = prep.improving[pos]
    of_change = prep.improving[np.maximum(change_row, 0)]
    improving = np.where(change_row >= 0, of_change, own).astype(np.int8)
    stated = ix.has_direction[pos]
    moved = ~level | (pair >= 0) | (change_row >= 0) | stated
    tier = np.where(improving >= 0, 2, np.where(moved, 1, 0)).astype(np.int8)
    found = _Readings(pos, ku, mentions, years, change_row, pair, improving, tier)
    said_with_level = np.zeros(ix.n_places, dtype=bool)
    said_with_level[ix.doc_year[lv]] = True
    return found.take(level | ~said_with_level[ix.doc_year[pos]]), domains


def _score(core, tier, cities, catalogue, city_years, mentions, latest) -> np.ndarray:
    """One int64 per item, higher first: core, tier, cities, catalogue key, city-years, mentions,
    latest year, in that order of weight (each clipped to its bits, far beyond real counts)."""
    fields = ((core, 1, 62), (tier, 2, 60), (cities, 10, 50), (catalogue, 1, 49),
              (city_years, 17, 32), (mentions, 20, 12), (latest, 12, 0))  # fmt: skip
    score = np.zeros(len(core), dtype=np.int64)
    for values, bits, shift in fields:
        score |= np.clip(values.astype(np.int64), 0, (1 << bits) - 1) << shift
    return score


def _ranked(prep: Prepared, ix: ReportIndex, r: _Readings, domains) -> dict[str, np.ndarray]:
    """Per item (key_unit) of the readings: where its readings start and end, its domain, its
    number of named cities and its score (see the module's "Order")."""
    n = len(r.pos)
    if not n:
        none = np.zeros(0, dtype=np.int64)
        return {"start": none, "end": none, "ku": none, "cities": none, "score": none,
                "domain": none}  # fmt: skip
    start = np.flatnonzero(np.r_[True, r.ku[1:] != r.ku[:-1]])
    end = np.r_[start[1:], n].astype(np.int64)
    kus = r.ku[start]

    def total(values: np.ndarray, how=np.add) -> np.ndarray:
        return how.reduceat(values, start)

    cities = total(ix.city_named[prep.codes["city"][r.pos]].astype(np.int64))
    score = _score(total(prep.core[r.pos].astype(np.int8), np.maximum), total(r.tier, np.maximum),
                   cities, ix.ku_catalogue[kus], total(r.years), total(r.mentions),
                   total(prep.year[r.pos], np.maximum))  # fmt: skip
    domain = domains[1][np.searchsorted(domains[0], kus)]
    return {"start": start, "end": end, "ku": kus, "cities": cities, "score": score,
            "domain": domain}  # fmt: skip


def _top(idx: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """The `k` of `idx` with the highest score, best first; ties: the lower index first.

    idx [0, 1, 2, 3], score [5, 9, 5, 1], k 2 -> [1, 0]. No full sort: a partition, then a sort
    of the k kept.
    """
    if k <= 0 or not len(idx):
        return idx[:0]
    s = score[idx]
    if len(idx) > k:
        kth = np.partition(s, len(s) - k)[len(s) - k]
        above = np.flatnonzero(s > kth)
        keep = np.r_[above, np.flatnonzero(s == kth)[: k - len(above)]]
        idx, s = idx[keep], s[keep]
    return idx[np.lexsort((idx, -s))]


# --- records ------------------------------------------------------------------------------------

READING_COLUMNS = ("id", "value", "value_low", "qualifier", "role", "direction", "city", "year",
                   "doc", "case_title", "district", "comparison", "polarity")  # fmt: skip
CHANGE_COLUMNS = ("id", "value", "unit", "direction", "comparison")


def _columns(prep: Prepared, positions: np.ndarray, columns: tuple[str, ...]) -> dict[str, list]:
    """Plain values (missing as None) of `columns` at `positions`, as lists."""
    out = {}
    for column in columns:
        values = values_at(prep, positions, column).tolist()
        out[column] = [None if isinstance(v, float) and np.isnan(v) else v for v in values]
    return out


def _known(improving: int) -> bool | None:
    """The table's `improving` from its int8 form: 1 -> True, 0 -> False, -1 -> None."""
    return None if improving < 0 else bool(improving)


def _signed(value: float, direction: str | None) -> float:
    """A stated change with its sign: (24.96, "down") -> -24.96; (8.9, "up") -> 8.9."""
    if direction == "down":
        return -abs(value)
    return abs(value) if direction == "up" else value


def _stated(row: dict, i: int, improving: int) -> Change:
    """The change a change row states (its columns at index `i` of `row`)."""
    return Change(
        value=_signed(row["value"][i], row["direction"][i]),
        unit=row["unit"][i] or "",
        direction=row["direction"][i],
        improving=_known(improving),
        source="stated",
        row_id=str(row["id"][i]),
        comparison=row["comparison"][i],
    )


def _from_pair(ix: ReportIndex, pair: int, comparison: str | None, improving: int) -> Change:
    """The change of a from→to pair: 38.69 % → 68.17 % gives +29.48 pp, direction up."""
    p = {name: values[pair] for name, values in ix.pairs.items()}
    change = float(p["change"])
    return Change(
        value=change,
        unit=str(p["change_unit"] or ""),
        direction="up" if change > 0 else "down" if change < 0 else None,
        improving=_known(improving),
        source="pair",
        row_id=str(p["base_id"]),
        comparison=comparison,
        base=float(p["base"]),
        base_unit=p["base_unit"],
        base_year=int(p["base_year"]) or None,
    )


def _changes(prep: Prepared, ix: ReportIndex, r: _Readings, idx: np.ndarray, own: dict):
    """The change shown with each reading of `idx` (None for a level without one); `own` holds
    the readings' own columns (a change item's change is its own row)."""
    stated_rows = r.change_row[idx]
    has_row = np.flatnonzero(stated_rows >= 0)
    rows = _columns(prep, stated_rows[has_row], CHANGE_COLUMNS)
    row_of = {int(j): n for n, j in enumerate(has_row)}
    own = {**own, "unit": ix.ku_unit[r.ku[idx]]}
    out: list[Change | None] = []
    for j, i in enumerate(idx):
        if ix.is_change[r.pos[i]]:
            out.append(_stated(own, j, r.improving[i]))
        elif r.pair[i] >= 0:
            out.append(_from_pair(ix, int(r.pair[i]), own["comparison"][j], r.improving[i]))
        elif j in row_of:
            out.append(_stated(rows, row_of[j], r.improving[i]))
        else:
            out.append(None)
    return out


def _reading_records(prep: Prepared, ix: ReportIndex, r: _Readings, idx: np.ndarray):
    """{reading index: Reading} for the readings `idx`, their columns taken in one pass, and
    {row position: polarity} of the rows shown."""
    pos = r.pos[idx]
    own = _columns(prep, pos, READING_COLUMNS)
    changes = _changes(prep, ix, r, idx, own)
    core = prep.core[pos]
    polarity = dict(zip(pos.tolist(), own["polarity"], strict=True))
    return polarity, {
        int(i): Reading(
            city=own["city"][j],
            year=None if own["year"][j] is None else int(own["year"][j]),
            value=float(own["value"][j]),
            value_low=own["value_low"][j],
            unit=str(ix.ku_unit[r.ku[i]]),
            qualifier=own["qualifier"][j],
            role=str(own["role"][j]),
            direction=own["direction"][j],
            improving=_known(r.improving[i]),
            change=changes[j],
            core=bool(core[j]),
            row_id=str(own["id"][j]),
            position=int(pos[j]),
            doc=own["doc"][j],
            case_title=own["case_title"][j],
            district=own["district"][j],
            mentions=int(r.mentions[i]),
            years=int(r.years[i]),
        )  # fmt: skip
        for j, i in enumerate(idx)
    }


def _item(prep: Prepared, ix: ReportIndex, readings: list[Reading], ku: int, domain: str,
          city_rank: dict, polarity: dict, lang: str) -> Item:  # fmt: skip
    """One item from its readings (put in the view's city order); `polarity` by row position."""
    readings = sorted(readings, key=lambda x: city_rank.get(x.city, len(city_rank)))
    latest = min(readings, key=lambda x: (-(x.year or 0), not x.core,
                                          city_rank.get(x.city, len(city_rank))))  # fmt: skip
    key = str(ix.ku_key[ku])
    return Item(
        key=key,
        unit=str(ix.ku_unit[ku]),
        kind="change" if ix.is_change[latest.position] else "level",
        label=key_label(prep, key, lang),
        domain=domain,
        core=any(x.core for x in readings),
        polarity=polarity[latest.position],
        readings=tuple(readings),
        latest=latest,
        mentions=sum(x.mentions for x in readings),
    )


def _cities(prep: Prepared, mask: np.ndarray) -> tuple[str | None, ...]:
    """The view's cities, most rows first (ties by name), the unnamed city (None) last."""
    n = np.bincount(prep.codes["city"][mask], minlength=len(prep.cats["city"]))
    cats = [str(c) for c in prep.cats["city"]]
    present = sorted(np.flatnonzero(n), key=lambda c: (cats[c] == NONE, -n[c], cats[c]))
    return tuple(None if cats[c] == NONE else cats[c] for c in present)


def _chosen(ranked: dict, max_per_domain: int, top_compared: int):
    """{domain code: (items shown, best first; how many more)} and the items compared (readings
    in two or more cities): most cities first, then by score."""
    domain, score, cities = ranked["domain"], ranked["score"], ranked["cities"]
    shown = {}
    for d in np.flatnonzero(np.bincount(domain, minlength=1)):
        ks = np.flatnonzero(domain == d)
        shown[int(d)] = (_top(ks, score, max_per_domain), max(0, len(ks) - max_per_domain))
    compared: list[np.ndarray] = []
    left = top_compared
    for n in np.flatnonzero(np.bincount(cities, minlength=1))[::-1]:
        if n < 2 or left <= 0:
            break
        best = _top(np.flatnonzero(cities == n), score, left)
        compared.append(best)
        left -= len(best)
    return shown, np.concatenate([np.zeros(0, dtype=np.int64), *compared])


def _sections(prep: Prepared, ix: ReportIndex, mask: np.ndarray, hidden: np.ndarray | None,
              shown: dict, items: dict, valued: np.ndarray,
              lang: str) -> tuple[Section, ...]:  # fmt: skip
    """One section per domain with rows in the view or context rows left out of it; a domain
    whose values (`valued`: rows per domain code) all belong to items of other domains has none."""
    ndom = len(prep.cats["domain"])
    rows = np.bincount(prep.codes["domain"][mask], minlength=ndom)
    left_out = np.zeros(ndom, np.int64)
    if hidden is not None:
        left_out = np.bincount(prep.codes["domain"][hidden], minlength=ndom)
    named = {k: v for k, v in prep.domain_labels.items() if v != k}  # no label: the i18n one
    out = []
    for d in np.flatnonzero((rows > 0) | (left_out > 0)):
        ks, more = shown.get(int(d), ((), 0))
        if not len(ks) and valued[d]:
            continue  # its indicators are shown under the domain most of their rows have
        reason = None if len(ks) else ("no_values" if rows[d] else "only_context")
        key = str(prep.cats["domain"][d])
        out.append(Section(
            domain=key, label=domain_name(key, named, lang),
            items=tuple(items[int(k)] for k in ks), more=int(more), rows=int(rows[d]),
            reason=reason, hidden_context=int(left_out[d]),
        ))  # fmt: skip
    out.sort(key=lambda s: (not s.items, s.domain == NONE, -s.rows,
                            int(ix.ranks[list(prep.cats["domain"]).index(s.domain)])))  # fmt: skip
    return tuple(out)


def build_report(prep: Prepared, mask: np.ndarray, lang: str = "zh", *,
                 max_per_domain: int = MAX_PER_DOMAIN, wider: np.ndarray | None = None,
                 top_compared: int = TOP_COMPARED) -> Report:  # fmt: skip
    """The indicators view of the rows under `mask`; `wider` (optional) is the mask of the same
    filters with the context rows, to tell "only context numbers" from "nothing matches".

    On the seeds with ?city=深圳: 基层治理 first (31 rows), led by 矛盾纠纷调解成功率 98 % (2015,
    +53 pp from its pair's 45 %, green); in 平安建设, 火灾起数 15起 with the -50 % its document
    states for the same year (green); a report card: one reading per item, `compare` false.
    """
    hidden = None if wider is None else wider & ~mask
    n_hidden = 0 if hidden is None else int(hidden.sum())
    if not len(prep):
        return Report((), (), False, (), 0, reason="no_data")
    cities = _cities(prep, mask)
    compare = sum(c is not None for c in cities) >= 2
    rows = int(mask.sum())
    if not rows:
        reason = "only_context" if n_hidden else "no_match"
        return Report((), cities, False, (), 0, reason=reason, hidden_context=n_hidden)
    ix = report_index(prep)
    r, domains = _readings(prep, ix, mask)
    ranked = _ranked(prep, ix, r, domains)
    shown, compared = _chosen(ranked, max_per_domain, top_compared if compare else 0)
    wanted = sorted({int(k) for ks, _ in shown.values() for k in ks} | set(compared.tolist()))
    idx = np.concatenate([np.arange(ranked["start"][k], ranked["end"][k]) for k in wanted] or
                         [np.zeros(0, np.int64)])  # fmt: skip
    polarity, records = _reading_records(prep, ix, r, idx.astype(np.int64))
    city_rank = {c: i for i, c in enumerate(cities)}
    items = {k: _item(prep, ix, [records[i] for i in range(ranked["start"][k], ranked["end"][k])],
                      int(ranked["ku"][k]), str(prep.cats["domain"][ranked["domain"][k]]),
                      city_rank, polarity, lang) for k in wanted}  # fmt: skip
    comparison = tuple(items[int(k)] for k in compared)
    return Report(
        sections=_sections(prep, ix, mask, hidden, shown, items, domains[2], lang),
        cities=cities, compare=compare, comparison=comparison, rows=rows,
        reason=None if len(r.pos) else "no_values",
        comparison_reason="no_shared" if compare and len(r.pos) and not comparison else None,
        hidden_context=n_hidden,
    )  # fmt: skip


def report_for_state(prep: Prepared, state: FilterState, *,
                     max_per_domain: int = MAX_PER_DOMAIN) -> Report:  # fmt: skip
    """The view for a link's state: its filters (not its chart selection), core rows unless
    `state.show_all`, and the same filters with context rows to explain an empty view."""
    if state.show_all:
        return build_report(prep, filter_mask(prep, state), state.lang,
                            max_per_domain=max_per_domain)  # fmt: skip
    wider = filter_mask(prep, replace(state, show_all=True))  # the filters' rows, context too
    return build_report(prep, wider & prep.core, state.lang, max_per_domain=max_per_domain,
                        wider=wider)  # fmt: skip


def report_sections(prep: Prepared, mask: np.ndarray, lang: str = "zh",
                    max_per_domain: int = MAX_PER_DOMAIN) -> list[Section]:  # fmt: skip
    """The sections of `build_report` (domains, each with its items best first)."""
    return list(build_report(prep, mask, lang, max_per_domain=max_per_domain).sections)


def comparison_items(prep: Prepared, mask: np.ndarray, lang: str = "zh",
                     top: int = TOP_COMPARED) -> list[Item]:  # fmt: skip
    """Items reported in two or more cities of the view, one reading per city (latest year per
    city), same key and same unit: most cities first, then the sections' order."""
    return list(build_report(prep, mask, lang, max_per_domain=0, top_compared=top).comparison)
