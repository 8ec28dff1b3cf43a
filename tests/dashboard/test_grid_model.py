"""The server side of the grid's infinite row model (dashboard.grid_model): the hand cases of
grid_requests.yaml, the words it filters and sorts being the words the table shows, a cell-by-cell
reference of AG Grid's client-side filters and sort over the small table, and the block at row
100,000 of a 150,000-row table after a sort and a filter, checked against pandas."""

from __future__ import annotations

import functools
import itertools
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from bench.synthetic import synthetic_table
from dashboard.data import prepare, values_at
from dashboard.filters import FilterState, filter_mask
from dashboard.grid_model import (
    MAX_BLOCK,
    GridRequestError,
    block_positions,
    column_kind,
    column_words,
    forget,
)
from dashboard.pages.table import grid_rows
from indicators.schema import conform

CASES = yaml.safe_load((Path(__file__).with_name("grid_requests.yaml")).read_text("utf-8"))


@pytest.fixture(scope="module")
def hand_prep():
    """The hand table of grid_requests.yaml, prepared. Shared: don't mutate."""
    rows = [
        {"doc": "hand.txt", "start": 10 * i, "end": 10 * i + 5, **row}
        for i, row in enumerate(CASES["table"])
    ]
    return prepare(conform(pd.DataFrame(rows)))


@pytest.fixture(scope="module")
def small_prep(small_table):
    return prepare(small_table)


def _ids(prep, positions) -> list[str]:
    return [str(i) for i in prep.df["id"].to_numpy(dtype=object)[positions]]


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["name"])
def test_hand_request(hand_prep, case):
    ids = hand_prep.df["id"].to_numpy(dtype=object)
    mask = np.isin(ids, case["view"]) if "view" in case else np.ones(len(ids), dtype=bool)
    positions, count = block_positions(hand_prep, mask, case["request"], case.get("lang", "zh"))
    assert _ids(hand_prep, positions) == case["ids"]
    assert count == case["count"]


@pytest.mark.parametrize("case", CASES["errors"], ids=lambda c: c["name"])
def test_refused_request(hand_prep, case):
    mask = np.ones(len(hand_prep), dtype=bool)
    with pytest.raises(GridRequestError, match=re.escape(case["message"])):
        block_positions(hand_prep, mask, case["request"])


def test_block_is_a_copy_and_at_most_max_block(small_prep):
    mask = np.ones(len(small_prep), dtype=bool)
    request = {
        "startRow": 0,
        "endRow": 10 * MAX_BLOCK,
        "sortModel": [{"colId": "value", "sort": "asc"}],
    }
    first, count = block_positions(small_prep, mask, request)
    assert len(first) == min(count, MAX_BLOCK)
    kept = first.copy()
    first[:] = 0  # a caller writing into its block must not change the kept view
    again, _ = block_positions(small_prep, mask, request)
    assert np.array_equal(again, kept)
    forget(small_prep)  # a cold start gives the same rows
    assert np.array_equal(block_positions(small_prep, mask, request)[0], kept)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_words_are_what_the_table_shows(small_prep, lang):
    """Filtering and sorting on what the analyst sees: every words column, cell by cell."""
    rows = grid_rows(small_prep, np.arange(len(small_prep)), lang)
    checked = []
    for column in rows[0]:
        if column == "value_text":  # the value column's display text, not a column of its own
            continue
        if column_kind(small_prep, column) != "words":
            continue
        shown = column_words(small_prep, column, lang)
        cells = [row[column] for row in rows]
        assert list(np.append(shown.words, None)[shown.codes]) == cells, column
        checked.append(column)
    assert {"direction", "role", "core", "improving", "polarity", "domain_label", "city"} <= set(
        checked
    )


# --- AG Grid's client-side semantics, cell by cell, as the reference ----------------------------

EMPTY_PASSES = {"text": {"notEqual", "notContains", "blank"}, "number": {"blank"}}


def _text_passes(cell, cond) -> bool:
    typ, needle = cond["type"], str(cond.get("filter", "")).lower()
    if cell is None:
        return typ in EMPTY_PASSES["text"]
    value = str(cell).lower()
    return {
        "blank": value.strip() == "",
        "notBlank": value.strip() != "",
        "contains": needle in value,
        "notContains": needle not in value,
        "equals": value == needle,
        "notEqual": value != needle,
        "startsWith": value.startswith(needle),
        "endsWith": value.endswith(needle),
    }[typ]


def _number_passes(cell, cond) -> bool:
    typ = cond["type"]
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return typ in EMPTY_PASSES["number"]
    low, high = cond.get("filter"), cond.get("filterTo")
    return {
        "blank": False,
        "notBlank": True,
        "equals": cell == low,
        "notEqual": cell != low,
        "greaterThan": cell > low,
        "greaterThanOrEqual": cell >= low,
        "lessThan": cell < low,
        "lessThanOrEqual": cell <= low,
        "inRange": high is not None and low < cell < high,
    }[typ]


def _row_passes(row: dict, filter_model: dict) -> bool:
    for column, model in filter_model.items():
        conditions = model.get("conditions") or [model]
        test = _number_passes if model["filterType"] == "number" else _text_passes
        results = [test(row[column], c) for c in conditions]
        if not (any(results) if model.get("operator") == "OR" else all(results)):
            return False
    return True


