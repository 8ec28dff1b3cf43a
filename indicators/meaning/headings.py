"""Names a bulletin gives in a heading or a clause before its numbers, not beside them.

"1.盗窃电瓶。本月环比上升94.74%,同比上升5.71%": the rates have no words of their own; the heading
sentence just before names them (盗窃电瓶). "道路交通事故警情中,岛内环比下降6%": a part (岛内) is a
part of the thing the clause before names (岛内道路交通事故警情); so is one after "其中," when the
sentence before named the thing.
"""

from __future__ import annotations

import re

from indicators.meaning.labels import has_verb

LIST_NUMBER = r"(?:[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、|[0-9]+[.、．])"
# a heading sentence: a short noun phrase, then 。 or :, at a line start (its list number optional)
# or after the sentence before (with its list number: "…下降38.75%。5.盗窃电动车。本月…")
HEADING = re.compile(
    rf"(?:(?:^|\n)\s*{LIST_NUMBER}?|[。;；]\s*{LIST_NUMBER})\s*"
    r"(?P<name>[^\s,，;；:：。!?、()（）0-9]{2,14})[。:：]\s*$"
)
HEADING_BACK = 40  # how far back a heading before the row's sentence is looked for
PART = 3  # the longest part of a thing ("岛内", "城区", "农村")
WITHIN = re.compile(r"(?P<whole>[^\s,，;；:：。、()（）0-9]{2,16})中[,，]\s*$")  # "…警情中,"
AMONG = re.compile(r"^\s*其中[,，:：]?\s*$")
SIBLING_GAPS = (";", "；", "、")  # "岛内…;岛外…": the next part of the same whole


def heading_name(text: str, sentence_start: int) -> str:
    """The heading right before the sentence at `sentence_start`, or "": ("…\\n1.盗窃电瓶。", …)
    -> 盗窃电瓶 (only for a row that has no name of its own: a short line or sentence of its own
    before it is all that names it)."""
    if sentence_start <= 0:
        return ""
    m = HEADING.search(text, max(0, sentence_start - HEADING_BACK), sentence_start)
    return m.group("name") if m else ""  # 盗窃电瓶, 入室盗窃: a heading may start with its verb


def whole_of_part(name: str, clause_before: str, prev_name: str, sibling: str = "") -> str:
    """The whole a short part named before its number belongs to, or "":
    ("岛内", "道路交通事故警情中,", "") -> 道路交通事故警情; ("岛外", "其中,", "交通堵塞警情") ->
    交通堵塞警情; ("岛外", "…12.86%;", "", "道路交通事故警情") -> the whole of the part before it."""
    if not name or len(name) > PART or has_verb(name):
        return ""
    within = WITHIN.search(clause_before)
    whole = within.group("whole") if within else ""
    if not whole and AMONG.match(clause_before):
        whole = prev_name
    if not whole and sibling and clause_before.rstrip().endswith(SIBLING_GAPS):
        whole = sibling
    return whole if whole and name not in whole else ""
