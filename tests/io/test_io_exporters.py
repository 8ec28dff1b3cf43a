"""Exporters on real files: write, read back with pandas/openpyxl/csv, compare (indicators.exporters)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from pandas.testing import assert_frame_equal

from indicators import exporters
from indicators.exporters import (
    ABOUT_SHEET,
    EXPORTERS,
    display_width,
    neutralise_formulas,
    read_table,
    restore_formulas,
    to_csv_bytes,
    to_jsonl_bytes,
    to_parquet_bytes,
    to_xlsx_bytes,
    write_table,
)
from indicators.schema import BY_NAME, COLUMN_NAMES, conform, validate

HERE = Path(__file__).parent
HYPERLINK = '=HYPERLINK("http://x","y")'


def small_table() -> pd.DataFrame:
    """Four rows that meet the schema, with the text an exporter must not mangle (a fresh copy)."""
    rows = [
        {
            "id": "a1",
            "doc": "001_厦门.txt",
            "start": 10,
            "end": 16,
            "surface": "24.96%",
            "value": 24.96,
            "unit": "%",
            "unit_canonical": "percent",
            "direction": "down",
            "role": "change",
            "comparison": "yoy",
            "year": 2022,
            "indicator": "电信网络诈骗刑事警情",
            "sentence": "2022年，全市电信网络诈骗刑事警情同比下降24.96%。",
            "city": "厦门",
        },
        {
            "id": "a2",
            "doc": "001_厦门.txt",
            "start": 40,
            "end": 44,
            "surface": "-5",
            "value": -5.0,
            "value_low": -7.5,
            "unit": "℃",
            "role": "level",
            "indicator": HYPERLINK,
            "sentence": f'文本里写着{HYPERLINK}，以及 <r>x</r> & <b>标签</b>\n第二行, "引号"',
            "department": "@市公安局、+市发展改革委",
        },
        {
            "id": "a3",
            "doc": "002_青岛.txt",
            "start": 5,
            "end": 9,
            "surface": "1.2万",
            "value": 12000.0,
            "unit": "人",
            "qualifier": "over",
            "role": "baseline",
            "pair_id": "p1",
            "year": 2016,
            "indicator": "=1+1",
            "sentence": "  前后有空格的句子  ",
            "case_title": "-2+3+cmd|' /C calc'!A0",
        },
        {
            "id": "a4",
            "doc": "002_青岛.txt",
            "start": 60,
            "end": 66,
            "surface": "三分之二",
            "value": 0.6667,
            "unit": "ratio",
            "role": "current",
            "pair_id": "p1",
            "indicator": "NA",
            "sentence": "null",
            "published": "2016-03-01",
        },
    ]
    return validate(conform(pd.DataFrame(rows)))


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# Round trips through every format


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".xlsx", ".jsonl"])
def test_write_then_read_gives_the_same_table(suffix, tmp_path):
    table = small_table()
    path = write_table(table, tmp_path / f"indicators{suffix}")
    assert_frame_equal(read_table(path), table)


@pytest.mark.parametrize("lang", ["zh", "en", None])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_read_table_understands_every_header_language(suffix, lang, tmp_path):
    table = small_table()
    path = write_table(table, tmp_path / f"t{suffix}", lang=lang)
    assert_frame_equal(read_table(path), table)


def test_empty_text_stays_empty_text_except_in_xlsx(tmp_path):
    table = small_table()
    table.loc[0, "unit"] = ""
    for suffix in (".csv", ".parquet", ".jsonl"):
        back = read_table(write_table(table, tmp_path / f"t{suffix}"))
        assert back.loc[0, "unit"] == "" and back["unit"].isna().sum() == 0, suffix
    back = read_table(write_table(table, tmp_path / "t.xlsx"))  # an empty cell is missing
    assert back.loc[0, "unit"] is pd.NA


def test_an_empty_table_round_trips(tmp_path):
    table = small_table().iloc[0:0]
    for suffix in (".parquet", ".csv", ".xlsx", ".jsonl"):
        back = read_table(write_table(table, tmp_path / f"empty{suffix}"))
        assert list(back.columns) == list(COLUMN_NAMES) and len(back) == 0


# --------------------------------------------------------------------------------------------
# CSV


def test_csv_starts_with_the_utf8_bom_and_pandas_reads_the_chinese(tmp_path):
    data = to_csv_bytes(small_table())
    assert data.startswith(b"\xef\xbb\xbf")
    path = tmp_path / "t.csv"
    path.write_bytes(data)
    df = pd.read_csv(path, encoding="utf-8-sig")
    assert list(df.columns) == list(COLUMN_NAMES)
    assert df.loc[0, "indicator"] == "电信网络诈骗刑事警情"


def test_csv_headers_follow_the_language():
    header = {
        lang: next(
            csv.reader(io.StringIO(to_csv_bytes(small_table(), lang=lang).decode("utf-8-sig")))
        )
        for lang in ("zh", "en", None)
    }
    assert header["zh"][:6] == ["编号", "文档", "起始位置", "结束位置", "原文", "数值"]
    assert header["en"][5] == BY_NAME["value"].en
    assert header[None] == list(COLUMN_NAMES)


def test_csv_rows_end_with_crlf_and_text_is_quoted():
    data = to_csv_bytes(small_table()).decode("utf-8-sig")
    assert data.count("\r\n") == 5  # header + 4 rows; the newline inside a sentence stays \n
    assert '"电信网络诈骗刑事警情"' in data


def test_csv_neutralises_text_fields_but_not_numbers():
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(small_table()).decode("utf-8-sig"))))
    assert rows[1]["indicator"] == "'" + HYPERLINK
    assert rows[1]["department"] == "'@市公安局、+市发展改革委"
    assert rows[2]["indicator"] == "'=1+1"
    assert rows[2]["case_title"] == "'-2+3+cmd|' /C calc'!A0"
    assert rows[1]["surface"] == "-5"  # a plain number as text is harmless
    assert rows[1]["value"] == "-5" and rows[1]["value_low"] == "-7.5"  # numbers stay numbers
    assert rows[1]["sentence"].startswith("文本里写着=HYPERLINK")  # not at the start: harmless
    for row in rows:
        for field in row.values():
            assert not field.startswith(("=", "+", "@", "\t", "\r")), field
            assert not field.startswith("-") or field.lstrip("-").replace(".", "").isdigit(), field


@pytest.mark.parametrize(
    "case", load_cases("formula_fields.yaml"), ids=lambda c: repr(c["text"])[:30]
)
def test_formula_fields_golden(case):
    text = pd.Series([case["text"]], dtype="string")
    written = neutralise_formulas(text)
    assert written[0] == case["csv"]
    assert restore_formulas(written)[0] == case["text"]


def test_formula_fields_round_trip_through_a_csv_file(tmp_path):
    cases = load_cases("formula_fields.yaml")
    table = conform(
        pd.DataFrame(
            {
                "id": [f"f{i}" for i in range(len(cases))],
                "sentence": [c["text"] or None for c in cases],
                "value": [-1.5] * len(cases),
            }
        )
    )
    back = read_table(write_table(table, tmp_path / "formulas.csv"))
    assert_frame_equal(back, table)


# --------------------------------------------------------------------------------------------
# xlsx


@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    """The small table as xlsx with an About mapping (shared: don't modify)."""
    about = {
        "筛选 Filters": "城市=厦门; 领域=公共安全",
        "导出时间 Exported": "2026-11-22 10:00",
        "来源 Sources": "seeds/",
    }
    return to_xlsx_bytes(small_table(), about=about, lang="zh")


def test_xlsx_has_a_data_sheet_and_an_about_sheet(workbook_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    assert wb.sheetnames == ["数据", ABOUT_SHEET]
    assert ABOUT_SHEET == "说明 About"
    en = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(small_table(), lang="en")))
    assert en.sheetnames[0] == "Data"
    assert [c.value for c in en["Data"][1]][:3] == ["ID", "Document", "Start"]


