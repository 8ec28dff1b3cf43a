"""evaluate_cases: the figures it returns, and clear errors for bad gold files."""

from __future__ import annotations

import pytest
from structure_helpers import ROOT, SEEDS

from indicators.structure.evaluate import GoldFileError, evaluate_cases
from indicators.structure.report import describe_figures

FIGURES = {"case_recall", "case_count_match", "title_match", "department_match", "district_match",
           "year_match", "domain_accuracy", "domain_exact", "documents"}  # fmt: skip


def test_figures_on_the_dev_case_gold():
    figures = evaluate_cases(ROOT / "tests" / "gold" / "cases-dev.jsonl", SEEDS)
    assert set(figures) >= FIGURES
    assert figures["documents"]["001_4d42245eb09b0b18.txt"]["layout"] == "bullets"
    assert figures["case_count_match"] == 1.0
    assert "domain_accuracy" in describe_figures(figures)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldFileError, match="no such case-gold file"):
        evaluate_cases(tmp_path / "nope.jsonl", SEEDS)


def test_bad_gold_line_is_named(tmp_path):
    gold = tmp_path / "cases.jsonl"
    gold.write_text('{"doc": "000_769d05f5ba385491.txt"}\nnot json\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"cases.jsonl:2"):
        evaluate_cases(gold, SEEDS)


def test_gold_naming_an_unknown_document(tmp_path):
    gold = tmp_path / "cases.jsonl"
    gold.write_text('{"doc": "missing.txt", "domain": "other"}\n', encoding="utf-8")
    with pytest.raises(GoldFileError, match="missing.txt is not in"):
        evaluate_cases(gold, SEEDS)
