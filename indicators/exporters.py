"""Exporters: the indicator table as Parquet, CSV, xlsx or JSON Lines bytes, and atomic writes.

A registry of pure functions `DataFrame -> bytes` (datasette's output renderers): the CLI writes
the bytes to a file with `write_table`, the dashboard wraps them in a download.

Document text never becomes a formula. In xlsx every text cell is a text cell (xlsxwriter's
`strings_to_formulas` is off and the body is written as shared strings). In CSV, a text field
starting with = + - @ or a tab / carriage return gets a leading single quote (OWASP's advice on
CSV injection), unless it is a plain number such as "-5" or "+3.5%"; numeric columns are never
touched. `read_table` removes that quote again, so CSV round trips are exact.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from indicators.output_guard import write_bytes_atomically  # here too: storage imports it from here
from indicators.schema import BY_NAME, conform

LANGS = ("zh", "en", None)
DATA_SHEET = {"zh": "数据", "en": "Data", None: "data"}
ABOUT_SHEET = "说明 About"
XLSX_MAX_ROWS = 1_048_575  # Excel's 1,048,576 rows, less the header
XLSX_MAX_TEXT = 32_767  # characters in one Excel cell

# --------------------------------------------------------------------------------------------
# Headers and CSV-injection neutralising


def headers(columns, lang: str | None) -> list[str]:
    """Column headers: the names for lang None, else the schema's zh/en labels (others as named).

    ["value", "extra"], "zh" -> ["数值", "extra"].
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh', 'en' or None, not {lang!r}")
    if lang is None:
        return [str(c) for c in columns]
    return [getattr(BY_NAME[c], lang) if c in BY_NAME else str(c) for c in columns]


_FORMULA_START = r"'*[=+\-@\t\r]"  # optional quotes already there, then a formula trigger
_PLAIN_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?"


def neutralise_formulas(s: pd.Series) -> pd.Series:
    """Prefix a single quote to text that a spreadsheet would run as a formula.

    '=HYPERLINK("http://x","y")' -> "'=HYPERLINK(\"http://x\",\"y\")"; "-5" and "增长5%" stay.
    Text already starting with quotes and a trigger gets one more quote, so that
    `restore_formulas` undoes exactly this and nothing else.
    """
    s = s.astype("string")
    risky = s.str.match(_FORMULA_START).fillna(False).astype(bool)
    if not risky.any():
        return s
    risky[risky] = ~s[risky].str.fullmatch(_PLAIN_NUMBER).fillna(False).astype(bool)
    out = s.copy()
    out[risky] = "'" + s[risky]
    return out


def restore_formulas(s: pd.Series) -> pd.Series:
    """The inverse of `neutralise_formulas`: drop the one added quote."""
    s = s.astype("string")
    quoted = s.str.match("'" + _FORMULA_START)
    return s.mask(quoted.fillna(False).astype(bool), s.str.slice(1))


def _is_number(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype)


# --------------------------------------------------------------------------------------------
# CSV, JSON Lines, Parquet


