"""Fill the structure columns of the indicator table: city, district, units, case, domain and year."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from indicators.sources import SourceRecord
from indicators.structure.cases import split_cases
from indicators.structure.domains import dominant_domain, load_taxonomy
from indicators.structure.model import Case, CaseSplit
from indicators.structure.places import city_of_text
from indicators.structure.timing import inferred_year, resolve_year

if TYPE_CHECKING:  # add_structure loads pandas; the extraction itself needs none
    import pandas as pd

STRUCTURE_COLUMNS = (
    "city", "district", "department", "case_id", "case_no", "case_title", "domain",
    "domain_label", "domain_alt", "domain_evidence", "year", "year_source", "published",
)  # fmt: skip


def case_for(split: CaseSplit, offset: int, starts: list[int] | None = None) -> Case | None:
    """The case whose [start, end) holds `offset` (cases are in text order and do not overlap)."""
    starts = starts if starts is not None else [c.start for c in split.cases]
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < split.cases[i].end:
        return split.cases[i]
    return None


def document_city(text: str, source: SourceRecord | None) -> tuple[str | None, str | None]:
    """(city, where it came from): the sources record first ("source", or "inferred" when the
    record itself was guessed), else the text ("text")."""
    if source is not None and source.city:
        return source.city, ("inferred" if source.inferred else "source")
    city = city_of_text(text)
    return city, ("text" if city else None)


def case_fields(case: Case | None, doc_domain: str) -> dict:
    """The case columns of one row; rows outside cases get the document's dominant domain."""
    taxonomy = load_taxonomy()
    if case is None:
        return {
            "district": None, "department": None, "case_id": None, "case_no": None,
            "case_title": None, "domain": doc_domain, "domain_label": taxonomy.label(doc_domain),
            "domain_alt": None, "domain_evidence": "outside any case: the document's dominant domain",
        }  # fmt: skip
    return {
        "district": case.district,
        "department": "、".join(case.departments) or None,
        "case_id": case.case_id,
        "case_no": case.case_no or None,
        "case_title": case.title or None,
        "domain": case.domain,
        "domain_label": taxonomy.label(case.domain),
        "domain_alt": case.domain_alt,
        "domain_evidence": case.domain_evidence,
    }


def add_structure(
    table: pd.DataFrame, text: str, doc: str, source: SourceRecord | None
) -> pd.DataFrame:
    """Return `table`'s rows with the structure columns filled from the document `text`
    (`structure_rows` on a DataFrame)."""
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import

    from indicators.schema import conform, frame_from_records

    rows = table.to_dict("records")
    for row in rows:
        if pd.isna(row.get("year")):
            row["year"] = None
    return conform(frame_from_records(structure_rows(rows, text, doc, source)))


def structure_rows(
    rows: list[dict], text: str, doc: str, source: SourceRecord | None
) -> list[dict]:
    """Fill each row dict's structure columns from the document `text`, in place; returns `rows`.

    Each row belongs to the case whose span holds its `start`. Year precedence: the row's own
    (clause) year > the case's year > the period the document covers > its publication year >
    a year inferred from the text; `year_source` says which. With `source=None` the city and
    year come from the text (`city_source` "text", `year_source` "inferred").
    """
    if not rows:
        return rows
    city, city_source = document_city(text, source)
    split = split_cases(text, city=city)
    doc_domain = (
        dominant_domain([c.domain for c in split.cases]) if split.cases else _doc_domain(text)
    )
    period_end = source.period_end if source else None
    published_year = source.published_year if source else None
    text_year = inferred_year(text) if period_end is None and published_year is None else None
    published = (source.published or None) if source else None
    starts = [c.start for c in split.cases]
    fields: dict[int, dict] = {}  # case ordinal (0: outside any case) -> its case columns
    for row in rows:
        case = case_for(split, int(row["start"]), starts)
        ordinal = case.ordinal if case else 0
        if ordinal not in fields:
            fields[ordinal] = case_fields(case, doc_domain)
        year, year_source = resolve_year(
            row.get("year"),
            case.year if case else None,
            case.since_year if case else None,
            period_end,
            published_year,
            text_year,
        )
        if source is not None and source.inferred and year_source in ("period", "published"):
            year_source = "inferred"  # the record's dates were guessed, not read
        row.update(fields[ordinal])
        row.update(year=year, year_source=year_source, city=city, city_source=city_source)
        row.update(published=published, doc=row.get("doc") or doc)
    return rows


def _doc_domain(text: str) -> str:
    """A document without cases: classify its whole text."""
    from indicators.structure.domains import classify_case

    return classify_case("", (), text).key
