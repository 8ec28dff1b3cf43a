"""Numbers as readers read them: the golden cases of number_format_cases.yaml, the English unit
words against the extractor's unit table, and the seeds' own numbers written back as the text
wrote them."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard.numbers import (
    MISSING,
    UNITS_EN,
    UnitWordsError,
    axis_ticks,
    english_units,
    format_number,
    format_row,
    format_value,
    read_unit_words,
    scale_for,
)

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((Path(__file__).with_name("number_format_cases.yaml")).read_text("utf-8"))
UNIT_TABLE = ROOT / "indicators" / "vocab" / "unit_table.csv"
WRITTEN_BY_CODE = {"", "%", "pp", "ratio", "‰", "倍"}  # numbers.py writes these itself


def by_language(section: str, keys: tuple[str, ...]):
    """One pytest param per case and language: (inputs, lang, expected)."""
    params = []
    for i, case in enumerate(CASES[section]):
        inputs = {k: case[k] for k in keys if k in case}
        for lang in ("zh", "en"):
            if lang in case:
                params.append(pytest.param(inputs, lang, case[lang], id=f"{section}-{i}-{lang}"))
    return params


@pytest.mark.parametrize(
    ("inputs", "lang", "expected"),
    by_language("format_value", ("value", "unit", "qualifier", "value_low", "direction", "signed")),
)
def test_format_value(inputs, lang, expected):
    inputs = dict(inputs)
    value, unit = inputs.pop("value"), inputs.pop("unit")
    assert format_value(value, unit, lang, **inputs) == str(expected)


@pytest.mark.parametrize(("inputs", "lang", "expected"), by_language("format_number", ("value",)))
def test_format_number(inputs, lang, expected):
    assert format_number(inputs["value"], lang) == str(expected)


@pytest.mark.parametrize(
    ("inputs", "lang", "expected"), by_language("scale_for", ("max_abs", "unit"))
)
def test_scale_for(inputs, lang, expected):
    divisor, label = scale_for(inputs["max_abs"], inputs["unit"], lang)
    assert (divisor, label) == (float(expected[0]), str(expected[1]))


@pytest.mark.parametrize("case", CASES["axis_ticks"], ids=lambda c: f"{c['lang']}-{c['values']}")
def test_axis_ticks(case):
    vals, text = axis_ticks(
        case["values"], case["lang"], include_zero=case.get("include_zero", True)
    )
    assert vals == pytest.approx([float(v) for v in case["tickvals"]])
    assert text == [str(t) for t in case["ticktext"]]


def test_the_cases_cover_every_qualifier():
    qualifiers = {c.get("qualifier") for c in CASES["format_value"]}
    assert {"approx", "over", "under"} <= qualifiers
    assert len(CASES["format_value"]) >= 40


def test_every_unit_label_of_the_extractor_has_english_words():
    with UNIT_TABLE.open(encoding="utf-8") as f:
        labels = {row["label"] for row in csv.DictReader(f)}
    missing = sorted(labels - WRITTEN_BY_CODE - set(english_units()))
    assert missing == [], f"add these labels to {UNITS_EN.name}: {missing}"


def test_a_malformed_units_file_names_itself(tmp_path):
    bad = tmp_path / "units_en.yaml"
    bad.write_text("人: [person, people, folk]\n", encoding="utf-8")
    with pytest.raises(UnitWordsError, match=r"units_en\.yaml.*'人'.*\[singular, plural\]"):
        read_unit_words(bad)
    bad.write_text("人: [person\n", encoding="utf-8")
    with pytest.raises(UnitWordsError, match="not valid YAML"):
        read_unit_words(bad)


@pytest.fixture(scope="module")
def seeds_table() -> pd.DataFrame:
    """The extractor's rows of the five seed texts, as the pipeline gives them (pd.NA cells)."""
    from indicators.pipeline import extract_text

    paths = sorted((ROOT / "seeds").glob("*.txt"))
    return pd.concat([extract_text(p.read_text(encoding="utf-8"), p.name) for p in paths])


def test_chinese_writes_the_seeds_numbers_as_the_text_wrote_them(seeds_table):
    """Every Arabic number with its unit (and 万/亿) in the seeds reads back as its surface, except
    a written trailing zero (35.80%: a float cannot keep it)."""
    checked, differ = 0, []
    for row in seeds_table.to_dict("records"):
        unit, surface = row["unit"], row["surface"]
        plain = re.fullmatch(r"[0-9.]+(?:万|亿)?" + re.escape(unit), surface) if unit else None
        if not plain or pd.notna(row["value_low"]) or pd.notna(row["qualifier"]):
            continue
        checked += 1
        if format_row(row) != surface and not re.search(r"\.[0-9]*0\D", surface):
            differ.append((surface, format_row(row)))
    assert checked >= 150 and differ == []


def test_every_seed_row_formats_in_both_languages(seeds_table):
    """Rows as pandas Series, with pd.NA in the empty string cells (qualifier, direction)."""
    for _, row in seeds_table.iterrows():
        for lang in ("zh", "en"):
            text = format_row(row, lang, signed=row["role"] == "change")
            assert text and text != MISSING and "nan" not in text.lower(), (row["surface"], text)
            assert not math.isnan(float(row["value"]))
