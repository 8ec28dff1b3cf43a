"""What a table header says: the measure it names, its unit, and what kind of number stands under it.

The words are data (indicators/vocab/table_headers.yaml): "数量(件)" -> measure 数量, unit 件;
"金额（万元）" -> unit 元 times 10,000; "占比" -> a share in %; "同比" -> a change against last year;
"合计" -> the total; "2023年" -> the year 2023; "本周" -> a period that goes first in the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicators.filters import DATE_RE
from indicators.normalize import to_halfwidth
from indicators.vocabulary import VOCAB_DIR, load_vocab, load_yaml

VOCAB_FILE = "table_headers.yaml"
KINDS = ("skip", "year", "month", "unit", "yoy", "mom", "change", "fall", "share", "target", "rank")
CHANGE_KINDS = frozenset({"yoy", "mom", "change", "fall"})
MAGNITUDES = (("千万", 1e7), ("百万", 1e6), ("十万", 1e5), ("亿", 1e8), ("万", 1e4), ("千", 1e3))
# a unit in brackets, anywhere in the header: "数量(件)", "（单位：万元）", "占比(%)"
_BRACKET = re.compile(r"[(（\[]\s*(?P<unit>[^()（）\[\]]{1,12}?)\s*[)）\]]")
_TRAILING_PERCENT = re.compile(r"[%％]\s*$")
_FULL_YEAR = re.compile(r"(?:19|20)\d{2}")
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_YEAR_PART = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")
_HAN_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")  # "汉 滨" -> "汉滨"


class TableVocabError(ValueError):
    """indicators/vocab/table_headers.yaml is missing a section or has a malformed one."""


@dataclass(frozen=True, eq=False)
class TableVocab:
    """The header words of table_headers.yaml, checked once."""

    words: dict[str, tuple[str, ...]]  # kind -> words, longest first
    percent_changes: tuple[str, ...]
    descriptors: frozenset[str]
    count_units: dict[str, str]  # 件数 -> 件
    past_periods: frozenset[str]
    scope_totals: frozenset[str]
    sum_totals: frozenset[str]
    periods: frozenset[str]
    unit_note: re.Pattern  # "单位：件" -> group "unit"
    empty_cells: frozenset[str]


@cache
def table_vocab() -> TableVocab:
    """The table header vocabulary, read once; a broken file raises TableVocabError naming it."""
    raw = load_yaml(VOCAB_FILE)
    path = VOCAB_DIR / VOCAB_FILE
    try:
        kinds = raw["kinds"]
        words = {k: tuple(sorted(map(str, kinds[k]), key=len, reverse=True)) for k in KINDS}
        note = "|".join(map(re.escape, raw["unit_note"]))
        return TableVocab(
            words=words,
            percent_changes=tuple(map(str, raw["percent_changes"])),
            descriptors=frozenset(map(str, raw["descriptors"])),
            count_units={str(k): str(v) for k, v in raw["count_units"].items()},
            past_periods=frozenset(map(str, raw["past_periods"])),
            scope_totals=frozenset(map(str, raw["totals"]["scope"])),
            sum_totals=frozenset(map(str, raw["totals"]["sum"])),
            periods=frozenset(map(str, raw["periods"])),
            unit_note=re.compile(rf"(?:{note})\s*[:：]\s*(?P<unit>[^\s,，;；)）]{{1,8}})"),
            empty_cells=frozenset(to_halfwidth(str(w)) for w in raw["empty_cells"]),
        )
    except (KeyError, TypeError) as exc:
        raise TableVocabError(
            f"{path}: section {exc} is missing or malformed; it needs kinds ({', '.join(KINDS)}), "
            "percent_changes, descriptors, count_units, past_periods, totals (scope, sum), "
            "periods, unit_note and empty_cells"
        ) from None


@dataclass(frozen=True)
class Header:
    """One header cell (or row label) read: what it names and how to read the numbers it heads."""

    text: str  # as written
    measure: str  # the name part: no unit, no date, no period, no spaces between Hanzi
    kind: str  # level | skip | year | month | unit | yoy | mom | change | fall | share | target | rank
    unit: str  # a unit label ("件", "元", "%") or ""
    factor: float  # the magnitude the unit carries: 万元 -> 10000
    year: int | None  # a year the header names ("2023年", "2023")
    period: str  # a period that is not a bare year: "8月", "本周", "1-6月"
    total: str | None  # "scope" (全市) or "sum" (合计) when the header names the whole
    falls: bool  # a change written as a fall (降幅, 同比下降): a positive number is down
    past: bool = False  # the period is one before the reported one (上年同期, 上月)


@cache
def read_header(text: str) -> Header:
    """Read a header cell.

    "数量(件)" -> measure 数量, unit 件; "金额（万元）" -> 元 x 10000; "同比(%)" -> yoy, %;
    "2015年8月" -> year 2015, period 8月; "合 计" -> total sum; "有效警情占比%" -> share, %.
    """
    tv = table_vocab()
    norm = to_halfwidth(text).strip()
    unit, factor, rest = _unit_of(norm)
    year, period, rest = _dates_of(rest)
    measure = _HAN_GAP.sub("", rest).strip(" :：-")
    if measure in tv.periods:
        period, measure = (period + measure), ""
    kind = next((k for k in KINDS if _is_kind(k, measure, tv)), "level")
    if kind == "share" and not unit:
        unit = "%"
    if not unit and kind == "level":
        unit = next((u for w, u in tv.count_units.items() if measure.endswith(w)), "")
    falls = kind == "fall" or (kind in CHANGE_KINDS and any(w in measure for w in tv.words["fall"]))
    past = period in tv.past_periods
    total = _total(measure, tv)
    if total == "scope" and measure[2:] in tv.sum_totals:
        measure = measure[:2]  # "全市合计" names the whole as 全市 does
    return Header(text, measure, kind, unit, factor, year, period, total, falls, past)


def _is_kind(kind: str, measure: str, tv: TableVocab) -> bool:
    if kind in ("year", "month", "unit"):  # "年份" heads years; "年度目标" is a target
        return measure in tv.words[kind]
    return any(w in measure for w in tv.words[kind])


def _total(measure: str, tv: TableVocab) -> str | None:
    """ "scope" for 全市 (and 全市合计), "sum" for 合计/总计, else None."""
    if measure in tv.scope_totals or (
        measure[:2] in tv.scope_totals and measure[2:] in tv.sum_totals
    ):
        return "scope"
    return "sum" if measure in tv.sum_totals else None


def _unit_of(norm: str) -> tuple[str, float, str]:
    """(unit label, factor, the header without it): "数量(件)" -> ("件", 1, "数量")."""
    for m in _BRACKET.finditer(norm):
        found = parse_unit(m.group("unit"))
        if found is not None:
            return found[0], found[1], (norm[: m.start()] + norm[m.end() :]).strip()
    if _TRAILING_PERCENT.search(norm):
        return "%", 1.0, _TRAILING_PERCENT.sub("", norm).strip()
    return "", 1.0, norm  # "县(市、区)" and "发案率(起/万人)" keep their brackets


def parse_unit(word: str) -> tuple[str, float] | None:
    """A unit written in a header or a note: "件" -> ("件", 1); "万元" -> ("元", 10000);
    "%" -> ("%", 1); "单位：人次" -> ("人次", 1); "起/万人" -> None (not a unit we know)."""
    word = re.sub(r"^(?:计量)?单位\s*[:：]\s*", "", to_halfwidth(word).strip())
    if word in ("%", "百分比"):
        return "%", 1.0
    if word in ("个百分点", "百分点"):
        return "pp", 1.0
    factor = 1.0
    for prefix, f in MAGNITUDES:
        if word.startswith(prefix) and word != prefix:
            word, factor = word[len(prefix) :], f
            break
    unit = load_vocab().units.get(word)
    return (unit.label, factor) if unit is not None else None


def _dates_of(norm: str) -> tuple[int | None, str, str]:
    """(year, period, the rest) of a header: "2015年8月" -> (2015, "8月", "")."""
    if _BARE_YEAR.match(norm):
        return int(norm), "", ""
    year, period, rest, at = None, "", [], 0
    for m in DATE_RE.finditer(norm):
        years = _FULL_YEAR.findall(m.group())
        if years:
            year = int(years[-1])
        period += _YEAR_PART.sub("", m.group()).strip()
        rest.append(norm[at : m.start()])
        at = m.end()
    rest.append(norm[at:])
    return year, period, "".join(rest).strip()


def note_unit(lines: str) -> tuple[str, float] | None:
    """The unit a caption or note gives every bare number: "（单位：件）" -> ("件", 1)."""
    m = table_vocab().unit_note.search(to_halfwidth(lines))
    return parse_unit(m.group("unit")) if m else None
