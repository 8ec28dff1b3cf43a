"""The one pint registry (`ureg`, `Q_`), extended with Chinese units from vocab/units_zh.txt."""

from __future__ import annotations

from functools import cache

import pint

from indicators.vocabulary import load_vocab, read_vocab_file

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
ureg.load_definitions(read_vocab_file("units_zh.txt").splitlines())
Q_ = ureg.Quantity

# table labels that are not measure words
SPECIAL_LABELS = {"%": "percent", "pp": "percentage_point", "ratio": "ratio", "": "dimensionless"}


@cache
def canonical_unit(label: str) -> str:
    """pint's canonical name for a unit label: '万元'-scaled '元' -> 'yuan', '小时' -> 'hour'.

    Returns "" when the label is unknown to the vocabularies.
    """
    pint_name = SPECIAL_LABELS.get(label) or load_vocab().pint_of_label.get(label)
    if pint_name is None:
        return ""
    return str(ureg.parse_units(pint_name))


def convert(value: float, from_label: str, to_label: str) -> float:
    """Convert a value between compatible unit labels: convert(15, '天', '小时') -> 360.0.

    Raises pint.DimensionalityError for incompatible units (人 and 件).
    """
    src, dst = canonical_unit(from_label), canonical_unit(to_label)
    if not src or not dst:
        raise ValueError(f"unknown unit label {from_label if not src else to_label!r}")
    return Q_(value, src).to(dst).magnitude


@cache
def compatible(a: str, b: str) -> bool:
    """True when two unit labels measure the same dimension (天 and 小时, not 人 and 件)."""
    ca, cb = canonical_unit(a), canonical_unit(b)
    return (
        bool(ca and cb)
        and ureg.parse_units(ca).dimensionality == ureg.parse_units(cb).dimensionality
    )
