"""The sources page: the documents with their metadata and counts, and how to read the dashboard."""

from __future__ import annotations

from collections.abc import Mapping

import dash_ag_grid as dag
import numpy as np
from dash import Input, Output, html, no_update

from dashboard.data import Prepared
from dashboard.i18n import t
from dashboard.live import Live
from dashboard.pages.table import GRID_LOCALE_ZH
from indicators.sources import SourceRecord

FIELDS = ("file", "doc_title", "city", "publisher", "published", "period", "rows", "cases",
          "damage", "sha256")  # fmt: skip


def damage_text(entry: dict | None, lang: str) -> str:
    """How many bytes of a document were damaged and where first: "5（第12行起）" / "5 (from line
    12)"; "" for a clean document."""
    n = (entry or {}).get("damaged_bytes")
    if not n:
        return ""
    places = (entry or {}).get("damage_at") or []
    return t("sources.damage_at", lang, n=n, line=places[0][0]) if places else str(n)


def document_records(
    prep: Prepared,
    sources: Mapping[str, SourceRecord],
    manifest: Mapping[str, dict] | None = None,
    lang: str = "zh",
) -> list[dict]:
    """One record per document of the table or of sources.yaml, with its rows, cases and damaged
    bytes (from the table's manifest)."""
    manifest = manifest or {}
    codes = prep.codes["doc"]
    rows = np.bincount(
        codes[codes >= 0], minlength=len(prep.cats["doc"])
    )  # rows without a doc: none
    cases = prep.df.groupby("doc", observed=True)["case_id"].nunique()
    docs = sorted(set(map(str, prep.cats["doc"])) | set(sources))
    index = {str(d): i for i, d in enumerate(prep.cats["doc"])}
    records = []
    for doc in docs:
        rec = sources.get(doc)
        records.append({
            "file": doc, "title": rec.title if rec else "", "city": rec.city if rec else "",
            "publisher": rec.publisher if rec else "", "published": rec.published if rec else "",
            "period": f"{rec.period_start}–{rec.period_end}" if rec and rec.period_start else "",
            "rows": int(rows[index[doc]]) if doc in index else 0,
            "cases": int(cases.get(doc, 0)), "sha256": rec.sha256[:12] if rec and rec.sha256 else "",
            "damage": damage_text(manifest.get(doc), lang),
        })  # fmt: skip
    return records


def sources_page(
    prep: Prepared,
    sources: Mapping[str, SourceRecord],
    lang: str,
    manifest: Mapping[str, dict] | None = None,
) -> list:
    """The documents (an AG Grid: Dash renders thousands of html components slowly) and the
    how-to."""
    records = document_records(prep, sources, manifest, lang)
    column_defs = [
        {"field": "title" if f == "doc_title" else f, "headerName": t(f"sources.{f}", lang),
         "minWidth": 260 if f == "doc_title" else 100, "flex": 2 if f == "doc_title" else 1}
        for f in FIELDS
    ]  # fmt: skip
    return [
        html.H2(t("sources.title", lang)),
        html.P(
            f"{t('sources.documents', lang)}: {len(records)}；"
            f"{t('sources.rows', lang)}: {len(prep):,}"
        ),
        dag.AgGrid(
            id="sources-table",
            rowData=records,
            columnDefs=column_defs,
            defaultColDef={"sortable": True, "filter": True, "resizable": True},
            dashGridOptions={
                "domLayout": "autoHeight",
                "pagination": len(records) > 20,
                "paginationPageSize": 20,
                "localeText": GRID_LOCALE_ZH if lang == "zh" else {},
            },
            style={"width": "100%"},
        ),
        html.H2(t("howto.title", lang)),
        html.Ul(
            [
                html.Li(line.lstrip("- "))
                for line in t("howto.text", lang).splitlines()
                if line.strip()
            ],
            className="howto",
            id="howto",
        ),
    ]


def layout(live: Live, lang: str = "zh") -> html.Div:
    return html.Div([html.Div(id="sources-content")], id="page-sources", style={"display": "none"})


def register(app, live: Live) -> None:
    @app.callback(
        Output("sources-content", "children"),
        Input("f-tab", "value"),
        Input("f-lang", "value"),
    )
    def render_sources(tab, lang):
        live.refresh()
        if tab != "sources":
            return no_update
        return sources_page(live.prep, live.sources, lang or "zh", live.manifest)
