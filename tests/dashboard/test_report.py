"""The indicators view (`dashboard/report.py`), without a browser: the golden cases of
report_cases.yaml (small hand tables -> sections, items, readings), the rules' worked examples,
and the view on the seeds' own table as the extractor builds it now."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from dashboard.data import NONE, prepare
from dashboard.filters import FilterState, filter_mask, state_from_query
from dashboard.report import (
    Change,
    ChangeLookup,
    Item,
    build_report,
    comparison_items,
    indicator_stem,
    report_for_state,
    report_index,
    report_sections,
)
from dashboard.report.index import _pack
from dashboard.report.view import _domain_mode, _top
from indicators.schema import conform

CASES = yaml.safe_load((Path(__file__).with_name("report_cases.yaml")).read_text("utf-8"))
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
# short names of the cases' row fields -> table columns
FIELDS = {"key": "indicator_key", "label": "indicator_label", "name": "indicator",
          "label_en": "indicator_label_en", "dir": "direction", "pair": "pair_id",
          "case": "case_id"}  # fmt: skip


def table_of(rows: list[dict]) -> pd.DataFrame:
    """A schema table from a case's rows, with plain defaults for what a case leaves out."""
    out = []
    for i, row in enumerate(rows):
        r = {FIELDS.get(k, k): v for k, v in row.items()}
        name = r.get("indicator") or r.get("indicator_label") or r.get("indicator_key")
        value, unit = r["value"], r.get("unit", "")
        defaults = {"doc": "d1.txt", "start": 10 * i, "end": 10 * i + 4, "role": "level",
                    "surface": f"{value:g}{unit}", "sentence": f"{name}{value:g}{unit}。",
                    "indicator": name, "core": True, "domain": "public_safety"}  # fmt: skip
        out.append(defaults | r)
    return conform(pd.DataFrame(out))


def plain(value):
    """A report as nested dicts and lists (dataclasses and tuples opened)."""
    if dataclasses.is_dataclass(value):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def mismatches(actual, expected, path: str = "report") -> list[str]:
    """Where `actual` differs from `expected`, comparing only the fields `expected` names;
    lists must match in length and order."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected {expected}, got {actual!r}"]
        return [m for k, v in expected.items() for m in mismatches(actual.get(k), v, f"{path}.{k}")]
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            summary = [a.get("key", a.get("domain")) if isinstance(a, dict) else a
                       for a in (actual or [])]  # fmt: skip
            return [f"{path}: expected {len(expected)} entries, got {summary}"]
        return [m for i, (a, e) in enumerate(zip(actual, expected, strict=True))
                for m in mismatches(a, e, f"{path}[{i}]")]  # fmt: skip
    if isinstance(expected, float | int) and not isinstance(expected, bool):
        ok = isinstance(actual, float | int) and actual == pytest.approx(expected, abs=1e-3)
        return [] if ok else [f"{path}: expected {expected}, got {actual!r}"]
    return [] if actual == expected else [f"{path}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case):
    prep = prepare(table_of(case["rows"]))
    state = state_from_query(case.get("query", ""))
    report = report_for_state(prep, state, max_per_domain=case.get("max_per_domain", 8))
    problems = mismatches(plain(report), case["expect"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("key", "stem"),
    [
        ("safety.fires", "safety.fires"),
        ("safety.fires.change_rate", "safety.fires"),
        ("economy.gdp.change_pp", "economy.gdp"),
        ("law.enforcement_time.change", "law.enforcement_time"),
        ("auto.广大群众幸福感.percent", "auto.广大群众幸福感"),
        ("auto.广大群众幸福感.pp.change_pp", "auto.广大群众幸福感"),
        ("auto.不文明养犬发生率", "auto.不文明养犬发生率"),
        ("auto.不文明养犬发生率.change", "auto.不文明养犬发生率"),
    ],
)
def test_indicator_stem(key, stem):
    assert indicator_stem(key) == stem


def test_worked_examples_of_the_helpers():
    assert _pack(np.array([0, 0, 1]), np.array([5, 6, 5])).tolist() == [5, 6, 12]
    assert _pack(np.array([-1, 0, -1]), np.array([2, 2, 2])).tolist() == [2, 5, 2]
    assert _top(np.arange(4), np.array([5, 9, 5, 1]), 2).tolist() == [1, 0]
    assert _top(np.arange(4), np.array([5, 9, 5, 1]), 9).tolist() == [1, 0, 2, 3]
    rank, new = np.array([0, 0, 3, 3, 1]), np.array([True, False, True, False, False])
    assert _domain_mode(rank, new, 4).tolist() == [0, 3]
    assert _domain_mode(
        np.array([2, 1, 2, 1]), np.array([True, False, False, False]), 4
    ).tolist() == [1]
    lookup = ChangeLookup(np.array([7, 3, 9]), np.array([0, 2]), np.array([2, 3]))
    mask = np.zeros(10, dtype=bool)
    mask[[3, 9]] = True
    assert lookup.first(mask, np.array([0, 1])).tolist() == [3, 9]
    mask[9] = False
    assert lookup.first(mask, np.array([0, 1])).tolist() == [3, -1]


def test_records_refuse_unknown_kinds():
    with pytest.raises(ValueError, match="source"):
        Change(1.0, "%", "up", True, "guessed", "r1")
    reading = None
    with pytest.raises(ValueError, match="kind"):
        Item("k", "%", "target", "label", "d", True, None, (), reading, 0)


def test_empty_table_and_a_mask_without_its_wider_view():
    empty = prepare(conform(pd.DataFrame({"id": [], "doc": [], "start": [], "end": [],
                                          "surface": [], "value": [], "role": [],
                                          "sentence": []})))  # fmt: skip
    assert build_report(empty, np.zeros(0, dtype=bool)).reason == "no_data"
    prep = prepare(table_of(CASES[0]["rows"]))
    nothing = np.zeros(len(prep), dtype=bool)
    assert build_report(prep, nothing).reason == "no_match"  # no wider mask: cannot say more
    assert build_report(prep, nothing, wider=np.ones(len(prep), bool)).reason == "only_context"


# --- the seeds' own table ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_prep():
    """The extractor's table of seeds/ built now, prepared. Shared: don't mutate."""
    from indicators.pipeline import extract_paths
    from indicators.sources import load_sources

    result = extract_paths(sorted(SEEDS.glob("*.txt")), load_sources(SEEDS / "sources.yaml"))
    assert not result.failures
    return prepare(result.table)


def all_items(report) -> list[Item]:
    return [item for section in report.sections for item in section.items]


def test_seeds_view_shows_labelled_values_with_units_and_coloured_changes(seeds_prep):
    report = report_for_state(seeds_prep, FilterState())
    items = all_items(report)
    assert report.reason is None and len(report.sections) >= 10 and len(items) >= 50
    assert all(item.label.strip() and item.label != NONE for item in items)
    assert all(s.label.strip() for s in report.sections)
    # a domain is empty only when all it holds is context (《意见》共分为6大部分19条), and says so
    assert all(bool(s.items) != (s.reason == "only_context") for s in report.sections)
    assert sum(bool(item.unit) for item in items) >= 0.9 * len(items)
    changes = [r.change for item in items for r in item.readings if r.change]
    assert any(c.improving is True for c in changes), "a green change"
    assert {c.source for c in changes} == {"stated", "pair"}
    assert all(item.core for item in items)  # results first: the context numbers wait
    assert report.hidden_context == int((~seeds_prep.core).sum())


def test_seeds_readings_are_their_rows(seeds_prep):
    """Each reading is the row it names, of the item's key and unit; a stated change is of the
    same indicator, city, document and year; a pair's change is from the same pair."""
    df = seeds_prep.df
    report = report_for_state(seeds_prep, state_from_query("?all=1"), max_per_domain=100)
    assert sum(s.more for s in report.sections) == 0
    for item in all_items(report):
        for r in item.readings:
            row = df.iloc[r.position]
            assert (row["id"], row["indicator_key"], row["value"]) == (r.row_id, item.key, r.value)
            assert (row["unit"] if row["unit"] != NONE else "") == item.unit
            if r.change and r.change.source == "stated" and item.kind == "level":
                said = df[df["id"] == r.change.row_id].iloc[0]
                assert indicator_stem(said["indicator_key"]) == indicator_stem(item.key)
                assert (said["doc"], said["year"], said["city"]) == (row["doc"], row["year"],
                                                                     row["city"])  # fmt: skip
            if r.change and r.change.source == "pair":
                base = df[df["id"] == r.change.row_id].iloc[0]
                assert base["role"] == "baseline" and base["pair_id"] == row["pair_id"]
    keys = [item.key_unit for item in all_items(report)]
    assert len(keys) == len(set(keys)), "one item per key and unit"
    assert set(keys) <= set(seeds_prep.cats["key_unit"]), "the overview's comparison choices"


