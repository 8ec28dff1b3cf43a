"""The Dask engine gives the default engine's table and failures; the benchmark corpus generator."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from indicators.pipeline import extract_paths
from indicators.scale import extract_with_dask, plan_batches
from indicators.storage import load_table

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def _by_id(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("id", ignore_index=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds plus a missing file and a binary one (module scope: don't mutate)."""
    folder = tmp_path_factory.mktemp("corpus")
    for p in SEEDS.iterdir():
        shutil.copyfile(p, folder / p.name)
    (folder / "scan.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(200)))
    return folder


@pytest.mark.slow
def test_dask_equals_default_engine_on_the_seeds(corpus):
    paths = sorted(corpus.glob("*.txt")) + [corpus / "missing.txt"]
    default = extract_paths(paths)
    dask = extract_with_dask(paths, None, workers=2)
    pd.testing.assert_frame_equal(_by_id(default.table), _by_id(dask.table))
    pd.testing.assert_frame_equal(default.table, dask.table)  # same order too
    assert dask.failures == default.failures
    assert [d.path for d in dask.documents] == [d.path for d in default.documents]
    assert {f.path.name for f in dask.failures} == {"scan.txt", "missing.txt"}


@pytest.mark.slow
def test_cli_dask_engine_writes_the_same_dataset(corpus, tmp_path, capsys):
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["extract", str(corpus), "-o", str(local), "-q"]) == 1
    rc = main(["extract", str(corpus), "-o", str(dask), "--engine", "dask", "--workers", "1"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "skipped: " in err and "scan.txt" in err and "Traceback" not in err
    pd.testing.assert_frame_equal(load_table(local), load_table(dask))


def test_batches_keep_order_and_folders():
    paths = [Path(f"a/{i}.txt") for i in range(12)] + [Path("b/x.txt")]
    batches = plan_batches(paths, workers=2)
    assert [p for b in batches for p in b] == paths
    assert all(len({p.parent for p in b}) == 1 for b in batches)
    assert len(batches) == 7  # 12 files in 6 batches of 2, then b/x.txt alone
    assert plan_batches([], 2) == []


def _bench_module():
    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "bench" / "bench_scale.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_scale", module)
    spec.loader.exec_module(module)
    return module


def test_synthetic_corpus_is_varied_not_copied(tmp_path):
    bench = _bench_module()
    records = bench.make_corpus(tmp_path, 40, seed=1)
    texts = [p.read_text(encoding="utf-8") for p in sorted(tmp_path.glob("*.txt"))]
    assert len(texts) == 40 and len(set(texts)) == 40
    assert len({r.city for r in records.values()}) >= 20
    assert len({r.published[:4] for r in records.values()}) >= 5
    seed_lines = {
        ln for p in SEEDS.glob("*.txt") for ln in p.read_text(encoding="utf-8").splitlines()
    }
    numbered = [ln for t in texts for ln in t.splitlines() if re.search(r"\d{3,}", ln)]
    copied = [ln for ln in numbered if ln in seed_lines]
    assert len(copied) < 0.2 * len(numbered)  # numbers substituted
    result = extract_paths(sorted(tmp_path.glob("*.txt")), records)
    assert not result.failures and len(result.table) > 40
    assert set(result.table["city"].dropna()) <= {r.city for r in records.values()}


@pytest.mark.slow
def test_a_running_scheduler_by_address(corpus, tmp_path):
    """The --scheduler path: a separately started cluster, reached by its tcp:// address."""
    import logging

    from dask.distributed import LocalCluster

    paths = sorted(corpus.glob("*.txt"))
    with LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.ERROR
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        result = extract_with_dask(paths, None, workers=99, scheduler=address)
        out = tmp_path / "out"
        rc = main(
            ["extract", str(corpus), "-o", str(out), "--engine", "dask", "-q"]
            + [
                "--scheduler",
                address,
            ]
        )
    pd.testing.assert_frame_equal(result.table, extract_paths(paths).table)
    assert rc == 1  # scan.txt
    assert len(load_table(out)) == len(result.table)
