"""Outputs never destroy what they did not write: every byte of a user's folder survives.

Each case runs a real command against real files on disk and compares the folder, byte for
byte, before and after. The commands that may replace a path (our own dataset, an empty
folder, a table file of the right format, --force) are checked to do so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.cli import main
from indicators.output_guard import MARKER, OutputRefused
from indicators.storage import load_table

ROOT = Path(__file__).resolve().parents[2]
SEED = next((ROOT / "seeds").glob("000_*.txt"))


def run_cli(argv: list[str]) -> int:
    """`indicators ARGV` in process; argparse's usage errors exit 2 through SystemExit."""
    try:
        return main(argv)
    except SystemExit as exc:
        return int(exc.code)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A working folder with a user's own files: notes, a report, a subfolder, a fake table."""
    monkeypatch.chdir(tmp_path)
    user = tmp_path / "报告"
    (user / "sub").mkdir(parents=True)
    (user / "notes.txt").write_text("我的笔记\n", encoding="utf-8")
    (user / "sub" / "draft.docx").write_bytes(b"PK\x03\x04 not really a workbook")
    (user / "table.parquet").write_text("not parquet at all", encoding="utf-8")
    (user / "book.xlsx").write_bytes(b"PK\x03\x04 a zip that is not a workbook")
    (user / "data.jsonl").write_text("[1, 2, 3]\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    (corpus / "sources.yaml").write_text("{}\n", encoding="utf-8")
    return tmp_path


REFUSED = [  # (argv, the path the message must name); {seed} is the seed in the corpus
    (["extract", "{seed}", "-o", "报告"], "报告"),
    (["extract", "{seed}", "-o", "报告/"], "报告"),
    (["extract", "{seed}", "-o", "报告/sub"], "报告/sub"),
    (["extract", "{seed}", "-o", "报告/table.parquet"], "table.parquet"),
    (["extract", "{seed}", "-o", "报告/book.xlsx"], "book.xlsx"),
    (["extract", "{seed}", "-o", "报告/data.jsonl"], "data.jsonl"),
    (["extract", "{seed}", "-o", "报告/sub/draft.docx"], "draft.docx"),
    (["extract", "corpus", "-o", "corpus"], "corpus"),
    (["extract", "corpus", "-o", "corpus", "--force"], "corpus"),
    (["extract", "{seed}", "-o", "{seed}"], "000_"),
    (["extract", "{seed}", "-o", "."], "current folder"),
    (["extract", "{seed}", "-o", "/"], "root"),
    (["extract", "{seed}", "-o", "/", "--force"], "root"),
    (
        [
            "add",
            "{seed}",
            "--city",
            "厦门",
            "--published",
            "2024-05-01",
            "--corpus",
            "c2",
            "--table",
            "报告",
        ],
        "报告",
    ),  # fmt: skip
    (
        [
            "add",
            "{seed}",
            "--city",
            "厦门",
            "--published",
            "2024-05-01",
            "--corpus",
            "c2",
            "--table",
            "报告/table.parquet",
        ],
        "table.parquet",
    ),  # fmt: skip
]


@pytest.mark.parametrize("argv,named", REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_a_refused_output_leaves_every_byte(home, capsys, argv, named):
    argv = [a.replace("{seed}", f"corpus/{SEED.name}") for a in argv]
    before = snapshot(home)
    rc = run_cli(argv)
    err = capsys.readouterr().err
    assert rc == 2
    assert named in err and "Traceback" not in err
    assert snapshot(home) == before
    assert not (home / "c2").exists()  # add refused before it touched its corpus


def test_the_cli_refusal_is_a_message_not_a_traceback(home):
    before = snapshot(home)
    run = subprocess.run(
        [sys.executable, "-m", "indicators.cli", "extract", "corpus", "-o", "报告"],
        capture_output=True,
        text=True,
        cwd=home,
    )
    assert run.returncode == 2
    assert "报告: this folder exists and was not written by indicators" in run.stderr
    assert "--force" in run.stderr and "Traceback" not in run.stderr
    assert snapshot(home) == before


def test_our_own_outputs_are_replaced(home, capsys):
    seed = f"corpus/{SEED.name}"
    for out in ("new-dataset", "t.parquet", "t.csv", "t.xlsx", "t.jsonl", "empty"):
        (home / "empty").mkdir(exist_ok=True)
        assert main(["extract", seed, "-o", out, "-q"]) == 0
        assert main(["extract", seed, "-o", out, "-q"]) == 0, out  # again: ours now
        assert len(load_table(home / out)) > 0
    assert (home / "new-dataset" / MARKER).is_file()


def test_a_dataset_written_before_the_marker_is_still_ours(home):
    seed = f"corpus/{SEED.name}"
    assert main(["extract", seed, "-o", "old", "-q"]) == 0
    (home / "old" / MARKER).unlink()  # as written by an earlier version
    assert main(["extract", seed, "-o", "old", "-q"]) == 0
    (home / "old" / "mine.txt").write_text("a user's file", encoding="utf-8")
    (home / "old" / MARKER).unlink()
    assert main(["extract", seed, "-o", "old", "-q"]) == 2
    assert (home / "old" / "mine.txt").read_text(encoding="utf-8") == "a user's file"


def test_force_replaces_a_folder_the_user_names(home):
    assert main(["extract", f"corpus/{SEED.name}", "-o", "报告/sub", "--force", "-q"]) == 0
    assert not (home / "报告" / "sub" / "draft.docx").exists()
    assert (home / "报告" / "notes.txt").exists()  # only the named folder
    assert len(load_table(home / "报告" / "sub")) > 0


def test_the_dashboard_upload_refuses_a_foreign_table(home):
    from indicators.corpus import add_uploaded_text

    before = snapshot(home)
    with pytest.raises(OutputRefused, match="报告"):
        add_uploaded_text(
            "new.txt", SEED.read_bytes(), "厦门", "2024-05-01", "", home / "corpus", home / "报告"
        )
    assert snapshot(home) == before


def test_serve_refuses_a_folder_that_is_not_a_table(home, capsys):
    before = snapshot(home)
    assert run_cli(["serve", "--table", "报告", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "报告: is not an indicator table" in err
    assert snapshot(home) == before
