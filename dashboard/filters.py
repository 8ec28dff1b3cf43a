"""The view state (filters, chart selection, core rows or all, language, tab) and its URL query
form, and the row mask it selects. Pure functions: no Dash here.

    >>> s = state_from_query("?city=厦门&year=2016-2022&dir=down&lang=en")
    >>> s.city, s.year, s.direction, s.lang
    (('厦门',), (2016, 2022), ('down',), 'en')
    >>> state_from_query("?all=1").show_all, FilterState().show_all  # context numbers shown?
    (True, False)
    >>> state_from_query(state_to_query(s)) == s
    True
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode

import numpy as np

from dashboard.data import NONE, SELECTABLE, Prepared, column_mask, search_mask, year_mask
from dashboard.i18n import DEFAULT_LANG, LANGS

TABS = ("indicators", "overview", "sources", "add")  # the first is the landing view
DEFAULT_TAB = TABS[0]
# URL parameter of each multi-value filter
MULTI = {
    "city": "city",
    "district": "district",
    "domain": "domain",
    "direction": "dir",
    "role": "role",
    "unit": "unit",
}
DIRECTION_VALUES = ("up", "down", "none")  # "none": the text states no direction


@dataclass(frozen=True)
class FilterState:
    """What the user is looking at: one shareable link."""

    city: tuple[str, ...] = ()
    district: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    year: tuple[int, int] | None = None
    direction: tuple[str, ...] = ()
    role: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()
    q: str = ""
    sel: tuple[tuple[str, str], ...] = ()  # chart selection: (column, value) pairs
    cmp: str = ""  # the comparable indicator shown, "indicator_key|unit"
    show_all: bool = False  # also the context rows (core = false); by default only core rows
    lang: str = DEFAULT_LANG
    tab: str = DEFAULT_TAB

    def __post_init__(self) -> None:
        if self.lang not in LANGS:
            object.__setattr__(self, "lang", DEFAULT_LANG)
        if self.tab not in TABS:
            object.__setattr__(self, "tab", DEFAULT_TAB)
        bad = [c for c, _ in self.sel if c not in SELECTABLE]
        if bad:
            object.__setattr__(self, "sel", tuple((c, v) for c, v in self.sel if c in SELECTABLE))

    @property
    def filters(self) -> dict[str, tuple[str, ...]]:
        return {name: getattr(self, name) for name in MULTI}

    def without_selection(self) -> FilterState:
        return replace(self, sel=())


def state_from_query(query: str | None) -> FilterState:
    """Parse a URL query ("?city=厦门&city=青岛&year=2016-2022&sel.city=厦门") into a state.

    Unknown parameters and malformed values are ignored, never an error: a link is user input.
    """
    pairs = parse_qsl((query or "").lstrip("?"), keep_blank_values=False)
    multi: dict[str, list[str]] = {name: [] for name in MULTI}
    by_param = {param: name for name, param in MULTI.items()}
    fields: dict = {}
    sel: list[tuple[str, str]] = []
    for key, value in pairs:
        value = value.strip()
        if key in by_param and value and value not in multi[by_param[key]]:
            multi[by_param[key]].append(value)
        elif key == "year":
            fields["year"] = _parse_years(value)
        elif key in {"q", "cmp", "lang", "tab"}:
            fields[key] = value[:200]
        elif key.startswith("sel.") and key[4:] in SELECTABLE:
            sel.append((key[4:], value))
        elif key == "all":
            fields["show_all"] = value.lower() in ("1", "true", "yes", "on")
    multi["direction"] = [d for d in multi["direction"] if d in DIRECTION_VALUES]
    return FilterState(**{k: tuple(v) for k, v in multi.items()}, sel=tuple(sel), **fields)


def _parse_years(value: str) -> tuple[int, int] | None:
    """ "2016-2022" -> (2016, 2022); "2019" -> (2019, 2019); anything else -> None."""
    parts = value.replace("–", "-").split("-")
    try:
        years = [int(p) for p in parts if p.strip()]
    except ValueError:
        return None
    if not years or len(years) > 2:
        return None
    return (min(years), max(years))


def state_to_query(state: FilterState) -> str:
    """The URL query of `state` ("?city=厦门&dir=down"), "" for the default view."""
    pairs: list[tuple[str, str]] = []
    for name, param in MULTI.items():
        pairs += [(param, v) for v in getattr(state, name)]
    if state.year:
        pairs.append(("year", f"{state.year[0]}-{state.year[1]}"))
    if state.q:
        pairs.append(("q", state.q))
    pairs += [(f"sel.{c}", v) for c, v in state.sel]
    if state.cmp:
        pairs.append(("cmp", state.cmp))
    if state.show_all:
        pairs.append(("all", "1"))
    if state.lang != DEFAULT_LANG:
        pairs.append(("lang", state.lang))
    if state.tab != DEFAULT_TAB:
        pairs.append(("tab", state.tab))
    return "?" + urlencode(pairs) if pairs else ""


def filter_mask(prep: Prepared, state: FilterState, *, selection: bool = False) -> np.ndarray:
    """Rows the filters of `state` keep (and, with `selection`, its chart selection too).

    Only core rows unless `state.show_all`; cheap categorical masks first; the text search then
    only scans the rows still in. Works on the rows and on the cube alike.
    """
    mask = np.ones(len(prep), dtype=bool) if state.show_all else prep.core.copy()
    for name, values in state.filters.items():
        if values:
            wanted = [NONE if (name == "direction" and v == "none") else v for v in values]
            mask &= column_mask(prep, name, wanted)
    if state.year and prep.year_range and state.year != prep.year_range:
        mask &= year_mask(prep, *state.year)
    if selection:
        for column, value in state.sel:
            mask &= column_mask(prep, column, [value])
    return search_mask(prep, state.q, mask) if state.q.strip() else mask


def describe(state: FilterState, labels: dict[str, str]) -> list[tuple[str, str]]:
    """(filter label, values) pairs for the filters in use, e.g. [("城市", "厦门、青岛")]."""
    out = []
    for name in MULTI:
        values = getattr(state, name)
        if values:
            out.append((labels.get(name, name), "、".join(values)))
    if state.year:
        out.append((labels.get("year", "year"), f"{state.year[0]}–{state.year[1]}"))
    if state.q:
        out.append((labels.get("q", "q"), state.q))
    if state.sel:
        out.append((labels.get("sel", "sel"), "、".join(f"{c}={v}" for c, v in state.sel)))
    return out
