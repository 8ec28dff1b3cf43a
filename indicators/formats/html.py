"""HTML pages: is this a web page, and its visible text (blocks on their own lines, a table row per line)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# --------------------------------------------------------------------------------------------
# HTML

_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|table|tr|td|li|ul|a|h[1-6]|img|meta|font)\b[^>]*>", re.I
)


def looks_like_html(text: str, path: Path | str = "") -> bool:
    """True for .html/.htm files and for text that is clearly a web page.

    A sentence that merely contains "<script>" is not a web page: it stays as text.
    """
    if Path(path).suffix.lower() in _HTML_EXTENSIONS:
        return True
    head = text[:4096]
    return bool(_HTML_START.search(head)) or len(_HTML_TAG.findall(text[:20_000])) >= 20


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
# the structure of a table: handled by the table builder, not as blocks, inside a <table>
_TABLE_TAGS = frozenset({"tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "col"})
# a cell separator while the text is assembled: html_to_text strips spaces and tabs at line ends,
# and a table line must keep its empty first and last cells; becomes a tab at the very end
_SEP = "\x1f"
MAX_DATA_CELL = 200  # a longer cell holds an article: the table lays out a page, it is not data
MAX_SPAN = 100  # rowspan/colspan beyond this are mistakes in the page
_IMPLICIT_OPENERS = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th"})


class _Cell:
    """One <td>/<th> while it is parsed: its text pieces ("\n" for a block break) and spans."""

    __slots__ = ("parts", "rowspan", "colspan")

    def __init__(self, attrs) -> None:
        self.parts: list[str] = []
        self.rowspan = _span(attrs, "rowspan")
        self.colspan = _span(attrs, "colspan")

    def flat(self) -> str:
        """The cell on one line: "网站邮件<br>赣服通" -> "网站邮件 赣服通"."""
        return " ".join("".join(self.parts).replace("\u00a0", " ").split())


def _span(attrs, name: str) -> int:
    """rowspan/colspan as a number of rows or columns: 1 when missing or unreadable, 0 = to the end."""
    value = dict(attrs).get(name)
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return min(max(n, 0), MAX_SPAN)


class _Table:
    """One <table> while it is parsed: rows of cells, and whether it only lays out the page."""

    def __init__(self, attrs) -> None:
        self.rows: list[list[_Cell]] = []
        self.cell: _Cell | None = None
        self.caption: list[str] | None = None  # collecting the caption's text
        self.captions: list[str] = []
        self.loose: list[str] = []  # text between cells (browsers show it before the table)
        self.nested = False
        self.layout = (dict(attrs).get("role") or "").lower() in ("presentation", "none")
        self.implicit_by: str | None = None  # a fragment's <tbody>/<tr> without its <table>

    def sink(self) -> list[str]:
        if self.caption is not None:
            return self.caption
        return self.cell.parts if self.cell is not None else self.loose

    def start_row(self) -> None:
        self.cell = None
        self.rows.append([])

    def start_cell(self, attrs) -> None:
        if not self.rows:
            self.rows.append([])
        self.cell = _Cell(attrs)
        self.rows[-1].append(self.cell)


def grid_of(rows: list[list[_Cell]]) -> list[list[str]]:
    """Rows of cell texts with rowspan/colspan expanded: a merged cell's text in every position it
    covers, so every row has the same number of cells; empty rows and columns dropped.

    [[A(rowspan=2), B], [C]] -> [[A, B], [A, C]].
    """
    grid: dict[tuple[int, int], str] = {}
    starts: set[int] = set()  # columns where a cell with text begins
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            down = cell.rowspan or len(rows) - r  # rowspan="0": to the last row
            text = cell.flat()
            if text:
                starts.add(c)
            for dr in range(min(down, len(rows) - r)):
                for dc in range(max(cell.colspan, 1)):
                    grid.setdefault((r + dr, c + dc), text)
            c += max(cell.colspan, 1)
    width = max((c + 1 for _, c in grid), default=0)
    table = [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    table = [row for row in table if any(row)]
    # a column no cell begins in is a colspan reaching past the table ("colspan=10" over 3)
    keep = [c for c in range(width) if c in starts and any(row[c] for row in table)]
    return [[row[c] for c in keep] for row in table]


def render_table(table: _Table) -> str:
    """A data table as lines of cells split by _SEP; a layout table (nested tables, long cells,
    one column, role=presentation) as the blocks of its cells."""
    if not table.layout and not table.nested:
        grid = grid_of(table.rows)
        long_cell = any(len(text) > MAX_DATA_CELL for row in grid for text in row)
        if grid and len(grid[0]) >= 2 and not long_cell:
            lines = [
                " ".join("".join(table.captions).split()),
                " ".join("".join(table.loose).split()),
            ]
            lines += [_SEP.join(row) for row in grid]
            return "\n" + "\n".join(line for line in lines if line) + "\n"
    blocks = ["".join(table.captions), "".join(table.loose)]
    blocks += ["".join(cell.parts) for row in table.rows for cell in row]
    return "\n" + "\n".join(blocks) + "\n"


class _TextExtractor(HTMLParser):
    """Collects the visible text of a page: blocks on their own lines, a data table's rows on
    their own lines with cells split by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tables: list[_Table] = []
        self.dropping = 0
        self.in_pre = 0

    def _sink(self) -> list[str]:
        return self.tables[-1].sink() if self.tables else self.parts

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _DROPPED_TAGS:
            self.dropping += 1
        elif tag == "pre":
            self.in_pre += 1
        top = self.tables[-1] if self.tables else None
        if top and top.implicit_by and top.cell is None and tag not in _TABLE_TAGS:
            self._close_table()  # the rows of a fragment end where other content begins
        if tag == "table":
            if self.tables:
                self.tables[-1].nested = True
            self.tables.append(_Table(attrs))
        elif tag in _TABLE_TAGS:
            if not self.tables and tag in _IMPLICIT_OPENERS:
                self.tables.append(_Table(()))  # "<tbody><tr>…" cut out of its page
                self.tables[-1].implicit_by = tag
            if self.tables:
                self._table_start(self.tables[-1], tag, attrs)
        elif tag in _BLOCK_TAGS:
            self._sink().append("\n")

    def _table_start(self, table: _Table, tag: str, attrs) -> None:
        if tag == "tr":
            table.start_row()
        elif tag in ("td", "th"):
            table.start_cell(attrs)
        elif tag == "caption":
            table.caption = []

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS and tag not in _TABLE_TAGS and tag != "table":
            self._sink().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self.dropping = max(0, self.dropping - 1)
        elif tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        if (tag == "table" or tag == self._implicit()) and self.tables:
            self._close_table()
        elif self.tables and tag in _TABLE_TAGS:
            table = self.tables[-1]
            if tag in ("td", "th"):
                table.cell = None
            elif tag == "caption" and table.caption is not None:
                table.captions.append("".join(table.caption))
                table.caption = None
        elif tag in _BLOCK_TAGS:
            self._sink().append("\n")

    def _implicit(self) -> str | None:
        """The section tag (<tbody> …) that opened a table without <table>: its end ends it."""
        by = self.tables[-1].implicit_by if self.tables else None
        return by if by in ("tbody", "thead", "tfoot") else None

    def _close_table(self) -> None:
        table = self.tables.pop()
        if table.caption is not None:  # an unclosed <caption>
            table.captions.append("".join(table.caption))
        self._sink().append(render_table(table))

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        data = data.replace(_SEP, " ")
        top = self.tables[-1] if self.tables else None
        if top and top.implicit_by and top.cell is None and data.strip():
            self._close_table()  # text after a fragment's rows is not part of them
        if not self.in_pre:
            data = re.sub(r"[ \t\n\r\f]+", " ", data)
        self._sink().append(data)

    def close(self) -> None:
        super().close()
        while self.tables:  # tables the page never closed
            self._close_table()


def html_to_text(html: str) -> str:
    """The visible text of an HTML page.

    "<p>办件&nbsp;3,000件</p><script>x()</script><p>时限&lt;2天</p>" -> "办件 3,000件\\n时限<2天";
    "<table><tr><th>类型</th><th>数量</th></tr><tr><td>咨询</td><td>19651</td></tr></table>" ->
    "类型\\t数量\\n咨询\\t19651".
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\u00a0", " ")  # entities are already unescaped
    lines = [line.strip(" \t") for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text.replace(_SEP, "\t")
