"""Fixtures: a small corpus copied from two seed documents into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indicators.sources import load_sources, save_sources

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SMALL = ("000_769d05f5ba385491.txt", "004_4e1f33086cbaa4ee.txt")  # the two shortest seeds


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A fresh corpus folder with two seed documents and their source records (per test)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SMALL:
        shutil.copyfile(SEEDS / name, folder / name)
    records = load_sources(SEEDS / "sources.yaml")
    save_sources(folder / "sources.yaml", {n: records[n] for n in SMALL})
    return folder


@pytest.fixture
def new_doc(tmp_path: Path) -> Path:
    """A new document outside the corpus, saved as GBK."""
    path = tmp_path / "incoming" / "厦门_2024_便民服务.txt"
    path.parent.mkdir()
    text = (
        "厦门市便民服务改革成效\n"
        "2023年，全市共受理政务服务事项1200件，同比增长15%。\n"
        "群众满意度从80.5%提升至95.2%，办理时限由15天缩减为2天。\n"
    )
    path.write_bytes(text.encode("gbk"))
    return path
