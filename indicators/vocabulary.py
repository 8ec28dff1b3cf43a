"""Load the vocabularies (indicators/vocab/*.yaml) once and build their regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

VOCAB_DIR = Path(__file__).parent / "vocab"


def read_vocab_file(name: str) -> str:
    """The text of a vocabulary file shipped in indicators/vocab/."""
    return (VOCAB_DIR / name).read_text(encoding="utf-8")


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster to parse


def parse_yaml(text: str):
    """YAML text parsed safely, with libyaml when it is installed (it is, with PyYAML's wheels)."""
    return yaml.load(text, Loader=SAFE_LOADER)  # noqa: S506 - a safe loader


@cache
def load_yaml(name: str) -> dict:
    """A YAML vocabulary file as a dict, parsed once per run (name_words.yaml has eleven readers):
    the dict is shared, so its readers take from it and never change it."""
    return parse_yaml(read_vocab_file(name)) or {}


def alternation(words, *, group: str | None = None, opens: bool = False) -> str:
    """A regex alternation of literal words, longest first ("增长了|增长|增").

    `opens`: the alternation opens a pattern that scans a text (search, finditer). There the
    regex engine finds the words' first characters itself and skips to them in C, and a
    look-ahead in front would hide them (about 2x slower); inside a pattern (after [ \t]*, in a
    group of alternatives) the look-ahead is what lets most positions fail at once."""
    ordered = sorted(set(words), key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in ordered)
    firsts = "".join(sorted({re.escape(w[0]) for w in ordered if w}))
    guard = f"(?=[{firsts}])" if firsts and (not opens or "" in ordered) else ""
    return f"{guard}(?P<{group}>{alts})" if group else f"{guard}(?:{alts})"


@dataclass(frozen=True)
class UnitWord:
    """One measure word or unit: its surface, the table label and the pint unit."""

    surface: str
    label: str
    pint: str
    kind: str


@dataclass(frozen=True, eq=False)  # hashed by identity: one Vocab per process
class Vocab:
    """All vocabularies, with the regexes built from them."""

    units: dict[str, UnitWord]  # surface -> UnitWord
    unit_re: re.Pattern  # a measure word at a position
    not_unit_re: re.Pattern  # words that start like a measure word but are nouns (人才, 项目)
    pint_of_label: dict[str, str]
    person_nouns_re: re.Pattern  # a person noun after a number (30万岛外职工)
    person_nouns_before_re: re.Pattern  # a person noun shortly before (人才总量突破130万)
    qualifier_before: dict[str, str]  # word -> approx/over/under
    qualifier_after: dict[str, str]
    qualifier_before_re: re.Pattern  # anchored at the end of the left context
    qualifier_after_re: re.Pattern
    money_nouns_before_re: re.Pattern  # a money noun shortly before (发放贷款3960万)
    place_units: frozenset[str]
    directions: dict = field(repr=False)
    not_quantities: dict = field(repr=False)


def _qualifier_map(section: dict) -> dict[str, str]:
    return {w: q for q, words in section.items() for w in words}


@cache
def load_vocab() -> Vocab:
    """The vocabularies, read once per process."""
    mw = load_yaml("measure_words.yaml")
    units: dict[str, UnitWord] = {}
    for label, spec in mw["units"].items():
        for surface in spec["surfaces"]:
            units[surface] = UnitWord(surface, label, spec["pint"], spec["kind"])
    quals = load_yaml("qualifiers.yaml")
    before, after = _qualifier_map(quals["before"]), _qualifier_map(quals["after"])
    return Vocab(
        units=units,
        unit_re=re.compile(r"[ \t]*" + alternation(units, group="unit")),
        not_unit_re=re.compile(alternation(mw["not_units"])),
        pint_of_label={label: spec["pint"] for label, spec in mw["units"].items()},
        person_nouns_re=re.compile(r"[ \t]*(?:[^\s,。;:]{0,4}?)" + alternation(mw["person_nouns"])),
        person_nouns_before_re=re.compile(alternation(mw["person_nouns"]) + r"[^\s,。;:]{0,6}$"),
        qualifier_before=before,
        qualifier_after=after,
        qualifier_before_re=re.compile(alternation(before, group="q") + r"\s*$"),
        qualifier_after_re=re.compile(r"[ \t]*" + alternation(after, group="q")),
        money_nouns_before_re=re.compile(alternation(mw["money_nouns"]) + r"[^\s,。;:]{0,4}$"),
        place_units=frozenset(mw["place_units"]),
        directions=load_yaml("directions.yaml"),
        not_quantities=load_yaml("not_quantities.yaml"),
    )
