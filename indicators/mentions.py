"""Turn numbers into mentions: attach qualifiers, the unit and ranges around each number."""

from __future__ import annotations

import re
from typing import NamedTuple

from indicators.numbers import NumberSpan
from indicators.vocabulary import Vocab

KIND_UNITS = {
    "percent": "%",
    "cheng": "%",
    "permille": "%",
    "pp": "pp",
    "fraction": "ratio",
}
# single-character qualifiers that only qualify a bare magnitude (上百, 数十, 过万)
VAGUE_ONLY_QUALIFIERS = {"上", "数", "几", "过"}
RANK_ONLY_QUALIFIERS = {"前"}
# after-unit qualifiers allowed only after some kinds of unit ("5分钟内", "3倍多", not "3家内")
AFTER_UNIT_LIMITS = {"内": {"time", "length", "percent"}, "多": {"time", "rate", "money", "area"}}
RANGE_CONNECTOR = re.compile(r"\s*(?:-|~|～|至|到)\s*$")
VAGUE_NUMBER = re.compile(r"[数几幾]?[十百千万亿]+")  # 上百, 数十: a bare magnitude


class Mention(NamedTuple):
    """One number with its qualifier and unit, before we know whether it is an indicator.

    A NamedTuple rather than a frozen dataclass: thousands are made per document, and tuples are
    several times cheaper to create. `check_mention` holds the invariant.
    """

    start: int  # surface start (qualifier included)
    end: int  # surface end (unit and trailing qualifier included)
    num_start: int
    num_end: int
    value: float
    unit: str  # table label: %, pp, ratio, 人, 件 … or "" for none
    unit_kind: str  # count, time, money, percent, pp, ratio, rank … or ""
    kind: str  # from NumberSpan: number, percent, fraction, pp, cheng, permille
    arabic: bool
    qualifier: str | None = None
    value_low: float | None = None
    reject: str | None = (
        None  # why it is not an indicator: date, year, ordinal, list_number, name, …
    )
    unit_end: int = 0  # end of the unit (before a trailing qualifier)


# "9.9个、3.1个百分点", "1.1个、2.4个和2.7个百分点": the points of a list are written once, at its end
ELLIPTIC_POINTS = re.compile(
    r"(?:\s*[、和及与]\s*[0-9]+(?:\.[0-9]+)?个)*\s*[、和及与]\s*[0-9]+(?:\.[0-9]+)?个百分点"
)


def attach_units(norm: str, numbers: list[NumberSpan], vocab: Vocab) -> list[Mention]:
    """Build a mention per number: qualifier before, 余/多, unit, qualifier after.

    "近20万人次" -> value 200000, unit 人次, qualifier approx; "96%以上" -> 96, %, over.
    """
    return [_mention(norm, n, vocab) for n in numbers]


