"""What a sentence is about: a bare action or the rate of one takes the thing the sentence
counted last. "新收行政复议案件4126件,同比上升21.4%;审结3958件,审结率95.9%" -> 审结行政复议案件,
行政复议案件审结率 (the change between them names nothing new)."""

from __future__ import annotations

import re
from functools import cache

from indicators.meaning.labels import (
    MEASURE_ENDS,
    RATE_HEADS,
    action_name,
    fit,
    naming_words,
    object_in,
    object_of,
    rate_name,
    verb_tags,
    without_added_verb,
)
from indicators.meaning.segment import tag
from indicators.vocabulary import load_yaml

SENTENCE_ENDS = "。!?！？\n"
SENTENCE_END = re.compile(f"[{SENTENCE_ENDS}]")
FOCUS_CHARS = 120  # how far back a thing stays in focus
NOUN_VERBS = frozenset(
    {"投诉", "咨询", "举报", "求助", "建议", "表扬", "新增", "增加", "减少", "增长", "下降"}
)


def named_by_focus(name: str, unit: str, earlier: list[tuple[str, str]]) -> str:
    """`name` with the thing of the nearest earlier name that has one, or `name`:
    ("审结", "件", [("新收行政复议案件", "件")]) -> "审结行政复议案件"; ("审结率", "%", [("新收行政复议案件",
    "件"), ("审结", "件")]) -> "行政复议案件审结率"; an action counts the same unit as its thing
    ("登记交办" 件 after "接听来电" 人次 stays); a name of its own words stays."""
    if name in _subject_measures() and earlier and earlier[-1][0]:
        return fit(earlier[-1][0] + name)  # 第二产业增加值…,增长10.5%,贡献率: the thing just named
    things = [(prev, u) for prev, u in reversed(earlier) if object_in(prev)]
    if things and rate_name(things[0][0], name):
        return rate_name(things[0][0], name)
    same_unit = next((prev for prev, u in things if u == unit), "")
    if not same_unit:
        return name
    # the nouns the earlier name ends with, not a verb inside it ("调解组织排查矛盾纠纷" -> 矛盾纠纷)
    return action_name(object_of(same_unit) or same_unit, name) or name


@cache
def _subject_measures() -> frozenset[str]:
    return frozenset(load_yaml("name_words.yaml")["subject_measures"])


def earlier_names(rows: list[dict], i: int, text: str) -> list[tuple[str, str]]:
    """The names and units of the rows before row `i` in the same sentence (up to 。, not ;),
    nearest last."""
    gap_to, out = rows[i].get("start"), []
    for k in range(i - 1, -1, -1):  # nearest first, without copying the rows before
        prev = rows[k]
        gap_from = prev.get("end")
        if not isinstance(gap_from, int) or not isinstance(gap_to, int):
            break
        if gap_to - gap_from > FOCUS_CHARS or SENTENCE_END.search(text, gap_from, gap_to):
            break
        out.append((prev.get("indicator") or "", prev.get("unit") or ""))
    out.reverse()
    return out


def another_action(prev_name: str, name: str) -> str:
    """A second action on what the name before counted, which the pipeline wrote as that name plus
    the verb: ("排查出各类矛盾纠纷", "排查出各类矛盾纠纷化解") -> "化解矛盾纠纷"; ("人民调解受理",
    "人民调解受理调处") -> "人民调解调处"; a change of the same thing ("高新技术企业新增") stays.
    A third action follows the first thing, not the second action: ("受理热线事项办结",
    "受理热线事项在办") -> "在办热线事项"."""
    if prev_name and not name.startswith(prev_name):
        prev_name = without_added_verb(prev_name)
    verb = name[len(prev_name) :] if prev_name and name.startswith(prev_name) else ""
    if (
        not verb
        or len(verb) > 2
        or not _verb_only(verb)
        or verb.endswith(MEASURE_ENDS + RATE_HEADS)
    ):
        return name
    tokens = list(tag(prev_name))
    if len(tokens) > 1 and _verb_only(tokens[-1][0]):  # 人民调解|受理: the verb is replaced
        while tokens and _verb_only(tokens[-1][0]):
            tokens.pop()
        subject = "".join(word for word, _ in tokens)
        return subject + verb if subject else name  # 登记交办 + 办结: no subject to lend
    thing = object_of(prev_name)
    acted = prev_name[: -len(thing)] if thing else ""
    if thing and acted and any(_verb_only(w) for w, _ in tag(acted)):  # 排查出各类|矛盾纠纷
        return verb + thing
    return name


def _verb_only(word: str) -> bool:
    tokens = tag(word)
    return bool(tokens) and all(pos in verb_tags() for _, pos in tokens) and word not in NOUN_VERBS


ATTRIBUTE_VERBS = (
    "涉及",
    "带动",
    "撬动",
    "涉案",
)  # "涉及金额1.7亿余元": the verb belongs to the name


def attribute_after_rate(prev_name: str, name: str, before: str) -> str:
    """An amount given after a rate is of the thing the rate is of, with its verb:
    ("矛盾纠纷调处成功率", "金额", "…成功率96.5%,涉及金额") -> "矛盾纠纷涉及金额"; any other stays."""
    if name not in naming_words().get("attributes", ()) or not prev_name.endswith(RATE_HEADS):
        return name
    verb = next((v for v in ATTRIBUTE_VERBS if before.endswith(v + name)), "")
    nouns = []
    for word, pos in tag(prev_name):
        if pos in verb_tags() or word.endswith(RATE_HEADS):
            break
        nouns.append(word)
    return fit("".join(nouns) + verb + name) if nouns or verb else name
