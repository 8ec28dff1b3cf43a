"""Find the tables in a document's canonical text: runs of lines whose cells are split the same way.

A text table is two or more consecutive lines that split into the same cells: by tabs (how web
pages, Word and PDF tables reach the text), by `|` (Markdown and ASCII tables; `|---|` lines are
skipped), or by runs of two or more spaces or an ideographic space (columns aligned by hand).
Tabs are trusted; `|` and aligned spaces must also look like data (short cells, no sentences, a
number in every body row for aligned spaces), so a paragraph is never taken for a table.

A table copied out of a page may also come one cell per line ("工单类型\n数量\n占比\n咨询类\n19651
\n51.11%…", the cells perhaps set apart by blank lines or each ended by " |"): it is read only
when N short header lines, one of them a header word of vocab/table_headers.yaml, are followed by
rows of exactly N lines whose columns keep one kind (numbers under numbers, labels under labels)
to the end of the run of short lines, so a list or a menu is never taken for a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from indicators.normalize import to_halfwidth
from indicators.tables.cells import is_bare_year, is_value_text
from indicators.tables.headers import read_header, table_vocab

# a gap between two cells: two spaces or an ideographic space, between non-space characters
_GAP = re.compile(r"\t|\||\S(?: {2,}|[ \u3000]*\u3000[ \u3000]*)\S")
_RULE = re.compile(r"[ \u3000]*[-—–=+]{3,}[-—–=+| \u3000]*")  # +-----+-----+, ------
_SEPARATORS = ("\t", "|", "\u3000", "  ")
_PIPE_RULE = re.compile(r"^\s*[|+]?\s*:?[-—–=+]{3,}:?\s*(?:[|+]\s*:?[-—–=+]{3,}:?\s*)*[|+]?\s*$")
_SPACE_GAP = re.compile(r"(?:[ \t]*\u3000[ \u3000\t]*| {2,})")
_SENTENCE_MARK = re.compile(r"[。;；!！?？]")
MAX_DATA_CELL = 40  # a cell of a `|` or aligned-space table is a label or a number, not prose
MAX_PROSE_CELL = 60  # in a tab table, a longer cell is prose
# one cell per line: a header of 3-12 lines (each at most 20 characters), 2+ rows of as many lines;
# up to 2 short lines of its run before the header (a caption) or after the last row (a heading)
LINE_COLUMNS = range(3, 13)
MIN_LINE_ROWS = 2
MAX_LINE_HEADER = 20
MAX_LINE_EDGE = 2
MIN_LINE_CELLS = min(LINE_COLUMNS) * (1 + MIN_LINE_ROWS)
MAX_LINE_CHARS = MAX_DATA_CELL + 10  # a longer line is no cell (spaces and " |" around it)
_NOT_A_CELL = re.compile(r"[\t。;；!！?？:：]")  # a sentence, or a field ("发布时间：2024-03-08")


class Cell(NamedTuple):
    """One cell of a text table: its stripped text and where that text is in the document."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextTable:
    """A table found in the text: its rows of cells (padded to one width) and where it stands.

    `start`/`end` cover all its lines (separator lines included); `lines[i]` is the (start, end)
    of the line row i came from (of its lines, for a table one cell per line); `index` counts
    tables from 1 in document order.
    """

    index: int
    start: int
    end: int
    kind: str  # tab | pipe | space | lines (one cell per line)
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
    found: list[tuple[str, list[list[Cell]], list[tuple[int, int]]]] = []
    for run in _runs(text):
        for kind, rows, lines in _blocks(text, run):
            if _looks_like_data(kind, rows):
                width = max(len(r) for r in rows)
                found.append((kind, [_pad(r, width, kind) for r in rows], lines))
    found += [("lines", rows, lines) for rows, lines in line_tables(text)]
    from indicators.tables.spaced import spaced_tables  # noqa: PLC0415 (it builds on Cell)

    spaced = spaced_tables(text)
    if spaced:  # a single-space table replaces only a table it covers whole (a garbled read)
        taken = {span for _, _, lines in spaced for span in lines}
        kept = [f for f in found if not set(f[2]) <= taken]
        held = {span for _, _, lines in kept for span in lines}
        found = kept + [t for t in spaced if not held.intersection(t[2])]
    found = _apart(sorted(found, key=lambda f: f[2][0][0]))
    return [
        TextTable(i, lines[0][0], lines[-1][1], kind, tuple(map(tuple, rows)), tuple(lines))
        for i, (kind, rows, lines) in enumerate(found, start=1)
    ]


