"""Find the tables in a document's canonical text: runs of lines whose cells are split the same way.

A text table is two or more consecutive lines that split into the same cells: by tabs (how web
pages, Word and PDF tables reach the text), by `|` (Markdown and ASCII tables; `|---|` lines are
skipped), or by runs of two or more spaces or an ideographic space (columns aligned by hand).
Tabs are trusted; `|` and aligned spaces must also look like data (short cells, no sentences, a
number in every body row for aligned spaces), so a paragraph is never taken for a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from indicators.tables.cells import is_value_text

# a gap between two cells: two spaces or an ideographic space, between non-space characters
_GAP = re.compile(r"\t|\||\S(?: {2,}|[ \u3000]*\u3000[ \u3000]*)\S")
_RULE = re.compile(r"[ \u3000]*[-—–=+]{3,}[-—–=+| \u3000]*")  # +-----+-----+, ------
_SEPARATORS = ("\t", "|", "\u3000", "  ")
_PIPE_RULE = re.compile(r"^\s*[|+]?\s*:?[-—–=+]{3,}:?\s*(?:[|+]\s*:?[-—–=+]{3,}:?\s*)*[|+]?\s*$")
_SPACE_GAP = re.compile(r"(?:[ \t]*\u3000[ \u3000\t]*| {2,})")
_SENTENCE_MARK = re.compile(r"[。;；!！?？]")
MAX_DATA_CELL = 40  # a cell of a `|` or aligned-space table is a label or a number, not prose
MAX_PROSE_CELL = 60  # in a tab table, a longer cell is prose


class Cell(NamedTuple):
    """One cell of a text table: its stripped text and where that text is in the document."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextTable:
    """A table found in the text: its rows of cells (padded to one width) and where it stands.

    `start`/`end` cover all its lines (separator lines included); `lines[i]` is the (start, end)
    of the line row i came from; `index` counts tables from 1 in document order.
    """

    index: int
    start: int
    end: int
    kind: str  # tab | pipe | space
    rows: tuple[tuple[Cell, ...], ...]
    lines: tuple[tuple[int, int], ...]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def _cells(text: str, start: int, pieces: list[tuple[int, int]]) -> list[Cell]:
    """Cells from [start, end) pieces of a line, each stripped of spaces."""
    out = []
    for a, b in pieces:
        while a < b and text[a] in " \u3000\t":
            a += 1
        while b > a and text[b - 1] in " \u3000\t":
            b -= 1
        out.append(Cell(a, b, text[a:b]))
    return out


def _split(text: str, start: int, end: int, sep: re.Pattern) -> list[tuple[int, int]]:
    pieces, at = [], start
    for m in sep.finditer(text, start, end):
        pieces.append((at, m.start()))
        at = m.end()
    pieces.append((at, end))
    return pieces


_TAB = re.compile("\t")
_PIPE = re.compile(r"\|")


def split_line(text: str, start: int, end: int) -> tuple[str, list[Cell]] | None:
    """(kind, cells) of one line, ("rule", []) for a |---| line, None when it is not a row.

    "咨询类\\t19651\\t51.11%" -> ("tab", 3 cells); "| 咨询类 | 19651 |" -> ("pipe", 2 cells);
    "城市管理　　18,426　　环比+12.5%" -> ("space", 3 cells).
    """
    line = text[start:end]
    if _PIPE_RULE.match(line):
        return "rule", []
    if "\t" in line and line.strip(" \u3000\t"):
        cells = _cells(text, start, _split(text, start, end, _TAB))
        filled = [c for c in cells if c.text]
        if len(filled) >= 2 or (len(filled) == 1 and _short_label(filled[0].text)):
            return "tab", cells
        return None
    if "|" in line:
        a, b = start, end
        stripped = line.strip(" \u3000")
        if stripped.startswith("|"):
            a = start + line.index("|") + 1
        if stripped.endswith("|"):
            b = start + line.rindex("|")
        cells = _cells(text, start, _split(text, a, b, _PIPE)) if a < b else []
        return ("pipe", cells) if len(cells) >= 2 else None
    a, b = start, end
    while a < b and text[a] in " \u3000":
        a += 1
    while b > a and text[b - 1] in " \u3000":
        b -= 1
    cells = _cells(text, start, _split(text, a, b, _SPACE_GAP))
    return ("space", cells) if len(cells) >= 2 else None


def _short_label(cell: str) -> bool:
    return len(cell) <= MAX_DATA_CELL and not _SENTENCE_MARK.search(cell)


