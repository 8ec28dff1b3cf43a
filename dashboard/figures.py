"""Pure figure builders: small aggregated DataFrames in, `go.Figure` out (tested without a browser).

Every clickable point carries `customdata` = a URL query fragment ("city=厦门&domain=public_safety")
naming the rows it stands for; the app turns a click into that chart selection.

Every string taken from the data (city, district, indicator, unit, domain label) passes through
`plain` before it reaches a figure, and hover templates name data only as `%{meta[i]}`,
`%{x}`/`%{y}`: plotly renders its pseudo-HTML (`<a href>`, `<b>`, `<br>`) in ticks, legends and
hover labels, and interprets `%{…}` inside a template, so data pasted in as it is could plant a
link or rewrite a label.

Traces and layouts are written as plain dicts and wrapped once by `_figure`: plotly's property
validation costs ~5-20 ms per figure, so the app skips it (`VALIDATE = False`) while the tests
re-validate every figure with `go.Figure(fig.to_dict())`.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import numbers
from dashboard.data import NONE
from dashboard.i18n import t

VALIDATE = False
FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# rising and falling are not good or bad in themselves: blue and orange; better or worse (the
# table's `improving`) is green and red, grey when neither or not known
UP, DOWN = "#4c78a8", "#f2a541"
GOOD, BAD, NEUTRAL = "#2e9e5b", "#d1495b", "#8d99ae"
IMPROVING_KINDS = ((1, "chart.changes.improving", GOOD), (0, "chart.changes.worsening", BAD),
                   (-1, "chart.changes.unknown", NEUTRAL))  # fmt: skip
CITY_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
GRID = "#e8ecf1"
BLUES = [[0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1, "#08306b"]]
SIDE_LEGEND = {"orientation": "v", "y": 1, "x": 1.01, "xanchor": "left", "yanchor": "top"}


def _layout(title: str, height: int = 380, **extra) -> dict:
    layout = {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT, "size": 12, "color": "#1d2733"},
        "template": "none",  # a named template costs ~80 ms per figure; plotly.js defaults look alike
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 56, "b": 10},
        "hoverlabel": {"font": {"family": FONT}},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        "xaxis": {"gridcolor": GRID, "automargin": True},
        "yaxis": {"gridcolor": GRID, "automargin": True},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


def _figure(traces: list[dict], layout: dict) -> go.Figure:
    return go.Figure(data=traces, layout=layout, _validate=VALIDATE)


def empty_figure(title: str, lang: str = "zh", height: int = 380) -> go.Figure:
    """A titled figure saying there is nothing to show for the current filters."""
    note = {"text": t("chart.empty", lang), "showarrow": False, "x": 0.5, "y": 0.5, "xref": "paper",
            "yref": "paper", "font": {"size": 14, "color": "#666"}}  # fmt: skip
    return _figure([], _layout(title, height, annotations=[note], xaxis={"visible": False},
                               yaxis={"visible": False}))  # fmt: skip


_PLAIN = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@lru_cache(maxsize=65536)
def plain(text: str) -> str:
    """Data as plotly plain text: its pseudo-HTML and template markers are shown, never acted on.

    '<a href="https://evil.example/">钓鱼城</a>' -> '&lt;a href="https://evil.example/"&gt;钓鱼城&lt;/a&gt;'
    (plotly shows the tag as typed and makes no link); '%{y}城' -> '%&#123;y}城'; '厦门' -> '厦门'.
    """
    return str(text).translate(_PLAIN).replace("%{", "%&#123;")


def city_name(city: object, lang: str) -> str:
    """The city as shown: （城市未注明） when the structure stage found none."""
    return t("city.none", lang) if city in (None, NONE) else str(city)


def domain_name(key: object, labels: dict[str, str], lang: str) -> str:
    """The label of a domain key ('未分类' for a missing domain; English names from labels.yaml)."""
    if key is None or key == NONE or (isinstance(key, float) and np.isnan(key)):
        return t("domain.unclassified", lang)
    if lang == "en":
        english = t(f"domain.{key}", "en")
        return english if english != f"domain.{key}" else str(key).replace("_", " ")
    return labels.get(str(key)) or t(f"domain.{key}", "zh").removeprefix("domain.")


@lru_cache(maxsize=65536)
def _quoted(value: str) -> str:
    return quote(value, safe="")


def _sel(**fields: object) -> str:
    return "&".join(f"{k}={_quoted(str(v))}" for k, v in fields.items())


def _lines_by_city(frame: pd.DataFrame, value: str) -> list[tuple[str, list[int], list[float]]]:
    """(city, years, values) per city, cities by total `n` descending, years ascending."""
    city = frame["city"].to_numpy().astype(str)
    year = frame["year"].to_numpy().astype(np.int64)
    vals = frame[value].to_numpy().astype(float)
    names, inv = np.unique(city, return_inverse=True)
    totals = np.bincount(inv, weights=frame["n"].to_numpy().astype(float), minlength=len(names))
    order = np.lexsort((year, inv))
    inv, year, vals = inv[order], year[order], vals[order]
    out = []
    for k in np.argsort(-totals, kind="stable"):
        sel = inv == k
        out.append((str(names[k]), year[sel].tolist(), vals[sel].tolist()))
    return out


def _consecutive(years: list[int], values: list[float], custom: list[str]):
    """Break a line where years are missing: 2014, 2015, 2019 -> 2014, 2015, None, 2019.

    A line across a gap would suggest values for years nobody reported.
    """
    xs: list = []
    ys: list = []
    cs: list = []
    for k, (year, value, c) in enumerate(zip(years, values, custom, strict=True)):
        if k and year - years[k - 1] > 1:
            xs.append(None)
            ys.append(None)
            cs.append("")
        xs.append(year)
        ys.append(value)
        cs.append(c)
    return xs, ys, cs


def _pivot(frame: pd.DataFrame, index: str, columns: str) -> tuple[list, list, np.ndarray]:
    """(row keys, column keys, matrix of n) from long counts."""
    rows, r = np.unique(frame[index].to_numpy().astype(str), return_inverse=True)
    cols, c = np.unique(frame[columns].to_numpy().astype(str), return_inverse=True)
    grid = np.zeros((len(rows), len(cols)), dtype=np.int64)
    np.add.at(grid, (r, c), frame["n"].to_numpy())
    return list(rows), list(cols), grid


def _count_axis(lang: str, max_n: float) -> dict:
    """A count axis: whole numbers only (no 0.2 indicators)."""
    axis = {
        "title": {"text": t("chart.count_axis", lang)},
        "rangemode": "tozero",
        "tickformat": ",d",
    }
    return axis | ({"dtick": 1} if max_n <= 6 else {})


def _year_axis(low: int, high: int, lang: str) -> dict:
    """Years as integers (2019, not 2019.5 or a date)."""
    span = max(high - low, 1)
    return {"title": {"text": t("chart.year_axis", lang)}, "type": "linear", "tickformat": "d",
            "dtick": 1 if span <= 16 else 2, "range": [low - 0.5, high + 0.5]}  # fmt: skip


def city_domain_figure(
    counts: pd.DataFrame, domain_labels: dict[str, str], lang: str = "zh"
) -> go.Figure:
    """Heatmap of indicator counts: domains (rows) × cities (columns), numbers in the cells.

    counts: columns city, domain, n (from `data.counts(prep, mask, ("city", "domain"))`).
    """
    title = t("chart.city_domain.title", lang)
    if counts.empty:
        return empty_figure(title, lang, 420)
    domains, cities, grid = _pivot(counts, "domain", "city")
    row_order = np.argsort(grid.sum(axis=1), kind="stable")
    col_order = np.argsort(-grid.sum(axis=0), kind="stable")
    grid = grid[row_order][:, col_order]
    domains = [domains[k] for k in row_order]
    cities = [cities[k] for k in col_order]
    heat = {
        "type": "heatmap",
        "z": grid.tolist(),
        "x": [plain(city_name(c, lang)) for c in cities],
        "y": [plain(domain_name(d, domain_labels, lang)) for d in domains],
        # an empty cell names no rows: its click is ignored
        "customdata": [
            [_sel(city=c, domain=d) if n else "" for c, n in zip(cities, row, strict=True)]
            for d, row in zip(domains, grid.tolist(), strict=True)
        ],
        "colorscale": BLUES,
        "zmin": 0,
        "texttemplate": "%{z}",
        "hovertemplate": f"%{{x}} · %{{y}}<br>{t('chart.hover.count', lang)}: %{{z}}<extra></extra>",
        "colorbar": {
            "title": {"text": t("chart.hover.count", lang), "side": "top"},
            "thickness": 12,
        },
        "xgap": 2,
        "ygap": 2,
    }
    layout = _layout(title, max(420, 28 * len(domains) + 120),
                     xaxis={"title": {"text": t("chart.city_axis", lang)}, "type": "category"},
                     yaxis={"title": {"text": t("chart.domain_axis", lang)}, "type": "category"})  # fmt: skip
    return _figure([heat], layout)


def by_year_figure(counts: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Indicators per year, stacked by city; integer year axis.

    counts: columns year, city, n (from `data.counts(prep, mask, ("year", "city"))`).
    """
    title = t("chart.by_year.title", lang)
    if counts.empty:
        return empty_figure(title, lang)
    traces = []
    for i, (city, years, n) in enumerate(_lines_by_city(counts, "n")):
        name = plain(city_name(city, lang))
        traces.append({
            "type": "bar", "name": name, "meta": [name], "x": years, "y": [int(v) for v in n],
            "marker": {"color": CITY_COLORS[i % len(CITY_COLORS)]},
            "customdata": [_sel(city=city, year=y) for y in years],
            "hovertemplate": f"%{{meta[0]}} · %{{x}}<br>{t('chart.hover.count', lang)}: %{{y}}<extra></extra>",
        })  # fmt: skip
    per_year = counts.groupby("year")["n"].sum()
    present = sorted(int(y) for y in per_year.index)
    xaxis = _year_axis(present[0], present[-1], lang)
    if is_sparse(present):  # 1998 … 2022 with six years of data: only those six, in order
        labels = [str(y) for y in present]
        for trace in traces:
            trace["x"] = [str(int(y)) for y in trace["x"]]
        xaxis = {"title": xaxis["title"], "type": "category", "categoryorder": "array",
                 "categoryarray": labels}  # fmt: skip
    layout = _layout(title, barmode="stack", bargap=0.25, xaxis=xaxis,
                     yaxis=_count_axis(lang, float(per_year.max())), legend=SIDE_LEGEND)  # fmt: skip
    return _figure(traces, layout)


