"""Regression: the extractor's figures on the dev gold (seeds 000, 001) stay above the targets."""

from pathlib import Path

import pytest

from indicators.evaluation import evaluate_extraction
from indicators.pipeline import extract_paths
from indicators.schema import validate
from indicators.sources import load_sources

ROOT = Path(__file__).parents[2]
GOLD = sorted(str(p) for p in (ROOT / "tests/gold/dev").glob("*.jsonl"))


@pytest.fixture(scope="module")
def figures():
    return evaluate_extraction(GOLD, ROOT / "seeds")


def test_detection_f1(figures):
    assert figures["f1"] >= 0.95


def test_strict_f1(figures):
    assert figures["strict_f1"] >= 0.90


def test_year_accuracy(figures):
    assert figures["year_n"] >= 10
    assert figures["year_acc"] >= 0.90


def test_seed_table_meets_the_schema_and_spans_are_true():
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    result = extract_paths(seeds, load_sources(ROOT / "seeds/sources.yaml"))
    table = validate(result.table)
    assert not result.failures
    assert set(table["doc"]) == {p.name for p in seeds}
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds}
    for row in table.itertuples():
        assert texts[row.doc][row.start : row.end] == row.surface
        assert row.surface in row.sentence
    assert table["city"].notna().all() and table["year"].notna().all()
