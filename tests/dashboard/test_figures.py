"""Pure tests of the figure builders, the view, evidence and exports (no browser)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from urllib.parse import parse_qsl

import numpy as np
import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures, numbers
from dashboard.app import create_app
from dashboard.controls import selection_from_click
from dashboard.data import (
    comparable_values,
    counts,
    key_label,
    largest_changes,
    prepare,
    top_pairs,
)
from dashboard.evidence import sentence_parts
from dashboard.exports import about, export_frame, exporters
from dashboard.filters import FilterState, filter_mask
from dashboard.pages.overview import view
from dashboard.pages.table import table_view


def checked(fig: go.Figure) -> go.Figure:
    """The figure re-built with plotly's validation on (the app skips it for speed)."""
    return go.Figure(fig.to_dict())


@pytest.fixture(scope="module")
def prep(small_table):
    return prepare(small_table)


@pytest.fixture(scope="module")
def everything(prep):
    return np.ones(len(prep), dtype=bool)


def test_city_domain_heatmap(prep, everything):
    fig = checked(
        figures.city_domain_figure(counts(prep, everything, ("city", "domain")), prep.domain_labels)
    )
    heat = fig.data[0]
    assert isinstance(heat, go.Heatmap)
    assert int(np.asarray(heat.z).sum()) == len(prep)
    assert "未分类" in heat.y  # the hand row without a domain
    assert fig.layout.title.text == "各城市各领域的指标数量"
    assert fig.layout.xaxis.title.text == "城市"
    assert {tuple(dict(parse_qsl(c))) for row in heat.customdata for c in row if c} == {
        ("city", "domain")
    }


def test_by_year_axis_is_integer_years(prep, everything):
    fig = checked(figures.by_year_figure(counts(prep, everything, ("year", "city"))))
    assert len(fig.data) == 10
    assert fig.layout.xaxis.tickformat == "d" and fig.layout.xaxis.type == "linear"
    assert fig.layout.xaxis.dtick == 1
    xs = np.concatenate([np.asarray(tr.x) for tr in fig.data])
    assert np.issubdtype(xs.dtype, np.integer)
    assert sum(int(np.asarray(tr.y).sum()) for tr in fig.data) == int((prep.year > 0).sum())
    assert "指标数量" in fig.layout.yaxis.title.text


def test_up_down_counts(prep, everything, small_table):
    fig = checked(
        figures.up_down_figure(
            counts(prep, everything, ("domain", "direction")), prep.domain_labels
        )
    )
    up = sum(int(v) for v in fig.data[0].x)
    down = sum(int(v) for v in fig.data[1].x)
    assert (up, down) == (
        (small_table["direction"] == "up").sum(),
        (small_table["direction"] == "down").sum(),
    )
    assert fig.data[0].name == "上升" and fig.data[1].name == "下降"


def test_largest_changes_signs_and_colours(prep, everything):
    mask = filter_mask(prep, FilterState(q="专项整治"))
    rows = largest_changes(prep, mask)
    assert rows["signed"].tolist() == [-42.5]
    fig = checked(figures.largest_changes_figure(rows))
    assert fig.data[0].name == "改善"  # 发生率 falling is an improvement
    assert fig.data[0].text == ("−42.5%",)  # the minus sign, as numbers.py writes it
    assert "%" in fig.layout.xaxis.title.text
    everything_rows = largest_changes(prep, everything, top=15)
    assert len(everything_rows) == 15
    assert everything_rows["signed"].abs().is_monotonic_decreasing


def test_dumbbell_from_to(prep):
    pairs, unit = top_pairs(prep, filter_mask(prep, FilterState(q="64.5%提升至91.7%")))
    fig = checked(figures.dumbbell_figure(pairs, unit))
    base, cur = fig.data[1], fig.data[2]
    assert (list(base.x), list(cur.x)) == ([64.5], [91.7])
    assert dict(parse_qsl(cur.customdata[0])) == {"pair_id": "hand-pair"}
    assert "（%）" in fig.layout.title.text


