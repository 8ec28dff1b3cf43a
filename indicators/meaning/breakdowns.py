"""A count broken down in brackets, and the actions that follow it: "咨询类诉求受理28491件(热线受理
28451件,多媒体受理40件),办结28498件(包括上周7件)" -> 热线受理咨询类诉求, 多媒体受理咨询类诉求,
办结咨询类诉求, 上周办结咨询类诉求.

A bulletin gives a head count, its parts by channel in brackets, then what became of it. Each part
names the head's thing with its own words; a part whose key would be the head's keeps a key of
its own (`part_key`), so the whole and its parts never chart as one indicator.
"""

from __future__ import annotations

import re

from indicators.meaning.labels import fit, is_noun_phrase, object_in, object_of, verb_tags
from indicators.meaning.segment import tag

OPENS, CLOSES = "(（", ")）"
BRACKETS = re.compile(f"[{re.escape(OPENS + CLOSES)}]")
SEPARATORS = ",，、;；" + OPENS
PART_LEADS = ("包括", "其中", "含")  # "(包括上周7件)": the part is 上周's
PART_WORDS = 8  # the longest words a part has before its number ("多媒体受理", "包括上周")
CLASS = "类"
PART_OF = "_part_of"  # row key: (the head row, the part's words) of a part in brackets


def head_parts(name: str) -> tuple[str, str]:
    """The head's verb and its thing: "咨询类诉求受理" -> ("受理", "咨询类诉求"); "平台受理市民诉求"
    -> ("受理", "市民诉求"); "办结咨询类诉求" -> ("办结", "咨询类诉求"); a name with no verb
    ("受理量") gives ("", its thing)."""
    thing = object_of(name) or object_in(name)
    if thing.startswith(CLASS) and name.find(thing) > 0:  # 其他|类诉求: a class keeps its word
        thing = tag(name[: name.find(thing)])[-1][0] + thing
    rest = name.removesuffix(thing) if name.endswith(thing) else name.replace(thing, "", 1)
    verbs = []
    for word, pos in reversed(tag(rest)):
        if pos not in verb_tags():
            break
        verbs.insert(0, word)
    return "".join(verbs), thing


def part_name(words: str, head: str) -> str:
    """The name of a part given by `words` inside the brackets after `head`:
    ("热线受理", "咨询类诉求受理") -> "热线受理咨询类诉求"; ("多媒体", "咨询类诉求受理") ->
    "多媒体受理咨询类诉求"; ("民事案件", "受理案件") -> "受理民事案件" (a kind of the thing);
    "" when the head names no thing."""
    verb, thing = head_parts(head)
    if not thing or not words:
        return ""
    tokens = tag(words)
    if tokens and tokens[-1][1] in verb_tags():  # 热线|受理: the part's own action
        return fit(words + thing)
    if is_noun_phrase(words) and words.endswith(tag(thing)[-1][0]):  # 民事案件 of 案件
        return fit(verb + words)
    return fit(words + verb + thing)


def action_after_name(action: str, head: str) -> str:
    """A bare action after the brackets acts on the head's thing: ("办结", "咨询类诉求受理") ->
    "办结咨询类诉求"; anything but a short run of verbs gives ""."""
    tokens = tag(action)
    if not tokens or len(action) > 4 or any(pos not in verb_tags() for _, pos in tokens):
        return ""
    thing = head_parts(head)[1]
    return fit(action + thing) if thing else ""


def words_before(text: str, start: int) -> tuple[str, int]:
    """The words between the separator before `start` and `start`, and where that separator is
    (-1 when none is near): "…,办结" -> ("办结", at of ",")."""
    at = start - 1
    while at >= 0 and start - at <= PART_WORDS + 1 and text[at] not in SEPARATORS:
        at -= 1
    if at < 0 or start - at > PART_WORDS + 1:
        return "", -1
    return text[at + 1 : start].strip(), at


def bracket_open(text: str, at: int, floor: int) -> int:
    """Where the bracket open at `at` began (the nearest unclosed opening before it, not before
    `floor`), or -1.

    Only the brackets of [floor, at] are walked (one regex scan finds them), not every character:
    most rows have none within reach."""
    depth = 0
    brackets = list(BRACKETS.finditer(text, floor, at + 1)) if at >= floor else []
    for bracket in reversed(brackets):
        if bracket.group() in CLOSES:
            depth += 1
        elif depth == 0:
            return bracket.start()
        else:
            depth -= 1
    return -1


def part_words(words: str) -> str:
    """The part's own words: "包括上周" -> "上周"."""
    for lead in PART_LEADS:
        if words.startswith(lead) and len(words) > len(lead):
            return words[len(lead) :]
    return words
