"""Year rules: a case's own year, "YYYY年以来", a document's inferred year, the row precedence."""

from __future__ import annotations

import pytest
from structure_helpers import load_yaml

from indicators.structure.timing import case_year, inferred_year, resolve_year, since_year

GOLD = load_yaml("timing_cases.yaml")


@pytest.mark.parametrize("case", GOLD["case_year"], ids=[c["text"][:16] for c in GOLD["case_year"]])
def test_case_year(case):
    assert case_year(case["text"]) == case["expected"]


@pytest.mark.parametrize(
    "case", GOLD["since_year"], ids=[c["text"][:16] for c in GOLD["since_year"]]
)
def test_since_year(case):
    assert since_year(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", GOLD["inferred_year"], ids=range(len(GOLD["inferred_year"])))
def test_inferred_year(case):
    assert inferred_year(case["text"]) == case["expected"]


@pytest.mark.parametrize(
    "case", GOLD["precedence"], ids=[str(c["given"]) for c in GOLD["precedence"]]
)
def test_year_precedence(case):
    assert list(resolve_year(*case["given"])) == case["expected"]
