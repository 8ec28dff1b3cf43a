"""The naming and identity rules of indicators/meaning, one golden case or more per rule (as data)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from indicators.pipeline import extract_text

HERE = Path(__file__).parent
NAMES = yaml.safe_load((HERE / "names.yaml").read_text(encoding="utf-8"))
IDENTITY = yaml.safe_load((HERE / "identity.yaml").read_text(encoding="utf-8"))
FIELDS = ("indicator", "indicator_label", "indicator_key", "improving")


def row_of(text: str, surface: str, doc: str = "doc"):
    table = extract_text(text, doc)
    rows = table[table["surface"] == surface]
    assert len(rows) == 1, f"{surface!r} not extracted once from {text!r}"
    return rows.iloc[0]


def check(row, expected: dict) -> None:
    got = {f: row[f] for f in FIELDS if f in expected}
    assert got == {f: expected[f] for f in got}, (row["indicator"], row["indicator_key"])


@pytest.mark.parametrize("case", NAMES, ids=[c["rule"] for c in NAMES])
def test_naming_rule(case):
    for expected in case["expected"]:
        check(row_of(case["text"], expected["surface"]), expected)


@pytest.mark.parametrize("group", IDENTITY["same"], ids=[str(g["key"]) for g in IDENTITY["same"]])
def test_one_indicator_one_key(group):
    rows = [row_of(m["text"], m["surface"], f"doc{i}") for i, m in enumerate(group["mentions"])]
    keys = {r["indicator_key"] for r in rows}
    assert len(keys) == 1, [(r["indicator"], r["indicator_key"]) for r in rows]
    assert keys == {group["key"]} if group["key"] else keys.pop().startswith("auto.")


@pytest.mark.parametrize(
    "pair", IDENTITY["different"], ids=[p[0]["surface"] for p in IDENTITY["different"]]
)
def test_different_indicators_keep_their_keys(pair):
    a, b = (row_of(m["text"], m["surface"], f"doc{i}") for i, m in enumerate(pair))
    assert a["indicator_key"] != b["indicator_key"], (a["indicator"], b["indicator"])


@pytest.mark.parametrize("case", IDENTITY["rows"], ids=[c["text"] for c in IDENTITY["rows"]])
def test_label_key_and_improving(case):
    check(row_of(case["text"], case["surface"]), case)
