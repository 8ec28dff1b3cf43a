"""The indicators view for leaders as plain data: per domain, the indicators that have data, each
with its latest value, its change and whether that is for the better, one reading per city.

Pure functions over the prepared table (`dashboard.data.Prepared`) and a row mask; no Dash here.
The page formats the raw values (`dashboard.numbers`) and maps the reason codes to messages.

One **item** is one identity of the table: one `indicator_key` in one unit (the comparison's
"key|unit", `Prepared.cats["key_unit"]`), so a level and its change rate, or one key in 件 and in
个, are never one item. Targets and a pair's baseline dated like its current are not values of
their year and make no item. A level's **change** comes from the same city, document and year:

- its from→to pair when the value is a pair's current ("从38.69%提升至68.17%" → +29.48 pp; for a
  unit other than % the relative change, "214项→30项" → -86 %);
- else a change row of the same indicator (`<key>.change_rate`, `.change_pp`, `.change`; for an
  unknown indicator `auto.<name>.<kind>` and `auto.<name>.percent.change_rate`), in the same
  case when there is one there, one whose `improving` is known first, then the first in the text.
  Such a change row is shown on its level's card and not again alone.

A change row with no level of its document and year is an item of its own (kind "change").

**Readings.** An item has one reading per city: the city's latest value. Latest = the highest
year (no year counts as oldest); ties: a core row, then a pair's current (it carries its change),
then the most recently published document, then the first mention in the table.

**Order.** An item is shown in the domain most of its rows in the view have (ties: the
catalogue's first). Domains: most rows in the view first (as the charts order them), ties in the
order of `indicators/vocab/domains.yaml`, unclassified last; a domain with nothing to show comes
after those with items and says why (`Section.reason`). Items within a domain: results (core) first;
then the ones whose change is coloured (the table's `improving` known), then the ones with a change
or a direction; then reported in more cities; a catalogue indicator before one named from the
text; then more city-years, more mentions, the latest year; then the key (a stable order).

**Empty views** (`Report.reason`): "no_data" the table is empty; "no_match" no row matches the
filters; "only_context" the rows that match are all context numbers, hidden by default;
"no_values" rows match but none is a value of its year (only targets, undated baselines, rows
without a key). `Report.comparison_reason` "no_shared": several cities, no indicator in common.

Speed: the rows are presorted once per prepared table (`report_index`, cached), so a view is a few
boolean look-ups and searchsorted calls: see bench/bench_report.py.
"""

from dashboard.report.index import ChangeLookup, ReportIndex, indicator_stem, report_index
from dashboard.report.records import (
    MAX_PER_DOMAIN,
    REASONS,
    TOP_COMPARED,
    Change,
    Item,
    Reading,
    Report,
    Section,
)
from dashboard.report.view import build_report, comparison_items, report_for_state, report_sections

__all__ = [
    "MAX_PER_DOMAIN", "REASONS", "TOP_COMPARED", "Change", "ChangeLookup", "Item", "Reading",
    "Report", "ReportIndex", "Section", "build_report", "comparison_items", "indicator_stem",
    "report_for_state", "report_index", "report_sections",
]  # fmt: skip
