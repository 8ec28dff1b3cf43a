"""Benchmark: Dask extraction of a synthetic corpus (≥ 10,000 documents) with 1 vs 2 workers.

Run: .venv/bin/python bench/bench_scale.py [--docs 10000] [--workers 1 2] [--corpus DIR]

The corpus is generated from the five seed texts, not copied: each document is a window of
consecutive lines of one seed in which every Arabic number is perturbed (same number of decimals),
every year before 年 is shifted, and the seed's city and district names are replaced by a city
from indicators/vocab/gazetteer.csv and that city's own districts. Each document gets a source
record (city, published date) in the corpus's sources.yaml.

For each worker count it prints wall time (cluster start included), documents/s and MB/s, rows,
and the peak resident memory of the whole process tree (this process, the Dask scheduler and
worker processes), sampled every 0.1 s with psutil. It asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import random
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GAZETTEER = ROOT / "indicators" / "vocab" / "gazetteer.csv"
SEED_CITIES = ("厦门", "青岛", "深圳")


# --------------------------------------------------------------------------------------------
# The synthetic corpus


@dataclass(frozen=True)
class Place:
    city: str  # short name: 厦门
    city_full: str  # 厦门市
    districts: tuple[str, ...]  # full names: 思明区 …


def load_places(path: Path = GAZETTEER) -> list[Place]:
    """Prefecture-level cities with at least two districts, from the gazetteer."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    rows = list(csv.DictReader(lines))
    districts: dict[str, list[str]] = {}
    for r in rows:
        if r["level"] == "county":
            districts.setdefault(r["city"], []).append(r["name"])
    return [
        Place(r["short"], r["name"], tuple(districts[r["short"]]))
        for r in rows
        if r["level"] == "prefecture" and len(districts.get(r["short"], ())) >= 2
    ]


_NUMBER = re.compile(
    r"""(?P<year>(?:19|20)\d{2})(?=\s*年)   # a year: shifted
    | (?P<num>\d+(?:\.\d+)?)                # any other Arabic number: perturbed
    """,
    re.VERBOSE,
)


def vary_numbers(text: str, rng: random.Random, year_shift: int) -> str:
    """ "2022年办件1200件,增长15.5%" -> "2019年办件1381件,增长12.9%" (same decimals, other values)."""

    def sub(m: re.Match) -> str:
        if m["year"]:
            return str(min(2025, max(2000, int(m["year"]) + year_shift)))
        raw = m["num"]
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        value = float(raw) * rng.uniform(0.5, 1.6)
        if decimals == 0:
            return str(max(1, round(value)))
        return f"{value:.{decimals}f}"

    return _NUMBER.sub(sub, text)


def seed_place_names(places: list[Place]) -> dict[str, list[str]]:
    """The seed cities' names and district names, longest first (to be replaced)."""
    by_city = {p.city: p for p in places}
    out = {}
    for city in SEED_CITIES:
        p = by_city[city]
        out[city] = sorted({p.city_full, *p.districts}, key=len, reverse=True)
    return out


def move_places(text: str, seed_city: str, target: Place, names: dict[str, list[str]], rng) -> str:
    """Replace the seed city's name and districts with the target city's (consistently)."""
    mapping = {}
    for name in names.get(seed_city, []):
        if name.endswith("市"):
            mapping[name] = target.city_full
        else:
            mapping[name] = rng.choice(target.districts)
    mapping[seed_city] = target.city
    pattern = re.compile("|".join(re.escape(n) for n in sorted(mapping, key=len, reverse=True)))
    return pattern.sub(lambda m: mapping[m.group()], text)