def to_csv_bytes(df: pd.DataFrame, lang: str | None = None) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Chinese Excel opens it), CRLF line ends (RFC 4180).

    Headers are column names for lang None (machine use), else the schema's zh/en labels.
    Text fields that would start a formula are neutralised (see `neutralise_formulas`). Text is
    always quoted, so an empty text ("") and a missing one (nothing) stay apart.
    """
    names = headers(df.columns, lang)
    arrays = [
        pa.array(col if _is_number(col) else neutralise_formulas(col), from_pandas=True)
        for _, col in df.items()
    ]
    buf = io.BytesIO()
    buf.write(codecs.BOM_UTF8)
    pa_csv.write_csv(
        pa.Table.from_arrays(arrays, names=names), buf, pa_csv.WriteOptions(eol="\r\n")
    )
    return buf.getvalue()


def _read_csv(path: Path) -> pd.DataFrame:
    """Every column as text ("" and missing apart, "NA" stays "NA"), the added quotes removed."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        names = next(csv.reader(fh), [])
    options = pa_csv.ConvertOptions(
        column_types={name: pa.string() for name in names},
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    table = pa_csv.read_csv(path, convert_options=options)
    return table.to_pandas().apply(restore_formulas)


def to_jsonl_bytes(df: pd.DataFrame) -> bytes:
    """JSON Lines in UTF-8: one object per row, Chinese as is, missing values as null.

    Built column-wise with Arrow kernels (~10× faster than json.dumps per row); a text that
    needs JSON escapes (", \\, control characters) goes through json.dumps.
    """
    if len(df.columns) == 0:
        return b"{}\n" * len(df)
    pieces: list = []
    for i, name in enumerate(df.columns):
        key = json.dumps(str(name), ensure_ascii=False)
        pieces += [_s(("{" if i == 0 else ", ") + key + ": "), _json_array(df.iloc[:, i])]
    pieces.append(_s("}\n"))
    return bytes(_utf8_bytes(pc.binary_join_element_wise(*pieces, _s(""))))


_JSON_SPECIAL = r'["\\\x00-\x1f]'  # RE2 (Arrow): what json.dumps escapes besides non-ASCII


def _json_array(s: pd.Series) -> pa.Array:
    """Each value of a column as JSON text; null, NaN and ±inf as null."""
    if pd.api.types.is_bool_dtype(s.dtype):
        values = _arrow(s.astype("boolean"), pa.bool_()).cast(_STR)
    elif _is_number(s):
        numbers = pd.to_numeric(s, errors="coerce").astype("float64").to_numpy()
        finite = np.isfinite(numbers)
        if pd.api.types.is_integer_dtype(s.dtype):
            ints = s.astype("Int64").to_numpy(dtype="int64", na_value=0)
            values = pa.array(ints, mask=~finite).cast(_STR)
        else:
            values = pa.array(numbers, mask=~finite).cast(_STR)
    else:
        text = _arrow(s.astype("string"), _STR)
        values = pc.binary_join_element_wise(_s('"'), text, _s('"'), _s(""))
        special = pc.fill_null(pc.match_substring_regex(text, _JSON_SPECIAL), False)
        if pc.any(special).as_py():
            quoted = values.to_pylist()
            for i in np.flatnonzero(special.to_numpy(zero_copy_only=False)):
                quoted[i] = json.dumps(text[int(i)].as_py(), ensure_ascii=False)
            values = pa.array(quoted, type=_STR)
    return pc.fill_null(values, _s("null"))


def to_parquet_bytes(df: pd.DataFrame) -> bytes:
    """Parquet (pyarrow), without the pandas index."""
    buf = io.BytesIO()
    df.to_parquet(buf, index=False, engine="pyarrow")
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# xlsx


def to_xlsx_bytes(
    df: pd.DataFrame, about: Mapping[str, str] | None = None, lang: str | None = "zh"
) -> bytes:
    """An Excel workbook: a data sheet ("数据"/"Data") and an "说明 About" sheet.

    The data sheet has the headers by `lang`, a frozen header row, an autofilter and column
    widths that count CJK characters double; numbers are numbers, text is always text (shared
    strings, never a formula or a link). The About sheet lists `about` (filters, export time,
    sources …) and the meaning of each column. 100k rows × 29 columns take 1-2 s
    (bench/bench_export.py).
    """
    if len(df) > XLSX_MAX_ROWS:
        raise ValueError(
            f"an Excel sheet holds at most {XLSX_MAX_ROWS:,} rows and the table has {len(df):,}; "
            "filter it first, or export CSV or Parquet instead"
        )
    import xlsxwriter  # only for xlsx: importing it costs every other command ~25 ms

    from indicators.xlsx_sheet import FrameWorksheet

    names = headers(df.columns, lang)
    frame = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        frame,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "nan_inf_to_errors": True,
        },
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#EEF2F7", "valign": "top"})
    sheet = workbook.add_worksheet(DATA_SHEET[lang], worksheet_class=FrameWorksheet)
    for c, name in enumerate(names):
        sheet.write_string(0, c, _plain(name), bold)
        sheet.set_column(c, c, _column_width(name, df.iloc[:, c]))
    if len(df) and names:
        sheet._check_dimensions(len(df), len(names) - 1)
    sheet.freeze_panes(1, 0)
    if names:
        sheet.autofilter(0, 0, len(df), len(names) - 1)
    _write_about(workbook.add_worksheet(ABOUT_SHEET), df, about or {}, bold)
    workbook.close()
    body = _Body(
        [df.iloc[:, c] for c in range(len(names))], first_index=workbook.str_table.unique_count
    )
    return _rewrite_zip(
        frame.getvalue(),
        {
            "xl/worksheets/sheet1.xml": body.sheet_xml,
            "xl/sharedStrings.xml": body.shared_strings_xml,
        },
    )


