"""What a golden table case (tests/cases/tables.yaml) expects of the rows read from its tables: one
checker for every form a case is read in (text, web page, Word), so the forms cannot drift apart.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

ROOT = Path(__file__).parents[2]
CASES_FILE = ROOT / "tests" / "cases" / "tables.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
REL_TOL = 0.005


def _missing(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def row_problems(exp: dict, got: dict, with_year: bool = True) -> list[str]:
    """What `got` (a table row) gets wrong against `exp` (a case's expected row)."""
    problems = []
    want = {"role": "level", "direction": None, "comparison": None, **exp}
    for field, value in want.items():
        have = got.get({"row": "table_row", "col": "table_col"}.get(field, field))
        have = None if _missing(have) else have
        if field == "year" and (not with_year or value is None):
            continue
        if field == "value":
            ok = have is not None and abs(float(have) - value) <= max(1e-9, REL_TOL * abs(value))
        elif field in ("row", "col", "year"):
            ok = have is not None and int(have) == int(value)
        elif field == "unit":
            ok = (have or "") == value
        else:
            ok = have == value
        if not ok:
            problems.append(f"{exp['surface']!r} {field}: expected {value!r}, got {have!r}")
    return problems


def case_problems(case: dict, rows: list[dict], with_year: bool = True) -> list[str]:
    """Every difference between a case's expected rows and the table rows, in order."""
    expected = case["expected"]
    problems = []
    if [r["surface"] for r in rows] != [e["surface"] for e in expected]:
        got = [(r["surface"], r["indicator"]) for r in rows]
        return [f"surfaces differ: expected {[e['surface'] for e in expected]}, got {got}"]
    for exp, got in zip(expected, rows, strict=True):
        problems += row_problems(exp, got, with_year)
    return problems


def year_problems(case: dict, rows: list[dict]) -> list[str]:
    """The years a case gives, against rows whose other years the structure stage may have filled
    (`indicators extract` infers a year the text does not give)."""
    return [
        f"{e['surface']!r} year: expected {e['year']!r}, got {r['year']!r}"
        for e, r in zip(case["expected"], rows, strict=True)
        if "year" in e and r["year"] != e["year"]
    ]


def provenance_problems(text: str, tables: list, rows: list[dict]) -> list[str]:
    """Every table row must point into `text`: its surface at its offsets, inside the cell at
    (table_row, table_col) of the table `find_tables(text)` found, that cell in its evidence."""
    problems = []
    for row in rows:
        where = f"{row['surface']!r} at {row['start']}"
        if text[row["start"] : row["end"]] != row["surface"]:
            problems.append(f"{where}: the text there is {text[row['start'] : row['end']]!r}")
            continue
        cell = tables[row["table_no"] - 1].rows[row["table_row"] - 1][row["table_col"] - 1]
        if not cell.start <= row["start"] < row["end"] <= cell.end:
            problems.append(f"{where}: outside its cell {cell}")
        if cell.text not in row["sentence"]:
            problems.append(f"{where}: its cell {cell.text!r} is not in {row['sentence']!r}")
    return problems


def prose_problems(case: dict, table: pd.DataFrame, tables: list) -> list[str]:
    """The prose around the tables: no number read twice, no tab in a name, the case's `prose`
    surfaces found outside the tables."""
    prose = table[table["table_no"].isna()]
    problems = []
    for t in tables:
        if ((prose["start"] < t.end) & (prose["end"] > t.start)).any():
            problems.append(f"table {t.index}: a prose row inside it")
    if prose["indicator"].fillna("").str.contains("\t").any():
        problems.append("a prose name holds a tab")
    missing = set(case.get("prose", [])) - set(prose["surface"])
    if missing:
        problems.append(f"prose surfaces not found: {sorted(missing)}")
    return problems
