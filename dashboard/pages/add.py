"""The Add-document page: upload a document, give its city and date, see its indicators.

Only with uploads on (`indicators serve --allow-uploads`); otherwise the page says how the operator
turns them on. Every refusal is a message on the page, never a server error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import Input, Output, State, dcc, html

from dashboard import uploads
from dashboard.i18n import t
from dashboard.live import Live
from indicators.schema import BY_NAME

ADDED_COLUMNS = ("indicator_label", "indicator", "surface", "value", "unit", "role", "year",
                 "sentence")  # fmt: skip


def added_rows_table(rows, lang: str = "zh") -> html.Table:
    """The indicators of a newly added document, as plain text cells (never HTML from the text)."""
    head = html.Tr([html.Th(header_of(c, lang)) for c in ADDED_COLUMNS])
    body = [
        html.Tr([html.Td(_cell(rec, c, lang)) for c in ADDED_COLUMNS])
        for rec in rows.head(200).to_dict("records")
    ]
    return html.Table([html.Thead(head), html.Tbody(body)], className="added-table", id="add-rows")


def _cell(rec: dict, column: str, lang: str) -> str:
    v = rec.get(column)
    if column == "indicator_label" and not (isinstance(v, str) and v):
        v = rec.get("indicator")  # a table from before the meaning stage
    text = "" if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else str(v)
    if column == "value" and text:
        text = f"{float(v):,.10g}"
    if column == "role" and text:
        text = t(f"role.{text}", lang)
    return text[:80] + ("…" if len(text) > 80 else "")


def header_of(column: str, lang: str) -> str:
    col = BY_NAME[column]
    return col.zh if lang == "zh" else col.en


def _label(key: str, **kw) -> html.Span:
    return html.Span(t(key, **kw), id={"type": "t", "key": key})


def layout(live: Live, lang: str = "zh") -> html.Div:
    """The upload form; without uploads only a note on how the operator turns them on."""
    s = live.settings
    if not s.uploads_on:
        return html.Div(
            [
                html.H3(_label("add.title")),
                html.P(_label("add.off"), className="note", id="add-off"),
            ],
            id="page-add",
            style={"display": "none"},
        )
    token_field = html.Label(
        [_label("add.token"), dcc.Input(id="add-token", type="password", autoComplete="off")],
        style={} if s.upload_token else {"display": "none"},
    )
    fields = [
        html.Label([_label("add.city"), dcc.Input(id="add-city", type="text")]),
        html.Label([_label("add.published"), dcc.Input(id="add-published", type="text")]),
        html.Label([_label("add.doc_title"), dcc.Input(id="add-title", type="text")]),
        token_field,
    ]
    return html.Div(
        [
            html.H3(_label("add.title")),
            html.P(t("add.help", mb=f"{s.max_upload_mb:g}"), className="note"),
            dcc.Upload(
                id="add-upload",
                children=html.Div(_label("add.upload")),
                className="upload-box",
                max_size=int(s.max_upload_mb * 1e6),
                multiple=False,
            ),
            html.Div(id="add-chosen", className="note"),
            html.Div(fields, className="add-fields"),
            html.Button(_label("add.submit"), id="add-submit", className="button"),
            dcc.Loading(html.Div(id="add-result", className="add-result")),
        ],
        id="page-add",
        style={"display": "none"},
    )


def store_upload(live: Live, filename, contents, city, published, title):
    """Check the upload and add it to the corpus: (its rows, its stored name); every refusal is an
    UploadError."""
    from indicators.corpus import add_uploaded_text  # noqa: PLC0415
    from indicators.errors import USER_ERRORS  # noqa: PLC0415

    corpus, table = live.store
    max_bytes = int(live.settings.max_upload_mb * 1e6)
    try:
        up = uploads.checked_upload(filename, contents, city, published, title, max_bytes)
        rows = add_uploaded_text(
            up.name, up.data, up.city, up.published, up.title, corpus, table, max_bytes
        )
    except USER_ERRORS as exc:
        raise uploads.UploadError(str(exc)) from None
    except OSError as exc:  # the disk: full, read-only, a name the file system refuses
        raise uploads.UploadError(
            f"{str(filename)[:60]}: the document could not be stored ({exc.strerror or exc}); "
            "tell the dashboard's operator"
        ) from None
    return rows, up.name


def add_document(live: Live, contents, filename, city, published, title, token, lang):
    """The page's answer to a submitted form: the added rows, or why nothing was added."""
    s = live.settings
    if not s.uploads_on:  # a request crafted for a dashboard without uploads
        return html.P(t("add.off" if live.store else "add.disabled", lang), className="msg-error")
    if not uploads.token_matches(token, s.upload_token):
        return html.P(t("add.bad_token", lang), className="msg-error")
    if not contents or not filename or not city or not published:
        return html.P(t("add.missing", lang), className="msg-error")
    try:
        rows, name = store_upload(live, filename, contents, city, published, title)
    except uploads.UploadError as exc:
        return html.P(t("add.failed", lang, error=str(exc)), className="msg-error")
    live.refresh()  # this process shows the new rows from now on (other workers on their next request)
    note = rows.attrs.get("damage")  # the file had damaged bytes: say which and where
    damage = [html.P(note, id="add-damage", className="msg-error")] if note else []
    done = html.P(t("add.done", lang, name=name, n=len(rows)), className="msg-ok")
    return [done, *damage, added_rows_table(rows, lang)]


def register(app, live: Live) -> None:
    @app.callback(Output("add-chosen", "children"), Input("add-upload", "filename"))
    def show_chosen(filename):
        return t("add.chosen", name=filename) if filename else ""

    @app.callback(
        Output("add-result", "children"),
        Input("add-submit", "n_clicks"),
        State("add-upload", "contents"),
        State("add-upload", "filename"),
        State("add-city", "value"),
        State("add-published", "value"),
        State("add-title", "value"),
        State("add-token", "value"),
        State("f-lang", "value"),
        prevent_initial_call=True,
    )
    def submit(_clicks, contents, filename, city, published, title, token, lang):
        lang = lang if lang in ("zh", "en") else "zh"
        return add_document(live, contents, filename, city, published, title, token, lang)
