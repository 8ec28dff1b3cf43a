"""Web pages as published: main text without furniture, tables kept, the page's own metadata.

The pages are files in tests/cases/webpages/ shaped like real government pages; pages.yaml says
what each must give. Each page marks its main text with <!--main--> … <!--/main--> for this test
only (the reader drops comments before it looks at a page).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from indicators.formats.html import html_to_text
from indicators.formats.webpage import main_content, normalise_date, page_text
from indicators.pipeline import extract_document, extract_paths
from indicators.reading import PageDocument, decode_bytes, read_document
from indicators.sources import SourceRecord, load_sources, page_record, save_sources

PAGES = Path(__file__).parents[1] / "cases" / "webpages"
CASES = yaml.safe_load((PAGES / "pages.yaml").read_text(encoding="utf-8"))
MAIN = re.compile(r"<!--main-->(.*?)<!--/main-->", re.S)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def main_lines(case: dict) -> set[str]:
    """The lines of the page's title and of its marked main text, without spaces."""
    html = decode_bytes((PAGES / case["file"]).read_bytes()).text
    marked = html_to_text(MAIN.search(html).group(1))
    return {squash(line) for line in [case["meta"]["title"], *marked.split("\n")] if line.strip()}


def line_at(text: str, start: int) -> str:
    return text[text.rfind("\n", 0, start) + 1 : text.find("\n", start) % (len(text) + 1)]


@pytest.fixture(scope="module")
def read_pages() -> dict:
    """{file: (Document, rows)} for every page (read once; do not mutate)."""
    out = {}
    for case in CASES:
        doc = read_document(PAGES / case["file"])
        out[case["file"]] = (doc, extract_document(doc.text, case["file"]))
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_no_indicator_comes_from_outside_the_main_text(case, read_pages):
    doc, rows = read_pages[case["file"]]
    allowed = main_lines(case)
    assert len(rows) > 0
    for start, end, surface in zip(rows["start"], rows["end"], rows["surface"], strict=True):
        assert doc.text[start:end] == surface  # offsets refer to the document's own text
        line = squash(line_at(doc.text, start))
        assert line in allowed, f"{surface!r} comes from {line!r}, outside the main text"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_the_main_text_indicators_come_out(case, read_pages):
    _, rows = read_pages[case["file"]]
    found = {(round(float(v), 6), u) for v, u in zip(rows["value"], rows["unit"], strict=True)}
    for item in case["must"]:
        value, unit = item.split(" ")
        assert (round(float(value), 6), unit) in found, f"{item} is missing"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_furniture_is_not_in_the_text(case, read_pages):
    doc, _ = read_pages[case["file"]]
    for furniture in case["absent"]:
        assert str(furniture) not in doc.text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_tables_of_the_main_text_survive_with_their_cells_in_order(case, read_pages):
    doc, _ = read_pages[case["file"]]
    for cells in case["table_rows"]:
        row = r"\s*".join(re.escape(str(c)) for c in cells)
        assert re.search(row, doc.text), f"table row {cells} is not in the text"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["file"])
def test_the_page_says_its_title_date_and_publisher(case, read_pages):
    doc, _ = read_pages[case["file"]]
    want = case["meta"]
    page = doc.page if isinstance(doc, PageDocument) else None
    got = {k: getattr(page, k) if page else "" for k in ("title", "published", "publisher")}
    assert got == want
    assert doc.text.split("\n", 1)[0] == want["title"]  # the title is the text's first line
    assert "HTML tags stripped" in doc.note and "main text of the page kept" in doc.note


# --------------------------------------------------------------------------------------------
# The page's metadata in the table: used when sources.yaml has no record, and flagged


def test_a_page_without_a_record_gets_its_published_date_from_its_meta_tags(tmp_path):
    shutil.copy(PAGES / "xm_trs_hotline.html", tmp_path / "page.html")
    result = extract_paths([tmp_path / "page.html"])
    assert set(result.table["published"]) == {"2023-06-19"}
    record = page_record(result.documents[0])
    assert record == SourceRecord(
        file="page.html",
        title="2023年5月厦门市12345政务服务便民热线运行情况通报",
        publisher="厦门市12345政务服务便民热线管理中心",
        published="2023-06-19",
        sha256=result.documents[0].sha256,
        from_page=True,
    )


