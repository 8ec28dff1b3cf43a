"""The Dash app: `create_app(table, sources)` wires thin callbacks to the pure filters and figures.

One callback syncs the URL query with the controls (and chart clicks), one renders the view from the
state, one translates the labels, one shows a row's evidence. Exports are a plain Flask route
(`/export/xlsx?city=厦门…`) so a large export never blocks the page.

Serving: `indicators serve` (waitress, `dashboard.serving`), or for a team
`gunicorn 'dashboard.app:server'` (the table from $INDICATORS_TABLE, default
data/indicators.parquet; sources from $INDICATORS_SOURCES, default seeds/sources.yaml; the view
link's address from $INDICATORS_BASE_URL; uploads only with $INDICATORS_ALLOW_UPLOADS=1 and
$INDICATORS_UPLOAD_TOKEN). See docs/scale.md.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl, quote

import dash_ag_grid as dag
import numpy as np
import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from flask import Response, request

from dashboard import exports, figures, serving, uploads
from dashboard.data import (
    NONE,
    Headline,
    Prepared,
    chosen_comparable,
    column_mask,
    comparable_candidates,
    comparable_values,
    counts,
    cube_of_rows,
    headline,
    key_label,
    largest_changes,
    prepare,
    top_pairs,
    values_at,
)
from dashboard.evidence import sentence_parts
from dashboard.filters import FilterState, filter_mask, state_from_query, state_to_query
from dashboard.i18n import t
from dashboard.layout import (
    CONTROLS,
    GRAPHS,
    GRID_LOCALE_ZH,
    KEY_COLUMNS,
    MORE_COLUMNS,
    added_rows_table,
    column_defs,
    column_options,
    comparable_options,
    options,
    page,
    show_all_options,
)
from indicators.reading import file_stamp
from indicators.schema import BY_NAME
from indicators.sources import SourceRecord, load_sources

MAX_UPLOAD_MB = 5.0  # the largest upload the Add-document page takes
MAX_GRID_ROWS = 500  # rows sent to the browser's table (25 pages); the export has them all
ASSETS = Path(__file__).parent / "assets"


class TableNotFoundError(FileNotFoundError):
    """The indicator table to serve does not exist."""


# --- the view: everything the render callback computes, as one pure function -------------------


def view(prep: Prepared, state: FilterState, max_rows: int = MAX_GRID_ROWS) -> dict:
    """Figures, headline numbers and the first table rows for `state` (no Dash involved).

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
    table_mask = mask
    for column, value in state.sel:
        table_mask = table_mask & column_mask(prep, column, [value])
    candidates = comparable_candidates(agg, agg_mask)
    cmp_key = chosen_comparable(prep, state.cmp, candidates)
    cmp_label = key_label(prep, cmp_key.rpartition("|")[0], lang) if cmp_key else None
    pairs, pair_unit = top_pairs(prep, mask)
    return {
        "headline": headline(agg, agg_mask),
        "figures": [
            figures.city_domain_figure(
                counts(agg, agg_mask, ("city", "domain")), prep.domain_labels, lang
            ),
            figures.by_year_figure(counts(agg, agg_mask, ("year", "city")), lang),
            figures.up_down_figure(
                counts(agg, agg_mask, ("domain", "direction")), prep.domain_labels, lang
            ),
            figures.largest_changes_figure(largest_changes(prep, mask), lang),
            figures.dumbbell_figure(pairs, pair_unit, lang),
            figures.comparable_figure(
                comparable_values(prep, mask, cmp_key), cmp_key, lang, cmp_label
            ),
        ],
        "rows": grid_rows(prep, first_positions(table_mask, max_rows), lang),
        "total_rows": int(np.count_nonzero(table_mask)),
        "candidates": candidates,
        "cmp": cmp_key,
    }


def first_positions(mask: np.ndarray, n: int, block: int = 1 << 16) -> np.ndarray:
    """Positions of the first `n` True values of `mask`, scanning block by block."""
    found: list[np.ndarray] = []
    have = 0
    for start in range(0, len(mask), block):
        hits = np.flatnonzero(mask[start : start + block]) + start
        found.append(hits[: n - have])
        have += len(found[-1])
        if have >= n:
            break
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


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
    for c in ("value", "value_low"):
        values[c] = [None if np.isnan(v) else float(v) for v in values[c]]
    return [
        dict(zip(columns, row, strict=True))
        for row in zip(*(values[c] for c in columns), strict=True)
    ]


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
        tab=values.get("f-tab") or "overview",
    )


