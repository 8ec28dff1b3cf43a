"""add_structure: each row gets its case, city, district, units, domain and year (with its source)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from indicators.schema import conform, violations
from indicators.structure import STRUCTURE_COLUMNS, add_structure

DOC_000 = "000_769d05f5ba385491.txt"
DOC_003 = "003_5d48b0844d692825.txt"


def rows_at(text: str, doc: str, surfaces: list[tuple[str, int | None]]) -> pd.DataFrame:
    """A tiny extractor-like table: one row per (surface, clause year) at its first occurrence."""
    rows = []
    for i, (surface, year) in enumerate(surfaces):
        start = text.index(surface)
        rows.append({"id": f"r{i}", "doc": doc, "start": start, "end": start + len(surface),
                     "surface": surface, "value": float(re.sub(r"[^\d.]", "", surface) or 0),
                     "role": "level", "year": year, "sentence": surface})  # fmt: skip
    return conform(pd.DataFrame(rows))


def test_rows_get_their_case_and_year_by_precedence(seed_text, sources):
    text = seed_text(DOC_000)
    table = rows_at(text, DOC_000, [("近20万人次", None), ("24.96%", 2020), ("87项", None)])
    out = add_structure(table, text, DOC_000, sources[DOC_000])
    first, fraud, powers = out.to_dict("records")
    assert first["case_no"] == "1" and first["district"] == "集美区"
    assert first["department"] == "市委台港澳办、集美区"
    assert first["domain"] == "cross_strait" and first["domain_label"] == "对台交流"
    assert (first["year"], first["year_source"]) == (2021, "period")
    assert (fraud["year"], fraud["year_source"]) == (2020, "clause")
    assert (
        fraud["case_title"] == "打造反诈精准宣防“厦门经验”" and fraud["domain"] == "public_safety"
    )
    assert powers["case_no"] == "5" and powers["domain"] == "government_services"
    assert {first["city"], first["published"], first["city_source"]} == {
        "厦门",
        "2021-12-07",
        "source",
    }


def test_case_year_beats_the_period(seed_text, sources):
    doc = "001_4d42245eb09b0b18.txt"
    text = seed_text(doc)
    out = add_structure(rows_at(text, doc, [("22.66万名", None)]), text, doc, sources[doc])
    assert (out.loc[0, "year"], out.loc[0, "year_source"]) == (2022, "case")


def test_rows_outside_cases_keep_empty_case_fields_and_the_document_domain(seed_text, sources):
    text = seed_text(DOC_000)
    out = add_structure(rows_at(text, DOC_000, [("100个", None)]), text, DOC_000, sources[DOC_000])
    row = out.loc[0]
    assert pd.isna(row["case_id"]) and pd.isna(row["department"])
    assert row["domain"] and row["city"] == "厦门" and row["year"] == 2021


def test_without_a_source_record_city_and_year_are_inferred(seed_text):
    text = seed_text(DOC_003)
    out = add_structure(
        rows_at(text, DOC_003, [("26.9亿元", None), ("65%", None)]), text, DOC_003, None
    )
    assert set(out["city"]) == {"深圳"} and set(out["city_source"]) == {"text"}
    assert out["published"].isna().all()
    assert out.loc[0, "year_source"] == "case" and out.loc[0, "year"] == 2014
    assert out.loc[1, "year_source"] == "inferred" and out.loc[1, "year"] >= 2015
    assert set(out["district"]) == {"盐田区"}


def test_output_keeps_rows_and_meets_the_schema(seed_text, sources):
    text = seed_text(DOC_003)
    table = rows_at(text, DOC_003, [("26.9亿元", None), ("65%", None)])
    out = add_structure(table, text, DOC_003, sources[DOC_003])
    assert list(out["id"]) == list(table["id"])
    assert set(STRUCTURE_COLUMNS) <= set(out.columns)
    assert violations(conform(out)) == []


@pytest.mark.parametrize("doc", [DOC_000, DOC_003])
def test_empty_table(doc, seed_text, sources):
    out = add_structure(rows_at(seed_text(doc), doc, []), seed_text(doc), doc, sources[doc])
    assert out.empty and set(STRUCTURE_COLUMNS) <= set(out.columns)


def test_a_guessed_source_record_is_flagged_inferred(seed_text, sources):
    from dataclasses import replace

    text = seed_text(DOC_000)
    guessed = replace(sources[DOC_000], inferred=True)
    out = add_structure(rows_at(text, DOC_000, [("近20万人次", None)]), text, DOC_000, guessed)
    assert (out.loc[0, "city"], out.loc[0, "city_source"]) == ("厦门", "inferred")
    assert (out.loc[0, "year"], out.loc[0, "year_source"]) == (2021, "inferred")
