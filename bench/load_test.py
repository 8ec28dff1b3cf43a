"""Load test: the dashboard under gunicorn or waitress on 127.0.0.1, many concurrent clients for a
fixed time.

Run: .venv/bin/python bench/load_test.py [--clients 50] [--seconds 60] [--workers 2]
                                         [--server gunicorn|waitress] [--threads 4]
                                         [--table DIR_OR_FILE | --synthetic-rows 100000]

Needs the `serve` extra (gunicorn, waitress) and requests; nothing else (the server's memory is
read from Linux's /proc).

1. The table: the seeds extracted into a Parquet dataset (default), an existing table, or a
   synthetic table of N rows (bench.synthetic) written as a dataset.
2. gunicorn serves `dashboard.app:server` on a free loopback port (INDICATORS_TABLE set), or
   with `--server waitress` `indicators serve` does (one process, `--threads` threads); the
   script waits until the page answers.
3. The main callback's request is built from the app's own callback map (`/_dash-dependencies`):
   the callback whose only input is the view state (`state.data`), which filters the table and
   builds every figure, the cards and the grid rows. Each POST sends a filter state drawn from
   the table's cities, domains, directions, years and indicator words.
   `--states` sets how many distinct states (the app caches its 64 most recent views per
   process, so a few states measure cache hits and thousands measure computing views).
4. `--clients` threads, each with its own keep-alive session, loop for `--seconds`: about one
   request in five loads the page (`GET /` then `GET /_dash-layout`, as a browser does), the
   others POST the callback. Every request has a timeout; the run is bounded in time and
   requests (`--max-requests`).
5. Printed: requests/s, p50/p95/p99 latency overall and per kind, errors (non-200, timeouts,
   connection errors) and the server's peak RSS. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PAGE_SHARE = 0.2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_table(args, workdir: Path) -> Path:
    """The table to serve: given, synthetic, or the seeds as a dataset."""
    if args.table:
        return Path(args.table).resolve()
    out = workdir / "indicators"
    if args.synthetic_rows:
        sys.path.insert(0, str(ROOT))  # run as a script, the checkout is not on the path
        from bench.synthetic import synthetic_table
        from indicators.storage import write_dataset

        write_dataset(synthetic_table(args.synthetic_rows), out)
        return out
    from indicators.cli import main as cli

    if cli(["extract", str(ROOT / "seeds"), "-o", str(out), "-q"]) != 0:
        raise SystemExit("could not build the seeds table")
    return out


def filter_states(table: Path, n: int = 60, seed: int = 1) -> list[str]:
    """Query strings of plausible filter states (the app's URL form: ?city=…&dir=up…)."""
    from indicators.storage import load_table

    df = load_table(table)
    rng = random.Random(seed)
    cities = [str(c) for c in df["city"].dropna().unique()] or ["厦门"]
    domains = [str(d) for d in df["domain"].dropna().unique()] or [""]
    years = sorted(int(y) for y in df["year"].dropna().unique()) or [2020]
    words = ["满意度", "案件", "企业", "率", "服务", "人次", "平台", "时间", "群众", "办理"]
    states = {""}
    for _ in range(50 * n):
        if len(states) >= n:
            break
        q: dict[str, str] = {}
        if rng.random() < 0.6:
            q["city"] = rng.choice(cities)
        if rng.random() < 0.4:
            q["domain"] = rng.choice(domains)
        if rng.random() < 0.3:
            q["dir"] = rng.choice(["up", "down"])
        if rng.random() < 0.3 and len(years) > 1:
            a, b = sorted(rng.sample(years, 2))
            q["year"] = f"{a}-{b}"
        if rng.random() < 0.2:
            q["q"] = rng.choice(words)
        if rng.random() < 0.2:
            q["lang"] = "en"
        states.add("?" + urlencode(q) if q else "")
    return sorted(states)


def main_callback(base: str, session) -> dict:
    """The callback whose only input is the view state, from the app's callback map."""
    deps = session.get(base + "/_dash-dependencies", timeout=30).json()
    for dep in deps:
        inputs = [(i["id"], i["property"]) for i in dep["inputs"]]
        if inputs == [("state", "data")]:
            return dep
    raise SystemExit("no callback with the single input state.data; has dashboard/app.py changed?")


def outputs_of(dep: dict) -> list[dict]:
    """'..a.figure...b.children..' -> [{"id": "a", "property": "figure"}, …]."""
    spec = dep["output"]
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    out = []
    for part in parts:
        ident, _, prop = part.rpartition(".")
        out.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return out


def payload(dep: dict, outputs: list[dict], state: str) -> dict:
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [{"id": "state", "property": "data", "value": state}],
        "changedPropIds": ["state.data"],
        "state": [],
    }


