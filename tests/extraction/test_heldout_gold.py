"""Regression on the blind gold: seeds 002, 003 and 004 (tests/gold/heldout) and nine new texts
(tests/gold/fresh, fresh2, fresh3), annotated by separate annotators following tests/gold/ANNOTATION_GUIDE.md
without seeing the extractor or its output.

The floors are each set's first, blind score, before any rule was changed with it in view (see
tests/gold/heldout/README.md): later changes must not fall under what the extractor did on text it
had not seen.
"""

from pathlib import Path

import pytest

from indicators.evaluation import evaluate_extraction

ROOT = Path(__file__).parents[2]
HELDOUT = ROOT / "tests/gold/heldout"
FRESH = ROOT / "tests/gold/fresh"  # new texts written and annotated blind (their texts in texts/)
FRESH2 = ROOT / "tests/gold/fresh2"  # three more genres, the same way
FRESH3 = ROOT / "tests/gold/fresh3"  # and three with harder formats (a table, full-width digits)
# gold files -> (precision, recall, strict F1) of the first blind score, rounded down
BLIND = {
    ("heldout/002.jsonl", "heldout/004.jsonl"): (0.99, 0.85, 0.84),
    ("heldout/003.jsonl",): (0.83, 0.95, 0.68),
    ("fresh/f01.jsonl", "fresh/f02.jsonl", "fresh/f03.jsonl"): (0.98, 0.98, 0.77),
    ("fresh2/g01.jsonl", "fresh2/g02.jsonl", "fresh2/g03.jsonl"): (0.98, 0.96, 0.91),
    ("fresh3/h01.jsonl", "fresh3/h02.jsonl", "fresh3/h03.jsonl"): (0.97, 0.94, 0.90),
}


def test_every_blind_file_has_a_floor():
    found = [f"heldout/{p.name}" for p in HELDOUT.glob("*.jsonl")]
    found += [f"fresh/{p.name}" for p in FRESH.glob("*.jsonl")]
    found += [f"fresh2/{p.name}" for p in FRESH2.glob("*.jsonl")]
    found += [f"fresh3/{p.name}" for p in FRESH3.glob("*.jsonl")]
    assert sorted(found) == sorted(sum(BLIND, ()))


@pytest.mark.parametrize("files", list(BLIND), ids=lambda f: "+".join(Path(n).stem for n in f))
def test_not_below_the_blind_score(files):
    folder = files[0].split("/")[0]
    docs = ROOT / "tests/gold" / folder / "texts" if folder != "heldout" else ROOT / "seeds"
    figures = evaluate_extraction([str(ROOT / "tests/gold" / f) for f in files], docs)
    precision, recall, strict = BLIND[files]
    assert figures["precision"] >= precision
    assert figures["recall"] >= recall
    assert figures["strict_f1"] >= strict
    assert figures["value_acc"] == 1.0  # every number that was found was read right
