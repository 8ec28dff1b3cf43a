"""Which way is better (`polarity`) and whether a stated change is for the better (`improving`)."""

from __future__ import annotations

from functools import cache

from indicators.meaning.catalogue import Entry
from indicators.vocabulary import load_yaml

POLARITY = {"higher": "higher_better", "lower": "lower_better", "neither": None}


@cache
def _finder():
    import ahocorasick_rs  # noqa: PLC0415

    data = load_yaml("polarity_words.yaml")
    polarity: dict[str, str | None] = {}
    for key, value in (
        ("higher_better", "higher_better"),
        ("lower_better", "lower_better"),
        ("neither", None),
    ):
        for word in data[key]:
            polarity.setdefault(word, value)
    words = list(polarity)
    return words, polarity, ahocorasick_rs.AhoCorasick(words)


def polarity_from_words(name: str, unit_kind: str) -> str | None:
    """The polarity of an unknown indicator from the word nearest the end of its name.

    "投诉办结率" -> higher_better (办结率 ends the name); "不文明养犬发生率" -> lower_better;
    "审批时间" -> lower_better; "咨询类诉求" -> None (a workload is neither).
    """
    words, polarity, automaton = _finder()
    hits = automaton.find_matches_as_indexes(name, overlapping=True)
    if hits:
        _, _, word = max((end, end - start, words[i]) for i, start, end in hits)
        return polarity[word]
    return "lower_better" if unit_kind == "time" else None


def polarity_of(entry: Entry | None, name: str, unit_kind: str) -> str | None:
    """The catalogue's `better`, else the documented word fallback."""
    if entry is not None:
        return POLARITY[entry.better]
    return polarity_from_words(name, unit_kind)


def improving(direction: str | None, polarity: str | None) -> bool | None:
    """A fall of a lower-better indicator is an improvement: ("down", "lower_better") -> True.

    Empty when no direction is stated or the indicator is neither better nor worse when it moves.
    """
    if direction not in ("up", "down") or polarity is None:
        return None
    return (direction == "up") == (polarity == "higher_better")
