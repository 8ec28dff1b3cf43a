"""The real dashboard in headless Chromium (dash_duo): load, filter, share, click, evidence, export,
the comparison by indicator key, the colours from `improving`, the core switch.

Run with `pytest --headless -m browser`. Screenshots of the main views go to docs/screenshots/.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from urllib.parse import quote, unquote

import openpyxl
import pandas as pd
import pytest
import requests
from dash.testing.wait import until
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

FIG_COLOURS = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd.data) return null;
return gd.data.filter(t => t.mode !== 'lines').map(t => ({
  name: t.name, y: Array.from(t.y || []), color: t.marker ? t.marker.color : null}));
"""

FIG_DATA = """
const gd = document.querySelector('#%s .js-plotly-plot');
if (!gd || !gd._fullData) return null;
return gd._fullData.map(t => ({
  name: t.name,
  x: t.x ? Array.from(t.x) : [],
  y: t.y ? Array.from(t.y) : [],
  z: t.z ? Array.from(t.z, r => Array.from(r)) : null,
}));
"""


def open_view(dash_duo, app, query: str = "") -> None:
    """The overview (charts, cards, table) of `query`; the landing page is the indicators view."""
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/" + overview(query))
    dash_duo.wait_for_element("#card-indicators .card-value", timeout=20)


def overview(query: str) -> str:
    """`query` on the overview tab: "?city=厦门" -> "?city=厦门&tab=overview"."""
    return query if "tab=" in query else f"{query}{'&' if query else '?'}tab=overview"


def card(dash_duo, name: str) -> int:
    return int(dash_duo.find_element(f"#card-{name} .card-value").text.replace(",", ""))


def total_rows(dash_duo) -> int:
    note = dash_duo.find_element("#grid-note").text
    return int(re.search(r"[\d,]+", note).group().replace(",", ""))


def figure(dash_duo, graph_id: str) -> list[dict]:
    return dash_duo.driver.execute_script(FIG_DATA % graph_id) or []


def grid_ids(dash_duo) -> list[str] | None:
    """Ids of the table rows the grid has loaded, in its order (None until the grid is ready)."""
    return dash_duo.driver.execute_script(
        "try { const api = dash_ag_grid.getApi('grid'); const ids = [];"
        " api.forEachNode(n => { if (n.data) ids.push(n.data.id); }); return ids; }"
        " catch (e) { return null; }"
    )


def query_of(dash_duo) -> str:
    return (
        unquote(dash_duo.driver.current_url.split("?", 1)[1])
        if "?" in dash_duo.driver.current_url
        else ""
    )