# The data rows are not written cell by cell through xlsxwriter (~6 µs a cell: 20 s for 100k
# rows × 29 columns). xlsxwriter writes the workbook around a marker where the rows belong; the
# rows and their shared strings are then built column-wise with Arrow kernels and streamed into
# the zip, appended to xlsxwriter's own shared strings (the headers and the About sheet).
_ROWS_PER_CHUNK = 25_000
_STR = pa.large_string()


def _rewrite_zip(frame: bytes, rewrites: Mapping[str, Callable[[bytes], Iterator]]) -> bytes:
    """Copy a zip, streaming new content for some members (fast deflate for those)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(frame)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename not in rewrites:
                dst.writestr(info, data)
                continue
            dst.compresslevel = 1  # most of the bytes; level 1 is ~2.5× faster than 6
            with dst.open(info.filename, "w") as fh:
                for piece in rewrites[info.filename](data):
                    fh.write(piece)
            dst.compresslevel = None
    return out.getvalue()


class _Body:
    """The data rows of the sheet as XML, and the shared strings they refer to."""

    def __init__(self, columns: list[pd.Series], first_index: int) -> None:
        self.columns = columns
        self.n = len(columns[0]) if columns else 0
        texts = {c: _text_array(s) for c, s in enumerate(columns) if not _is_number(s)}
        texts = {c: t for c, t in texts.items() if not pd.api.types.is_bool_dtype(columns[c].dtype)}
        self.strings, self.string_ids = _shared_strings(texts, first_index)
        self.references = sum(len(ids) - ids.null_count for ids in self.string_ids.values())

    def sheet_xml(self, frame_xml: bytes) -> Iterator:
        from indicators.xlsx_sheet import BODY_MARKER

        head, _, tail = frame_xml.partition(BODY_MARKER)
        yield head
        for first in range(0, self.n, _ROWS_PER_CHUNK):
            yield self._rows_xml(first, min(self.n, first + _ROWS_PER_CHUNK))
        yield tail

    def _rows_xml(self, first: int, last: int) -> memoryview:
        from xlsxwriter.utility import xl_col_to_name

        row_numbers = pa.array(np.arange(first + 2, last + 2)).cast(_STR)
        pieces: list = [_s('<row r="'), row_numbers, _s('">')]
        for c, s in enumerate(self.columns):
            head = _s(f'<c r="{xl_col_to_name(c)}')
            if c in self.string_ids:
                ids = self.string_ids[c].slice(first, last - first)
                cell = [head, row_numbers, _s('" t="s"><v>'), ids, _s("</v></c>")]
            else:
                cell = [head, row_numbers, *_value_xml(s.iloc[first:last])]
            pieces.append(pc.fill_null(pc.binary_join_element_wise(*cell, _s("")), _s("")))
        pieces.append(_s("</row>"))
        return _utf8_bytes(pc.binary_join_element_wise(*pieces, _s("")))

    def shared_strings_xml(self, frame_xml: bytes) -> Iterator:
        """xlsxwriter's <sst> with these strings appended and its counts raised."""
        head, _, _ = frame_xml.rpartition(b"</sst>")

        def raise_counts(match: re.Match) -> bytes:
            count, unique = int(match[1]) + self.references, int(match[2]) + len(self.strings)
            return b'count="%d" uniqueCount="%d"' % (count, unique)

        yield re.sub(rb'count="(\d+)" uniqueCount="(\d+)"', raise_counts, head, count=1)
        if len(self.strings):
            text, preserve = _xml_escaped(self.strings)
            open_t = pc.if_else(preserve, _s('<si><t xml:space="preserve">'), _s("<si><t>"))
            yield _utf8_bytes(pc.binary_join_element_wise(open_t, text, _s("</t></si>"), _s("")))
        yield b"</sst>"


def _text_array(s: pd.Series) -> pa.Array:
    """A text column as Arrow strings: "" as missing (Excel has no empty text), cut to 32,767."""
    text = _arrow(s.astype("string"), _STR)
    text = pc.if_else(pc.equal(text, _s("")), pa.scalar(None, _STR), text)
    if (pc.max(pc.binary_length(text)).as_py() or 0) > XLSX_MAX_TEXT:
        text = pc.utf8_slice_codeunits(text, 0, XLSX_MAX_TEXT)
    return text


