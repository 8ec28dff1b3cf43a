"""The three sectors, named in the genre's short forms: the parts of their ratio ("三次产业比调整为
11.8∶48.3∶39.9" -> 第一产业比重, 第二产业比重, 第三产业比重; indicators/ratios.py keeps the
numbers) and a list of them written once ("第一、二、三产业分别增长64.6%、7.9%、3.5%")."""

from __future__ import annotations

import re
from functools import cache

from indicators.meaning.labels import fit
from indicators.vocabulary import load_yaml

ORDINALS = "一二三四五六七八九"


@cache
def _sector_ratio() -> dict:
    return load_yaml("name_words.yaml")["sector_ratio"]


def part_names(head: str, count: int) -> list[str]:
    """("三次产业比", 3) -> [第一产业比重, 第二产业比重, 第三产业比重]; ("城乡结构", 3) ->
    [城乡结构第一项, 城乡结构第二项, 城乡结构第三项] (a ratio the vocabulary does not know: its parts
    are told apart by their place)."""
    sectors = _sector_ratio()
    if count == len(sectors["parts"]) and any(word in head for word in sectors["heads"]):
        return list(sectors["parts"])
    return [fit(f"{head}第{ORDINALS[i]}项") for i in range(min(count, len(ORDINALS)))]


# "第一、二、三产业分别…", "一、二、三产业…", "第一、第二、第三产业…": the three written once
SECTOR_LIST = re.compile(r"第?一[、,，]\s*第?二[、,，和]\s*第?三(?:次)?产业[^。;；]{0,12}?分别")


def listed_sectors(sentence: str, count: int) -> list[str]:
    """The sectors' names for the `count` values a sentence gives them one each, or []."""
    if count != len(SECTORS) or not SECTOR_LIST.search(sentence):
        return []
    return list(SECTORS)


SECTORS = ("第一产业", "第二产业", "第三产业")
