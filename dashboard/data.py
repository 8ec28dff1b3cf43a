"""The table prepared for fast filtering (categorical codes as numpy arrays) and the aggregates the
charts and cards are drawn from.

Filtering a million rows costs a few boolean look-ups (`allowed[codes]`). Counts and headline
numbers come from a cube (the rows grouped by every filter dimension, `weight` rows per group) with
one `np.bincount` per chart; change rows, from→to pairs and per-indicator slices are presorted at
load time, so "the largest" is a mask look-up rather than a sort.
Missing structure columns (no `domain` yet, no `district`) become the category `NONE`, which the
dashboard labels 未分类 / unclassified. Tables older than the meaning stage get their meaning
columns filled once here (`fill_meaning`): the label from the name, a derived key, core = true;
whether a change is an improvement is only ever read from the table's `improving` column.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.search_index import CharIndex, build_char_index, candidate_rows, exact_rows
from indicators.schema import conform

NONE = "_none"  # the category of a missing value in a filter column
FILTER_COLUMNS = ("city", "district", "domain", "direction", "role", "unit")
SELECTABLE = (*FILTER_COLUMNS, "year", "indicator", "indicator_key", "pair_id", "id", "case_id",
              "doc")  # fmt: skip
# text columns with few distinct values: categorical, so taking table rows is a numpy look-up
DISPLAY_CATEGORIES = ("department", "case_title", "case_no", "domain_label", "published",
                      "year_source", "comparison", "qualifier", "unit_canonical", "domain_alt",
                      "indicator_label", "indicator_label_en", "indicator_key", "polarity")  # fmt: skip
NAME_COLUMNS = ("indicator", "indicator_label")  # what the text search looks in, besides sentences


@dataclass(eq=False)
class Prepared:
    """The indicator table with filter columns as categoricals plus their codes as numpy arrays."""

    df: pd.DataFrame
    codes: dict[str, np.ndarray] = field(default_factory=dict)
    cats: dict[str, np.ndarray] = field(default_factory=dict)
    year: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    improving: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    core: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    key_labels: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key -> (zh, en)
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame)
    domain_labels: dict[str, str] = field(default_factory=dict)
    weight: np.ndarray | None = None  # rows count once each
    cube: Cube | None = None  # the same rows grouped by every filter dimension
    change_pos: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    change_signed: np.ndarray = field(default_factory=lambda: np.zeros(0))
    key_order: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    key_bounds: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    row_group: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    sentence_index: CharIndex | None = None  # characters -> rows, for the text search

    def __len__(self) -> int:
        return len(self.df)

    def options(self, column: str) -> list[str]:
        """The values of a filter column, most frequent first (NONE last)."""
        counts = np.bincount(self.codes[column], minlength=len(self.cats[column]))
        order = sorted(range(len(counts)), key=lambda i: (self.cats[column][i] == NONE, -counts[i]))
        return [str(self.cats[column][i]) for i in order if counts[i] > 0]

    @property
    def year_range(self) -> tuple[int, int] | None:
        known = self.year[self.year > 0]
        return (int(known.min()), int(known.max())) if len(known) else None


@dataclass(eq=False)
class Cube:
    """The rows grouped by every filter and count dimension, `weight` rows per group.

    Counts, headline numbers and the comparable-indicator ranking only need codes, so they run on
    the cube (tens of thousands of groups) instead of a million rows; filters apply unchanged.
    """

    codes: dict[str, np.ndarray]
    cats: dict[str, np.ndarray]
    year: np.ndarray
    improving: np.ndarray
    core: np.ndarray
    weight: np.ndarray

    def __len__(self) -> int:
        return len(self.weight)

    @property
    def year_range(self) -> tuple[int, int] | None:
        known = self.year[self.year > 0]
        return (int(known.min()), int(known.max())) if len(known) else None


CUBE_DIMENSIONS = (*FILTER_COLUMNS, "doc", "case_id", "key_unit")


def _cube(prep: Prepared) -> Cube:
    """Group the rows by every cube dimension; `prep.row_group` keeps each row's group."""
    frame = pd.DataFrame({d: prep.codes[d] for d in CUBE_DIMENSIONS})
    frame["year"] = prep.year
    frame["improving"] = prep.improving
    frame["core"] = prep.core
    group = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy().astype(np.int32)
    first = np.unique(group, return_index=True)[1]
    prep.row_group = group
    return Cube(
        codes={d: prep.codes[d][first] for d in CUBE_DIMENSIONS},
        cats=prep.cats,
        year=prep.year[first],
        improving=prep.improving[first],
        core=prep.core[first],
        weight=np.bincount(group, minlength=len(first)).astype(np.int64),
    )