def _apart(found: list) -> list:
    """Tables in order, a table overlapping the one before it left out."""
    kept: list = []
    for table in found:
        if not kept or table[2][0][0] >= kept[-1][2][-1][1]:
            kept.append(table)
    return kept


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


# --------------------------------------------------------------------------------------------
# One cell per line


class _LineCell(NamedTuple):
    cell: Cell
    line: tuple[int, int]  # the (start, end) of its line
    kind: str = ""  # "v" a number, "l" a label, "e" empty ("", "—", "/"); set for long runs only


def line_tables(text: str) -> list[tuple[list[list[Cell]], list[tuple[int, int]]]]:
    """(rows, the span of each row's lines) of every table written one cell per line.

    "工单类型\\n数量\\n占比\\n咨询类\\n19651\\n51.11%\\n投诉类\\n15042\\n39.12%" -> one table:
    [工单类型, 数量, 占比], [咨询类, 19651, 51.11%], [投诉类, 15042, 39.12%].
    """
    out = []
    runs = [run for a, b in _short_stretches(text) for run in _cell_runs(text, a, b)]
    for run in runs:
        run = [c._replace(kind=_kind_of(c.cell.text)) for c in run]
        for rows in _parse_run(run):
            spans = [(row[0].line[0], row[-1].line[1]) for row in rows]
            out.append(([[c.cell for c in row] for row in rows], spans))
    return out


