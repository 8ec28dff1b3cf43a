"""The dashboard reads the table's meaning columns (no browser): labels shown, comparison by key,
colours from `improving`, the core switch, and the filling of tables that lack those columns."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import figures
from dashboard.controls import chip_text
from dashboard.data import (
    chosen_comparable,
    comparable_candidates,
    comparable_values,
    headline,
    largest_changes,
    prepare,
    top_pairs,
)
from dashboard.exports import export_frame, exporters
from dashboard.filters import FilterState, filter_mask
from dashboard.pages.evidence import evidence_panel
from dashboard.pages.overview import comparable_options, view
from dashboard.pages.table import column_defs, grid_rows, table_view

MEDIATION = "dispute.mediation_success_rate|%"


@pytest.fixture(scope="module")
def prep(meaning_table):
    return prepare(meaning_table)


def colour_of(fig: go.Figure) -> dict[str, str]:
    """{indicator shown (place and year cut off): marker colour} over the figure's marker traces."""
    return {
        y.split("（")[0]: tr.marker.color
        for tr in go.Figure(fig.to_dict()).data
        if getattr(tr, "mode", None) != "lines"
        for y in tr.y
    }


# --- tables without the meaning columns ---------------------------------------------------------


def bare_table() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["a", "b", "c", "d"], "doc": ["d.txt"] * 4, "start": [0, 5, 9, 14],
        "end": [3, 8, 12, 17], "surface": ["3件", "5%", "9%", "7%"], "value": [3, 5, 9, 7],
        "unit": ["件", "%", "%", "%"], "role": ["level", "change", "change", "level"],
        "direction": [None, "up", "down", None], "year": [2020, 2021, 2021, 2021],
        "indicator": ["受理纠纷", "满意度", "发生率", "满意度"], "sentence": ["共3件", "增长5%", "下降9%", "达7%"],
        "indicator_label": [None, "", None, "群众满意度"],
    })  # fmt: skip


def test_a_table_without_meaning_columns_gets_them_once_at_load():
    prep = prepare(bare_table())
    df = prep.df
    # the label from the name where it is missing or empty; a label the table has stays
    assert list(df["indicator_label"].astype(str)) == ["受理纠纷", "满意度", "发生率", "群众满意度"]
    # keys from the name, a change apart from its level; the same again on a second load
    keys = list(df["indicator_key"].astype(str))
    assert keys == ["auto.受理纠纷", "auto.满意度.change", "auto.发生率.change", "auto.满意度"]
    assert list(prepare(bare_table()).df["indicator_key"].astype(str)) == keys
    assert prep.core.all()  # no `core`: every row is a result
    assert (prep.improving == -1).all()  # no `improving`: not known, never guessed


def test_a_missing_improving_is_never_guessed_from_the_name():
    """发生率 falling is 'better' to a word list; without the table saying so it stays grey."""
    prep = prepare(bare_table())
    h = headline(prep, np.ones(len(prep), dtype=bool))
    assert (h.with_direction, h.improving, h.share_improving) == (0, 0, None)
    fig = figures.largest_changes_figure(largest_changes(prep, np.ones(len(prep), dtype=bool)))
    assert set(colour_of(fig).values()) == {figures.NEUTRAL}


# --- colours from `improving` -------------------------------------------------------------------


def test_largest_changes_are_coloured_by_improving(prep):
    rows = largest_changes(prep, filter_mask(prep, FilterState()))
    assert colour_of(figures.largest_changes_figure(rows)) == {
        "火灾起数变化率": figures.GOOD,  # 火警 -50%: fewer fires, better
        "群众满意度变化率": figures.BAD,  # satisfaction -3.2%: worse
        "12345热线受理量变化率": figures.NEUTRAL,  # workload +20%: neither
    }
    names = [tr.name for tr in figures.largest_changes_figure(rows).data]
    assert names == ["改善", "恶化", "方向不明"]


def test_dumbbell_current_dots_are_coloured_by_improving(prep):
    pairs, unit = top_pairs(prep, filter_mask(prep, FilterState()))
    fig = go.Figure(figures.dumbbell_figure(pairs, unit).to_dict())
    current = {
        tr.name: (tr.marker.color, list(tr.y)) for tr in fig.data if tr.mode == "markers+text"
    }
    assert {name: (colour, [y.split("（")[0] for y in ys]) for name, (colour, ys) in current.items()} == {
        "现期值（改善）": (figures.GOOD, ["按时办结率"]),
        "现期值（恶化）": (figures.BAD, ["热线接通率"]),
        "现期值（方向不明）": (figures.NEUTRAL, ["求助类诉求占比"]),
    }  # fmt: skip
    baseline = next(tr for tr in fig.data if tr.name == "基期值")
    assert baseline.marker.color == figures.NEUTRAL and len(baseline.x) == 3


