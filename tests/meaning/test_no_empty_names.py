"""No kept row is left without a name, on every text the project holds (real files on disk)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.pipeline import extract_paths

ROOT = Path(__file__).parents[2]
FOLDERS = [ROOT / "seeds", *sorted((ROOT / "tests" / "gold").glob("*/texts"))]


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.parent.name for f in FOLDERS])
def test_every_row_has_a_name(folder):
    table = extract_paths([folder]).table
    blank = table[table["indicator"].isna() | (table["indicator"].str.strip() == "")]
    assert blank.empty, blank[["doc", "surface", "sentence"]].to_dict("records")[:5]