def cube_of_rows(prep: Prepared, mask: np.ndarray) -> tuple[Cube, np.ndarray]:
    """The cube re-weighted by the rows under `mask` (e.g. after a text search) and its mask.

    One bincount over the rows replaces every row-level aggregation.
    """
    weight = np.bincount(prep.row_group[mask], minlength=len(prep.cube)).astype(np.int64)
    return replace(prep.cube, weight=weight), weight > 0


def _presort(prep: Prepared) -> None:
    """Change-rate rows by size, pairs by relative change, rows by key|unit (for slices)."""
    change = np.flatnonzero(
        column_mask(prep, "role", ["change"]) & column_mask(prep, "unit", ["%"])
    )
    value = prep.df["value"].to_numpy()[change]
    down = prep.cats["direction"][prep.codes["direction"][change]] == "down"
    signed = np.where(down, -np.abs(value), value)
    order = np.argsort(-np.abs(np.nan_to_num(signed)), kind="stable")
    prep.change_pos, prep.change_signed = change[order], signed[order]
    if not prep.pairs.empty:
        p = prep.pairs
        rel = (p["cur"] - p["base"]).abs() / p["base"].abs().where(p["base"] != 0, 1)
        p = p.assign(rel=rel.fillna(0).to_numpy()).sort_values(
            "rel", ascending=False, kind="stable"
        )
        p["unit_code"] = prep.codes["unit"][p["cur_pos"].to_numpy()]
        prep.pairs = p.reset_index(drop=True)
    keys = prep.codes["key_unit"]
    prep.key_order = np.argsort(keys, kind="stable")
    prep.key_bounds = np.searchsorted(
        keys[prep.key_order], np.arange(len(prep.cats["key_unit"]) + 1)
    )


def prepare(table: pd.DataFrame) -> Prepared:
    """Conform `table` to the schema and index it for filtering; the input is not modified."""
    df = fill_meaning(conform(table))
    prep = Prepared(df=df)
    for col in FILTER_COLUMNS:
        s = df[col].astype(object).where(df[col].notna() & (df[col].astype(object) != ""), NONE)
        cat = pd.Categorical(s)
        df[col] = cat
        prep.codes[col] = cat.codes.astype(np.int32)
        prep.cats[col] = np.asarray(cat.categories, dtype=object)
    for col in ("doc", "case_id", "indicator", "pair_id", *DISPLAY_CATEGORIES):
        df[col] = df[col].astype("category")
    for col in ("doc", "case_id", *NAME_COLUMNS, "indicator_key"):
        prep.codes[col] = df[col].cat.codes.to_numpy().astype(np.int32)  # -1 for missing
        prep.cats[col] = np.asarray(df[col].cat.categories, dtype=object)
    prep.codes["key_unit"], prep.cats["key_unit"] = _key_unit(prep, _of_its_year(df))
    prep.key_labels = _key_labels(df, prep)
    prep.year = df["year"].fillna(0).to_numpy().astype(np.int32)
    prep.improving = _improving(df["improving"])
    prep.core = df["core"].fillna(True).to_numpy(dtype=bool)
    prep.pairs = _pairs(df, prep)
    prep.domain_labels = _domain_labels(df)
    prep.cube = _cube(prep)
    _presort(prep)
    prep.sentence_index = build_char_index(df["sentence"].array)
    return prep


