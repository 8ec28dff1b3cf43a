"""The Add-document page in a real browser: upload, see the indicators, find them after a restart."""

import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from indicators.exporters import write_table
from indicators.pipeline import extract_paths
from indicators.sources import load_sources
from tests.dashboard.test_browser import screenshot

pytestmark = pytest.mark.browser
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NEW_TEXT = "2023年,全区共化解矛盾纠纷1260件,调解成功率达97.5%,同比提高2.1个百分点。\n"


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Path]:
    """A corpus folder with two seeds and their table on disk, as `indicators serve` has them."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("000_769d05f5ba385491.txt", "004_4e1f33086cbaa4ee.txt"):
        shutil.copy(SEEDS / name, folder / name)
    records = load_sources(SEEDS / "sources.yaml")
    (folder / "sources.yaml").write_text(
        "documents:\n"
        + "".join(
            f"  - file: {n}\n    city: {records[n].city}\n    published: '{records[n].published}'\n"
            for n in ("000_769d05f5ba385491.txt", "004_4e1f33086cbaa4ee.txt")
        ),
        encoding="utf-8",
    )
    table = tmp_path / "indicators.parquet"
    result = extract_paths(sorted(folder.glob("*.txt")), load_sources(folder / "sources.yaml"))
    write_table(result.table, table)
    return folder, table


def until(check, timeout=15.0):
    end = time.time() + timeout
    while time.time() < end:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_upload_shows_rows_and_persists(dash_duo, corpus, tmp_path):
    from dashboard.app import app_for

    folder, table = corpus
    before = len(pd.read_parquet(table))
    upload = tmp_path / "湖里区2023年矛盾纠纷化解.txt"
    upload.write_bytes(NEW_TEXT.encode("gbk"))  # a GBK file, as offices often save them

    app = app_for(table, folder / "sources.yaml", allow_uploads=True)  # off unless asked for
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=add")
    dash_duo.wait_for_element("#add-upload", timeout=20)
    dash_duo.find_element("#add-upload input[type=file]").send_keys(str(upload))
    dash_duo.wait_for_contains_text("#add-chosen", upload.name, timeout=10)
    dash_duo.find_element("#add-city").send_keys("厦门")
    dash_duo.find_element("#add-published").send_keys("2024-01-15")
    dash_duo.find_element("#add-submit").click()
    dash_duo.wait_for_element("#add-rows", timeout=30)
    shown = dash_duo.find_element("#add-rows").text
    assert "1260件" in shown and "97.5%" in shown and "2.1个百分点" in shown
    assert "3 " in dash_duo.find_element("#add-result .msg-ok").text
    assert dash_duo.get_logs() == []
    screenshot(dash_duo, "add_document.png")

    # persisted: the file, its record and its rows are on disk, so a restarted app has them
    assert (folder / upload.name).read_bytes() == upload.read_bytes()
    assert load_sources(folder / "sources.yaml")[upload.name].city == "厦门"
    after = pd.read_parquet(table)
    assert len(after) == before + 3
    restarted = app_for(table, folder / "sources.yaml")
    assert (restarted.live.prep.df["doc"].astype(str) == upload.name).sum() == 3


def test_a_bad_upload_gets_a_clear_message(dash_duo, corpus, tmp_path):
    from dashboard.app import app_for

    folder, table = corpus
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    dash_duo.start_server(app_for(table, folder / "sources.yaml", allow_uploads=True))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=add")
    dash_duo.wait_for_element("#add-upload", timeout=20)
    dash_duo.find_element("#add-upload input[type=file]").send_keys(str(empty))
    dash_duo.find_element("#add-city").send_keys("厦门")
    dash_duo.find_element("#add-published").send_keys("2024-01-15")
    dash_duo.find_element("#add-submit").click()
    dash_duo.wait_for_element("#add-result .msg-error", timeout=20)
    message = dash_duo.find_element("#add-result .msg-error").text
    assert "empty.txt" in message and "PNG" in message
    until(lambda: not (folder / "empty.txt").exists())
