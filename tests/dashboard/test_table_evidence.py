"""The evidence of a number read from a table marks that cell in the row's line, never a header or
an equal number in another column: checked on every golden table case (tests/cases/tables.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from dashboard.evidence import sentence_parts
from indicators.formats.html import html_to_text
from indicators.pipeline import extract_text

CASES = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "cases" / "tables.yaml").read_text(encoding="utf-8")
)


def occurrence(text: str, surface: str, at: int) -> int:
    """How many times `surface` starts in `text` before `at`."""
    return sum(text.startswith(surface, i) for i in range(at))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_table_rows_mark_their_own_cell(case):
    text = html_to_text(case["html"]) if "html" in case else case["text"]
    table = extract_text(text, "case.txt")
    rows = table[table["table_no"].notna()].to_dict("records")
    for row in rows:
        sentence, surface, start = row["sentence"], row["surface"], int(row["start"])
        parts = sentence_parts(sentence, surface, start, int(row["end"]), text, table=True)
        assert "".join(p for p, _ in parts) == sentence
        marked = [i for i, (_, hit) in enumerate(parts) if hit]
        assert len(marked) == 1 and parts[marked[0]][0] == surface, (sentence, surface)
        at = sum(len(p) for p, _ in parts[: marked[0]])
        row_part = sentence.rfind(" | ") + 3 if " | " in sentence else 0
        assert at >= row_part, f"{surface} marked in the headers of {sentence!r}"
        line_start = text.rfind("\n", 0, start) + 1
        # the same occurrence of the number as in the document's line (the cells before it agree)
        wanted = occurrence(text[line_start:], surface, start - line_start)
        assert occurrence(sentence[row_part:], surface, at - row_part) == wanted, (
            sentence,
            surface,
        )
