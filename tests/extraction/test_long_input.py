"""Garbled or unpunctuated input: evidence stays short and true, every row keeps its span."""

from indicators import extract_text
from indicators.pipeline import MAX_EVIDENCE


def test_one_huge_sentence_keeps_short_true_evidence():
    text = ("办件1200件同比增长15%" + "的" * 50) * 400  # 25,600 characters, no sentence end
    table = extract_text(text)
    assert len(table) == 800
    assert (table["sentence"].str.len() <= MAX_EVIDENCE).all()
    for row in table.itertuples():
        assert text[row.start : row.end] == row.surface
        assert row.surface in row.sentence
    assert set(table["role"]) == {"level", "change"}
