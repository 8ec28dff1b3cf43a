"""Golden extraction cases as data: every YAML case under tests/cases/extraction/ against extract_text.

A case is ``{id, text, expected: [row, ...], note?}``. ``expected`` lists EVERY row the extractor
must return for ``text``, in order of appearance, so ``expected: []`` means "no indicator here".
Expected rows are matched to predicted rows by surface, in order; a field is checked only when the
expected row gives it (``null`` means "must be empty"). ``pair`` is a label: rows with the same
label must share one non-null pair_id, rows with different labels must not.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases" / "extraction"
CASE_KEYS = {"id", "text", "expected", "note"}
ROW_FIELDS = {
    "surface",
    "value",
    "value_low",
    "unit",
    "qualifier",
    "direction",
    "role",
    "comparison",
    "year",
    "pair",
    "indicator",
}
FLOAT_FIELDS = ("value", "value_low")
STRING_FIELDS = ("unit", "qualifier", "direction", "role", "comparison", "indicator")
REL_TOL = 0.005  # as the dev-gold scorer


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    """All cases from all YAML files, as (file stem, case) in file order."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            cases.append((path.stem, case))
    return cases


CASES = load_cases()


def _norm(x: Any) -> Any:
    """None for every kind of missing value (None, NaN, pd.NA, ''), else the value."""
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    if isinstance(x, str) and not x.strip():
        return None
    return x


def _close(got: Any, want: float) -> bool:
    got = _norm(got)
    if got is None:
        return False
    try:
        got = float(got)
    except (TypeError, ValueError):
        return False
    return abs(got - want) <= max(1e-9, REL_TOL * abs(want))


