"""The page: side panel of filters, headline cards, six charts, the table with its evidence panel,
and the sources page. Static texts are `T(key)` spans that one callback translates."""

from __future__ import annotations

import dash_ag_grid as dag
import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard.data import NONE, Prepared, comparable_candidates, key_label
from dashboard.figures import domain_name
from dashboard.i18n import t
from indicators.schema import BY_NAME

GRAPHS = ("g-city-domain", "g-by-year", "g-up-down", "g-changes", "g-dumbbell", "g-comparable")
CONTROLS = (
    "f-city",
    "f-district",
    "f-domain",
    "f-year",
    "f-direction",
    "f-role",
    "f-unit",
    "f-all",
    "f-q",
    "f-lang",
    "f-tab",
    "f-cmp",
)
KEY_COLUMNS = (
    "indicator_label",  # 指标 / Indicator: the label a leader reads
    "indicator",  # 原文指标名 / Name in the text: for analysts
    "value",
    "unit",
    "direction",
    "role",
    "year",
    "city",
    "district",
    "domain_label",
    "case_title",
)
MORE_COLUMNS = (
    "surface",
    "qualifier",
    "comparison",
    "value_low",
    "department",
    "doc",
    "sentence",
    "published",
    "case_no",
    "id",
    "pair_id",
    "year_source",
    "indicator_label_en",
    "indicator_key",
    "core",
    "polarity",
    "improving",
)
GRAPH_CONFIG = {
    "locale": "zh-CN",
    "displaylogo": False,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def T(key: str, tag=html.Span, **kwargs):  # noqa: N802 (reads as a label)
    """A translatable text: its children are filled by the translate callback."""
    return tag(t(key), id={"type": "t", "key": key}, **kwargs)


def _dropdown(id_: str, options: list[dict], multi: bool = True) -> dcc.Dropdown:
    # options are there from the start: a value from the URL must never meet an empty list
    return dcc.Dropdown(
        id=id_,
        multi=multi,
        options=options,
        value=[] if multi else None,
        className="filter-dropdown",
        maxHeight=320,
    )


def _field(label_key: str, control) -> html.Div:
    return html.Div(
        [T(label_key, html.Label, className="filter-label"), control], className="filter"
    )


def side_panel(prep: Prepared) -> html.Div:
    opts = options(prep, "zh")
    years = prep.year_range or (2000, 2000)
    marks = {
        y: {"label": str(y)}
        for y in range(years[0], years[1] + 1)
        if (y - years[0]) % max(1, (years[1] - years[0]) // 5 or 1) == 0 or y == years[1]
    }
    return html.Aside(
        [
            T("filters.title", html.H2),
            _field(
                "filters.search",
                dcc.Input(
                    id="f-q", type="search", debounce=True, value="", className="search-input"
                ),
            ),
            _field("filters.city", _dropdown("f-city", opts["city"])),
            _field("filters.district", _dropdown("f-district", opts["district"])),
            _field("filters.domain", _dropdown("f-domain", opts["domain"])),
            _field(
                "filters.year",
                dcc.RangeSlider(
                    id="f-year",
                    min=years[0],
                    max=years[1],
                    step=1,
                    value=list(years),
                    marks=marks,
                    allowCross=False,
                    tooltip={"placement": "bottom"},
                ),
            ),
            _field("filters.direction", _dropdown("f-direction", opts["direction"])),
            _field("filters.role", _dropdown("f-role", opts["role"])),
            _field("filters.unit", _dropdown("f-unit", opts["unit"])),
            dcc.Checklist(
                id="f-all",
                options=show_all_options("zh"),
                value=[],
                className="show-all",
            ),
            html.Button(t("filters.reset"), id="btn-reset", className="button secondary"),
            html.Div(
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
            ),
            T("filters.share", html.P, className="hint"),
        ],
        className="side-panel",
    )


def header() -> html.Header:
    return html.Header(
        [
            html.Div([T("app.title", html.H1), T("app.subtitle", html.P, className="subtitle")]),
            html.Div(
                [
                    html.A(
                        t("export.xlsx"), id="export-xlsx", href="/export/xlsx", className="button"
                    ),
                    html.A(
                        t("export.csv"),
                        id="export-csv",
                        href="/export/csv",
                        className="button secondary",
                    ),
                    dcc.RadioItems(
                        id="f-lang",
                        options=[
                            {"label": "中文", "value": "zh"},
                            {"label": "English", "value": "en"},
                        ],
                        value="zh",
                        inline=True,
                        className="lang-switch",
                    ),
                ],
                className="header-actions",
            ),
        ],
        className="header",
    )


def _graph(id_: str) -> html.Div:
    return html.Div(dcc.Graph(id=id_, config=GRAPH_CONFIG), className="chart-card")


def overview(prep: Prepared, lang: str = "zh") -> html.Div:
    return html.Div(
        [
            html.Div(id="cards", className="cards"),
            T("selection.hint", html.P, className="hint"),
            html.Div([_graph("g-city-domain"), _graph("g-up-down")], className="chart-row"),
            html.Div([_graph("g-by-year"), _graph("g-changes")], className="chart-row"),
            html.Div(
                [
                    _graph("g-dumbbell"),
                    html.Div(
                        [
                            T("chart.comparable.pick", html.Label, className="filter-label"),
                            dcc.Dropdown(
                                id="f-cmp",
                                options=comparable_options(prep, "zh"),
                                value=None,
                                clearable=False,
                            ),
                            dcc.Graph(id="g-comparable", config=GRAPH_CONFIG),
                        ],
                        className="chart-card",
                    ),
                ],
                className="chart-row",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            T("table.title", html.H2),
                            html.P(id="grid-note", className="hint"),
                            html.Details(
                                [
                                    T("table.columns", html.Summary),
                                    dcc.Checklist(
                                        id="col-toggle",
                                        options=[],
                                        value=[],
                                        inline=True,
                                        className="col-toggle",
                                    ),
                                ]
                            ),
                            dag.AgGrid(
                                id="grid",
                                rowData=[],
                                columnDefs=[],
                                defaultColDef={
                                    "sortable": True,
                                    "filter": True,
                                    "resizable": True,
                                    "floatingFilter": True,
                                    "minWidth": 90,
                                },
                                dashGridOptions={
                                    "pagination": True,
                                    "paginationPageSize": 20,
                                    "paginationPageSizeSelector": [20, 50, 100],
                                    "rowSelection": {
                                        "mode": "singleRow",
                                        "enableClickSelection": True,
                                        "checkboxes": False,
                                    },
                                    "animateRows": False,
                                    "localeText": GRID_LOCALE_ZH if lang == "zh" else {},
                                },
                                getRowId="params.data.id",
                                style={"height": "640px", "width": "100%"},
                            ),
                        ],
                        className="table-card",
                    ),
                    html.Div(
                        [T("evidence.title", html.H2), html.Div(id="evidence")],
                        className="evidence-card",
                    ),
                ],
                className="table-row",
            ),
        ],
        id="page-overview",
    )


