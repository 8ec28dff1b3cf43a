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


def test_the_unit_table_is_what_the_registry_says():
    """vocab/unit_table.csv (read by extraction instead of building the registry) is in sync:
    after adding a measure word, run `python -m indicators.units`."""
    from indicators.units import TABLE, unit_table_text
    from indicators.vocabulary import read_vocab_file

    assert read_vocab_file(TABLE) == unit_table_text()


def test_extraction_does_not_build_the_registry():
    import subprocess
    import sys

    code = (
        "import sys; from indicators.pipeline import extract_text; "
        "extract_text('办结率从92%提升至98%,办理时限由15天压缩至2天。'); print('pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
