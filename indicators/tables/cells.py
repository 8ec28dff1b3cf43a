"""Read one table cell: is it a number (with its sign, unit and the words beside it) or a label.

A value cell is one number as the extractor reads it in prose (find_numbers, attach_units), with at
most a sign, an arrow, a comparison word (同比, 环比) and a direction word (增长, 下降) around it:
"19651", "51.11%", "-3.2%", "环比+12.5%", "下降3.2%", "1.2万", "12.5万元". Anything else is a
label ("咨询类", "110接警", "2023年", "10月") or empty ("—", "/").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from indicators.filters import DATE_RE
from indicators.mentions import attach_units, merge_ranges
from indicators.normalize import to_halfwidth
from indicators.numbers import find_numbers
from indicators.tables.headers import table_vocab
from indicators.vocabulary import alternation, load_vocab

ARROWS_UP, ARROWS_DOWN = "↑▲△", "↓▼▽"


class Value(NamedTuple):
    """A number read from a cell; offsets are relative to the cell's text."""

    start: int  # surface start (a written + sign included)
    end: int
    value: float  # as written: negative when written with "-"
    value_low: float | None
    unit: str
    unit_kind: str
    qualifier: str | None
    magnitude: bool  # the cell wrote a 万/亿 … into the number itself
    direction: str | None  # from a word or arrow in the cell (下降, ↑), not from the sign
    comparison: str | None  # from a word in the cell: yoy (同比…) or mom (环比…)


@cache
def _residue_res() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """What may stand before a cell's number (同比, 下降, ↑, +), after it (an arrow), and arrows."""
    d, tv = load_vocab().directions, table_vocab()
    up = alternation([w for w in d["up"] if len(w) > 1 or w in "增升涨"], group="up")
    down = alternation([w for w in d["down"] if len(w) > 1 or w in "降减"], group="down")
    yoy = alternation(tv.words["yoy"], group="yoy")
    mom = alternation(tv.words["mom"], group="mom")
    arrows = f"[{ARROWS_UP}{ARROWS_DOWN}]"
    before = re.compile(
        rf"^\s*(?:{yoy}|{mom})?\s*(?:{up}|{down})?\s*(?:了|达|为)?\s*(?P<arrow>{arrows})?\s*\+?\s*$"
    )
    after = re.compile(rf"^\s*(?P<arrow>{arrows})?\s*$")
    return before, after, re.compile(f"[{ARROWS_UP}]"), re.compile(f"[{ARROWS_DOWN}]")


_YEAR_ONLY = re.compile(r"^\s*(?:19|20)\d{2}\s*$")
# a plain number, as most cells are: the fast path of read_value
_PLAIN = re.compile(
    r"(?P<sign>[+-]?)(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?P<frac>\.[0-9]+)?(?P<pct>%?)$"
)


@lru_cache(maxsize=1 << 16)  # a table's cells repeat ("0", "—", "100%"), and each is read twice
def read_value(text: str) -> Value | None:
    """The number in a cell, or None for a label or an empty cell.

    "51.11%" -> 51.11 %; "环比+12.5%" -> 12.5 % (surface "+12.5%", comparison mom);
    "下降3.2%" -> 3.2 %, direction down; "110接警" -> None; "2023年" -> None; "—" -> None.
    """
    norm = to_halfwidth(text).strip()
    lead = len(to_halfwidth(text)) - len(to_halfwidth(text).lstrip())
    plain = _PLAIN.match(norm)
    if plain:  # most cells: "19651", "51.11%", "-1.47%", "3,000" (read as find_numbers reads them)
        return _plain_value(plain, lead)
    if not norm or norm in table_vocab().empty_cells or _is_date(norm):
        return None
    vocab = load_vocab()
    found = merge_ranges(norm, attach_units(norm, find_numbers(norm), vocab))
    if len(found) != 1:
        return None
    m = found[0]
    before_re, after_re, up_arrow, down_arrow = _residue_res()
    before, after = before_re.match(norm[: m.start]), after_re.match(norm[m.end :])
    if before is None or after is None:
        return None
    start = m.start - 1 if norm[m.start - 1 : m.start] == "+" else m.start
    arrows = (before.group("arrow") or "") + (after.group("arrow") or "")
    direction = "up" if before.group("up") or up_arrow.search(arrows) else None
    if before.group("down") or down_arrow.search(arrows):
        direction = "down"
    comparison = "yoy" if before.group("yoy") else "mom" if before.group("mom") else None
    return Value(
        start + lead,
        m.end + lead,
        m.value,
        m.value_low,
        m.unit,
        m.unit_kind,
        m.qualifier,
        bool(re.search(r"[万亿千百]", norm[m.num_start : m.num_end])),
        direction,
        comparison,
    )


def _plain_value(m: re.Match, lead: int) -> Value:
    number = float(m.group("digits").replace(",", "") + (m.group("frac") or ""))
    value = -number if m.group("sign") == "-" else number
    unit, kind = ("%", "percent") if m.group("pct") else ("", "")
    return Value(lead, lead + m.end(), value, None, unit, kind, None, False, None, None)


def _is_date(norm: str) -> bool:
    """A period written as a date: "2023年", "2015年8月", "10月", "1-6月" (not a bare 2013)."""
    m = DATE_RE.fullmatch(norm)
    return m is not None and not _YEAR_ONLY.match(norm)


def is_value_text(text: str) -> bool:
    """True when a cell holds a number: "19651" yes, "咨询类" no."""
    return read_value(text) is not None


def is_bare_year(text: str) -> bool:
    """ "2023" (a year heading a column, when it stands in a header row)."""
    return bool(_YEAR_ONLY.match(to_halfwidth(text)))
