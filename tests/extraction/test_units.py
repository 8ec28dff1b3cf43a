"""The one pint registry: labels map to canonical units, compatible units convert, others refuse."""

import pint
import pytest

from indicators.units import canonical_unit, compatible, convert, ureg
from indicators.vocabulary import load_vocab


def test_every_unit_label_has_a_pint_unit():
    for label in load_vocab().pint_of_label:
        assert canonical_unit(label), label
        ureg.parse_units(canonical_unit(label))


@pytest.mark.parametrize(
    "value, src, dst, expected",
    [(15, "天", "小时", 360), (2, "小时", "分钟", 120), (1, "亩", "平方米", 666.6667), (3, "公顷", "亩", 45),
     (1, "吨", "公斤", 1000), (6, "月", "年", 0.5)],
)  # fmt: skip
def test_convert(value, src, dst, expected):
    assert convert(value, src, dst) == pytest.approx(expected, rel=1e-3)


def test_counts_do_not_convert():
    assert not compatible("人", "件")
    assert compatible("天", "小时")
    with pytest.raises(pint.DimensionalityError):
        convert(1, "人", "件")


def test_percent_and_points_differ():
    assert canonical_unit("%") == "percent"
    assert canonical_unit("pp") == "percentage_point"
    assert not compatible("%", "pp")
