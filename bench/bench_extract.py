"""Extraction throughput: the seeds repeated to >= 10 MB, one process. Prints figures; no asserts.

    .venv/bin/python bench/bench_extract.py [--mb 10] [--structure]

`--structure` also runs the case/place/domain stage (indicators.pipeline.extract_document).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from indicators.pipeline import extract_document, extract_text
from indicators.sources import load_sources

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="megabytes of text to process")
    ap.add_argument("--structure", action="store_true", help="include the structure stage")
    args = ap.parse_args()
    sources = load_sources(SEEDS / "sources.yaml")
    docs = [(p.name, p.read_text(encoding="utf-8-sig")) for p in sorted(SEEDS.glob("*.txt"))]
    seed_bytes = sum(len(t.encode("utf-8")) for _, t in docs)
    rounds = max(1, int(args.mb * 1e6 // seed_bytes) + 1)
    extract_text(docs[0][1][:2000])  # warm up: vocabularies, regexes, pint registry
    rows = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for name, text in docs:
            if args.structure:
                rows += len(extract_document(text, name, sources.get(name)))
            else:
                rows += len(extract_text(text, name))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    total = rounds * seed_bytes
    stage = "extractor + structure" if args.structure else "extractor"
    print(f"{stage}: {total / 1e6:.1f} MB ({rounds} x {len(docs)} seed documents) in {dt:.2f} s")
    print(f"throughput: {total / 1e3 / dt:,.0f} KB/s = {total / 1e6 / dt:.2f} MB/s, single process")
    print(f"CPU time {cpu:.2f} s: {total / 1e3 / cpu:,.0f} KB/s of CPU (the wall figure drops when")
    print("other processes share the cores; `uptime` shows the load)")
    print(
        f"rows: {rows:,} ({rows / dt:,.0f} rows/s); documents: {rounds * len(docs) / dt:,.0f} docs/s"
    )


if __name__ == "__main__":
    main()