def _mention(norm: str, n: NumberSpan, vocab: Vocab) -> Mention:
    start, end, qualifier = n.start, n.end, None
    m = vocab.qualifier_before_re.search(norm, max(0, start - 4), start)
    before_word = None
    if m and (
        m.group("q") not in VAGUE_ONLY_QUALIFIERS or VAGUE_NUMBER.fullmatch(n.text.strip())
    ):  # 上百, 数十: 上/数/几/过 qualify only a bare magnitude
        before_word = m.group("q")
        qualifier, start = vocab.qualifier_before[before_word], m.start()
    if n.approx and qualifier is None:
        qualifier = "over" if "余" in n.text else "approx"
    if end < len(norm) and norm[end] in "余多" and n.kind == "number":
        qualifier = qualifier or vocab.qualifier_after[norm[end]]
        end += 1
    if before_word in RANK_ONLY_QUALIFIERS and norm[end : end + 1] not in ("名", "位"):
        qualifier, start = None, n.start  # 前 qualifies a rank (前30名), not "提前2个多月"
    unit, unit_kind = KIND_UNITS.get(n.kind, ""), n.kind if n.kind in KIND_UNITS else ""
    if n.kind == "number" and n.text.endswith("半") and norm.startswith("月", end):
        unit, unit_kind, end = "月", "time", end + 1  # 一个半月: the 个 went into the number
    elif n.kind == "number":
        um = vocab.unit_re.match(norm, end)
        if um and not vocab.not_unit_re.match(norm, um.start("unit")):
            word = vocab.units[um.group("unit")]
            unit, unit_kind, end = word.label, word.kind, um.end()
            if unit_kind == "count" and norm[end : end + 1] == "次" and not unit.endswith("次"):
                unit, end = unit + "次", end + 1  # 辆次, 艘次: visits counted per vehicle/vessel
            if "多" in word.surface:
                qualifier = qualifier or "approx"  # 2个多月, 1个多小时
    if unit == "个" and ELLIPTIC_POINTS.match(norm, end):
        unit, unit_kind = "pp", "pp"  # "分别提高9.9个、3.1个百分点": the list's last unit is theirs
    unit_end = end
    am = vocab.qualifier_after_re.match(norm, end)
    if am and (unit or n.kind != "number"):
        q = am.group("q")
        allowed = AFTER_UNIT_LIMITS.get(q)
        if allowed is None or unit_kind in allowed or (unit == "%" and "percent" in allowed):
            qualifier, end = qualifier or vocab.qualifier_after[q], am.end()
    if not unit and n.kind == "number" and n.magnitude:
        if _about_people(norm, start, end, vocab):
            unit, unit_kind = "人", "count"  # 30万岛外职工, 人才总量突破130万
        elif vocab.money_nouns_before_re.search(norm[max(0, start - 8) : start]):
            unit, unit_kind = "元", "money"  # 发放信用贷款3960万
    return check_mention(  # the fields in order, value_low and reject None (positional: cheaper)
        Mention(
            start,
            end,
            n.start,
            n.end,
            n.value,
            unit,
            unit_kind,
            n.kind,
            n.arabic,
            qualifier,
            None,
            None,
            unit_end,
        )
    )


_REJECT = Mention._fields.index("reject")


def with_reject(m: Mention, reason: str | None) -> Mention:
    """`m._replace(reject=reason)` without the generic `_replace` (a third of its cost; the filters
    set a reason on tens of thousands of candidates per run)."""
    return Mention._make((*m[:_REJECT], reason, *m[_REJECT + 1 :]))


def check_mention(m: Mention) -> Mention:
    """The span of a mention holds its number; anything else is a bug in a stage."""
    if not (m.start <= m.num_start < m.num_end <= m.end):
        raise ValueError(f"mention span {m.start}-{m.end} does not hold its number")
    return m


def merge_ranges(norm: str, mentions: list[Mention]) -> list[Mention]:
    """Join "80-100人", "1.2万—1.5万人", "5至10天" into one mention: value upper, value_low lower."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and (
                prev.unit == m.unit or prev.unit_end - prev.num_end <= 1
            )  # no measure word written
            and prev.end < m.num_start
            and m.num_start - prev.end <= 3  # before the regex: no copy of a long gap
            and RANGE_CONNECTOR.fullmatch(norm, prev.end, m.num_start)
            and prev.value < m.value
            and m.unit
        ):
            low = prev.value
            if not prev.unit and m.value / max(low, 1e-9) > 1000 and low < 1000:
                low = low * _magnitude_of(norm[m.num_start : m.num_end])  # 1.2—1.5万 -> 1.2万
            out[-1] = m._replace(start=prev.start, num_start=prev.num_start, value_low=low)
            continue
        out.append(m)
    return out


def _magnitude_of(number_text: str) -> float:
    for word, factor in (("亿", 1e8), ("万", 1e4), ("千", 1e3)):
        if word in number_text:
            return factor
    return 1.0


def _about_people(norm: str, start: int, end: int, vocab: Vocab) -> bool:
    """A person noun right after the number or shortly before it in the clause."""
    if vocab.person_nouns_re.match(norm, end):
        return True
    return bool(vocab.person_nouns_before_re.search(norm[max(0, start - 12) : start]))
