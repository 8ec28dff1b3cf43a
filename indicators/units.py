"""The one pint registry (`ureg`, `Q_`), extended with Chinese units from vocab/units_zh.txt.

Extraction needs only each unit label's canonical pint name and dimension; those are kept in
`vocab/unit_table.csv`, made from the registry by `python -m indicators.units` (and checked
against it by tests/extraction/test_units.py), so a run of the extractor never pays the 0.8 s of
importing pint and building the registry. Conversions (`convert`) build the registry on first use.
"""

from __future__ import annotations

import csv
import io
import sys
from functools import cache

from indicators.vocabulary import VOCAB_DIR, load_vocab, read_vocab_file

TABLE = "unit_table.csv"
# table labels that are not measure words
SPECIAL_LABELS = {"%": "percent", "pp": "percentage_point", "ratio": "ratio", "": "dimensionless"}


@cache
def registry():
    """The registry, built once, on first use."""
    import pint  # noqa: PLC0415 - 0.8 s with the registry: only conversions need it

    ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    ureg.load_definitions(read_vocab_file("units_zh.txt").splitlines())
    return ureg


def __getattr__(name: str):
    """`ureg` and `Q_` as module attributes, built when first asked for."""
    if name == "ureg":
        return registry()
    if name == "Q_":
        return registry().Quantity
    raise AttributeError(name)


def _pint_name(label: str) -> str | None:
    return SPECIAL_LABELS.get(label) or load_vocab().pint_of_label.get(label)


def units_from_pint(label: str) -> tuple[str, str]:
    """(canonical name, dimensionality) of a label, asked of the registry ("", "") if unknown."""
    pint_name = _pint_name(label)
    if pint_name is None:
        return ("", "")
    unit = registry().parse_units(pint_name)
    return (str(unit), str(unit.dimensionality))


@cache
def _table() -> dict[str, tuple[str, str]]:
    path = VOCAB_DIR / TABLE
    if not path.exists():
        return {}
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return {r["label"]: (r["canonical"], r["dimensionality"]) for r in rows}


@cache
def _units_of(label: str) -> tuple[str, str]:
    known = _table().get(label)
    return known if known is not None else units_from_pint(label)


def canonical_unit(label: str) -> str:
    """pint's canonical name for a unit label: '万元'-scaled '元' -> 'yuan', '小时' -> 'hour'.

    Returns "" when the label is unknown to the vocabularies.
    """
    return _units_of(label)[0]


def convert(value: float, from_label: str, to_label: str) -> float:
    """Convert a value between compatible unit labels: convert(15, '天', '小时') -> 360.0.

    Raises pint.DimensionalityError for incompatible units (人 and 件).
    """
    src, dst = canonical_unit(from_label), canonical_unit(to_label)
    if not src or not dst:
        raise ValueError(f"unknown unit label {from_label if not src else to_label!r}")
    ureg = registry()
    return ureg.Quantity(value, src).to(dst).magnitude


@cache
def compatible(a: str, b: str) -> bool:
    """True when two unit labels measure the same dimension (天 and 小时, not 人 and 件)."""
    (ca, da), (cb, db) = _units_of(a), _units_of(b)
    return bool(ca and cb) and da == db


def unit_table_text() -> str:
    """vocab/unit_table.csv as the registry makes it: every label of the vocabularies."""
    labels = sorted(set(load_vocab().pint_of_label) | set(SPECIAL_LABELS))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["label", "canonical", "dimensionality"])
    for label in labels:
        writer.writerow([label, *units_from_pint(label)])
    return out.getvalue()


if __name__ == "__main__":  # python -m indicators.units: rewrite vocab/unit_table.csv
    (VOCAB_DIR / TABLE).write_text(unit_table_text(), encoding="utf-8")
    print(f"wrote {VOCAB_DIR / TABLE}", file=sys.stderr)
