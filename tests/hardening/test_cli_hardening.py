"""Hardening: the real `indicators extract` CLI on a folder of awkward real files.

Encodings (GB18030/GBK, UTF-16 with and without BOM, UTF-8 with BOM), empty, blank and binary
files, a 20 MB file, an HTML page with <script>, text with <script> and =HYPERLINK(…) inside
sentences, a very long line, odd numbers ("1.2.3", "%%%", full-width digits). Every run: no
traceback, one clear "skipped:" line naming each bad file, every good file's rows present,
exit 1 when some failed, 0 when none did, 2 on usage errors; exported xlsx holds no formula
cell and CSV fields that would start a formula are neutralised.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicators.cli import main
from indicators.exporters import read_table

ROOT = Path(__file__).resolve().parents[2]
FILLER = "改革创新深入推进，群众满意度持续提升，营商环境不断优化。\n"
HYPERLINK = '=HYPERLINK("http://x","y")'

# file name -> (bytes, values that must be among its rows)
GOOD: dict[str, tuple[bytes, set[float]]] = {
    "gbk.txt": ("厦门市2023年共受理政务服务事项1201件，同比增长15%。\n".encode("gbk"), {1201.0}),
    "gb18030.txt": ("𠮷野家门店达到1202家，比上年增加3家。\n".encode("gb18030"), {1202.0}),
    "utf16.txt": ("全市新增市场主体1203户。\r\n".encode("utf-16"), {1203.0}),
    "utf16be_nobom.txt": ("办理时限由15天缩减为2天，办件1204件。\n".encode("utf-16-be"), {1204.0}),
    "utf8bom.txt": ("群众满意度达到96.5%，共办件1205件。\n".encode("utf-8-sig"), {1205.0, 96.5}),
    "page.html": (
        (
            "<!DOCTYPE html><html><head><title>改革</title>"
            "<script>var hidden = 99999; document.write('x')</script>"
            "<style>p{color:red}</style></head><body>"
            "<p>全市共办结事项1206件，办结率达到96.5%。</p>"
            f"<p>{HYPERLINK}本段以公式开头，新增岗位1213个。</p>"
            "<p>正文&lt;script&gt;不是标签，服务1214人次。</p></body></html>"
        ).encode(),
        {1206.0, 1213.0, 1214.0},
    ),
    "script_text.txt": (
        (
            f"{HYPERLINK}全市新增就业岗位1207个。"
            "他在文中写道<script>alert(1)</script>，共服务群众1208人次。\n"
            "@所有人 本月办件1209件。\n-全市新增1210户。\n+新增1211个。\n"
        ).encode(),
        {1207.0, 1208.0, 1209.0, 1210.0, 1211.0},
    ),
    "numbers.txt": (
        "版本1.2.3发布，符号%%%出现，编号１２３４５６７８９０１２３４５登记，办件1212件。\n".encode(),
        {1212.0},
    ),
    "longline.txt": (
        ("改革创新深入推进，群众满意度持续提升，" * 10_000 + "全市共办件98761件。").encode(),
        {98761.0},
    ),
}

# file name -> (bytes, words the skip message must contain)
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \r\n\t  \n", "empty"),
    "binary.txt": (bytes(range(256)) * 64, "not a text file"),
    "photo.txt": (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
}


def big_file() -> bytes:
    """20 MB of UTF-8 text with numbers at the start, middle and end."""
    body = FILLER * (20_000_000 // len(FILLER.encode()) // 2)
    return (
        "全市受理事项98762件。\n"
        + body
        + "全市受理事项98763件。\n"
        + body
        + "全市受理事项98764件。\n"
    ).encode()


def write_inputs(folder: Path, with_big: bool = True, with_bad: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in GOOD.items():
        (folder / name).write_bytes(data)
    if with_bad:
        for name, (data, _) in BAD.items():
            (folder / name).write_bytes(data)
    if with_big:
        (folder / "big.txt").write_bytes(big_file())
    return folder


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "indicators.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=900,
    )


@pytest.fixture(scope="module")
def full_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The CLI on every input, 20 MB file included, to xlsx (module scope: slow, run once)."""
    base = tmp_path_factory.mktemp("hardening")
    inputs = write_inputs(base / "inputs")
    out = base / "out.xlsx"
    return run_cli("extract", str(inputs), "-o", str(out)), out