def test_seeds_one_city_is_a_report_card_and_several_are_compared(seeds_prep):
    card = report_for_state(seeds_prep, state_from_query("?city=深圳"))
    assert card.cities == ("深圳",) and not card.compare and card.comparison == ()
    assert {r.city for item in all_items(card) for r in item.readings} == {"深圳"}
    both = report_for_state(seeds_prep, state_from_query("?city=厦门&city=深圳"))
    assert both.compare and both.comparison_reason is None
    by_key = {item.key_unit: item for item in both.comparison}
    mediation = by_key["dispute.mediation_success_rate|%"]
    assert [r.city for r in mediation.readings] == ["厦门", "深圳"]
    assert all(len(item.readings) >= 2 for item in both.comparison)


def test_wrappers_agree_with_the_report(seeds_prep):
    mask = filter_mask(seeds_prep, FilterState())
    report = build_report(seeds_prep, mask, "en", max_per_domain=3)
    assert report_sections(seeds_prep, mask, "en", 3) == list(report.sections)
    assert comparison_items(seeds_prep, mask, "en") == list(report.comparison)
    assert report_index(seeds_prep) is report_index(seeds_prep)  # built once per table


def test_the_synthetic_demo_table(small_table):
    """A table from before the meaning stage with ten cities: every domain has items, compared."""
    prep = prepare(small_table)
    report = report_for_state(prep, FilterState())
    assert report.reason is None and report.compare and report.comparison
    assert all(s.items for s in report.sections)
    assert all(len({r.city for r in item.readings}) == len(item.readings)
               for item in report.comparison)  # fmt: skip


def test_every_empty_reason_has_a_message_in_both_languages():
    """The page says why a view is empty for every reason the report can give."""
    from dashboard.i18n import labels
    from dashboard.report import REASONS

    for lang in ("zh", "en"):
        missing = [r for r in REASONS if f"report.empty.{r}" not in labels()[lang]]
        assert not missing, (lang, missing)