def client(base, dep, outputs, states, stop, results, lock, seed, max_requests, counter):
    import requests

    rng = random.Random(seed)
    session = requests.Session()
    local: list[tuple[str, float, str]] = []
    while not stop.is_set():
        with lock:
            if counter[0] >= max_requests:
                break
            counter[0] += 1
        if rng.random() < PAGE_SHARE:
            steps = [("page", "GET", "/", None), ("layout", "GET", "/_dash-layout", None)]
        else:
            body = payload(dep, outputs, rng.choice(states))
            steps = [("callback", "POST", "/_dash-update-component", body)]
        for kind, method, path, body in steps:
            t0 = time.perf_counter()
            try:
                r = session.request(method, base + path, json=body, timeout=30)
                status = "ok" if r.status_code == 200 else f"HTTP {r.status_code}"
                if status == "ok" and kind == "callback" and b'"response"' not in r.content[:200]:
                    status = "bad body"
            except requests.RequestException as exc:
                status = type(exc).__name__
            local.append((kind, time.perf_counter() - t0, status))
    with lock:
        results.extend(local)


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, from the parent ids in /proc/<pid>/stat (Linux)."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rpartition(")")[2].split()
            parent[int(stat.parent.name)] = int(fields[1])
    tree, grew = {pid}, True
    while grew:
        more = {child for child, up in parent.items() if up in tree} - tree
        tree |= more
        grew = bool(more)
    return sorted(tree)


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (VmRSS in /proc/<pid>/status); 0 once it has gone."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class ServerMemory:
    """Peak RSS of the server's process tree, sampled in a thread (None without /proc)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self.available = Path(f"/proc/{pid}/status").exists()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while self.available and not self._stop.is_set():
            total = sum(rss_bytes(p) for p in process_tree(self.pid))
            self.peak = max(self.peak, total)
            self._stop.wait(0.5)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def report(results, seconds: float) -> None:
    by_kind: dict[str, list[float]] = defaultdict(list)
    errors = Counter()
    for kind, latency, status in results:
        by_kind[kind].append(latency)
        if status != "ok":
            errors[f"{kind}: {status}"] += 1
    everything = [lat for _, lat, _ in results]
    print(f"requests: {len(results):,} in {seconds:.1f} s = {len(results) / seconds:.1f} req/s")
    rows = [("all", everything), *sorted(by_kind.items())]
    for kind, lat in rows:
        print(
            f"  {kind:<9} n={len(lat):>6,}  p50 {percentile(lat, 50) * 1000:7.1f} ms  "
            f"p95 {percentile(lat, 95) * 1000:7.1f} ms  p99 {percentile(lat, 99) * 1000:7.1f} ms  "
            f"({len(lat) / seconds:.1f}/s)"
        )
    print(f"errors: {sum(errors.values())}" + "".join(f"\n  {k}: {v}" for k, v in errors.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--server", choices=("gunicorn", "waitress"), default="gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker process")
    parser.add_argument("--table", help="serve this table (dataset dir or file)")
    parser.add_argument("--synthetic-rows", type=int, default=0)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument(
        "--states",
        type=int,
        default=60,
        help="distinct filter states the clients draw from (the app caches recent views: "
        "a few states measure cache hits, thousands measure computing views)",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import requests

    workdir = Path(tempfile.mkdtemp(prefix="indicators-load-"))
    table = build_table(args, workdir)
    states = filter_states(table, args.states)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "INDICATORS_TABLE": str(table),
        "INDICATORS_SOURCES": str(ROOT / "seeds" / "sources.yaml"),
        "PYTHONPATH": str(ROOT),
    }
    cmd = server_command(args, table, port)
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    try:
        session = requests.Session()
        deadline = time.monotonic() + 120
        while True:
            try:
                if session.get(base + "/", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{args.server} did not start (exit code {server.poll()})")
            time.sleep(0.5)
        run_load(args, base, session, states, table, server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def server_command(args, table: Path, port: int) -> list[str]:
    """gunicorn with gthread workers over `dashboard.app:server`, or `indicators serve`."""
    if args.server == "waitress":
        return [sys.executable, "-m", "indicators.cli", "serve", "--table", str(table),
                "--port", str(port), "--threads", str(args.threads)]  # fmt: skip
    return [
        str(Path(sys.executable).with_name("gunicorn")),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--preload",
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "dashboard.app:server",
    ]


def run_load(args, base: str, session, states: list[str], table: Path, server) -> None:
    """Check the main callback answers, run the clients, print the figures."""
    dep = main_callback(base, session)
    outputs = outputs_of(dep)
    check = session.post(
        base + "/_dash-update-component", json=payload(dep, outputs, ""), timeout=60
    )
    check.raise_for_status()
    shape = (
        f"gunicorn {args.workers} workers × {args.threads} threads"
        if args.server == "gunicorn"
        else f"waitress (indicators serve) 1 process × {args.threads} threads"
    )
    print(
        f"table {table}; {shape} on {base}; "
        f"callback with {len(outputs)} outputs, {len(states)} filter states; "
        f"{args.clients} clients for {args.seconds:g} s; "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    stop, lock = threading.Event(), threading.Lock()
    results: list = []
    counter = [0]
    threads = [
        threading.Thread(
            target=client,
            args=(
                base,
                dep,
                outputs,
                states,
                stop,
                results,
                lock,
                i,
                args.max_requests,
                counter,
            ),
        )
        for i in range(args.clients)
    ]
    with ServerMemory(server.pid) as mem:
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        stop.wait(args.seconds)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        elapsed = time.perf_counter() - t0
    report(results, elapsed)
    print(
        f"server peak RSS ({args.server} process tree): {mem.peak / 1e6:.0f} MB"
        if mem.available
        else "server peak RSS: not measured (needs Linux's /proc)"
    )


if __name__ == "__main__":
    sys.exit(main())