def test_comparable_picks_one_key_and_unit(prep, everything):
    """The default comparison is one key in one unit; the title shows its label, the axis its unit,
    and the points are the median of exactly those rows per city and year."""
    v = view(prep, FilterState())
    key = v["cmp"]
    ident, _, unit = key.rpartition("|")
    rows = prep.df[(prep.df["indicator_key"] == ident) & (prep.df["unit"] == unit)]
    want = rows.groupby(["city", "year"], observed=True)["value"].median()
    values = comparable_values(prep, everything, key)
    got = zip(zip(values["city"], values["year"], strict=True), values["value"], strict=True)
    assert dict(got) == pytest.approx(dict(want.items()))
    fig = checked(v["figures"][5])
    factor, shown_unit = numbers.scale_for(float(want.abs().max()), unit, "zh")
    assert key_label(prep, ident) in fig.layout.title.text
    assert shown_unit in fig.layout.yaxis.title.text and fig.layout.xaxis.tickformat == "d"
    got = {
        (tr.name, x): y * factor for tr in fig.data for x, y in zip(tr.x, tr.y, strict=True) if x
    }
    assert got == pytest.approx(dict(want.items()))


def test_empty_filters_give_titled_empty_figures(prep):
    v = view(prep, FilterState(city=("不存在",)))
    for fig in map(checked, v["figures"]):
        assert fig.layout.title.text
        assert fig.layout.annotations[0].text.startswith("当前筛选下没有可显示的数据：放宽")
    rows = table_view(prep, FilterState(city=("不存在",)))
    assert rows["total_rows"] == 0 and rows["rows"] == []


def test_english_labels(prep):
    v = view(prep, FilterState(lang="en"))
    assert checked(v["figures"][0]).layout.title.text == "Indicators by city and domain"
    assert checked(v["figures"][1]).layout.xaxis.title.text == "Year"
    assert "Urban management" in checked(v["figures"][0]).data[0].y


def test_view_rows_are_capped_and_json_ready(prep):
    v = table_view(prep, FilterState(), max_rows=50)
    assert len(v["rows"]) == 50 and v["total_rows"] == len(prep)
    assert all(
        not (isinstance(x, float) and np.isnan(x)) for row in v["rows"] for x in row.values()
    )
    assert {r["role"] for r in v["rows"]} <= {"水平值", "变化率", "基期值", "现期值", "目标值"}


def test_click_becomes_selection():
    click = {"points": [{"customdata": "city=厦门&domain=public_safety", "x": "厦门"}]}
    assert selection_from_click(click) == (("city", "厦门"), ("domain", "public_safety"))
    assert selection_from_click({"points": []}) == ()
    assert selection_from_click(None) == ()


@pytest.mark.parametrize(
    ("sentence", "surface", "start", "end", "doc", "marked"),
    [
        ("食安群众满意度从64.5%提升至91.7%。", "91.7%", 999, 1004, None, "91.7%"),
        # the same number twice: the document text decides which one
        ("从5%提升至5%", "5%", 10 + 6, 10 + 8, "0123456789从5%提升至5%", "5%"),
        ("<script>alert(1)</script>共受理12件", "12件", 0, 0, None, "12件"),
        ("没有这个数", "42%", 0, 3, None, None),
    ],
)
def test_sentence_parts(sentence, surface, start, end, doc, marked):
    parts = sentence_parts(sentence, surface, start, end, doc)
    assert "".join(p for p, _ in parts) == sentence
    assert [p for p, hit in parts if hit] == ([marked] if marked else [])


def test_sentence_parts_uses_document_offsets():
    doc = "前文。从5%提升至5%。"
    parts = sentence_parts("从5%提升至5%。", "5%", 9, 11, doc)
    assert parts == [("从5%提升至", False), ("5%", True), ("。", False)]


def test_export_about_and_xlsx_round_trip(prep, sources):
    state = FilterState(city=("厦门",), q="注入测试")
    positions = np.flatnonzero(filter_mask(prep, state))
    frame = export_frame(prep, positions)
    info = about(state, sources, ["hand_000.txt"], len(frame), datetime(2026, 1, 2, tzinfo=UTC))
    assert "城市: 厦门" in info["筛选条件 Filters"] and "注入测试" in info["筛选条件 Filters"]
    assert "厦门日报社" in info["来源文档 Sources"]
    for registry in (exporters(),):
        book = openpyxl.load_workbook(io.BytesIO(registry["xlsx"](frame, about=info, lang="zh")))
        data = book.worksheets[0]
        cells = [c for row in data.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        values = {c.value for c in cells}
        assert '=HYPERLINK("http://x","y")' in values or '\'=HYPERLINK("http://x","y")' in values
        assert "指标" in values
        assert any(
            "厦门日报社" in str(c.value) for row in book.worksheets[1].iter_rows() for c in row
        )


def test_csv_export_has_bom_and_neutralised_formula(prep):
    frame = export_frame(prep, np.flatnonzero(filter_mask(prep, FilterState(q="注入测试"))))
    for registry in (exporters(),):
        body = registry["csv"](frame, lang="zh")
        assert body.startswith("\ufeff".encode())
        back = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str)
        assert not back.apply(lambda s: s.str.startswith(("=", "+", "@"), na=False)).any().any()


