"""The table prepared for fast filtering (categorical codes as numpy arrays) and the aggregates the
charts and cards are drawn from.

Filtering a million rows costs a few boolean look-ups (`allowed[codes]`), and every chart's data is a
`np.bincount` over the surviving codes, so the main callback stays far below a pandas group-by.
Missing structure columns (no `domain` yet, no `district`) become the category `NONE`, which the
dashboard labels 未分类 / unclassified.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.i18n import lower_is_better_words
from indicators.schema import conform

NONE = "_none"  # the category of a missing value in a filter column
FILTER_COLUMNS = ("city", "district", "domain", "direction", "role", "unit")
SELECTABLE = (*FILTER_COLUMNS, "year", "indicator", "pair_id", "id", "case_id", "doc")
COUNT_COLUMNS = ("doc", "case_id", "indicator_unit")


@dataclass(eq=False)
class Prepared:
    """The indicator table with filter columns as categoricals plus their codes as numpy arrays."""

    df: pd.DataFrame
    codes: dict[str, np.ndarray] = field(default_factory=dict)
    cats: dict[str, np.ndarray] = field(default_factory=dict)
    year: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    improving: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame)
    domain_labels: dict[str, str] = field(default_factory=dict)

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


def prepare(table: pd.DataFrame) -> Prepared:
    """Conform `table` to the schema and index it for filtering; the input is not modified."""
    df = conform(table)
    prep = Prepared(df=df)
    for col in FILTER_COLUMNS:
        s = df[col].astype(object).where(df[col].notna() & (df[col].astype(object) != ""), NONE)
        cat = pd.Categorical(s)
        df[col] = cat
        prep.codes[col] = cat.codes.astype(np.int32)
        prep.cats[col] = np.asarray(cat.categories, dtype=object)
    for col in ("doc", "case_id", "indicator", "pair_id"):
        df[col] = df[col].astype("category")
    key = df["indicator"].astype(object).fillna("") + "|" + df["unit"].astype(object)
    key_cat = pd.Categorical(key.where(df["indicator"].notna(), NONE))
    prep.codes["indicator_unit"] = key_cat.codes.astype(np.int32)
    prep.cats["indicator_unit"] = np.asarray(key_cat.categories, dtype=object)
    for col in ("doc", "case_id", "indicator"):
        prep.codes[col] = df[col].cat.codes.to_numpy().astype(np.int32)  # -1 for missing
        prep.cats[col] = np.asarray(df[col].cat.categories, dtype=object)
    prep.year = df["year"].fillna(0).to_numpy().astype(np.int32)
    prep.improving = _improving(df, prep)
    prep.pairs = _pairs(df, prep)
    prep.domain_labels = _domain_labels(df)
    return prep


def _improving(df: pd.DataFrame, prep: Prepared) -> np.ndarray:
    """1 if the row states a change for the better, 0 for the worse, -1 if it states no direction.

    "不文明养犬发生率下降42.5%" -> 1 (发生率 is lower-is-better); "调解成功率提升至96%" -> 1.
    """
    names = prep.cats["indicator"]
    words = lower_is_better_words()
    lower_better_cat = np.array([any(w in str(n) for w in words) for n in names], dtype=bool)
    codes = prep.codes["indicator"]
    lower_better = np.where(
        codes >= 0, lower_better_cat[np.maximum(codes, 0)] if len(names) else False, False
    )
    direction = (
        prep.cats["direction"][prep.codes["direction"]] if len(df) else np.array([], dtype=object)
    )
    up, down = direction == "up", direction == "down"
    out = np.full(len(df), -1, dtype=np.int8)
    out[up] = np.where(lower_better[up], 0, 1)
    out[down] = np.where(lower_better[down], 1, 0)
    return out


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
    """Rows of `within` whose indicator name or sentence contains `text` (case-insensitive)."""
    text = text.strip()
    if not text:
        return within
    names = prep.cats["indicator"]
    hit_name = np.array([text.lower() in str(n).lower() for n in names], dtype=bool)
    codes = prep.codes["indicator"]
    by_name = np.zeros(len(prep), dtype=bool)
    if len(names):
        by_name = (codes >= 0) & hit_name[np.maximum(codes, 0)]
    out = within & by_name
    rest = np.flatnonzero(within & ~by_name)
    if len(rest):
        sentences = prep.df["sentence"].iloc[rest]
        hit = sentences.str.contains(text, case=False, regex=False, na=False).to_numpy()
        out[rest[hit]] = True
    return out


# --- aggregates --------------------------------------------------------------------------------


def counts(prep: Prepared, mask: np.ndarray, columns: tuple[str, ...]) -> pd.DataFrame:
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
    n = np.bincount(combined, minlength=int(np.prod(sizes)))
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


def headline(prep: Prepared, mask: np.ndarray) -> Headline:
    """Distinct documents, cases and cities, rows, and how many rows improve, under `mask`."""

    def distinct(col: str) -> int:
        codes = prep.codes[col][mask]
        codes = codes[codes >= 0]
        if col in FILTER_COLUMNS:
            codes = codes[prep.cats[col][codes] != NONE]
        return int(np.count_nonzero(np.bincount(codes, minlength=1)))

    imp = prep.improving[mask]
    return Headline(
        documents=distinct("doc"),
        cases=distinct("case_id"),
        indicators=int(mask.sum()),
        cities=distinct("city"),
        with_direction=int(np.count_nonzero(imp >= 0)),
        improving=int(np.count_nonzero(imp == 1)),
    )


ROW_COLUMNS = (
    "id",
    "indicator",
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

    "不文明养犬发生率同比下降42.5%" -> signed -42.5, improving 1.
    """
    change = column_mask(prep, "role", ["change"]) & column_mask(prep, "unit", ["%"]) & mask
    pos = np.flatnonzero(change)
    if not len(pos):
        return pd.DataFrame(columns=[*ROW_COLUMNS, "signed", "improving"])
    value = prep.df["value"].to_numpy()[pos]
    down = prep.cats["direction"][prep.codes["direction"][pos]] == "down"
    signed = np.where(down, -np.abs(value), value)
    order = np.argsort(-np.abs(signed), kind="stable")[:top] if len(pos) <= top else None
    if order is None:
        part = np.argpartition(-np.abs(signed), top)[:top]
        order = part[np.argsort(-np.abs(signed[part]), kind="stable")]
    out = rows_at(prep, pos[order])
    out["signed"] = signed[order]
    out["improving"] = prep.improving[pos[order]]
    return out.reset_index(drop=True)


