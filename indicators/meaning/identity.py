"""One identity per indicator: `indicator_key` and its labels, from the catalogue or the name.

A level and its change never share a key: "电信网络诈骗警情 3000起" is safety.telecom_fraud,
"电信网络诈骗警情同比下降24.96%" is safety.telecom_fraud.change_rate. An indicator the catalogue
does not know gets a key made from its cleaned name and unit kind (auto.<name>.<kind>), so the
same unknown indicator in two documents still shares a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicators.meaning.catalogue import (
    Entry,
    channel_of,
    growth_words,
    item_of,
    kind_of,
    match,
    measured_category,
)
from indicators.vocabulary import load_yaml

# suffix of the key, Chinese label, English label, by the unit of a change
CHANGE_SUFFIXES = {
    "%": (".change_rate", "变化率", "change (%)"),
    "pp": (".change_pp", "变化(百分点)", "change (pp)"),
}
OTHER_CHANGE = (".change", "变化量", "change")
_NOT_IN_KEY = re.compile(
    r"[\s0-9.,:;!?()\[\]{}<>\"'“”‘’《》〈〉「」『』【】、,。:;!?·•●■◆▲★/\\|+\-=_~`^*&%$#@]+"
)


@dataclass(frozen=True)
class Identity:
    """The key and labels of one row's indicator, and the catalogue entry when one names it."""

    key: str
    label: str
    label_en: str
    entry: Entry | None
    # the whole service's identity, for a channel that counts apart only beside the whole
    # (a bulletin's "12345热线电话" is the hotline itself unless the platform is reported too)
    whole: Identity | None = None


def is_change(role: str, unit: str, direction: str | None = None) -> bool:
    """A row that states a change (增长8.9%, 下降3.5个百分点, 增加120件), or plans one
    ("预计地区生产总值增长4%左右": a target with a direction, in % or points)."""
    planned = role == "target" and direction in ("up", "down") and unit in ("%", "pp")
    return role == "change" or planned


def change_suffix(role: str, unit: str, direction: str | None = None) -> tuple[str, str, str]:
    """("", "", "") for a level; the key suffix and label words for a change."""
    if not is_change(role, unit, direction):
        return ("", "", "")
    return CHANGE_SUFFIXES.get(unit, OTHER_CHANGE)


GROWTH = "增速"


def is_growth(label: str, entry: Entry | None) -> bool:
    """An economic quantity's change in % is its 增速: "地区生产总值" (economy) and "服装产量" are;
    "刑事案件" is not (its change is a 变化率)."""
    domains, heads = growth_words()
    if entry is not None:
        return entry.domain in domains  # 警情总量 is no economic 总量
    return label.endswith(heads)


def grew_past(row: dict, unit_kind: str, before: str, ident: Identity) -> bool:
    """An economic aggregate's level said to pass a mark grew past it: "地区生产总值突破2000亿元",
    "迈上14万亿元新台阶" (direction up); a sum signed ("协议金额突破32亿元") or a goal is no rise."""
    if row.get("role") != "level" or row.get("direction") or unit_kind != "money":
        return False
    surface = row.get("surface") or ""
    if not (surface.startswith(_passed_words()) or before.endswith(_passed_words())):
        return False
    if ident.entry is None:  # 海洋生产总值突破2万亿元: an aggregate of the economy's own kind
        return (row.get("indicator") or "").endswith(_passed_aggregates())
    return is_growth(ident.entry.zh, ident.entry)


@cache
def _passed_words() -> tuple[str, ...]:
    return tuple(load_yaml("name_words.yaml")["passed_words"])


@cache
def _passed_aggregates() -> tuple[str, ...]:
    return tuple(load_yaml("name_words.yaml")["passed_aggregates"])


@cache
def _averages() -> tuple[tuple[str, str], ...]:
    words = load_yaml("name_words.yaml").get("averages", {})
    return tuple(sorted(words.items(), key=lambda kv: -len(kv[0])))


