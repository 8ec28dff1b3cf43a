"""The evidence panel: where a number comes from (case, departments, document, the sentence with the
number marked), for the row chosen in the table or a card of the indicators view."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
from dash import Input, Output, html

from dashboard import exports, numbers
from dashboard.components import T
from dashboard.evidence import sentence_parts
from dashboard.i18n import t
from dashboard.live import Live
from indicators.schema import BY_NAME
from indicators.sources import SourceRecord


def row_by_id(live: Live, row_id: str | None) -> dict | None:
    """The full table row (every export column, missing values as None) with id `row_id`."""
    prep = live.prep
    if not row_id:
        return None
    found = prep.df.index[prep.df["id"] == row_id]
    if not len(found):
        return None
    full = exports.export_frame(prep, [int(found[0])]).astype(object)
    return full.where(full.notna(), None).iloc[0].to_dict()


def evidence_panel(
    row: dict,
    sources: Mapping[str, SourceRecord],
    doc_text: Callable[[str], str | None],
    lang: str,
    sentence_id: str = "evidence-sentence",
):
    """The case, departments, document and the sentence with its number marked (text, never HTML).

    The value reads as readers read it ("1.7亿元", a change with its sign: "−24.96%")."""
    sentence = str(row.get("sentence") or "")
    parts = sentence_parts(
        sentence,
        str(row.get("surface") or ""),
        _int(row.get("start")),
        _int(row.get("end")),
        doc_text(str(row.get("doc") or "")),
        table=row.get("table_no") is not None,
    )
    name = row.get("indicator") or ""
    label = row.get("indicator_label") or name
    value_text = numbers.format_row(row, lang, signed=row.get("role") == "change")
    return html.Div(
        [
            html.Div(
                [
                    html.Span(str(label), className="ev-indicator"),
                    html.Span(f" {value_text}", className="ev-value"),
                ]
            ),
            html.Dl(
                [
                    x
                    for key, value in _facts(row, sources)
                    for x in (html.Dt(_term(key, lang)), html.Dd(str(value)))
                ]
            ),
            html.Div(t("evidence.sentence", lang), className="filter-label"),
            html.Blockquote(
                [html.Mark(text) if hit else text for text, hit in parts], id=sentence_id
            ),
        ]
    )


def _facts(row: dict, sources: Mapping[str, SourceRecord]) -> list[tuple]:
    rec = sources.get(str(row.get("doc") or ""))
    facts = [
        (BY_NAME["indicator"], row.get("indicator") or "—"),
        ("evidence.case", row.get("case_title") or "—"),
        ("evidence.departments", row.get("department") or "—"),
        (
            "evidence.document",
            f"{rec.title}（{row.get('doc')}）" if rec and rec.title else row.get("doc") or "—",
        ),
    ]
    if rec:
        facts += [
            ("evidence.publisher", rec.publisher or "—"),
            ("evidence.published", rec.published or "—"),
        ]
    return facts


def _term(key, lang: str) -> str:
    """A fact's name: a label key, or a schema column (its header in `lang`)."""
    return getattr(key, lang) if hasattr(key, "zh") else t(key, lang)


def _int(v) -> int | None:
    try:
        return None if v is None or pd.isna(v) else int(v)
    except (TypeError, ValueError):
        return None


def layout(live: Live, lang: str = "zh") -> html.Div:
    """The evidence card beside the table."""
    return html.Div(
        [T("evidence.title", html.H2), html.Div(id="evidence")], className="evidence-card"
    )


def register(app, live: Live) -> None:
    """The evidence of the row selected in the table."""

    @app.callback(
        Output("evidence", "children"),
        Input("grid", "selectedRows"),
        Input("f-lang", "value"),
    )
    def show_evidence(rows, lang):
        live.refresh()
        lang = lang or "zh"
        if not rows:
            return html.P(t("evidence.empty", lang), className="hint")
        row = row_by_id(live, rows[0].get("id")) or rows[0]
        return evidence_panel(row, live.sources, live.doc_text, lang)