def sources_page() -> html.Div:
    return html.Div([html.Div(id="sources-content")], id="page-sources", style={"display": "none"})


ADDED_COLUMNS = ("indicator_label", "indicator", "surface", "value", "unit", "role", "year",
                 "sentence")  # fmt: skip


def added_rows_table(rows, lang: str = "zh") -> html.Table:
    """The indicators of a newly added document, as plain text cells (never HTML from the text)."""
    head = html.Tr([html.Th(header_of(c, lang)) for c in ADDED_COLUMNS])
    body = []
    for rec in rows.head(200).to_dict("records"):
        cells = []
        for c in ADDED_COLUMNS:
            v = rec.get(c)
            if c == "indicator_label" and not (isinstance(v, str) and v):
                v = rec.get("indicator")  # a table from before the meaning stage
            text = (
                "" if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else str(v)
            )
            if c == "value" and text:
                text = f"{float(v):,.10g}"
            if c == "role" and text:
                text = t(f"role.{text}", lang)
            cells.append(html.Td(text[:80] + ("…" if len(text) > 80 else "")))
        body.append(html.Tr(cells))
    return html.Table([html.Thead(head), html.Tbody(body)], className="added-table", id="add-rows")


def header_of(column: str, lang: str) -> str:
    col = BY_NAME[column]
    return col.zh if lang == "zh" else col.en


def add_page(max_mb: float, uploads: bool = False, token: bool = False) -> html.Div:
    """Upload a document, give its city and date, see its indicators (callback in app.py).

    Without `uploads` the page only says how the operator turns uploads on; with `token` it
    asks for the upload token the operator set.
    """

    def label(key: str, **kw) -> html.Span:
        return html.Span(t(key, **kw), id={"type": "t", "key": key})

    if not uploads:
        return html.Div(
            [html.H3(label("add.title")), html.P(label("add.off"), className="note", id="add-off")],
            id="page-add",
            style={"display": "none"},
        )
    token_field = html.Label(
        [label("add.token"), dcc.Input(id="add-token", type="password", autoComplete="off")],
        style={} if token else {"display": "none"},
    )
    return html.Div(
        [
            html.H3(label("add.title")),
            html.P(t("add.help", mb=f"{max_mb:g}"), className="note"),
            dcc.Upload(
                id="add-upload",
                children=html.Div(label("add.upload")),
                className="upload-box",
                max_size=int(max_mb * 1e6),
                multiple=False,
            ),
            html.Div(id="add-chosen", className="note"),
            html.Div(
                [
                    html.Label([label("add.city"), dcc.Input(id="add-city", type="text")]),
                    html.Label(
                        [label("add.published"), dcc.Input(id="add-published", type="text")]
                    ),
                    html.Label([label("add.doc_title"), dcc.Input(id="add-title", type="text")]),
                    token_field,
                ],
                className="add-fields",
            ),
            html.Button(label("add.submit"), id="add-submit", className="button"),
            dcc.Loading(html.Div(id="add-result", className="add-result")),
        ],
        id="page-add",
        style={"display": "none"},
    )