def make_corpus(out: Path, n_docs: int, seed: int = 2026, lines: tuple[int, int] = (6, 14)):
    """Write `n_docs` varied documents and their sources.yaml into `out`; returns the records."""
    sys.path.insert(0, str(ROOT))
    from indicators.sources import SourceRecord, load_sources, save_sources

    rng = random.Random(seed)
    seed_records = load_sources(SEEDS / "sources.yaml")
    seeds = []
    for path in sorted(SEEDS.glob("*.txt")):
        body = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        seeds.append((seed_records[path.name].city, body))
    places = load_places()
    names = seed_place_names(places)
    out.mkdir(parents=True, exist_ok=True)
    records = {}
    for i in range(n_docs):
        seed_city, body = seeds[i % len(seeds)]
        k = rng.randint(*lines)
        first = rng.randrange(max(1, len(body) - k))
        text = "\n".join(body[first : first + k]) + "\n"
        year_shift = rng.randint(-6, 8)
        target = rng.choice(places)
        text = vary_numbers(move_places(text, seed_city, target, names, rng), rng, year_shift)
        name = f"{i:05d}_{target.city}.txt"
        (out / name).write_text(text, encoding="utf-8")
        year = rng.randint(2012, 2025)
        records[name] = SourceRecord(
            file=name,
            title=f"{target.city_full}改革案例汇编（合成）{i}",
            city=target.city,
            publisher="synthetic",
            published=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
    save_sources(out / "sources.yaml", records)
    return records


# --------------------------------------------------------------------------------------------
# Measuring


class PeakRSS:
    """Peak summed RSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        import psutil

        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
                times = p.cpu_times()
                self.cpu[p.pid] = times.user + times.system
        return total

    @property
    def cpu_seconds(self) -> float:
        """CPU time (user + system) of the process tree, as last seen for each process."""
        return sum(self.cpu.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run(paths, sources, workers: int) -> dict:
    from indicators.scale import extract_with_dask

    size = sum(p.stat().st_size for p in paths)
    with PeakRSS() as mem:
        cpu0 = mem.cpu_seconds or sum(mem.proc.cpu_times()[:2])
        t0 = time.perf_counter()
        result = extract_with_dask(paths, sources, workers=workers)
        seconds = time.perf_counter() - t0
    return {
        "workers": workers,
        "docs": len(paths),
        "MB": size / 1e6,
        "seconds": seconds,
        "docs_per_s": len(paths) / seconds,
        "MB_per_s": size / 1e6 / seconds,
        "rows": len(result.table),
        "failures": len(result.failures),
        "peak_rss_MB": mem.peak / 1e6,
        "cpu_ms_per_doc": (mem.cpu_seconds - cpu0) * 1000 / len(paths),
        "table": result.table,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--corpus", default="/tmp/indicators-bench-corpus")
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import pandas as pd

    from indicators.sources import load_sources

    corpus = Path(args.corpus)
    if args.regenerate or not (corpus / "sources.yaml").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        t0 = time.perf_counter()
        make_corpus(corpus, args.docs)
        print(f"generated {args.docs:,} documents in {corpus} in {time.perf_counter() - t0:.1f} s")
    paths = sorted(corpus.glob("*.txt"))[: args.docs]
    sources = load_sources(corpus / "sources.yaml")
    size = sum(p.stat().st_size for p in paths)
    cities = len({sources[p.name].city for p in paths})
    print(f"corpus: {len(paths):,} documents, {size / 1e6:.1f} MB, {cities} cities")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    results = []
    for workers in args.workers:
        r = run(paths, sources, workers)
        results.append(r)
        print(
            f"workers={workers}: {r['seconds']:.1f} s, {r['docs_per_s']:.0f} docs/s, "
            f"{r['MB_per_s']:.2f} MB/s, {r['rows']:,} rows, {r['failures']} failures, "
            f"peak RSS (process tree) {r['peak_rss_MB']:.0f} MB, "
            f"CPU {r['cpu_ms_per_doc']:.1f} ms/doc (all processes)",
            flush=True,
        )
    if len(results) > 1:
        a, b = (r["table"].sort_values("id", ignore_index=True) for r in results[:2])
        pd.testing.assert_frame_equal(a, b)
        print(f"speed-up {results[0]['seconds'] / results[1]['seconds']:.2f}×; tables identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
