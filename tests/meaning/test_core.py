"""Result or context: the golden cases of every rule of indicators/meaning/core.py (as data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from indicators.meaning.core import is_core
from indicators.pipeline import extract_text

DATA = yaml.safe_load((Path(__file__).parent / "core.yaml").read_text(encoding="utf-8"))
CASES, CALLS = DATA["cases"], DATA["calls"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['rule']}:{c['surface']}" for c in CASES])
def test_core_rule(case):
    table = extract_text(case["text"], "doc")
    rows = table[table["surface"] == case["surface"]]
    assert len(rows) == 1, f"{case['surface']!r} not extracted once from {case['text']!r}"
    assert bool(rows.iloc[0]["core"]) is case["core"], rows.iloc[0]["indicator"]


@pytest.mark.parametrize("case", CALLS, ids=[f"{c['rule']}:{c['surface']}" for c in CALLS])
def test_core_rule_on_the_function(case):
    got = is_core(
        case["name"],
        case["surface"],
        case["unit"],
        case["kind"],
        case["value"],
        before=case["before"],
        after=case["after"],
    )
    assert got is case["core"]
