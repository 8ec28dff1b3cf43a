"""Fixtures for the dashboard tests: a small table (synthetic rows plus hand-written ones) and the
Chromium options for `dash_duo`. Session-scoped frames are shared: don't mutate them."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.synthetic import synthetic_table
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
