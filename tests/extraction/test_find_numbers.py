"""find_numbers: spans, values and units from golden data; parse_chinese_number edge cases."""

from pathlib import Path

import pytest
import yaml

from indicators.numbers import NotANumber, find_numbers, parse_chinese_number

CASES = yaml.safe_load(
    (Path(__file__).parents[1] / "cases/numbers/find_numbers.yaml").read_text("utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_find_numbers(case):
    got = find_numbers(case["text"])
    want = case["numbers"]
    assert [n.text for n in got] == [w["surface"] for w in want], case["text"]
    for n, w in zip(got, want, strict=True):
        assert case["text"][n.start : n.end] == n.text
        assert n.value == pytest.approx(w["value"], rel=5e-4)
        assert n.unit == w["unit"]


@pytest.mark.parametrize(
    "text, value",
    [("一千零一", 1001), ("四亿五千六百四十二万零一十五", 456420015), ("两千四百五", 2450),
     ("十五点七", 15.7), ("二十几万", 200000), ("四万万", 4e8), ("１２３４５６７８９０１２３４５", 123456789012345)],
)  # fmt: skip
def test_parse_chinese_number(text, value):
    assert parse_chinese_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["二三十", "1.2.3", "万", "百十"])
def test_parse_refuses_what_is_not_one_number(text):
    with pytest.raises(NotANumber):
        parse_chinese_number(text)
