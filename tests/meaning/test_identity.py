"""One identity per indicator across documents, and result vs context (golden cases as data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from indicators.pipeline import extract_text

HERE = Path(__file__).parents[1] / "cases" / "meaning"
IDENTITY = yaml.safe_load((HERE / "identity.yaml").read_text(encoding="utf-8"))
CORE = yaml.safe_load((HERE / "core.yaml").read_text(encoding="utf-8"))["cases"]


def row_of(mention: dict, doc: str = "doc"):
    table = extract_text(mention["text"], doc)
    rows = table[table["surface"] == mention["surface"]]
    assert len(rows) == 1, f"{mention['surface']!r} not extracted from {mention['text']!r}"
    return rows.iloc[0]


@pytest.mark.parametrize("group", IDENTITY["same"], ids=[str(g["key"]) for g in IDENTITY["same"]])
def test_mentions_of_one_indicator_share_a_key(group):
    rows = [row_of(m, f"doc{i}") for i, m in enumerate(group["mentions"])]
    keys = {r["indicator_key"] for r in rows}
    assert len(keys) == 1, [(r["indicator"], r["indicator_key"]) for r in rows]
    if group["key"]:
        assert keys == {group["key"]}
    else:
        assert keys.pop().startswith("auto.")


@pytest.mark.parametrize(
    "pair", IDENTITY["different"], ids=[p[0]["surface"] for p in IDENTITY["different"]]
)
def test_different_indicators_never_share_a_key(pair):
    a, b = (row_of(m, f"doc{i}") for i, m in enumerate(pair))
    assert a["indicator_key"] != b["indicator_key"], (a["indicator"], b["indicator"])


@pytest.mark.parametrize("case", CORE, ids=[c["surface"] for c in CORE])
def test_core_marks_results_and_not_context(case):
    assert bool(row_of(case)["core"]) is case["core"]


def test_every_row_has_a_key_a_label_and_a_name():
    table = extract_text(
        "二季度，12345热线共受理市民诉求71200件，同比增长11.2%，其中投诉29486件、求助20780件。"
    )
    assert table["indicator_key"].notna().all() and table["indicator_label"].str.len().gt(0).all()
    assert table["indicator"].str.len().between(1, 16).all(), table["indicator"].tolist()
