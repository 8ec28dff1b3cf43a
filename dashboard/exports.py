"""Export glue: the filtered rows, the "说明 About" facts of an export, and the exporter registry.

The exporters themselves are pure functions in `indicators.exporters` (`EXPORTERS[fmt](df, about=,
lang=) -> bytes`); this module only chooses the rows and writes down what the export contains.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

import pandas as pd

from dashboard.data import Prepared
from dashboard.filters import MULTI, FilterState
from dashboard.i18n import t
from indicators.exporters import EXPORTERS
from indicators.schema import BY_NAME, conform
from indicators.sources import SourceRecord

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def exporters() -> Mapping[str, Callable[..., bytes]]:
    """The exporter registry (`indicators.exporters.EXPORTERS`)."""
    return EXPORTERS


def export_frame(prep: Prepared, positions) -> pd.DataFrame:
    """The rows at `positions` as the schema's plain columns (no dashboard categories), the label
    (指标) just before the name in the text (原文指标名), as in the table on the page."""
    from dashboard.data import NONE  # noqa: PLC0415

    sub = prep.df.iloc[positions]
    sub = sub[[c for c in sub.columns if c in BY_NAME]].copy()
    for col in sub.columns:
        if isinstance(sub[col].dtype, pd.CategoricalDtype):
            sub[col] = sub[col].astype(object).where(sub[col].astype(object) != NONE, None)
    out = conform(sub)
    order = [c for c in out.columns if c != "indicator_label"]
    order.insert(order.index("indicator"), "indicator_label")
    return out[order]


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
    if not state.show_all:
        applied.append(t("export.core_only", lang))
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
