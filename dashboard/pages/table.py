"""The indicator table: an AG Grid over every row of the filtered view (and the chart selection).

AG Grid's infinite row model: the grid asks for blocks of rows as the analyst scrolls, and its own
column filters and sorts run on the server over all the rows (`dashboard.grid_model`). The rows are
JSON-ready records with direction, role, domain and meaning in words; the columns are the key
columns plus those the analyst toggles on. When the dashboard's filters change, a clientside
callback empties the grid's cache, so it asks again from the first row.
"""

from __future__ import annotations

import dash_ag_grid as dag
import numpy as np
from dash import Input, Output, State, dcc, html, no_update

from dashboard import figures, numbers
from dashboard.components import T
from dashboard.data import Prepared, values_at
from dashboard.filters import FilterState, filter_mask, state_from_query
from dashboard.grid_model import GridRequestError, block_positions
from dashboard.i18n import t
from dashboard.live import Live
from indicators.schema import BY_NAME

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
TABLE_TABS = ("overview",)  # the pages the table is part of
BLOCK_ROWS = 100  # rows per request as the grid scrolls
SHOWN_VALUE = "params.data && params.data.value_text != null ? params.data.value_text : ''"
# empty the grid's cache and go back to the top: the view changed, its rows must be asked again
RESET_GRID = """function (query) {
    if (window.dash_ag_grid && dash_ag_grid.getApiAsync) {
        dash_ag_grid.getApiAsync("grid").then((api) => {
            api.ensureIndexVisible(0, "top"); api.purgeInfiniteCache(); });
    }
    return window.dash_clientside.no_update;
}"""


def table_mask(prep: Prepared, state: FilterState) -> np.ndarray:
    """The rows the table shows: the filtered view narrowed by the chart selection."""
    return filter_mask(prep, state, selection=True)


def grid_rows(prep: Prepared, positions: np.ndarray, lang: str = "zh") -> list[dict]:
    """Table rows as JSON-ready records, direction/role/domain in words (missing values as None)."""
    positions = np.asarray(positions, dtype=np.int64)
    columns = ["id", *[c for c in (*KEY_COLUMNS, *MORE_COLUMNS) if c != "id"]]
    values = {c: values_at(prep, positions, c) for c in columns}
    values["direction"] = np.array(
        [t(f"direction.{d}", lang) if d else None for d in values["direction"]]
    )
    values["role"] = np.array([t(f"role.{r}", lang) if r else None for r in values["role"]])
    for c in ("core", "improving", "polarity"):  # in words: 核心/背景, 改善/恶化, 越高越好/越低越好
        values[c] = [None if v is None else t(f"{c}.{v}".lower(), lang) for v in values[c]]
    domains = values_at(prep, positions, "domain")
    values["domain_label"] = np.array([
        figures.domain_name(d, prep.domain_labels, lang) if lang == "en" or not label else label
        for d, label in zip(domains, values["domain_label"], strict=True)
    ])  # fmt: skip
    values["value_text"] = [
        numbers.format_value(v, u, lang, qualifier=q, value_low=low)
        for v, u, q, low in zip(values["value"], values["unit"], values["qualifier"],
                                values["value_low"], strict=True)
    ]  # fmt: skip
    for c in ("value", "value_low"):
        values[c] = [None if np.isnan(v) else float(v) for v in values[c]]
    columns.append("value_text")
    return [
        dict(zip(columns, row, strict=True))
        for row in zip(*(values[c] for c in columns), strict=True)
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
        if col == "value":  # shown as readers read it (1.7亿元), sorted and filtered as a number
            spec |= {"type": "numericColumn", "filter": "agNumberColumnFilter", "width": 130,
                     "valueFormatter": {"function": SHOWN_VALUE}}  # fmt: skip
        elif col == "value_low":
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


def grid_note(total: int, lang: str) -> str:
    """ "共 317 行" / "317 rows": how many rows the table holds (all of them scroll into view)."""
    return t("table.showing_all", lang, total=f"{total:,}")


def grid_block(prep: Prepared, mask: np.ndarray, request: dict | None, lang: str) -> dict:
    """The grid's answer to a block request over the view `mask`: {rowData, rowCount}; a request
    the grid would never send (a crafted one) gets no rows."""
    try:
        positions, count = block_positions(prep, mask, request or {}, lang)
    except GridRequestError:
        return {"rowData": [], "rowCount": 0}
    return {"rowData": grid_rows(prep, positions, lang), "rowCount": count}


def layout(live: Live, lang: str = "zh") -> html.Div:
    """The table card: its note, the column switches and the grid."""
    return html.Div(
        [
            T("table.title", html.H2),
            html.P(id="grid-note", className="hint"),
            html.Details(
                [
                    T("table.columns", html.Summary),
                    dcc.Checklist(
                        id="col-toggle", options=[], value=[], inline=True, className="col-toggle"
                    ),
                ]
            ),
            dcc.Store(id="grid-reset"),
            dag.AgGrid(
                id="grid",
                rowModelType="infinite",
                columnDefs=[],
                defaultColDef={
                    "sortable": True,
                    "filter": True,
                    "resizable": True,
                    "floatingFilter": True,
                    "minWidth": 90,
                },
                dashGridOptions={
                    "cacheBlockSize": BLOCK_ROWS,
                    "maxBlocksInCache": 50,
                    # one request at a time: dash-ag-grid answers the latest request only
                    "maxConcurrentDatasourceRequests": 1,
                    "infiniteInitialRowCount": BLOCK_ROWS,
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
    )


def register(app, live: Live) -> None:
    """The blocks of rows the grid asks for, the row count, and the columns in the language."""
    masks = live.memo(lambda state: table_mask(live.prep, state), maxsize=8)

    @app.callback(
        Output("grid", "getRowsResponse"),
        Input("grid", "getRowsRequest"),
        State("state", "data"),
        prevent_initial_call=True,
    )
    def send_block(request, query):
        live.refresh()
        state = state_from_query(query)
        return grid_block(live.prep, masks(state), request, state.lang)

    @app.callback(Output("grid-note", "children"), Input("state", "data"))
    def show_count(query):
        live.refresh()
        state = state_from_query(query)
        if state.tab not in TABLE_TABS:
            return no_update
        return grid_note(int(np.count_nonzero(masks(state))), state.lang)

    app.clientside_callback(
        RESET_GRID, Output("grid-reset", "data"), Input("state", "data"), prevent_initial_call=True
    )

    @app.callback(
        Output("col-toggle", "options"),
        Output("grid", "columnDefs"),
        Output("grid", "dashGridOptions"),
        Input("f-lang", "value"),
        Input("col-toggle", "value"),
        State("grid", "dashGridOptions"),
    )
    def translate(lang, extra, grid_options):
        lang = lang or "zh"
        grid_options = dict(grid_options or {})
        grid_options["localeText"] = GRID_LOCALE_ZH if lang == "zh" else {}
        return column_options(lang), column_defs(lang, list(extra or [])), grid_options


def table_view(prep: Prepared, state: FilterState, max_rows: int = BLOCK_ROWS) -> dict:
    """The table's first block for `state` (as the grid first asks for it) and its row count."""
    mask = table_mask(prep, state)
    block = grid_block(prep, mask, {"startRow": 0, "endRow": max_rows}, state.lang)
    return {"rows": block["rowData"], "total_rows": block["rowCount"]}


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
