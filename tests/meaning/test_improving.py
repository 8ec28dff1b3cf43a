"""`improving` on golden sentences: every catalogue measure, better and worse (cases as data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from indicators.pipeline import extract_text

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "cases" / "meaning" / "improving.yaml").read_text(encoding="utf-8")
)["cases"]


def test_the_cases_cover_worsening_as_much_as_improvement():
    verdicts = [c["improving"] for c in CASES]
    assert len(CASES) >= 40
    assert verdicts.count(False) >= 0.4 * sum(v is not None for v in verdicts)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:18] for c in CASES])
def test_improving(case):
    table = extract_text(case["text"])
    row = table[table["surface"] == case["surface"]]
    assert len(row) == 1, f"{case['surface']!r} not extracted from {case['text']!r}"
    got = row.iloc[0]["improving"]
    got = None if pd.isna(got) else bool(got)
    detail = row.iloc[0][["indicator", "indicator_key", "direction", "polarity"]].to_dict()
    assert got == case["improving"], detail