def screenshot(dash_duo, name: str, width: int = 1600) -> Path:
    """A full-page screenshot into docs/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver = dash_duo.driver
    time.sleep(0.8)  # let plotly finish its transitions
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    time.sleep(0.5)
    path = SCREENSHOTS / name
    driver.save_screenshot(str(path))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path


def fresh(dash_duo, selector: str) -> str | None:
    """The text of `selector` now (None while Dash is re-rendering it)."""
    try:
        return dash_duo.find_element(selector).text
    except StaleElementReferenceException:
        return None


def count(df: pd.DataFrame, **equal) -> int:
    keep = pd.Series(True, index=df.index)
    for col, value in equal.items():
        keep &= df[col].astype(object) == value
    return int(keep.sum())


def test_page_loads_without_errors(dash_duo, dashboard_app, small_table):
    open_view(dash_duo, dashboard_app)
    until(lambda: figure(dash_duo, "g-by-year"), timeout=10)
    assert dash_duo.find_element("h1").text == "改革成效指标看板"
    assert card(dash_duo, "indicators") == len(small_table)
    assert card(dash_duo, "cities") == 10
    ticks = [e.text for e in dash_duo.find_elements("#g-by-year .xtick text")]
    assert ticks and all(re.fullmatch(r"\d{4}", tick) for tick in ticks), ticks
    assert "未分类" in figure(dash_duo, "g-city-domain")[0]["y"]
    assert dash_duo.get_logs() == []


def test_filter_changes_charts_table_and_url(dash_duo, dashboard_app, small_table):
    open_view(dash_duo, dashboard_app)
    until(lambda: len(figure(dash_duo, "g-by-year")) == 10, timeout=10)
    dash_duo.find_element("#f-city").click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys("青岛")
    search.send_keys(Keys.ENTER)
    expected = count(small_table, city="青岛")
    until(lambda: "city=青岛" in query_of(dash_duo), timeout=10)
    until(lambda: total_rows(dash_duo) == expected, timeout=10)
    until(lambda: [t["name"] for t in figure(dash_duo, "g-by-year")] == ["青岛"], timeout=10)
    assert card(dash_duo, "cities") == 1
    assert figure(dash_duo, "g-city-domain")[0]["x"] == ["青岛"]
    assert set(grid_ids(dash_duo)) == set(small_table.loc[small_table["city"] == "青岛", "id"])
    # a text search narrows further
    box = dash_duo.find_element("#f-q")
    box.send_keys("满意度")
    box.send_keys(Keys.ENTER)
    narrowed = small_table[
        (small_table["city"] == "青岛")
        & (
            small_table["indicator"].str.contains("满意度")
            | small_table["sentence"].str.contains("满意度")
        )
    ]
    until(lambda: total_rows(dash_duo) == len(narrowed), timeout=10)
    assert "q=满意度" in query_of(dash_duo)
    dash_duo.find_element("#btn-reset").click()
    until(lambda: total_rows(dash_duo) == len(small_table), timeout=10)
    assert query_of(dash_duo) == "tab=overview"
    assert dash_duo.get_logs() == []


def test_shared_url_restores_view(dash_duo, dashboard_app, small_table):
    query = "?" + "&".join(["city=" + quote("厦门"), "dir=down", "year=2015-2021", "lang=en"])
    open_view(dash_duo, dashboard_app, query)
    df = small_table
    expected = df[
        (df["city"] == "厦门") & (df["direction"] == "down") & df["year"].between(2015, 2021)
    ]
    until(lambda: card(dash_duo, "indicators") == len(expected), timeout=10)
    assert total_rows(dash_duo) == len(expected)
    assert "厦门" in dash_duo.find_element("#f-city").text
    assert dash_duo.find_element("h1").text == "Reform Indicators Dashboard"
    until(
        lambda: dash_duo.find_element("#g-by-year .gtitle").text == "Indicators per year, by city",
        timeout=10,
    )
    years = [x for t in figure(dash_duo, "g-by-year") for x in t["x"]]
    assert years and min(years) >= 2015 and max(years) <= 2021
    assert "Indicator" in dash_duo.find_element("#grid .ag-header").text
    grid_locale = "return dash_ag_grid.getApi('grid').getGridOption('localeText');"
    until(
        lambda: dash_duo.driver.execute_script(grid_locale) == {}, timeout=10
    )  # English: AG's own
    assert dash_duo.get_logs() == []


def test_click_chart_filters_table(dash_duo, dashboard_app, small_table):
    open_view(dash_duo, dashboard_app, "?city=" + quote("厦门"))
    until(
        lambda: (
            figure(dash_duo, "g-city-domain")
            and total_rows(dash_duo) == count(small_table, city="厦门")
        ),
        timeout=10,
    )
    before = total_rows(dash_duo)
    plot = dash_duo.find_element("#g-city-domain .nsewdrag")
    ActionChains(dash_duo.driver).move_to_element(plot).click().perform()
    until(lambda: "sel.domain=" in query_of(dash_duo), timeout=10)
    domain = re.search(r"sel\.domain=([^&]+)", query_of(dash_duo)).group(1)
    expected = (
        count(small_table, city="厦门", domain=domain)
        if domain != "_none"
        else int(((small_table["city"] == "厦门") & small_table["domain"].isna()).sum())
    )
    until(lambda: total_rows(dash_duo) == expected, timeout=10)
    assert 0 < expected < before
    label = (
        small_table.loc[small_table["domain"] == domain, "domain_label"].iloc[0]
        if domain != "_none"
        else "未分类"
    )
    assert f"领域：{label}" in dash_duo.find_element("#selection-box").text
    # the charts keep the whole filtered view; only the table narrows
    assert card(dash_duo, "indicators") == before
    dash_duo.find_element("#btn-clear-sel").click()
    until(lambda: total_rows(dash_duo) == before, timeout=10)
    assert dash_duo.get_logs() == []


def test_row_selection_shows_evidence(dash_duo, dashboard_app):
    open_view(dash_duo, dashboard_app, "?q=" + quote("文明养犬专项整治"))
    until(lambda: grid_ids(dash_duo) == ["hand-dog"], timeout=10)
    dash_duo.find_element("#grid .ag-center-cols-container .ag-row .ag-cell").click()
    dash_duo.wait_for_element("#evidence-sentence mark", timeout=10)
    evidence = dash_duo.find_element("#evidence").text
    assert "文明养犬专项整治 共建和谐家园" in evidence
    assert "市城市管理局、思明区人民政府" in evidence
    assert "厦门全面深化改革案例展播（测试）" in evidence
    assert dash_duo.find_element("#evidence-sentence mark").text == "42.5%"
    # document text with markup stays text
    dash_duo.wait_for_page(url=dash_duo.server_url + "/" + overview("?q=" + quote("脚本注入测试")))
    until(lambda: grid_ids(dash_duo) == ["hand-script"], timeout=10)
    dash_duo.find_element("#grid .ag-center-cols-container .ag-row .ag-cell").click()
    until(
        lambda: "<script>alert(1)</script>" in dash_duo.find_element("#evidence-sentence").text,
        timeout=10,
    )
    assert dash_duo.find_element("#evidence-sentence mark").text == "12件"
    assert not dash_duo.find_elements("#evidence script, #evidence b")
    # more columns on demand
    visible = "return dash_ag_grid.getApi('grid').getColumn('sentence').isVisible();"
    assert dash_duo.driver.execute_script(visible) is False
    dash_duo.find_element(".table-card summary").click()
    dash_duo.find_element("#col-toggle input[value='sentence']").click()
    until(lambda: dash_duo.driver.execute_script(visible) is True, timeout=10)
    assert dash_duo.get_logs() == []


def test_excel_download_matches_filtered_rows(dash_duo, dashboard_app, small_table):
    open_view(dash_duo, dashboard_app, "?city=" + quote("厦门") + "&year=2021-2021")
    df = small_table
    expected = df[(df["city"] == "厦门") & (df["year"] == 2021)]
    until(lambda: total_rows(dash_duo) == len(expected), timeout=10)
    dash_duo.find_element("#export-xlsx").click()
    folder = Path(dash_duo.download_path)
    until(lambda: [p for p in folder.glob("*.xlsx")], timeout=20)
    path = next(folder.glob("*.xlsx"))
    until(lambda: path.stat().st_size > 0 and not list(folder.glob("*.crdownload")), timeout=20)
    data = pd.read_excel(path, sheet_name=0, dtype={"编号": str})
    assert set(data["编号"]) == set(expected["id"])
    assert "不文明养犬发生率" in set(data["指标"])
    assert '=HYPERLINK("http://x","y")' in set(data["句子"])
    book = openpyxl.load_workbook(path)
    formulas = [
        c.coordinate
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    about = " ".join(str(c.value) for row in book.worksheets[1].iter_rows() for c in row if c.value)
    assert "城市: 厦门" in about and "2021–2021" in about and "厦门日报社" in about
    # the CSV link serves the same rows, UTF-8 with BOM
    href = dash_duo.find_element("#export-csv").get_attribute("href")
    body = requests.get(href, timeout=30).content
    assert body.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", dtype=str)
    assert set(back["编号"]) == set(expected["id"])
    assert dash_duo.get_logs() == []


def test_language_switch_and_sources_page(dash_duo, dashboard_app):
    open_view(dash_duo, dashboard_app)
    dash_duo.find_element("#f-lang input[value='en']").click()
    until(lambda: dash_duo.find_element("h1").text == "Reform Indicators Dashboard", timeout=10)
    until(lambda: "lang=en" in query_of(dash_duo), timeout=10)
    until(
        lambda: (
            dash_duo.find_element("#g-city-domain .gtitle").text == "Indicators by city and domain"
        ),
        timeout=10,
    )
    assert dash_duo.find_element("#card-indicators .card-label").text == "Indicators"
    dash_duo.find_element("#f-lang input[value='zh']").click()
    until(lambda: dash_duo.find_element("h1").text == "改革成效指标看板", timeout=10)
    dash_duo.find_element("#tab-sources").click()
    dash_duo.wait_for_element("#sources-table", timeout=10)
    text = dash_duo.find_element("#page-sources").text
    assert "厦门全面深化改革案例展播（测试）" in text and "如何阅读本看板" in text
    assert "tab=sources" in query_of(dash_duo)
    assert dash_duo.find_element("#page-overview").value_of_css_property("display") == "none"
    assert dash_duo.get_logs() == []


def test_click_points_select_pairs_and_changes(dash_duo, dashboard_app):
    """Clicking a dumbbell dot selects its pair; the table shows the baseline and current rows."""
    open_view(dash_duo, dashboard_app, "?q=" + quote("64.5%提升至91.7%"))
    until(lambda: len(figure(dash_duo, "g-dumbbell")) == 3, timeout=10)
    point = dash_duo.find_element("#g-dumbbell .scatterlayer .trace:last-child .point")
    ActionChains(dash_duo.driver).move_to_element(point).click().perform()
    until(lambda: "sel.pair_id=hand-pair" in query_of(dash_duo), timeout=10)
    until(lambda: sorted(grid_ids(dash_duo)) == ["hand-food-base", "hand-food-cur"], timeout=10)
    assert dash_duo.find_elements("#selection-box .chip")


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def real_table(tmp_path_factory) -> Path:
    """The extractor's table built from seeds/ now, as `indicators extract` writes it."""
    from indicators.exporters import write_table
    from indicators.pipeline import extract_paths
    from indicators.sources import load_sources

    result = extract_paths(sorted(SEEDS.glob("*.txt")), load_sources(SEEDS / "sources.yaml"))
    assert not result.failures
    return write_table(result.table, tmp_path_factory.mktemp("real") / "indicators.parquet")


