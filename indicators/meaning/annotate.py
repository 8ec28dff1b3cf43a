"""The meaning stage: every row gets its label, key, core flag, polarity and improving."""

from __future__ import annotations

from indicators.meaning.catalogue import document_topics
from indicators.meaning.core import is_core
from indicators.meaning.identity import identify
from indicators.meaning.lists import split_joined_names, split_listed_names
from indicators.meaning.polarity import improving, polarity_of

UNIT_KIND = "_unit_kind"  # row keys the pipeline passes to this stage; not table columns
KEY_NAME = "_key_name"  # the name the identity is made from ("岳阳县工单办理数" -> "工单办理数")


def add_meaning(rows: list[dict], text: str = "") -> list[dict]:
    """Add indicator_label, indicator_label_en, indicator_key, core, polarity and improving.

    A baseline and the current value of its pair share the level's key (both are levels).
    `text` is the document's text: what it keeps talking about settles ambiguous names.
    """
    topics = document_topics(text) if rows else frozenset()
    split_joined_names(rows, ("indicator", KEY_NAME))  # 城乡…分别增长5%和7.5% -> 城镇…, 农村…
    split_listed_names(rows, ("indicator", KEY_NAME))  # 马上办、网上办事项比例分别达到… -> one each
    for row in rows:
        name, unit, kind = row.get("indicator") or "", row.get("unit") or "", row.get(UNIT_KIND, "")
        key_name = row.get(KEY_NAME) or name
        sentence, direction = row.get("sentence") or "", row.get("direction")
        ident = identify(key_name, sentence, unit, kind or "", row["role"], direction, topics)
        polarity = polarity_of(ident.entry, name, kind or "")
        row["indicator_label"] = ident.label if ident.entry or key_name == name else name
        row["indicator_label_en"] = ident.label_en or None
        row["indicator_key"] = ident.key
        row["core"] = is_core(name, row.get("surface") or "", unit, kind or "", row.get("value"))
        row["polarity"] = polarity
        row["improving"] = improving(row.get("direction"), polarity)
    return rows