def top_pairs(prep: Prepared, mask: np.ndarray, top: int = 12) -> tuple[pd.DataFrame, str | None]:
    """The `top` from→to pairs under `mask` in their most common unit, by relative change.

    Returns the pairs (indicator, place, year, base, cur, improving …) and that unit.
    """
    pairs = prep.pairs
    if pairs.empty:
        return pd.DataFrame(), None
    base_pos, cur_pos = pairs["base_pos"].to_numpy(), pairs["cur_pos"].to_numpy()
    keep = mask[base_pos] | mask[cur_pos]
    if not keep.any():
        return pd.DataFrame(), None
    sel = pairs[keep]
    units = prep.cats["unit"][prep.codes["unit"][sel["cur_pos"].to_numpy()]]
    unit_counts = pd.Series(units).value_counts()
    unit = "%" if "%" in unit_counts.index else str(unit_counts.index[0])
    sel = sel[units == unit]
    rel = (sel["cur"] - sel["base"]).abs() / sel["base"].abs().where(sel["base"] != 0, 1)
    sel = sel.assign(rel=rel.to_numpy()).nlargest(top, "rel")
    out = rows_at(prep, sel["cur_pos"].to_numpy())
    out["base"] = sel["base"].to_numpy()
    out["cur"] = sel["cur"].to_numpy()
    out["pair_id"] = sel["pair_id"].to_numpy()
    out["improving"] = prep.improving[sel["cur_pos"].to_numpy()]
    return out.reset_index(drop=True), (None if unit == NONE else unit)


def comparable_candidates(prep: Prepared, mask: np.ndarray, top: int = 40) -> list[str]:
    """Indicator|unit keys found in ≥ 2 places or years under `mask`, most comparable first."""
    codes = prep.codes["indicator_unit"]
    ncat = len(prep.cats["indicator_unit"])
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
    rows = np.bincount(codes[mask], minlength=ncat)
    score = n_cities * 1000 + n_years * 10 + np.minimum(rows, 9)
    ok = (n_cities + n_years >= 3) & (prep.cats["indicator_unit"] != NONE)
    order = np.argsort(-score, kind="stable")
    return [str(prep.cats["indicator_unit"][i]) for i in order if ok[i]][:top]


def comparable_values(prep: Prepared, mask: np.ndarray, key: str) -> pd.DataFrame:
    """Median value of indicator|unit `key` per city and year under `mask` (n = mentions)."""
    where = np.flatnonzero(prep.cats["indicator_unit"] == key)
    if not len(where):
        return pd.DataFrame(columns=["city", "year", "value", "n"])
    pos = np.flatnonzero(mask & (prep.codes["indicator_unit"] == where[0]))
    sub = pd.DataFrame(
        {
            "city": prep.cats["city"][prep.codes["city"][pos]],
            "year": prep.year[pos],
            "value": prep.df["value"].to_numpy()[pos],
        }
    )
    grouped = sub.groupby(["city", "year"], sort=True)["value"]
    out = grouped.median().to_frame("value")
    out["n"] = grouped.size()
    return out.reset_index()
