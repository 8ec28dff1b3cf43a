"""Casualties of an incident are named by the incident: "全市共发生火灾297起,…,死1人,伤2人" ->
火灾死亡人数, 火灾受伤人数; "道路交通事故378起,事故共造成82人死亡、449人受伤" -> 道路交通事故死亡人数,
道路交通事故受伤人数 (the words are `name_words.yaml` casualties)."""

from __future__ import annotations

from functools import cache

from indicators.meaning.labels import fit, object_of
from indicators.meaning.segment import tag
from indicators.vocabulary import load_yaml

INCIDENT_CHARS = 6  # the incident's words kept from the end of its name ("道路交通事故")
CASUALTY_BACK = 200  # how far back the incident counted last is looked for


@cache
def _vocab() -> tuple[tuple[tuple[str, str], ...], frozenset[str], frozenset[str]]:
    data = load_yaml("name_words.yaml")
    words = tuple(sorted(data["casualties"].items(), key=lambda kv: -len(kv[0])))
    return words, frozenset(data["casualty_units"]), frozenset(data["incident_units"])


def casualty_measure(unit: str, before: str, after: str) -> str:
    """What a count of people beside a casualty word counts, or "": ("人", "…,死", "人,伤2人") ->
    "死亡人数"; ("人", "…造成", "死亡、449人") -> "死亡人数"; ("人", "…查处", "…") -> ""."""
    words, units, _ = _vocab()
    if unit not in units:
        return ""
    head = before.rstrip()[-3:]  # "死", "多伤", "造成"
    for word, measure in words:
        if after.startswith(word) or head.endswith(word):
            return measure
    return ""


def is_incident(unit: str) -> bool:
    return unit in _vocab()[2]


def incident_words(name: str) -> str:
    """The incident of an incident count's name: "部门受理适用一般程序处理道路交通事故" -> "道路交通事故";
    "发生火灾" -> "火灾"."""
    thing = object_of(name) or name
    out = ""
    for word, _ in reversed(tag(thing)):
        if len(out) + len(word) > INCIDENT_CHARS:
            break
        out = word + out
    return out


def casualty_name(incident_name: str, measure: str) -> str:
    incident = incident_words(incident_name)
    return fit(incident + measure) if incident else ""