def test_real_table_smoke(dash_duo, real_table):
    """The extractor's table from seeds/ loads with its sources and renders without errors; the
    cards count its core rows (the context numbers wait for the switch)."""
    from dashboard.app import app_for

    app = app_for(real_table, SEEDS / "sources.yaml")
    open_view(dash_duo, app)
    assert card(dash_duo, "indicators") == int(app.live.prep.core.sum()) < len(app.live.prep)
    until(lambda: figure(dash_duo, "g-city-domain"), timeout=10)
    screenshot(dash_duo, "overview_seeds.png")
    assert dash_duo.get_logs() == []


def test_comparison_by_key_on_the_seeds(dash_duo, real_table):
    """Pick a dispute-resolution or hotline indicator the seeds report in several rows: the chart
    shows its label, its unit on the axis, and the median of exactly its rows by city and year."""
    from dashboard.app import app_for
    from dashboard.data import comparable_candidates, key_label

    app = app_for(real_table, SEEDS / "sources.yaml")
    prep = app.live.prep
    df = prep.df[prep.core]
    offered = comparable_candidates(prep.cube, prep.cube.core)
    key = next(k for k in offered if k.startswith(("dispute.", "hotline.")))
    ident, _, unit = key.rpartition("|")
    rows = df[(df["indicator_key"] == ident) & (df["unit"] == unit)]
    # the values of their year: no target, no baseline dated like its current (the value before)
    current_year = df[df["role"] == "current"].set_index("pair_id")["year"]
    own_year = (df["role"] == "baseline") & (df["year"] != df["pair_id"].map(current_year))
    own_year = own_year.fillna(False).loc[rows.index]
    rows = rows[rows["role"].isin(["level", "current", "change"]) | own_year]
    assert len(rows) > 1 and rows["indicator"].nunique() > 1  # one identity, several names
    label = key_label(prep, ident)
    open_view(dash_duo, app)
    dash_duo.find_element("#f-cmp").click()
    search = dash_duo.wait_for_element(".dash-dropdown-search")
    search.send_keys(label)
    search.send_keys(Keys.ENTER)
    until(lambda: f"cmp={key}" in query_of(dash_duo), timeout=10)
    until(lambda: label in (fresh(dash_duo, "#g-comparable .gtitle") or ""), timeout=10)
    until(lambda: f"（{unit}）" in (fresh(dash_duo, "#g-comparable .ytitle") or ""), timeout=10)
    until(lambda: label in (fresh(dash_duo, "#f-cmp") or ""), timeout=10)
    want = rows.groupby(["city", "year"], observed=True)["value"].median()
    shown = figure(dash_duo, "g-comparable")
    if rows.groupby("city")["year"].nunique().max() <= 1:  # a bar per city, "厦门（2022）"
        bars = [
            (x.rstrip("）").split("（"), y)
            for t in shown
            for x, y in zip(t["x"], t["y"], strict=True)
        ]
        got = {(city, int(year)): y for (city, year), y in bars}
    else:  # a line per city over the years
        got = {(t["name"], x): y for t in shown for x, y in zip(t["x"], t["y"], strict=True) if x}
    assert got == pytest.approx(dict(want.items()))
    assert dash_duo.get_logs() == []


