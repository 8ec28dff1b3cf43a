"""Every number in a table's cells as an indicator row, in the prose extractor's row format.

    工单类型  数量(件)  占比    同比
    咨询类    19651     51.11%  -3.2%

gives 咨询类数量 19651 件 (level), 咨询类占比 51.11 % (level) and 咨询类数量 3.2 % (change, down,
yoy): the name is the row label and the column header, the unit the cell's or the header's (or the
caption's "单位：件"), and a 同比/环比/增幅 column is the change of the row's level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from indicators.normalize import to_halfwidth
from indicators.numbers import tidy
from indicators.tables.blocks import TextTable
from indicators.tables.cells import Value
from indicators.tables.headers import CHANGE_KINDS, note_unit, table_vocab
from indicators.tables.model import Axis, Grid, analyse, is_change
from indicators.units import canonical_unit
from indicators.vocabulary import load_vocab, load_yaml

CAPTION_LINES = 2  # the caption is at most this many short lines right above the table
MAX_CAPTION = 80
MAX_CONTEXT = 150  # header context and row line, each, in the evidence
LEVEL_KINDS = ("level", "target", "rank")
NOT_VALUES = ("skip", "year", "month", "unit")  # columns whose numbers say where, not how much
TABLE_COLUMNS = ("table_no", "table_row", "table_col")
UNIT_KIND = "_unit_kind"  # the row key the prose rows hand the meaning stage; not a column
SPECIAL_KINDS = {"%": "percent", "pp": "pp", "名": "rank"}
_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})(?=\s*年)")


@dataclass(frozen=True)
class Caption:
    """What the lines over a table say about all of it: a year and a unit for bare numbers."""

    text: str = ""
    year: int | None = None
    unit: tuple[str, float] | None = None


def caption_of(text: str, grid: Grid) -> Caption:
    """The short lines right above the table, and its title rows.

    "表1　2024年3月投诉类诉求分类情况（单位：件）" -> year 2024, unit 件.
    """
    lines, at = [], grid.table.start
    while len(lines) < CAPTION_LINES and at > 0:
        start = text.rfind("\n", 0, at - 1) + 1
        line = text[start : at - 1].strip()
        at = start
        if not line:
            if lines:
                break
            continue  # a blank line between a caption and its table (web pages)
        if len(line) > MAX_CAPTION or line.endswith(("。", ".")):
            break
        lines.insert(0, line)
    lines += [grid.cell(r, 0).text for r in grid.titles]
    caption = "\n".join(lines)
    years = set(_YEAR.findall(to_halfwidth(caption)))
    return Caption(caption, int(years.pop()) if len(years) == 1 else None, note_unit(caption))


def table_rows(text: str, doc: str, tables: list[TextTable]) -> list[dict]:
    """The indicator rows of every table, in the columns of `indicators.pipeline.to_rows` plus
    table_no, table_row and table_col (from 1; the row counts the table's header lines)."""
    rows: list[dict] = []
    for table in tables:
        grid = analyse(table)
        rows += _grid_rows(text, doc, grid, caption_of(text, grid))
    return rows


def _grid_rows(text: str, doc: str, grid: Grid, caption: Caption) -> list[dict]:
    """The rows of one table, its cells read left to right, top to bottom."""
    out, seen = [], set()
    names: dict[tuple[int, int], str] = {}
    years: dict[tuple[int, int], int | None] = {}
    columns = [grid.column(c) for c in range(grid.table.width)]
    periods = _row_periods(grid, columns)
    for (r, c), value in sorted(grid.values.items()):
        col, row = columns[c], _row_axis(grid, r, c, periods)
        kind = _kind(col, row, value)
        if kind in NOT_VALUES:
            continue
        if kind == "rank" and not row.parts:  # "1 | 市水务集团 | …": the label after the rank
            row = replace(_row_axis(grid, r, c, periods, right=True), kind="level")
        name = names[(r, c)] = _name(row, col, _classes(grid, r, c))
        year = years[(r, c)] = col.year or row.year
        if kind == "change":
            name, year = _changed(grid, names, years, (r, c), col, row)
        row_dict = _row(text, doc, grid, caption, (r, c), value, col, row, kind, name)
        row_dict["year"] = year or caption.year
        key = (c, *(row_dict[k] for k in ("indicator", "value", "unit", "role", "year")))
        key += (row_dict["comparison"], row_dict["direction"])
        if key in seen:
            continue  # a merged cell repeated down the rows it covers
        seen.add(key)
        out.append(row_dict)
    return out


def _row_periods(grid: Grid, columns: list[Axis]) -> dict[int, tuple[int | None, str]]:
    """The year and month a row's 年份/月份 column gives it: {row: (2023, "")}, {row: (None, "10月")}."""
    out: dict[int, tuple[int | None, str]] = {}
    for (r, c), value in grid.values.items():
        kind, n = columns[c].kind, value.value
        year, month = out.get(r, (None, ""))
        if kind == "year" and 1900 <= n <= 2100 and n == int(n):
            out[r] = (int(n), month)
        elif kind == "month" and 1 <= n <= 12 and n == int(n):
            out[r] = (year, f"{int(n)}月")
    return out


def _row_axis(grid: Grid, r: int, c: int, periods: dict, right: bool = False) -> Axis:
    """The row's labels, with the year and month of its 年份/月份 column and its 单位 cell."""
    row = grid.row_labels(r, c, right)
    year, month = periods.get(r, (None, ""))
    if year or month:
        row = replace(row, year=row.year or year, period=month + row.period)
    if r in grid.row_units and not row.unit:
        row = replace(row, unit=grid.row_units[r][0], factor=grid.row_units[r][1])
    return row


def _kind(col: Axis, row: Axis, value: Value) -> str:
    """level | share | change | target | rank | skip | year | month | unit: the cell's, the
    column's, else the row label's."""
    if value.comparison or (value.direction and col.kind in LEVEL_KINDS + ("share",)):
        return "change"  # "环比+12.5%", "下降3.2%" say what they are
    for axis in (col, row):
        if axis.kind in CHANGE_KINDS:
            return "change"
        if axis.kind != "level":
            return axis.kind
    return "level"


@cache
def _category_headers() -> frozenset[str]:
    return frozenset(load_yaml("table_headers.yaml")["category_headers"])


def _classes(grid: Grid, r: int, c: int) -> bool:
    """The labels naming the value at (r, c) are categories: the header over its row's label
    column says so ("事项类别 件数 占比 事项类别 …"), or, for categories across and measures down
    ("分类 咨询 求助 …" over "件数 47327 …"), the corner over the row labels does."""
    if grid.header_rows == 0:
        return False
    top = grid.header_rows - 1
    label = next((k for k in range(c - 1, -1, -1) if (r, k) in grid.labels), None)
    return label is not None and grid.cell(top, label).text in _category_headers()


def _name(row: Axis, col: Axis, classed: bool = False) -> str:
    """Row label + column header: "咨询类" + "数量" -> 咨询类数量; "全市" + "受理量" -> 全市受理量;
    "总计" + "数量" -> 数量总计; "本周" + "刑事类警情" -> 本周刑事类警情; "受理量" + "2023年" -> 受理量;
    "工业项目" + "项目数" -> 工业项目数."""
    period = row.period + col.period
    if row.total == "sum" and col.total:
        core = row.measure  # the 合计 row's 合计 column
    elif row.total == "sum":
        core = col.measure + row.measure if col.measure else row.measure
    elif _only_a_measure(row.measure) and not _only_a_measure(col.measure):
        core = _join(_classed(col.measure, classed), row.measure)  # categories across: 咨询类件数
    else:
        core = _join(_classed(row.measure, classed and _only_a_measure(col.measure)), col.measure)
    return period + core


def _classed(item: str, classed: bool) -> str:
    """A category of a table headed 分类 / 事项类别 is named as one: 咨询 -> 咨询类 (城市综合类件数)."""
    return item + "类" if classed and item and not item.endswith("类") else item


@cache
def _measure_labels() -> frozenset[str]:
    return frozenset(load_yaml("table_headers.yaml")["measure_labels"])


def _only_a_measure(label: str) -> bool:
    """A row label that only says what is counted (件数, 占比, 比重): the column names the thing."""
    tv = table_vocab()
    return label in _measure_labels() or label in tv.count_units or label in tv.words["share"]


def _join(left: str, right: str) -> str:
    """Two name parts, a shared word once: "工业项目" + "项目数" -> "工业项目数"."""
    for k in range(min(len(left), len(right)), 1, -1):
        if left.endswith(right[:k]):
            return left + right[k:]
    return left + right


def _changed(grid: Grid, names: dict, years: dict, at: tuple[int, int], col: Axis, row: Axis):
    """(name, year) of a change: those of the level it changes, the nearest level to its left in
    the row that is not an earlier period (上年同期), or, when the row label says change, the
    level above it ("2021年 | 26.8 | 增长 12.4%": 12.4% is the 2021 change of that row's level)."""
    r, c = at
    along_row = col.kind in CHANGE_KINDS or row.kind == "level"
    if along_row:
        cells = [(r, k) for k in range(c - 1, -1, -1)]
    else:
        cells = [(k, c) for k in range(r - 1, grid.header_rows - 1, -1)]
    for cell in cells:
        if cell not in names:
            continue
        other = grid.column(cell[1]) if along_row else grid.row_labels(*cell)
        if other.kind in LEVEL_KINDS and not other.past and not is_change(other, grid.values[cell]):
            return names[cell], col.year or row.year or years[cell]
    if along_row:
        name = _join(row.measure, _strip_change_words(col.measure))
    else:
        name = _join(_strip_change_words(row.measure), col.measure)
    return row.period + col.period + name, col.year or row.year


def _strip_change_words(measure: str) -> str:
    """ "受理量同比增长" -> "受理量"."""
    words = table_vocab().words
    for kind in CHANGE_KINDS:
        for w in words[kind]:
            measure = measure.replace(w, "")
    return measure


def _row(text, doc, grid, caption, at, value, col, row, kind, name) -> dict:
    """One row dict for the value at `at` = (row, column) of `grid`."""
    from indicators.pipeline import row_id  # the prose pipeline imports this package

    r, c = at
    cell = grid.cell(r, c)
    start, end = cell.start + value.start, cell.start + value.end
    unit, factor = _unit(value, col, row, caption, kind)
    number = value.value * factor
    role, direction, comparison = "level", value.direction, None
    if kind == "change":
        role, comparison = "change", value.comparison or col.comparison or row.comparison
        direction = _direction(value, number, col.falls or row.falls)
        number = abs(number)
    elif kind == "target":
        role = "target"
    surface = text[start:end]
    low = value.value_low * factor if value.value_low is not None else None
    return {
        "id": row_id(doc, start, end, surface),
        "doc": doc,
        "start": start,
        "end": end,
        "surface": surface,
        "value": tidy(number),
        "value_low": tidy(low),
        "unit": unit,
        "unit_canonical": canonical_unit(unit),
        "qualifier": value.qualifier,
        "direction": direction,
        "role": role,
        "comparison": comparison,
        "pair_id": None,
        "year": None,  # the caller's: a change takes its level's
        "indicator": name,
        UNIT_KIND: value.unit_kind if value.unit else _unit_kind(unit),
        "sentence": _evidence(text, grid, r),
        "table_no": grid.table.index,
        "table_row": r + 1,
        "table_col": c + 1,
    }


def _unit(value: Value, col: Axis, row: Axis, caption: Caption, kind: str) -> tuple[str, float]:
    """The cell's unit, else the column's, the row label's, the caption's (not for shares and
    rate changes, which are %), else 名 for a rank and % for a rate change."""
    if value.unit:
        return value.unit, 1.0
    for axis in (col, row):
        if axis.unit:
            return axis.unit, 1.0 if value.magnitude else axis.factor
    percent_words = table_vocab().percent_changes
    rate_change = kind == "change" and (
        value.comparison is not None
        or any(w in h.measure for h in col.parts + row.parts for w in percent_words)
    )
    if kind == "share" or rate_change:
        return "%", 1.0
    if caption.unit:
        return caption.unit[0], 1.0 if value.magnitude else caption.unit[1]
    return ("名", 1.0) if kind == "rank" else ("", 1.0)


def _unit_kind(unit: str) -> str:
    """The kind of a unit label from a header: "件" -> count, "%" -> percent, "元" -> money."""
    if unit in SPECIAL_KINDS:
        return SPECIAL_KINDS[unit]
    word = load_vocab().units.get(unit)
    return word.kind if word else ""


def _direction(value: Value, number: float, falls: bool) -> str | None:
    """The cell's own word (下降, ↑), else the sign: + up, - down, 0 none; a 降幅 column flips it."""
    if value.direction:
        return value.direction
    if number == 0:
        return None
    up = number > 0
    return ("down" if up else "up") if falls else ("up" if up else "down")


def _evidence(text: str, grid: Grid, r: int) -> str:
    """evidence(), once per table row (its values share it)."""
    memo = grid.memo.setdefault("evidence", {})
    if r not in memo:
        memo[r] = evidence(text, grid, r)
    return memo[r]


def evidence(text: str, grid: Grid, r: int) -> str:
    """The row's line with its header lines before it: "工单类型 数量 占比 | 咨询类 19651 51.11%"."""
    heads = [_line(text, grid, h) for h in range(grid.header_rows) if h not in grid.titles]
    head = " / ".join(h for h in heads if h)[:MAX_CONTEXT]
    line = _line(text, grid, r)[:MAX_CONTEXT]
    return f"{head} | {line}" if head else line


def _line(text: str, grid: Grid, r: int) -> str:
    """The non-empty cells of row r, merged cells once (one span of the text), joined by spaces;
    two cells that only read the same ("1 1") stay two."""
    out: list[str] = []
    last = None
    for cell in grid.table.rows[r]:
        piece = text[cell.start : cell.end]
        if piece and (cell.start, cell.end) != last:
            out.append(piece)
        last = (cell.start, cell.end)
    return " ".join(out)


def merge_rows(prose: list[dict], tables: list[dict]) -> list[dict]:
    """Prose rows and table rows in document order; prose rows get empty table columns."""
    if not tables:
        return prose
    for row in prose:
        for col in TABLE_COLUMNS:
            row.setdefault(col, None)
    return sorted(prose + tables, key=lambda row: row["start"])