def test_a_record_in_sources_yaml_wins_over_the_page(tmp_path):
    shutil.copy(PAGES / "xm_trs_hotline.html", tmp_path / "page.html")
    save_sources(
        tmp_path / "sources.yaml",
        {"page.html": SourceRecord(file="page.html", city="厦门", published="2023-07-01")},
    )
    result = extract_paths([tmp_path / "page.html"])
    assert set(result.table["published"]) == {"2023-07-01"}
    assert set(result.table["city"]) == {"厦门"}


def test_the_from_page_flag_is_saved_and_read_back_and_only_when_set(tmp_path):
    path = tmp_path / "sources.yaml"
    records = {
        "a.html": SourceRecord(file="a.html", published="2023-06-19", from_page=True),
        "b.txt": SourceRecord(file="b.txt", published="2023"),
    }
    save_sources(path, records)
    text = path.read_text(encoding="utf-8")
    assert text.count("from_page: true") == 1 and "from_page: false" not in text
    assert load_sources(path) == records
    assert "from_page" not in records["b.txt"].as_dict()  # older records hash as before


def test_a_text_file_has_no_page_record(tmp_path):
    (tmp_path / "a.txt").write_text("全市受理诉求38447件。", encoding="utf-8")
    assert page_record(read_document(tmp_path / "a.txt")) is None


# --------------------------------------------------------------------------------------------
# Rules


@pytest.mark.parametrize(
    "raw, date",
    [
        ("2023-06-19 16:28", "2023-06-19"),
        ("2023/07/14", "2023-07-14"),
        ("2023年4月12日", "2023-04-12"),
        ("2023-05-08T10:00:00+08:00", "2023-05-08"),
        ("2023-07", "2023-07"),
        ("2023", "2023"),
        ("2023-02-30", ""),
        ("无", ""),
        ("", ""),
    ],
)
def test_publication_dates_are_normalised(raw, date):
    assert normalise_date(raw) == date


def test_a_page_without_furniture_keeps_everything():
    html = "<p>全市办件3,000件。</p><div><p>满意率99.2%。</p></div><p>新增岗位1213个。</p>"
    text, main = page_text(html)
    assert text == "全市办件3,000件。\n\n满意率99.2%。\n\n新增岗位1213个。"
    assert main.how == "whole page"


def test_the_main_text_is_split_across_siblings_the_common_parent_is_kept():
    html = (
        "<html><body><div class='nav'><a href='/'>首页</a><a href='/a'>政务公开</a></div>"
        "<div id='wrap'><div class='part1'><p>上半年受理诉求5.6万件，同比增长8.1%。</p></div>"
        "<div class='part2'><p>按时办结率98.7%，群众满意率96.2%。</p></div></div>"
        "<div class='footer'>闽ICP备12345678号 访问量：123456</div></body></html>"
    )
    text, _ = page_text(html)
    assert "5.6万件" in text and "98.7%" in text
    assert "ICP" not in text and "123456" not in text and "首页" not in text


def test_a_sentence_about_the_sites_own_visits_is_main_text():
    html = (
        "<div class='content'><p>2022年，政府网站访问量达到123.6万人次，比上年增长21.5%。</p>"
        "<p>访问量：4012</p></div>"
    )
    text, _ = page_text(html)
    assert "访问量达到123.6万人次" in text and "4012" not in text


def test_main_content_returns_html_with_the_table_for_html_to_text():
    html = (PAGES / "xa_police_html5.html").read_text(encoding="utf-8")
    main = main_content(html)
    assert main.how == "container <section article-body>"
    assert main.html.startswith("<section") and "<table>" in main.html and "rowspan" in main.html
    assert "ICP" not in main.html and "<footer" not in main.html


def test_an_unparsable_page_is_read_whole():
    text, main = page_text("")
    assert main.how.startswith("whole page")
