"""Which way is better (`polarity`) and whether a stated change is for the better (`improving`)."""

from __future__ import annotations

from functools import cache

from indicators.meaning.catalogue import Entry
from indicators.vocabulary import load_yaml

POLARITY = {"higher": "higher_better", "lower": "lower_better", "neither": None}


@cache
def _words() -> tuple[tuple[str, str | None], ...]:
    data = load_yaml("polarity_words.yaml")
    pairs = [(w, "higher_better") for w in data["higher_better"]]
    pairs += [(w, "lower_better") for w in data["lower_better"]]
    pairs += [(w, None) for w in data["neither"]]
    return tuple(pairs)


def polarity_from_words(name: str, unit_kind: str) -> str | None:
    """The polarity of an unknown indicator from the word nearest the end of its name.

    "投诉办结率" -> higher_better (办结率 ends the name); "不文明养犬发生率" -> lower_better;
    "审批时间" -> lower_better; "咨询类诉求" -> None (a workload is neither).
    """
    best: tuple[int, int, str | None] | None = None
    for word, polarity in _words():
        at = name.rfind(word)
        if at < 0:
            continue
        rank = (at + len(word), len(word), polarity)
        if best is None or rank[:2] > best[:2]:
            best = rank
    if best is not None:
        return best[2]
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
