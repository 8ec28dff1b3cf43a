"""Decide which mentions are not quantities: dates, years, ordinals, list numbers, names, phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicators.mentions import Mention, with_reject
from indicators.spans import SpanIndex
from indicators.vocabulary import Vocab, alternation

# Dates, year spans and clock times, matched on the normalised text (half-width digits, "-").
DATE_RE = re.compile(
    r"""
    (?=[0-9])                                                                     # fast skip
    (?:
      (?:19|20)\d{2}\s*-\s*\d{1,2}\s*-\s*\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?   # 2023-03-02 15:28:42
    | \d{1,2}:\d{2}(?::\d{2})?                                                    # 15:28
    | (?:19|20)\d{2}\s*年\s*\d{1,2}\s*(?:-|至|到|~)\s*\d{1,2}\s*月                  # 2021年1-10月
    | (?:19|20)\d{2}\s*年?\s*(?:-|至|到|~)\s*(?:(?:19|20)?\d{2})\s*年(?:度)?       # 2017-2022年, 2020年至2022年
    | (?:19|20)\d{2}\s*-\s*(?:19|20)?\d{2}\s*年度                                  # 2020-22年度
    | (?:19|20)\d{2}\s*(?:-|~)\s*(?:19|20)\d{2}(?![0-9])                           # 2011-2016
    | (?:19|20)\d{2}(?:1[0-2]|0?[1-9])\s*月(?:份)?(?![0-9])                        # garbled 20146月 (lost 年)
    | \d{1,2}\s*(?:-|至|到|~)\s*\d{1,2}\s*月份?                                  # 1至5月份, 1-10月
    | (?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月(?:份)?(?:\s*\d{1,2}\s*[日号])?       # 2016年12月, 12月7日
    | (?<=[日号]、)\s*\d{1,2}\s*[日号]                                              # 15日、16日
    | \d{3,}\s*日                                                                  # garbled 2014116日
    | (?:19|20)\d{2}\s*年(?:度|底|初|末|中|上半年|下半年)?                          # 2016年, 2022年度
    )
    """,
    re.X,
)
LIST_PREFIX_RE = re.compile(r"(?:^|\n)[ \t\u3000■●◆▲★·•◇□○\-*>]*[(（]?\s*$")
# LIST_PREFIX_RE for the text between a line start and a number: fails at the first letter, so a
# number late in a long paragraph costs no scan of the paragraph
LINE_HEAD_RE = re.compile(r"[ \t\u3000■●◆▲★·•◇□○\-*>]*[(（]?\s*")
LIST_SUFFIX_RE = re.compile(r"\s*(?:[.、．)）]|$|\n)")
LATIN_AFTER_RE = re.compile(r"[A-Za-z]")
# a unitless value that follows the name of a rate or index ("死亡率下降到1.36", "指数为1.52")
RATE_CONTEXT_RE = re.compile(
    r"(?:率|指数|系数|密度|比值|均值)(?:(?:下降|降低|提高|提升|上升|增长|减少|降|升|增|减)?(?:到|至|为|达到|达|是))\s*$"
)
LIST_DOT_RE = re.compile(r"[.、．](?![0-9])")
RANKED_RE = re.compile(
    r"(?:(?:排名|排在|排|位列|位居|居|名列)[^,。;]{0,6}|(?:上升|提升|下降|升|降)(?:至|到))第\s*$"
)
THRESHOLD_RE = re.compile(r"的[^\d,，。;；、:：]")  # "50万元以上的村": a class of things
NAME_PART_RE = re.compile(r"[0-9A-Za-z”\"]")


@dataclass(frozen=True)
class Zones:
    """Character ranges of a document where numbers are dates, names or phrases."""

    dates: SpanIndex
    date_spans: list[tuple[int, int]]  # DATE_RE's matches, in order (years are read from them)
    names: SpanIndex  # short quotes and book titles
    phrases: SpanIndex  # fixed phrases, service hours
    ordinals: SpanIndex  # 十八大, 四中全会


def find_zones(norm: str, vocab: Vocab) -> Zones:
    """Find date, quoted-name, fixed-phrase and congress zones in a normalised text."""
    phrase_res, congress_res, quote_res = _zone_res(vocab)
    date_spans = [m.span() for m in DATE_RE.finditer(norm)]
    return Zones(
        dates=SpanIndex(date_spans),
        date_spans=date_spans,
        names=SpanIndex(_quoted(norm, quote_res)),
        phrases=SpanIndex(m.span() for p in phrase_res for m in p.finditer(norm)),
        ordinals=SpanIndex(m.span() for p in congress_res for m in p.finditer(norm)),
    )


@cache
def _zone_res(vocab: Vocab) -> tuple[tuple[re.Pattern, ...], ...]:
    """The zone regexes of not_quantities.yaml, compiled once: phrases, congresses, quotes."""
    nq = vocab.not_quantities
    phrases = [alternation(nq["fixed_phrases"], opens=True), *nq["service_hours"]]
    quotes = []
    for pair, max_len in nq["quote_pairs"].items():
        open_, close = pair[0], pair[1]
        quotes.append(
            re.escape(open_) + rf"[^{re.escape(open_ + close)}\n]{{1,{max_len}}}" + re.escape(close)
        )
    return tuple(tuple(re.compile(p) for p in group) for group in (phrases, nq["congress"], quotes))


def _quoted(norm: str, quote_res: tuple[re.Pattern, ...]) -> list[tuple[int, int]]:
    spans = []
    for pattern in quote_res:
        spans += [m.span() for m in pattern.finditer(norm)]
    return spans


def reason_not_quantity(m: Mention, norm: str, zones: Zones, vocab: Vocab) -> str | None:
    """Why a mention is not an indicator, or None if it may be one.

    "2016年12月" -> "date"; "第十四次" -> "ordinal"; "“1+1+N”" -> "name"; "一张网" -> "phrase".
    """
    # RULES in order, each asked only where it can hold (its own first test, read here: a call
    # less for most of the ten rules of a number)
    number = m.kind == "number"
    return (
        _date(m, norm, zones, vocab)
        or (m.unit_kind == "time" and _period(m, norm, zones, vocab))
        or _ordinal(m, norm, zones, vocab)
        or (number and _list_number(m, norm, zones, vocab))
        or _name(m, norm, zones, vocab)
        or _phrase(m, norm, zones, vocab)
        or (m.unit_kind == "money" and _threshold(m, norm, zones, vocab))
        or _per_base(m, norm, zones, vocab)
        or (number and not m.arabic and _structure(m, norm, zones, vocab))
        or (not m.unit and _bare(m, norm, zones, vocab))
        or None
    )


def _date(m, norm, zones, vocab):
    if zones.dates.overlaps(m.num_start, m.num_end):
        return "date"
    if m.unit == "年" and m.arabic and 1900 <= m.value <= 2100 and float(m.value).is_integer():
        return "year"
    day = m.unit == "天" and norm[m.num_end : m.unit_end].strip() == "日" and m.qualifier is None
    if day and not _duration_before(vocab).search(norm, max(0, m.num_start - 8), m.num_start):
        return "date"  # 于7日召开: a day of the month; a duration is 5日内, 20个工作日, 时长2日
    return None


@cache
def _duration_before(vocab: Vocab) -> re.Pattern:
    """A word before "N日" that makes it a duration: "平均办结时长2日", "时限由5日缩短至2日"."""
    words = alternation(vocab.not_quantities["duration_before"])
    return re.compile(rf"{words}(?:由|为|是|从|约|仅|仅需|只需|平均|达|在)?\s*$")


def _period(m, norm, zones, vocab):
    if m.unit_kind != "time":
        return None
    suffixes, prefixes, _ = _word_tuples(vocab)
    if norm[m.unit_end - 1 : m.unit_end + 4].startswith(suffixes):
        return "date"  # 三年来, 近4年来
    if norm[m.end : m.end + 2].startswith(("来", "以来")):
        return "date"
    before = norm[max(0, m.num_start - 2) : m.num_start]
    if m.unit == "年" and before.endswith(prefixes):
        return "date"  # 前6年, 近两年
    return None


@cache
def _word_tuples(vocab: Vocab) -> tuple[tuple[str, ...], ...]:
    """not_quantities.yaml's period suffixes, period prefixes and per markers as tuples, so one
    str.startswith/endswith call tries them all."""
    nq = vocab.not_quantities
    return tuple(tuple(nq[k]) for k in ("period_suffixes", "period_prefixes", "per_markers"))


def _ordinal(m, norm, zones, vocab):
    if norm[max(0, m.num_start - 2) : m.num_start].rstrip().endswith("第"):
        if m.unit in ("人", "") and after_rank_word(norm, m):
            return None  # 排名第2位, 位列全省第3名: a rank value (the guide's Arabic ranks)
        return "ordinal"
    if zones.ordinals.overlaps(m.num_start, m.num_end):
        return "ordinal"
    if not m.arabic and norm[max(0, m.num_start - 1) : m.num_start] == "前":
        return "ordinal"  # 前三, 全省前十 (an Arabic 前30名 is a rank value)
    return None


def _list_number(m, norm, zones, vocab):
    if m.kind != "number" or m.unit.strip("个"):
        return None
    line_start = norm.rfind("\n", 0, m.num_start) + 1
    listed = LINE_HEAD_RE.fullmatch(norm, line_start, m.num_start)  # no "\n" in between
    if listed and LIST_SUFFIX_RE.match(norm, m.num_end):
        return "list_number"  # "1", "13.", "一、", "(三)"
    if m.unit:
        return None
    dotted = LIST_DOT_RE.match(norm, m.num_end)
    if dotted and (m.num_start == 0 or norm[m.num_start - 1] in " \t\u3000\n■●"):
        return "list_number"  # "… 1.创新推行"
    bracketed = norm[max(0, m.num_start - 1) : m.num_start] in ("(", "（")
    if bracketed and norm[m.num_end : m.num_end + 1] in (")", "）"):
        return "list_number"  # (3)
    return None


def _name(m, norm, zones, vocab):
    if zones.names.contains(m.num_start, m.num_end) and not _quoted_standard(m, norm, vocab):
        return "name"
    before, after = norm[max(0, m.num_start - 1) : m.num_start], norm[m.num_end : m.num_end + 1]
    if after in ("+", "×", "*") or (
        before in ("+", "×", "*") and NAME_PART_RE.match(norm, max(0, m.num_start - 2))
    ):
        return "name"  # 1+1+N, 5+3, 7×24 (but "…组织+1支志愿服务队" counts)
    if LATIN_AFTER_RE.match(norm, m.end) and not m.unit:
        return "name"  # 5G, 3D
    if m.num_start and LATIN_AFTER_RE.match(norm, m.num_start - 1):
        return "name"  # PM2.5, G20, COVID-19
    suffix = _name_suffix_re(vocab)
    if suffix.match(norm, m.num_end) or suffix.match(norm, m.num_end + 1):
        return "name"  # 三位一体, 40周年, 12345热线, 50强
    if not m.arabic and m.unit == "个" and norm[m.end : m.end + 1] in ("“", '"', "‘", "「"):
        return "name"  # 五个“零发生”
    return None


def after_rank_word(norm: str, m: Mention) -> bool:
    """An Arabic number after 排名…第 / 位列…第 / 上升至第: a place in a ranking."""
    return m.arabic and bool(RANKED_RE.search(norm, max(0, m.num_start - 8), m.num_start))


def _quoted_standard(m, norm: str, vocab: Vocab) -> bool:
    """A service standard spelled out inside quotes ("3天受理、7天回复、15天办结") counts."""
    return m.unit_kind == "time" and bool(_standard_re(vocab).match(norm, m.end))


@cache
def _standard_re(vocab: Vocab) -> re.Pattern:
    return re.compile(r"\s*(?:内|以内)?\s*" + alternation(vocab.not_quantities["standard_verbs"]))


@cache
def _name_suffix_re(vocab: Vocab) -> re.Pattern:
    return re.compile(alternation(vocab.not_quantities["name_suffixes"]))


def _phrase(m, norm, zones, vocab):
    if zones.phrases.overlaps(m.num_start, m.num_end):
        return "phrase"
    if not m.arabic and m.kind == "number" and m.value == 1 and m.unit != "倍":
        return "phrase"  # 一个个, 一批, 一张网: a lone Chinese 一 never counts here (一倍 does)
    return None


def _threshold(m, norm, zones, vocab):
    if m.unit_kind != "money":
        return None
    explicit = norm[max(m.start, m.end - 2) : m.end] in ("以上", "以下")
    if explicit and THRESHOLD_RE.match(norm, m.end):
        return "other"  # 年收入50万元以上的村, 1000万元以上的项目: a class (not "2.3亿余元的纠纷")
    return None


def _per_base(m, norm, zones, vocab):
    before = norm[max(0, m.start - 2) : m.start]
    if before.endswith(_word_tuples(vocab)[2]):
        return "per_base"  # 每10万人: the base of a rate, not a quantity
    return None


def _structure(m, norm, zones, vocab):
    if m.arabic or m.kind != "number":
        return None
    nq = vocab.not_quantities
    if m.unit in vocab.place_units and norm[m.num_end : m.num_end + 1] != "个":
        return "name"  # 盐田四村: a place name, not four villages
    if m.unit in nq["grade_units"]:
        return "other"  # 三级巡防体系, 三级及以上预警: a grade or hierarchy
    following = (norm[m.end : m.end + 2], norm[m.end : m.end + 1])
    if m.unit == "个" and any(w in nq["structure_nouns"] for w in following):
        return "other"  # 三个阶段, 四个方面, 四大部分内容 (大 is read as 个)
    if m.unit in nq["structure_nouns"]:
        return "other"  # 三阶段统筹 (but the Arabic "3阶段14环节" counts)
    return None


def _bare(m, norm, zones, vocab):
    if not m.unit and m.kind in ("number", "slash"):
        if m.kind == "number" and RATE_CONTEXT_RE.search(norm, max(0, m.start - 12), m.start):
            return None  # 万车死亡率下降到1.36, 交通堵塞指数为1.52: a rate or index without a unit
        if after_rank_word(norm, m):
            return None  # 排名第1: a rank (its unit is set to 名 later)
        return "bare"  # a number with no unit: a code, hotline or count we cannot name
    return None


RULES = (
    _date, _period, _ordinal, _list_number, _name, _phrase, _threshold, _per_base, _structure, _bare,
)  # fmt: skip  # the order reason_not_quantity asks them in


def mark_non_quantities(
    mentions: list[Mention], norm: str, zones: Zones, vocab: Vocab
) -> list[Mention]:
    """Set `reject` on every mention that is not an indicator."""
    out = []
    for m in mentions:
        reason = reason_not_quantity(m, norm, zones, vocab)
        out.append(with_reject(m, reason) if reason != m.reject else m)
    return out