def _short_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of every stretch of 9+ lines that may be cells (short, no sentence), with at
    most one empty line between two: the only places `_cell_runs` needs to look at (most lines of
    a document are prose, and a quick look at each is all they get)."""
    out: list[tuple[int, int]] = []
    count = first = pos = empty = 0
    for line in text.split("\n"):
        size = len(line)
        if size and size <= MAX_LINE_CHARS and not _NOT_A_CELL.search(line):
            first, count, empty = (pos if count == 0 else first), count + 1, 0
        elif size == 0 and empty == 0:
            empty = 1  # one empty line: a gap between cells
        else:
            if count >= MIN_LINE_CELLS:
                out.append((first, pos - 1))
            count = empty = 0
        pos += size + 1
    if count >= MIN_LINE_CELLS:
        out.append((first, len(text)))
    return out


def _cell_runs(text: str, start: int, end: int) -> list[list[_LineCell]]:
    """Runs of the lines in text[start:end] that may each be one cell, laid out one way
    throughout: one after the other, one blank line between every two, or each ended by " |"
    (an empty cell is then a lone "|")."""
    runs: list[list[_LineCell]] = []
    run: list[_LineCell] = []
    gap, bar, last = None, False, -9  # last: the number of the run's last line
    for number, line in enumerate(text[start:end].split("\n")):
        found = _line_cell(text, start, start + len(line))
        start += len(line) + 1
        if found is None:
            run = run if not line.strip(" \u3000") else []  # a blank line may be a gap
            continue
        cell, is_bar = found
        step = number - last - 1  # blank lines since the run's last cell
        last = number
        widest = 0 if bar else 1  # " |" cells follow each other; others may have a blank between
        if run and is_bar == bar and (step == gap or (gap is None and step <= widest)):
            run.append(cell)
            gap = step
            continue
        keep = run[-1:] if run and not bar and not is_bar and step <= 1 else []
        run, gap, bar = [*keep, cell], step if keep else None, is_bar
        runs.append(run)
    return [r for r in runs if len(r) >= MIN_LINE_CELLS]


def _line_cell(text: str, start: int, end: int) -> tuple[_LineCell, bool] | None:
    """The cell a line may be, and whether a "|" ends it: a short label or number, not a
    sentence, not a "key：value" field."""
    line = text[start:end]
    if len(line) > MAX_LINE_CHARS or _NOT_A_CELL.search(line):
        return None
    bars = line.count("|")
    if bars > 1 or not line.strip(" \u3000"):
        return None
    if bars and not line.rstrip(" \u3000").endswith("|"):
        return None
    cell = _cells(text, start, [(start, start + line.rindex("|") if bars else end)])[0]
    if len(cell.text) > MAX_DATA_CELL:
        return None
    return _LineCell(cell, (start, end)), bars == 1


def _kind_of(text: str) -> str:
    if not text or to_halfwidth(text) in table_vocab().empty_cells:
        return "e"
    return "v" if is_value_text(text) else "l"


def _parse_run(run: list[_LineCell]) -> list[list[list[_LineCell]]]:
    """The tables of a run, back to back, each after at most MAX_LINE_EDGE caption lines; none
    unless every cell of the run falls into place (up to MAX_LINE_EDGE lines at its end without
    a number: a heading), so cells that only happen to line up for a few rows are no table."""
    tables, at = [], 0
    while len(run) - at > MAX_LINE_EDGE or any(c.kind == "v" for c in run[at:]):
        found = _next_table(run, at)
        if found is None:
            return []
        tables.append(found[0])
        at = found[1]
    return tables


def _next_table(run: list[_LineCell], at: int) -> tuple[list[list[_LineCell]], int] | None:
    """The rows of the table whose header starts first from run[at] (after at most its caption
    lines), of the width that takes the most cells, and where it ends; None when no header and
    rows fall into place there. The first start wins: one line later, the header's first cell
    would be taken for a caption and every row's label for the end of the row before."""
    for s in _starts(run, at):
        found = [(rows, s + n * len(rows)) for n in LINE_COLUMNS if (rows := _line_rows(run, s, n))]
        if found:
            return max(found, key=lambda f: f[1])
    return None


def _starts(run: list[_LineCell], at: int) -> range:
    """Where a header may start: after at most MAX_LINE_EDGE caption lines without a number."""
    end = at
    while end < min(at + MAX_LINE_EDGE, len(run)) and run[end].kind != "v":
        end += 1
    return range(at, end + 1)


def _line_rows(run: list[_LineCell], s: int, n: int) -> list[list[_LineCell]] | None:
    """The header run[s:s+n] and the rows of n cells after it whose columns keep one kind."""
    header = run[s : s + n]
    if len(run) < s + n * (1 + MIN_LINE_ROWS) or not all(map(_header_cell, header)):
        return None
    if not any(_names_a_column(c.cell.text) for c in header):
        return None
    kinds: list[str | None] = [None] * n
    rows, at = [header], s + n
    while at + n <= len(run):
        row = run[at : at + n]
        if not any(c.kind == "v" for c in row):
            break
        if any(c.kind != "e" and kinds[j] not in (None, c.kind) for j, c in enumerate(row)):
            break
        kinds = [k if c.kind == "e" else c.kind for k, c in zip(kinds, row, strict=True)]
        rows.append(row)
        at += n
    return rows if len(rows) > MIN_LINE_ROWS else None


def _header_cell(c: _LineCell) -> bool:
    text = c.cell.text
    return 0 < len(text) <= MAX_LINE_HEADER and (c.kind == "l" or is_bare_year(text))


def _names_a_column(text: str) -> bool:
    """A header word of vocab/table_headers.yaml (占比, 同比, 排名, 合计, 完成值 …), a count
    header (件数) or a unit in brackets (数量(件)): "工单类型" no, "占比" yes."""
    header = read_header(text)
    if header.kind != "level" or header.unit or header.total:
        return True
    return header.measure in table_vocab().descriptors


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
