"""The splitter keeps its cases when a seed is re-typed (CRLF, blank lines, full-width digits)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from structure_helpers import load_yaml

from indicators.structure import add_structure, split_cases

SEED_CASES = load_yaml("seed_cases.yaml")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

RETYPINGS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "double_blank_lines": lambda t: t.replace("\n", "\n\n"),
    "indented_lines": lambda t: re.sub(r"(?m)^", "\u3000", t),
    "full_width_case_numbers": lambda t: re.sub(
        r"(?m)^(\d{1,3})$", lambda m: m.group(1).translate(FULL_WIDTH), t
    ),
}


@pytest.mark.parametrize("retype", RETYPINGS, ids=list(RETYPINGS))
@pytest.mark.parametrize("gold", SEED_CASES, ids=[g["layout"] for g in SEED_CASES])
def test_retyped_seed_splits_the_same(gold, retype, seed_text):
    text = RETYPINGS[retype](seed_text(gold["doc"]))
    split = split_cases(text)
    assert (split.layout, len(split.cases)) == (gold["layout"], gold["count"])


@pytest.mark.parametrize("text", ["", "\n\n", "只有一句话。", "1\n2\n3\n"])
def test_degenerate_texts_have_no_cases(text):
    split = split_cases(text)
    assert split.cases == ()
    table = pd.DataFrame({"id": [], "doc": [], "start": [], "end": [], "year": []})
    assert add_structure(table, text, "x.txt", None).empty


def test_broken_layout_rules_say_what_is_wrong(tmp_path):
    from indicators.structure.cases import LayoutRulesError, load_rules

    path = tmp_path / "case_layouts.yaml"
    path.write_text("order: [table_rows, pages]\nmin_cases: 2\n", encoding="utf-8")
    with pytest.raises(
        LayoutRulesError,
        match=r"missing rules \[.*number_line.*unknown layouts in order \['pages'\]",
    ):
        load_rules(path)
