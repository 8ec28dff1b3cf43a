"""Pure figure builders: small aggregated DataFrames in, `go.Figure` out (tested without a browser).

Every clickable point carries `customdata` = a URL query fragment ("city=厦门&domain=public_safety")
naming the rows it stands for; the app turns a click into that chart selection.
"""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.data import NONE
from dashboard.i18n import t

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
UP, DOWN, GOOD, BAD, NEUTRAL = "#2a9d8f", "#e76f51", "#2a9d8f", "#d1495b", "#8d99ae"
CITY_COLORS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def _base(title: str, height: int = 380) -> go.Layout:
    return go.Layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT, "size": 12},
        template="plotly_white",
        height=height,
        margin={"l": 10, "r": 10, "t": 56, "b": 10},
        hoverlabel={"font": {"family": FONT}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
    )


def empty_figure(title: str, lang: str = "zh", height: int = 380) -> go.Figure:
    """A titled figure saying there is nothing to show for the current filters."""
    fig = go.Figure(layout=_base(title, height))
    fig.add_annotation(
        text=t("chart.empty", lang),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 14, "color": "#666"},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def domain_name(key: object, labels: dict[str, str], lang: str) -> str:
    """The label of a domain key ('未分类' for a missing domain)."""
    if key is None or key == NONE or (isinstance(key, float) and np.isnan(key)):
        return t("domain.unclassified", lang)
    if lang == "en":
        return str(key).replace("_", " ")
    return labels.get(str(key), str(key))


def _sel(**fields: object) -> str:
    return urlencode({k: str(v) for k, v in fields.items()})


def city_domain_figure(
    counts: pd.DataFrame, domain_labels: dict[str, str], lang: str = "zh"
) -> go.Figure:
    """Heatmap of indicator counts: domains (rows) × cities (columns), numbers in the cells.

    counts: columns city, domain, n (from `data.counts(prep, mask, ("city", "domain"))`).
    """
    title = t("chart.city_domain.title", lang)
    counts = counts[counts["city"] != NONE] if len(counts) else counts
    if counts.empty:
        return empty_figure(title, lang, 420)
    grid = counts.pivot_table(
        index="domain", columns="city", values="n", aggfunc="sum", fill_value=0
    )
    grid = grid.loc[
        grid.sum(axis=1).sort_values().index, grid.sum(axis=0).sort_values(ascending=False).index
    ]
    cities = [str(c) for c in grid.columns]
    domains = list(grid.index)
    custom = [[_sel(city=c, domain=d) for c in cities] for d in domains]
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=cities,
            y=[domain_name(d, domain_labels, lang) for d in domains],
            customdata=custom,
            colorscale="Blues",
            texttemplate="%{z}",
            hovertemplate=f"%{{x}} · %{{y}}<br>{t('chart.hover.count', lang)}: %{{z}}<extra></extra>",
            colorbar={"title": {"text": t("chart.count_axis", lang)}, "thickness": 12},
            xgap=2,
            ygap=2,
        ),
        layout=_base(title, max(420, 28 * len(domains) + 120)),
    )
    fig.update_xaxes(title_text=t("chart.city_axis", lang), type="category", side="bottom")
    fig.update_yaxes(title_text=t("chart.domain_axis", lang), type="category", automargin=True)
    return fig


