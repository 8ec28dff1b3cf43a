"""Pure tests of the view state, its URL form, and the row masks (no browser)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.data import NONE, counts, headline, prepare, top_pairs
from dashboard.filters import FilterState, filter_mask, state_from_query, state_to_query

QUERY_CASES = [
    ("", FilterState()),
    ("?city=厦门&city=青岛", FilterState(city=("厦门", "青岛"))),
    ("?year=2016-2022&dir=down&dir=sideways", FilterState(year=(2016, 2022), direction=("down",))),
    ("?year=2022-2016", FilterState(year=(2016, 2022))),
    ("?year=abc&lang=fr&tab=nope", FilterState()),
    ("?q=满意度&lang=en&tab=sources", FilterState(q="满意度", lang="en", tab="sources")),
    (
        "?sel.city=厦门&sel.domain=public_safety&sel.evil=1",
        FilterState(sel=(("city", "厦门"), ("domain", "public_safety"))),
    ),
    ("?cmp=调解成功率|%25", FilterState(cmp="调解成功率|%")),
    (
        "?cmp=dispute.mediation_success_rate|%25",
        FilterState(cmp="dispute.mediation_success_rate|%"),
    ),
    ("?all=1&city=厦门", FilterState(city=("厦门",), show_all=True)),
    ("?all=0", FilterState()),
]


@pytest.mark.parametrize(("query", "expected"), QUERY_CASES)
def test_state_from_query(query, expected):
    assert state_from_query(query) == expected


@pytest.mark.parametrize(("query", "expected"), QUERY_CASES)
def test_query_round_trip(query, expected):
    assert state_from_query(state_to_query(expected)) == expected


def test_default_view_has_empty_query():
    assert state_to_query(FilterState()) == ""


@pytest.fixture(scope="module")
def prep(small_table):
    return prepare(small_table)


def expected_rows(df: pd.DataFrame, **equal) -> pd.Series:
    keep = pd.Series(True, index=df.index)
    for col, values in equal.items():
        keep &= df[col].astype(object).isin(values)
    return keep


def test_filter_mask_matches_pandas(prep, small_table):
    state = FilterState(
        city=("厦门", "青岛"), role=("change",), direction=("down",), year=(2012, 2020)
    )
    mask = filter_mask(prep, state)
    want = expected_rows(small_table, city=["厦门", "青岛"], role=["change"], direction=["down"])
    want &= small_table["year"].between(2012, 2020).fillna(False)
    assert mask.sum() == want.sum() > 0
    assert np.array_equal(mask, want.to_numpy())


def test_direction_none_matches_rows_without_direction(prep, small_table):
    mask = filter_mask(prep, FilterState(direction=("none",)))
    assert mask.sum() == small_table["direction"].isna().sum()


def test_search_covers_indicator_and_sentence(prep, small_table):
    by_sentence = filter_mask(prep, FilterState(q="专项整治"))
    assert set(small_table.loc[by_sentence, "id"]) >= {"hand-dog"}
    by_name = filter_mask(prep, FilterState(q="食安群众满意度"))
    want = small_table["indicator"].str.contains("食安群众满意度") | small_table[
        "sentence"
    ].str.contains("食安群众满意度")
    assert by_name.sum() == want.fillna(False).sum()


def test_selection_applies_only_when_asked(prep):
    state = FilterState(sel=(("pair_id", "hand-pair"),))
    assert filter_mask(prep, state).all()
    assert filter_mask(prep, state, selection=True).sum() == 2


def test_missing_domain_is_unclassified(prep):
    c = counts(prep, np.ones(len(prep), dtype=bool), ("domain",))
    assert NONE in set(c["domain"])
    assert filter_mask(prep, FilterState(domain=(NONE,))).sum() == int(
        c.loc[c["domain"] == NONE, "n"].iloc[0]
    )


def test_table_without_structure_columns_still_prepares():
    bare = pd.DataFrame(
        {
            "id": ["a", "b"],
            "doc": ["d", "d"],
            "start": [0, 5],
            "end": [3, 8],
            "surface": ["3件", "5%"],
            "value": [3, 5],
            "role": ["level", "change"],
            "direction": [None, "up"],
            "sentence": ["共3件", "增长5%"],
            "unit": ["件", "%"],
        }
    )
    prep = prepare(bare)
    h = headline(prep, np.ones(2, dtype=bool))
    assert (h.indicators, h.cities, h.cases, h.documents) == (2, 0, 0, 1)
    assert set(counts(prep, np.ones(2, dtype=bool), ("city", "domain"))["domain"]) == {NONE}


def test_headline_and_pairs(prep, small_table):
    mask = filter_mask(prep, FilterState(q="食安群众满意度从64.5%"))
    h = headline(prep, mask)
    assert h.indicators == 2 and h.with_direction == 1 and h.improving == 1
    pairs, unit = top_pairs(prep, mask)
    assert unit == "%"
    assert pairs[["base", "cur"]].values.tolist() == [[64.5, 91.7]]


@pytest.mark.parametrize(
    "state",
    [
        FilterState(),
        FilterState(city=("厦门",)),
        FilterState(direction=("down", "none"), year=(2012, 2018)),
    ],
)
def test_cube_gives_the_same_numbers_as_the_rows(prep, state):
    rows = filter_mask(prep, state)
    cube = filter_mask(prep.cube, state)
    assert headline(prep, rows) == headline(prep.cube, cube)
    for dims in (("city", "domain"), ("year", "city"), ("domain", "direction")):
        assert (
            counts(prep, rows, dims)
            .sort_values(list(dims))
            .reset_index(drop=True)
            .equals(counts(prep.cube, cube, dims).sort_values(list(dims)).reset_index(drop=True))
        )


def test_cube_reweighted_after_search(prep):
    from dashboard.data import cube_of_rows

    rows = filter_mask(prep, FilterState(q="满意度"))
    cube, mask = cube_of_rows(prep, rows)
    assert headline(prep, rows) == headline(cube, mask)