def _compare(a: dict, b: dict, sort_model: list) -> int:
    """AG Grid's default comparator over the sort model; ties by table order."""
    for item in sort_model:
        x, y = a[item["colId"]], b[item["colId"]]
        x = None if isinstance(x, float) and np.isnan(x) else x
        y = None if isinstance(y, float) and np.isnan(y) else y
        result = 0 if x == y else -1 if x is None else 1 if y is None else (x > y) - (x < y)
        if result:
            return result if item["sort"] == "asc" else -result
    return a["_pos"] - b["_pos"]


def reference_ids(rows: list[dict], filter_model: dict, sort_model: list) -> list[str]:
    kept = [r for r in rows if _row_passes(r, filter_model)]
    return [
        r["id"]
        for r in sorted(kept, key=functools.cmp_to_key(lambda a, b: _compare(a, b, sort_model)))
    ]


SORTS = [
    [],
    [{"colId": "value", "sort": "desc"}],
    [{"colId": "city", "sort": "asc"}, {"colId": "value", "sort": "desc"}],
    [{"colId": "direction", "sort": "desc"}, {"colId": "year", "sort": "asc"}],
    [{"colId": "domain_label", "sort": "asc"}, {"colId": "indicator", "sort": "desc"}],
    [{"colId": "sentence", "sort": "desc"}],
    [{"colId": "improving", "sort": "asc"}, {"colId": "id", "sort": "asc"}],
    [{"colId": "district", "sort": "asc"}, {"colId": "surface", "sort": "asc"}],
]
FILTERS = [
    {},
    {"direction": {"filterType": "text", "type": "equals", "filter": "上升"}},
    {"indicator": {"filterType": "text", "type": "contains", "filter": "率"}},
    {"value": {"filterType": "number", "type": "inRange", "filter": 10, "filterTo": 90}},
    {
        "sentence": {"filterType": "text", "type": "contains", "filter": "提升"},
        "year": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 2018},
    },
    {
        "domain_label": {
            "filterType": "text",
            "operator": "OR",
            "conditions": [
                {"filterType": "text", "type": "equals", "filter": "城市管理"},
                {"filterType": "text", "type": "startsWith", "filter": "市场"},
            ],
        },
        "district": {"filterType": "text", "type": "notBlank"},
    },
    {"polarity": {"filterType": "text", "type": "blank"}},
    {"surface": {"filterType": "text", "type": "endsWith", "filter": "%"}},
]


@pytest.mark.parametrize(
    ("sort_model", "filter_model"),
    list(itertools.product(SORTS, FILTERS)),
    ids=lambda x: (
        "|".join(f"{i['colId']}:{i['sort']}" for i in x)
        if isinstance(x, list)
        else "+".join(x) or "-"
    ),
)
def test_matches_ag_grid_client_side(small_prep, sort_model, filter_model):
    rows = grid_rows(small_prep, np.arange(len(small_prep)), "zh")
    for pos, row in enumerate(rows):
        row["_pos"] = pos
    expected = reference_ids(rows, filter_model, sort_model)
    mask = np.ones(len(small_prep), dtype=bool)
    request = {"startRow": 0, "endRow": MAX_BLOCK, "sortModel": sort_model,
               "filterModel": filter_model}  # fmt: skip
    positions, count = block_positions(small_prep, mask, request, "zh")
    assert count == len(expected)
    assert _ids(small_prep, positions) == expected[:MAX_BLOCK]


# --- a large table --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large_prep():
    return prepare(synthetic_table(150_000, seed=11))


def test_block_at_row_100000_after_sort_and_filter(large_prep):
    prep = large_prep
    mask = filter_mask(prep, FilterState())  # the dashboard's default view: core rows
    request = {
        "startRow": 100_000,
        "endRow": 100_100,
        "sortModel": [{"colId": "city", "sort": "asc"}, {"colId": "value", "sort": "desc"}],
        "filterModel": {
            "sentence": {"filterType": "text", "type": "notContains", "filter": "垃圾"},
            "value": {"filterType": "number", "type": "greaterThan", "filter": 1},
        },
    }
    positions, count = block_positions(prep, mask, request, "zh")

    everything = np.arange(len(prep))
    frame = pd.DataFrame({
        "city": values_at(prep, everything, "city"),
        "value": prep.df["value"].to_numpy(),
        "pos": everything,
    })  # fmt: skip
    sentence = prep.df["sentence"].astype(object)
    keep = mask & ~sentence.str.contains("垃圾", regex=False).fillna(False).to_numpy(dtype=bool)
    keep &= (frame["value"] > 1).to_numpy()
    frame = frame[keep].assign(city_known=lambda f: f["city"].notna())
    ordered = frame.sort_values(
        ["city_known", "city", "value", "pos"], ascending=[True, True, False, True], kind="stable"
    )
    assert count == len(ordered) > 100_100
    assert positions.tolist() == ordered["pos"].iloc[100_000:100_100].tolist()
    # the next block of the same view comes from the kept view and continues it
    following, _ = block_positions(prep, mask, {**request, "startRow": 100_100, "endRow": 100_200})
    assert following.tolist() == ordered["pos"].iloc[100_100:100_200].tolist()
