"""Result or context: `core` is false for the counts that describe a policy, not its results."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicators.meaning.segment import tag
from indicators.vocabulary import load_yaml


@dataclass(frozen=True)
class _Rules:
    units: frozenset[str]
    heads: tuple[str, ...]
    always: frozenset[str]
    recognitions: tuple[str, ...]
    max_count: float
    numeral_units: frozenset[str]
    max_numeral: float
    list_scopes: tuple[str, ...]
    list_units: frozenset[str]
    streak_words: tuple[str, ...]
    streak_units: frozenset[str]
    members: tuple[re.Pattern, re.Pattern]
    list_bound: tuple[re.Pattern, re.Pattern]
    example: re.Pattern


@cache
def _rules() -> _Rules:
    data = load_yaml("context_counts.yaml")
    return _Rules(
        frozenset(data["structure_units"]),
        tuple(sorted(data["structure_heads"], key=len, reverse=True)),
        frozenset(data["always_context_units"]),
        tuple(data["recognition_words"]),
        float(data["max_structural_count"]),
        frozenset(data["numeral_count_units"]),
        float(data["max_numeral_count"]),
        tuple(data["list_scopes"]),
        frozenset(data["list_units"]),
        tuple(sorted(data["streak_words"], key=len, reverse=True)),
        frozenset(data["streak_units"]),
        (re.compile(data["members_before"]), re.compile(data["members_after"])),
        (re.compile(data["list_bound_surface"]), re.compile(data["list_bound_after"])),
        re.compile(data["example_opens"]),
    )


DIGIT = re.compile(r"[0-9０-９]")
YEAR_SPAN = re.compile(r"^[(（]\s*(?:19|20)\d\d")  # "前6年(2011-2016年)": the length of a period
CLAUSE_STOP = re.compile(r"[，,；;:：]")
LISTED = re.compile(
    r"(?:列入|纳入|入选)(?:全国|全省)"
)  # "列入全省…27个首批试点县": the list itself
NOUNISH = ("n", "vn", "nz", "j")  # tags of the words of a counted noun phrase
# a counted noun phrase ends before a verb, an idiom, a particle, a preposition, punctuation …
ENDS_PHRASE = ("v", "i", "u", "p", "c", "d", "f", "x", "l")
UNCLOSED = re.compile(r"[“(（][^”)）“(（]*$")  # a quote or bracket still open where the number is
PHRASE = re.compile(r"[^，。、；,;:：(（“”\s]{0,8}")  # the words after a closing quote, to a stop


def is_core(
    name: str,
    surface: str,
    unit: str,
    unit_kind: str,
    value: float | None,
    *,
    before: str = "",
    after: str = "",
    qualifier: str | None = None,
) -> bool:
    """False for structure: "实施三大行动", "五项机制", "人才新政45条", "举办八届"; else True.

    `before` and `after` are the sentence's text on either side of the surface.
    ("建立协作机制", "五项", "项", "count", 5) -> False;
    ("办件", "3000件", "件", "count", 3000) -> True;
    ("机制齐头并进", "5项", …, after="机制齐头并进") -> False (the thing counted is 机制).
    """
    rules = _rules()
    if unit in rules.always or _frames_a_period(surface, unit, before, after, rules):
        return False
    if rules.example.match(before):
        return False  # "如4月3日,…淹没了邻居的4亩瓜菜": one case told as an example
    if _spells_out_a_structure(before, after, rules) or _members_or_bound(
        surface, before, after, rules
    ):
        return False
    if value is None or unit_kind not in ("count", "") and unit not in rules.numeral_units:
        return True
    if _small_numeral_count(surface, unit, value, qualifier, rules):
        return False
    if _on_a_national_list(unit, before, rules):
        return False
    if unit_kind != "count" or value > rules.max_count:
        return True
    if any(word in name for word in rules.recognitions):
        return False
    counted_in_policy_units = unit in rules.units or surface.endswith("大")
    if not counted_in_policy_units:
        return True
    return not (name.endswith(rules.heads) or _counted_noun(after).endswith(rules.heads))


def _members_or_bound(surface: str, before: str, after: str, rules: _Rules) -> bool:
    """ "由120人组成的应急分队": the members of a body; "诉求量前10位的分别是": the bound of a list."""
    (members_before, members_after), (bound_surface, bound_after) = rules.members, rules.list_bound
    if members_before.search(before) and members_after.match(after):
        return True
    return bool(bound_surface.match(surface) and bound_after.match(after))


def _frames_a_period(surface: str, unit: str, before: str, after: str, rules: _Rules) -> bool:
    """A streak in words ("连续两年获评", "连续四年成功举办") or a period's length before its years
    ("整治前6年(2011-2016年)") is context.

    ("两年", "年", before="连续") -> True; ("6年", "年", after="(2011-2016年)") -> True;
    ("18个月", "月", before="连续") -> False (a streak in digits is a result the genre charts).
    """
    if unit not in rules.streak_units:
        return False
    if YEAR_SPAN.match(after):
        return True
    return not DIGIT.search(surface) and before.rstrip("第").endswith(rules.streak_words)


def _small_numeral_count(
    surface: str, unit: str, value: float, qualifier: str | None, rules: _Rules
) -> bool:
    """A small exact count in Chinese numerals counts the parts of a policy or a list: "三大职能",
    "四个机构", "两个工种", "十件民生实事"; results are written in digits ("建成14个驿站").

    ("三个", "个", 3, None) -> True; ("十余个", "个", 10, "over") -> False; ("12个", …) -> False.
    """
    return (
        not DIGIT.search(surface)
        and unit in rules.numeral_units
        and value <= rules.max_numeral
        and qualifier is None
    )


def _on_a_national_list(unit: str, before: str, rules: _Rules) -> bool:
    """The places of a national or provincial list the city is on: "全国46个垃圾分类重点城市",
    "以列入全省农民专业合作社信用互助业务27个首批试点县为契机" -> True; "全市46个部门" -> False."""
    if unit not in rules.list_units:
        return False
    clause = CLAUSE_STOP.split(before)[-1]
    return before.rstrip("的").endswith(rules.list_scopes) or bool(LISTED.search(clause))


def _spells_out_a_structure(before: str, after: str, rules: _Rules) -> bool:
    """A number inside the quotes or brackets that spell out a named method, mechanism or team is
    part of its definition: "“54321”工作法(5分钟内到场,…)", "推行“3天受理、7天回复”限时调处机制",
    "建强5支队伍(4级妇联组织+1支志愿服务队)" -> True; "受理诉求(含重复件)1200件" -> False."""
    unclosed = UNCLOSED.search(before)
    if unclosed is None:
        return False
    opened = unclosed.start()
    if before[opened] in "(（":
        return before[:opened].endswith(rules.heads)
    closed = after.find("”")
    return closed >= 0 and PHRASE.match(after[closed + 1 :]).group().endswith(rules.heads)


def _counted_noun(after: str) -> str:
    """The noun phrase right after a count, when it ends there: "机制齐头并进…" -> 机制;
    "政策措施力促…" -> 政策措施; "便民服务e站" -> "" (the phrase goes on past 服务)."""
    words = []
    for word, pos in tag(after[:12]):
        if pos.startswith(NOUNISH) and word not in _how_much():
            words.append(word)
            continue
        return "".join(words) if pos.startswith(ENDS_PHRASE) or word in _how_much() else ""
    return "".join(words)


@cache
def _how_much() -> frozenset[str]:
    """ "9项约束性指标全部完成": how much, not what (context_counts.yaml how_much)."""
    return frozenset(load_yaml("context_counts.yaml")["how_much"])