def is_sparse(years: list[int]) -> bool:
    """Years with data fill less than half of the span between the first and the last:
    [1998, 2014, 2015, 2020, 2021, 2022] -> True; [2019, 2020, 2021, 2022] -> False."""
    span = years[-1] - years[0] + 1
    return span > 4 and len(years) < span / 2


def up_down_figure(
    counts: pd.DataFrame, domain_labels: dict[str, str], lang: str = "zh"
) -> go.Figure:
    """Per domain, how many indicators rose and how many fell (horizontal grouped bars).

    counts: columns domain, direction, n (directions other than up/down are ignored).
    """
    title = t("chart.up_down.title", lang)
    counts = counts[counts["direction"].isin(["up", "down"])] if len(counts) else counts
    if counts.empty:
        return empty_figure(title, lang, 420)
    keys, dirs, matrix = _pivot(counts, "domain", "direction")
    grid = pd.DataFrame(matrix, index=keys, columns=dirs)
    for d in ("up", "down"):
        if d not in grid.columns:
            grid[d] = 0
    grid = grid.loc[(grid["up"] + grid["down"]).sort_values().index]
    names = [plain(domain_name(d, domain_labels, lang)) for d in grid.index]
    traces = []
    for d, color in (("up", UP), ("down", DOWN)):
        label = t(f"direction.{d}", lang)
        traces.append({
            "type": "bar", "orientation": "h", "name": label, "y": names,
            "x": grid[d].astype(int).tolist(), "marker": {"color": color},
            "customdata": [_sel(domain=k, direction=d) for k in grid.index],
            "hovertemplate": f"%{{y}} · {label}<br>{t('chart.hover.count', lang)}: %{{x}}<extra></extra>",
        })  # fmt: skip
    layout = _layout(title, max(420, 26 * len(grid) + 120), barmode="group",
                     xaxis=_count_axis(lang, float(grid[["up", "down"]].to_numpy().max())),
                     yaxis={"type": "category"})  # fmt: skip
    return _figure(traces, layout)