def test_xlsx_data_sheet_headers_values_and_types(workbook_bytes):
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["数据"]
    header = [c.value for c in ws[1]]
    assert header == [BY_NAME[c].zh for c in COLUMN_NAMES]
    col = {name: i + 1 for i, name in enumerate(COLUMN_NAMES)}
    assert ws.cell(2, col["value"]).value == 24.96 and ws.cell(2, col["value"]).data_type == "n"
    assert ws.cell(3, col["value"]).value == -5 and ws.cell(3, col["value"]).data_type == "n"
    assert ws.cell(2, col["year"]).value == 2022 and isinstance(ws.cell(2, col["year"]).value, int)
    assert ws.cell(3, col["surface"]).value == "-5" and ws.cell(3, col["surface"]).data_type == "s"
    assert ws.cell(3, col["indicator"]).value == HYPERLINK
    assert ws.cell(2, col["indicator"]).value == "电信网络诈骗刑事警情"
    assert ws.cell(3, col["sentence"]).value == small_table().loc[1, "sentence"]
    assert ws.cell(4, col["sentence"]).value == "  前后有空格的句子  "
    assert (
        ws.cell(5, col["indicator"]).value == "NA" and ws.cell(5, col["sentence"]).value == "null"
    )
    assert ws.cell(2, col["value_low"]).value is None
    assert ws.max_row == 5 and ws.max_column == len(COLUMN_NAMES)


