"""The one schema of the long indicator table: columns, types, allowed values, labels."""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads where a frame is made: `extract -o x.parquet` needs none
    import pandas as pd


@dataclass(frozen=True)
class Column:
    """One column of the indicator table."""

    name: str
    dtype: str  # "string" | "float" | "Int64" (nullable int) | "boolean" (nullable)
    zh: str  # Chinese header (dashboard, Excel)
    en: str  # English header
    meaning: str  # one line for the Excel "说明/About" sheet and the README
    nullable: bool = True
    allowed: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.dtype not in {"string", "float", "Int64", "boolean"}:
            raise ValueError(f"column {self.name}: unknown dtype {self.dtype!r}")


ROLES = ("level", "change", "baseline", "current", "target")
DIRECTIONS = ("up", "down")
QUALIFIERS = ("approx", "over", "under")
COMPARISONS = ("yoy", "mom", "vs_baseline")
POLARITIES = ("higher_better", "lower_better")
YEAR_SOURCES = ("clause", "case", "period", "published", "inferred")
CITY_SOURCES = ("source", "text", "inferred")

COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "string",
        "编号",
        "ID",
        "stable row id: same document text and span give the same id",
        False,
    ),
    Column("doc", "string", "文档", "Document", "source file name", False),
    Column(
        "start",
        "Int64",
        "起始位置",
        "Start",
        "character offset of the mention in the decoded text",
        False,
    ),
    Column(
        "end", "Int64", "结束位置", "End", "character offset after the mention (exclusive)", False
    ),
    Column(
        "surface",
        "string",
        "原文",
        "Surface",
        "the exact text of the number, qualifier and unit",
        False,
    ),
    Column(
        "value",
        "float",
        "数值",
        "Value",
        "the number with 万/亿 etc. applied; % as its percent number",
        False,
    ),
    Column(
        "value_low",
        "float",
        "下限",
        "Lower bound",
        "lower bound of a range (value is the upper bound)",
    ),
    Column(
        "unit", "string", "单位", "Unit", "unit label: %, pp, 元, 人, 人次, 件, 天 …; '' for none"
    ),
    Column(
        "unit_canonical",
        "string",
        "标准单位",
        "Canonical unit",
        "pint's canonical unit, for converting compatible units",
    ),
    Column(
        "qualifier",
        "string",
        "限定",
        "Qualifier",
        "approx (近/约/多), over (余/以上/超过), under (不到/以内)",
        allowed=QUALIFIERS,
    ),
    Column(
        "direction",
        "string",
        "方向",
        "Direction",
        "up or down when the text states a rise or fall",
        allowed=DIRECTIONS,
    ),
    Column(
        "role",
        "string",
        "类型",
        "Role",
        "level, change, baseline, current or target",
        False,
        allowed=ROLES,
    ),
    Column(
        "comparison",
        "string",
        "比较",
        "Comparison",
        "yoy (同比), mom (环比, a table's 较上月) or vs_baseline (从…到…, 比…)",
        allowed=COMPARISONS,
    ),
    Column(
        "pair_id",
        "string",
        "配对编号",
        "Pair ID",
        "shared by the baseline and current rows of one from→to pair",
    ),
    Column("year", "Int64", "年份", "Year", "the year the value refers to"),
    Column(
        "indicator",
        "string",
        "原文指标名",
        "Name in the text",
        "what is measured, in the words of the sentence (whole words, at most ~16 characters)",
    ),
    # added by the meaning stage (indicators/meaning)
    Column(
        "indicator_label",
        "string",
        "指标",
        "Indicator",
        "the indicator's label: the catalogue's label, else the name in the text",
    ),
    Column(
        "indicator_label_en",
        "string",
        "指标（英文）",
        "Indicator (English)",
        "the catalogue's English label, when the catalogue knows the indicator",
    ),
    Column(
        "indicator_key",
        "string",
        "指标键",
        "Indicator key",
        "one identity per indicator across documents: a catalogue key, or auto.<name>.<unit kind>;"
        " a level and its change never share one",
    ),
    Column(
        "core",
        "boolean",
        "核心指标",
        "Core",
        "true for a result a leader would chart; false for context (measures in a policy, parts of a plan)",
    ),
    Column(
        "polarity",
        "string",
        "好坏方向",
        "Polarity",
        "higher_better or lower_better: which way the indicator is better (empty: neither, unknown)",
        allowed=POLARITIES,
    ),
    Column(
        "improving",
        "boolean",
        "是否改善",
        "Improving",
        "true when the stated change is for the better, false when for the worse, empty otherwise",
    ),
    Column(
        "sentence",
        "string",
        "句子",
        "Sentence",
        "the sentence or clause the mention stands in",
        False,
    ),
    # where a value read from a table stands (indicators/tables); empty for values in prose
    Column(
        "table_no", "Int64", "表格序号", "Table no.", "the table's number in the document, from 1"
    ),
    Column(
        "table_row",
        "Int64",
        "表格行",
        "Table row",
        "the table row of the value, from 1 (header rows counted)",
    ),
    Column("table_col", "Int64", "表格列", "Table column", "the table column of the value, from 1"),
    # added by the document-structure stage
    Column("city", "string", "城市", "City", "prefecture-level city (厦门, 青岛, 深圳 …)"),
    Column(
        "city_source",
        "string",
        "城市来源",
        "City source",
        "source (the sources file), text or inferred",
        allowed=CITY_SOURCES,
    ),
    Column("district", "string", "区县", "District", "district or county named by the case"),
    Column("department", "string", "责任单位", "Department", "responsible units, joined by 、"),
    Column("case_id", "string", "案例编号", "Case ID", "stable id of the reform case"),
    Column("case_no", "string", "案例序号", "Case no.", "the case number as written"),
    Column("case_title", "string", "案例标题", "Case title", "the case title"),
    Column("domain", "string", "领域", "Domain", "policy domain key (public_safety …)"),
    Column("domain_label", "string", "领域名称", "Domain label", "the domain's Chinese label"),
    Column("domain_alt", "string", "备选领域", "Alternative domain", "a second plausible domain"),
    Column(
        "domain_evidence",
        "string",
        "领域依据",
        "Domain evidence",
        "the words that decided the domain",
    ),
    Column(
        "year_source",
        "string",
        "年份来源",
        "Year source",
        "clause, case, period, published or inferred",
        allowed=YEAR_SOURCES,
    ),
    Column(
        "published",
        "string",
        "发布日期",
        "Published",
        "the document's publication date (YYYY-MM-DD or YYYY)",
    ),
)

