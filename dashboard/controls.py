"""The view state and the controls: the URL query, the filters and chart clicks are one state.

One callback keeps the URL, the `state` store and the controls in step (a chart click becomes a
selection); one shows the chosen page, the selection chips and the export links; one translates the
frame's texts and options. Pages render from the `state` store.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl

from dash import ALL, Input, Output, ctx, html, no_update
from flask import request

from dashboard import figures
from dashboard.components import shown
from dashboard.data import NONE, Prepared, key_label
from dashboard.filters import TABS, FilterState, state_from_query, state_to_query
from dashboard.i18n import t
from dashboard.live import Live
from dashboard.shell import TAB_IDS, options, show_all_options
from indicators.schema import BY_NAME

CONTROLS = ("f-city", "f-district", "f-domain", "f-year", "f-direction", "f-role", "f-unit",
            "f-all", "f-q", "f-lang", "f-tab", "f-cmp")  # fmt: skip


def selection_from_click(click: dict | None) -> tuple[tuple[str, str], ...]:
    """The chart selection a click names: the point's customdata is a query fragment."""
    points = (click or {}).get("points") or []
    if not points:
        return ()
    custom = points[0].get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return tuple(parse_qsl(custom)) if isinstance(custom, str) else ()


def state_from_controls(
    values: dict, previous: FilterState, full_years: tuple[int, int] | None
) -> FilterState:
    """The state the controls show (selection and comparable choice kept from `previous`)."""
    years = tuple(int(y) for y in values.get("f-year") or ()) or None
    if years and (len(years) != 2 or years == full_years):
        years = None

    def multi(key):
        return tuple(str(v) for v in (values.get(key) or ()))

    return FilterState(
        city=multi("f-city"),
        district=multi("f-district"),
        domain=multi("f-domain"),
        year=years,
        direction=multi("f-direction"),
        role=multi("f-role"),
        unit=multi("f-unit"),
        show_all="all" in (values.get("f-all") or ()),
        q=(values.get("f-q") or "").strip(),
        sel=previous.sel,
        cmp=values.get("f-cmp") or "",
        lang=values.get("f-lang") or "zh",
        tab=values.get("f-tab") or TABS[0],
    )


def controls_of(state: FilterState, full_years: tuple[int, int] | None) -> list:
    """The control values showing `state`, in CONTROLS order."""
    years = list(state.year or full_years or (0, 0))
    return [
        list(state.city),
        list(state.district),
        list(state.domain),
        years,
        list(state.direction),
        list(state.role),
        list(state.unit),
        ["all"] if state.show_all else [],
        state.q,
        state.lang,
        state.tab,
        state.cmp or None,
    ]


def next_state(trigger, previous: FilterState, values: dict, clicks: dict, full_years):
    """The state after `trigger` (a control, a chart click, a button or the URL) changed."""
    if trigger is None or trigger == "url":
        return previous
    if trigger == "btn-reset":
        return FilterState(lang=previous.lang, tab=previous.tab)
    if trigger == "btn-clear-sel":
        return replace(previous, sel=())
    if trigger in clicks:
        return replace(previous, sel=selection_from_click(clicks[trigger]) or previous.sel)
    return state_from_controls(values, previous, full_years)


def chip_text(prep: Prepared, column: str, value: str, lang: str) -> str:
    """A chart selection in words: ("domain", "public_safety") -> "领域：平安建设"."""
    label = getattr(BY_NAME[column], lang) if column in BY_NAME else column
    if column == "domain":
        text = figures.domain_name(value, prep.domain_labels, lang)
    elif column in ("direction", "role"):
        text = t(f"{column}.{value}", lang)
    elif column == "city":
        text = figures.city_name(value, lang)
    elif column == "indicator_key":
        label, text = getattr(BY_NAME["indicator_label"], lang), key_label(prep, value, lang)
    elif value == NONE:
        text = t("unit.none" if column == "unit" else "district.none", lang)
    else:
        text = value
    return f"{label}：{text}"


def request_lang() -> str:
    """The language of the page being loaded, from the query of its address (the Referer of
    Dash's layout request); Chinese outside a request."""
    try:
        referrer = request.referrer or ""
    except RuntimeError:  # no request: Dash validating the layout at start-up
        return "zh"
    return state_from_query(referrer.partition("?")[2]).lang