def _candidate_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line that could be a table row, in order.

    Most documents have no tab, |, ideographic or double space at all: a C-speed `in` says so.
    Else each line is tested with `in` first (indentation is no gap) and with _GAP if it may split.
    """
    if not any(sep in text for sep in _SEPARATORS):
        return []
    lines, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        body = line.lstrip(" \u3000")
        if any(sep in body for sep in _SEPARATORS) and _GAP.search(text, start, end):
            lines.append((start, end))
        start = end + 1
    return lines


def _runs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of consecutive candidate lines (a rule line such as +----+ between them joins them)."""
    runs: list[list[tuple[int, int]]] = []
    last_end = -2
    for start, end in _candidate_lines(text):
        gap = text[last_end + 1 : start - 1] if runs and start > last_end + 1 else None
        if runs and (start == last_end + 1 or (gap is not None and _is_rule(gap))):
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
        last_end = end
    return [r for r in runs if len(r) >= 2]


def _is_rule(lines: str) -> bool:
    """One or two lines of a table's rules between its rows ("+-----+", "------")."""
    parts = lines.split("\n")
    return len(parts) <= 2 and all(_RULE.fullmatch(p) for p in parts)


def find_tables(text: str) -> list[TextTable]:
    """Every table in `text` (the canonical text), in document order, numbered from 1.

    >>> [t.width for t in find_tables("工单类型\\t数量\\n咨询类\\t19651\\n投诉类\\t15042\\n")]
    [2]
    """
    found: list[TextTable] = []
    for run in _runs(text):
        for kind, rows, lines in _blocks(text, run):
            if _looks_like_data(kind, rows):
                width = max(len(r) for r in rows)
                rows = [_pad(r, width, kind) for r in rows]
                found.append(
                    TextTable(
                        len(found) + 1,
                        lines[0][0],
                        lines[-1][1],
                        kind,
                        tuple(tuple(r) for r in rows),
                        tuple(lines),
                    )
                )
    return found


def _blocks(text: str, run: list[tuple[int, int]]):
    """Split a run of candidate lines into blocks of one kind and, except for tabs, one width."""
    block: list = []  # (kind, cells, line span, indented) of the current block's rows
    kind = None
    for start, end in run:
        split = split_line(text, start, end)
        if split is not None and split[0] == "rule":
            continue  # a |---| or +----+ line between the rows
        indented = text[start : start + 1] in (" ", "\u3000")
        if split is not None and block and _fits(kind, block, split):
            block.append((split[0], split[1], (start, end), indented))
            continue
        yield from _finish(kind, block)
        block = [(split[0], split[1], (start, end), indented)] if split else []
        kind = split[0] if split else None
    yield from _finish(kind, block)


def _fits(kind: str | None, block: list, split: tuple[str, list[Cell]]) -> bool:
    """Does a line continue the block: same kind and, for | and spaces, the same width."""
    new_kind, cells = split
    if new_kind != kind:
        return False
    if kind == "tab":
        return True
    width = len(block[-1][1])
    if len(block) == 1 and len(cells) == width + 1 and block[0][3]:
        return True  # the header line of aligned columns, indented: it leaves the corner empty
    return len(cells) == width


def _finish(kind: str | None, block: list):
    """The block as (kind, rows, line spans) when it has two rows or more."""
    if kind is not None and len(block) >= 2:
        rows = [cells for _, cells, _, _ in block]
        lines = [span for _, _, span, _ in block]
        if kind == "space" and len(rows[0]) + 1 == len(rows[1]):
            first = rows[0][0]
            rows[0] = [Cell(first.start, first.start, ""), *rows[0]]  # the empty corner
        yield kind, rows, lines


def _pad(row: list[Cell], width: int, kind: str) -> list[Cell]:
    if len(row) >= width:
        return row
    end = row[-1].end if row else 0
    return row + [Cell(end, end, "")] * (width - len(row))


def _looks_like_data(kind: str, rows: list[list[Cell]]) -> bool:
    """A block is a table when it holds a number and, for | and spaces, only short cells."""
    if not any(is_value_text(c.text) for row in rows for c in row if c.text):
        return False
    if kind == "tab":
        prose = sum(1 for row in rows if any(_prose(c.text) for c in row))
        return prose * 2 < len(rows)
    if any(not _short_label(c.text) for row in rows for c in row if c.text):
        return False
    if kind == "space":  # every row after the first holds a number
        return all(any(is_value_text(c.text) for c in row if c.text) for row in rows[1:])
    return True


def _prose(cell: str) -> bool:
    return len(cell) > MAX_PROSE_CELL or bool(_SENTENCE_MARK.search(cell))


def without_tables(norm: str, tables: list[TextTable]) -> str:
    """`norm` with every table line blanked to spaces (same length, newlines kept), for the prose
    stages: "a\\n咨询类\\t19651\\nb" with that line a table -> "a\\n" + 9 spaces + "\\nb"."""
    if not tables:
        return norm
    parts, at = [], 0
    for t in tables:
        parts.append(norm[at : t.start])
        parts.append(re.sub(r"[^\n]", " ", norm[t.start : t.end]))
        at = t.end
    parts.append(norm[at:])
    return "".join(parts)