def test_changes_and_pairs_are_coloured_by_improving(dash_duo, meaning_table):
    """Green for the better, red for the worse, grey for neither: from the table's `improving`,
    read from the figures the browser holds."""
    from dashboard.app import create_app
    from dashboard.figures import BAD, GOOD, NEUTRAL

    open_view(dash_duo, create_app(meaning_table))

    def colours(graph: str, traces_named: str = "") -> dict[str, str]:
        traces = dash_duo.driver.execute_script(FIG_COLOURS % graph) or []
        return {y.split("（")[0]: t["color"] for t in traces if traces_named in t["name"]
                for y in t["y"]}  # fmt: skip

    until(lambda: colours("g-changes"), timeout=10)
    assert colours("g-changes") == {
        "火灾起数变化率": GOOD, "群众满意度变化率": BAD, "12345热线受理量变化率": NEUTRAL
    }  # fmt: skip
    assert colours("g-dumbbell", "现期值") == {
        "按时办结率": GOOD, "热线接通率": BAD, "求助类诉求占比": NEUTRAL
    }  # fmt: skip
    assert set(colours("g-dumbbell", "基期值").values()) == {NEUTRAL}
    legend = dash_duo.find_element("#g-changes .legend").text
    assert "改善" in legend and "恶化" in legend and "方向不明" in legend
    assert dash_duo.get_logs() == []


