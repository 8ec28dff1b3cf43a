"""Names of the genre's category lines, shares in brackets and gaps to another place.

"交通管理1155件,主要是公交客运…" (after "诉求量前10位的分别是:") -> 交通管理类诉求;
"供热方面948件" -> 供热类诉求; "基础建设方面…修复道路等类工单534件" -> 基础建设类工单;
"…引起的空气污染(占31.3%)" -> 空气污染占比;
"人均地区生产总值5.18万元,…,比全省高1.18万元" -> 人均地区生产总值高于全省;
"…死亡人数同比下降35.80%,6年连降" -> 死亡人数连续下降年数.
"""

from __future__ import annotations

import re
from functools import cache

from indicators.meaning.labels import fit, is_noun_phrase, object_in, verb_tags
from indicators.meaning.lists import MAX_ITEM, category_head, category_heads, category_name
from indicators.meaning.segment import tag
from indicators.vocabulary import load_yaml

HEAD_BACK = 300  # how far back a category head is looked for ("诉求量前10位的分别是:")
# an item explained right after its count is a category: "交通管理1155件,主要是公交客运…"
EXPLAINED = re.compile(r"^\s*[,，]?\s*(?:主要是|主要涉及|主要包括|主要集中在|主要反映)")
ASPECT = "方面"  # "供水方面1540件": the genre's other category word
BRACKET_BACK = 16
BRACKET_SHARE = re.compile(r"[(（]\s*占[^()（）]{0,12}$")  # "…空气污染(占" before the number
CLAUSE_STOPS = re.compile(r"[,，;；。:：、]")
GAP = re.compile(r"^(?:比|较)(全省|全国|全市|全区|省平均|全省平均|全国平均)(高|低|多|少)(?:出)?$")
GAP_WORDS = {"高": "高于", "多": "高于", "低": "低于", "少": "低于"}
BARE_MEASURE = 2  # "增速", "比重": a measure that names no thing


# a sentence that opens with its category: "(一)基础建设方面本月共办理疏通水沟、…等类工单534件"
ASPECT_OPENING = re.compile(
    r"^\s*(?:[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.、])?\s*"
    r"(?P<item>[\u4e00-\u9fff]{2,8}?)方面"
)
EXAMPLES = "等类"  # "疏通水沟、修复道路等类工单": examples of the category, then its things


def aspect_examples_name(name: str, sentence_before: str) -> str:
    """A count named by examples of a category the sentence opens with is that category's count:
    ("修复道路等类工单", "(一)基础建设方面本月共办理疏通水沟、…") -> "基础建设类工单"; else ""."""
    opening = ASPECT_OPENING.match(sentence_before)
    if not opening or EXAMPLES not in name:
        return ""
    head = name.rsplit(EXAMPLES, 1)[1]
    return f"{opening.group('item')}类{head}" if head else ""


def aspect_rate_name(name: str, unit_kind: str, sentence_before: str) -> str:
    """A rate in a sentence that opens with its category is that category's rate:
    ("工单满意率", "percent", "(一)基础建设方面本月共办理…工单534件、") -> "基础建设类工单满意率"."""
    opening = ASPECT_OPENING.match(sentence_before)
    if not opening or unit_kind != "percent" or not name.endswith("率"):
        return ""
    item = opening.group("item")
    joint = "" if item.endswith(tuple(category_heads())) else "类"  # 涉企诉求方面: no 诉求类
    return "" if item in name else fit(f"{item}{joint}{name}")


def category_line_name(name: str, unit_kind: str, before: str, after: str) -> str:
    """A count's name as a category of what the text counts, or `name`:
    ("交通管理", "count", "…诉求量前10位的分别是:…", ",主要是…") -> "交通管理类诉求";
    ("供热方面", …) -> "供热类诉求"; a name with no category head before stays."""
    if unit_kind not in ("count", "") or not name:
        return name
    aspect = name.endswith(ASPECT) and len(name) > len(ASPECT)
    if not aspect and not EXPLAINED.match(after):
        return name
    item = name.removesuffix(ASPECT)
    if len(item) > MAX_ITEM or not (aspect or is_noun_phrase(item)):  # 供暖方面: a category too
        return name
    head = category_head(before[-HEAD_BACK:])
    if not head:
        return name
    return f"{item}类{head}" if aspect and head not in item else category_name(item, head)


def without_aspect(name: str) -> str:
    """ "疫情防控方面来电占来电总量" -> "疫情防控来电占来电总量" (方面 before a thing is no part of it)."""
    at = name.find(ASPECT)
    return name[:at] + name[at + len(ASPECT) :] if 0 < at < len(name) - len(ASPECT) else name


def bracket_share_name(before: str) -> str:
    """The share given in brackets after an item: "…工业生产引起的空气污染(占" -> "空气污染占比";
    "" when the text before is no such bracket."""
    tail = before[-BRACKET_BACK:]  # the bracket opens right before the number: no scan of it all
    m = BRACKET_SHARE.search(tail) if "占" in tail else None
    if not m:
        return ""
    clause = CLAUSE_STOPS.split(before[: len(before) - len(tail) + m.start()])[-1]
    thing = object_in(clause)
    return fit(thing + "占比") if thing else ""


def gap_name(name: str, prev_name: str) -> str:
    """A gap to another place names the thing before it: ("比全省高", "人均地区生产总值") ->
    "人均地区生产总值高于全省"; any other name stays."""
    m = GAP.match(name)
    if not m or not prev_name:
        return name
    return fit(prev_name + GAP_WORDS[m.group(2)] + m.group(1))


