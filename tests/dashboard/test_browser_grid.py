"""The whole table on screen, in headless Chromium: on a 150,000-row table the grid scrolls, sorts
and filters its way to row 100,000, each time with the row pandas says belongs there.

Run with `pytest --headless -m browser`.
"""

from __future__ import annotations

import numpy as np
import pytest
from dash.testing.wait import until

from bench.synthetic import synthetic_table
from dashboard.filters import FilterState
from dashboard.pages.table import table_mask

pytestmark = pytest.mark.browser
ROWS = 150_000
FAR = 100_000  # the row the analyst reaches

ROW_AT = """
const api = dash_ag_grid.getApi('grid');
api.ensureIndexVisible(arguments[0], 'middle');
const node = api.getDisplayedRowAtIndex(arguments[0]);
return node && node.data ? {id: node.data.id, value: node.data.value,
                            count: api.getDisplayedRowCount()} : null;
"""


@pytest.fixture(scope="module")
def big_app():
    from dashboard.app import create_app

    return create_app(synthetic_table(ROWS, seed=3))


def row_at(dash_duo, index: int, timeout: float = 20) -> dict:
    """The grid's row at `index` once its block has arrived (scrolling there asks for it)."""
    found: dict = {}

    def loaded():
        found.update(dash_duo.driver.execute_script(ROW_AT, index) or {})
        return bool(found)

    until(loaded, timeout=timeout)
    return found


def view_frame(app):
    """The rows the table holds by default (core rows), in the table's order."""
    prep = app.live.prep
    positions = np.flatnonzero(table_mask(prep, FilterState()))
    return prep.df.iloc[positions].reset_index(drop=True)


def test_scroll_sort_and_filter_reach_row_100000(dash_duo, big_app):
    frame = view_frame(big_app)
    assert len(frame) > FAR
    dash_duo.start_server(big_app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=overview")
    dash_duo.wait_for_element("#grid .ag-header-cell[col-id=value]", timeout=30)

    # scrolling: the block at row 100,000 is asked for and holds the table's row 100,000
    far = row_at(dash_duo, FAR)
    assert far["id"] == frame["id"][FAR] and far["count"] == len(frame)

    # sorting by a click on the value header: ascending, empty values first, over every row
    dash_duo.find_element("#grid .ag-header-cell[col-id=value] .ag-header-cell-label").click()
    values = frame["value"].to_numpy(dtype=float)
    ascending = np.concatenate([values[np.isnan(values)], np.sort(values[~np.isnan(values)])])
    until(lambda: (row_at(dash_duo, 0).get("value") or 0) == (ascending[0] or 0), timeout=20)
    sorted_far = row_at(dash_duo, FAR)
    assert sorted_far["value"] == pytest.approx(ascending[FAR])

    # filtering on the server: a text filter the grid's own menu sets, then row 100,000 again
    dash_duo.driver.execute_script(
        "const api = dash_ag_grid.getApi('grid'); api.applyColumnState({defaultState: {sort: null}});"
        " api.setFilterModel({sentence: {filterType: 'text', type: 'notContains',"
        " filter: '满意度'}});"
    )
    kept = frame[~frame["sentence"].fillna("").str.contains("满意度", regex=False)]
    kept = kept.reset_index(drop=True)
    assert len(kept) > FAR
    until(lambda: row_at(dash_duo, 0).get("count") == len(kept), timeout=20)
    filtered_far = row_at(dash_duo, FAR)
    assert filtered_far["id"] == kept["id"][FAR]
