"""Benchmark the dashboard server side on a synthetic 1,000,000-row table (not a timed test).

Prints the time of the main filter callback (URL state -> six figures + headline cards + the first
table page, including the JSON encoding Dash does) for several typical views, and of an Excel
export of 100,000 filtered rows. Targets: filter -> figures <= 50 ms; 100k-row export <= 3 s.

    .venv/bin/python bench/bench_dashboard.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import plotly.io as pio

from dashboard.app import create_app
from dashboard.exports import export_frame, exporters
from dashboard.filters import FilterState, filter_mask, state_from_query
from dashboard.pages.overview import view
from dashboard.pages.table import table_view

ROOT = Path(__file__).resolve().parent.parent

VIEWS = {
    "all rows (no filter)": "",
    "one city": "?city=厦门",
    "two cities, one domain": "?city=厦门&city=青岛&domain=public_safety",
    "years 2016-2020, falling": "?year=2016-2020&dir=down",
    "chart selection (table only)": "?city=深圳&sel.domain=public_services",
    "English, role change": "?role=change&lang=en",
    "text search 满意度": "?q=满意度",
    "text search 厦门市 + one domain": "?q=厦门市&domain=public_safety",
    "text search % (one character: index only)": "?q=%25",
    "text search 0% (common characters: scan)": "?q=0%25",
}


def timed(fn, repeat: int) -> tuple[float, float, float]:
    """(median wall, best wall, median CPU) in ms over `repeat` runs after one warm-up.

    CPU time is this process's own: on a shared machine it is the fairer figure.
    """
    fn()
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--export-rows", type=int, default=100_000)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))  # run as a script, the checkout is not on the path
    from bench.synthetic import synthetic_table

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    t0 = time.perf_counter()
    table = synthetic_table(args.rows)
    print(f"synthetic table: {len(table):,} rows in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    app = create_app(table)
    prep = app.live.prep
    print(
        f"create_app (conform + categorical index + cube + presorting): "
        f"{time.perf_counter() - t0:.1f} s; cube: {len(prep.cube):,} groups"
    )

    print(
        "\nfilter callbacks: state -> 6 figures + cards + the table's first 100-row block, JSON-encoded"
    )
    print(f"{'view':44} {'rows kept':>10} {'median ms':>10} {'best ms':>8} {'CPU ms':>8}")
    for name, query in VIEWS.items():
        state = state_from_query(query)

        def callback(state=state):
            v, rows = view(prep, state), table_view(prep, state)
            payload = [*v["figures"], rows["rows"], v["headline"].__dict__]
            return pio.json.to_json_plotly(payload)

        kept = int(filter_mask(prep, state, selection=True).sum())
        median, best, cpu = timed(callback, args.repeat)
        print(f"{name:44} {kept:>10,} {median:>10.1f} {best:>8.1f} {cpu:>8.1f}")

    print(
        f"\nExcel export of {args.export_rows:,} filtered rows (rows -> schema frame -> xlsx bytes)"
    )
    positions = np.flatnonzero(filter_mask(prep, FilterState()))[: args.export_rows]
    to_xlsx = exporters()["xlsx"]

    def export():
        return to_xlsx(
            export_frame(prep, positions), about={"筛选条件 Filters": "bench"}, lang="zh"
        )

    median, best, cpu = timed(export, max(1, args.repeat // 2))
    size = len(export())
    print(
        f"xlsx: median {median / 1000:.2f} s, best {best / 1000:.2f} s, CPU {cpu / 1000:.2f} s, "
        f"{size / 1e6:.1f} MB"
    )
    client = app.server.test_client()
    t0 = time.perf_counter()
    resp = client.get("/export/csv?year=2016-2017")
    print(
        f"CSV download route (/export/csv?year=2016-2017): {len(resp.data) / 1e6:.1f} MB "
        f"in {time.perf_counter() - t0:.2f} s"
    )


if __name__ == "__main__":
    main()