PLACES = r"全省|全国|全市|全区|省平均|全省平均|全国平均"
RESPECTIVE_GAPS = re.compile(rf"^(.*?)分别(高于|低于)({PLACES})(?:和|、|及|与)({PLACES})$")


def respective_gap_name(name: str, thing_before: str, index: int) -> str:
    """The `index`-th of two gaps given 分别 to two places: ("增速分别高于全省和全国", "地区生产总值",
    1) -> "地区生产总值增速高于全国"; any other name stays."""
    m = RESPECTIVE_GAPS.match(name)
    if not m or index > 1:
        return name
    thing = m.group(1)
    if len(thing) <= BARE_MEASURE and thing_before:  # 增速: the growth of the thing before
        thing = thing_before + thing
    return fit(thing + m.group(2) + m.group(3 + index))


GAP_NAMED = re.compile(r"(?:高于|低于)(全省|全国|全市|全区|省平均|全省平均|全国平均)$")


def gap_place(name: str) -> str:
    """The place a gap is measured against: "人均地区生产总值高于全省" -> "全省"; "" for any other."""
    m = GAP_NAMED.search(name)
    return m.group(1) if m else ""


STREAK = re.compile(r"^\s*(?:连降|连续下降|连减|连续减少|连增|连续增长|连升|连续上升)")
STREAK_UNITS = frozenset({"年", "个月", "月", "季度", "周"})


def streak(after: str, unit: str) -> str:
    """The direction of a streak the number counts: ("连降;", "年") -> "down" ("6年连降");
    "" when the number is no streak's length."""
    m = STREAK.match(after)
    if not m or unit not in STREAK_UNITS:
        return ""
    return "down" if any(w in m.group(0) for w in ("降", "减")) else "up"


STREAK_OPEN = "连续"
STREAK_SAID = re.compile(r"^\s*([\u4e00-\u9fff“”]{2,10}?)(?=$|[,，;；。、(（])")
RANK_WORDS = ("居", "位居", "稳居", "位列", "保持", "蝉联", "领跑", "排名", "排在")


def streak_of(before: str, after: str, unit: str, prev_name: str = "", name: str = "") -> str:
    """The name of a streak counted in years or months: ("…总量连续", "年居全国首位,", "年",
    "地区生产总值") -> 地区生产总值连续居全国首位年数; ("自起连续", "年成功举办。", "年") ->
    连续成功举办年数; a streak of the thing its own name is (…发案数连续13个月下降) keeps it;
    "" when the number is no streak."""
    if not before.endswith(STREAK_OPEN) or unit not in STREAK_UNITS:
        return ""
    m = STREAK_SAID.match(after)
    if not m:
        return ""
    said = m.group(1)
    whose = prev_name if prev_name and said.startswith(RANK_WORDS) else ""
    if not whose and name and said not in name and name not in said and _noun_bounded(name):
        whose = name  # "电信网络诈骗案件发案数连续13个月下降"
    return fit(f"{whose}{STREAK_OPEN}{said}{'月数' if '月' in unit else '年数'}", 20)


def _noun_bounded(name: str) -> bool:
    """A thing's name: it starts and ends with a noun ("长治市…案件发案数", not "自起成功举办农民")."""
    tokens = tag(name)
    return bool(tokens) and tokens[0][1].startswith("n") and tokens[-1][1].startswith("n")


def streak_name(prev_name: str, direction: str) -> str:
    """("道路交通事故死亡人数", "down") -> "道路交通事故死亡人数连续下降年数"."""
    return fit(prev_name + ("连续下降年数" if direction == "down" else "连续增长年数"), 20)


def fallback_name(before_clause: str, unit: str) -> str:
    """A name for a kept row that no rule named: the words of its clause before the number and
    its unit ("和“点”" + 类 -> "“点”类"), never empty."""
    words = re.sub(r"^[和及与、,，\s]+", "", before_clause).strip()
    return fit(words + unit) if words else (unit or "数值")


# "41地市复制推广。": the other place counts of the list, then what the places did
PLACES_DID = re.compile(r"^(?:[0-9]+[\u4e00-\u9fff]{1,2})*([\u4e00-\u9fff]{2,8})(?=$|[,，;；。])")


@cache
def _place_units() -> dict:
    return load_yaml("name_words.yaml").get("place_units", {})


def places_did_name(unit: str, after: str) -> str:
    """Places counted as the unit, and what they did: ("省", "41地市复制推广。") -> "复制推广省份";
    "" when the unit is no place or no verb follows."""
    noun = _place_units().get(unit)
    m = PLACES_DID.match(after) if noun else None
    if not m:
        return ""
    tokens = tag(m.group(1))
    if not tokens or tokens[0][1] not in verb_tags() | {"vn"}:
        return ""
    return fit(m.group(1) + noun)


# "5日内即可完成传统方式6个月以上的工作量": both times of the pair measure one thing
WORK_TIME_NAME = "完成同等工作量用时"


@cache
def _work_pair_re() -> re.Pattern:
    words = "|".join(load_yaml("directions.yaml")["work_before"])  # shared with semantics.py
    return re.compile(rf"完成(?:{words})[^,，;；。]{{0,12}}工作量")


def work_time_name(name: str, unit_kind: str, paired: bool, sentence: str) -> str:
    """The name of a pair of times that says the same work now takes less:
    ("即可完成传统方式", "time", True, "5日内即可完成传统方式6个月以上的工作量") -> 完成同等工作量用时."""
    if paired and unit_kind == "time" and _work_pair_re().search(sentence):
        return WORK_TIME_NAME
    return name