# --- the comparison by identity -----------------------------------------------------------------


def test_comparison_groups_by_key_across_names_and_shows_the_label(prep):
    mask = filter_mask(prep, FilterState())
    assert MEDIATION in comparable_candidates(prep, mask)
    values = comparable_values(prep, mask, MEDIATION)  # three names in the text, one indicator
    assert sorted(zip(values["city"], values["year"], values["value"], strict=True)) == [
        ("厦门", 2021, 96.0), ("厦门", 2022, 97.5), ("青岛", 2022, 95.1)
    ]  # fmt: skip
    fig = go.Figure(view(prep, FilterState(cmp=MEDIATION))["figures"][5].to_dict())
    assert "矛盾纠纷调解成功率" in fig.layout.title.text and "（%）" in fig.layout.title.text
    assert fig.layout.yaxis.title.text == "数值（%）"
    assert {tr.name for tr in fig.data} == {"厦门", "青岛"}
    english = go.Figure(view(prep, FilterState(cmp=MEDIATION, lang="en"))["figures"][5].to_dict())
    assert "mediation success rate" in english.layout.title.text


def test_a_key_in_two_units_or_a_level_and_its_change_are_never_one_choice(meaning_table):
    more = meaning_table.copy()
    extra = more[more["indicator_key"] == "dispute.mediation_success_rate"].assign(
        id=lambda d: d["id"] + "-pp", unit="pp", role="change"
    )
    prep = prepare(pd.concat([more, extra], ignore_index=True))
    cands = comparable_candidates(prep, np.ones(len(prep), dtype=bool))
    assert {MEDIATION, "dispute.mediation_success_rate|pp"} <= set(cands)
    for key in cands:
        ident, _, unit = key.rpartition("|")
        rows = prep.df[(prep.df["indicator_key"] == ident) & (prep.df["unit"] == unit)]
        assert rows["unit"].nunique() == 1
    labels = {o["value"]: o["label"] for o in comparable_options(prep, "zh", cands)}
    assert labels[MEDIATION] == "矛盾纠纷调解成功率（%）"
    assert labels["dispute.mediation_success_rate|pp"] == "矛盾纠纷调解成功率（pp）"


def test_an_older_link_naming_the_indicator_finds_its_key(prep):
    cands = comparable_candidates(prep, np.ones(len(prep), dtype=bool))
    assert chosen_comparable(prep, "矛盾纠纷调解成功率|%", cands) == MEDIATION
    assert chosen_comparable(prep, MEDIATION, cands) == MEDIATION
    assert chosen_comparable(prep, "没有这个指标|%", cands) == cands[0]
    assert chosen_comparable(prep, "", []) == ""


def test_a_chart_selection_by_key_reads_as_the_label(prep):
    assert chip_text(prep, "indicator_key", "dispute.mediation_success_rate", "zh") == (
        "指标：矛盾纠纷调解成功率"
    )
    sel = FilterState(sel=(("indicator_key", "dispute.mediation_success_rate"), ("unit", "%")))
    assert filter_mask(prep, sel, selection=True).sum() == 3


# --- core rows and the switch -------------------------------------------------------------------


def test_context_rows_are_hidden_until_the_switch_shows_them(prep, meaning_table):
    context = meaning_table["id"].eq("m-context").to_numpy()
    core_only = filter_mask(prep, FilterState())
    everything = filter_mask(prep, FilterState(show_all=True))
    assert not core_only[context].any() and everything.all()
    assert headline(prep, core_only).indicators == len(meaning_table) - 1
    # the cube (cards, charts) agrees with the rows either way
    for state in (FilterState(), FilterState(show_all=True)):
        assert headline(prep, filter_mask(prep, state)) == headline(
            prep.cube, filter_mask(prep.cube, state)
        )
    ids = {r["id"] for r in table_view(prep, FilterState())["rows"]}
    assert "m-context" not in ids
    assert "m-context" in {r["id"] for r in table_view(prep, FilterState(show_all=True))["rows"]}


