"""Place lookup: which city a text is about and which district a case names (gazetteer.csv)."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from indicators.structure.patterns import WordFinder
from indicators.vocabulary import parse_yaml

VOCAB = Path(__file__).resolve().parent.parent / "vocab"


@dataclass(frozen=True)
class Division:
    """One administrative division: 思明区 (county level) of 厦门 in 福建省."""

    name: str
    short: str
    level: str  # province | prefecture | county
    province: str
    city: str  # the prefecture-level city's short name ("" for provinces)

    def __post_init__(self) -> None:
        if self.level not in {"province", "prefecture", "county"}:
            raise ValueError(f"gazetteer: {self.name} has unknown level {self.level!r}")


@dataclass(frozen=True)
class Gazetteer:
    """All divisions plus extra aliases (alias -> (district, city))."""

    divisions: tuple[Division, ...]
    aliases: tuple[tuple[str, str, str], ...]
    ambiguous: frozenset[str]
    city_weights: dict

    @property
    def cities(self) -> frozenset[str]:
        return frozenset(d.city for d in self.divisions if d.level == "prefecture")


def _data_lines(path: Path) -> list[str]:
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]


@cache
def load_gazetteer(vocab_dir: Path = VOCAB) -> Gazetteer:
    """Read gazetteer.csv, gazetteer_aliases.csv and places.yaml once."""
    rows = csv.DictReader(_data_lines(vocab_dir / "gazetteer.csv"))
    divisions = tuple(
        Division(r["name"], r["short"], r["level"], r["province"], r["city"]) for r in rows
    )
    alias_rows = csv.DictReader(_data_lines(vocab_dir / "gazetteer_aliases.csv"))
    aliases = tuple((r["alias"], r["district"], r["city"]) for r in alias_rows)
    rules = parse_yaml((vocab_dir / "places.yaml").read_text(encoding="utf-8"))
    return Gazetteer(
        divisions, aliases, frozenset(rules["ambiguous_short_names"]), rules["city_weights"]
    )


NUMERAL_CHARS = frozenset("一二三四五六七八九十百千万两")
SHORT_PLACE = (
    3  # a county's short name this long is a name, not a count ("五指山"; "三台" may count)
)


@cache
def names_with_numerals() -> tuple[str, ...]:
    """Place names written with numeral characters, which are no numbers: 六盘水市, 六盘水, 十堰,
    七台河, 五指山 (every full name; prefectures' short names; counties' from three characters)."""
    names = set()
    for d in load_gazetteer().divisions:
        names.add(d.name)
        if d.level == "prefecture" or len(d.short) >= SHORT_PLACE:
            names.add(d.short)
    return tuple(sorted(n for n in names if NUMERAL_CHARS & set(n) and len(n) >= 2))


def _alternation(names: dict[str, str]) -> WordFinder | None:
    """One automaton over all names, longest first, so 黄岛区 wins over 黄岛."""
    return WordFinder(names) if names else None


@cache
def _district_names(city: str | None) -> tuple[WordFinder | None, dict[str, str]]:
    """Surface name -> official district name, for one city (short forms allowed) or nationwide."""
    gaz = load_gazetteer()
    names: dict[str, str] = {}
    if city:
        for d in gaz.divisions:
            if d.level == "county" and d.city == city:
                names[d.name] = d.name
                if len(d.short) >= 2 and d.short not in gaz.ambiguous and d.short != city:
                    names.setdefault(d.short, d.name)
        for alias, district, alias_city in gaz.aliases:
            if alias_city == city:
                names[alias] = district
    else:
        counts = Counter(d.name for d in gaz.divisions if d.level == "county")
        names = {n: n for n, k in counts.items() if k == 1 and len(n) >= 3}
        names.update({a: d for a, d, _ in gaz.aliases})
    return _alternation(names), names


def districts_named(text: str, city: str | None) -> list[str]:
    """Districts named in `text`, in order of mention.

    "数字湖里、殿前街道" with city 厦门 -> ["湖里区", "湖里区"]; "西海岸新区" -> ["黄岛区"].
    """
    pattern, names = _district_names(city or None)
    if pattern is None:
        return []
    return [names[word] for word in pattern.findall(text)]


def district_of(
    departments: tuple[str, ...], title: str, body: str, city: str | None
) -> str | None:
    """The district a case is about: named by its units first, then its title, then its body.

    In the body the most-named district wins, and only when it is named at least as often as all
    the others together (a case touring several districts has none).
    """
    return district_in_heading(departments, title, city) or district_in_body(body, city)


def district_in_heading(departments: tuple[str, ...], title: str, city: str | None) -> str | None:
    """The first district a case's units, else its title, name: ("湖里区政府",), "…" -> 湖里区."""
    for text in ("、".join(departments), title):
        found = districts_named(text, city)
        if found:
            return found[0]
    return None


def district_in_body(body: str, city: str | None) -> str | None:
    """The district a case body names most, when it is named at least as often as all the others
    together: "湖里区…湖里区…思明区" -> 湖里区; "湖里区…思明区" -> None."""
    counts = Counter(districts_named(body, city)).most_common()
    if not counts:
        return None
    best, n = counts[0]
    return best if n * 2 > sum(k for _, k in counts) else None


@cache
def _city_names() -> tuple[WordFinder | None, dict[str, tuple[str, str]]]:
    """Surface name -> (city short name, kind) for prefecture-level cities and unique districts."""
    gaz = load_gazetteer()
    names: dict[str, tuple[str, str]] = {}
    district_counts = Counter(d.name for d in gaz.divisions if d.level == "county")
    for d in gaz.divisions:
        if d.level == "county" and district_counts[d.name] == 1 and len(d.name) >= 3:
            names.setdefault(d.name, (d.city, "district_full"))
    for alias, _district, city in gaz.aliases:
        names.setdefault(alias, (city, "district_full"))
    for d in gaz.divisions:
        if d.level == "prefecture" or (d.level == "province" and d.city):
            names[d.name] = (d.city, "city_full")
            if len(d.short) >= 2 and d.short not in gaz.ambiguous:
                names.setdefault(d.short, (d.city, "city_short"))
    return _alternation(names), names


def city_of_text(text: str) -> str | None:
    """The prefecture-level city a text is mostly about, or None when it names none.

    "厦门市集美区打造…，思明区…" -> "厦门"; "盐田区2015年重点改革项目" -> "深圳".
    """
    pattern, names = _city_names()
    weights = load_gazetteer().city_weights
    score: Counter[str] = Counter()
    for word in pattern.findall(text) if pattern else ():
        city, kind = names[word]
        if city:
            score[city] += weights[kind]
    return score.most_common(1)[0][0] if score else None
