"""The golden table cases (tests/cases/tables.yaml) in Word form: each case written as a real .docx
with python-docx and read as a user's .docx is read (`indicators extract x.docx`, in process) must
give the SAME rows as its web page or text form.

A web-page case becomes paragraphs for its `<p>` (and captions) and a Word table for each `<table>`:
`rowspan`/`colspan` become merged cells (`cell.merge`: Word keeps the text once, in the first
cell), the leading all-`<th>` rows are marked as header rows, `<br>` a line break, `<p>` in a cell a
paragraph of the cell, a table inside a cell a nested table. A text case's tables (as the text
reader finds them, which tests/extraction/test_tables.py checks) become Word tables of the same
cells, its other lines paragraphs; `word: paragraphs` types the whole text as paragraphs; `word:
{skip: why}` says why a case has no Word form.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell

from indicators.pipeline import extract_paths
from indicators.tables import find_tables
from tests.extraction.table_expectations import (
    CASES,
    case_problems,
    prose_problems,
    provenance_problems,
    year_problems,
)

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article"}
ROW_PATHS = "./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"
_SPACES = re.compile(r"[ \t\r\n\f]+")


def word_form(case: dict) -> str:
    """How a case is written in Word: "table" (its tables as Word tables), "paragraphs", "skip"."""
    word = case.get("word", "table")
    return "skip" if isinstance(word, dict) else word


def _param(case: dict):
    """A case as a test parameter; one without a Word form is skipped with its data's reason."""
    if word_form(case) != "skip":
        return pytest.param(case, id=case["id"])
    return pytest.param(case, id=case["id"], marks=pytest.mark.skip(reason=case["word"]["skip"]))


WORD_CASES = [c for c in CASES if word_form(c) != "skip"]
PARAMS = [_param(c) for c in CASES]


# --------------------------------------------------------------------------------------------
# A web page's html as a Word document


def docx_from_html(html: str, path: Path) -> Path:
    """A .docx holding the blocks of `html`: paragraphs and Word tables, in order."""
    document = docx.Document()
    body = lxml.html.fragment_fromstring(html, create_parent="div")
    _add_blocks(document, body)
    document.save(path)
    return path


def _add_blocks(container, el) -> None:
    """The children of `el` into `container` (the document or a cell): a table as a table, a
    block element as a paragraph (or its blocks, when it holds a table), loose text as a paragraph."""
    loose: list = [el.text or ""]
    for child in el:
        if child.tag == "table" or (child.tag in BLOCKS and child.find(".//table") is not None):
            _flush(container, loose)
            if child.tag == "table":
                _add_table(container, child)
            else:
                _add_blocks(container, child)
            loose = [child.tail or ""]
        elif child.tag in BLOCKS:
            _flush(container, loose)
            _fill_paragraph(_new_paragraph(container), child)
            loose = [child.tail or ""]
        else:
            loose += [child, child.tail or ""]
    _flush(container, loose)


def _flush(container, loose: list) -> None:
    """Inline content (text and inline elements) gathered between blocks, as one paragraph."""
    if any(not isinstance(x, str) or x.strip() for x in loose):
        paragraph = _new_paragraph(container)
        for x in loose:
            _add_inline(paragraph, x)
        if not paragraph.text.strip():
            paragraph._p.getparent().remove(paragraph._p)


def _new_paragraph(container):
    """A new paragraph; a new cell's own empty first paragraph is used first."""
    if isinstance(container, _Cell) and not container._tc.xpath("./w:tbl"):
        paragraphs = container.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].text:
            return paragraphs[0]
    return container.add_paragraph()


def _fill_paragraph(paragraph, el) -> None:
    _add_inline(paragraph, el.text or "")
    for child in el:
        _add_inline(paragraph, child)
        _add_inline(paragraph, child.tail or "")


def _add_inline(paragraph, x) -> None:
    """Text as a run (whitespace collapsed as a browser does), <br> as a line break, <b> bold."""
    if isinstance(x, str):
        text = _SPACES.sub(" ", x)
        if not paragraph.runs or paragraph.text.endswith((" ", "\n")) or not paragraph.text:
            text = text.lstrip(" ")
        if text:
            paragraph.add_run(text)
    elif x.tag == "br":
        (paragraph.runs[-1] if paragraph.runs else paragraph.add_run()).add_break()
    else:
        start = len(paragraph.runs)
        _fill_paragraph(paragraph, x)
        for run in paragraph.runs[start:]:
            run.bold = run.bold or x.tag in ("b", "strong", "th")