COLUMN_NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
EXTRACTOR_COLUMNS: tuple[str, ...] = COLUMN_NAMES[: COLUMN_NAMES.index("sentence") + 1]
BY_NAME: dict[str, Column] = {c.name: c for c in COLUMNS}


class SchemaError(ValueError):
    """The table breaks the schema; the message lists every violation found."""


def empty_table() -> pd.DataFrame:
    """A table with every column and no rows."""
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import

    return conform(pd.DataFrame({c: [] for c in COLUMN_NAMES}))


_ARRAY_DTYPES = {"string": "string", "float": "float64", "Int64": "Int64", "boolean": "boolean"}


def frame_from_records(records: list[dict]) -> pd.DataFrame:
    """A schema-typed table straight from row dicts (faster than building then `conform`).

    Columns a record lacks are null; keys that are not columns are ignored.
    """
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import

    n = len(records)
    data = {}
    nulls: dict[str, object] = {}  # one all-null array per dtype, shared (pandas copies on write)
    present = (
        set().union(*map(dict.keys, records)) if records else set()
    )  # prose and table rows differ
    columns = _columns_of(records, [c.name for c in COLUMNS if c.name in present])
    for col in COLUMNS:
        if col.name not in present:
            if col.dtype not in nulls:
                dtype = "float64" if col.dtype == "float" else _ARRAY_DTYPES[col.dtype]
                nulls[col.dtype] = pd.array([None] * n, dtype=dtype)
            data[col.name] = nulls[col.dtype]
            continue
        values = columns[col.name]
        if col.dtype == "float":
            data[col.name] = pd.array(
                [pd.NA if v is None else v for v in values], dtype="Float64"
            ).astype("float64")
        else:
            data[col.name] = pd.array(values, dtype=_ARRAY_DTYPES[col.dtype])
    return pd.DataFrame(data)


