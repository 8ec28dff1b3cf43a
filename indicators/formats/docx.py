"""Word .docx files: paragraphs and tables in document order, each table row one line of tab-separated cells.

Read with python-docx's XML (`document.element.body`), in the order the body holds them:

- a paragraph is one line; `<w:tab/>` is a tab and `<w:br/>` a line break, as Word's "Save as
  plain text" writes them; deleted text of tracked changes is left out;
- a table row is one line, its cells separated by tabs; a cell's paragraphs are joined by a
  space; a merged cell's text stands in its first grid cell and the cells it covers are empty
  (a horizontal span of 3 gives "合计\\t\\t" …, a vertical merge leaves the rows below empty),
  so a number written once in the table is read once; a cell across the whole table (a title,
  "单位：件") stands in every column, as a web page's does, so it reads as the table's title;
  columns a row leaves out (`gridBefore`/`gridAfter`) are empty cells, so columns stay aligned;
  two tables in a row are kept apart by an empty line;
- a table that holds a table lays the page out (a letterhead or a form around a data table): its
  cells are read as blocks, each cell's paragraphs and tables in order, as a web page's layout
  table is, so the inner table stays a table;
- content controls (`<w:sdt>`) are read as what they hold.

Not read: page headers and footers, footnotes and endnotes, comments, text boxes and shapes,
images (a scanned page pasted into Word has no text to read).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from indicators.formats.errors import DamagedFileError, EncryptedFileError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _SDT, _SDT_CONTENT = f"{W}p", f"{W}tbl", f"{W}sdt", f"{W}sdtContent"
_TR, _TC, _T, _TAB, _BR, _CR = f"{W}tr", f"{W}tc", f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"
_SKIPPED = {f"{W}del", f"{W}txbxContent", f"{W}drawing", f"{W}pict", f"{W}object"}
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"

RESAVE_DOCX = "open it in Word or WPS and save it again as .docx, or save its text as a .txt file"


def docx_text(data: bytes, path: Path | str) -> str:
    """The text of a .docx file: paragraphs and table rows in document order.

    A document with "全市受理诉求38447件。" and a table [[类型, 数量], [咨询类, 19651]] ->
    "全市受理诉求38447件。\\n类型\\t数量\\n咨询类\\t19651".
    """
    body = _open(data, path).element.body
    return "\n".join(_block_lines(body))


def _open(data: bytes, path: Path | str):
    import docx  # python-docx, loaded on first use

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # the library raises many kinds for a broken package
        raise DamagedFileError(
            path,
            f"this Word file cannot be opened ({type(exc).__name__}: {_short(exc)}); it is "
            "damaged, incomplete, or not a .docx file",
            RESAVE_DOCX,
        ) from None


def refuse_ole_docx(data: bytes, path: Path | str) -> None:
    """A ".docx" in the old compound-file format: an encrypted .docx, or a .doc renamed."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedFileError(
            path,
            "this Word file is password-protected (encrypted), so its text cannot be read",
            "open it in Word or WPS with its password, remove the password "
            "(File → Info → Protect Document → Encrypt with Password: empty) and save it again",
        )
    raise DamagedFileError(
        path,
        "this is an old Word 97–2003 (.doc) file with a .docx name",
        "open it in Word or WPS and 'Save as' Word Document (.docx), "
        "or run `libreoffice --headless --convert-to docx` on it",
    )


def _block_lines(container) -> list[str]:
    lines: list[str] = []
    previous_was_table = False
    for child in container.iterchildren():
        if child.tag == _P:
            lines.append(paragraph_text(child))
            previous_was_table = False
        elif child.tag == _TBL and _holds_table(child):
            lines.extend(layout_lines(child))
            previous_was_table = False
        elif child.tag == _TBL:
            if previous_was_table:
                lines.append("")  # two tables one after the other stay two tables
            lines.extend(table_lines(child))
            previous_was_table = True
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                lines.extend(_block_lines(content))
    return lines


def paragraph_text(p) -> str:
    """The text of a `<w:p>`: runs in order, tabs as "\\t", line breaks as "\\n"."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


def _collect(el, parts: list[str]) -> None:
    for child in el.iterchildren():
        tag = child.tag
        if tag in _SKIPPED or tag == _MC:
            continue
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in (_BR, _CR):
            parts.append("\n")
        else:
            _collect(child, parts)


def _holds_table(tbl) -> bool:
    return any(tc.find(_TBL) is not None for tr in tbl.iterchildren(_TR) for tc in _row_cells(tr))


def layout_lines(tbl) -> list[str]:
    """A table laid out around others, read as the blocks of its cells, row by row, each cell's
    blocks ended by an empty line: [navigation | article with a data table] -> "首页", "",
    "2023年，全市受理诉求38447件。", "工单类型\\t数量", "咨询类\\t19651", "按时办结率达99.2%。", ""."""
    lines: list[str] = []
    for tr in tbl.iterchildren(_TR):
        for tc in _row_cells(tr):
            lines.extend(_block_lines(tc))
            lines.append("")
    return lines


def table_lines(tbl) -> list[str]:
    """One line per row of a `<w:tbl>`: cells by tabs, a merged cell's text in its first cell,
    but a cell across the whole table (a title, "单位：件") in every column, as a web page gives
    it, so that it reads as the table's title.

    [[表1 分类情况 (over 3 columns)], [类型, 数量, 占比], [合计 (over 2), 100%]] ->
    "表1 分类情况\\t表1 分类情况\\t表1 分类情况", "类型\\t数量\\t占比", "合计\\t\\t100%".
    """
    rows = [_row_spans(tr) for tr in tbl.iterchildren(_TR)]
    width = max((sum(span for _, span in row) for row in rows), default=0)
    lines = []
    for row in rows:
        cells: list[str] = []
        for text, span in row:
            across = len(row) == 1 and span == width > 1
            cells.extend([text] * span if across else [text] + [""] * (span - 1))
        if any(c.strip() for c in cells):
            lines.append("\t".join(cells))
    return lines


def _row_spans(tr) -> list[tuple[str, int]]:
    """(text, grid columns) of a row's cells; the grid columns a row leaves out before or after
    its cells (`w:gridBefore`, `w:gridAfter`: a row shorter than its table) are empty cells."""
    before = [("", 1)] * _tr_count(tr, "gridBefore")
    after = [("", 1)] * _tr_count(tr, "gridAfter")
    return before + [(cell_text(tc), _grid_span(tc)) for tc in _row_cells(tr)] + after


def _tr_count(tr, name: str) -> int:
    el = tr.find(f"{W}trPr/{W}{name}")
    try:
        return max(0, int(el.get(f"{W}val"))) if el is not None else 0
    except (TypeError, ValueError):
        return 0


def _row_cells(tr):
    for child in tr.iterchildren():
        if child.tag == _TC:
            yield child
        elif child.tag == _SDT:  # a content control around cells
            for content in child.iterchildren(_SDT_CONTENT):
                yield from content.iterchildren(_TC)


def cell_text(tc) -> str:
    """A cell's paragraphs (and any table inside it) joined by spaces, on one line."""
    texts = []
    for p in tc.iter(_P):
        text = paragraph_text(p)
        if text.strip():
            texts.append(text.strip())
    return re.sub(r"[\t\n]+", " ", " ".join(texts))


def _grid_span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    try:
        return max(1, int(span.get(f"{W}val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _short(exc: Exception, most: int = 120) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= most else text[: most - 1] + "…"
