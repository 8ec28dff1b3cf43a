"""Fixtures for the dashboard tests: a small table (synthetic rows plus hand-written ones) and the
Chromium options for `dash_duo`. Session-scoped frames are shared: don't mutate them."""

from __future__ import annotations

import pandas as pd
import pytest

from bench.synthetic import synthetic_table
from indicators.schema import conform
from indicators.sources import SourceRecord

HAND_DOC = "hand_000.txt"

HAND_ROWS = [
    # the examples, with a case, departments and a document record
    {
        "id": "hand-dog",
        "doc": HAND_DOC,
        "start": 120,
        "end": 125,
        "surface": "42.5%",
        "value": 42.5,
        "unit": "%",
        "direction": "down",
        "role": "change",
        "comparison": "yoy",
        "year": 2021,
        "indicator": "不文明养犬发生率",
        "polarity": "lower_better",  # the table says a fall is for the better
        "improving": True,
        "sentence": "通过文明养犬专项整治，2021年思明区不文明养犬发生率同比下降42.5%，涉犬投诉量下降61.4%。",
        "city": "厦门",
        "district": "思明区",
        "department": "市城市管理局、思明区人民政府",
        "case_id": "hand#1",
        "case_no": "1",
        "case_title": "文明养犬专项整治 共建和谐家园",
        "domain": "urban_management",
        "domain_label": "城市管理",
        "published": "2021-12-07",
    },
    {
        "id": "hand-food-base",
        "doc": HAND_DOC,
        "start": 300,
        "end": 305,
        "surface": "64.5%",
        "value": 64.5,
        "unit": "%",
        "role": "baseline",
        "comparison": "vs_baseline",
        "pair_id": "hand-pair",
        "year": 2021,
        "indicator": "食安群众满意度",
        "sentence": "食安群众满意度从64.5%提升至91.7%，追溯体系覆盖全市。",
        "city": "厦门",
        "department": "市市场监管局",
        "case_id": "hand#2",
        "case_title": "创新追溯机制 筑牢食安防线",
        "domain": "market_regulation",
        "domain_label": "市场监管",
    },
    {
        "id": "hand-food-cur",
        "doc": HAND_DOC,
        "start": 308,
        "end": 313,
        "surface": "91.7%",
        "value": 91.7,
        "unit": "%",
        "direction": "up",
        "role": "current",
        "comparison": "vs_baseline",
        "pair_id": "hand-pair",
        "year": 2021,
        "indicator": "食安群众满意度",
        "polarity": "higher_better",
        "improving": True,
        "sentence": "食安群众满意度从64.5%提升至91.7%，追溯体系覆盖全市。",
        "city": "厦门",
        "department": "市市场监管局",
        "case_id": "hand#2",
        "case_title": "创新追溯机制 筑牢食安防线",
        "domain": "market_regulation",
        "domain_label": "市场监管",
    },
    # text that must stay text: a formula, a script tag, a leading minus and at-sign
    {
        "id": "hand-formula",
        "doc": HAND_DOC,
        "start": 400,
        "end": 401,
        "surface": "y",
        "value": 1.0,
        "unit": "",
        "role": "level",
        "indicator": "@公式注入测试",
        "sentence": '=HYPERLINK("http://x","y")',
        "city": "厦门",
        "case_title": "-注入测试案例",
        "domain": "digital_government",
        "year": 2021,
    },
    {
        "id": "hand-script",
        "doc": HAND_DOC,
        "start": 500,
        "end": 503,
        "surface": "12件",
        "value": 12.0,
        "unit": "件",
        "role": "level",
        "indicator": "脚本注入测试",
        "sentence": "<script>alert(1)</script>共受理12件<b>投诉</b>",
        "city": "厦门",
        "case_title": "+注入测试",
        "year": 2021,
    },
]


@pytest.fixture(scope="session")
def small_table() -> pd.DataFrame:
    """400 synthetic rows + the hand rows (one without a domain). Shared: don't mutate."""
    return conform(
        pd.concat(
            [synthetic_table(400, seed=7), conform(pd.DataFrame(HAND_ROWS))], ignore_index=True
        )
    )


@pytest.fixture(scope="session")
def sources() -> dict[str, SourceRecord]:
    return {
        HAND_DOC: SourceRecord(
            file=HAND_DOC,
            title="厦门全面深化改革案例展播（测试）",
            city="厦门",
            publisher="厦门日报社",
            published="2021-12-07",
            period_start=2021,
            period_end=2021,
            sha256="0" * 64,
        ),
    }


@pytest.fixture
def dashboard_app(small_table, sources):
    from dashboard.app import create_app

    return create_app(small_table, sources)