def field_problems(exp: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Each field of `exp` (except surface and pair) that `got` gets wrong."""
    problems = []
    for field, want in exp.items():
        if field in ("surface", "pair"):
            continue
        have = _norm(got.get(field))
        if want is None:
            ok = have is None
        elif field in FLOAT_FIELDS:
            ok = _close(have, float(want))
        elif field == "year":
            ok = have is not None and int(float(have)) == int(want)
        else:
            ok = have is not None and str(have) == str(want)
        if not ok:
            problems.append(f"{field}: expected {want!r}, got {have!r}")
    return problems


def match_rows(expected: list[dict], predicted: list[dict]) -> tuple[list, list, list]:
    """Pair expected rows with predicted rows by surface, in order of appearance.

    Returns (pairs, missing expected rows, extra predicted rows).
    """
    pairs, missing, used = [], [], set()
    cursor = 0
    for exp in expected:
        hit = next(
            (
                i
                for i in range(cursor, len(predicted))
                if i not in used and predicted[i].get("surface") == exp["surface"]
            ),
            None,
        )
        if hit is None:  # out of order: accept any unused row with that surface
            hit = next(
                (
                    i
                    for i, p in enumerate(predicted)
                    if i not in used and p.get("surface") == exp["surface"]
                ),
                None,
            )
        if hit is None:
            missing.append(exp)
            continue
        used.add(hit)
        cursor = hit + 1
        pairs.append((exp, predicted[hit]))
    extra = [p for i, p in enumerate(predicted) if i not in used]
    return pairs, missing, extra


def pair_problems(pairs: list[tuple[dict, dict]]) -> list[str]:
    """Rows labelled with one `pair` share one non-null pair_id; different labels differ."""
    problems = []
    ids_by_label: dict[str, set] = {}
    for exp, got in pairs:
        if "pair" not in exp:
            continue
        pid = _norm(got.get("pair_id"))
        if pid is None:
            problems.append(f"{exp['surface']!r}: pair_id is empty, expected a shared pair id")
        ids_by_label.setdefault(str(exp["pair"]), set()).add(pid)
    for label, ids in ids_by_label.items():
        if len(ids - {None}) > 1:
            problems.append(
                f"pair {label!r}: rows carry different pair_ids {sorted(map(str, ids - {None}))}"
            )
    labels_by_id: dict[Any, set] = {}
    for label, ids in ids_by_label.items():
        for pid in ids - {None}:
            labels_by_id.setdefault(pid, set()).add(label)
    for pid, labels in labels_by_id.items():
        if len(labels) > 1:
            problems.append(f"pair_id {pid!r} joins rows of different pairs {sorted(labels)}")
    return problems


def _show(row: dict) -> str:
    keys = (
        "surface",
        "value",
        "value_low",
        "unit",
        "qualifier",
        "direction",
        "role",
        "comparison",
        "year",
        "pair_id",
    )
    return "{" + ", ".join(f"{k}={_norm(row.get(k))!r}" for k in keys if k in row) + "}"


@pytest.mark.parametrize(
    ("stem", "case"), CASES, ids=[f"{stem}:{case['id']}" for stem, case in CASES]
)
def test_case_data_is_well_formed(stem: str, case: dict) -> None:
    """The case file itself: known keys, and every surface occurs in the text in the given order."""
    assert set(case) <= CASE_KEYS and {"id", "text", "expected"} <= set(case), (
        f"keys: {sorted(case)}"
    )
    pos = 0
    for row in case["expected"]:
        assert set(row) <= ROW_FIELDS, (
            f"{case['id']}: unknown fields {sorted(set(row) - ROW_FIELDS)}"
        )
        i = case["text"].find(row["surface"], pos)
        assert i >= 0, f"{case['id']}: surface {row['surface']!r} not in text after offset {pos}"
        pos = i + len(row["surface"])


def test_case_ids_are_unique() -> None:
    seen: dict[str, str] = {}
    for stem, case in CASES:
        key = f"{stem}:{case['id']}"
        assert key not in seen, f"duplicate case id {key}"
        seen[key] = stem


@pytest.mark.parametrize(
    ("stem", "case"), CASES, ids=[f"{stem}:{case['id']}" for stem, case in CASES]
)
def test_extraction_case(stem: str, case: dict) -> None:
    import indicators

    text, expected = case["text"], case["expected"]
    df = indicators.extract_text(text, doc=case["id"])
    predicted = df.sort_values("start", kind="stable").to_dict("records") if len(df) else []

    problems: list[str] = []
    for row in predicted:
        start, end = int(row["start"]), int(row["end"])
        if text[start:end] != row.get("surface"):
            problems.append(
                f"offsets: text[{start}:{end}] = {text[start:end]!r} but surface = {row.get('surface')!r}"
            )
        if row.get("doc") != case["id"]:
            problems.append(f"doc: expected {case['id']!r}, got {row.get('doc')!r}")
        sentence = _norm(row.get("sentence"))
        if sentence is None or row.get("surface") not in sentence or sentence not in text:
            problems.append(
                f"sentence {sentence!r} must contain {row.get('surface')!r} and occur in the text"
            )

    pairs, missing, extra = match_rows(expected, predicted)
    if len(predicted) != len(expected):
        problems.append(f"row count: expected {len(expected)}, got {len(predicted)}")
    for exp in missing:
        problems.append(f"missing row {exp['surface']!r} (expected {exp})")
    for got in extra:
        problems.append(f"extra row {_show(got)}")
    for exp, got in pairs:
        problems += [f"{exp['surface']!r} {p}" for p in field_problems(exp, got)]
    problems += pair_problems(pairs)

    if problems:
        lines = [
            f"case {stem}:{case['id']}",
            f"text: {text!r}",
            *([f"note: {case['note']}"] if case.get("note") else []),
            "expected: " + ("[]" if not expected else ""),
            *[f"  {e}" for e in expected],
            "got: " + ("[]" if not predicted else ""),
            *[f"  {_show(p)}" for p in predicted],
            "problems:",
            *[f"  - {p}" for p in problems],
        ]
        pytest.fail("\n".join(lines), pytrace=False)
