"""The meaning stage: every row gets its label, key, core flag, polarity and improving."""

from __future__ import annotations

from indicators.meaning.core import is_core
from indicators.meaning.identity import identify
from indicators.meaning.polarity import improving, polarity_of

UNIT_KIND = "_unit_kind"  # a row key the pipeline passes to this stage; not a table column


def add_meaning(rows: list[dict]) -> list[dict]:
    """Add indicator_label, indicator_label_en, indicator_key, core, polarity and improving.

    A baseline and the current value of its pair share the level's key (both are levels).
    """
    for row in rows:
        name, unit, kind = row.get("indicator") or "", row.get("unit") or "", row.get(UNIT_KIND, "")
        ident = identify(name, row.get("sentence") or "", unit, kind or "", row["role"])
        polarity = polarity_of(ident.entry, name, kind or "")
        row["indicator_label"] = ident.label
        row["indicator_label_en"] = ident.label_en or None
        row["indicator_key"] = ident.key
        row["core"] = is_core(name, row.get("surface") or "", unit, kind or "", row.get("value"))
        row["polarity"] = polarity
        row["improving"] = improving(row.get("direction"), polarity)
    return rows
