"""A surface written twice in one sentence: each row's before/after text is its own, placed by the
row's offsets in the document (the context and identity rules read these sides)."""

from __future__ import annotations

from indicators.meaning.annotate import _sides

TEXT = "前文。全市建成3个党群服务中心，新增3个口袋公园。后文。"
SENTENCE = "全市建成3个党群服务中心，新增3个口袋公园。"


def row_at(nth: int) -> dict:
    start = TEXT.index("3个") if nth == 0 else TEXT.index("3个", TEXT.index("3个") + 1)
    return {"surface": "3个", "sentence": SENTENCE, "start": start, "end": start + 2}


def test_each_occurrence_gets_its_own_sides():
    assert _sides(row_at(0), TEXT) == ("全市建成", "党群服务中心，新增3个口袋公园。")
    assert _sides(row_at(1), TEXT) == ("全市建成3个党群服务中心，新增", "口袋公园。")


def test_without_the_text_or_with_offsets_elsewhere_the_first_occurrence():
    assert _sides(row_at(1)) == ("全市建成", "党群服务中心，新增3个口袋公园。")
    assert _sides({**row_at(1), "start": 0}, TEXT)[0] == "全市建成"
    assert _sides({"surface": "9个", "sentence": SENTENCE, "start": 5}, TEXT) == ("", "")
