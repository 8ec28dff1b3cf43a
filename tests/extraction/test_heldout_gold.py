"""Regression on the held-out gold (seeds 002, 003 and 004, annotated by separate annotators
following tests/gold/ANNOTATION_GUIDE.md without seeing the extractor or its output).

The floors are each set's first, blind score, before any rule was changed with it in view (see
tests/gold/heldout/README.md): later changes must not fall under what the extractor did on text it
had not seen.
"""

from pathlib import Path

import pytest

from indicators.evaluation import evaluate_extraction

ROOT = Path(__file__).parents[2]
HELDOUT = ROOT / "tests/gold/heldout"
# gold files -> (precision, recall, strict F1) of the first blind score, rounded down
BLIND = {
    ("002.jsonl", "004.jsonl"): (0.99, 0.85, 0.84),
    ("003.jsonl",): (0.83, 0.95, 0.68),
}


def test_every_heldout_file_has_a_floor():
    assert sorted(p.name for p in HELDOUT.glob("*.jsonl")) == sorted(sum(BLIND, ()))


@pytest.mark.parametrize("files", list(BLIND), ids=lambda f: "+".join(n[:3] for n in f))
def test_not_below_the_blind_score(files):
    figures = evaluate_extraction([str(HELDOUT / f) for f in files], ROOT / "seeds")
    precision, recall, strict = BLIND[files]
    assert figures["precision"] >= precision
    assert figures["recall"] >= recall
    assert figures["strict_f1"] >= strict
    assert figures["value_acc"] == 1.0  # every number that was found was read right
