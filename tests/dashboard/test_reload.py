"""Several serving processes over one table: when one of them (or `indicators add`) adds a document,
the others show it on their next request, without a restart. Two app instances over the same files
stand for two gunicorn workers; the table, corpus and uploads are real files on disk."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.app import app_for
from indicators.corpus import add_uploaded_text
from indicators.exporters import write_table
from indicators.pipeline import extract_paths
from indicators.reading import file_stamp
from indicators.sources import load_sources

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DOCS = ("000_769d05f5ba385491.txt", "004_4e1f33086cbaa4ee.txt")
NEW_TEXT = "2023年,全区共化解矛盾纠纷1260件,调解成功率达97.5%,同比提高2.1个百分点。\n"


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    records = load_sources(SEEDS / "sources.yaml")
    for name in DOCS:
        shutil.copy(SEEDS / name, folder / name)
    (folder / "sources.yaml").write_text(
        "documents:\n"
        + "".join(
            f"  - file: {n}\n    city: {records[n].city}\n    published: '{records[n].published}'\n"
            for n in DOCS
        ),
        encoding="utf-8",
    )
    table = tmp_path / "indicators.parquet"
    write_table(
        extract_paths(sorted(folder.glob("*.txt")), load_sources(folder / "sources.yaml")).table,
        table,
    )
    return folder, table


def exported_rows(app, query: str = "?all=1") -> pd.DataFrame:
    """The CSV export of the view `query` (by default every row, context numbers included)."""
    resp = app.server.test_client().get("/export/csv" + query)
    assert resp.status_code == 200
    return pd.read_csv(io.BytesIO(resp.data), encoding="utf-8-sig", dtype=str)


def test_a_second_worker_sees_an_added_document(corpus):
    folder, table = corpus
    worker_a = app_for(table, folder / "sources.yaml")
    worker_b = app_for(table, folder / "sources.yaml")
    before = len(exported_rows(worker_b))
    assert before == len(worker_b.live.prep)
    assert (
        len(exported_rows(worker_b, "")) == int(worker_b.live.prep.core.sum()) < before
    )  # core only

    rows = add_uploaded_text(
        "湖里区2023年矛盾纠纷化解.txt",
        NEW_TEXT.encode("gbk"),
        "厦门",
        "2024-01-15",
        "",
        folder,
        table,
    )
    assert len(rows) == 3

    after = exported_rows(worker_b)  # worker B never saw the upload, yet its next request has it
    assert len(after) == before + 3
    assert len(worker_b.live.prep) == before + 3
    assert "1260件" in set(after["原文"])  # the Chinese header of `surface`
    assert len(exported_rows(worker_a)) == before + 3


def test_an_unchanged_table_is_not_reloaded(corpus):
    folder, table = corpus
    app = app_for(table, folder / "sources.yaml")
    prep = app.live.prep
    exported_rows(app)
    exported_rows(app)
    assert app.live.prep is prep  # a stat per request, no reload


def test_stamp_changes_when_the_table_is_rewritten(corpus):
    folder, table = corpus
    first = file_stamp(table)
    write_table(pd.read_parquet(table), table)
    assert file_stamp(table) != first
    assert file_stamp(folder / "missing.parquet") is None
