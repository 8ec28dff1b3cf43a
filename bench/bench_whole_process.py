"""Whole-process throughput, as a user runs it: `indicators extract CORPUS -o out.parquet`.

The corpus is the seeds repeated (`--copies 40`: 200 files, about 5.7 MB). Each run is a fresh
process, timed from outside; the anchor (Microsoft Recognizers-Text's Chinese number, percent and
currency models, bench/anchor_recognizers.py) runs on the same corpus in the same session, so the
ratio holds when the machine's speed drifts. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_whole_process.py [--copies 40] [--runs 3] [--no-anchor]

The anchor's venv (.bench-anchor-venv/) is made on first use from PyPI.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANCHOR_VENV = ROOT / ".bench-anchor-venv"
ANCHOR_PACKAGES = ["recognizers-text-number", "recognizers-text-number-with-unit", "emoji<1.0"]


def make_corpus(folder: Path, copies: int) -> int:
    """The seeds `copies` times over in `folder`; returns its size in bytes."""
    size = 0
    for i in range(copies):
        for seed in sorted((ROOT / "seeds").glob("*.txt")):
            target = folder / f"{i:03d}_{seed.name}"
            shutil.copyfile(seed, target)
            size += target.stat().st_size
    return size


def anchor_python() -> Path:
    python = ANCHOR_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(ANCHOR_VENV)], check=True)
        pip = [str(python), "-m", "pip", "install", "-q", *ANCHOR_PACKAGES]
        subprocess.run(pip, check=True)
    return python


def best_and_median(cmd: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0], times[len(times) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-anchor", action="store_true")
    args = ap.parse_args()
    indicators = str(Path(sys.executable).with_name("indicators"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        mb = make_corpus(corpus, args.copies) / 1e6
        out = Path(tmp) / "out.parquet"
        cmd = [indicators, "extract", str(corpus), "-o", str(out), "-q"]
        _, ours = best_and_median(cmd, args.runs)
        print(f"corpus: {args.copies * 5} files, {mb:.2f} MB; {args.runs} runs each, medians")
        print(f"indicators extract -> parquet: {ours:.2f} s, {mb / ours:.2f} MB/s")
        help_best, _ = best_and_median([indicators, "--help"], args.runs)
        print(f"indicators --help: {help_best:.3f} s (best)")
        if not args.no_anchor:
            anchor = [str(anchor_python()), str(ROOT / "bench" / "anchor_recognizers.py")]
            _, theirs = best_and_median([*anchor, str(corpus)], 1)
            print(f"Recognizers-Text (anchor): {theirs:.2f} s, {mb / theirs * 1000:.0f} KB/s")
            print(f"ratio: {theirs / ours:.1f}x the anchor")


if __name__ == "__main__":
    main()
