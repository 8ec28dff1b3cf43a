"""The gazetteer lookup: aliases, short forms inside a city, the text's city, a case's district."""

from __future__ import annotations

import csv

import pytest
from structure_helpers import ROOT, load_yaml

from indicators.structure.places import city_of_text, district_of, districts_named, load_gazetteer

GOLD = load_yaml("places_cases.yaml")


@pytest.mark.parametrize("case", GOLD["districts"], ids=[c["text"] for c in GOLD["districts"]])
def test_districts_named(case):
    assert districts_named(case["text"], case["city"]) == case["expected"]


@pytest.mark.parametrize("case", GOLD["cities"], ids=[c["text"] for c in GOLD["cities"]])
def test_city_of_text(case):
    assert city_of_text(case["text"]) == case["expected"]


@pytest.mark.parametrize("case", GOLD["case_districts"], ids=range(len(GOLD["case_districts"])))
def test_district_of_case(case):
    got = district_of(tuple(case["departments"]), case["title"], case["body"], case["city"])
    assert got == case["expected"]


@pytest.mark.parametrize(
    ("province", "prefectures"), [("福建省", 9), ("山东省", 16), ("广东省", 21)]
)
def test_gazetteer_covers_the_required_provinces_in_full(province, prefectures):
    gaz = load_gazetteer()
    cities = {d.city for d in gaz.divisions if d.province == province and d.level == "prefecture"}
    counties = [d for d in gaz.divisions if d.province == province and d.level == "county"]
    assert len(cities) == prefectures
    assert {d.city for d in counties} >= cities - {"东莞", "中山"}  # these two have no districts


def test_every_alias_points_to_a_district_of_its_city():
    gaz = load_gazetteer()
    known = {(d.name, d.city) for d in gaz.divisions if d.level == "county"}
    path = ROOT / "indicators" / "vocab" / "gazetteer_aliases.csv"
    rows = csv.DictReader(
        ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")
    )
    bad = [r["alias"] for r in rows if (r["district"], r["city"]) not in known]
    assert bad == []