def test_export_route(small_table, sources):
    app = create_app(small_table, sources)
    client = app.server.test_client()
    resp = client.get("/export/xlsx?city=%E5%8E%A6%E9%97%A8&q=%E6%B3%A8%E5%85%A5")
    assert resp.status_code == 200
    assert "attachment" in resp.headers["Content-Disposition"]
    back = pd.read_excel(io.BytesIO(resp.data), sheet_name=0)
    assert len(back) == 2  # the formula row and the script row
    assert client.get("/export/pdf").status_code == 404


def test_bare_extractor_table_degrades_gracefully():
    """No structure columns at all: every view still renders, with 城市未注明 / 未分类 labels."""
    bare = pd.DataFrame({
        "id": ["a", "b", "c"], "doc": ["d.txt"] * 3, "start": [0, 5, 9], "end": [3, 8, 12],
        "surface": ["3件", "5%", "9%"], "value": [3, 5, 9], "unit": ["件", "%", "%"],
        "role": ["level", "change", "change"], "direction": [None, "up", "down"], "year": [2020, 2021, None],
        "indicator": ["受理纠纷", "满意度", "发生率"], "sentence": ["共3件", "增长5%", "下降9%"],
    })  # fmt: skip
    prep = prepare(bare)
    v = view(prep, FilterState())
    figs = [checked(f) for f in v["figures"]]
    assert figs[0].data[0].x == ("（城市未注明）",) and figs[0].data[0].y == ("未分类",)
    # no `improving` column: the bars are grey ("方向不明"), never guessed from 发生率 in the name
    assert sorted(figs[3].data[0].x) == [-9.0, 5.0] and figs[3].data[0].name == "方向不明"
    assert len(figs[3].data) == 1 and figs[3].data[0].marker.color == figures.NEUTRAL
    rows = table_view(prep, FilterState())
    assert v["headline"].cities == 0 and rows["total_rows"] == 3
    assert {r["domain_label"] for r in rows["rows"]} == {"未分类"}


def test_every_chart_click_selects_rows(prep):
    """The first point of each chart names rows that exist (cross-filtering never gives nothing)."""
    v = view(prep, FilterState())
    for fig in map(checked, v["figures"]):
        clickable = [tr for tr in fig.data if tr.customdata is not None]
        assert clickable, fig.layout.title.text
        flat = [
            c
            for item in clickable[0].customdata
            for c in (item if isinstance(item, tuple) else [item])
        ]
        custom = next(c for c in flat if c)
        sel = selection_from_click({"points": [{"customdata": custom}]})
        rows = filter_mask(prep, FilterState(sel=sel), selection=True)
        assert rows.sum() > 0, (fig.layout.title.text, sel)


def test_a_sparse_year_axis_shows_only_the_years_with_data():
    """1998 … 2022 with six years of data: a category axis of those six, no empty decades."""
    from dashboard.figures import by_year_figure, is_sparse

    years = [1998, 2014, 2015, 2020, 2021, 2022]
    counts = pd.DataFrame({"year": years, "city": ["厦门"] * 6, "n": [1, 5, 9, 2, 3, 4]})
    axis = by_year_figure(counts).layout.xaxis
    assert axis.type == "category" and list(axis.categoryarray) == [str(y) for y in years]
    assert not is_sparse([2019, 2020, 2021, 2022])
    dense = pd.DataFrame(
        {"year": [2019, 2020, 2021, 2022], "city": ["厦门"] * 4, "n": [1, 2, 3, 4]}
    )
    assert by_year_figure(dense).layout.xaxis.type == "linear"
