"""Tables whose cells are set apart by single spaces: how a stored web page flattens a table.

"分类 咨询 求助 建议\\n件数 47327 88698 771\\n占比 31.7 59.3 0.5" (categories across, measures down) and
"事项类别 件数 占比 事项类别 件数 占比\\n城市综合 63435 42.4 民生保障 6238 4.2" (a header repeated for
records side by side; a last row may stop early). A single space is a weak separator, so a block is
a table only when its first line names columns (a header word of table_headers.yaml: 件数, 占比,
分类 …) and holds no number, every later line starts with a label and holds a number, no line has
a sentence mark or a comma, and every cell is short. Two single Hanzi set apart by wider spaces
("其  他", "三   农") are one cell, as a table aligns a short label.
"""

from __future__ import annotations

import re
from functools import cache

from indicators.tables.blocks import Cell
from indicators.tables.cells import is_value_text
from indicators.tables.headers import table_vocab
from indicators.vocabulary import load_yaml

MAX_CELL = 12  # a longer piece is prose, not a cell
MIN_CELLS = 3  # a line of two pieces is too little evidence for a table
_PIECE = re.compile(r"[^ \u3000]+")
_NOT_A_ROW = re.compile(r"[\t|。;；!！?？,，、:：]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")


@cache
def _header_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """(label header words, measure header words: counts and shares)."""
    tv = table_vocab()
    labels = frozenset(load_yaml("table_headers.yaml").get("label_headers", []))
    return labels, (*tv.count_units, *tv.words["share"], "数量", "件数")


def line_cells(text: str, start: int, end: int) -> list[Cell] | None:
    """The cells of one line split at single spaces, or None when the line is no row."""
    line = text[start:end]
    if " " not in line.strip(" \u3000") or _NOT_A_ROW.search(line):
        return None
    cells: list[Cell] = []
    for m in _PIECE.finditer(text, start, end):
        a, b = m.start(), m.end()
        last = cells[-1] if cells else None
        if (
            last
            and len(last.text) == 1
            and b - a == 1
            and a - last.end >= 2
            and _HANZI.match(last.text)
            and _HANZI.match(m.group())
        ):
            cells[-1] = Cell(last.start, b, text[last.start : b])  # "其  他": one aligned label
            continue
        cells.append(Cell(a, b, m.group()))
    if len(cells) < MIN_CELLS or any(len(c.text.replace(" ", "")) > MAX_CELL for c in cells):
        return None
    return cells


def _is_header(cells: list[Cell]) -> bool:
    labels, measures = _header_words()
    if any(is_value_text(c.text) for c in cells):
        return False
    return any(c.text in labels or c.text.endswith(measures) for c in cells)


def _group(cells: list[Cell]) -> int:
    """The length of the header's repeat (事项类别 件数 占比 ×3 -> 3), else its width."""
    texts = [c.text for c in cells]
    for size in range(1, len(texts)):
        if len(texts) % size == 0 and texts == texts[:size] * (len(texts) // size):
            return size
    return len(texts)


def _is_body(cells: list[Cell], width: int, group: int) -> bool:
    fits = len(cells) == width or (group < width and len(cells) < width and len(cells) % group == 0)
    return (
        fits and not is_value_text(cells[0].text) and any(is_value_text(c.text) for c in cells[1:])
    )


def spaced_tables(text: str) -> list[tuple[str, list[list[Cell]], list[tuple[int, int]]]]:
    """("space", rows, line spans) of every single-space table in `text`, rows padded to width."""
    if " " not in text:
        return []
    out = []
    header: list[Cell] | None = None
    rows: list[list[Cell]] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        cells = line_cells(text, start, end) if " " in line else None
        if header is not None and cells and _is_body(cells, len(header), _group(header)):
            rows.append(
                cells + [Cell(cells[-1].end, cells[-1].end, "")] * (len(header) - len(cells))
            )
            spans.append((start, end))
        else:
            if header is not None and rows:
                out.append(("space", [header, *rows], spans))
            header, rows, spans = None, [], []
            if cells and _is_header(cells):
                header, spans = cells, [(start, end)]
        start = end + 1
    if header is not None and rows:
        out.append(("space", [header, *rows], spans))
    return out
