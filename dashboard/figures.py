"""Pure figure builders: small aggregated DataFrames in, `go.Figure` out (tested without a browser).

Every clickable point carries `customdata` = a URL query fragment ("city=厦门&domain=public_safety")
naming the rows it stands for; the app turns a click into that chart selection.

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

from dashboard.data import NONE
from dashboard.i18n import t

VALIDATE = False
FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
UP, DOWN, GOOD, BAD, NEUTRAL = "#2a9d8f", "#e76f51", "#2a9d8f", "#d1495b", "#8d99ae"
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


def magnitude(largest: float, unit: str, lang: str) -> tuple[float, str]:
    """How to show big numbers: (divide by, unit label), e.g. 2.5e9 元 -> (1e8, "亿元") in Chinese."""
    if unit in ("%", "pp", "") or not np.isfinite(largest):
        return 1.0, unit
    if lang == "zh":
        for factor, word in ((1e8, "亿"), (1e4, "万")):
            if largest >= factor * 10:
                return factor, f"{word}{unit}"
        return 1.0, unit
    for factor, word in ((1e9, "billion"), (1e6, "million")):
        if largest >= factor * 10:
            return factor, f"{word} {unit}"
    return 1.0, unit


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
        "x": [city_name(c, lang) for c in cities],
        "y": [domain_name(d, domain_labels, lang) for d in domains],
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
        traces.append({
            "type": "bar", "name": city_name(city, lang), "x": years, "y": [int(v) for v in n],
            "marker": {"color": CITY_COLORS[i % len(CITY_COLORS)]},
            "customdata": [_sel(city=city, year=y) for y in years],
            "hovertemplate": f"{city} · %{{x}}<br>{t('chart.hover.count', lang)}: %{{y}}<extra></extra>",
        })  # fmt: skip
    years = counts["year"].to_numpy()
    per_year = counts.groupby("year")["n"].sum()
    layout = _layout(title, barmode="stack", bargap=0.25,
                     xaxis=_year_axis(int(years.min()), int(years.max()), lang),
                     yaxis=_count_axis(lang, float(per_year.max())), legend=SIDE_LEGEND)  # fmt: skip
    return _figure(traces, layout)


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
    names = [domain_name(d, domain_labels, lang) for d in grid.index]
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


def _labels(rows: pd.DataFrame) -> list[str]:
    """ "不文明养犬发生率（思明区 2021）"; repeated labels kept apart by zero-width spaces."""
    seen: dict[str, int] = {}
    out = []
    for row in rows.itertuples():
        label = f"{row.indicator}（{_place_year(row)}）"
        seen[label] = seen.get(label, -1) + 1
        out.append(label + "\u200b" * seen[label])
    return out


def largest_changes_figure(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Ranked bars of change rates (%), falls to the left; green = improvement, red = worsening.

    rows: from `data.largest_changes` (indicator, city, district, year, signed, improving, id).
    """
    title = t("chart.changes.title", lang)
    if rows.empty:
        return empty_figure(title, lang, 440)
    rows = rows.iloc[::-1]  # largest on top
    labels = _labels(rows)
    traces = []
    kinds = ((1, "chart.changes.improving", GOOD), (0, "chart.changes.worsening", BAD),
             (-1, "chart.changes.unknown", NEUTRAL))  # fmt: skip
    for flag, name, color in kinds:
        part = rows["improving"].to_numpy() == flag
        if not part.any():
            continue
        sub = rows[part]
        traces.append({
            "type": "bar", "orientation": "h", "name": t(name, lang), "marker": {"color": color},
            "y": [lab for lab, p in zip(labels, part, strict=True) if p],
            "x": sub["signed"].astype(float).tolist(),
            "text": [f"{v:+.1f}%" for v in sub["signed"]], "textposition": "outside",
            "cliponaxis": False, "customdata": [_sel(id=i) for i in sub["id"]],
            "hovertemplate": "%{y}<br>%{x:+.2f}%<extra></extra>",
        })  # fmt: skip
    lim = float(np.abs(rows["signed"]).max())
    low = min(float(rows["signed"].min()) * 1.6, -lim * 0.12)
    high = max(float(rows["signed"].max()) * 1.35, lim * 0.12)
    layout = _layout(
        title, max(440, 26 * len(rows) + 120), barmode="overlay",
        xaxis={"title": {"text": t("chart.changes.axis", lang)}, "range": [low, high],
               "zeroline": True, "zerolinecolor": "#444", "ticksuffix": "%"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
    )  # fmt: skip
    return _figure(traces, layout)


def dumbbell_figure(pairs: pd.DataFrame, unit: str | None, lang: str = "zh") -> go.Figure:
    """From→to pairs: a grey line from the baseline dot to the current dot, one row per pair.

    pairs: from `data.top_pairs` (indicator, city, district, year, base, cur, pair_id, improving).
    """
    unit_s = unit or t("unit.none", lang)
    if pairs.empty:
        return empty_figure(t("chart.dumbbell.title", lang), lang, 420)
    pairs = pairs.iloc[::-1]
    labels = _labels(pairs)
    xs, ys = [], []
    for lab, b, c in zip(labels, pairs["base"], pairs["cur"], strict=True):
        xs += [float(b), float(c), None]
        ys += [lab, lab, None]
    traces = [{"type": "scatter", "x": xs, "y": ys, "mode": "lines", "hoverinfo": "skip",
               "line": {"color": "#c5cdd6", "width": 4}, "showlegend": False}]  # fmt: skip
    custom = [_sel(pair_id=p) for p in pairs["pair_id"]]
    for col, key, color, symbol in (("base", "chart.dumbbell.baseline", NEUTRAL, "circle-open"),
                                    ("cur", "chart.dumbbell.current", UP, "circle")):  # fmt: skip
        name = t(key, lang)
        trace = {
            "type": "scatter", "mode": "markers", "name": name, "x": pairs[col].astype(float).tolist(),
            "y": labels, "customdata": custom,
            "marker": {"size": 12, "color": color, "symbol": symbol, "line": {"width": 2, "color": color}},
            "hovertemplate": f"%{{y}}<br>{name}: %{{x:,.4g}} {unit or ''}<extra></extra>",
        }  # fmt: skip
        if col == "cur":
            trace |= {"mode": "markers+text", "text": [f"{v:g}" for v in pairs[col]],
                      "textposition": "middle right", "cliponaxis": False}  # fmt: skip
        traces.append(trace)
    layout = _layout(
        f"{t('chart.dumbbell.title', lang)}（{unit_s}）", max(420, 30 * len(pairs) + 120),
        xaxis={"title": {"text": f"{t('chart.hover.value', lang)}（{unit_s}）"}, "rangemode": "tozero"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
    )  # fmt: skip
    return _figure(traces, layout)


def comparable_figure(values: pd.DataFrame, key: str, lang: str = "zh") -> go.Figure:
    """One indicator (same name and unit) across cities and years: a line per city.

    values: columns city, year, value, n (from `data.comparable_values`); key: "indicator|unit".
    """
    if not key or values.empty:
        return empty_figure(t("chart.comparable.title_none", lang), lang)
    name, _, unit = key.rpartition("|")
    unit_s = t("unit.none", lang) if unit in ("", NONE) else unit
    title = t("chart.comparable.title", lang, name=name, unit=unit_s)
    factor, scaled_unit = magnitude(float(values["value"].abs().max()), unit_s, lang)
    values = values.assign(value=values["value"] / factor)
    yaxis = {"title": {"text": t("chart.comparable.axis", lang, unit=scaled_unit)},
             "exponentformat": "none", "separatethousands": True}  # fmt: skip
    known = values[values["year"].to_numpy() > 0]
    if len(np.unique(known["year"].to_numpy())) <= 1:
        order = values.groupby("city")["n"].sum().sort_values(ascending=False).index
        agg = values.groupby("city", sort=False)["value"].median().reindex(order)
        bar = {"type": "bar", "x": [str(c) for c in agg.index], "y": agg.astype(float).tolist(),
               "marker": {"color": CITY_COLORS[0]}, "showlegend": False,
               "customdata": [_sel(indicator=name, unit=unit, city=c) for c in agg.index],
               "hovertemplate": f"%{{x}}: %{{y:,.4g}} {scaled_unit}<extra></extra>"}  # fmt: skip
        xaxis = {"title": {"text": t("chart.city_axis", lang)}, "type": "category"}
        return _figure([bar], _layout(title, xaxis=xaxis, yaxis=yaxis))
    traces = []
    for i, (city, years, vals) in enumerate(_lines_by_city(known, "value")):
        xs, ys, custom = _consecutive(years, vals, [_sel(indicator=name, unit=unit, city=city, year=y)
                                                    for y in years])  # fmt: skip
        traces.append({
            "type": "scatter", "mode": "lines+markers", "name": city_name(city, lang), "x": xs,
            "y": ys, "connectgaps": False, "marker": {"size": 8},
            "line": {"color": CITY_COLORS[i % len(CITY_COLORS)]},
            "customdata": custom,
            "hovertemplate": f"{city} · %{{x}}<br>{t('chart.hover.value', lang)}: %{{y:,.4g}} {scaled_unit}"
            "<extra></extra>",
        })  # fmt: skip
    years = known["year"].to_numpy()
    xaxis = _year_axis(int(years.min()), int(years.max()), lang)
    return _figure(traces, _layout(title, xaxis=xaxis, yaxis=yaxis, legend=SIDE_LEGEND))
