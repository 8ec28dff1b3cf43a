"""Golden table cases (tests/cases/tables.yaml): every number in a table's cells is one row, named
from its row label and column header, with the unit, role, direction and comparison its column
gives; the prose around the tables still comes out; each HTML case also through
`indicators extract page.html` on a real file, as a user runs it. Every case in Word form:
tests/io/test_word_tables.py; the checks both use: tests/extraction/table_expectations.py.
"""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from indicators.formats.html import html_to_text
from indicators.pipeline import extract_text
from indicators.tables import find_tables
from tests.extraction.table_expectations import (
    CASES,
    ROOT,
    case_problems,
    prose_problems,
    provenance_problems,
    year_problems,
)

HTML_CASES = [c for c in CASES if "html" in c]
CASE_KEYS = {"id", "shape", "html", "text", "form", "expected", "tables", "prose", "word"}
ROW_KEYS = {"surface", "value", "unit", "indicator", "role", "direction", "comparison", "year"}
ROW_KEYS |= {"row", "col"}
FORMS = {"tab", "pipe", "space", "lines"}
# a page as a bulletin site serves it: navigation, the article (title, prose, the case), a footer
PAGE = """<html><head><title>统计表</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/hdjl">互动交流</a></div>
<div class="article"><h1>统计表</h1>
<p>现将有关情况通报如下。</p>
{body}
<p>特此通报。</p></div>
<div class="footer">主办单位：市人民政府办公室</div>
</body></html>
"""


def _text(case: dict) -> str:
    return html_to_text(case["html"]) if "html" in case else case["text"]


def test_the_cases_are_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in CASES:
        assert set(case) <= CASE_KEYS, (case["id"], set(case) - CASE_KEYS)
        assert ("html" in case) != ("text" in case), case["id"]
        assert "html" in case or case.get("form") in FORMS, case["id"]
        for row in case["expected"]:
            assert set(row) <= ROW_KEYS and {"surface", "value", "unit", "indicator"} <= set(row)
    tables = sum(c.get("tables", 1) for c in CASES if c["expected"])
    forms = {c.get("form", "html") for c in CASES if c["expected"]}
    assert tables >= 30 and forms == FORMS | {"html"}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_table_case(case):
    text = _text(case)
    tables = find_tables(text)
    assert len(tables) == case.get("tables", 1), [t.rows for t in tables]
    if "form" in case and tables:
        assert {t.kind for t in tables} == {case["form"]}
    table = extract_text(text, "case.txt")
    rows = table[table["table_no"].notna()].to_dict("records")
    assert not case_problems(case, rows), "\n".join(case_problems(case, rows))
    assert not provenance_problems(text, tables, rows), provenance_problems(text, tables, rows)
    assert not prose_problems(case, table, tables), prose_problems(case, table, tables)


@pytest.fixture(scope="module")
def cli_table(tmp_path_factory) -> pd.DataFrame:
    """Every HTML case as a page on disk, extracted in one run of `indicators extract`."""
    folder = tmp_path_factory.mktemp("pages")
    for case in HTML_CASES:
        page = PAGE.format(body=case["html"])
        (folder / f"{case['id']}.html").write_text(page, encoding="utf-8")
    out = folder.parent / "pages.jsonl"
    cmd = [sys.executable, "-m", "indicators.cli", "extract", str(folder), "-o", str(out), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return pd.read_json(out, lines=True)


@pytest.mark.parametrize("case", HTML_CASES, ids=[c["id"] for c in HTML_CASES])
def test_html_case_through_the_cli(case, cli_table):
    mine = cli_table[(cli_table["doc"] == f"{case['id']}.html") & cli_table["table_no"].notna()]
    rows = mine.sort_values("start", kind="stable").to_dict("records")
    # years the text does not give are filled by the document-structure stage (inferred)
    problems = case_problems(case, rows, with_year=False)
    assert not problems, "\n".join(problems)
    assert not year_problems(case, rows), year_problems(case, rows)


# How web-page tables reach the text: one row per line, cells split by tabs, merged cells
# repeated, no trailing tab, nested markup on one line, layout tables as blocks.
RENDERING = [
    ("<table><tr><th>类型</th><th>数量</th></tr><tr><td>咨询</td><td>19651</td></tr></table>",
     "类型\t数量\n咨询\t19651"),
    ("<table><tr><td rowspan=2>电力</td><td>供电</td><td>239</td></tr>"
     "<tr><td>安全</td><td>22</td></tr><tr><td colspan=2>总计</td><td>261</td></tr></table>",
     "电力\t供电\t239\n电力\t安全\t22\n总计\t总计\t261"),
    ("<table><tr><td></td><td>2022年</td></tr><tr><td>受理量</td><td>1</td></tr></table>",
     "\t2022年\n受理量\t1"),
    ("<table><tr><td>a</td><td>1</td><td></td></tr><tr><td>b</td><td>2</td><td>3</td></tr></table>",
     "a\t1\t\nb\t2\t3"),
    ("<table><tr><td><p>劳动<br>保障</p></td><td><span>1,</span><span>204</span></td></tr></table>",
     "劳动 保障\t1,204"),
    ("<table><tr><td>&nbsp;</td><td> </td></tr><tr><td>x</td><td>1</td></tr></table>", "x\t1"),
    ("<table><tr><td>a<td>1<tr><td>b<td>2</table>", "a\t1\nb\t2"),
    ("<table><tr><td colspan=10>表1 情况</td></tr><tr><td>a</td><td>1</td></tr></table>",
     "表1 情况\t表1 情况\na\t1"),  # a colspan past the table's last column
    ("<p>前</p><table><caption>表1 情况</caption><tr><td>a</td><td>1</td></tr></table><p>后</p>",
     "前\n\n表1 情况\na\t1\n\n后"),
    ("<table><tr><td>导航</td><td><table><tr><td>a</td><td>1</td></tr></table><p>正文。</p></td>"
     "</tr></table>", "导航\n\na\t1\n\n正文。"),
    ("<table role='presentation'><tr><td>左</td><td>右</td></tr></table>", "左\n右"),
    ("<table><tr><td>只有一列</td></tr><tr><td>第二行</td></tr></table>", "只有一列\n第二行"),
    ("<tbody><tr><td>类别</td><td>件数</td></tr><tr><td>城建</td><td>1,204</td></tr></tbody><p>后</p>",
     "类别\t件数\n城建\t1,204\n\n后"),  # a fragment cut out of its page, without <table>
]  # fmt: skip


@pytest.mark.parametrize(("html", "text"), RENDERING)
def test_html_tables_render_as_text_tables(html, text):
    assert html_to_text(html) == text


def test_texts_without_tables_find_none():
    """The seeds and the real-text gold (no tables) give no table: their prose is read as before."""
    folders = [
        "seeds",
        "tests/gold/fresh/texts",
        "tests/gold/fresh2/texts",
        "tests/gold/real1/texts",
    ]
    for folder in folders:
        for path in sorted((ROOT / folder).glob("*.txt")):
            assert find_tables(path.read_text(encoding="utf-8")) == [], path.name


def test_the_aligned_table_of_a_real_bulletin():
    """tests/gold/fresh3/h02 holds one aligned table: 8 rows, each a count and two signed rates."""
    path = ROOT / "tests/gold/fresh3/texts/h02_厦门12345热线月度分析.txt"
    tables = find_tables(path.read_text(encoding="utf-8"))
    assert [(t.kind, len(t.rows), t.width) for t in tables] == [("space", 8, 4)]
