"""The indicator catalogue (vocab/indicator_catalogue.yaml): entries, and which entry names a row."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from indicators.vocabulary import load_yaml

MEASURES = ("count", "rate", "money", "time", "amount", "index", "ratio")
BETTER = ("higher", "lower", "neither")
# the unit kinds (indicators.mentions) a level of each measure may carry; "" = a bare number
UNIT_KINDS = {
    "count": {"count", ""},
    "rate": {"percent", "ratio"},
    "money": {"money"},
    "time": {"time"},
    "amount": {"", "mass", "volume", "area", "length", "ratio", "count"},
    "index": {"", "ratio", "percent"},
    "ratio": {"", "ratio", "percent"},
}


@dataclass(frozen=True)
class Entry:
    """One indicator the genre reports: its key, labels, measure, better direction and names."""

    key: str
    zh: str
    en: str
    measure: str
    better: str
    domain: str
    names: tuple[str, ...]
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"catalogue entry {self.key}: unknown measure {self.measure!r}")
        if self.better not in BETTER:
            raise ValueError(f"catalogue entry {self.key}: better must be one of {BETTER}")
        if not self.names:
            raise ValueError(f"catalogue entry {self.key}: no names")


@cache
def catalogue() -> tuple[Entry, ...]:
    """Every entry, checked: keys unique, fields valid."""
    entries = []
    for raw in load_yaml("indicator_catalogue.yaml")["indicators"]:
        fields = {k: tuple(map(str, v)) if isinstance(v, list) else v for k, v in raw.items()}
        entries.append(Entry(**fields))
    keys = [e.key for e in entries]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"indicator_catalogue.yaml: duplicate keys {duplicates}")
    return tuple(entries)


@cache
def _by_name() -> tuple[tuple[str, Entry], ...]:
    """(name, entry) for every name of every entry, longest name first."""
    pairs = [(name, e) for e in catalogue() for name in e.names]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def fits_unit(entry: Entry, unit_kind: str, is_change: bool) -> bool:
    """A level must carry its measure's unit; a change may be in % or points of any measure."""
    if is_change:
        return True
    return unit_kind in UNIT_KINDS[entry.measure]


def match(name: str, sentence: str, unit_kind: str, is_change: bool) -> Entry | None:
    """The entry whose longest name the row's name contains, its context and unit permitting.

    "电信网络诈骗刑事警情" -> safety.telecom_fraud; "调解成功率" (unit %) -> dispute.mediation_success_rate.
    """
    if not name:
        return None
    for word, entry in _by_name():
        if word not in name:
            continue
        if any(u in name for u in entry.unless):
            continue
        if entry.context and not any(c in name or c in sentence for c in entry.context):
            continue
        if fits_unit(entry, unit_kind, is_change):
            return entry
    return None