def page(
    prep: Prepared,
    lang: str = "zh",
    max_upload_mb: float = 5.0,
    uploads: bool = False,
    token: bool = False,
) -> html.Div:
    """The whole page; `lang` only matters for what cannot change later (the grid's locale).

    The Add-document tab shows only when `uploads` are on (`?tab=add` still explains them)."""
    return html.Div(
        [
            dcc.Location(id="url", refresh=False),
            dcc.Store(id="state"),
            header(),
            html.Div(
                [
                    side_panel(prep),
                    html.Main(
                        [
                            dcc.Tabs(
                                id="f-tab",
                                value="overview",
                                className="tabs",
                                children=[
                                    dcc.Tab(
                                        label=t("tab.overview"), value="overview", id="tab-overview"
                                    ),
                                    dcc.Tab(
                                        label=t("tab.sources"), value="sources", id="tab-sources"
                                    ),
                                    dcc.Tab(
                                        label=t("tab.add"),
                                        value="add",
                                        id="tab-add",
                                        style={} if uploads else {"display": "none"},
                                    ),
                                ],
                            ),
                            overview(prep, lang),
                            sources_page(),
                            add_page(max_upload_mb, uploads, token),
                        ],
                        className="main",
                    ),
                ],
                className="body",
            ),
        ],
        className="app",
    )


# --- option lists and column definitions (per language) ----------------------------------------


def options(prep: Prepared, lang: str) -> dict[str, list[dict]]:
    """Dropdown options of every filter, labelled in `lang` (missing values as 未分类 / 全市 …)."""

    def opts(col, label):
        return [{"label": label(v), "value": v} for v in prep.options(col)]

    city_of = {}
    if len(prep):
        pairs = prep.df[["district", "city"]].astype(object).drop_duplicates("district")
        city_of = dict(zip(pairs["district"], pairs["city"], strict=True))
    return {
        "city": opts("city", lambda v: t("city.none", lang) if v == NONE else v),
        "district": opts(
            "district",
            lambda v: (
                t("district.none", lang)
                if v == NONE
                else f"{v}（{city_of.get(v, '')}）"
                if city_of.get(v) not in (None, NONE)
                else v
            ),
        ),
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


def column_defs(lang: str, extra: list[str]) -> list[dict]:
    """AG Grid columns: the key columns, then the toggled extra columns."""
    defs = []
    for col in (*KEY_COLUMNS, *MORE_COLUMNS):
        spec = {
            "field": col,
            "headerName": getattr(BY_NAME[col], lang if lang in ("zh", "en") else "zh"),
            "hide": col in MORE_COLUMNS and col not in extra,
        }
        if col in ("value", "value_low"):
            spec |= {"type": "numericColumn", "filter": "agNumberColumnFilter", "width": 120}
        elif col == "year":
            spec |= {"filter": "agNumberColumnFilter", "width": 100}
        elif col == "indicator_label":
            spec |= {"minWidth": 200, "pinned": "left"}
        elif col == "indicator":
            spec |= {"minWidth": 160}
        elif col in ("sentence", "case_title"):
            spec |= {"minWidth": 260}
        defs.append(spec)
    return defs


def column_options(lang: str) -> list[dict]:
    return [{"label": getattr(BY_NAME[c], lang), "value": c} for c in MORE_COLUMNS]


GRID_LOCALE_ZH = {
    "page": "页",
    "of": "/",
    "to": "至",
    "more": "更多",
    "next": "下一页",
    "last": "末页",
    "first": "首页",
    "previous": "上一页",
    "pageSizeSelectorLabel": "每页行数:",
    "contains": "包含",
    "notContains": "不包含",
    "equals": "等于",
    "notEqual": "不等于",
    "startsWith": "开头是",
    "endsWith": "结尾是",
    "blank": "空白",
    "notBlank": "非空白",
    "lessThan": "小于",
    "greaterThan": "大于",
    "lessThanOrEqual": "小于等于",
    "greaterThanOrEqual": "大于等于",
    "inRange": "介于",
    "andCondition": "且",
    "orCondition": "或",
    "filterOoo": "筛选…",
    "noRowsToShow": "没有记录",
    "loadingOoo": "加载中…",
    "ariaPageSizeSelectorLabel": "每页行数",
    "applyFilter": "应用",
    "resetFilter": "重置",
    "clearFilter": "清除",
    "cancelFilter": "取消",
}
