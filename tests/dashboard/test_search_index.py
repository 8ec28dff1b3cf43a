"""The character index behind the text search: its candidates always hold every true hit, and the
search through it gives exactly the rows a plain scan gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from bench.synthetic import synthetic_table
from dashboard.data import prepare, search_mask
from dashboard.search_index import build_char_index, candidate_rows, exact_rows

TEXTS = [
    "调解成功率从38.69%提升至68.17%。",
    "电信网络诈骗刑事警情同比逆势下降24.96%",
    "全市共有8.8万名市民开通信用就医",
    "GDP增长7.5%，CPI上涨2%",
    "𠀋字在基本平面之外，满意度达到91.7%",  # a character outside the BMP (two UTF-16 units)
    "",
    None,
    "ÄÖÜ Straße 满意度",
]
QUERIES = [
    "满意度",
    "调解",
    "gdp",
    "GDP",
    "cpi上涨",
    "𠀋字",
    "%",
    "ß",
    "äö",
    "不存在",
    "8.8万",
    " ",
]


def brute_force(texts: list[str | None], query: str) -> set[int]:
    q = query.lower()
    return {i for i, t in enumerate(texts) if t is not None and q in t.lower()}


@pytest.mark.parametrize("query", QUERIES)
def test_candidates_hold_every_hit(query):
    index = build_char_index(pa.array(TEXTS, pa.large_string()))
    candidates = candidate_rows(index, query, max_share=1.0)
    assert candidates is not None
    assert brute_force(TEXTS, query) <= set(candidates.tolist())
    assert np.all(np.diff(candidates) > 0)  # sorted, no repeats


def test_index_narrows_to_rows_with_every_character():
    index = build_char_index(pa.array(TEXTS, pa.large_string()))
    assert candidate_rows(index, "满意度", max_share=1.0).tolist() == [4, 7]
    assert candidate_rows(index, "不存在", max_share=1.0).tolist() == []


def test_common_characters_fall_back_to_a_scan():
    index = build_char_index(pa.array(TEXTS, pa.large_string()))
    assert candidate_rows(index, "%", max_share=0.25) is None  # in half the rows
    assert candidate_rows(index, "") is None


def test_empty_column():
    index = build_char_index(pa.array([], pa.large_string()))
    assert candidate_rows(index, "满意度") is None


def test_accepts_pandas_and_chunked_columns():
    series = pd.Series(TEXTS, dtype="string[pyarrow]")
    chunked = pa.chunked_array([TEXTS[:3], TEXTS[3:]], pa.string())
    for values in (series.array, chunked, TEXTS):
        index = build_char_index(values)
        assert index.n_rows == len(TEXTS)
        assert set(candidate_rows(index, "满意度", max_share=1.0).tolist()) == {4, 7}


@pytest.fixture(scope="module")
def table():
    return prepare(synthetic_table(3000, seed=11))


@pytest.mark.parametrize("query", ["满意度", "调解", "下降", "厦门市", "%", "率", "xyz", "8"])
def test_search_through_the_index_equals_a_scan(table, query):
    everything = np.ones(len(table), dtype=bool)
    indexed = search_mask(table, query, everything)
    index, table.sentence_index = table.sentence_index, None
    try:
        scanned = search_mask(table, query, everything)
    finally:
        table.sentence_index = index
    sentences = table.df["sentence"].astype(object).tolist()
    names = table.df["indicator"].astype(object).tolist()
    want = np.array(
        [
            (s is not None and query.lower() in s.lower())
            or (isinstance(n, str) and query.lower() in n.lower())
            for s, n in zip(sentences, names, strict=True)
        ]
    )
    assert np.array_equal(indexed, scanned)
    assert np.array_equal(indexed, want)


@pytest.mark.parametrize("query", ["%", "满", "G", "ß", "𠀋", "调解"])
def test_single_characters_are_answered_by_the_index(query):
    index = build_char_index(pa.array(TEXTS, pa.large_string()))
    rows = exact_rows(index, query)
    if len(query.encode("utf-16-le")) != 2:
        assert rows is None  # two characters, or one outside the BMP: candidates + a match
    else:
        assert set(rows.tolist()) == brute_force(TEXTS, query)
