"""Export glue: the filtered rows, the "说明 About" facts of an export, and the exporter registry.

The exporters themselves are pure functions in `indicators.exporters` (`EXPORTERS[fmt](df, about=,
lang=) -> bytes`); until that module exists a minimal fallback with the same contract is used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from datetime import datetime

import pandas as pd

from dashboard.data import Prepared
from dashboard.filters import MULTI, FilterState
from dashboard.i18n import t
from indicators.schema import BY_NAME, COLUMN_NAMES, conform
from indicators.sources import SourceRecord

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
_FORMULA_START = ("=", "+", "-", "@")


def exporters() -> Mapping[str, Callable[..., bytes]]:
    """The exporter registry: `indicators.exporters.EXPORTERS` when present, else the fallback."""
    try:
        from indicators.exporters import EXPORTERS  # noqa: PLC0415 (may land later)
    except ImportError:
        return FALLBACK
    return EXPORTERS


def export_frame(prep: Prepared, positions) -> pd.DataFrame:
    """The rows at `positions` as the schema's plain columns (no dashboard categories)."""
    from dashboard.data import NONE  # noqa: PLC0415

    sub = prep.df.iloc[positions]
    sub = sub[[c for c in sub.columns if c in BY_NAME]].copy()
    for col in sub.columns:
        if isinstance(sub[col].dtype, pd.CategoricalDtype):
            sub[col] = sub[col].astype(object).where(sub[col].astype(object) != NONE, None)
    return conform(sub)


def about(
    state: FilterState,
    sources: Mapping[str, SourceRecord],
    docs: list[str],
    n_rows: int,
    exported_at: datetime,
    link: str = "",
) -> dict[str, str]:
    """The facts written on the About sheet: filters applied, export time, row count, sources."""
    lang = state.lang
    applied = []
    for name in MULTI:
        values = getattr(state, name)
        if values:
            shown = [t(f"direction.{v}", lang) if name == "direction" else v for v in values]
            applied.append(f"{t('filters.' + name, lang)}: {'、'.join(shown)}")
    if state.year:
        applied.append(f"{t('filters.year', lang)}: {state.year[0]}–{state.year[1]}")
    if state.q:
        applied.append(f"{t('filters.search', lang)}: {state.q}")
    if state.sel:
        applied.append(
            f"{t('selection.title', lang)}: " + "、".join(f"{c}={v}" for c, v in state.sel)
        )
    out = {
        "筛选条件 Filters": "；".join(applied) if applied else "无（全部记录） none (all rows)",
        "导出时间 Exported at": exported_at.isoformat(timespec="seconds"),
        "记录数 Rows": str(n_rows),
        "视图链接 View link": link,
    }
    lines = []
    for doc in docs:
        rec = sources.get(doc)
        if rec is None:
            lines.append(doc)
            continue
        period = f"{rec.period_start}–{rec.period_end}" if rec.period_start else ""
        lines.append(
            "；".join(
                x
                for x in (
                    doc,
                    rec.title,
                    rec.city,
                    rec.publisher,
                    rec.published,
                    period,
                    f"sha256 {rec.sha256[:12]}" if rec.sha256 else "",
                )
                if x
            )
        )
    out["来源文档 Sources"] = "\n".join(lines) if lines else "—"
    return out


def filename(fmt: str, when: datetime) -> str:
    """reform-indicators_20261122-0315.xlsx"""
    return f"reform-indicators_{when:%Y%m%d-%H%M}.{fmt}"


# --- fallback exporters (same contract as indicators.exporters) --------------------------------


def _headers(df: pd.DataFrame, lang: str | None) -> list[str]:
    if lang not in ("zh", "en"):
        return list(df.columns)
    return [getattr(BY_NAME[c], lang) if c in BY_NAME else c for c in df.columns]


def _neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _to_csv_bytes(df: pd.DataFrame, lang: str | None = "zh") -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(_headers(df, lang))
    for row in df.astype(object).where(df.notna(), "").itertuples(index=False):
        writer.writerow([_neutralise(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _to_xlsx_bytes(
    df: pd.DataFrame, about: Mapping[str, str] | None = None, lang: str | None = "zh"
) -> bytes:
    import xlsxwriter  # noqa: PLC0415

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "nan_inf_to_errors": True,
        },
    )
    sheet = book.add_worksheet("数据 Data")
    bold = book.add_format({"bold": True})
    for j, head in enumerate(_headers(df, lang)):
        sheet.write_string(0, j, head, bold)
    for j, col in enumerate(df.columns):
        values = df[col].astype(object).where(df[col].notna(), None).tolist()
        numeric = pd.api.types.is_numeric_dtype(df[col].dtype)
        for i, v in enumerate(values, start=1):
            if v is None:
                continue
            if numeric:
                sheet.write_number(i, j, float(v))
            else:
                sheet.write_string(i, j, str(v))
        sheet.set_column(j, j, 40 if col in ("sentence", "case_title") else 12)
    info = book.add_worksheet("说明 About")
    rows = list((about or {}).items())
    rows += [(f"{c} {BY_NAME[c].zh} {BY_NAME[c].en}", BY_NAME[c].meaning) for c in COLUMN_NAMES]
    for i, (k, v) in enumerate(rows):
        info.write_string(i, 0, str(k), bold)
        info.write_string(i, 1, str(v))
    info.set_column(0, 0, 28)
    info.set_column(1, 1, 100)
    book.close()
    return buf.getvalue()


FALLBACK: Mapping[str, Callable[..., bytes]] = {"xlsx": _to_xlsx_bytes, "csv": _to_csv_bytes}
