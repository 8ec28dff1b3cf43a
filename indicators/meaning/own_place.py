"""The document's own place, which says nothing in a name: "临泉县居民消费价格" in 临泉县's release is
居民消费价格, so its key meets every other county's. A place is the document's own when the text
names it three times or more, unless it is one of several districts the text names (朝阳区 beside
海淀区 in a city's report: a part of the city, kept in its names)."""

from __future__ import annotations

from functools import cache

from indicators.meaning.segment import tag
from indicators.structure.places import city_of_text, districts_named
from indicators.vocabulary import load_yaml

PLACE_ENDS = ("省", "市", "县", "区", "州", "旗", "盟")


def leading_place(name: str) -> str:
    """The place a name starts with ("临泉县居民消费价格" -> 临泉县), or ""."""
    if not any(end in name[:8] for end in PLACE_ENDS):
        return ""
    tokens = tag(name)
    if len(tokens) < 2 or tokens[0][1] != "ns" or not tokens[0][0].endswith(PLACE_ENDS):
        return ""
    return tokens[0][0]


OWN_MENTIONS = 3  # a place named this often is what the document is about


def is_own_place(place: str, text: str) -> bool:
    """Whether `place` is the document's own (see the module's docstring)."""
    if place in _not_places() or text.count(place) < OWN_MENTIONS:
        return False
    if place.endswith(DISTRICT_ENDS) and CITY_WIDE in text:
        return False  # "全市…朝阳区…": a city's report, its districts are parts
    districts = set(districts_named(text, city_of_text(text)))
    return not (place in districts and len(districts) > 1)


DISTRICT_ENDS = ("区", "县", "旗")


@cache
def _not_places() -> frozenset[str]:
    """Common nouns the segmenter tags as places ("城市管理类投诉"): name_words.yaml not_places."""
    return frozenset(load_yaml("name_words.yaml")["not_places"])


CITY_WIDE = "全市"