def test_xlsx_has_no_formula_cell_anywhere(workbook_bytes):
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    cells = [cell for ws in wb for row in ws.iter_rows() for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_xlsx_header_row_is_frozen_filtered_and_columns_sized(workbook_bytes):
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes))["数据"]
    assert ws.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(COLUMN_NAMES))
    assert ws.auto_filter.ref == f"A1:{last}5"  # every schema column, header + 4 rows
    widths = {
        name: ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
        for i, name in enumerate(COLUMN_NAMES)
    }
    assert widths["sentence"] > widths["unit"]
    assert widths["sentence"] <= 61
    # "电信网络诈骗刑事警情" is 10 characters but 20 columns wide on screen
    assert widths["indicator"] >= display_width(HYPERLINK) + 2 > 20


def test_display_width_counts_cjk_double():
    assert display_width("厦门a") == 5
    assert display_width("（１）") == 6
    assert display_width("") == 0


def test_xlsx_about_sheet_lists_the_mapping_and_column_meanings(workbook_bytes):
    ws = openpyxl.load_workbook(io.BytesIO(workbook_bytes))[ABOUT_SHEET]
    rows = [tuple(c for c in row if c is not None) for row in ws.iter_rows(values_only=True)]
    assert ("筛选 Filters", "城市=厦门; 领域=公共安全") in rows
    assert ("导出时间 Exported", "2026-11-22 10:00") in rows
    assert ("行数 Rows", "4") in rows
    for name in COLUMN_NAMES:
        column = BY_NAME[name]
        assert (name, column.zh, column.en, column.meaning) in rows


def test_xlsx_text_that_looks_like_markup_or_control_characters_stays_text(tmp_path):
    table = small_table()
    table.loc[0, "sentence"] = "<r>not rich text</r>"
    table.loc[1, "sentence"] = "a < b && c > d ]]> <![CDATA[x]]>"
    table.loc[2, "sentence"] = "bell\x07 and escape-looking _x0041_"
    path = tmp_path / "tricky.xlsx"
    write_table(table, path)
    ws = openpyxl.load_workbook(path)["数据"]
    col = COLUMN_NAMES.index("sentence") + 1
    assert ws.cell(2, col).value == "<r>not rich text</r>"
    assert ws.cell(3, col).value == "a < b && c > d ]]> <![CDATA[x]]>"
    with zipfile.ZipFile(path) as z:  # Excel's own escape for characters XML cannot hold
        assert (
            "bell_x0007_ and escape-looking _x005F_x0041_"
            in z.read("xl/sharedStrings.xml").decode()
        )