def pytest_setup_options():
    """Chromium options for dash_duo (it adds --headless, --no-sandbox and the download folder)."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for arg in (
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--window-size=1600,1300",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    return options


def _meaning_row(id_: str, indicator: str, label: str, key: str, value: float, unit: str,
                 role: str, city: str, year: int, **more) -> dict:  # fmt: skip
    """One row of the meaning table: a name in the text, its label and key, and the rest."""
    return {
        "id": id_, "doc": f"m_{city}_{year}.txt", "start": 10, "end": 14, "surface": f"{value:g}{unit}",
        "value": value, "unit": unit, "role": role, "year": year, "indicator": indicator,
        "indicator_label": label, "indicator_key": key, "core": True, "city": city,
        "sentence": f"{year}年，{city}{indicator}{value:g}{unit}。", "domain": "public_safety",
        "domain_label": "平安建设",
    } | more  # fmt: skip


MEANING_ROWS = [
    # changes whose colour only the table's `improving` can give: a word list would call the
    # fall in 火警 "worse" (no lower-is-better word in it) and has no way to say "neither"
    _meaning_row(
        "m-fire",
        "城中村火警",
        "火灾起数变化率",
        "safety.fires.change_rate",
        50.0,
        "%",
        "change",
        "厦门",
        2021,
        direction="down",
        polarity="lower_better",
        improving=True,
    ),
    _meaning_row(
        "m-sat",
        "群众满意度",
        "群众满意度变化率",
        "services.satisfaction.change_rate",
        3.2,
        "%",
        "change",
        "青岛",
        2021,
        direction="down",
        polarity="higher_better",
        improving=False,
    ),
    _meaning_row(
        "m-load",
        "工单受理量",
        "12345热线受理量变化率",
        "hotline.calls.change_rate",
        20.0,
        "%",
        "change",
        "深圳",
        2021,
        direction="up",
    ),
    # one indicator under three names in two cities and two years, and its change in points
    _meaning_row(
        "m-med-1",
        "调解成功率",
        "矛盾纠纷调解成功率",
        "dispute.mediation_success_rate",
        96.0,
        "%",
        "level",
        "厦门",
        2021,
        indicator_label_en="mediation success rate",
    ),
    _meaning_row(
        "m-med-2",
        "im电竞调解成功率",
        "矛盾纠纷调解成功率",
        "dispute.mediation_success_rate",
        97.5,
        "%",
        "level",
        "厦门",
        2022,
        indicator_label_en="mediation success rate",
    ),
    _meaning_row(
        "m-med-3",
        "人民调解成功率",
        "矛盾纠纷调解成功率",
        "dispute.mediation_success_rate",
        95.1,
        "%",
        "level",
        "青岛",
        2022,
        indicator_label_en="mediation success rate",
    ),
    _meaning_row(
        "m-med-pp",
        "调解成功率",
        "矛盾纠纷调解成功率变化（百分点）",
        "dispute.mediation_success_rate.change_pp",
        1.5,
        "pp",
        "change",
        "厦门",
        2022,
        direction="up",
        polarity="higher_better",
        improving=True,
    ),
    # from→to pairs: better, worse, neither
    _meaning_row(
        "m-ontime-b",
        "按时办结率",
        "按时办结率",
        "hotline.on_time_completion_rate",
        90.0,
        "%",
        "baseline",
        "厦门",
        2022,
        pair_id="p-ontime",
        polarity="higher_better",
    ),
    _meaning_row(
        "m-ontime-c",
        "按时办结率",
        "按时办结率",
        "hotline.on_time_completion_rate",
        98.0,
        "%",
        "current",
        "厦门",
        2022,
        pair_id="p-ontime",
        direction="up",
        polarity="higher_better",
        improving=True,
    ),
    _meaning_row(
        "m-answer-b",
        "热线接通率",
        "热线接通率",
        "hotline.answer_rate",
        95.0,
        "%",
        "baseline",
        "青岛",
        2022,
        pair_id="p-answer",
        polarity="higher_better",
    ),
    _meaning_row(
        "m-answer-c",
        "热线接通率",
        "热线接通率",
        "hotline.answer_rate",
        88.0,
        "%",
        "current",
        "青岛",
        2022,
        pair_id="p-answer",
        direction="down",
        polarity="higher_better",
        improving=False,
    ),
    _meaning_row(
        "m-share-b",
        "求助类诉求占比",
        "求助类诉求占比",
        "auto.求助类诉求占比.percent",
        30.0,
        "%",
        "baseline",
        "深圳",
        2022,
        pair_id="p-share",
    ),
    _meaning_row(
        "m-share-c",
        "求助类诉求占比",
        "求助类诉求占比",
        "auto.求助类诉求占比.percent",
        35.0,
        "%",
        "current",
        "深圳",
        2022,
        pair_id="p-share",
        direction="up",
    ),
    # context, not a result: kept in the table, hidden from charts, cards, grid and exports by default
    _meaning_row(
        "m-context",
        "实施三大行动",
        "实施三大行动",
        "auto.实施三大行动.count",
        3.0,
        "个",
        "level",
        "厦门",
        2021,
        core=False,
    ),
]


@pytest.fixture(scope="session")
def meaning_table() -> pd.DataFrame:
    """A small table with every meaning column filled by hand. Shared: don't mutate."""
    return conform(pd.DataFrame(MEANING_ROWS))