def chip_text(prep: Prepared, column: str, value: str, lang: str) -> str:
    """A chart selection in words: ("domain", "public_safety") -> "领域：平安建设"."""
    label = getattr(BY_NAME[column], lang) if column in BY_NAME else column
    if column == "domain":
        shown = figures.domain_name(value, prep.domain_labels, lang)
    elif column in ("direction", "role"):
        shown = t(f"{column}.{value}", lang)
    elif column == "city":
        shown = figures.city_name(value, lang)
    elif column == "indicator_key":
        label, shown = getattr(BY_NAME["indicator_label"], lang), key_label(prep, value, lang)
    elif value == NONE:
        shown = t("unit.none" if column == "unit" else "district.none", lang)
    else:
        shown = value
    return f"{label}：{shown}"


def _request_lang() -> str:
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


# --- rendering pieces --------------------------------------------------------------------------


def cards(h: Headline, lang: str) -> list:
    share = h.share_improving
    items = [
        ("cards.documents", f"{h.documents:,}", ""),
        ("cards.cases", f"{h.cases:,}", ""),
        ("cards.indicators", f"{h.indicators:,}", ""),
        (
            "cards.improving",
            "—" if share is None else f"{share:.0%}",
            t("cards.improving_note", lang, n=f"{h.with_direction:,}")
            if share is not None
            else t("cards.improving_none", lang),
        ),
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


def evidence_panel(
    row: dict, prep: Prepared, sources: Mapping[str, SourceRecord], doc_text, lang: str
):
    """The case, departments, document and the sentence with its number marked (text, never HTML)."""
    sentence = str(row.get("sentence") or "")
    parts = sentence_parts(
        sentence,
        str(row.get("surface") or ""),
        _int(row.get("start")),
        _int(row.get("end")),
        doc_text(str(row.get("doc") or "")),
    )
    rec = sources.get(str(row.get("doc") or ""))
    unit = row.get("unit") or ""
    name = row.get("indicator") or ""
    label = row.get("indicator_label") or name
    facts = [
        (BY_NAME["indicator"], name or "—"),
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
    return html.Div(
        [
            html.Div(
                [
                    html.Span(str(label), className="ev-indicator"),
                    html.Span(f" {_fmt(row.get('value'))} {unit}", className="ev-value"),
                ]
            ),
            html.Dl(
                [
                    x
                    for key, value in facts
                    for x in (html.Dt(_term(key, lang)), html.Dd(str(value)))
                ]
            ),
            html.Div(t("evidence.sentence", lang), className="filter-label"),
            html.Blockquote(
                [html.Mark(text) if hit else text for text, hit in parts], id="evidence-sentence"
            ),
        ]
    )


def _term(key, lang: str) -> str:
    """A fact's name: a label key, or a schema column (its header in `lang`)."""
    return getattr(key, lang) if hasattr(key, "zh") else t(key, lang)


def _int(v) -> int | None:
    try:
        return None if v is None or pd.isna(v) else int(v)
    except (TypeError, ValueError):
        return None


def _fmt(v) -> str:
    try:
        return f"{float(v):,.10g}"
    except (TypeError, ValueError):
        return ""


def sources_page(prep: Prepared, sources: Mapping[str, SourceRecord], lang: str) -> list:
    """The documents with their metadata and counts, and how to read the dashboard.

    The documents are an AG Grid (one component), not an html table: Dash renders thousands of
    html components slowly.
    """
    rows = np.bincount(np.maximum(prep.codes["doc"], 0), minlength=len(prep.cats["doc"]))
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
        })  # fmt: skip
    fields = (
        "file",
        "doc_title",
        "city",
        "publisher",
        "published",
        "period",
        "rows",
        "cases",
        "sha256",
    )
    column_defs = [
        {"field": "title" if f == "doc_title" else f, "headerName": t(f"sources.{f}", lang),
         "minWidth": 260 if f == "doc_title" else 100, "flex": 2 if f == "doc_title" else 1}
        for f in fields
    ]  # fmt: skip
    return [
        html.H2(t("sources.title", lang)),
        html.P(
            f"{t('sources.documents', lang)}: {len(docs)}；{t('sources.rows', lang)}: {len(prep):,}"
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
        ),  # fmt: skip
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


# --- the app -----------------------------------------------------------------------------------


def create_app(
    table: pd.DataFrame,
    sources: Mapping[str, SourceRecord] | None = None,
    docs_dir: Path | str | None = None,
    max_grid_rows: int = MAX_GRID_ROWS,
    store: tuple[Path, Path] | None = None,
    max_upload_mb: float = MAX_UPLOAD_MB,
    allow_uploads: bool = False,
    upload_token: str | None = None,
    base_url: str | None = None,
) -> Dash:
    """A dashboard over `table` (any frame the schema can conform; missing columns degrade).

    `store` = (corpus folder, table path): the app follows the table on disk, and with
    `allow_uploads` the Add-document page copies uploads into the corpus, records them in its
    sources.yaml and extracts them into the table (with `upload_token` set, only for visitors who
    type it). `base_url` is the public address the exported view link starts with (default: the
    address the server listens on, never the request's Host header).
    """
    prep = prepare(table)
    sources = dict(sources or {})
    full_years = prep.year_range
    uploads_on = bool(allow_uploads and store)
    view_base = serving.check_base_url(base_url) if base_url else None
    app = Dash(
        __name__,
        title=t("app.title"),
        assets_folder=str(ASSETS),
        update_title=None,
        suppress_callback_exceptions=not uploads_on,  # without uploads the Add form is absent
    )
    serving.harden(app.server, serving.body_limit(max_upload_mb, uploads_on))
    stamp = file_stamp(store[1]) if store else None
    reload_lock = threading.Lock()

    def refresh() -> None:
        """Reload the table when another process replaced it on disk (an upload served by another
        worker, `indicators add`): every write swaps the file or dataset in whole, so its inode
        changes. A stat per request; the reload itself only after a change."""
        nonlocal prep, stamp, full_years
        if store is None or file_stamp(store[1]) in (stamp, None):
            return
        with reload_lock:
            now = file_stamp(store[1])
            if now in (stamp, None):
                return  # another thread of this process reloaded it meanwhile
            prep = prepare(load_table(store[1]))
            stamp, full_years, app.prep = now, prep.year_range, prep
            cached_view.cache_clear()
            sources.update(load_sources(Path(store[0]) / "sources.yaml"))

    def layout():
        refresh()
        return page(prep, _request_lang(), max_upload_mb, uploads_on, bool(upload_token))

    app.layout = layout

    @lru_cache(maxsize=64)
    def cached_view(state: FilterState) -> dict:
        # the same link opened by many people is computed once per process (the table is fixed)
        return view(prep, state, max_grid_rows)

    @lru_cache(maxsize=32)
    def doc_text(doc: str) -> str | None:
        if not docs_dir or not doc:
            return None
        path = Path(docs_dir) / doc
        if not path.is_file() or path.parent.resolve() != Path(docs_dir).resolve():
            return None
        try:
            from indicators.reading import read_document  # noqa: PLC0415

            return read_document(path).text
        except Exception:  # noqa: BLE001 (no text, no document-relative highlight)
            return None

    @app.callback(
        Output("url", "search"),
        Output("state", "data"),
        *[Output(c, "value") for c in CONTROLS],
        Input("url", "search"),
        *[Input(c, "value") for c in CONTROLS],
        *[Input(g, "clickData") for g in GRAPHS],
        Input("btn-reset", "n_clicks"),
        Input("btn-clear-sel", "n_clicks"),
    )
    def sync_url_and_controls(search, *args):
        refresh()
        values = dict(zip(CONTROLS, args[: len(CONTROLS)], strict=True))
        clicks = dict(zip(GRAPHS, args[len(CONTROLS) : len(CONTROLS) + len(GRAPHS)], strict=True))
        trigger = ctx.triggered_id
        previous = state_from_query(search)
        if trigger is None or trigger == "url":
            state = previous
        elif trigger == "btn-reset":
            state = FilterState(lang=previous.lang, tab=previous.tab)
        elif trigger == "btn-clear-sel":
            state = replace(previous, sel=())
        elif trigger in GRAPHS:
            state = replace(previous, sel=selection_from_click(clicks[trigger]) or previous.sel)
        else:
            state = state_from_controls(values, previous, full_years)
        query = state_to_query(state)
        # unchanged controls get no_update: a re-sent value would wake every callback that reads it
        shown = [
            new if _differs(new, values[c]) else no_update
            for c, new in zip(CONTROLS, controls_of(state, full_years), strict=True)
        ]
        return (query if query != (search or "") else no_update, query, *shown)

    @app.callback(
        *[Output(g, "figure") for g in GRAPHS],
        Output("cards", "children"),
        Output("grid", "rowData"),
        Output("grid-note", "children"),
        Output("selection-box", "children"),
        Output("btn-clear-sel", "style"),
        Output("export-xlsx", "href"),
        Output("export-csv", "href"),
        Output("f-cmp", "options"),
        Output("f-cmp", "placeholder"),
        Output("page-overview", "style"),
        Output("page-sources", "style"),
        Output("page-add", "style"),
        Input("state", "data"),
    )
    def render(query):
        refresh()
        state = state_from_query(query)
        links = [app.get_relative_path(f"/export/{fmt}") + (query or "") for fmt in ("xlsx", "csv")]
        if state.tab in ("sources", "add"):
            shown, hidden = {"display": "block"}, {"display": "none"}
            return (
                *[no_update] * (len(GRAPHS) + 5),
                *links,
                no_update,
                no_update,
                hidden,
                shown if state.tab == "sources" else hidden,
                shown if state.tab == "add" else hidden,
            )
        v = cached_view(state)
        lang = state.lang
        note = (
            t("table.showing", lang, total=f"{v['total_rows']:,}", shown=f"{len(v['rows']):,}")
            if v["total_rows"] > len(v["rows"])
            else t("table.showing_all", lang, total=f"{v['total_rows']:,}")
        )
        sel = (
            [html.Span(t("selection.title", lang) + "：", className="filter-label")]
            + [
                html.Span(chip_text(prep, c, val, lang), className="chip", title=f"{c}={val}")
                for c, val in state.sel
            ]
            if state.sel
            else []
        )
        cmp_opts = comparable_options(prep, lang, v["candidates"])
        cmp_placeholder = next((o["label"] for o in cmp_opts if o["value"] == v["cmp"]), "")
        return (
            *v["figures"],
            cards(v["headline"], lang),
            v["rows"],
            note,
            sel,
            {"display": "inline-block"} if state.sel else {"display": "none"},
            *links,
            cmp_opts,
            cmp_placeholder,
            {"display": "block"},
            {"display": "none"},
            {"display": "none"},
        )

    @app.callback(
        Output("sources-content", "children"),
        Input("f-tab", "value"),
        Input("f-lang", "value"),
    )
    def render_sources(tab, lang):
        refresh()
        if tab != "sources":
            return no_update
        return sources_page(prep, sources, lang or "zh")

    @app.callback(
        Output({"type": "t", "key": ALL}, "children"),
        Output("f-city", "options"),
        Output("f-district", "options"),
        Output("f-domain", "options"),
        Output("f-direction", "options"),
        Output("f-role", "options"),
        Output("f-unit", "options"),
        Output("f-all", "options"),
        Output("f-q", "placeholder"),
        Output("btn-reset", "children"),
        Output("btn-clear-sel", "children"),
        Output("export-xlsx", "children"),
        Output("export-csv", "children"),
        Output("tab-overview", "label"),
        Output("tab-sources", "label"),
        Output("tab-add", "label"),
        Output("col-toggle", "options"),
        Output("grid", "columnDefs"),
        Output("grid", "dashGridOptions"),
        Input("f-lang", "value"),
        Input("col-toggle", "value"),
        State("grid", "dashGridOptions"),
    )
    def translate(lang, extra, grid_options):
        lang = lang or "zh"
        keys = [o["id"]["key"] for o in ctx.outputs_list[0]]
        opts = options(prep, lang)
        grid_options = dict(grid_options or {})
        grid_options["localeText"] = GRID_LOCALE_ZH if lang == "zh" else {}
        return (
            [t(k, lang) for k in keys],
            opts["city"],
            opts["district"],
            opts["domain"],
            opts["direction"],
            opts["role"],
            opts["unit"],
            show_all_options(lang),
            t("filters.search_placeholder", lang),
            t("filters.reset", lang),
            t("selection.clear", lang),
            t("export.xlsx", lang),
            t("export.csv", lang),
            t("tab.overview", lang),
            t("tab.sources", lang),
            t("tab.add", lang),
            column_options(lang),
            column_defs(lang, list(extra or [])),
            grid_options,
        )

    @app.callback(
        Output("evidence", "children"),
        Input("grid", "selectedRows"),
        Input("f-lang", "value"),
    )
    def show_evidence(rows, lang):
        refresh()
        lang = lang or "zh"
        if not rows:
            return html.P(t("evidence.empty", lang), className="hint")
        row = rows[0]
        found = prep.df.index[prep.df["id"] == row.get("id")] if row.get("id") else []
        if len(found):
            full = exports.export_frame(prep, [int(found[0])]).astype(object)
            row = full.where(full.notna(), None).iloc[0].to_dict()
        return evidence_panel(row, prep, sources, doc_text, lang)

    def export_response(fmt: str):
        refresh()
        registry = exports.exporters()
        if fmt not in registry or fmt not in exports.MIME:
            return Response(
                f"unknown export format {fmt!r}; use one of {sorted(registry)}", status=404
            )
        state = state_from_query(request.query_string.decode("utf-8", "replace"))
        positions = np.flatnonzero(filter_mask(prep, state, selection=True))
        frame = exports.export_frame(prep, positions)
        now = datetime.now().astimezone()
        docs = sorted({str(d) for d in frame["doc"].dropna().unique()})
        base = view_base or serving.own_address(
            request.environ.get("SERVER_NAME", "127.0.0.1"),
            request.environ.get("SERVER_PORT", "80"),
            request.scheme,
        ).rstrip("/") + app.get_relative_path("/")
        link = base + state_to_query(state)
        about = exports.about(state, sources, docs, len(frame), now, link)
        try:
            body = (
                registry[fmt](frame, about=about, lang=state.lang)
                if fmt == "xlsx"
                else registry[fmt](frame, lang=state.lang)
            )
        except ValueError as exc:  # e.g. more rows than a worksheet holds
            return Response(
                f"{exc}; narrow the filters or export CSV",
                status=413,
                mimetype="text/plain; charset=utf-8",
            )
        name = exports.filename(fmt, now)
        return Response(
            body,
            mimetype=exports.MIME[fmt],
            headers={
                "Content-Disposition": f"attachment; filename={name}; filename*=UTF-8''{quote(name)}",
                "Cache-Control": "no-store",
            },
        )

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
    def add_document(_clicks, contents, filename, city, published, title, token, lang):
        lang = lang if lang in ("zh", "en") else "zh"
        if not uploads_on:  # a request crafted for a dashboard without uploads
            return html.P(t("add.off" if store else "add.disabled", lang), className="msg-error")
        if not uploads.token_matches(token, upload_token):
            return html.P(t("add.bad_token", lang), className="msg-error")
        if not contents or not filename or not city or not published:
            return html.P(t("add.missing", lang), className="msg-error")
        try:
            rows, name = store_upload(filename, contents, city, published, title)
        except uploads.UploadError as exc:
            return html.P(t("add.failed", lang, error=str(exc)), className="msg-error")
        refresh()  # this process shows the new rows from now on (other workers on their next request)
        note = rows.attrs.get("damage")  # the file had damaged bytes: say which and where
        damage = [html.P(note, id="add-damage", className="msg-error")] if note else []
        return [html.P(t("add.done", lang, name=name, n=len(rows)), className="msg-ok"), *damage,
                added_rows_table(rows, lang)]  # fmt: skip

    def store_upload(filename, contents, city, published, title) -> tuple[pd.DataFrame, str]:
        """Check the upload and add it to the corpus; every refusal is an UploadError."""
        from indicators.corpus import add_uploaded_text  # noqa: PLC0415
        from indicators.errors import USER_ERRORS  # noqa: PLC0415

        max_bytes = int(max_upload_mb * 1e6)
        try:
            up = uploads.checked_upload(filename, contents, city, published, title, max_bytes)
            rows = add_uploaded_text(
                up.name, up.data, up.city, up.published, up.title, store[0], store[1], max_bytes
            )
        except USER_ERRORS as exc:
            raise uploads.UploadError(str(exc)) from None
        except OSError as exc:  # the disk: full, read-only, a name the file system refuses
            raise uploads.UploadError(
                f"{str(filename)[:60]}: the document could not be stored ({exc.strerror or exc}); "
                "tell the dashboard's operator"
            ) from None
        return rows, up.name

    app.server.add_url_rule(app.get_relative_path("/export/<fmt>"), "export", export_response)
    app.prep = prep  # for tests and the benchmark
    return app


# --- serving -----------------------------------------------------------------------------------


def load_table(path: Path | str) -> pd.DataFrame:
    """Read the indicator table (.parquet, .csv, .jsonl or .xlsx)."""
    path = Path(path)
    if not path.exists():
        raise TableNotFoundError(
            f"{path}: no indicator table here; build it with `indicators extract seeds/*.txt -o {path}`"
        )
    suffix = path.suffix.lower()
    if suffix == ".parquet" or path.is_dir():
        from indicators.storage import load_table as load_parquet  # noqa: PLC0415

        return load_parquet(path)  # a file or a dataset partitioned by city
    if suffix in (".csv", ".jsonl", ".xlsx"):
        from indicators.exporters import read_table  # noqa: PLC0415

        return read_table(path)
    raise TableNotFoundError(
        f"{path}: unknown table format {suffix!r} (use .parquet, .csv, .jsonl or .xlsx)"
    )


def app_for(
    table_path: Path | str,
    sources_path: Path | str | None = None,
    allow_uploads: bool = False,
    upload_token: str | None = None,
    base_url: str | None = None,
) -> Dash:
    """The app over a table file; sources and document texts from the sources file's folder,
    which is also the corpus that uploads go to (when `allow_uploads`)."""
    sources_path = Path(sources_path or os.environ.get("INDICATORS_SOURCES", "seeds/sources.yaml"))
    return create_app(
        load_table(table_path),
        load_sources(sources_path),
        docs_dir=sources_path.parent,
        store=(sources_path.parent, Path(table_path)),
        allow_uploads=allow_uploads,
        upload_token=upload_token,
        base_url=base_url,
    )


def run(
    table_path: Path | str = "data/indicators.parquet",
    host: str = "127.0.0.1",
    port: int = 8050,
    debug: bool = False,
    sources_path: Path | str | None = None,
    allow_uploads: bool = False,
    upload_token: str | None = None,
    base_url: str | None = None,
    threads: int = serving.DEFAULT_THREADS,
) -> None:
    """Serve the dashboard with waitress (`debug`: Flask's development server, loopback only);
    prints nothing itself, the CLI announces the URL. Raises ServeRefused for what it refuses."""
    serving.check_serve_options(host, debug, allow_uploads, upload_token)
    serving.check_port_free(host, port)
    base_url = base_url or serving.own_address(host, port)
    app = app_for(table_path, sources_path, allow_uploads, upload_token, base_url)
    if debug:
        app.run(host=host, port=port, debug=True)
    else:
        limit = app.server.config["MAX_CONTENT_LENGTH"]
        serving.serve(app.server, host, port, threads, limit)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@lru_cache(maxsize=1)
def _default_app() -> Dash:
    """The app a WSGI server imports: the bind address is unknown here, so uploads need a token."""
    allow = _env_flag("INDICATORS_ALLOW_UPLOADS")
    token = os.environ.get("INDICATORS_UPLOAD_TOKEN") or None
    if allow and not token:
        raise serving.ServeRefused(
            "INDICATORS_ALLOW_UPLOADS is set but INDICATORS_UPLOAD_TOKEN is not: under a WSGI "
            "server anyone who reaches it could add documents; set INDICATORS_UPLOAD_TOKEN to a "
            f"token of {serving.MIN_TOKEN_CHARS} characters or more, or unset INDICATORS_ALLOW_UPLOADS"
        )
    serving.check_serve_options("0.0.0.0", False, allow, token)
    return app_for(
        os.environ.get("INDICATORS_TABLE", "data/indicators.parquet"),
        allow_uploads=allow,
        upload_token=token,
        base_url=os.environ.get("INDICATORS_BASE_URL") or None,
    )


def __getattr__(name: str):
    """`dashboard.app:server` for WSGI servers, built on first access (not at import)."""
    if name == "server":
        try:
            return _default_app().server
        except serving.ServeRefused as exc:  # the WSGI server stops with the message
            raise SystemExit(f"error: {exc}") from None
    raise AttributeError(name)
