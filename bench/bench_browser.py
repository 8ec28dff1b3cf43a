"""Benchmark the dashboard in a real headless Chromium: first paint and filter → chart (not a test).

Prints figures; asserts nothing. The app runs under waitress in a thread on a free loopback port;
Chromium (selenium, as dash[testing] drives it) loads it in one window whose HTTP cache is warmed
by one load that is not counted, then opens a fresh page for every measured run.

1. First paint, for the seeds table (extracted by the measured checkout's own extractor) and a
   synthetic 1,000,000-row table: from navigation start to the landing view's first content
   (the indicators view: its first `.ind-card` in `#report`; the old overview landing: the headline
   card `#card-indicators .card-value`, and the first chart `#g-city-domain` with data), and to
   "settled". The overview (`/?tab=overview`, on both sides) is measured the same way.
2. Filter → chart on the 1M-row table: on the overview, a city is chosen in `#f-city` as a user
   does (click, type, Enter); timed from the Enter key to the city × domain chart showing other
   data and to `#grid-note` showing another count; on the indicators view, to `#report-scope`
   naming the city. Each run picks a city not asked before, so the server computes the view.

How times are taken, in the page itself (a script installed before the page's own, via CDP):
every animation frame checks the conditions and records `performance.now()` the first time each
holds (so a mark is the frame that paints it, ±1 frame ≈ 17 ms). "Settled" is the start of the
first 300 ms in which Dash's callback queue (`window.store`: requested, prioritized, executing,
watched … all empty, app HYDRATED, no component loading), every `fetch` and every loading
indicator were idle, and not before the content marks. Each figure also says how many callback
requests the page sent, their kB, and the slowest request (sent → answered, the server's time plus
queueing), with its outputs; `--trace` prints every request of a view's last run.

Before/after: the code measured is the one `dashboard` is imported from. Measure an older commit
from a worktree, with the main venv:

    git worktree add /tmp/bench-before ffc7917
    PYTHONPATH=/tmp/bench-before .venv/bin/python bench/bench_browser.py --json before.json
    .venv/bin/python bench/bench_browser.py --json after.json

    .venv/bin/python bench/bench_browser.py [--repeat 7] [--rows 1000000] [--only seeds|synthetic]
        [--checkout DIR] [--trace] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import importlib
import json
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
QUIET_MS = 300  # how long everything must be idle to call the page settled
TIMEOUT_MS = 90_000  # a mark not reached by then is reported as missing
WINDOW = "--window-size=1600,1300"

PROBE = """
(() => {
  if (window.__bench) return;
  const B = (window.__bench = {marks: {}, rt: null, inflight: 0, quietSince: null});
  const QUIET = __QUIET__;
  const q = s => document.querySelector(s);
  const shown = el => !!el && el.getClientRects().length > 0;
  const text = s => (shown(q(s)) ? q(s).textContent.trim() : '');
  const nativeFetch = window.fetch.bind(window);
  B.calls = [];  // each callback request: its output and when it was sent and answered
  window.fetch = (...args) => {
    B.inflight += 1;
    const body = args[1] && typeof args[1].body === 'string' ? args[1].body : '';
    const call = {output: '', start: performance.now(), end: null};
    if (String(args[0]).includes('_dash-update-component')) {
      try { call.output = JSON.parse(body).output; } catch (e) { call.output = '?'; }
      B.calls.push(call);
    }
    return nativeFetch(...args).finally(() => { B.inflight -= 1; call.end = performance.now(); });
  };
  let sigRef = null, sigVal = '';
  const chartSig = () => {  // the city x domain chart's data, '' until it is drawn with data
    const gd = q('#g-city-domain .js-plotly-plot');
    const data = gd && gd._fullData;
    if (!data || !data.length || !shown(gd.querySelector('.main-svg'))) return '';
    if (data !== sigRef) {
      sigRef = data;
      sigVal = JSON.stringify(data.map(t => [t.name, t.x && Array.from(t.x),
        t.y && Array.from(t.y), t.z && Array.from(t.z, r => Array.from(r))]));
    }
    return sigVal;
  };
  const CONTENT = {
    report_card: () => shown(q('#report .ind-card')),
    overview_card: () => text('#card-indicators .card-value') !== '',
    chart: () => chartSig() !== '',
  };
  const landing = () => {  // what the view shows first: the overview's or the indicators view's
    const overview = /[?&]tab=overview/.test(location.search);
    if (overview || (!q('#report') && q('#card-indicators'))) return ['overview_card', 'chart'];
    return q('#report') ? ['report_card'] : null;
  };
  const idle = () => {
    const s = window.store && window.store.getState && window.store.getState();
    if (!s || s.appLifecycle !== 'HYDRATED' || s.isLoading || B.inflight > 0) return false;
    for (const [k, v] of Object.entries(s.callbacks || {})) {
      if (k !== 'stored' && k !== 'completed' && Array.isArray(v) && v.length) return false;
    }
    if (Object.values(s.loading || {}).some(v => v && v.length)) return false;
    return !q('._dash-loading, ._dash-loading-callback, [data-dash-is-loading="true"]');
  };
  const settledAt = (goal, marks, t, t0) => {
    if (!goal || !goal.every(n => n in marks) || B.quietSince === null) return null;
    if (t - B.quietSince < QUIET) return null;
    return Math.max(B.quietSince - t0, ...goal.map(n => marks[n]));
  };
  const RT = {
    chart: rt => chartSig() !== '' && chartSig() !== rt.before.chart,
    note: rt => /\\d/.test(text('#grid-note')) && text('#grid-note') !== rt.before.note,
    scope: rt => text('#report-scope').includes(rt.city) && text('#report-scope') !== rt.before.scope,
  };
  const RT_GOAL = {overview: ['chart', 'note'], indicators: ['scope']};
  const tick = () => {
    const t = performance.now();
    if (idle()) { if (B.quietSince === null) B.quietSince = t; } else B.quietSince = null;
    for (const [name, test] of Object.entries(CONTENT)) {
      if (!(name in B.marks) && test()) B.marks[name] = t;
    }
    if (!('settled' in B.marks)) {
      const at = settledAt(landing(), B.marks, t, 0);
      if (at !== null) B.marks.settled = at;
    }
    const rt = B.rt;
    if (rt && rt.t0 !== null) {
      const goal = RT_GOAL[rt.view];
      for (const n of goal) if (!(n in rt.marks) && RT[n](rt)) rt.marks[n] = t - rt.t0;
      if (!('settled' in rt.marks)) {
        const at = settledAt(goal, rt.marks, t, rt.t0);
        if (at !== null) rt.marks.settled = at;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.addEventListener('keydown', e => {
    if (B.rt && B.rt.t0 === null && e.key === 'Enter') B.rt.t0 = e.timeStamp;
  }, true);
  B.arm = (view, city) => {
    B.rt = {view, city, t0: null, marks: {},
      before: {chart: chartSig(), note: text('#grid-note'), scope: text('#report-scope')}};
    return B.rt.before;
  };
  B.traffic = since => {
    const rs = performance.getEntriesByType('resource')
      .filter(r => r.name.includes('_dash-update-component') && r.startTime >= since);
    const calls = B.calls.filter(c => c.start >= since && c.end !== null);
    const slow = calls.reduce((a, c) => (a && a.end - a.start >= c.end - c.start ? a : c), null);
    return {callbacks: rs.length, kb: rs.reduce((a, r) => a + (r.encodedBodySize || 0), 0) / 1024,
      slowest: slow ? slow.end - slow.start : null, slowest_output: slow ? slow.output : ''};
  };
  B.paint = () => {
    const p = performance.getEntriesByName('first-contentful-paint')[0];
    return p ? p.startTime : null;
  };
})();
""".replace("__QUIET__", str(QUIET_MS))

WAIT = """
const [what, timeoutMs, done] = arguments;
const start = performance.now();
(function poll() {
  const B = window.__bench;
  const marks = B && (what === 'rt' ? B.rt && B.rt.marks : B.marks);
  if ((marks && 'settled' in marks) || performance.now() - start > timeoutMs) {
    done(marks ? Object.assign({}, marks) : null);
  } else setTimeout(poll, 50);
})();
"""

TIMELINE = """
const B = window.__bench, t0 = arguments[0] === 'rt' ? B.rt.t0 : 0;
return B.calls.filter(c => c.start >= t0).map(c => [c.output, c.start - t0, (c.end || NaN) - t0]);
"""


# --- the code measured -------------------------------------------------------------------------


def import_checkout(checkout: str | None) -> dict:
    """Import `dashboard` (from `checkout` when given) and say from where, and at which commit."""
    if checkout:
        sys.path.insert(0, str(Path(checkout).resolve()))
    try:
        dashboard = importlib.import_module("dashboard")
    except ModuleNotFoundError:
        sys.path.insert(0, str(ROOT))  # run as a script from a checkout that is not installed
        dashboard = importlib.import_module("dashboard")
    indicators = importlib.import_module("indicators")
    tree = Path(dashboard.__file__).resolve().parent.parent
    commit = subprocess.run(
        ["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return {
        "tree": str(tree),
        "commit": commit or "?",
        "dashboard": dashboard.__file__,
        "indicators": indicators.__file__,
    }


def synthetic_maker(tree: Path):
    """`synthetic_table` of the measured checkout: dashboard.synthetic (old) or bench.synthetic."""
    sys.path.insert(0, str(tree))  # its bench/ folder, which a script run does not put on the path
    for name in ("dashboard.synthetic", "bench.synthetic"):
        with contextlib.suppress(ModuleNotFoundError):
            module = importlib.import_module(name)
            return module.synthetic_table, module.__file__
    raise SystemExit("no synthetic_table in dashboard.synthetic or bench.synthetic")


def seeds_table(tree: Path, workdir: Path) -> Path:
    """The seeds extracted by the checkout's own extractor into a Parquet file."""
    from indicators.cli import main as cli  # noqa: PLC0415 (after the checkout is on the path)

    out = workdir / "seeds.parquet"
    docs = sorted(glob.glob(str(tree / "seeds" / "*.txt")))
    if cli(["extract", *docs, "-o", str(out), "--quiet"]) != 0:
        raise SystemExit(f"could not extract {tree / 'seeds'}")
    return out


def build_apps(args, code: dict, workdir: Path):
    """(name, app, cities) per table, built one at a time (the 1M-row app is large)."""
    from dashboard.app import app_for, create_app  # noqa: PLC0415

    tree = Path(code["tree"])
    if args.only in (None, "seeds"):
        t0 = time.perf_counter()
        app = app_for(seeds_table(tree, workdir), tree / "seeds" / "sources.yaml")
        print(f"seeds app: extracted and built in {time.perf_counter() - t0:.1f} s")
        yield "seeds", app, []
    if args.only in (None, "synthetic"):
        make, where = synthetic_maker(tree)
        print(f"synthetic_table from {where}")
        t0 = time.perf_counter()
        table = make(args.rows)
        cities = [str(c) for c in table["city"].value_counts().index]
        app = create_app(table)
        del table
        print(f"synthetic app: {args.rows:,} rows built in {time.perf_counter() - t0:.1f} s")
        yield (
            f"{args.rows // 1000:,}k synthetic" if args.rows < 1e6 else "1M synthetic",
            app,
            cities,
        )


# --- server and browser ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(app, threads: int = 8):
    """The app under waitress in a daemon thread; yields its base URL."""
    from waitress import create_server  # noqa: PLC0415

    logging.getLogger("waitress").setLevel(logging.ERROR)
    port = free_port()
    server = create_server(app.server, host="127.0.0.1", port=port, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()


@contextlib.contextmanager
def chromium():
    """Headless Chromium with the options of the browser tests and the timing probe installed."""
    from selenium import webdriver  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-notifications", WINDOW, "--lang=zh-CN"):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    try:
        driver.set_script_timeout(TIMEOUT_MS / 1000 + 30)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
        yield driver
    finally:
        driver.quit()


# --- measurements ------------------------------------------------------------------------------


def load(driver, url: str) -> dict:
    """A fresh page of `url`: its marks (ms from navigation start), first paint and traffic."""
    driver.get("about:blank")
    driver.get(url)
    marks = driver.execute_async_script(WAIT, "first", TIMEOUT_MS) or {}
    marks["fcp"] = driver.execute_script("return window.__bench.paint()")
    marks |= driver.execute_script("return window.__bench.traffic(0)")
    marks["has_report"] = driver.execute_script("return !!document.querySelector('#report')")
    marks["timeline"] = driver.execute_script(TIMELINE, 0)
    return marks


def first_paint(driver, base: str, path: str, repeat: int) -> list[dict]:
    """`repeat` fresh loads of `path` after one uncounted load (it warms the caches)."""
    load(driver, base + path)
    return [load(driver, base + path) for _ in range(repeat)]


def choose_city(driver, view: str, city: str) -> dict:
    """Pick `city` in the side panel as a user does; the marks from the Enter key."""
    from selenium.webdriver.common.by import By  # noqa: PLC0415
    from selenium.webdriver.common.keys import Keys  # noqa: PLC0415
    from selenium.webdriver.support import expected_conditions as ec  # noqa: PLC0415
    from selenium.webdriver.support.ui import WebDriverWait  # noqa: PLC0415

    driver.execute_script("return window.__bench.arm(arguments[0], arguments[1])", view, city)
    driver.find_element(By.CSS_SELECTOR, "#f-city").click()
    locator = (By.CSS_SELECTOR, ".dash-dropdown-search")
    search = WebDriverWait(driver, 10).until(ec.visibility_of_element_located(locator))
    search.send_keys(city)
    search.send_keys(Keys.ENTER)
    marks = driver.execute_async_script(WAIT, "rt", TIMEOUT_MS) or {}
    marks |= driver.execute_script("return window.__bench.traffic(window.__bench.rt.t0)")
    marks["city_in_url"] = f"city={city}" in unquote(driver.current_url)
    marks["timeline"] = driver.execute_script(TIMELINE, "rt")
    return marks


def round_trips(driver, base: str, path: str, view: str, cities: list[str], repeat: int):
    """One uncounted round trip, then `repeat`, each on a fresh page and with a new city."""
    runs = []
    for city in cities[: repeat + 1]:
        load(driver, base + path)
        runs.append(choose_city(driver, view, city))
    return runs[1:]


# --- report ------------------------------------------------------------------------------------


def summary(runs: list[dict], mark: str) -> dict:
    """Median, min and max of one mark over the runs that reached it (n of them)."""
    values = [r[mark] for r in runs if isinstance(r.get(mark), int | float)]
    if not values:
        return {"n": 0, "of": len(runs)}
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
        "of": len(runs),
    }


def print_block(rows: list[dict]) -> None:
    print(f"\n{'table':14} {'measurement':34} {'mark':16} {'median':>8} {'min–max ms':>15}"
          f" {'N':>4} {'calls':>5} {'kB':>7} {'load':>5}")  # fmt: skip
    for r in rows:
        s = r["stats"]
        figure = (f"{s['median']:>8.0f} {s['min']:>7.0f}–{s['max']:<7.0f}" if s["n"]
                  else f"{'—':>8} {'(not reached)':>15}")  # fmt: skip
        print(f"{r['table']:14} {r['measurement']:34} {r['mark']:16} {figure} "
              f"{s['n']:>2}/{s['of']:<1} {r['calls']:>5.0f} {r['kb']:>7.0f} {r['load']:>5.2f}"
              f" {r['what']}".rstrip())  # fmt: skip


def output_name(output: str) -> str:
    """A callback's outputs, short: "..g-city-domain.figure...g-by-year.figure.." -> "g-city-domain
    .figure +1"."""
    parts = [p for p in output.strip(".").split("...") if p]
    return parts[0].strip(".") + (f" +{len(parts) - 1}" if len(parts) > 1 else "") if parts else "?"


def rows_of(table: str, measurement: str, runs: list[dict], marks: list[str], load1: float):
    """A row per mark, and one for the slowest callback request (sent → answered) of the runs."""
    calls = statistics.median([r.get("callbacks", 0) for r in runs]) if runs else 0
    kb = statistics.median([r.get("kb", 0) for r in runs]) if runs else 0
    names = [output_name(r.get("slowest_output") or "") for r in runs]
    what = max(set(names), key=names.count) if names else ""
    return [
        {"table": table, "measurement": measurement, "mark": m, "stats": summary(runs, m),
         "calls": calls, "kb": kb, "load": load1, "what": what if m == "slowest" else ""}
        for m in [*marks, "slowest"]
    ]  # fmt: skip


def print_timeline(what: str, runs: list[dict]) -> None:
    """The callback requests of the last run: outputs, sent and answered (ms)."""
    print(f"  callbacks of the last run of {what} (sent → answered, ms):")
    for output, sent, answered in (runs[-1].get("timeline") or []) if runs else []:
        print(f"    {sent:>7.0f} → {answered:>7.0f}  {output_name(output)}")


def measure_table(driver, base: str, table: str, cities: list[str], args) -> list[dict]:
    """Every measurement of one served table."""
    rows: list[dict] = []
    repeat = args.repeat
    landing = first_paint(driver, base, "/", repeat)
    new = all(r["has_report"] for r in landing)
    content = ["report_card"] if new else ["overview_card", "chart"]
    label = "first paint: landing (indicators)" if new else "first paint: landing (overview)"
    rows += rows_of(table, label, landing, [*content, "settled", "fcp"], os.getloadavg()[0])
    overview = first_paint(driver, base, "/?tab=overview", repeat)
    marks = ["overview_card", "chart", "settled"]
    rows += rows_of(table, "first paint: overview", overview, marks, os.getloadavg()[0])
    if args.trace:
        print_timeline(f"{table}, landing", landing)
        print_timeline(f"{table}, overview", overview)
    if not cities:
        return rows
    if len(cities) < repeat + 1:  # a city asked before is a view the server has cached
        repeat = max(1, len(cities) - 1)
        print(f"note: {len(cities)} cities: {repeat} round trips per view, each with a new city")
        cities = (cities * 2)[: repeat + 1]
    runs = round_trips(driver, base, "/?tab=overview", "overview", cities, repeat)
    marks = ["chart", "note", "settled"]
    rows += rows_of(table, "city filter: overview", runs, marks, os.getloadavg()[0])
    check_cities(runs)
    if args.trace:
        print_timeline(f"{table}, city filter on the overview", runs)
    if new:
        runs = round_trips(driver, base, "/", "indicators", cities, repeat)
        marks = ["scope", "settled"]
        rows += rows_of(table, "city filter: indicators view", runs, marks, os.getloadavg()[0])
        check_cities(runs)
        if args.trace:
            print_timeline(f"{table}, city filter on the indicators view", runs)
    return rows


def check_cities(runs: list[dict]) -> None:
    wrong = sum(not r.get("city_in_url") for r in runs)
    if wrong:
        print(f"warning: {wrong} of {len(runs)} round trips did not put the city in the URL")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", help="import dashboard from this folder (default: sys.path)")
    parser.add_argument("--repeat", type=int, default=7, help="measured runs per figure")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the synthetic table")
    parser.add_argument("--only", choices=("seeds", "synthetic"), help="one table only")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--trace", action="store_true", help="print each view's callback requests")
    args = parser.parse_args()

    code = import_checkout(args.checkout)
    print(f"code: {code['tree']} at {code['commit']}")
    print(f"dashboard from {code['dashboard']}; indicators from {code['indicators']}")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start")
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as driver:
        for table, app, cities in build_apps(args, code, Path(tmp)):
            with served(app) as base:
                block = measure_table(driver, base, table, cities, args)
            print_block(block)
            rows += block
            del app
    loads = [r["load"] for r in rows]
    print(f"\nload average (1 min) during the runs: {min(loads):.2f}–{max(loads):.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"code": code, "rows": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
