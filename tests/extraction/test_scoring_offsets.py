"""The evaluator places a gold row by its own offsets when it has them (real files on disk)."""

from __future__ import annotations

import json

from indicators.scoring import load_gold

TEXT = "年均增长6.5%左右,财政收入增长5%。"


def _gold(tmp_path, row):
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return load_gold([path], tmp_path)[0][0]


def test_a_row_with_offsets_is_placed_by_them(tmp_path):
    start = TEXT.rindex("5%")
    row = {"doc": "d.txt", "sentence": TEXT, "surface": "5%", "role": "change"}
    placed = _gold(tmp_path, {**row, "start": start, "end": start + 2})
    assert (placed["_s"], placed["_e"]) == (start, start + 2)


def test_a_row_without_offsets_takes_the_first_occurrence(tmp_path):
    row = {"doc": "d.txt", "sentence": TEXT, "surface": "5%", "role": "change"}
    placed = _gold(tmp_path, row)
    assert placed["_s"] == TEXT.index("5%")  # inside 6.5%: the shared scorer's way