def test_core_switch_shows_context_rows(dash_duo, meaning_table):
    """By default a context number (core = false) is in no chart, card or table row; the switch
    shows it, writes all=1 into the link, and the link restores it."""
    from dashboard.app import create_app

    app = create_app(meaning_table)
    open_view(dash_duo, app)
    until(lambda: grid_ids(dash_duo) is not None and len(grid_ids(dash_duo)) == 13, timeout=10)
    assert "m-context" not in grid_ids(dash_duo)
    assert card(dash_duo, "indicators") == len(meaning_table) - 1
    assert "显示全部（含背景数字）" in dash_duo.find_element("#f-all").text
    dash_duo.find_element("#f-all input").click()
    until(lambda: "all=1" in query_of(dash_duo), timeout=10)
    until(lambda: "m-context" in (grid_ids(dash_duo) or []), timeout=10)
    assert card(dash_duo, "indicators") == len(meaning_table)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?all=1&lang=en&tab=overview")
    until(lambda: fresh(dash_duo, "#card-indicators .card-value") == "14", timeout=10)
    assert dash_duo.find_element("#f-all input").is_selected()
    until(lambda: "Show all (incl. context numbers)" in (fresh(dash_duo, "#f-all") or ""), 10)
    dash_duo.find_element("#f-all input").click()
    until(lambda: fresh(dash_duo, "#card-indicators .card-value") == "13", timeout=10)
    assert "all=" not in query_of(dash_duo)
    assert dash_duo.get_logs() == []
