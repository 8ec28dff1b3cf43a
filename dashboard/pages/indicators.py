"""The indicators view for leaders (the landing page): per domain, the indicators that have data,
each a card with its label, its latest value as readers read it, the change with an arrow coloured
by `improving`, the city and year; a click on a card shows where the number comes from.

With one city it reads as that city's report card; with several picked, a comparison block first
puts the cities side by side on the indicators they share (one key in one unit: a level and its change
rate are never one card). The city and year pickers of the side panel drive it; core rows by
default. The data is `dashboard.report`; this module only turns it into components.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import numbers
from dashboard.components import T
from dashboard.figures import city_name
from dashboard.filters import FilterState, state_from_query
from dashboard.i18n import t
from dashboard.live import Live
from dashboard.pages import evidence
from dashboard.report import Change, Item, Reading, Report, Section, report_for_state

ARROWS = {"up": "▲", "down": "▼", None: "■"}
PER_DOMAIN = 4  # cards per domain: one row each, the report card fits a screen or two
PER_DOMAIN_CHOSEN = 24  # when the reader picked domains, more of each
TONES = {True: "good", False: "bad", None: "neutral"}
CARD = "ind-card"  # the pattern-matching id type of a card: {"type", "row", "at"}


def value_text(r: Reading, lang: str) -> str:
    """The reading's value as readers read it: "1.7亿元", "96%以上", "3–5天"; a change item's value
    with its sign ("−24.96%")."""
    signed = r.role == "change"
    return numbers.format_value(
        r.value, r.unit, lang, qualifier=r.qualifier, value_low=r.value_low,
        direction=r.direction, signed=signed,
    )  # fmt: skip


def basis_text(comparison: str | None, lang: str) -> str:
    """What a change is measured against: "同比", "环比", "较基期" ("" when not stated)."""
    basis = t(f"report.basis.{comparison}", lang) if comparison else ""
    return "" if basis.startswith("report.basis.") else basis


def change_text(c: Change, lang: str) -> str:
    """ "同比 −24.96%" / "yoy −24.96%"; a pair's baseline before its change: "原 15天 · −99.4%".

    A relative change computed from a pair is rounded to one decimal (the text gave two values,
    not this rate); every other number keeps the digits the text wrote."""
    value = round(abs(c.value), 1) if c.source == "pair" and c.unit == "%" else abs(c.value)
    shown = numbers.format_value(value, c.unit, lang, direction=c.direction, signed=True)
    if c.source == "pair" and c.base is not None:
        base = numbers.format_value(c.base, c.base_unit or "", lang)
        return t("report.change.pair", lang, base=base, change=shown)
    return f"{basis_text(c.comparison, lang)} {shown}".strip()


def place_year(r: Reading, lang: str) -> str:
    """ "厦门 · 思明区 · 2022年" / "Xiamen · 2022"."""
    place = [city_name(r.city, lang)] if r.city else [t("city.none", lang)]
    if r.district:
        place.append(r.district)
    year = t("report.year", lang, year=r.year) if r.year else t("report.no_year", lang)
    return " · ".join([*place, year])


def change_line(r: Reading, lang: str) -> html.Div:
    """The change under the value: arrow, text and tone from `improving` (green, red, grey)."""
    tone = TONES[r.improving]  # a reading's change carries the reading's own improving
    if r.change is not None and r.change.row_id == r.row_id:  # a change item: its own row
        arrow = ARROWS.get(r.change.direction, "■")
        text = basis_text(r.change.comparison, lang) or t("report.is_change", lang)
    elif r.change is not None:
        arrow, text = ARROWS.get(r.change.direction, "■"), change_text(r.change, lang)
    elif r.role == "change":
        arrow, text = ARROWS.get(r.direction, "■"), t("report.is_change", lang)
    else:
        return html.Div(t("report.no_change", lang), className="ind-change none")
    tip = t(f"report.tone.{tone}", lang)
    return html.Div(
        [html.Span(arrow, className="ind-arrow"), html.Span(text)],
        className=f"ind-change {tone}",
        title=tip,
    )


def card(item: Item, r: Reading, lang: str, at: str) -> html.Button:
    """One indicator's card; a click shows its evidence (`at` keeps card ids apart per block)."""
    meta = place_year(r, lang)
    if item.mentions > 1:
        meta += " · " + t("report.mentions", lang, n=item.mentions)
    return html.Button(
        [
            html.Div(item.label, className="ind-label", title=item.key),
            html.Div(value_text(r, lang), className="ind-value"),
            change_line(r, lang),
            html.Div(meta, className="ind-meta"),
        ],
        id={"type": CARD, "row": r.row_id, "at": at},
        className="ind-card",
        n_clicks=0,
    )