def _add_table(container, table_el) -> None:
    """A <table> as a Word table: its caption a paragraph above, spans merged cells."""
    caption = table_el.find("caption")
    if caption is not None:
        _fill_paragraph(_new_paragraph(container), caption)
    placed, width = _grid(table_el)
    if not placed:
        return
    height = max(r + rs for r, _, rs, _, _ in placed)
    table = container.add_table(rows=height, cols=width)
    if not isinstance(container, _Cell):
        table.style = "Table Grid"  # ruled, as bulletins print them
    for r, c, rs, cs, cell_el in placed:
        cell = table.cell(r, c)
        _add_blocks(cell, cell_el)
        if rs > 1 or cs > 1:
            cell.merge(table.cell(r + rs - 1, c + cs - 1))
    for r in range(_header_rows(table_el)):
        table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def _grid(table_el) -> tuple[list[tuple[int, int, int, int, object]], int]:
    """(row, col, rowspan, colspan, cell) of every cell, placed as a browser places them."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, tr in enumerate(table_el.xpath(ROW_PATHS)):
        c = 0
        for cell_el in tr.xpath("./td | ./th"):
            while (r, c) in taken:
                c += 1
            rs, cs = _span(cell_el, "rowspan"), _span(cell_el, "colspan")
            taken |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
            placed.append((r, c, rs, cs, cell_el))
            c += cs
    width = max((c + 1 for _, c in taken), default=0)
    rows = len(table_el.xpath(ROW_PATHS))
    placed = [(r, c, min(rs, rows - r), cs, e) for r, c, rs, cs, e in placed]
    return placed, width


def _span(cell_el, name: str) -> int:
    try:
        return max(1, int(cell_el.get(name, "1")))
    except ValueError:
        return 1


def _header_rows(table_el) -> int:
    """The leading rows of <th> cells only (or a <thead>'s rows): Word's repeated header rows."""
    n = 0
    for tr in table_el.xpath(ROW_PATHS):
        cells = tr.xpath("./td | ./th")
        if not cells or any(c.tag != "th" for c in cells) and tr.getparent().tag != "thead":
            break
        n += 1
    return n


# --------------------------------------------------------------------------------------------
# A text case as a Word document


def docx_from_text(case: dict, path: Path) -> Path:
    """The case's text in Word: its tables as Word tables of the same cells, other lines as
    paragraphs (with `word: paragraphs`, every line a paragraph)."""
    text = case["text"].rstrip("\n")
    tables = find_tables(text) if word_form(case) == "table" else []
    document = docx.Document()
    at = 0
    for t in tables:
        _add_lines(document, text[at : t.start].removesuffix("\n"))
        table = document.add_table(rows=len(t.rows), cols=t.width)
        table.style = "Table Grid"
        for r, row in enumerate(t.rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell.text
        at = t.end + 1
    _add_lines(document, text[at:])
    document.save(path)
    return path


def _add_lines(document, text: str) -> None:
    """Each line a paragraph (an empty line an empty paragraph), tabs typed as Word tabs."""
    for line in text.split("\n") if text.strip("\n") else []:
        paragraph = document.add_paragraph()
        for i, piece in enumerate(line.split("\t")):  # a tab typed in a paragraph is a tab
            if i:
                paragraph.add_run().add_tab()
            if piece:
                paragraph.add_run(piece)


# --------------------------------------------------------------------------------------------
# The cases


def test_every_case_has_a_word_form_or_a_reason():
    for case in CASES:
        word = case.get("word", "table")
        assert word in ("table", "paragraphs") or (
            isinstance(word, dict) and set(word) == {"skip"} and len(word["skip"]) > 20
        ), case["id"]
    tables = sum(
        c.get("tables", 1) for c in WORD_CASES if c["expected"] and word_form(c) == "table"
    )
    assert tables >= 30


@pytest.fixture(scope="module")
def read_cases(tmp_path_factory):
    """Every Word case as a .docx on disk, read and extracted by `indicators extract`'s path."""
    folder = tmp_path_factory.mktemp("word")
    paths = []
    for case in WORD_CASES:
        path = folder / f"{case['id']}.docx"
        if "html" in case:
            docx_from_html(case["html"], path)
        else:
            docx_from_text(case, path)
        paths.append(path)
    result = extract_paths(paths)
    assert not result.failures, result.failures
    texts = {doc.path.stem: doc.text for doc in result.documents}
    return texts, result.table


@pytest.mark.parametrize("case", PARAMS)
def test_word_case(case, read_cases):
    texts, table = read_cases
    text, mine = texts[case["id"]], table[table["doc"] == f"{case['id']}.docx"]
    tables = find_tables(text)
    assert len(tables) == case.get("tables", 1), [
        [c.text for c in r] for t in tables for r in t.rows
    ]
    kinds = {"tab"} if word_form(case) == "table" else {case["form"]}  # Word tables: tab rows
    assert not tables or {t.kind for t in tables} == kinds
    rows = mine[mine["table_no"].notna()].sort_values("start", kind="stable").to_dict("records")
    problems = case_problems(case, rows, with_year=False) or year_problems(case, rows)
    assert not problems, "\n".join(problems)
    assert not provenance_problems(text, tables, rows), provenance_problems(text, tables, rows)
    assert not prose_problems(case, mine, tables), prose_problems(case, mine, tables)


def test_a_row_shorter_than_its_table_keeps_its_columns(tmp_path):
    """A row that leaves out its first grid column (`w:gridBefore`, as converters write a row under
    a merged label) keeps its numbers under their headers."""
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["业务类别", "业务小类", "数量(件)"], ["电力", "供电服务", "239"]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    tr = table.rows[2]._tr
    tr.remove(tr.tc_lst[0])
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr.get_or_add_trPr().append(before)
    for tc, text in zip(tr.tc_lst, ["电力安全", "22"], strict=True):
        _Cell(tc, table).text = text
    document.save(tmp_path / "g.docx")
    result = extract_paths([tmp_path / "g.docx"])
    assert result.documents[0].text.split("\n")[-1] == "\t电力安全\t22"
    rows = result.table.sort_values("start")
    assert list(zip(rows["indicator"], rows["value"], rows["unit"], strict=True)) == [
        ("电力供电服务数量", 239, "件"),
        ("电力安全数量", 22, "件"),
    ]
