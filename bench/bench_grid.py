"""Benchmark the grid's infinite row model server side on a synthetic 1,000,000-row table (prints
figures; not a timed test).

For each request: "cold" is the first request after the table was loaded (nothing kept: the sort
keys, the whole-table order and the view are computed), "new view" the first request after the
dashboard's own filters changed (keys and order kept, the view's filters and positions computed),
"next block" a further block of the same view (the grid scrolling). Times in ms, median of
`--repeat` runs. `rows+json` adds building the 100 grid rows and their JSON, as the callback does.

    .venv/bin/python bench/bench_grid.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_table  # noqa: E402
from dashboard.data import prepare  # noqa: E402
from dashboard.filters import FilterState, filter_mask  # noqa: E402
from dashboard.grid_model import block_positions, forget  # noqa: E402

try:  # the table page's row builder
    from dashboard.pages.table import grid_rows  # noqa: E402
except ImportError:  # pragma: no cover
    from dashboard.app import grid_rows  # noqa: E402

DESC_VALUE = [{"colId": "value", "sort": "desc"}]
CITY = [{"colId": "city", "sort": "asc"}]
CITY_VALUE = [{"colId": "city", "sort": "asc"}, {"colId": "value", "sort": "desc"}]
SENTENCE_HAS = {"sentence": {"filterType": "text", "type": "contains", "filter": "满意度"}}
RISING = {"direction": {"filterType": "text", "type": "equals", "filter": "上升"}}
REQUESTS = {
    "unsorted, first block": {},
    "unsorted, block at row 100,000": {"startRow": 100_000},
    "sort value desc, block at 100,000": {"startRow": 100_000, "sortModel": DESC_VALUE},
    "sort city asc, block at 100,000": {"startRow": 100_000, "sortModel": CITY},
    "sort city asc + value desc, at 100,000": {"startRow": 100_000, "sortModel": CITY_VALUE},
    "sort sentence (free text), at 100,000": {
        "startRow": 100_000,
        "sortModel": [{"colId": "sentence", "sort": "asc"}],
    },
    "filter direction = 上升 (words), first block": {"filterModel": RISING},
    "filter sentence contains 满意度, first block": {"filterModel": SENTENCE_HAS},
    "filter sentence + sort value desc, at 10,000": {
        "startRow": 10_000,
        "filterModel": SENTENCE_HAS,
        "sortModel": DESC_VALUE,
    },
}


def request_of(spec: dict, block: int = 100) -> dict:
    start = spec.get("startRow", 0)
    return {"startRow": start, "endRow": start + block, "sortModel": [], "filterModel": {}, **spec}


def median_ms(runs: list[float]) -> float:
    return statistics.median(runs) * 1000


def measure(prep, masks: list[np.ndarray], request: dict, repeat: int) -> dict[str, float]:
    """cold / new view / next block / rows+json times (ms) of `request` (see the module doc)."""
    cold, fresh, scroll, rows = [], [], [], []
    for i in range(repeat):
        forget(prep)
        t0 = time.perf_counter()
        block_positions(prep, masks[0], request)
        cold.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        block_positions(prep, masks[1 + i], request)  # another dashboard view: a view not kept
        fresh.append(time.perf_counter() - t0)
        following = {**request, "startRow": request["startRow"] + 100 * (i + 1)}
        following["endRow"] = following["startRow"] + 100
        t0 = time.perf_counter()
        positions, count = block_positions(prep, masks[1 + i], following)
        scroll.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        json.dumps({"rowData": grid_rows(prep, positions, "zh"), "rowCount": count}, default=str)
        rows.append(time.perf_counter() - t0 + scroll[-1])
    return {"cold": median_ms(cold), "new view": median_ms(fresh), "next block": median_ms(scroll),
            "rows+json": median_ms(rows)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    t0 = time.perf_counter()
    prep = prepare(synthetic_table(args.rows, seed=0))
    print(f"{len(prep):,} rows prepared in {time.perf_counter() - t0:.1f} s")
    base = filter_mask(prep, FilterState())
    # distinct dashboard views of about the same size: the core rows less one year each
    years = np.unique(prep.year[prep.year > 0])
    masks = [base] + [base & (prep.year != y) for y in years[: args.repeat]]
    print(f"view: {int(base.sum()):,} rows; {args.repeat} runs each, median ms\n")
    header = f"{'request':44} {'cold':>8} {'new view':>9} {'next block':>11} {'rows+json':>10}"
    print(header)
    print("-" * len(header))
    for name, spec in REQUESTS.items():
        times = measure(prep, masks, request_of(spec), args.repeat)
        print(f"{name:44} {times['cold']:8.1f} {times['new view']:9.1f} "
              f"{times['next block']:11.2f} {times['rows+json']:10.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
