"""The overview for analysts: headline cards, six charts, the comparison of one indicator by city and
year, and below them the table with its evidence panel.

`view(prep, state)` computes everything the page shows, as one pure function; the callback only
hands it to the components.
"""

from __future__ import annotations

import numpy as np
from dash import Input, Output, dcc, html, no_update

from dashboard import figures
from dashboard.components import GRAPH_CONFIG, T, graph
from dashboard.data import (
    NONE,
    Headline,
    Prepared,
    chosen_comparable,
    comparable_candidates,
    comparable_values,
    counts,
    cube_of_rows,
    headline,
    key_label,
    largest_changes,
    top_pairs,
)
from dashboard.filters import FilterState, filter_mask, state_from_query
from dashboard.i18n import t
from dashboard.live import Live
from dashboard.pages import evidence, table

GRAPHS = ("g-city-domain", "g-by-year", "g-up-down", "g-changes", "g-dumbbell", "g-comparable")


def view(prep: Prepared, state: FilterState) -> dict:
    """Figures, headline numbers and the comparable choices for `state` (no Dash involved).

    Counts come from the pre-aggregated cube (re-weighted from the rows after a text search).
    """
    lang = state.lang
    mask = filter_mask(prep, state)
    if prep.cube is None:
        agg, agg_mask = prep, mask
    elif state.q.strip():  # the search needs the rows; their groups re-weight the cube
        agg, agg_mask = cube_of_rows(prep, mask)
    else:
        agg, agg_mask = prep.cube, filter_mask(prep.cube, state.without_selection())
    candidates = comparable_candidates(agg, agg_mask)
    cmp_key = chosen_comparable(prep, state.cmp, candidates)
    cmp_label = key_label(prep, cmp_key.rpartition("|")[0], lang) if cmp_key else None
    pairs, pair_unit = top_pairs(prep, mask)
    domains = prep.domain_labels
    return {
        "headline": headline(agg, agg_mask),
        "figures": [
            figures.city_domain_figure(counts(agg, agg_mask, ("city", "domain")), domains, lang),
            figures.by_year_figure(counts(agg, agg_mask, ("year", "city")), lang),
            figures.up_down_figure(counts(agg, agg_mask, ("domain", "direction")), domains, lang),
            figures.largest_changes_figure(largest_changes(prep, mask), lang),
            figures.dumbbell_figure(pairs, pair_unit, lang),
            figures.comparable_figure(
                comparable_values(prep, mask, cmp_key), cmp_key, lang, cmp_label
            ),
        ],
        "candidates": candidates,
        "cmp": cmp_key,
    }


def cards(h: Headline, lang: str) -> list:
    """The headline cards: documents, cases, indicators, share improving, cities."""
    share = h.share_improving
    improving_note = (
        t("cards.improving_note", lang, n=f"{h.with_direction:,}")
        if share is not None
        else t("cards.improving_none", lang)
    )
    items = [
        ("cards.documents", f"{h.documents:,}", ""),
        ("cards.cases", f"{h.cases:,}", ""),
        ("cards.indicators", f"{h.indicators:,}", ""),
        ("cards.improving", "—" if share is None else f"{share:.0%}", improving_note),
        ("cards.cities", f"{h.cities:,}", ""),
    ]
    return [
        html.Div(
            [
                html.Div(value, className="card-value"),
                html.Div(t(key, lang), className="card-label"),
                html.Div(note, className="card-note"),
            ],
            className="card",
            id=f"card-{key.split('.')[1]}",
        )
        for key, value, note in items
    ]


def comparable_options(prep: Prepared, lang: str, keys: list[str] | None = None) -> list[dict]:
    """Options of the comparison picker, one per "indicator_key|unit": the key's label and unit,
    "矛盾纠纷调解成功率（%）" for "dispute.mediation_success_rate|%"; two keys with one label
    are told apart by their keys."""
    if keys is None:
        index = prep.cube if prep.cube is not None else prep
        keys = comparable_candidates(index, np.ones(len(index), dtype=bool))
    shown = []
    for key in keys:
        ident, _, unit = key.rpartition("|")
        unit_s = t("unit.none_short", lang) if unit in ("", NONE) else unit
        shown.append(f"{key_label(prep, ident, lang)}（{unit_s}）")
    twice = {label for label in shown if shown.count(label) > 1}
    return [
        {"label": f"{label} · {key.rpartition('|')[0]}" if label in twice else label, "value": key}
        for label, key in zip(shown, keys, strict=True)
    ]


def layout(live: Live, lang: str = "zh") -> html.Div:
    """Cards, charts, the comparison picker, then the table beside its evidence."""
    comparison = html.Div(
        [
            T("chart.comparable.pick", html.Label, className="filter-label"),
            dcc.Dropdown(
                id="f-cmp",
                options=comparable_options(live.prep, lang),
                value=None,
                clearable=False,
            ),
            dcc.Graph(id="g-comparable", config=GRAPH_CONFIG),
        ],
        className="chart-card",
    )
    return html.Div(
        [
            html.Div(id="cards", className="cards"),
            T("selection.hint", html.P, className="hint"),
            html.Div([graph("g-city-domain"), graph("g-up-down")], className="chart-row"),
            html.Div([graph("g-by-year"), graph("g-changes")], className="chart-row"),
            html.Div([graph("g-dumbbell"), comparison], className="chart-row"),
            html.Div(
                [table.layout(live, lang), evidence.layout(live, lang)], className="table-row"
            ),
        ],
        id="page-overview",
        style={"display": "none"},
    )


def register(app, live: Live) -> None:
    """Charts, cards and the comparison picker follow the view state."""
    cached_view = live.memo(lambda state: view(live.prep, state))

    @app.callback(
        *[Output(g, "figure") for g in GRAPHS],
        Output("cards", "children"),
        Output("f-cmp", "options"),
        Output("f-cmp", "placeholder"),
        Input("state", "data"),
    )
    def render(query):
        live.refresh()
        state = state_from_query(query)
        if state.tab != "overview":
            return (no_update,) * (len(GRAPHS) + 3)
        v = cached_view(state)
        cmp_opts = comparable_options(live.prep, state.lang, v["candidates"])
        cmp_placeholder = next((o["label"] for o in cmp_opts if o["value"] == v["cmp"]), "")
        return (*v["figures"], cards(v["headline"], state.lang), cmp_opts, cmp_placeholder)
