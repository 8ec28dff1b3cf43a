"""Parts listed in one sentence that the catalogue reads as one indicator: "其中,省长信箱转派工单23件,
中国政府网转派工单8件,政协云转派工单11件" are three channels' counts, not three mentions of the
hotline's 转办工单量. Each part keeps the entry's key with its own words (hotline.dispatched.省长信箱),
so the parts of a whole never chart as one indicator (the bracketed parts of breakdowns.py, in prose).
"""

from __future__ import annotations

import os

from indicators.meaning.catalogue import by_unit_keys

MIN_SHARED = 2  # the words the parts' names end with: 转派工单
LEVELS = frozenset({"level", "target"})


def listed_parts(rows: list[dict]) -> list[tuple[dict, str]]:
    """(row, its own words) for each row of a sentence whose catalogue key two or more level rows
    of that sentence share under names that end alike and begin differently (not the units of a
    measure given by unit: a ranking of 承办单位)."""
    groups: dict[tuple, list[dict]] = {}
    skip = by_unit_keys()
    for row in rows:
        key = row.get("indicator_key") or ""
        if row.get("role") in LEVELS and key and not key.startswith("auto.") and key not in skip:
            groups.setdefault((row.get("sentence"), key, row.get("unit")), []).append(row)
    out: list[tuple[dict, str]] = []
    for group in groups.values():
        out += _own_words(group)
    return out


def _own_words(group: list[dict]) -> list[tuple[dict, str]]:
    names = [row.get("indicator") or "" for row in group]
    if len(group) < 2 or len(set(names)) < len(names):
        return []
    shared = os.path.commonprefix([name[::-1] for name in names])[::-1]
    own = [name[: len(name) - len(shared)] for name in names]
    if len(shared) < MIN_SHARED or not all(own) or len(set(own)) < len(own):
        return []
    return list(zip(group, own, strict=True))


def counted_apart(rows: list[dict]) -> list[tuple[dict, str]]:
    """(row, its unit) for the rows of a sentence that share a key made from their name but count
    in different units: "阳光问政直播间承办18期、受理群众诉求120件次" are two indicators, not one
    (the catalogue's keys name their measure; a name's own key does not)."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        key = row.get("indicator_key") or ""
        if row.get("role") in LEVELS and key.startswith("auto.") and row.get("unit"):
            groups.setdefault((row.get("sentence"), key), []).append(row)
    out: list[tuple[dict, str]] = []
    for group in groups.values():
        if len({row["unit"] for row in group}) > 1:
            out += [(row, row["unit"]) for row in group]
    return out
