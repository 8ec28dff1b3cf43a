"""The indicators view (the landing page) on the real seeds, in headless Chromium: labelled values in
their units as readers read them (8.8万人, 1.7亿余元, 3.5个百分点 and the English forms), changes
coloured by `improving`, a click through to the evidence, one city as a report card and several
compared on the same indicator, an empty view that says why; the README's pictures.

Run with `pytest --headless -m browser`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from dash.testing.wait import until
from selenium.webdriver.common.by import By

from tests.dashboard.test_browser import FIG_DATA, screenshot

pytestmark = pytest.mark.browser
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

CARDS = """
return Array.from(document.querySelectorAll('#report .ind-card')).map(c => ({
  label: c.querySelector('.ind-label').innerText,
  value: c.querySelector('.ind-value').innerText,
  change: c.querySelector('.ind-change').innerText,
  tone: c.querySelector('.ind-change').className,
  meta: c.querySelector('.ind-meta').innerText}));
"""


SELECT_SECOND_ROW = """
const node = dash_ag_grid.getApi('grid').getDisplayedRowAtIndex(1);
if (!node || !node.data) return false;
node.setSelected(true); return true;
"""


@pytest.fixture(scope="module")
def seeds_app(tmp_path_factory):
    from dashboard.app import app_for
    from indicators.exporters import write_table
    from indicators.pipeline import extract_paths
    from indicators.sources import load_sources

    result = extract_paths(sorted(SEEDS.glob("*.txt")), load_sources(SEEDS / "sources.yaml"))
    assert not result.failures
    path = write_table(result.table, tmp_path_factory.mktemp("seeds") / "indicators.parquet")
    return app_for(path, SEEDS / "sources.yaml")


def cards(dash_duo) -> list[dict]:
    return dash_duo.driver.execute_script(CARDS) or []


def open_report(dash_duo, query: str = "") -> list[dict]:
    dash_duo.wait_for_page(url=dash_duo.server_url + "/" + query)
    until(lambda: len(cards(dash_duo)) > 0, timeout=20)
    return cards(dash_duo)


def card_with(dash_duo, text: str) -> dict:
    """The card showing `text` as its value or its change."""
    found = [c for c in cards(dash_duo) if text in c["value"] + c["change"]]
    assert found, (text, [(c["value"], c["change"]) for c in cards(dash_duo)])
    return found[0]


def test_landing_view_shows_labelled_values_with_coloured_changes(dash_duo, seeds_app):
    dash_duo.start_server(seeds_app)
    shown = open_report(dash_duo)
    assert dash_duo.find_element("#page-indicators").is_displayed()
    assert not dash_duo.find_element("#page-overview").is_displayed()
    # no city picked: each city's latest indicators, and a hint to pick cities to compare them
    assert not dash_duo.find_elements("#report-compare") and dash_duo.find_elements("#report-pick")
    assert len(shown) >= 40 and all(c["label"].strip() and c["value"].strip() for c in shown)
    assert not any("e+" in c["value"] or "," in c["value"] for c in shown)  # 万/亿, no 1,700,000
    tones = [c["tone"].split()[-1] for c in shown]
    # green from the table's `improving` (the seeds report no change for the worse), never guessed
    assert tones.count("good") >= 5 and "bad" not in tones
    assert any("亿" in c["value"] or "万" in c["value"] for c in shown)
    assert all("年" in c["meta"] or "年份未注明" in c["meta"] for c in shown)
    domains = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#report .ind-domain')).map(h => h.innerText);"
    )
    assert "平安建设" in domains and "矛盾纠纷化解" in domains
    screenshot(dash_duo, "indicators_seeds.png")


@pytest.mark.parametrize(
    ("search", "zh", "en"),
    [
        ("信用就医", "8.8万", "88,000"),
        ("1.7亿余元", "1.7亿余元", "over 170 million yuan"),
        ("3.5个百分点", "3.5个百分点", "3.5 percentage points"),
    ],
)
def test_values_read_as_readers_read_them_in_cards_and_evidence(
    dash_duo, seeds_app, search, zh, en
):
    dash_duo.start_server(seeds_app)
    open_report(dash_duo, "?q=" + quote(search))
    card_with(dash_duo, zh)
    target = [e for e in dash_duo.find_elements("#report .ind-card") if zh in e.text]
    shown = target[0].find_element(By.CSS_SELECTOR, ".ind-value").text
    target[0].click()
    dash_duo.wait_for_element("#report-sentence mark", timeout=10)
    assert shown.lstrip("+−") in dash_duo.find_element("#report-evidence .ev-value").text
    assert dash_duo.find_element("#report-sentence mark").text  # the number marked in its sentence
    open_report(dash_duo, "?q=" + quote(search) + "&lang=en")
    card_with(dash_duo, en)


def test_one_city_is_a_report_card_several_are_compared(dash_duo, seeds_app):
    dash_duo.start_server(seeds_app)
    open_report(dash_duo, "?city=" + quote("厦门"))
    assert "厦门" in dash_duo.find_element("#report-scope").text
    assert not dash_duo.find_elements("#report-compare")
    assert all(c["meta"].startswith("厦门") for c in cards(dash_duo))
    open_report(dash_duo, "?city=" + quote("厦门") + "&city=" + quote("深圳"))
    dash_duo.wait_for_element("#report-compare", timeout=10)
    compared = dash_duo.find_element("#report-compare").text
    assert "矛盾纠纷调解成功率" in compared and "厦门" in compared and "深圳" in compared
    screenshot(dash_duo, "indicators_compare.png")
    open_report(dash_duo, "?lang=en")
    screenshot(dash_duo, "indicators_en.png")


def test_an_empty_view_says_why_and_how_to_widen_it(dash_duo, seeds_app):
    dash_duo.start_server(seeds_app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?q=" + quote("没有这样的指标"))
    dash_duo.wait_for_element("#report-empty", timeout=20)
    assert "放宽" in dash_duo.find_element("#report-empty").text


def test_chart_tooltips_show_values_as_readers_read_them(dash_duo, seeds_app):
    """The overview's comparison and from→to charts carry their values formatted in hover text."""
    from dashboard import numbers

    dash_duo.start_server(seeds_app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=overview")
    dash_duo.wait_for_element("#card-indicators .card-value", timeout=20)

    def hover(graph):
        return dash_duo.driver.execute_script(
            (FIG_DATA % graph).replace("x: t.x", "h: t.hovertext, x: t.x")
        )

    until(lambda: hover("g-dumbbell"), timeout=20)
    texts = [h for trace in hover("g-dumbbell") for h in (trace.get("h") or []) if h]
    assert texts and all(t.endswith("%") and "e+" not in t for t in texts)
    assert numbers.format_value(68.17, "%") in texts


def test_pictures_of_the_seeds(dash_duo, seeds_app):
    """The README's and docs/dashboard.md's pictures, all of the seeds: the overview in English,
    a table row's evidence, the sources page."""
    dash_duo.start_server(seeds_app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=overview&lang=en")
    dash_duo.wait_for_element("#card-indicators .card-value", timeout=20)
    until(lambda: "Indicators by city" in dash_duo.find_element("#g-city-domain").text, timeout=20)
    screenshot(dash_duo, "overview_en.png")
    query = "/?tab=overview&q=" + quote("调解成功率")
    dash_duo.wait_for_page(url=dash_duo.server_url + query)
    dash_duo.wait_for_element("#grid .ag-row", timeout=20)
    until(lambda: dash_duo.driver.execute_script(SELECT_SECOND_ROW), timeout=20)
    dash_duo.wait_for_element("#evidence-sentence mark", timeout=10)
    assert dash_duo.find_element("#evidence .ev-value").text.strip()
    screenshot(dash_duo, "evidence.png")
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=sources")
    dash_duo.wait_for_element("#sources-table .ag-row", timeout=20)
    assert "厦门" in dash_duo.find_element("#sources-table").text
    screenshot(dash_duo, "sources.png")
