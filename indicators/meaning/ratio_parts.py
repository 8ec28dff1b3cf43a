"""Names of the parts of a ratio of three or more ("三次产业比调整为11.8∶48.3∶39.9" -> 第一产业比重,
第二产业比重, 第三产业比重; indicators/ratios.py keeps the numbers)."""

from __future__ import annotations

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