def _differs(new, old) -> bool:
    if isinstance(new, list) and isinstance(old, list | tuple):
        return [str(x) for x in new] != [str(x) for x in old]
    return (new or None) != (old or None)


def selection_chips(prep: Prepared, state: FilterState) -> list:
    if not state.sel:
        return []
    title = html.Span(t("selection.title", state.lang) + "：", className="filter-label")
    chips = [
        html.Span(chip_text(prep, c, v, state.lang), className="chip", title=f"{c}={v}")
        for c, v in state.sel
    ]
    return [title, *chips]


def register(app, live: Live, clickable: tuple[str, ...], pages: tuple[str, ...]) -> None:
    """The state callbacks; `clickable` are the charts whose clicks select, `pages` the ids of the
    page containers, in TABS order."""
    _register_sync(app, live, clickable)
    _register_frame(app, live, pages)
    _register_translate(app, live)


def _register_sync(app, live: Live, clickable: tuple[str, ...]) -> None:
    @app.callback(
        Output("url", "search"),
        Output("state", "data"),
        *[Output(c, "value") for c in CONTROLS],
        Input("url", "search"),
        *[Input(c, "value") for c in CONTROLS],
        *[Input(g, "clickData") for g in clickable],
        Input("btn-reset", "n_clicks"),
        Input("btn-clear-sel", "n_clicks"),
    )
    def sync_url_and_controls(search, *args):
        live.refresh()
        values = dict(zip(CONTROLS, args[: len(CONTROLS)], strict=True))
        clicks = dict(zip(clickable, args[len(CONTROLS) : len(CONTROLS) + len(clickable)],
                          strict=True))  # fmt: skip
        previous = state_from_query(search)
        state = next_state(ctx.triggered_id, previous, values, clicks, live.full_years)
        query = state_to_query(state)
        # unchanged controls get no_update: a re-sent value would wake every callback that reads it
        changed = [
            new if _differs(new, values[c]) else no_update
            for c, new in zip(CONTROLS, controls_of(state, live.full_years), strict=True)
        ]
        return (query if query != (search or "") else no_update, query, *changed)


def _register_frame(app, live: Live, pages: tuple[str, ...]) -> None:
    @app.callback(
        *[Output(p, "style") for p in pages],
        Output("selection-box", "children"),
        Output("btn-clear-sel", "style"),
        Output("export-xlsx", "href"),
        Output("export-csv", "href"),
        Input("state", "data"),
    )
    def show_page(query):
        live.refresh()
        state = state_from_query(query)
        links = [app.get_relative_path(f"/export/{fmt}") + (query or "") for fmt in ("xlsx", "csv")]
        styles = [shown(tab == state.tab) for tab in TABS]
        chips = selection_chips(live.prep, state)
        clear = {"display": "inline-block"} if state.sel else {"display": "none"}
        return (*styles, chips, clear, *links)


TRANSLATED = ("f-city", "f-district", "f-domain", "f-direction", "f-role", "f-unit")


def _register_translate(app, live: Live) -> None:
    @app.callback(
        Output({"type": "t", "key": ALL}, "children"),
        *[Output(c, "options") for c in TRANSLATED],
        Output("f-all", "options"),
        Output("f-q", "placeholder"),
        Output("btn-reset", "children"),
        Output("btn-clear-sel", "children"),
        Output("export-xlsx", "children"),
        Output("export-csv", "children"),
        *[Output(tab_id, "label") for tab_id in TAB_IDS.values()],
        Input("f-lang", "value"),
    )
    def translate(lang):
        lang = lang or "zh"
        keys = [o["id"]["key"] for o in ctx.outputs_list[0]]
        opts = options(live.prep, lang)
        return (
            [t(k, lang) for k in keys],
            *[opts[c.removeprefix("f-")] for c in TRANSLATED],
            show_all_options(lang),
            t("filters.search_placeholder", lang),
            t("filters.reset", lang),
            t("selection.clear", lang),
            t("export.xlsx", lang),
            t("export.csv", lang),
            *[t(f"tab.{name}", lang) for name in TAB_IDS],
        )
