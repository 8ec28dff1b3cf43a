"""A text table read as data: header rows, title rows, label cells and value cells, and for each value
the column header above it and the row label to its left.

    工单类型  数量  占比          header row: 工单类型 | 数量 | 占比
    咨询类    19651 51.11%       label 咨询类; values 19651 (under 数量), 51.11% (under 占比)
    总计      38447 100%         label 总计: the total

The row label of a value is the nearest label to its left (with the labels right before it: a
group label from a merged cell); so two tables side by side in one grid keep their own labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from indicators.normalize import to_halfwidth
from indicators.tables.blocks import Cell, TextTable
from indicators.tables.cells import Value, is_bare_year, read_value
from indicators.tables.headers import CHANGE_KINDS, Header, parse_unit, read_header, table_vocab

MAX_HEADER_ROWS = 3


@dataclass(frozen=True)
class Axis:
    """What a column's header rows (or a row's labels) say, merged from the top (or the left)."""

    parts: tuple[Header, ...] = ()
    measure: str = ""
    kind: str = "level"
    unit: str = ""
    factor: float = 1.0
    year: int | None = None
    period: str = ""
    total: str | None = None
    falls: bool = False
    comparison: str | None = None
    past: bool = False

    @classmethod
    def of(cls, parts: tuple[Header, ...], join: bool = False) -> Axis:
        """`merge`, once per distinct headers (a table's columns repeat down its rows)."""
        return _axis(cls, parts, join)

    @classmethod
    def merge(cls, parts: tuple[Header, ...], join: bool = False) -> Axis:
        """Merge headers given outermost first: ("有效警情", "小计") -> measure 有效警情小计.

        A column is named by its innermost header ("有效警情", "刑事类警情" -> 刑事类警情); row
        labels are joined (`join`): ("电力", "供电服务") -> 电力供电服务.
        """
        if not parts:
            return cls()
        inner = tuple(reversed(parts))  # the cell's own header first
        unit_from = next((h for h in inner if h.unit), None)
        leaf = inner[0]
        kinds = {h.kind for h in parts}
        return cls(
            parts=parts,
            measure=_measure(parts, join),
            kind=next((h.kind for h in inner if h.kind != "level"), "level"),
            unit=unit_from.unit if unit_from else "",
            factor=unit_from.factor if unit_from else 1.0,
            year=next((h.year for h in inner if h.year), None),
            period="".join(h.period for h in parts),
            total=leaf.total,
            falls=any(h.falls for h in parts),
            comparison="yoy" if "yoy" in kinds else "mom" if "mom" in kinds else None,
            past=any(h.past for h in parts),
        )


@lru_cache(maxsize=1 << 14)  # a table's columns and row labels repeat from row to row
def _axis(cls, parts: tuple[Header, ...], join: bool) -> Axis:
    return cls.merge(parts, join)


def _measure(parts: tuple[Header, ...], join: bool) -> str:
    """The name part of merged headers; descriptors (完成值, 目标) name no measure."""
    descriptors = table_vocab().descriptors
    named = [h.measure for h in parts if h.measure and not h.total]
    named = [m for m in named if m not in descriptors]
    if join:  # a group that the label repeats ("电力", "电力安全") is said once
        named = [m for i, m in enumerate(named) if i + 1 == len(named) or m not in named[i + 1]]
        measure = "".join(named)
    else:
        measure = named[-1] if named else ""
    leaf = parts[-1]
    if leaf.total and leaf.measure and measure != leaf.measure:
        measure += leaf.measure  # "有效警情" + "小计"
    return measure


@dataclass(frozen=True)
class Grid:
    """A table with its cells told apart: which rows are headers or titles, which cells are values."""

    table: TextTable
    header_rows: int
    titles: tuple[int, ...]  # rows that are one text across the table (a title, "单位：件")
    values: dict[tuple[int, int], Value] = field(repr=False)
    labels: frozenset[tuple[int, int]] = field(repr=False)
    row_units: dict[int, tuple[str, float]] = field(default_factory=dict, repr=False)
    inherited: dict[tuple[int, int], str] = field(default_factory=dict, repr=False)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # per-table caches

    def cell(self, r: int, c: int) -> Cell:
        return self.table.rows[r][c]

    def label(self, r: int, c: int) -> str:
        """A label cell's text, or the group label a merged cell left empty below it."""
        return self.inherited.get((r, c)) or self.cell(r, c).text

    def header(self, r: int, c: int) -> str:
        """A header cell's text; an empty one over sub-headers is the merged cell on its left
        (Word leaves the cells a merge covers empty: "2023年 | (empty)" over "数量 | 占比")."""
        text = self.cell(r, c).text
        if text or r + 1 >= self.header_rows or not self.cell(r + 1, c).text:
            return text
        for k in range(c - 1, -1, -1):
            if self.cell(r, k).text:
                return self.cell(r, k).text
        return ""

    def column(self, c: int) -> Axis:
        """The header rows over column c, outermost first, merged cells counted once."""
        parts: list[Header] = []
        for r in range(self.header_rows):
            text = self.header(r, c)
            if r in self.titles or not text or (parts and parts[-1].text == text):
                continue
            parts.append(read_header(text))
        return Axis.of(tuple(parts))

    def row_labels(self, r: int, c: int, right: bool = False) -> Axis:
        """The labels left of (r, c): the nearest one and the labels right before it (with
        `right`, the labels right of it: a rank in the first column names the row after it)."""
        cols = [k for k in range(c) if (r, k) in self.labels]
        if right:
            cols = [k for k in range(self.table.width - 1, c, -1) if (r, k) in self.labels]
        if not cols:
            return Axis()
        run = [cols[-1]]
        while len(run) < len(cols) and abs(cols[-len(run) - 1] - run[0]) == 1:
            run.insert(0, cols[-len(run) - 1])
        texts: list[str] = []
        for k in sorted(run):
            text = self.label(r, k)
            if not texts or texts[-1] != text:
                texts.append(text)
        return Axis.of(tuple(read_header(t) for t in texts), join=True)


def analyse(table: TextTable) -> Grid:
    """Tell header rows, title rows, labels and values apart (see the module docstring)."""
    rows = table.rows
    titles = tuple(r for r in range(min(len(rows), MAX_HEADER_ROWS + 1)) if _is_title(rows[r]))
    header_rows = 0
    for r, row in enumerate(rows[: MAX_HEADER_ROWS + len(titles)]):
        if r not in titles and not _is_header_row(row, first=r == _first(titles)):
            break
        header_rows = r + 1
    grid = Grid(table, header_rows, titles, {}, frozenset())
    unit_cols = {c for c in range(table.width) if grid.column(c).kind == "unit"}
    values: dict[tuple[int, int], Value] = {}
    labels: set[tuple[int, int]] = set()
    row_units: dict[int, tuple[str, float]] = {}
    for r in range(header_rows, len(rows)):
        for c, cell in enumerate(rows[r]):
            value = read_value(cell.text) if cell.text else None
            unit = parse_unit(cell.text) if c in unit_cols and cell.text else None
            if unit is not None:
                row_units[r] = unit  # "%", "天" in a 单位 column
            elif value is not None:
                values[(r, c)] = value
            elif cell.text and not _empty(cell.text):
                labels.add((r, c))
    inherited = _inherited_labels(table, header_rows, labels)
    labels |= set(inherited)
    return Grid(table, header_rows, titles, values, frozenset(labels), row_units, inherited)


def _inherited_labels(table: TextTable, top: int, labels: set) -> dict[tuple[int, int], str]:
    """Group labels of vertically merged cells that the text leaves empty below their first row:
    "电力 | 供电服务 | 239" then " | 电力安全 | 22" -> (row 2, column 1) is 电力."""
    out: dict[tuple[int, int], str] = {}
    for r in range(top + 1, len(table.rows)):
        for k in range(table.width - 1):
            if table.rows[r][k].text or (r, k + 1) not in labels:
                continue
            above = (r - 1, k)
            if above in out:
                out[(r, k)] = out[above]
            elif above in labels:
                out[(r, k)] = table.rows[r - 1][k].text
    return out


def _first(titles: tuple[int, ...]) -> int:
    """The first row that is not a title."""
    r = 0
    while r in titles:
        r += 1
    return r


def _is_title(row: tuple[Cell, ...]) -> bool:
    """One text repeated across the whole row (a merged title cell) in a table of 2+ columns."""
    texts = {c.text for c in row}
    return len(row) >= 2 and len(texts) == 1 and bool(row[0].text)


def _is_header_row(row: tuple[Cell, ...], first: bool) -> bool:
    """No values in it; the first header row may hold bare years ("指标 | 2022 | 2023")."""
    for cell in row:
        if not cell.text or read_value(cell.text) is None:
            continue
        if not (first and is_bare_year(cell.text)):
            return False
    return any(c.text for c in row)


def _empty(text: str) -> bool:
    """ "—", "/", "无": a cell that holds no value and names nothing."""
    return to_halfwidth(text).strip() in table_vocab().empty_cells


def is_change(axis: Axis, value: Value) -> bool:
    """A value under a change header (同比, 增幅), or one that says so itself (环比+12.5%)."""
    return axis.kind in CHANGE_KINDS or value.comparison is not None
