"""The Parquet dataset by city: round trips, categoricals, atomic replacement (real files)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest

from indicators.cli import main
from indicators.output_guard import MARKER
from indicators.pipeline import extract_paths
from indicators.storage import (
    CATEGORICAL_COLUMNS,
    MANIFEST,
    TableNotFoundError,
    is_dataset_path,
    load_table,
    read_manifest,
    replace_documents,
    write_dataset,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seed_table() -> pd.DataFrame:
    """The seeds' table (module scope: don't mutate, copy first)."""
    return extract_paths(sorted(SEEDS.glob("*.txt"))).table


def _by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("id", ignore_index=True)


def test_round_trip_with_null_city_and_categoricals(seed_table, tmp_path):
    table = seed_table.copy()
    table.loc[:2, "city"] = pd.NA  # rows without a city go to the default partition
    out = write_dataset(table, tmp_path / "indicators", {"x.txt": {"sha256": "ab"}})
    parts = sorted(p.name for p in out.iterdir())
    assert parts == [
        MARKER,
        MANIFEST,
        "city=%E5%8E%A6%E9%97%A8",  # 厦门
        "city=%E6%B7%B1%E5%9C%B3",  # 深圳
        "city=%E9%9D%92%E5%B2%9B",  # 青岛
        "city=__HIVE_DEFAULT_PARTITION__",
    ]
    back = load_table(out)
    for name in CATEGORICAL_COLUMNS:
        assert isinstance(back[name].dtype, pd.CategoricalDtype), name
    pd.testing.assert_frame_equal(_by_id(table), _by_id(load_table(out, categorical=False)))
    assert read_manifest(out) == {"x.txt": {"sha256": "ab"}}
    assert ds.dataset(out, partitioning="hive").count_rows() == len(table)


def test_rewrite_replaces_the_whole_dataset_and_leaves_no_temporaries(seed_table, tmp_path):
    out = tmp_path / "indicators"
    write_dataset(seed_table, out)
    only_qingdao = seed_table[seed_table["city"] == "青岛"]
    write_dataset(only_qingdao, out)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "city=%E9%9D%92%E5%B2%9B"]
    assert [p.name for p in tmp_path.iterdir()] == ["indicators"]
    assert len(load_table(out)) == len(only_qingdao)


def test_a_failing_write_keeps_the_old_dataset(seed_table, tmp_path, monkeypatch):
    out = tmp_path / "indicators"
    write_dataset(seed_table, out)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(ds, "write_dataset", broken)
    with pytest.raises(OSError, match="disk full"):
        write_dataset(seed_table.head(3), out)
    assert len(load_table(out)) == len(seed_table)
    assert [p.name for p in tmp_path.iterdir()] == ["indicators"]


def test_empty_table_and_missing_path(tmp_path):
    out = write_dataset(pd.DataFrame(), tmp_path / "empty")
    assert len(load_table(out)) == 0 and "value" in load_table(out).columns
    with pytest.raises(TableNotFoundError, match="no indicator table here"):
        load_table(tmp_path / "missing")


def test_single_parquet_file_loads_the_same(seed_table, tmp_path):
    assert main(["extract", str(SEEDS), "-o", str(tmp_path / "t.parquet"), "-q"]) == 0
    assert main(["extract", str(SEEDS), "-o", str(tmp_path / "dataset"), "-q"]) == 0
    assert (tmp_path / "dataset").is_dir()
    a, b = load_table(tmp_path / "t.parquet"), load_table(tmp_path / "dataset")
    pd.testing.assert_frame_equal(a, b, check_categorical=False)
    pd.testing.assert_frame_equal(_by_id(a.astype(object)), _by_id(seed_table.astype(object)))


def test_dataset_paths():
    assert is_dataset_path("data/indicators")
    assert not is_dataset_path("data/indicators.parquet")
    assert not is_dataset_path("out.csv")
    assert is_dataset_path(os.curdir)


def test_cli_refuses_a_file_as_dataset(tmp_path):
    (tmp_path / "out").write_text("x")
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(SEEDS), "-o", str(tmp_path / "out")])
    assert exc.value.code == 2


def _inodes(root: Path) -> dict[str, int]:
    return {str(f.relative_to(root)): f.stat().st_ino for f in root.rglob("*.parquet")}


def test_replace_documents_rewrites_only_the_touched_cities(seed_table, tmp_path):
    out = write_dataset(seed_table, tmp_path / "indicators")
    before = _inodes(out)
    doc = "002_c8df632cfb2d134d.txt"  # 青岛
    new_rows = seed_table[seed_table["doc"] == doc].head(3).assign(value=1.0)
    total = replace_documents(out, new_rows, [doc], {doc: {"sha256": "new"}})
    after = _inodes(out)
    qingdao = "city=%E9%9D%92%E5%B2%9B/part-0.parquet"
    assert after.keys() == before.keys()
    assert all(after[k] == before[k] for k in after if k != qingdao)  # hard-linked, not rewritten
    assert after[qingdao] != before[qingdao]
    expected = pd.concat([seed_table[seed_table["doc"] != doc], new_rows], ignore_index=True)
    assert total == len(expected)
    pd.testing.assert_frame_equal(_by_id(expected), _by_id(load_table(out, categorical=False)))
    assert read_manifest(out) == {doc: {"sha256": "new"}}


def test_replace_documents_moves_a_document_between_cities(seed_table, tmp_path):
    out = write_dataset(seed_table, tmp_path / "indicators")
    doc = "004_4e1f33086cbaa4ee.txt"  # 厦门 -> 青岛, and one row without a city
    moved = seed_table[seed_table["doc"] == doc].assign(city="青岛")
    moved.loc[moved.index[0], "city"] = pd.NA
    replace_documents(out, moved, [doc, "not-in-table.txt"])
    back = load_table(out, categorical=False)
    mine = back[back["doc"] == doc]
    assert len(mine) == len(moved)
    assert mine["city"].isna().sum() == 1 and set(mine["city"].dropna()) == {"青岛"}
    others = back[back["doc"] != doc]
    pd.testing.assert_frame_equal(
        _by_id(others), _by_id(seed_table[seed_table["doc"] != doc].reset_index(drop=True))
    )


def test_partitions_with_different_extra_columns_read_as_one_table(seed_table, tmp_path):
    old = seed_table.drop(columns=[c for c in seed_table.columns if c == "city_source"])
    out = write_dataset(old.assign(note="old"), tmp_path / "indicators")
    doc = "002_c8df632cfb2d134d.txt"
    replace_documents(out, seed_table[seed_table["doc"] == doc].assign(extra=1.0), [doc])
    back = load_table(out, categorical=False)
    assert len(back) == len(seed_table)
    assert set(back.loc[back["doc"] == doc, "extra"]) == {1.0}
    assert set(back.loc[back["doc"] != doc, "note"]) == {"old"}


def test_replace_documents_in_a_single_file(seed_table, tmp_path):
    out = tmp_path / "t.parquet"
    doc = "000_769d05f5ba385491.txt"
    assert replace_documents(out, seed_table, []) == len(seed_table)
    n = replace_documents(out, seed_table[seed_table["doc"] == doc].head(1), [doc])
    assert n == len(load_table(out)) == (seed_table["doc"] != doc).sum() + 1


def test_a_killed_writers_leftovers_are_swept_but_a_fresh_one_is_not(seed_table, tmp_path):
    out = tmp_path / "indicators"
    old_tmp, old_aside = tmp_path / ".indicators.tmp-dead", tmp_path / ".indicators.old-dead"
    fresh = tmp_path / ".indicators.tmp-live"  # a concurrent writer's version being written
    for folder in (old_tmp, old_aside, fresh):
        (folder / "city=x").mkdir(parents=True)
    two_hours_ago = time.time() - 7200
    for folder in (old_tmp, old_aside):
        os.utime(folder, (two_hours_ago, two_hours_ago))
    write_dataset(seed_table, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".indicators.tmp-live", "indicators"]