def _columns_of(records: list[dict], names: list[str]) -> dict[str, list]:
    """{name: [each record's value, None where it has none]}: one C-level tuple per record and
    one transpose, instead of a dict lookup per cell."""
    if not names:
        return {}
    getter = itemgetter(*names)
    blank = dict.fromkeys(names)
    rows = []
    for r in records:
        try:
            rows.append(getter(r))
        except KeyError:  # a row without some columns (a table row): they are None
            rows.append(getter({**blank, **r}))
    if len(names) == 1:
        return {names[0]: rows}
    return {name: list(values) for name, values in zip(names, zip(*rows, strict=True), strict=True)}


def conform(df: pd.DataFrame) -> pd.DataFrame:
    """Add missing columns (as nulls), order them and cast them to the schema's dtypes.

    Extra columns are kept after the schema's columns.
    """
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import

    out = df.copy()
    for col in COLUMNS:
        if col.name not in out.columns:
            out[col.name] = pd.NA
        out[col.name] = _cast(out[col.name], col.dtype)
    extra = [c for c in out.columns if c not in BY_NAME]
    return out[list(COLUMN_NAMES) + extra].reset_index(drop=True)


def _cast(s: pd.Series, dtype: str) -> pd.Series:
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import

    if (dtype == "float" and s.dtype == "float64") or (dtype == "Int64" and s.dtype == "Int64"):
        return s  # already right: casting again costs time on large tables
    if dtype == "string" and s.dtype == pd.StringDtype():
        return s
    if dtype == "float":
        return pd.to_numeric(s, errors="coerce").astype("float64")
    if dtype == "Int64":
        return pd.to_numeric(s, errors="coerce").round().astype("Int64")
    if dtype == "boolean":
        return _to_boolean(s)
    if isinstance(s.dtype, pd.CategoricalDtype):
        s = s.astype(object)
    return s.astype("string")


_TRUTH = {"true": True, "false": False, "1": True, "0": False, "1.0": True, "0.0": False}


def _to_boolean(s: pd.Series) -> pd.Series:
    """True/False/empty from bools, 0/1 or the words true/false (a CSV read back)."""
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import

    if s.dtype == "boolean":
        return s
    if pd.api.types.is_bool_dtype(s.dtype):
        return s.astype("boolean")
    return s.map(
        lambda v: pd.NA if pd.isna(v) else _TRUTH.get(str(v).strip().lower(), pd.NA)
    ).astype("boolean")


def violations(df: pd.DataFrame) -> list[str]:
    """Every way `df` breaks the schema (all of them, not the first)."""
    problems: list[str] = []
    missing = [c for c in COLUMN_NAMES if c not in df.columns]
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    for col in COLUMNS:
        if col.name not in df.columns:
            continue
        s = df[col.name]
        if not col.nullable and s.isna().any():
            problems.append(
                f"{col.name}: {int(s.isna().sum())} empty value(s) in a required column"
            )
        if col.allowed is not None:
            bad = sorted({str(v) for v in s.dropna().unique()} - set(col.allowed))
            if bad:
                problems.append(
                    f"{col.name}: values not allowed {bad[:5]} (allowed: {list(col.allowed)})"
                )
    if {"start", "end"} <= set(df.columns) and len(df):
        bad_span = (df["end"] <= df["start"]).fillna(False)
        if bad_span.any():
            problems.append(f"start/end: {int(bad_span.sum())} row(s) with end <= start")
    if "id" in df.columns and df["id"].duplicated().any():
        problems.append(f"id: {int(df['id'].duplicated().sum())} duplicate id(s)")
    return problems


def validate(df: pd.DataFrame) -> pd.DataFrame:
    """Return `df` unchanged if it meets the schema, else raise SchemaError listing all violations."""
    problems = violations(df)
    if problems:
        raise SchemaError("indicator table breaks the schema:\n- " + "\n- ".join(problems))
    return df
