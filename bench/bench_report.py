"""Benchmark the indicators view (`dashboard.report`) on a synthetic table (not a timed test).

Prints the time of one view (filters -> masks -> sections, items, readings and the comparison,
the records built) for several typical states, and the one-off cost of the view's presorted index.
Target: well under 300 ms per view of all rows on 1,000,000 rows.

    .venv/bin/python bench/bench_report.py [--rows 1000000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

VIEWS = {
    "all rows (no filter)": "",
    "all rows, context numbers too": "?all=1",
    "one city (report card)": "?city=厦门",
    "two cities (comparison)": "?city=厦门&city=青岛",
    "one city, one domain": "?city=深圳&domain=public_safety",
    "years 2016-2020": "?year=2016-2020",
    "English, all rows": "?lang=en",
    "text search 满意度": "?q=满意度",
    "nothing matches": "?city=不存在",
}


def index_bytes(index) -> int:
    """Bytes held by the index's numpy arrays (its lookups' and pairs' too)."""
    total = 0
    for value in vars(index).values():
        parts = (
            vars(value).values()
            if hasattr(value, "rows")
            else (value.values() if isinstance(value, dict) else [value])
        )
        total += sum(p.nbytes for p in parts if isinstance(p, np.ndarray))
    return total


def main() -> None:
    """Build the table, prepare it, time the index once and every view of VIEWS."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--names",
        type=int,
        default=0,
        help="give the indicators this many distinct names (the synthetic table has ~40): many "
        "identities, as a large real corpus has",
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))  # run as a script, the checkout is not on the path
    from bench.bench_dashboard import timed
    from bench.synthetic import synthetic_table
    from dashboard.data import prepare
    from dashboard.filters import filter_mask, state_from_query
    from dashboard.report import report_for_state, report_index
    from dashboard.report.index import _build_index

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    t0 = time.perf_counter()
    table = synthetic_table(args.rows)
    if args.names:
        variant = (np.arange(len(table)) * 7919 % args.names).astype(str)
        table["indicator"] = table["indicator"].astype(str) + "·" + variant
    print(f"synthetic table: {len(table):,} rows in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    prep = prepare(table)
    print(f"prepare: {time.perf_counter() - t0:.1f} s; {len(prep.cats['key_unit']):,} key|unit")
    t0, c0 = time.perf_counter(), time.process_time()
    report_index(prep)
    print(
        f"report index (once per table): {(time.perf_counter() - t0) * 1000:.0f} ms wall, "
        f"{(time.process_time() - c0) * 1000:.0f} ms CPU"
    )
    median, best, cpu = timed(lambda: _build_index(prep), 3)
    print(f"  rebuilt: median {median:.0f} ms, best {best:.0f} ms, CPU {cpu:.0f} ms")
    print(f"  its arrays: {index_bytes(report_index(prep)) / 1e6:.0f} MB")

    print("\none view: state -> Report (sections, items, readings, comparison)")
    print(f"{'view':34} {'rows':>9} {'items':>6} {'median ms':>10} {'best ms':>8} {'CPU ms':>8}")
    for name, query in VIEWS.items():
        state = state_from_query(query)
        report = report_for_state(prep, state)
        shown = sum(len(s.items) for s in report.sections)
        kept = int(filter_mask(prep, state).sum())
        median, best, cpu = timed(lambda state=state: report_for_state(prep, state), args.repeat)
        print(f"{name:34} {kept:>9,} {shown:>6} {median:>10.1f} {best:>8.1f} {cpu:>8.1f}")


if __name__ == "__main__":
    main()
