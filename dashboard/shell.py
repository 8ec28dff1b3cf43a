"""The frame around the pages: the header (title, exports, language), the side panel of filters (the
city and year pickers first) and the tabs. Static texts are `T(key)` spans that the controls'
translate callback fills in the chosen language."""

from __future__ import annotations

from dash import dcc, html

from dashboard.components import T, dropdown, field
from dashboard.data import NONE, Prepared
from dashboard.figures import domain_name
from dashboard.filters import TABS
from dashboard.i18n import t

TAB_IDS = {tab: f"tab-{tab}" for tab in TABS}


def year_slider(prep: Prepared) -> dcc.RangeSlider:
    """The years with data, as a range; both ends on one year reads as that year's report."""
    years = prep.year_range or (2000, 2000)
    step = max(1, (years[1] - years[0]) // 5 or 1)
    marks = {
        y: {"label": str(y)}
        for y in range(years[0], years[1] + 1)
        if (y - years[0]) % step == 0 or y == years[1]
    }
    return dcc.RangeSlider(
        id="f-year",
        min=years[0],
        max=years[1],
        step=1,
        value=list(years),
        marks=marks,
        allowCross=False,
        tooltip={"placement": "bottom"},
    )


def side_panel(prep: Prepared) -> html.Aside:
    opts = options(prep, "zh")
    search = dcc.Input(id="f-q", type="search", debounce=True, value="", className="search-input")
    selection = html.Div(
        [
            html.Div(id="selection-box"),
            html.Button(
                t("selection.clear"),
                id="btn-clear-sel",
                className="button small",
                style={"display": "none"},
            ),
        ],
        className="selection-box",
    )
    return html.Aside(
        [
            T("filters.title", html.H2),
            field("filters.city", dropdown("f-city", opts["city"])),
            field("filters.year", year_slider(prep)),
            field("filters.search", search),
            field("filters.district", dropdown("f-district", opts["district"])),
            field("filters.domain", dropdown("f-domain", opts["domain"])),
            field("filters.direction", dropdown("f-direction", opts["direction"])),
            field("filters.role", dropdown("f-role", opts["role"])),
            field("filters.unit", dropdown("f-unit", opts["unit"])),
            dcc.Checklist(
                id="f-all", options=show_all_options("zh"), value=[], className="show-all"
            ),
            html.Button(t("filters.reset"), id="btn-reset", className="button secondary"),
            selection,
            T("filters.share", html.P, className="hint"),
        ],
        className="side-panel",
    )


def header() -> html.Header:
    languages = [{"label": "中文", "value": "zh"}, {"label": "English", "value": "en"}]
    actions = [
        html.A(t("export.xlsx"), id="export-xlsx", href="/export/xlsx", className="button"),
        html.A(t("export.csv"), id="export-csv", href="/export/csv", className="button secondary"),
        dcc.RadioItems(
            id="f-lang", options=languages, value="zh", inline=True, className="lang-switch"
        ),
    ]
    return html.Header(
        [
            html.Div([T("app.title", html.H1), T("app.subtitle", html.P, className="subtitle")]),
            html.Div(actions, className="header-actions"),
        ],
        className="header",
    )


def tabs(uploads: bool) -> dcc.Tabs:
    """One tab per page; the Add-document tab only with uploads on (`?tab=add` still explains)."""
    return dcc.Tabs(
        id="f-tab",
        value=TABS[0],
        className="tabs",
        children=[
            dcc.Tab(
                label=t(f"tab.{name}"),
                value=name,
                id=tab_id,
                style={} if uploads or name != "add" else {"display": "none"},
            )
            for name, tab_id in TAB_IDS.items()
        ],
    )


def page(prep: Prepared, pages: list, uploads: bool = False) -> html.Div:
    """The whole page around the pages' own parts."""
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="state"),
            header(),
            html.Div(
                [side_panel(prep), html.Main([tabs(uploads), *pages], className="main")],
                className="body",
            ),
        ],
        className="app",
    )


def options(prep: Prepared, lang: str) -> dict[str, list[dict]]:
    """Dropdown options of every filter, labelled in `lang` (missing values as 未分类 / 全市 …)."""

    def opts(col, label):
        return [{"label": label(v), "value": v} for v in prep.options(col)]

    city_of = {}
    if len(prep):
        pairs = prep.df[["district", "city"]].astype(object).drop_duplicates("district")
        city_of = dict(zip(pairs["district"], pairs["city"], strict=True))

    def district(v):
        if v == NONE:
            return t("district.none", lang)
        return f"{v}（{city_of[v]}）" if city_of.get(v) not in (None, NONE) else v

    return {
        "city": opts("city", lambda v: t("city.none", lang) if v == NONE else v),
        "district": opts("district", district),
        "domain": opts("domain", lambda v: domain_name(v, prep.domain_labels, lang)),
        "direction": [
            {"label": t(f"direction.{d}", lang), "value": d} for d in ("up", "down", "none")
        ],
        "role": opts("role", lambda v: t(f"role.{v}", lang) if v != NONE else v),
        "unit": opts("unit", lambda v: t("unit.none", lang) if v == NONE else v),
    }


def show_all_options(lang: str) -> list[dict]:
    """The switch that adds the context rows (core = false) to charts, cards, table and exports."""
    return [{"label": t("filters.show_all", lang), "value": "all"}]
