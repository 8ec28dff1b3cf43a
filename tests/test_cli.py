"""The `indicators` command end to end, in a subprocess, on real files."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"


def run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "indicators.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "indicators.parquet"
    r = run("extract", str(SEEDS), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "files: 5 (5 read, 0 failed)" in r.stderr
    return out


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_every_output_format_holds_the_same_rows(parquet, tmp_path, suffix):
    out = tmp_path / f"t{suffix}"
    r = run("extract", *map(str, sorted(SEEDS.glob("*.txt"))), "-o", str(out), "--quiet")
    assert r.returncode == 0, r.stderr
    from indicators.exporters import read_table

    a, b = pd.read_parquet(parquet), read_table(out)
    assert len(a) == len(b) > 250
    assert sorted(a["id"]) == sorted(b["id"])
    assert sorted(a["surface"]) == sorted(b["surface"])  # Chinese intact


def test_csv_opens_in_chinese_excel(tmp_path):
    out = tmp_path / "t.csv"
    assert run("extract", str(SEEDS), "-o", str(out), "-q").returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_ids_are_stable(parquet, tmp_path):
    again = tmp_path / "again.parquet"
    assert run("extract", str(SEEDS), "-o", str(again), "-q").returncode == 0
    assert pd.read_parquet(parquet)["id"].tolist() == pd.read_parquet(again)["id"].tolist()


def test_a_bad_file_is_reported_and_the_others_are_written(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("2022年,全市共成功劝阻高风险受害人22.66万名。", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / "t.parquet"
    r = run("extract", str(tmp_path), "-o", str(out))
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert "empty.txt" in r.stderr and "failed: " in r.stderr
    table = pd.read_parquet(out)
    assert table["surface"].tolist() == ["22.66万名"]
    assert table["year"].tolist() == [2022]


def test_usage_errors_exit_2(tmp_path):
    r = run("extract", str(SEEDS), "-o", str(tmp_path / "t.docx"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert run("extract").returncode == 2


def test_evaluate_prints_the_dev_figures():
    r = run("evaluate", "--gold", *map(str, sorted((ROOT / "tests/gold/dev").glob("*.jsonl"))))
    assert r.returncode == 0, r.stderr
    figures = {line.split()[0]: line.split()[1] for line in r.stdout.splitlines()[1:11]}
    assert float(figures["f1"]) >= 0.95 and float(figures["strict_f1"]) >= 0.90


def test_cases_prints_the_split():
    r = run("cases", str(SEEDS / "000_769d05f5ba385491.txt"))
    assert r.returncode == 0, r.stderr
    assert "打造大陆首个闽台研学旅行基地" in r.stdout
