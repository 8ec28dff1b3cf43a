"""The case splitter on each seed layout and on small made-up documents (golden cases as data)."""

from __future__ import annotations

import re

import pytest
from structure_helpers import load_yaml

from indicators.structure import describe_split, split_cases

SEED_CASES = load_yaml("seed_cases.yaml")
LAYOUT_CASES = load_yaml("layout_cases.yaml")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("gold", SEED_CASES, ids=[g["layout"] for g in SEED_CASES])
def test_seed_layout_is_recognised_and_split(gold, seed_text, sources):
    text = seed_text(gold["doc"])
    split = split_cases(text, city=sources[gold["doc"]].city)
    assert split.layout == gold["layout"]
    assert len(split.cases) == gold["count"]
    for want in gold["cases"]:
        case = split.cases[want["ordinal"] - 1]
        for field in ("case_no", "title", "district", "year", "section"):
            if field in want:
                assert getattr(case, field) == want[field], (want["ordinal"], field)
        if "departments" in want:
            assert list(case.departments) == want["departments"]
        if "first" in want:
            assert _squash(text[case.body_start : case.end]).startswith(_squash(want["first"]))


@pytest.mark.parametrize("gold", SEED_CASES, ids=[g["layout"] for g in SEED_CASES])
def test_seed_intro_index_and_page_furniture_are_outside_cases(gold, seed_text):
    text = seed_text(gold["doc"])
    split = split_cases(text)
    for snippet in gold["outside"]:
        offsets = [m.start() for m in re.finditer(re.escape(snippet), text)]
        assert offsets, f"snippet not in the seed: {snippet}"
        assert all(split.case_at(o) is None for o in offsets), snippet


@pytest.mark.parametrize("gold", SEED_CASES, ids=[g["layout"] for g in SEED_CASES])
def test_seed_cases_are_ordered_disjoint_and_identified(gold, seed_text):
    split = split_cases(seed_text(gold["doc"]))
    spans = [(c.start, c.end) for c in split.cases]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))
    assert len({c.case_id for c in split.cases}) == len(split.cases)
    assert split_cases(seed_text(gold["doc"])).cases[0].case_id == split.cases[0].case_id


@pytest.mark.parametrize("gold", LAYOUT_CASES, ids=[g["id"] for g in LAYOUT_CASES])
def test_made_up_documents(gold):
    split = split_cases(gold["text"])
    assert split.layout == gold["layout"]
    assert [c.title for c in split.cases] == gold["titles"]
    if "departments" in gold:
        assert [list(c.departments) for c in split.cases] == gold["departments"]


def test_describe_split_lists_every_case(seed_text):
    text = seed_text("002_c8df632cfb2d134d.txt")
    report = describe_split(split_cases(text), text)
    lines = report.splitlines()
    assert lines[0] == "layout index_summaries, 37 cases"
    assert len(lines) == 38
    assert "市商务局" in lines[-1]
