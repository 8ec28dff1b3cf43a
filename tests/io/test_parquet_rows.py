"""`indicators extract -o x.parquet` writes its file from the row dicts, without pandas
(indicators/parquet_rows.py): the bytes are the pandas exporter's, for any rows."""

import math
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.exporters import to_parquet_bytes
from indicators.parquet_rows import arrow_table, parquet_bytes
from indicators.pipeline import extract_path_rows
from indicators.schema import conform, empty_table, frame_from_records

ROOT = Path(__file__).resolve().parents[2]


def _pandas_way(rows: list[dict]) -> bytes:
    return to_parquet_bytes(conform(frame_from_records(rows) if rows else empty_table()))


def test_the_seeds_and_a_set_with_tables_give_the_pandas_bytes():
    texts = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests/gold/fresh3/texts").iterdir()
    )
    rows = extract_path_rows(texts).rows
    assert any(row.get("table_no") is not None for row in rows)  # table rows too
    arrow_table(rows)  # the extractor's own values take the direct way (no fallback)
    assert parquet_bytes(rows) == _pandas_way(rows)


@pytest.mark.parametrize(
    "rows",
    [
        [],  # the empty table
        [{"id": "a", "start": 0, "end": 2, "value": math.nan, "core": None}],  # NaN is missing
        [{"id": "a", "case_no": 3, "year": 2022.0}],  # other types: the pandas way converts them
        [{"id": "b", "value": 1, "improving": True, "not_a_column": "x"}],
    ],
)
def test_odd_rows_give_the_pandas_bytes(rows):
    assert parquet_bytes(rows) == _pandas_way(rows)


def test_the_parquet_command_does_not_import_pandas(tmp_path):
    out = tmp_path / "t.parquet"
    code = (
        "import sys\nfrom indicators.cli import main\n"
        f"sys.argv = ['indicators', 'extract', {str(ROOT / 'seeds')!r}, '-o', {str(out)!r}, '-q']\n"
        "main()\nprint('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "False"
    assert out.read_bytes() == _pandas_way(
        extract_path_rows(sorted((ROOT / "seeds").glob("*.txt"))).rows
    )
