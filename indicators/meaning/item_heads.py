"""The measure a list of economic items shares, named once before the list: "从主要工业产品产量看,
精制茶增长23.9%,纱增长16.2%" -> 精制茶产量, 纱产量; "第三产业增加值增长6.1%。其中,批发和零售业增长10.8%"
-> 批发和零售业增加值; "分行业看,金融业增长4.8%" -> 金融业增加值. An item that names its own measure
(用电量, 居民消费价格, 民间投资) keeps its name."""

from __future__ import annotations

import re
from functools import cache

from indicators.meaning.catalogue import growth_words
from indicators.normalize import last_of
from indicators.vocabulary import alternation, load_yaml

WINDOW = 160  # how far back, in characters, a list's opener may stand before one of its items
MAX_ITEM = 10  # a longer name is a phrase of its own, not an item of a list
OWN_MEASURE = tuple("量率数额值比度价速幅") + ("指数", "面积", "人数", "人次")
COUNTED_HEADS = frozenset({"产量"})  # the only measure a count (辆, 台, 个) of items can be of
CLASS = "类"  # a category of goods (烟酒类, 汽车类) is an item of sales only; elsewhere a category
CLASSED_HEADS = ("零售额", "销售额")  # the heads (…零售额) under which a category is an item
CLASSED = "零售额"  # a head under which a category may be an item (for the first, cheap test)
FULL_STOP = "。!?！？\n"  # the normalised text writes ! and ? half-width


@cache
def _vocab() -> tuple[dict[str, str], re.Pattern[str]]:
    data = load_yaml("list_names.yaml")
    heads = dict(sorted(data["item_heads"].items(), key=lambda kv: -len(kv[0])))
    return heads, re.compile(data["item_openers"])


def lacks_measure(name: str, head: str = "") -> bool:
    """A bare item of a list: "精制茶", "批发和零售业"; not "用电量", "民间投资", "居民消费价格",
    "房地产开发投资预计" (a measure named, whatever follows it); "汽车类" only of sales (`head`)."""
    return (
        0 < len(name) <= MAX_ITEM
        and (not name.endswith(CLASS) or head.endswith(CLASSED_HEADS))
        and not name.endswith(OWN_MEASURE)
        and not _growth_heads().search(name)
        and not any(ch.isdigit() for ch in name)
    )


@cache
def _growth_heads() -> re.Pattern[str]:
    """Any of the catalogue's growth heads (one search, not a substring test per head)."""
    heads = growth_words()[1]
    return re.compile(alternation(heads) if heads else r"(?!x)x")


def fits_head(head: str, unit_kind: str) -> bool:
    """A count of items ("签约亿元以上项目215个") is of items, not of their investment; output may be
    counted (汽车1.2万辆)."""
    return unit_kind != "count" or head in COUNTED_HEADS


def shared_head(before: str) -> str:
    """The head the items after the last opener in `before` share, or "": the measure the opener's
    breakdown names (从主要工业产品产量看 -> 产量), else the last one named before 其中."""
    heads, openers = _vocab()
    found = list(openers.finditer(before))[-1:]
    if not found:
        return ""
    found = found[0]
    said = found.group("said") or before[: found.start()]
    return _last_head(said, heads)


def _last_head(said: str, heads: dict[str, str]) -> str:
    """The head of the measure named last in `said` (the rightmost, the longest at a tie)."""
    best, at = "", -1
    for word, head in heads.items():
        i = said.rfind(word)
        if i > at:
            best, at = head, i
    return best


def window_before(text: str, start: int, sentence_start: int) -> str:
    """The text a list item's opener may stand in: its full sentence up to the item, and the
    sentence before when the full sentence opens with the opener ("。其中,批发和零售业…")."""
    begin = last_of(text, FULL_STOP, sentence_start) + 1
    if text.startswith("其中", begin):
        begin = max(last_of(text, FULL_STOP, begin - 1) + 1, begin - WINDOW)
    return text[max(begin, start - WINDOW) : start]