def compare_card(item: Item, lang: str) -> html.Div:
    """One indicator in every city that reports it: a line per city with its latest value, year
    and change, and a bar to scale (levels only: the same key and unit, never mixed)."""
    largest = max((abs(r.value) for r in item.readings), default=0) or 1
    lines = []
    for r in item.readings:
        width = f"{max(2.0, 100 * abs(r.value) / largest):.0f}%"
        tone = TONES[r.improving]
        change = change_text(r.change, lang) if r.change else ""
        lines.append(
            html.Button(
                [
                    html.Span(city_name(r.city, lang) if r.city else "—", className="cmp-city"),
                    html.Span(
                        html.Span(style={"width": width}, className="cmp-fill"), className="cmp-bar"
                    ),  # fmt: skip
                    html.Span(value_text(r, lang), className="cmp-value"),
                    html.Span(
                        t("report.year", lang, year=r.year) if r.year else "", className="cmp-year"
                    ),  # fmt: skip
                    html.Span(change, className=f"cmp-change {tone}"),
                ],
                id={"type": CARD, "row": r.row_id, "at": "cmp"},
                className="cmp-line",
                n_clicks=0,
            )
        )
    return html.Div([html.Div(item.label, className="ind-label"), *lines], className="cmp-card")


def section_block(section: Section, lang: str) -> html.Section:
    """A domain: its heading, its cards, and what is left out or why it is empty."""
    body: list = [html.H3(section.label, className="ind-domain")]
    if section.items:
        cards = [card(item, item.latest, lang, "sec") for item in section.items]
        body.append(html.Div(cards, className="ind-cards"))
    elif section.reason:
        body.append(html.P(t(f"report.section.{section.reason}", lang), className="hint"))
    if section.more:
        body.append(html.P(t("report.more", lang, n=section.more), className="hint"))
    return html.Section(body, className="ind-section")


def scope_text(report: Report, state: FilterState, lang: str) -> str:
    """What the view covers: "厦门、盐田 · 2019–2022年 · 核心指标（另有 12 个背景数字）"."""
    cities = "、" if lang == "zh" else ", "
    names = cities.join(city_name(c, lang) if c else t("city.none", lang) for c in report.cities)
    parts = [names or t("report.all_cities", lang)]
    if state.year:
        parts.append(t("report.years", lang, low=state.year[0], high=state.year[1]))
    core = t("report.all_rows" if state.show_all else "report.core_rows", lang)
    if report.hidden_context and not state.show_all:
        core += t("report.hidden", lang, n=report.hidden_context)
    return " · ".join([*parts, core])


def report_children(report: Report, state: FilterState) -> list:
    """The page's content for a report: the scope, an empty view's reason, the comparison, the
    domains."""
    lang = state.lang
    out: list = [html.P(scope_text(report, state, lang), id="report-scope", className="scope")]
    if report.reason:
        hint = t(f"report.empty.{report.reason}", lang, n=report.hidden_context)
        return [*out, html.Div(hint, id="report-empty", className="empty-view")]
    if report.compare and len(state.city) >= 2:  # the cities the reader picked, side by side
        out.append(html.H3(t("report.compare.title", lang), className="ind-domain"))
        if report.comparison:
            blocks = [compare_card(item, lang) for item in report.comparison]
            out.append(html.Div(blocks, className="cmp-cards", id="report-compare"))
        else:
            out.append(html.P(t("report.empty.no_shared", lang), className="hint"))
    elif report.compare:  # every city: a hint instead of a comparison of all (heavy to draw)
        out.append(html.P(t("report.compare.pick", lang), className="hint", id="report-pick"))
    out += [section_block(s, lang) for s in report.sections]
    return out


def layout(live: Live, lang: str = "zh") -> html.Div:
    """The view: its title and hint, the report, and the evidence of the card clicked."""
    return html.Div(
        [
            T("report.title", html.H2),
            T("report.hint", html.P, className="hint"),
            html.Div(
                [
                    dcc.Loading(html.Div(id="report"), type="dot"),
                    html.Div(
                        [T("report.evidence_title", html.H2), html.Div(id="report-evidence")],
                        className="evidence-card report-evidence",
                    ),
                ],
                className="report-row",
            ),
        ],
        id="page-indicators",
        style={"display": "none"},
    )


def register(app, live: Live) -> None:
    """The report follows the view state; a card's click shows its evidence."""
    reports = live.memo(
        lambda state: report_for_state(
            live.prep, state, max_per_domain=PER_DOMAIN_CHOSEN if state.domain else PER_DOMAIN
        )
    )

    @app.callback(Output("report", "children"), Input("state", "data"))
    def render(query):
        live.refresh()
        state = state_from_query(query)
        if state.tab != "indicators":
            return no_update
        return report_children(reports(state), state)

    @app.callback(
        Output("report-evidence", "children"),
        Input({"type": CARD, "row": ALL, "at": ALL}, "n_clicks"),
        State("f-lang", "value"),
    )
    def show_evidence(clicks, lang):
        live.refresh()
        lang = lang or "zh"
        chosen = ctx.triggered_id
        clicked = bool(ctx.triggered and ctx.triggered[0].get("value"))
        row = evidence.row_by_id(live, chosen["row"]) if chosen and clicked else None
        if row is None:  # the cards were (re)drawn and nobody clicked yet
            return html.P(t("report.evidence_empty", lang), className="hint")
        return evidence.evidence_panel(
            row, live.sources, live.doc_text, lang, sentence_id="report-sentence"
        )