@pytest.mark.slow
def test_no_traceback_and_each_bad_file_named(full_run):
    proc, _ = full_run
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    skipped = [ln for ln in proc.stderr.splitlines() if ln.startswith("skipped: ")]
    assert len(skipped) == len(BAD)
    for name, (_, words) in BAD.items():
        lines = [ln for ln in skipped if f"{name}:" in ln]
        assert len(lines) == 1 and words in lines[0], (name, skipped)
    assert re.search(rf"files: {len(GOOD) + len(BAD) + 1} \({len(GOOD) + 1} read", proc.stderr)


@pytest.mark.slow
def test_every_good_file_has_its_rows(full_run):
    _, out = full_run
    df = read_table(out)
    for name, (_, values) in GOOD.items():
        assert values <= set(df.loc[df["doc"] == name, "value"]), name
    assert {98762.0, 98763.0, 98764.0} <= set(df.loc[df["doc"] == "big.txt", "value"])
    assert 99999.0 not in set(df["value"])  # the page's script is not text
    assert not set(BAD) & set(df["doc"])


@pytest.mark.slow
def test_xlsx_has_no_formula_cells(full_run):
    _, out = full_run
    book = openpyxl.load_workbook(out)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert any(t.startswith(HYPERLINK) for t in texts)  # kept as plain text
    assert any(t.startswith("@所有人") for t in texts)


def test_csv_neutralises_formula_starts(tmp_path):
    inputs = write_inputs(tmp_path / "inputs", with_big=False)
    out = tmp_path / "out.csv"
    assert main(["extract", str(inputs), "-o", str(out), "-q"]) == 1
    csv.field_size_limit(1 << 24)  # the long line's sentence is one 200,000-character field
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    numeric = {"start", "end", "value", "value_low", "year"}
    starts = set()
    for row in body:
        for name, field in zip(header, row, strict=True):
            if name in numeric or not field:
                continue
            assert field[0] not in "=+-@\t\r", (name, field[:40])
            starts.add(field[:2])
    assert {"'=", "'@", "'-", "'+"} <= starts
    back = read_table(out)  # the quote is removed again on reading
    assert back["sentence"].str.startswith(HYPERLINK).any()


def test_exit_zero_when_all_files_are_good(tmp_path, capsys):
    inputs = write_inputs(tmp_path / "inputs", with_big=False, with_bad=False)
    out = tmp_path / "out.parquet"
    assert main(["extract", str(inputs), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped" not in err and f"files: {len(GOOD)} ({len(GOOD)} read, 0 failed)" in err
    assert set(pd.read_parquet(out)["doc"]) == set(GOOD)


def test_too_large_file_is_skipped_with_advice(tmp_path, capsys):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "ok.txt").write_bytes(GOOD["gbk.txt"][0])
    (inputs / "big.txt").write_bytes(FILLER.encode() * 40_000)  # ~3.4 MB
    assert main(["extract", str(inputs), "-o", str(tmp_path / "o.jsonl"), "--max-mb", "1"]) == 1
    err = capsys.readouterr().err
    assert "skipped: " in err and "big.txt" in err and "--max-mb 4" in err


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "seeds", "-o", "out.txt"],  # unknown output format
        ["extract", "-o", "out.csv"],  # no input
        ["extract", "{empty}", "-o", "out.csv"],  # a folder without documents
        ["extract", "seeds"],  # no output
        ["nonsense"],
        ["add", "x.txt", "--city", "厦门", "--published", "someday"],
    ],
)
def test_usage_errors_exit_2_without_traceback(args, tmp_path):
    (tmp_path / "empty").mkdir()
    args = [a.format(empty=tmp_path / "empty") for a in args]
    args = [str(tmp_path / a) if a.startswith("out.") else a for a in args]
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "error:" in proc.stderr
