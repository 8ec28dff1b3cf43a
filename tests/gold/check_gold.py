"""Check the blind gold sets against their texts: offsets, verbatim copies, digit coverage.

Run from the repository root: `.venv/bin/python tests/gold/check_gold.py [FOLDER …]` (default:
real1 … real15). Each folder holds its gold files (r01.jsonl, s01.jsonl, t01.jsonl …) and
their texts under texts/. Exits 1 and names the file and row of the first problem found.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
SETS = (
    "real1",
    "real2",
    "real3",
    "real4",
    "real5",
    "real6",
    "real7",
    "real8",
    "real9",
    "real10",
    "real11",
    "real12",
    "real13",
    "real14",
    "real15",
)
GOLD_FILES = "[a-z][0-9][0-9].jsonl"  # r01.jsonl; not r01.second.jsonl (a second annotator)
FIELDS = [
    "doc",
    "start",
    "end",
    "case",
    "city",
    "district",
    "sentence",
    "surface",
    "indicator",
    "value",
    "unit",
    "direction",
    "role",
    "qualifier",
    "year",
    "comparison",
    "core",
    "why",
    "concept",
    "improving",
]
ROLES = {"level", "change", "baseline", "current", "target", "negative"}
DIGITS = re.compile(r"[0-9０-９]+")


class GoldError(ValueError):
    """A gold row does not match its text file."""


def check_row(text: str, row: dict, where: str) -> None:
    """Raise GoldError when a row's offsets, copies or fields are wrong.

    >>> check_row("共12件。", {**dict.fromkeys(FIELDS), "start": 1, "end": 4,
    ...     "surface": "12件", "sentence": "共12件。", "role": "level"}, "x:1")
    """
    missing = [f for f in FIELDS if f not in row]
    if missing:
        raise GoldError(f"{where}: missing fields {missing}")
    if row["role"] not in ROLES:
        raise GoldError(f"{where}: role {row['role']!r} is not one of {sorted(ROLES)}")
    if text[row["start"] : row["end"]] != row["surface"]:
        raise GoldError(f"{where}: text[start:end] is not the surface {row['surface']!r}")
    if row["surface"] not in row["sentence"] or row["sentence"] not in text:
        raise GoldError(f"{where}: sentence is not verbatim or does not hold the surface")


def check_coverage(text: str, rows: list[dict], where: str) -> None:
    """Raise GoldError unless every run of digits lies in exactly one row's span."""
    spans = [(r["start"], r["end"]) for r in rows]
    for m in DIGITS.finditer(text):
        n = sum(1 for s, e in spans if s <= m.start() and m.end() <= e)
        if n != 1:
            raise GoldError(f"{where}: digits {m.group()!r} at {m.start()} are in {n} rows")


def check_file(gold: Path) -> int:
    """Check one gold file against its text; return its number of rows."""
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    texts = {r["doc"] for r in rows}
    if len(texts) != 1:
        raise GoldError(f"{gold.name}: rows name {len(texts)} documents, expected 1")
    text = (gold.parent / "texts" / texts.pop()).read_text(encoding="utf-8")
    for i, row in enumerate(rows, 1):
        check_row(text, row, f"{gold.name}:{i}")
    starts = [r["start"] for r in rows]
    if starts != sorted(starts):
        raise GoldError(f"{gold.name}: rows are not in order of appearance")
    check_coverage(text, rows, gold.name)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Check every gold file of the given set folders (default: the blind sets beside this script)."""
    folders = [Path(a) for a in (sys.argv[1:] if argv is None else argv)] or [
        HERE / s for s in SETS
    ]
    try:
        for folder in folders:
            for gold in sorted(folder.glob(GOLD_FILES)):
                print(f"{folder.name}/{gold.name}: {check_file(gold)} rows ok")
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