def test_xlsx_keeps_categorical_and_extra_columns(tmp_path):
    table = small_table()
    table["city"] = table["city"].astype("category")
    table["score"] = [1.5, None, 3.0, -2.0]
    table["note"] = ["+注", None, "普通", "@x"]
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table)))["数据"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["score", "note"]
    assert ws.cell(2, len(header) - 1).value == 1.5
    assert ws.cell(2, len(header)).value == "+注" and ws.cell(5, len(header)).value == "@x"
    assert ws.cell(2, COLUMN_NAMES.index("city") + 1).value == "厦门"


def test_xlsx_refuses_more_rows_than_excel_holds():
    too_many = pd.DataFrame({"value": range(1_048_576)})
    with pytest.raises(ValueError, match="at most 1,048,575 rows.*CSV or Parquet"):
        to_xlsx_bytes(too_many)


# --------------------------------------------------------------------------------------------
# JSON Lines and Parquet


def test_jsonl_is_one_utf8_object_per_line_with_nulls():
    data = to_jsonl_bytes(small_table())
    assert "电信网络诈骗刑事警情".encode() in data  # not \\u escapes
    lines = data.decode("utf-8").splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert list(first) == list(COLUMN_NAMES)
    assert first["value"] == 24.96 and first["year"] == 2022 and first["value_low"] is None
    assert json.loads(lines[1])["indicator"] == HYPERLINK  # JSON is not a spreadsheet: no quote


def test_parquet_bytes_read_back_with_pandas():
    back = pd.read_parquet(io.BytesIO(to_parquet_bytes(small_table())))
    assert_frame_equal(conform(back), small_table())


def test_the_registry_names_the_four_formats():
    expected = {
        "parquet": to_parquet_bytes,
        "csv": to_csv_bytes,
        "xlsx": to_xlsx_bytes,
        "jsonl": to_jsonl_bytes,
    }
    assert dict(EXPORTERS) == expected


# --------------------------------------------------------------------------------------------
# Writing files


def test_an_unknown_extension_lists_the_supported_ones(tmp_path):
    with pytest.raises(
        ValueError,
        match=r"cannot write a table as \.txt; use one of \.parquet, \.csv, \.xlsx, \.jsonl",
    ):
        write_table(small_table(), tmp_path / "out.txt")
    with pytest.raises(ValueError, match="without extension"):
        write_table(small_table(), tmp_path / "out")
    with pytest.raises(ValueError, match="use one of"):
        read_table(tmp_path / "in.tsv")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_failing_export_leaves_the_old_file_intact(suffix, tmp_path):
    path = write_table(small_table(), tmp_path / f"indicators{suffix}")
    before = path.read_bytes()

    with pytest.raises(ValueError, match="lang must be"):
        write_table(small_table().head(1), path, lang="fr")

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary file left


def test_a_failing_write_leaves_the_old_file_intact(tmp_path):
    path = write_table(small_table(), tmp_path / "indicators.parquet")
    before = path.read_bytes()
    unserialisable = small_table()
    unserialisable["extra"] = [object(), object(), object(), object()]

    with pytest.raises(Exception):  # noqa: B017 - pyarrow's own error type
        write_table(unserialisable, path)

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_write_table_replaces_a_file_keeping_its_permissions(tmp_path):
    path = tmp_path / "out" / "indicators.csv"
    write_table(small_table(), path)  # creates the folder
    os.chmod(path, 0o640)
    write_table(small_table().head(2), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert len(read_table(path)) == 2


def test_xlsx_shared_strings_count_what_the_sheet_uses(workbook_bytes):
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as z:
        sst = z.read("xl/sharedStrings.xml").decode()
        sheets = (
            z.read("xl/worksheets/sheet1.xml").decode()
            + z.read("xl/worksheets/sheet2.xml").decode()
        )
    unique = int(re.search(r'uniqueCount="(\d+)"', sst)[1])
    count = int(re.search(r' count="(\d+)"', sst)[1])
    assert sst.count("<si>") == unique
    assert sheets.count('t="s"') == count
    used = {int(i) for i in re.findall(r't="s"><v>(\d+)</v>', sheets)}
    assert max(used) < unique


def test_xlsx_rows_beyond_one_chunk_are_all_there(tmp_path, monkeypatch):
    monkeypatch.setattr(exporters, "_ROWS_PER_CHUNK", 1_000)  # three chunks, small file
    n = 2_500
    table = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "value": [i * 0.5 - 100 for i in range(n)],
            "sentence": [f"第{i % 37}句：=公式{i}" for i in range(n)],
        }
    )
    path = write_table(table, tmp_path / "long.xlsx", lang=None)
    back = pd.read_excel(path, engine="openpyxl")
    assert len(back) == n
    assert back.iloc[-1].tolist() == [
        f"r{n - 1}",
        (n - 1) * 0.5 - 100,
        f"第{(n - 1) % 37}句：=公式{n - 1}",
    ]
    assert back["value"].tolist() == table["value"].tolist()


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".xlsx", ".jsonl"])
def test_a_concatenated_table_exports(suffix, tmp_path):
    """pd.concat leaves Arrow-backed text columns in several chunks (the extractor's output)."""
    second = small_table()
    second["id"] = second["id"] + "-2"
    table = pd.concat([small_table(), second], ignore_index=True)
    assert_frame_equal(read_table(write_table(table, tmp_path / f"both{suffix}")), table)


def test_jsonl_escapes_like_the_json_module():
    tricky = ['引号"在中间', "反斜杠\\n不是换行", "真换行\n和\t制表\x01", "🙂", "'=x", "", None]
    table = pd.DataFrame(
        {
            "sentence": pd.array(tricky, dtype="string"),
            "value": [1.5, float("nan"), float("inf"), -2.0, 0.1 + 0.2, 1e20, None],
            "year": pd.array([2022, None, 2016, 1, 2, 3, 4], dtype="Int64"),
        }
    )
    rows = [json.loads(line) for line in to_jsonl_bytes(table).decode("utf-8").splitlines()]
    assert [r["sentence"] for r in rows] == tricky
    assert [r["value"] for r in rows] == [1.5, None, None, -2.0, 0.1 + 0.2, 1e20, None]
    assert [r["year"] for r in rows] == [2022, None, 2016, 1, 2, 3, 4]