def _place_year(row) -> str:
    place = row.district if isinstance(row.district, str) and row.district else row.city
    place = place if isinstance(place, str) else ""
    year = f" {int(row.year)}" if row.year is not None and not pd.isna(row.year) else ""
    return f"{place}{year}".strip()


def indicator_shown(row, lang: str) -> str:
    """What a chart calls a row's indicator: its label (the English one in English, when the
    catalogue has it), else the name in the text."""
    for name in ("indicator_label_en",) * (lang == "en") + ("indicator_label", "indicator"):
        value = getattr(row, name, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _labels(rows: pd.DataFrame, lang: str = "zh") -> list[str]:
    """ "不文明养犬发生率（思明区 2021）"; repeated labels kept apart by zero-width spaces."""
    seen: dict[str, int] = {}
    out = []
    for row in rows.itertuples():
        label = plain(f"{indicator_shown(row, lang)}（{_place_year(row)}）")
        seen[label] = seen.get(label, -1) + 1
        out.append(label + "\u200b" * seen[label])
    return out


def signed_rate(signed: float, lang: str) -> str:
    """A change rate with its sign as readers read it: -42.5 -> "−42.5%", 35.92 -> "+35.92%"."""
    direction = "down" if signed < 0 else "up"
    return numbers.format_value(abs(float(signed)), "%", lang, direction=direction, signed=True)


def shown_values(values, unit: str, lang: str) -> list[str]:
    """Values with their unit as readers read them (1.7亿元, 170 million yuan), as plain text."""
    return [plain(numbers.format_value(v, unit, lang)) for v in values]


def largest_changes_figure(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Ranked bars of change rates (%), falls to the left; coloured by the table's `improving`:
    green = for the better, red = for the worse, grey = neither or not known.

    rows: from `data.largest_changes` (indicator_label, city, district, year, signed, improving, id).
    """
    title = t("chart.changes.title", lang)
    if rows.empty:
        return empty_figure(title, lang, 440)
    rows = rows.iloc[::-1]  # largest on top
    labels = _labels(rows, lang)
    traces = []
    for flag, name, color in IMPROVING_KINDS:
        part = rows["improving"].to_numpy() == flag
        if not part.any():
            continue
        sub = rows[part]
        traces.append({
            "type": "bar", "orientation": "h", "name": t(name, lang), "marker": {"color": color},
            "y": [lab for lab, p in zip(labels, part, strict=True) if p],
            "x": sub["signed"].astype(float).tolist(),
            "text": [signed_rate(v, lang) for v in sub["signed"]], "textposition": "outside",
            "cliponaxis": False, "customdata": [_sel(id=i) for i in sub["id"]],
            "hovertemplate": "%{y}<br>%{text}<extra></extra>",
        })  # fmt: skip
    # room beyond the longest bar on each side for its "+35.9%" (a fifth of the span)
    lo, hi = min(float(rows["signed"].min()), 0.0), max(float(rows["signed"].max()), 0.0)
    span = max(hi - lo, 1e-9)
    low = lo - span * 0.2 if lo < 0 else -span * 0.05
    high = hi + span * 0.2 if hi > 0 else span * 0.05
    layout = _layout(
        title, max(440, 26 * len(rows) + 120), barmode="overlay",
        xaxis={"title": {"text": t("chart.changes.axis", lang)}, "range": [low, high],
               "zeroline": True, "zerolinecolor": "#444", "ticksuffix": "%"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
    )  # fmt: skip
    return _figure(traces, layout)


def dumbbell_figure(pairs: pd.DataFrame, unit: str | None, lang: str = "zh") -> go.Figure:
    """From→to pairs: a grey line from the baseline dot (open) to the current dot, one row per pair;
    the current dot is green when the table says the pair improved, red when it worsened, grey
    when neither or not known.

    pairs: from `data.top_pairs` (indicator_label, city, district, year, base, cur, pair_id,
    improving).
    """
    if pairs.empty:
        return empty_figure(t("chart.dumbbell.title", lang), lang, 420)
    largest = float(np.nanmax(np.abs(pairs[["base", "cur"]].to_numpy(dtype=float))))
    factor, scaled_unit = numbers.scale_for(largest, unit or "", lang)
    unit_s = plain(scaled_unit or t("unit.none_short", lang))
    pairs = pairs.iloc[::-1]
    labels = _labels(pairs, lang)
    xs, ys = [], []
    for lab, b, c in zip(labels, pairs["base"], pairs["cur"], strict=True):
        xs += [float(b) / factor, float(c) / factor, None]
        ys += [lab, lab, None]
    traces = [{"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
               "line": {"color": "#c5cdd6", "width": 4}, "showlegend": False}]  # fmt: skip
    custom = np.array([_sel(pair_id=p) for p in pairs["pair_id"]], dtype=object)
    flags = pairs["improving"].to_numpy()
    every = np.ones(len(pairs), dtype=bool)
    parts = [("base", t("chart.dumbbell.baseline", lang), NEUTRAL, "circle-open", every)]
    parts += [("cur", f"{t('chart.dumbbell.current', lang)}（{t(kind, lang)}）", color, "circle",
               flags == flag) for flag, kind, color in IMPROVING_KINDS]  # fmt: skip
    for col, name, color, symbol, part in parts:
        if not part.any():
            continue
        values = pairs[col].to_numpy(dtype=float)[part]
        texts = shown_values(values, unit or "", lang)
        trace = {
            "type": "scatter", "mode": "markers", "name": name, "x": (values / factor).tolist(),
            "y": [lab for lab, p in zip(labels, part, strict=True) if p],
            "customdata": custom[part].tolist(), "hovertext": texts, "meta": [name],
            "marker": {"size": 12, "color": color, "symbol": symbol, "line": {"width": 2, "color": color}},
            "hovertemplate": "%{y}<br>%{meta[0]}: %{hovertext}<extra></extra>",
        }  # fmt: skip
        if col == "cur":
            trace |= {"mode": "markers+text", "text": texts,
                      "textposition": "middle right", "cliponaxis": False}  # fmt: skip
        traces.append(trace)
    layout = _layout(
        f"{t('chart.dumbbell.title', lang)}（{unit_s}）", max(420, 30 * len(pairs) + 120),
        xaxis={"title": {"text": f"{t('chart.hover.value', lang)}（{unit_s}）"}, "rangemode": "tozero"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
    )  # fmt: skip
    return _figure(traces, layout)


def _comparable_bars(values, known, key, unit, title, yaxis, factor, lang):
    """No city reports two years: a bar per city (from zero, so small differences stay small),
    each labelled with its year, "深圳（2015）"; lines of single points would say nothing.

    Returns (traces, layout) for `_figure`.
    """
    order = values.groupby("city")["n"].sum().sort_values(ascending=False).index
    year_of = known.groupby("city")["year"].first().to_dict()
    xs, ys, custom = [], [], []
    for city in order:
        rows = known if city in year_of else values  # a city's dated values before its undated
        ys.append(float(rows.loc[rows["city"] == city, "value"].median()) / factor)
        year = {"year": int(year_of[city])} if city in year_of else {}
        xs.append(plain(city_name(city, lang) + (f"（{year['year']}）" if year else "")))
        custom.append(_sel(indicator_key=key, unit=unit, city=city, **year))
    bar = {"type": "bar", "x": xs, "y": ys, "marker": {"color": CITY_COLORS[0]},
           "showlegend": False, "customdata": custom,
           "hovertext": shown_values([y * factor for y in ys], unit, lang),
           "hovertemplate": "%{x}: %{hovertext}<extra></extra>"}  # fmt: skip
    xaxis = {"title": {"text": t("chart.city_axis", lang)}, "type": "category"}
    return [bar], _layout(title, xaxis=xaxis, yaxis=yaxis | {"rangemode": "tozero"})


def comparable_figure(
    values: pd.DataFrame, key: str, lang: str = "zh", label: str | None = None
) -> go.Figure:
    """One indicator (one `indicator_key`, one unit) across cities and years: a line per city, or
    a bar per city when no city reports two years; the unit on the value axis.

    values: columns city, year, value, n (from `data.comparable_values`); key: "indicator_key|unit";
    label: the indicator's label as shown (default: the key).
    """
    if not key or values.empty:
        return empty_figure(t("chart.comparable.title_none", lang), lang)
    name, _, unit = key.rpartition("|")
    unit_s = t("unit.none_short", lang) if unit in ("", NONE) else unit
    title = t("chart.comparable.title", lang, name=plain(label or name), unit=plain(unit_s))
    bare = "" if unit in ("", NONE) else unit
    factor, scaled_unit = numbers.scale_for(float(values["value"].abs().max()), bare, lang)
    scaled_unit = plain(scaled_unit.strip() or unit_s)
    yaxis = {"title": {"text": t("chart.comparable.axis", lang, unit=scaled_unit)},
             "exponentformat": "none", "separatethousands": True}  # fmt: skip
    known = values[values["year"].to_numpy() > 0]
    if known.empty or known.groupby("city")["year"].nunique().max() <= 1:
        return _figure(*_comparable_bars(values, known, name, bare, title, yaxis, factor, lang))
    traces = []
    for i, (city, years, vals) in enumerate(_lines_by_city(known, "value")):
        xs, ys, custom = _consecutive(years, vals, [_sel(indicator_key=name, unit=unit, city=city, year=y)
                                                    for y in years])  # fmt: skip
        shown = plain(city_name(city, lang))
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": shown, "x": xs,
            "y": [None if y is None else y / factor for y in ys], "connectgaps": False,
            "marker": {"size": 8}, "line": {"color": CITY_COLORS[i % len(CITY_COLORS)]},
            "customdata": custom, "meta": [shown, t("chart.hover.value", lang)],
            "hovertext": ["" if y is None else shown_values([y], bare, lang)[0] for y in ys],
            "hovertemplate": "%{meta[0]} · %{x}<br>%{meta[1]}: %{hovertext}<extra></extra>",
        })  # fmt: skip
    years = known["year"].to_numpy()
    xaxis = _year_axis(int(years.min()), int(years.max()), lang)
    return _figure(traces, _layout(title, xaxis=xaxis, yaxis=yaxis, legend=SIDE_LEGEND))