def by_year_figure(counts: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Indicators per year, one line per city; integer year axis.

    counts: columns year, city, n (from `data.counts(prep, mask, ("year", "city"))`).
    """
    title = t("chart.by_year.title", lang)
    counts = counts[counts["city"] != NONE] if len(counts) else counts
    if counts.empty:
        return empty_figure(title, lang)
    fig = go.Figure(layout=_base(title))
    order = counts.groupby("city")["n"].sum().sort_values(ascending=False).index
    for i, city in enumerate(order):
        part = counts[counts["city"] == city].sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=part["year"].astype(int).to_numpy(),
                y=part["n"].to_numpy(),
                name=str(city),
                mode="lines+markers",
                line={"color": CITY_COLORS[i % len(CITY_COLORS)], "width": 2},
                customdata=[_sel(city=city, year=int(y)) for y in part["year"]],
                hovertemplate=f"{city} · %{{x}}<br>{t('chart.hover.count', lang)}: %{{y}}<extra></extra>",
            )
        )
    years = counts["year"].astype(int)
    _year_axis(fig, int(years.min()), int(years.max()), lang)
    fig.update_yaxes(title_text=t("chart.count_axis", lang), rangemode="tozero")
    fig.update_layout(
        legend={"orientation": "v", "y": 1, "x": 1.01, "xanchor": "left", "yanchor": "top"}
    )
    return fig


def _year_axis(fig: go.Figure, low: int, high: int, lang: str) -> None:
    """Years as integers (2019, not 2019.5 or a date)."""
    span = max(high - low, 1)
    fig.update_xaxes(
        title_text=t("chart.year_axis", lang),
        type="linear",
        tickformat="d",
        dtick=1 if span <= 16 else 2,
        range=[low - 0.5, high + 0.5],
    )


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
    grid = counts.pivot_table(
        index="domain", columns="direction", values="n", aggfunc="sum", fill_value=0
    )
    for d in ("up", "down"):
        if d not in grid.columns:
            grid[d] = 0
    grid = grid.loc[(grid["up"] + grid["down"]).sort_values().index]
    names = [domain_name(d, domain_labels, lang) for d in grid.index]
    fig = go.Figure(layout=_base(title, max(420, 26 * len(grid) + 120)))
    for d, color in (("up", UP), ("down", DOWN)):
        label = t(f"direction.{d}", lang)
        fig.add_trace(
            go.Bar(
                y=names,
                x=grid[d].to_numpy(),
                name=label,
                orientation="h",
                marker_color=color,
                customdata=[_sel(domain=k, direction=d) for k in grid.index],
                hovertemplate=f"%{{y}} · {label}<br>{t('chart.hover.count', lang)}: %{{x}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text=t("chart.count_axis", lang))
    fig.update_yaxes(type="category", automargin=True)
    return fig


def _place_year(row: pd.Series) -> str:
    place = row.get("district") or row.get("city") or ""
    year = row.get("year")
    year_s = f" {int(year)}" if year is not None and not pd.isna(year) else ""
    return f"{place}{year_s}".strip()


def largest_changes_figure(rows: pd.DataFrame, lang: str = "zh") -> go.Figure:
    """Ranked bars of change rates (%), falls to the left; green = improvement, red = worsening.

    rows: from `data.largest_changes` (indicator, city, district, year, signed, improving, id).
    """
    title = t("chart.changes.title", lang)
    if rows.empty:
        return empty_figure(title, lang, 440)
    rows = rows.iloc[::-1]  # largest on top
    labels = [
        _dedupe(f"{r.indicator}（{_place_year(r)}）", i) for i, (_, r) in enumerate(rows.iterrows())
    ]
    fig = go.Figure(layout=_base(title, max(440, 26 * len(rows) + 120)))
    for flag, name, color in (
        (1, "chart.changes.improving", GOOD),
        (0, "chart.changes.worsening", BAD),
        (-1, "chart.changes.unknown", NEUTRAL),
    ):
        part = rows["improving"].to_numpy() == flag
        if not part.any():
            continue
        sub = rows[part]
        fig.add_trace(
            go.Bar(
                y=[lab for lab, p in zip(labels, part, strict=True) if p],
                x=sub["signed"].to_numpy(),
                orientation="h",
                name=t(name, lang),
                marker_color=color,
                text=[f"{v:+.1f}%" for v in sub["signed"]],
                textposition="outside",
                cliponaxis=False,
                customdata=[_sel(id=i) for i in sub["id"]],
                hovertemplate="%{y}<br>%{x:+.2f}%<extra></extra>",
            )
        )
    lim = float(np.abs(rows["signed"]).max()) * 1.25
    fig.update_xaxes(
        title_text=t("chart.changes.axis", lang),
        range=[
            -lim if (rows["signed"] < 0).any() else 0,
            lim if (rows["signed"] > 0).any() else lim * 0.1,
        ],
        zeroline=True,
        zerolinecolor="#444",
        ticksuffix="%",
    )
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, automargin=True)
    fig.update_layout(barmode="overlay")
    return fig


def _dedupe(label: str, i: int) -> str:
    # identical labels would merge on a category axis; zero-width spaces keep them apart
    return label + "\u200b" * (i % 7)


def dumbbell_figure(pairs: pd.DataFrame, unit: str | None, lang: str = "zh") -> go.Figure:
    """From→to pairs: a grey line from the baseline dot to the current dot, one row per pair.

    pairs: from `data.top_pairs` (indicator, city, district, year, base, cur, pair_id, improving).
    """
    unit_s = unit or t("unit.none", lang)
    title = f"{t('chart.dumbbell.title', lang)}（{unit_s}）"
    if pairs.empty:
        return empty_figure(t("chart.dumbbell.title", lang), lang, 420)
    pairs = pairs.iloc[::-1]
    labels = [
        _dedupe(f"{r.indicator}（{_place_year(r)}）", i)
        for i, (_, r) in enumerate(pairs.iterrows())
    ]
    fig = go.Figure(layout=_base(title, max(420, 30 * len(pairs) + 120)))
    xs, ys = [], []
    for lab, b, c in zip(labels, pairs["base"], pairs["cur"], strict=True):
        xs += [b, c, None]
        ys += [lab, lab, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line={"color": "#bbb", "width": 4},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    custom = [_sel(pair_id=p) for p in pairs["pair_id"]]
    for col, key, color, symbol in (
        ("base", "chart.dumbbell.baseline", NEUTRAL, "circle-open"),
        ("cur", "chart.dumbbell.current", UP, "circle"),
    ):
        name = t(key, lang)
        fig.add_trace(
            go.Scatter(
                x=pairs[col].to_numpy(),
                y=labels,
                mode="markers+text" if col == "cur" else "markers",
                name=name,
                marker={
                    "size": 12,
                    "color": color,
                    "symbol": symbol,
                    "line": {"width": 2, "color": color},
                },
                text=[f"{v:g}" for v in pairs[col]] if col == "cur" else None,
                textposition="middle right",
                customdata=custom,
                hovertemplate=f"%{{y}}<br>{name}: %{{x:,.4g}} {unit or ''}<extra></extra>",
            )
        )
    fig.update_xaxes(title_text=f"{t('chart.hover.value', lang)}（{unit_s}）", rangemode="tozero")
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, automargin=True)
    return fig


def comparable_figure(values: pd.DataFrame, key: str, lang: str = "zh") -> go.Figure:
    """One indicator (same name and unit) across cities and years: a line per city.

    values: columns city, year, value, n (from `data.comparable_values`); key: "indicator|unit".
    """
    if not key or values.empty:
        return empty_figure(t("chart.comparable.title_none", lang), lang)
    name, _, unit = key.rpartition("|")
    unit_s = t("unit.none", lang) if unit in ("", NONE) else unit
    fig = go.Figure(layout=_base(t("chart.comparable.title", lang, name=name, unit=unit_s)))
    known = values[values["year"] > 0]
    single_year = known["year"].nunique() <= 1
    order = values.groupby("city")["n"].sum().sort_values(ascending=False).index
    if single_year:
        agg = values.groupby("city", sort=False)["value"].median().reindex(order)
        fig.add_trace(
            go.Bar(
                x=[str(c) for c in agg.index],
                y=agg.to_numpy(),
                marker_color=CITY_COLORS[0],
                customdata=[_sel(indicator=name, unit=unit, city=c) for c in agg.index],
                hovertemplate="%{x}: %{y:,.4g}<extra></extra>",
                showlegend=False,
            )
        )
        fig.update_xaxes(title_text=t("chart.city_axis", lang), type="category")
    else:
        for i, city in enumerate(order):
            part = known[known["city"] == city].sort_values("year")
            fig.add_trace(
                go.Scatter(
                    x=part["year"].astype(int).to_numpy(),
                    y=part["value"].to_numpy(),
                    name=str(city),
                    mode="lines+markers",
                    line={"color": CITY_COLORS[i % len(CITY_COLORS)]},
                    customdata=[
                        _sel(indicator=name, unit=unit, city=city, year=int(y))
                        for y in part["year"]
                    ],
                    hovertemplate=f"{city} · %{{x}}<br>{t('chart.hover.value', lang)}: %{{y:,.4g}} {unit_s}"
                    "<extra></extra>",
                )
            )
        _year_axis(fig, int(known["year"].min()), int(known["year"].max()), lang)
        fig.update_layout(
            legend={"orientation": "v", "y": 1, "x": 1.01, "xanchor": "left", "yanchor": "top"}
        )
    fig.update_yaxes(title_text=t("chart.comparable.axis", lang, unit=unit_s))
    return fig