def average_of(name: str) -> tuple[str, str] | None:
    """("日均", "daily_avg") for a name that averages over a day ("日均受理量", "12345热线日均话务"),
    else None."""
    head = name.split("热线", 1)[-1] if "热线" in name[:8] else name
    return next(((w, part) for w, part in _averages() if head.startswith(w)), None)


def averaged_label(word: str, label: str) -> str:
    """The average's word after the line's number: ("日均", "12345热线受理量") -> 12345热线日均受理量."""
    line, sep, rest = label.partition("热线")
    return f"{line}{sep}{word}{rest}" if sep and line.isdigit() else word + label


def name_key(name: str, unit_kind: str) -> str:
    """A deterministic key for a name the catalogue does not know.

    ("“智慧大脑”平台 融合数据", "count") -> "auto.智慧大脑平台融合数据.count".
    """
    return f"auto.{key_words(name) or 'unnamed'}.{unit_kind or 'number'}"


def key_words(words: str) -> str:
    """Words as they stand in a key: spaces, digits and punctuation out ("热线 受理" -> "热线受理")."""
    return _NOT_IN_KEY.sub("", words)


def identify(
    name: str,
    sentence: str,
    unit: str,
    unit_kind: str,
    role: str,
    direction: str | None = None,
    topics: frozenset[str] = frozenset(),
    before: str = "",
) -> Identity:
    """The identity of a row: catalogue entry and its key, else the name's own key.

    `topics` are the context words the whole document keeps using (a hotline bulletin: 热线);
    `before` is the sentence before the number (it may name a channel: 12345热线电话, 12315热线).
    ("电信网络诈骗刑事警情", "…同比下降24.96%", "%", "percent", "change")
      -> Identity("safety.telecom_fraud.change_rate", "电信网络诈骗警情变化率", …).
    """
    suffix, zh_more, en_more = change_suffix(role, unit, direction)
    entry = match(name, sentence, unit_kind, bool(suffix), topics, unit)
    if suffix == ".change_rate" and entry is not None and entry.change_zh:
        zh_more = entry.change_zh
    elif suffix == ".change_rate" and is_growth(entry.zh if entry else name, entry):
        zh_more = GROWTH
    if entry is not None:
        en = f"{entry.en} {en_more}".strip()
        item = key_words(item_of(entry, name))
        if item:  # one key per category: hotline.category_share.投诉
            return Identity(f"{entry.key}.{item}{suffix}", item + entry.zh + zh_more, en, entry)
        category, kind = key_words(measured_category(entry, name)), key_words(kind_of(entry, name))
        of = category or kind  # a category's own rate (hotline.satisfaction_rate.教育), a kind of
        if of:  # a generic count (safety.police_incidents.盗窃类): not the whole's indicator
            zh = f"{entry.zh}({of}{'类' if category else ''}){zh_more}"
            return Identity(f"{entry.key}.{of}{suffix}", zh, f"{en} ({of})", entry)
        average = average_of(name)
        if average:  # hotline.intake.daily_avg: a day's average, not the period's total
            word, part = average
            zh = averaged_label(word, entry.zh) + zh_more
            return Identity(f"{entry.key}.{part}{suffix}", zh, f"{en} ({part})", entry)
        whole = Identity(entry.key + suffix, entry.zh + zh_more, en, entry)
        channel = channel_of(entry.key, name, before)
        if channel is not None:  # hotline.completion_rate.phone_line: the phone line's own figure
            zh = (
                channel.zh + entry.zh.removeprefix(channel.replaces) + zh_more
            )  # 12345热线电话办结率
            en = f"{entry.en} ({channel.en}) {en_more}"
            key = f"{entry.key}.{channel.suffix}{suffix}"
            return Identity(key, zh, en.strip(), entry, whole if channel.beside_whole else None)
        return whole
    label = (name + zh_more) if name else ""
    return Identity(name_key(name, unit_kind) + suffix, label, "", None)