def fill_meaning(df: pd.DataFrame) -> pd.DataFrame:
    """The meaning columns a table older than the meaning stage lacks, filled in place (once).

    An empty `indicator_label` takes the name in the text; a missing `indicator_key` becomes
    "auto.<name>" ("auto.<name>.change" for a change row, so a level and its change never share
    one); a missing `core` is true; `improving` is left as it is (empty: not known).

        不文明养犬发生率, role change, no key -> key "auto.不文明养犬发生率.change", label 不文明养犬发生率
    """
    name = df["indicator"]
    label = df["indicator_label"]
    no_label = label.isna() | (label == "")
    if no_label.any():
        df["indicator_label"] = label.mask(no_label, name)
    no_key = (df["indicator_key"].isna() & name.notna()).to_numpy(dtype=bool)
    if no_key.any():
        change = (df["role"] == "change").fillna(False).to_numpy(dtype=bool)
        derived = pd.Series(pd.NA, index=df.index, dtype="string")
        derived[no_key] = _derived_keys(name[no_key], change[no_key])
        df["indicator_key"] = df["indicator_key"].fillna(derived)
    if df["core"].isna().any():
        df["core"] = df["core"].fillna(True)
    return df


def _derived_keys(names: pd.Series, change: np.ndarray) -> np.ndarray:
    """ "auto.<name>" (+ ".change") per row, built once per distinct (name, change) pair."""
    cat = pd.Categorical(names.astype(object))
    combo = cat.codes.astype(np.int64) * 2 + change
    distinct, inverse = np.unique(combo, return_inverse=True)
    keys = np.array(
        ["auto." + "".join(str(cat.categories[c // 2]).split()) + (".change" if c % 2 else "")
         for c in distinct],
        dtype=object,
    )  # fmt: skip
    return keys[inverse]


def _of_its_year(df: pd.DataFrame) -> np.ndarray:
    """Rows whose value is the value of their year: not a target (a value aimed at), not a
    baseline dated like its current (the "from" of "从38.69%提升至68.17%" is the value before,
    though the text dates the pair once).

    A baseline with a year of its own ("2019年的45%提高到2022年的98%") is kept.
    """
    role = df["role"].astype(object).to_numpy()
    year = df["year"].astype("float64").to_numpy()
    keep = role != "target"
    base = np.flatnonzero(role == "baseline")
    if len(base):
        cur = role == "current"
        year_of_pair = pd.Series(year[cur], index=df["pair_id"].astype(object).to_numpy()[cur])
        year_of_pair = year_of_pair[~year_of_pair.index.duplicated()]
        current_year = year_of_pair.reindex(df["pair_id"].astype(object).to_numpy()[base])
        own = ~np.isnan(year[base]) & (year[base] != current_year.to_numpy())
        keep[base] = own
    return keep


def _key_unit(prep: Prepared, comparable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and categories of "indicator_key|unit", the comparison's identity (NONE: no key, or
    a row that is not the value of its year, see `_of_its_year`).

    One identity never mixes units: a key reported in 件 and in 个 is two choices.
    """
    keys, units = prep.cats["indicator_key"], prep.cats["unit"]
    key = prep.codes["indicator_key"].astype(np.int64)
    combo = np.where((key >= 0) & comparable, key * len(units) + prep.codes["unit"], -1)
    distinct, inverse = np.unique(combo, return_inverse=True)
    cats = np.array(
        [NONE if c < 0 else f"{keys[c // len(units)]}|{units[c % len(units)]}" for c in distinct],
        dtype=object,
    )
    return inverse.astype(np.int32).reshape(-1), cats


def _key_labels(df: pd.DataFrame, prep: Prepared) -> dict[str, tuple[str, str | None]]:
    """{indicator_key: (its label, its English label or None)}: the most frequent of its rows."""
    frame = pd.DataFrame({
        "key": prep.codes["indicator_key"],
        "zh": df["indicator_label"].cat.codes.to_numpy(),
        "en": df["indicator_label_en"].cat.codes.to_numpy(),
    })  # fmt: skip
    frame = frame[frame["key"] >= 0]
    if frame.empty:
        return {}
    top = frame.value_counts(sort=True).reset_index().drop_duplicates("key")
    zh = np.asarray(df["indicator_label"].cat.categories, dtype=object)
    en = np.asarray(df["indicator_label_en"].cat.categories, dtype=object)
    keys = prep.cats["indicator_key"]
    return {
        str(keys[k]): (str(zh[z]) if z >= 0 else str(keys[k]), str(en[e]) if e >= 0 else None)
        for k, z, e in zip(top["key"], top["zh"], top["en"], strict=True)
    }


def _improving(column: pd.Series) -> np.ndarray:
    """The table's `improving` as 1 (for the better), 0 (for the worse), -1 (empty: no direction,
    or neither way is better). The dashboard never guesses it from the name."""
    known = column.notna().to_numpy(dtype=bool)
    better = column.fillna(False).to_numpy(dtype=bool)
    return np.where(known, better.astype(np.int8), np.int8(-1)).astype(np.int8)


def _pairs(df: pd.DataFrame, prep: Prepared) -> pd.DataFrame:
    """One row per from→to pair: positions of its baseline and current rows and both values."""
    role = df["role"].astype(object)
    has_pair = df["pair_id"].notna().to_numpy()
    base = pd.Series(np.flatnonzero(has_pair & (role == "baseline").to_numpy()))
    cur = pd.Series(np.flatnonzero(has_pair & (role == "current").to_numpy()))
    b = pd.DataFrame({"pair_id": df["pair_id"].astype(object).to_numpy()[base], "base_pos": base})
    c = pd.DataFrame({"pair_id": df["pair_id"].astype(object).to_numpy()[cur], "cur_pos": cur})
    pairs = b.drop_duplicates("pair_id").merge(c.drop_duplicates("pair_id"), on="pair_id")
    value = df["value"].to_numpy()
    pairs["base"] = value[pairs["base_pos"].to_numpy()]
    pairs["cur"] = value[pairs["cur_pos"].to_numpy()]
    return pairs.reset_index(drop=True)


def _domain_labels(df: pd.DataFrame) -> dict[str, str]:
    """{domain key: its label} from the table's domain_label column (the key when no label)."""
    known = df.loc[df["domain"].astype(object) != NONE, ["domain", "domain_label"]].astype(object)
    known = known.drop_duplicates("domain")
    return {
        str(k): (str(v) if isinstance(v, str) and v else str(k))
        for k, v in zip(known["domain"], known["domain_label"], strict=True)
    }


# --- filtering -------------------------------------------------------------------------------


def column_mask(prep: Prepared, column: str, values: tuple[str, ...] | list[str]) -> np.ndarray:
    """Rows whose `column` is one of `values` (NONE matches missing)."""
    if column == "year":
        wanted = {int(v) for v in values if str(v).lstrip("-").isdigit()}
        return np.isin(prep.year, list(wanted))
    if column in prep.cats and column in FILTER_COLUMNS:
        allowed = np.isin(prep.cats[column], list(values))
        return allowed[prep.codes[column]]
    s = prep.df[column]
    if isinstance(s.dtype, pd.CategoricalDtype):
        allowed = np.isin(np.asarray(s.cat.categories, dtype=object), list(values))
        codes = s.cat.codes.to_numpy()
        return (codes >= 0) & allowed[np.maximum(codes, 0)]
    return s.astype(object).isin(list(values)).to_numpy()


def year_mask(prep: Prepared, low: int, high: int) -> np.ndarray:
    """Rows whose year lies in [low, high] (rows without a year are left out)."""
    return (prep.year >= low) & (prep.year <= high)


def search_mask(prep: Prepared, text: str, within: np.ndarray) -> np.ndarray:
    """Rows of `within` whose indicator label, name in the text or sentence contains `text`
    (case-insensitive)."""
    text = text.strip()
    if not text:
        return within
    by_name = np.zeros(len(prep), dtype=bool)
    for column in NAME_COLUMNS:
        names, codes = prep.cats[column], prep.codes[column]
        if len(names):
            hit = np.array([text.lower() in str(n).lower() for n in names], dtype=bool)
            by_name |= (codes >= 0) & hit[np.maximum(codes, 0)]
    out = within & by_name
    rest = within & ~by_name
    if prep.sentence_index is not None:
        exact = exact_rows(prep.sentence_index, text)  # one character: the index is the answer
        candidates = candidate_rows(prep.sentence_index, text) if exact is None else exact
        if candidates is not None:  # only rows holding every character of the text can match
            narrowed = np.zeros(len(prep), dtype=bool)
            narrowed[candidates] = True
            if exact is not None:
                return out | (rest & narrowed)
            rest &= narrowed
    if rest.any():
        out |= rest & _contains(prep.df["sentence"], text, rest)
    return out


def _contains(column: pd.Series, text: str, rows: np.ndarray) -> np.ndarray:
    """Which entries of `column` contain `text` (case-insensitive), checked for `rows` only.

    Arrow-backed strings are searched with pyarrow's kernel over the whole column when most rows
    are asked for (a take of a million strings costs more than the search itself).
    """
    hit = np.zeros(len(column), dtype=bool)
    try:
        data = pa.array(column.array)
        positions = np.flatnonzero(rows)
        if len(positions) > len(column) // 4:
            found = pc.match_substring(data, text, ignore_case=True)
            return found.to_numpy(zero_copy_only=False).astype(bool, copy=False) & rows
        found = pc.match_substring(data.take(pa.array(positions)), text, ignore_case=True)
        hit[positions] = found.to_numpy(zero_copy_only=False).astype(bool)
        return hit
    except (TypeError, ValueError, pa.ArrowException):
        positions = np.flatnonzero(rows)
        found = column.iloc[positions].str.contains(text, case=False, regex=False, na=False)
        hit[positions] = found.to_numpy(dtype=bool)
        return hit


# --- aggregates --------------------------------------------------------------------------------


def counts(prep: Prepared | Cube, mask: np.ndarray, columns: tuple[str, ...]) -> pd.DataFrame:
    """Number of rows under `mask` for each combination of `columns` (codes, via one bincount).

    Columns may be filter columns, "year" (unknown years dropped) or "improving".
    """
    keys, sizes, values = [], [], []
    keep = mask.copy()
    for col in columns:
        if col == "year":
            keep &= prep.year > 0
            yrs = np.unique(prep.year[keep]) if keep.any() else np.zeros(0, dtype=np.int32)
            lookup = np.zeros(int(prep.year.max(initial=0)) + 1, dtype=np.int64)
            lookup[yrs] = np.arange(len(yrs))
            keys.append(lookup[prep.year])
            sizes.append(max(len(yrs), 1))
            values.append(yrs)
        else:
            keys.append(prep.codes[col].astype(np.int64))
            sizes.append(max(len(prep.cats[col]), 1))
            values.append(prep.cats[col])
    combined = np.zeros(int(keep.sum()), dtype=np.int64)
    for k, size in zip(keys, sizes, strict=True):
        combined = combined * size + k[keep]
    weight = getattr(prep, "weight", None)
    n = np.bincount(
        combined, weights=None if weight is None else weight[keep], minlength=int(np.prod(sizes))
    ).astype(np.int64)
    nz = np.flatnonzero(n)
    out = {}
    rem = nz.copy()
    for col, size, vals in reversed(list(zip(columns, sizes, values, strict=True))):
        out[col] = np.asarray(vals)[rem % size]
        rem //= size
    frame = pd.DataFrame({c: out[c] for c in columns})
    frame["n"] = n[nz]
    return frame


@dataclass(frozen=True)
class Headline:
    """The numbers on the headline cards."""

    documents: int
    cases: int
    indicators: int
    cities: int
    with_direction: int
    improving: int

    @property
    def share_improving(self) -> float | None:
        return self.improving / self.with_direction if self.with_direction else None


def headline(prep: Prepared | Cube, mask: np.ndarray) -> Headline:
    """Distinct documents, cases and cities, rows, and how many rows improve, under `mask`.

    Works on the rows or on the cube (then each group counts `weight` rows).
    """

    def distinct(col: str) -> int:
        codes = prep.codes[col][mask]
        codes = codes[codes >= 0]
        if col in FILTER_COLUMNS:
            codes = codes[prep.cats[col][codes] != NONE]
        return int(np.count_nonzero(np.bincount(codes, minlength=1)))

    imp = prep.improving[mask]
    weight = getattr(prep, "weight", None)
    w = np.ones(len(imp), dtype=np.int64) if weight is None else weight[mask]
    return Headline(
        documents=distinct("doc"),
        cases=distinct("case_id"),
        indicators=int(w.sum()),
        cities=distinct("city"),
        with_direction=int(w[imp >= 0].sum()),
        improving=int(w[imp == 1].sum()),
    )


ROW_COLUMNS = (
    "id",
    "indicator",
    "indicator_label",
    "indicator_label_en",
    "value",
    "unit",
    "direction",
    "role",
    "year",
    "city",
    "district",
    "domain",
    "case_title",
    "doc",
    "surface",
)


def values_at(prep: Prepared, positions: np.ndarray, column: str) -> np.ndarray:
    """Plain values of `column` at `positions` (missing as None, numbers as float), cheaply."""
    if column in FILTER_COLUMNS:
        out = prep.cats[column][prep.codes[column][positions]]
        return np.where(out == NONE, None, out)
    s = prep.df[column]
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy()[positions]
        cats = np.asarray(s.cat.categories, dtype=object)
        return np.where(codes >= 0, cats[np.maximum(codes, 0)] if len(cats) else None, None)
    if column == "year":
        return np.where(prep.year[positions] > 0, prep.year[positions], None)
    if s.dtype == np.float64:
        return s.to_numpy()[positions]
    return s.iloc[positions].to_numpy(dtype=object, na_value=None)


def rows_at(
    prep: Prepared, positions: np.ndarray, columns: tuple[str, ...] = ROW_COLUMNS
) -> pd.DataFrame:
    """The rows at `positions` with plain values (NONE back to missing)."""
    positions = np.asarray(positions, dtype=np.int64)
    return pd.DataFrame({c: values_at(prep, positions, c) for c in columns})


def largest_changes(prep: Prepared, mask: np.ndarray, top: int = 15) -> pd.DataFrame:
    """The `top` change-rate rows (role change, unit %) by size; `signed` is negative for a fall.

    "不文明养犬发生率同比下降42.5%" -> signed -42.5, improving 1 (the table's `improving`). The change
    rows are presorted by size, so this is one look-up of the mask, not a sort.
    """
    hits = np.flatnonzero(mask[prep.change_pos])[:top]
    if not len(hits):
        return pd.DataFrame(columns=[*ROW_COLUMNS, "signed", "improving"])
    pos = prep.change_pos[hits]
    out = rows_at(prep, pos)
    out["signed"] = prep.change_signed[hits]
    out["improving"] = prep.improving[pos]
    return out


def top_pairs(prep: Prepared, mask: np.ndarray, top: int = 12) -> tuple[pd.DataFrame, str | None]:
    """The `top` from→to pairs under `mask` in their most common unit (% first), by relative change.

    Returns the pairs (indicator, place, year, base, cur, improving …) and that unit.
    """
    pairs = prep.pairs
    if pairs.empty:
        return pd.DataFrame(), None
    base_pos, cur_pos = pairs["base_pos"].to_numpy(), pairs["cur_pos"].to_numpy()
    keep = mask[base_pos] | mask[cur_pos]
    if not keep.any():
        return pd.DataFrame(), None
    unit_codes = pairs["unit_code"].to_numpy()
    per_unit = np.bincount(unit_codes[keep], minlength=len(prep.cats["unit"]))
    percent = np.flatnonzero(prep.cats["unit"] == "%")
    code = int(percent[0]) if len(percent) and per_unit[percent[0]] else int(np.argmax(per_unit))
    chosen = np.flatnonzero(keep & (unit_codes == code))[:top]
    sel = pairs.iloc[chosen]
    out = rows_at(prep, sel["cur_pos"].to_numpy())
    out["base"] = sel["base"].to_numpy()
    out["cur"] = sel["cur"].to_numpy()
    out["pair_id"] = sel["pair_id"].to_numpy()
    out["improving"] = prep.improving[sel["cur_pos"].to_numpy()]
    unit = str(prep.cats["unit"][code])
    return out, (None if unit == NONE else unit)


def comparable_candidates(prep: Prepared | Cube, mask: np.ndarray, top: int = 40) -> list[str]:
    """ "indicator_key|unit" choices found in ≥ 2 places or years under `mask`, most comparable
    first: one identity in one unit, so a level and its change rate, or 件 and 个, are never mixed."""
    codes = prep.codes["key_unit"]
    ncat = len(prep.cats["key_unit"])
    if not ncat or not mask.any():
        return []
    ncity = len(prep.cats["city"])
    known = mask & (prep.year > 0)
    by_city = np.bincount(codes[mask] * ncity + prep.codes["city"][mask], minlength=ncat * ncity)
    n_cities = np.count_nonzero(by_city.reshape(ncat, ncity), axis=1)
    yrs = prep.year[known] - prep.year[known].min(initial=0) if known.any() else np.zeros(0, int)
    span = int(yrs.max(initial=0)) + 1
    by_year = np.bincount(codes[known] * span + yrs, minlength=ncat * span)
    n_years = np.count_nonzero(by_year.reshape(ncat, span), axis=1)
    weight = getattr(prep, "weight", None)
    rows = np.bincount(
        codes[mask], weights=None if weight is None else weight[mask], minlength=ncat
    )
    score = n_cities * 1000 + n_years * 10 + np.minimum(rows, 9)
    ok = (n_cities + n_years >= 3) & (prep.cats["key_unit"] != NONE)
    order = np.argsort(-score, kind="stable")
    return [str(prep.cats["key_unit"][i]) for i in order if ok[i]][:top]


def key_label(prep: Prepared, key: str, lang: str = "zh") -> str:
    """The label of an indicator key (English when asked and known), else the key itself.

    "dispute.mediation_success_rate" -> "矛盾纠纷调解成功率" ("mediation success rate" in English).
    """
    zh, en = prep.key_labels.get(key, (key, None))
    return en if lang == "en" and en else zh


def chosen_comparable(prep: Prepared, cmp: str, candidates: list[str]) -> str:
    """The comparison a link asks for: its "key|unit" when offered; for an older link's
    "name|unit", the offered key of that label (or derived from that name) in that unit; else the
    first candidate ("" when none)."""
    if cmp in candidates or not candidates:
        return cmp if cmp in candidates else ""
    name, _, unit = cmp.rpartition("|")
    if name:
        derived = "auto." + "".join(name.split())
        for cand in candidates:
            key, _, cand_unit = cand.rpartition("|")
            if cand_unit == unit and (key_label(prep, key) == name or key == derived):
                return cand
    return candidates[0]


def comparable_values(prep: Prepared, mask: np.ndarray, key: str) -> pd.DataFrame:
    """Median value of "indicator_key|unit" `key` per city and year under `mask` (n = mentions)."""
    where = np.flatnonzero(prep.cats["key_unit"] == key)
    if not len(where):
        return pd.DataFrame(columns=["city", "year", "value", "n"])
    k = int(where[0])
    pos = prep.key_order[prep.key_bounds[k] : prep.key_bounds[k + 1]]
    pos = pos[mask[pos]]
    if not len(pos):
        return pd.DataFrame(columns=["city", "year", "value", "n"])
    city, year = prep.codes["city"][pos].astype(np.int64), prep.year[pos].astype(np.int64)
    value = prep.df["value"].to_numpy()[pos]
    group = city * 10_000 + year
    order = np.lexsort((value, group))
    group, value = group[order], value[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    n = np.diff(np.r_[starts, len(group)])
    median = (value[starts + (n - 1) // 2] + value[starts + n // 2]) / 2
    return pd.DataFrame(
        {
            "city": prep.cats["city"][group[starts] // 10_000],
            "year": (group[starts] % 10_000).astype(np.int32),
            "value": median,
            "n": n,
        }
    )