def _shared_strings(
    texts: Mapping[int, pa.Array], first_index: int
) -> tuple[pa.Array, dict[int, pa.Array]]:
    """The distinct strings of all text columns (one hash pass), and each cell's index as text."""
    if not texts:
        return pa.array([], _STR), {}
    encoded = pc.dictionary_encode(pa.concat_arrays(list(texts.values())))
    indices = pc.cast(pc.add(encoded.indices.cast(pa.int64()), first_index), _STR)
    ids, start = {}, 0
    for c, text in texts.items():
        ids[c] = indices.slice(start, len(text))
        start += len(text)
    return encoded.dictionary, ids


def _value_xml(s: pd.Series) -> list:
    """The pieces after r="A2" of the <c> elements of a numeric or boolean column."""
    if pd.api.types.is_bool_dtype(s.dtype):
        values = _arrow(s.astype("boolean").astype("Int64"), pa.int64()).cast(_STR)
        return [_s('" t="b"><v>'), values, _s("</v></c>")]
    numbers = pd.to_numeric(s, errors="coerce").astype("float64").to_numpy()
    finite = np.isfinite(numbers)
    if pd.api.types.is_integer_dtype(s.dtype):
        ints = s.astype("Int64").to_numpy(dtype="int64", na_value=0)
        values = pa.array(ints, mask=~finite).cast(_STR)
    else:
        values = pa.array(numbers, mask=~finite).cast(_STR)
    return [_s('"><v>'), values, _s("</v></c>")]


def _arrow(values, type_=None) -> pa.Array:
    """One contiguous Arrow array (pandas hands out chunked ones after concat)."""
    array = pa.array(values, type=type_, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _s(text: str) -> pa.Scalar:
    return pa.scalar(text, _STR)


def _utf8_bytes(strings: pa.Array) -> memoryview:
    """All strings of a null-free Arrow string array, concatenated, without copying to Python."""
    if len(strings) == 0:
        return memoryview(b"")
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    offsets = offsets[strings.offset : strings.offset + len(strings) + 1]
    data = strings.buffers()[2]
    return (
        memoryview(data)[int(offsets[0]) : int(offsets[-1])]
        if data is not None
        else memoryview(b"")
    )


_XML_SPECIAL = r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\x{FFFE}\x{FFFF}]|_x[0-9A-Fa-f]{4}_"  # RE2 (Arrow)


def _xml_escaped(text: pa.Array) -> tuple[pa.Array, pa.Array]:
    """Strings escaped for XML, and where xml:space="preserve" is needed (edge whitespace).

    One regex scan finds the few strings that need escaping; only those go through Python.
    """
    special = pc.fill_null(pc.match_substring_regex(text, _XML_SPECIAL), False)
    if pc.any(special).as_py():
        values = text.to_pylist()
        for i in np.flatnonzero(special.to_numpy(zero_copy_only=False)):
            values[i] = escape_xml_text(values[i])
        text = pa.array(values, type=_STR)
    trimmed = pc.utf8_length(pc.utf8_trim_whitespace(text))
    preserve = pc.fill_null(pc.not_equal(trimmed, pc.utf8_length(text)), False)
    return text, preserve


def escape_xml_text(text: str) -> str:
    """Text as XML character data, with Excel's _xHHHH_ escape for characters XML cannot hold.

    "a<b & \\x07" -> "a&lt;b &amp; _x0007_"; a literal "_x0041_" becomes "_x005F_x0041_".
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    return re.sub(
        r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", lambda m: f"_x{ord(m.group()):04X}_", text
    )


def _plain(text: str) -> str:
    """Keep text that looks like xlsxwriter's rich-string markup ("<r>…</r>") from being taken as it.

    xlsxwriter writes a string starting "<r>" and ending "</r>" as raw XML; a zero-width space
    after the "<" keeps such a header or About entry harmless text.
    """
    if text.startswith("<r>") and text.endswith("</r>"):
        return "<\u200br>" + text[3:]
    return text


def display_width(text: str) -> int:
    """Columns the text takes on screen: CJK and full-width characters count double ("厦门a" -> 5)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _column_width(header: str, s: pd.Series, most: int = 60) -> float:
    widest = display_width(header)
    if _is_number(s):
        widest = max(widest, 10)
    elif len(s):
        text = s.astype("string")
        longest = text.dropna().str.len().nlargest(50).index
        widest = max([widest, *(display_width(t) for t in text.loc[longest])])
    return min(max(widest + 2, 6), most)


