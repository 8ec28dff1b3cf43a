"""Whole-process throughput, as a user runs it: `indicators extract CORPUS -o out.parquet`.

The corpus is the seeds repeated (`--copies 40`: 200 files, about 5.7 MB). Each run is a fresh
process, timed from outside; the anchor (Microsoft Recognizers-Text's Chinese number, percent and
currency models, bench/anchor_recognizers.py) runs on the same corpus in the same session, so the
ratio holds when the machine's speed drifts. Prints figures; asserts nothing.

    .venv/bin/python bench/bench_whole_process.py [--copies 40] [--runs 3] [--no-anchor]
        [--format txt|html|docx|pdf]     # the seeds written as web pages, Word or PDF files first
        [--against DIR]                  # before/after: another revision's checkout, taking turns

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


def make_corpus(folder: Path, copies: int, fmt: str = "txt") -> int:
    """The seeds `copies` times over in `folder`, as `fmt` files; returns the seeds' text bytes."""
    size = 0
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        first = folder / f"000_{seed.stem}.{fmt}"
        shutil.copyfile(seed, first) if fmt == "txt" else WRITERS[fmt](seed, first)
        for i in range(1, copies):
            shutil.copyfile(first, folder / f"{i:03d}_{seed.stem}.{fmt}")
        size += copies * seed.stat().st_size
    return size


def _html(seed: Path, target: Path) -> None:
    """The seed as a government page: nav, breadcrumb, info line, TRS_Editor body, footer."""
    from html import escape

    body = "".join(f"<p>{escape(ln)}</p>" for ln in seed.read_text(encoding="utf-8").split("\n"))
    target.write_text(
        '<html><head><meta charset="utf-8"><meta name="PubDate" content="2023-06-19 16:28">'
        f"<title>{seed.stem}_厦门市人民政府</title></head><body>"
        '<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a></div>'
        '<div class="position">当前位置：<a href="/">首页</a> &gt; 政务公开</div>'
        '<div class="info">发布时间：2023-06-19 浏览次数：2345</div>'
        f'<div class="TRS_Editor">{body}</div>'
        '<div class="footer"><p>闽ICP备12345678号 闽公网安备 35020302000123号</p>'
        "<p>访问量：123456</p></div></body></html>",
        encoding="utf-8",
    )


def _docx(seed: Path, target: Path) -> None:
    import docx

    document = docx.Document()
    for line in seed.read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    document.save(target)


def _pdf(seed: Path, target: Path) -> None:
    """Needs reportlab (the test extra); STSong-Light is built into every PDF reader."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10.5, leading=15,
                           wordWrap="CJK", spaceAfter=6)  # fmt: skip
    lines = seed.read_text(encoding="utf-8").split("\n")
    story = [Paragraph(escape(ln), style) if ln.strip() else Spacer(1, 6) for ln in lines]
    SimpleDocTemplate(str(target)).build(story)


WRITERS = {"html": _html, "docx": _docx, "pdf": _pdf}


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


CLI_MAIN = (
    "import sys; from indicators.cli import main; sys.argv[0] = 'indicators'; sys.exit(main())"
)


def compare(code_dirs: dict[str, Path], args: list[str], runs: int, cwd: Path) -> dict:
    """Wall and CPU seconds of `indicators ARGS` run with each folder's `indicators` package,
    the folders taking turns run after run (so both see the same machine load); per folder the
    sorted (wall, cpu) pairs. A folder is a checkout, or a copy holding an `indicators/` folder."""
    import os
    import resource

    out: dict[str, list[tuple[float, float]]] = {name: [] for name in code_dirs}
    for _ in range(runs):
        for name, folder in code_dirs.items():
            env = {**os.environ, "PYTHONPATH": str(folder)}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", CLI_MAIN, *args], check=True, cwd=cwd, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            out[name].append((wall, cpu))
    return {name: sorted(times) for name, times in out.items()}


def print_comparison(code_dirs: dict[str, Path], corpus: Path, out: Path, mb: float, runs: int):
    """Both folders' medians, and the load average before and after."""
    import os

    load = os.getloadavg()
    args = ["extract", str(corpus), "-o", str(out), "-q", "--force"]
    times = compare(code_dirs, args, runs, corpus.parent)
    helps = compare(code_dirs, ["--help"], runs, corpus.parent)
    print(f"load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after ({runs} runs each, "
          "taking turns; medians)")  # fmt: skip
    for name, folder in code_dirs.items():
        wall = sorted(w for w, _ in times[name])[runs // 2]
        cpu = sorted(c for _, c in times[name])[runs // 2]
        help_wall = sorted(w for w, _ in helps[name])[runs // 2]
        print(f"{name} ({folder}): {wall:.2f} s wall, {mb / wall:.2f} MB/s; {cpu:.2f} s CPU, "
              f"{mb / cpu:.2f} MB/s of CPU; --help {help_wall:.3f} s")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-anchor", action="store_true")
    ap.add_argument(
        "--anchor-models",
        default="all",
        help="the anchor's models: all (number, percent, currency) or a comma list of them",
    )
    ap.add_argument("--format", choices=["txt", *WRITERS], default="txt",
                    help="write the seeds as these files first (MB/s counts the seeds' text)")  # fmt: skip
    ap.add_argument("--against", type=Path, metavar="DIR",
                    help="also run the code in DIR (a checkout of another revision, or a folder "
                    "holding an indicators/ package), taking turns with this checkout's; prints "
                    "both (no anchor)")  # fmt: skip
    args = ap.parse_args()
    indicators = str(Path(sys.executable).with_name("indicators"))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        mb = make_corpus(corpus, args.copies, args.format) / 1e6
        out = Path(tmp) / "out.parquet"
        if args.against:
            if not (args.against / "indicators" / "__init__.py").is_file():
                raise SystemExit(f"{args.against}: holds no indicators/ package; give a checkout")
            dirs = {"this checkout": ROOT, "--against": args.against.resolve()}
            print(f"corpus: {args.copies * 5} .{args.format} files, {mb:.2f} MB of text")
            print_comparison(dirs, corpus, out, mb, args.runs)
            return
        cmd = [indicators, "extract", str(corpus), "-o", str(out), "-q"]
        _, ours = best_and_median(cmd, args.runs)
        files = args.copies * 5
        print(
            f"corpus: {files} .{args.format} files, {mb:.2f} MB of text; {args.runs} runs, medians"
        )
        print(f"indicators extract -> parquet: {ours:.2f} s, {mb / ours:.2f} MB/s, "
              f"{files / ours:.1f} files/s")  # fmt: skip
        help_best, _ = best_and_median([indicators, "--help"], args.runs)
        print(f"indicators --help: {help_best:.3f} s (best)")
        if not args.no_anchor and args.format == "txt":  # the anchor reads text files only
            anchor = [str(anchor_python()), str(ROOT / "bench" / "anchor_recognizers.py")]
            _, theirs = best_and_median([*anchor, str(corpus), args.anchor_models], 1)
            print(
                f"Recognizers-Text (anchor, {args.anchor_models} models): {theirs:.2f} s, "
                f"{mb / theirs * 1000:.0f} KB/s"
            )
            print(f"ratio: {theirs / ours:.1f}x the anchor")


if __name__ == "__main__":
    main()
