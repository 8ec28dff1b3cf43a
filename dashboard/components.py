"""Small building blocks every page uses: translatable texts, dropdowns, labelled fields, charts."""

from __future__ import annotations

from dash import dcc, html

from dashboard.i18n import t

GRAPH_CONFIG = {
    "locale": "zh-CN",
    "displaylogo": False,
    "displayModeBar": "hover",
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def T(key: str, tag=html.Span, **kwargs):  # noqa: N802 (reads as a label)
    """A translatable text: its children are filled by the shell's translate callback."""
    return tag(t(key), id={"type": "t", "key": key}, **kwargs)


def dropdown(id_: str, options: list[dict], multi: bool = True) -> dcc.Dropdown:
    """A filter dropdown; options are there from the start, so a value from the URL never meets an
    empty list."""
    return dcc.Dropdown(
        id=id_,
        multi=multi,
        options=options,
        value=[] if multi else None,
        className="filter-dropdown",
        maxHeight=320,
    )


def field(label_key: str, control) -> html.Div:
    """A control under its translatable label."""
    return html.Div(
        [T(label_key, html.Label, className="filter-label"), control], className="filter"
    )


def graph(id_: str) -> html.Div:
    """A chart in its card."""
    return html.Div(dcc.Graph(id=id_, config=GRAPH_CONFIG), className="chart-card")


def shown(visible: bool) -> dict:
    """The style of a page or button that is shown or hidden."""
    return {"display": "block"} if visible else {"display": "none"}