def _write_about(sheet, df: pd.DataFrame, about: Mapping[str, str], bold) -> None:
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 40)
    sheet.set_column(2, 2, 20)
    sheet.set_column(3, 3, 70)
    row = 0
    sheet.write_string(row, 0, "说明 About", bold)
    for key, value in {"行数 Rows": f"{len(df):,}", **about}.items():
        row += 1
        sheet.write_string(row, 0, _plain(str(key)))
        sheet.write_string(row, 1, _plain(str(value)))
    row += 2
    for c, label in enumerate(("列名 Column", "中文 Chinese", "English", "含义 Meaning")):
        sheet.write_string(row, c, label, bold)
    for name in df.columns:
        row += 1
        col = BY_NAME.get(name)
        sheet.write_string(row, 0, _plain(str(name)))
        if col is not None:
            sheet.write_string(row, 1, col.zh)
            sheet.write_string(row, 2, col.en)
            sheet.write_string(row, 3, col.meaning)
    row += 2
    sheet.write_string(
        row,
        0,
        "文本单元格均为文本，不含公式。Text cells are text: nothing in this workbook is a formula.",
    )


# --------------------------------------------------------------------------------------------
# The registry, writing and reading files

EXPORTERS: dict[str, Callable[..., bytes]] = {
    "parquet": to_parquet_bytes,
    "csv": to_csv_bytes,
    "xlsx": to_xlsx_bytes,
    "jsonl": to_jsonl_bytes,
}


def exporter_for(path: Path | str) -> Callable[..., bytes]:
    """The exporter for a file name by its extension, or a ValueError listing the supported ones."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in EXPORTERS:
        supported = ", ".join("." + s for s in EXPORTERS)
        raise ValueError(
            f"{path}: cannot write a table as {'.' + suffix if suffix else 'a file without extension'}; use one of {supported}"
        )
    return EXPORTERS[suffix]


def write_table(df: pd.DataFrame, path: Path | str, force: bool = False, **options) -> Path:
    """Write the table to `path` in the format its extension names, atomically.

    The bytes go to a temporary file in the same folder, which then replaces `path`: a crash
    or a failing exporter never leaves a half-written table over a good one. An existing file
    that is not of that format, or a folder, is refused (`output_guard`) unless `force`.
    `options` go to the exporter (lang=, about=).
    """
    from indicators.output_guard import OutputRefused, ensure_replaceable

    path = Path(path)
    if path.is_dir():
        raise OutputRefused(f"{path}: is a folder; give a file name such as {path / 'table.csv'}")
    data = exporter_for(path)(df, **options)
    ensure_replaceable(path, force=force)
    write_bytes_atomically(path, data)
    return path


def read_table(path: Path | str) -> pd.DataFrame:
    """Read a table written by `write_table` (any header language) back, conformed to the schema.

    xlsx cannot tell an empty text from a missing one: both come back missing.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        df = pd.read_parquet(path)
    elif suffix == ".csv":
        df = _read_csv(path)
    elif suffix == ".xlsx":
        df = pd.read_excel(
            path, sheet_name=0, engine="openpyxl", keep_default_na=False, na_values=[""]
        )
    elif suffix == ".jsonl":
        with open(path, encoding="utf-8") as fh:
            df = pd.DataFrame.from_records([json.loads(line) for line in fh if line.strip()])
    else:
        exporter_for(path)  # raises the error listing the supported formats
        raise AssertionError("unreachable")
    table = conform(df.rename(columns=_header_names()))
    for name in table.columns[len(BY_NAME) :]:  # extra columns: text as the schema's text dtype
        if not _is_number(table[name]) and not pd.api.types.is_bool_dtype(table[name].dtype):
            table[name] = table[name].astype("string")
    return table


def _header_names() -> dict[str, str]:
    names = {}
    for col in BY_NAME.values():
        names[col.zh] = col.name
        names[col.en] = col.name
    return names


__all__ = [
    "ABOUT_SHEET",
    "DATA_SHEET",
    "EXPORTERS",
    "display_width",
    "exporter_for",
    "headers",
    "neutralise_formulas",
    "read_table",
    "restore_formulas",
    "to_csv_bytes",
    "to_jsonl_bytes",
    "to_parquet_bytes",
    "to_xlsx_bytes",
    "write_bytes_atomically",
    "write_table",
]
