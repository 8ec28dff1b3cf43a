"""What every blind set's `build_gold.py` shares: the hand annotation is kept there as data
(surface, occurrence, fields), and this module finds its offsets and sentences in the text and
writes the set's gold files (`r01.jsonl`, `u01.jsonl` …) in the fields `check_gold.py` checks.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from check_gold import FIELDS as CHECKED_FIELDS

STOPS = "。！？；;\n"
FIELDS = [*CHECKED_FIELDS, "polarity"]  # the blind sets also record which way is better


def sentence_of(text: str, start: int, end: int) -> str:
    """The stretch between sentence stops around a span, closing mark included."""
    a = max(text.rfind(c, 0, start) for c in STOPS) + 1
    ends = [i for i in (text.find(c, end) for c in STOPS) if i != -1]
    b = min(ends) if ends else len(text)
    if b < len(text) and text[b] != "\n":
        b += 1
    return text[a:b]


def neg(surface, why, nth=1):
    return (surface, nth, {"role": "negative", "why": why})


def pos(surface, indicator, value, unit, role="level", nth=1, **kw):
    row = {"indicator": indicator, "value": value, "unit": unit, "role": role}
    row.update(kw)
    return (surface, nth, row)


# shorthands the annotations are written in
H = "higher_better"
L = "lower_better"


def up(surface, indicator, value, concept, unit="%", **kw):
    """A rise of a higher-better quantity (improving unless said otherwise)."""
    kw.setdefault("polarity", H)
    kw.setdefault("improving", True)
    return pos(
        surface,
        indicator,
        value,
        unit,
        role=kw.pop("role", "change"),
        direction="up",
        concept=concept,
        **kw,
    )


def cat(surface, indicator, value, concept, unit="件", **kw):
    """A workload (a category of calls or cases): neither better nor worse."""
    return pos(surface, indicator, value, unit, concept=concept, **kw)


def goal(surface, indicator, value, concept, **kw):
    """A planned average annual growth (a target), stated as a rise."""
    return pos(
        surface,
        indicator,
        value,
        "%",
        role="target",
        direction="up",
        concept=concept,
        polarity=H,
        improving=True,
        **kw,
    )


def c(surface, indicator, value, unit, concept, **kw):
    """A level (or any row given role=…) of one concept."""
    return pos(surface, indicator, value, unit, concept=concept, **kw)


def chg(surface, indicator, value, concept, direction, unit="%", **kw):
    """A change (rate or amount) stated with its direction."""
    return pos(
        surface, indicator, value, unit, role="change", direction=direction, concept=concept, **kw
    )


def ctx(surface, indicator, value, unit, concept, **kw):
    """A context number: kept as a positive, but not a result a leader would chart."""
    return pos(surface, indicator, value, unit, concept=concept, core=False, **kw)


def find(text: str, surface: str, nth: int, after: int) -> int:
    """The nth occurrence of a surface from `after` (a digit run not inside a longer one)."""
    pat = re.compile(
        r"(?<![0-9.])" + re.escape(surface) + (r"(?![0-9.])" if surface[-1].isdigit() else "")
    )
    hits = [m.start() for m in pat.finditer(text, after)]
    return hits[nth - 1] if nth <= len(hits) else -1


def build(folder: Path, doc: tuple) -> list[dict]:
    """The gold rows of one document of a set: (file name, fields of every row, annotations)."""
    name, common, items = doc
    text = (folder / "texts" / name).read_text(encoding="utf-8")
    rows, cursor = [], 0
    for surface, nth, fields in items:
        start = find(text, surface, 1, cursor) if nth else -1
        if start < 0:
            raise SystemExit(f"{name}: {surface!r} not found after {cursor}")
        end = start + len(surface)
        row = dict.fromkeys(FIELDS)
        row.update(
            doc=name,
            start=start,
            end=end,
            surface=surface,
            sentence=sentence_of(text, start, end),
            **common,
        )
        row.update(fields)
        if row["role"] != "negative" and row["core"] is None:
            row["core"] = True
        rows.append(row)
        cursor = end
    return rows


def write_gold(folder: Path, docs: dict) -> None:
    """Write `<key>.jsonl` in `folder` for every document of `docs`."""
    for key, doc in docs.items():
        rows = build(folder, doc)
        out = folder / f"{key}.jsonl"
        out.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(out.name, len(rows))