# --- the grid, the evidence and the exports show the label -------------------------------------


def test_grid_shows_the_label_then_the_name_in_the_text(prep):
    defs = column_defs("en", [])
    assert [(d["field"], d["headerName"]) for d in defs[:2]] == [
        ("indicator_label", "Indicator"), ("indicator", "Name in the text")
    ]  # fmt: skip
    assert [d["headerName"] for d in column_defs("zh", [])[:2]] == ["指标", "原文指标名"]
    assert defs[0].get("pinned") == "left" and not defs[1].get("hide")
    rows = {r["id"]: r for r in grid_rows(prep, np.arange(len(prep)))}
    assert rows["m-med-2"]["indicator_label"] == "矛盾纠纷调解成功率"
    assert rows["m-med-2"]["indicator"] == "im电竞调解成功率"
    assert (rows["m-context"]["core"], rows["m-fire"]["improving"]) == ("背景", "改善")
    assert rows["m-load"]["improving"] is None and rows["m-sat"]["polarity"] == "越高越好"


def test_evidence_names_the_label_and_the_words_of_the_text(prep):
    row = export_frame(prep, [int(np.flatnonzero(prep.df["id"] == "m-med-2")[0])]).iloc[0]
    panel = evidence_panel(row.astype(object).where(row.notna(), None).to_dict(), {},
                           lambda _doc: None, "zh")  # fmt: skip
    text = str(panel.to_plotly_json())
    assert "矛盾纠纷调解成功率" in text and "原文指标名" in text and "im电竞调解成功率" in text


def test_exports_carry_the_label_as_指标_and_the_name_beside_it(prep):
    frame = export_frame(prep, np.flatnonzero(filter_mask(prep, FilterState())))
    cols = list(frame.columns)
    assert cols.index("indicator_label") + 1 == cols.index("indicator")
    assert "m-context" not in set(frame["id"])
    back = pd.read_excel(io.BytesIO(exporters()["xlsx"](frame, lang="zh")), sheet_name=0)
    med = back[back["编号"] == "m-med-2"].iloc[0]
    assert (med["指标"], med["原文指标名"]) == ("矛盾纠纷调解成功率", "im电竞调解成功率")


def test_the_search_finds_an_indicator_by_its_label(prep):
    hits = filter_mask(prep, FilterState(q="矛盾纠纷调解成功率"))
    assert set(prep.df.loc[hits, "id"].astype(str)) == {"m-med-1", "m-med-2", "m-med-3", "m-med-pp"}


def test_the_comparison_takes_values_of_their_year_only(meaning_table):
    """A baseline dated like its current is the value before, and a target a value aimed at:
    neither is drawn as the value of its year. A baseline with a year of its own is."""
    rows = meaning_table.copy()
    rows.loc[rows["id"] == "m-ontime-b", "year"] = 2020  # "从2020年的90%提升至98%"
    target = rows[rows["id"] == "m-med-3"].assign(id="m-med-target", role="target", value=99.0)
    prep = prepare(pd.concat([rows, target], ignore_index=True))
    everything = np.ones(len(prep), dtype=bool)
    values = comparable_values(prep, everything, MEDIATION)
    assert 99.0 not in set(values["value"])  # the target
    ontime = comparable_values(prep, everything, "hotline.on_time_completion_rate|%")
    assert sorted(zip(ontime["year"], ontime["value"], strict=True)) == [(2020, 90.0), (2022, 98.0)]
    answer = comparable_values(prep, everything, "hotline.answer_rate|%")  # 95 → 88, one year
    assert list(answer["value"]) == [88.0]


def test_cities_of_one_year_each_are_bars_labelled_with_their_year(meaning_table):
    """厦门 reports 2021, 青岛 2022: two lone dots would say nothing; bars from zero do."""
    rows = meaning_table[meaning_table["id"].isin(["m-med-1", "m-med-3"])]
    fig = go.Figure(view(prepare(rows), FilterState(cmp=MEDIATION))["figures"][5].to_dict())
    bar = fig.data[0]
    assert bar.type == "bar" and list(bar.x) == ["厦门（2021）", "青岛（2022）"]
    assert list(bar.y) == [96.0, 95.1] and fig.layout.yaxis.rangemode == "tozero"
    assert fig.layout.yaxis.title.text == "数值（%）"
