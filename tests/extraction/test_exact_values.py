"""Values are the numbers the text states, exactly: scaling by 万/亿 and unit conversion must not leave
binary floating-point noise that a reader would see in the table or in Excel (4.6亿元 must be
460000000, not 459999999.99999994)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.numbers import tidy
from indicators.pipeline import extract_text

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


@pytest.mark.parametrize(
    "text, surface, value",
    [
        ("累计发放创业担保贷款4.6亿元。", "4.6亿元", 460_000_000.0),
        ("完成投资0.7万亿元。", "0.7万亿元", 700_000_000_000.0),
        ("惠及居民3.3万户。", "3.3万户", 33_000.0),
        ("资金规模1.1亿至1.3亿元。", "1.1亿至1.3亿元", 130_000_000.0),
    ],
)
def test_scaled_values_are_exact(text, surface, value):
    rows = extract_text(text)
    row = rows[rows["surface"] == surface].iloc[0]
    assert row["value"] == value  # exact, not approximately


def test_range_low_is_exact():
    rows = extract_text("资金规模1.1亿至1.3亿元。")
    assert rows["value_low"].tolist() == [110_000_000.0]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_no_value_in_the_seeds_carries_float_noise(path):
    rows = extract_text(path.read_text(encoding="utf-8"), doc=path.name)
    for column in ("value", "value_low"):
        values = rows[column].dropna()
        noisy = values[values.map(lambda v: v != float(f"{v:.12g}"))]
        assert noisy.empty, noisy.to_dict()


@pytest.mark.parametrize(
    "raw, clean",
    [(4.6 * 1e8, 460_000_000.0), (2 / 3, 0.6666666667), (0.1 + 0.2, 0.3), (96.5, 96.5)],
)
def test_tidy(raw, clean):
    assert tidy(raw) == clean


def test_tidy_keeps_missing():
    assert tidy(None) is None
    assert tidy(float("nan")) != tidy(float("nan"))
