"""Numbers as readers read them: 1.7亿元, 8.8万余人, 3.5个百分点 / 170 million yuan, over 88,000 people.

Pure functions from a table value (and its unit, qualifier, range and direction) to display text.
The rules, in both languages:

- **Exact, never rounded.** A value is written with the largest magnitude word at which it needs
  at most two decimals, else as it is. Chinese 万亿/亿/万: 170000000 元 -> 1.7亿元, 495500 -> 49.55万,
  1234567800 元 -> 123456.78万元 (as a text writes 万元 sums). English million/billion/trillion
  from one million up (170 million yuan, 5.98 million), below that grouping commas (88,000
  people, 1,485 cases): "88 thousand" is not how English prose writes it. So 38447 件 stays
  38447件 / 38,447 cases, as the text wrote it, and 99999999 stays 99999999: no precision the
  text had is rounded away (3.84万 would be). Chinese never groups with commas. Float noise is
  dropped at 15 significant digits (the digits a float holds for sure).
- **Rates are not scaled**: %, pp (个百分点 / percentage points), ‰, 倍 (times) and ratio (a
  fraction, 三分之二 / 2/3).
- **Qualifiers** (the table's approx/over/under): approx -> 约… / about …; over -> …余 + unit
  for a measure word after a whole number or a 万/亿 (490余个, 8.8万余人), else … + 以上 (96%以上,
  6个月以上), in English over … / … or more for rates; under -> 不到… / under …, a time unit
  …以内 / within …, a rank (前30名, top 30).
- **Ranges** share one magnitude when both ends are exact at it: 3–5万元 / 3–5 million yuan;
  else 5000–20000元 / 5,000–20,000 yuan.
- **Signs** only when asked (`signed=True`, for a change): + for up, − for down (the table stores a
  fall as a positive value with direction "down"). Negative values use the minus sign −.
- **Missing** (None, NaN, pd.NA) -> "—".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from indicators.vocabulary import load_yaml

UNITS_EN = Path(__file__).parent / "i18n" / "units_en.yaml"
MISSING = "—"
MINUS = "\u2212"  # − (the minus sign, not a hyphen)
DASH = "–"  # en dash between the ends of a range
MAX_DECIMALS = 2  # at most this many decimals after a magnitude word, else a smaller one
SCALES = {
    "zh": ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")),
    "en": (
        (Decimal(10) ** 12, "trillion"),
        (Decimal(10) ** 9, "billion"),
        (Decimal(10) ** 6, "million"),
    ),
}
TICK_WORDS = {"trillion": "T", "billion": "B", "million": "M"}  # short forms on an English axis
RATE_UNITS = frozenset({"%", "pp", "‰", "倍", "ratio"})  # never scaled, never 余
UNIT_ALIASES = {"个百分点": "pp", "百分点": "pp", "percentage_point": "pp", "percent": "%"}
MAGNITUDE_PREFIXES = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 10**3}  # 万元 = 10,000 元
# unit labels as Chinese writes them after a number (3.5个百分点, 6个月, 5个工作日)
ZH_LABELS = {"pp": "个百分点", "月": "个月", "工作日": "个工作日", "ratio": ""}
# the extractor's ranks (unit 名): 排名前30名 is "under", 位列第3名 has no qualifier
RANKS = {
    "zh": {None: "第{n}名", "under": "前{n}名", "approx": "约第{n}名", "over": "第{n}名以后"},
    "en": {
        None: "No. {n}",
        "under": "top {n}",
        "approx": "about No. {n}",
        "over": "No. {n} or lower",
    },
}
ZH_NUMERALS = "零一二三四五六七八九十"


class UnitWordsError(ValueError):
    """dashboard/i18n/units_en.yaml cannot be read as {label: word | [one, many]}."""


@cache
def english_units() -> dict[str, tuple[str, str]]:
    """{unit label: (singular, plural)} from dashboard/i18n/units_en.yaml (read once)."""
    return read_unit_words(UNITS_EN)


def read_unit_words(path: Path) -> dict[str, tuple[str, str]]:
    """{unit label: (singular, plural)} from a units file; UnitWordsError names a bad line."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise UnitWordsError(f"{path}: not valid YAML ({error}); fix the file") from error
    if not isinstance(data, dict):
        raise UnitWordsError(f"{path}: expected lines `label: word`, got {type(data).__name__}")
    words: dict[str, tuple[str, str]] = {}
    for label, word in data.items():
        if isinstance(word, str):
            words[str(label)] = (word, word)
        elif isinstance(word, list) and len(word) == 2 and all(isinstance(w, str) for w in word):
            words[str(label)] = (word[0], word[1])
        else:
            raise UnitWordsError(
                f"{path}: {label!r} has {word!r}; write a word or [singular, plural]"
            )
    return words


@cache
def unit_kinds() -> dict[str, str]:
    """{unit label: kind} (count, time, money, rank, rate …) from the extractor's measure words."""
    kinds = {
        label: spec["kind"] for label, spec in load_yaml("measure_words.yaml")["units"].items()
    }
    return kinds | dict.fromkeys(RATE_UNITS, "rate") | {"": "none"}


def to_decimal(value) -> Decimal | None:
    """The value as an exact decimal of its 15 sure digits; None when missing or not finite.

    88000.00000000001 -> Decimal("88000"); 24.96 -> Decimal("24.96"); NaN, None, pd.NA -> None
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return Decimal(format(number, ".15g")).normalize() + 0  # + 0: -0 becomes 0


def decimals(d: Decimal) -> int:
    """Digits after the point: Decimal("49.55") -> 2, Decimal("1.7E+8") -> 0."""
    return max(0, -d.normalize().as_tuple().exponent)


def digits(d: Decimal, lang: str = "zh") -> str:
    """A decimal written out without exponent; commas in English; − for negatives.

    Decimal("1.5E+12") -> "1500000000000"; Decimal("-1485"), "en" -> "−1,485"
    """
    text = format(abs(d.normalize()), ",f" if lang == "en" else "f")
    return f"{MINUS}{text}" if d < 0 else text


def choose_scale(values: Iterable[Decimal], lang: str = "zh") -> tuple[Decimal, str]:
    """The largest magnitude at which every value is at least 1 (or 0) and has ≤ 2 decimals.

    [170000000] -> (10**8, "亿"); [38447] -> (1, ""); [30000, 50000] -> (10**4, "万");
    [5000, 20000] -> (1, "") (5000 is 0.5万); in English [170000000] -> (10**6, "million")
    """
    values = list(values)
    for divisor, word in SCALES["en" if lang == "en" else "zh"]:
        if all(
            (v == 0 or abs(v) >= divisor) and decimals(v / divisor) <= MAX_DECIMALS for v in values
        ) and any(v != 0 for v in values):
            return divisor, word
    return Decimal(1), ""


def scaled(values: list[Decimal], lang: str, *, allow_scale: bool = True) -> tuple[list[str], str]:
    """The values written at one shared magnitude, and its word ("" for none)."""
    divisor, word = choose_scale(values, lang) if allow_scale else (Decimal(1), "")
    return [digits(v / divisor, lang) for v in values], word


def format_number(value, lang: str = "zh") -> str:
    """A bare number as a reader reads it.

    12000 -> "1.2万" / "12,000"; 100000000 -> "1亿" / "100 million"; 1485.0 -> "1485" / "1,485";
    38447 -> "38447" (3.8447万 needs four decimals) / "38,447"; NaN -> "—"
    """
    d = to_decimal(value)
    if d is None:
        return MISSING
    (text,), word = scaled([d], lang)
    return f"{text}{word}" if lang != "en" else f"{text} {word}".strip()


def split_magnitude(unit: str) -> tuple[str, int]:
    """A unit label written with a magnitude split off: "万元" -> ("元", 10000); "元" -> ("元", 1).

    Only when the label itself is not a unit (千瓦 stays a unit) and the rest is one.
    """
    unit = UNIT_ALIASES.get(unit, unit)
    if unit in unit_kinds():
        return unit, 1
    for prefix, factor in MAGNITUDE_PREFIXES.items():
        rest = UNIT_ALIASES.get(unit.removeprefix(prefix), unit.removeprefix(prefix))
        if unit.startswith(prefix) and rest and rest in unit_kinds():
            return rest, factor
    return unit, 1


def unit_words(unit: str, lang: str, *, one: bool = False) -> str:
    """How a unit label reads after a number: "pp" -> "个百分点" / "percentage points"; "人" ->
    "人" / "people" ("person" with one=True); an unknown "元/人" -> "yuan per person"."""
    if lang != "en":
        return ZH_LABELS.get(unit, unit)
    special = {"%": "%", "‰": "‰", "ratio": "", "倍": "times"}
    if unit in special:
        return special[unit]
    if unit == "pp":
        return "percentage point" if one else "percentage points"
    if unit in english_units():
        return english_units()[unit][0 if one else 1]
    if "/" in unit:
        top, _, per = unit.partition("/")
        return f"{unit_words(top, lang, one=one)} per {unit_words(per, lang, one=True)}"
    return unit


def fraction_text(d: Decimal, lang: str) -> str | None:
    """A ratio below 1 that is a simple fraction: 0.666667 -> "三分之二" / "2/3"; else None."""
    for den in range(2, 11):
        num = round(float(d) * den)
        if 0 < num < den and abs(float(d) * den - num) < 1e-4 and math.gcd(num, den) == 1:
            return f"{num}/{den}" if lang == "en" else f"{ZH_NUMERALS[den]}分之{ZH_NUMERALS[num]}"
    return None


def number_part(ends: list[Decimal], unit: str, lang: str) -> tuple[str, str]:
    """The number (or range) without sign, qualifier or unit, and its magnitude word.

    [30000, 50000], "元", "zh" -> ("3–5", "万"); [24.96], "%", "en" -> ("24.96", "")
    """
    if unit == "ratio" and len(ends) == 1 and (fraction := fraction_text(ends[0], lang)):
        return fraction, ""
    if unit == "ratio":
        ends = [Decimal(f"{v:.4g}") for v in ends]  # a fraction's decimals are already rounded
    texts, word = scaled(ends, lang, allow_scale=unit not in RATE_UNITS)
    return DASH.join(texts), word


def signed_ends(value: Decimal, low: Decimal | None, direction, signed: bool):
    """The ends to write (magnitudes when signed) and the sign: "+", MINUS or ""."""
    ends = [low, value] if low is not None else [value]
    if not signed or value == 0:
        return ends, ""
    negative = direction == "down" or (direction != "up" and value < 0)
    return [abs(v) for v in ends], MINUS if negative else "+"


def format_value(
    value,
    unit: str | None = "",
    lang: str = "zh",
    *,
    qualifier: str | None = None,
    value_low=None,
    direction: str | None = None,
    signed: bool = False,
) -> str:
    """A table value with its unit, as a reader reads it.

    170000000, "元" -> "1.7亿元" / "170 million yuan"; 88000, "人", qualifier="over" -> "8.8万余人"
    / "over 88,000 people"; 3.5, "pp" -> "3.5个百分点" / "3.5 percentage points"; 50000, "元",
    value_low=30000 -> "3–5万元" / "30,000–50,000 yuan"; 24.96, "%", direction="down",
    signed=True -> "−24.96%"; NaN -> "—"
    """
    d = to_decimal(value)
    if d is None:
        return MISSING
    unit, factor = split_magnitude(str(unit or "") if not _missing(unit) else "")
    low = to_decimal(value_low)
    d, low = d * factor, (low * factor if low is not None else None)
    ends, sign = signed_ends(d, low, None if _missing(direction) else direction, signed)
    number, word = number_part(ends, unit, lang)
    qualifier = None if _missing(qualifier) else qualifier
    if lang == "en":
        return english_phrase(sign + number, word, unit, qualifier, one=low is None and d == 1)
    return chinese_phrase(sign + number, word, unit, qualifier)


def chinese_phrase(number: str, word: str, unit: str, qualifier: str | None) -> str:
    """Number, magnitude, unit and qualifier in Chinese order: "8.8", "万", "人", "over" ->
    "8.8万余人"; "96", "", "%", "over" -> "96%以上"; "5", "", "分钟", "under" -> "5分钟以内"."""
    kind, label = unit_kinds().get(unit, "count"), unit_words(unit, "zh")
    if kind == "rank":
        return RANKS["zh"].get(qualifier, RANKS["zh"][None]).format(n=number)
    if qualifier == "approx":
        return f"约{number}{word}{label}"
    if qualifier == "over":
        whole = bool(word) or "." not in number
        if label and whole and kind not in ("rate", "time"):
            return f"{number}{word}余{label}"
        return f"{number}{word}{label}以上"
    if qualifier == "under":
        return f"{number}{word}{label}以内" if kind == "time" else f"不到{number}{word}{label}"
    return f"{number}{word}{label}"


def english_phrase(number: str, word: str, unit: str, qualifier: str | None, *, one: bool) -> str:
    """Number, magnitude, unit and qualifier in English: "88,000", "", "人", "over" -> "over 88,000
    people"; "96", "", "%", "over" -> "96% or more"; "5", "", "分钟", "under" -> "within 5 minutes"."""
    kind, label = unit_kinds().get(unit, "count"), unit_words(unit, "en", one=one)
    if kind == "rank":
        return RANKS["en"].get(qualifier, RANKS["en"][None]).format(n=number)
    joiner = "" if unit in ("%", "‰") else " "
    amount = " ".join(p for p in (number, word) if p)
    text = f"{amount}{joiner}{label}" if label else amount
    if qualifier == "approx":
        return f"about {text}"
    if qualifier == "over":
        return f"{text} or more" if kind == "rate" else f"over {text}"
    if qualifier == "under":
        return f"within {text}" if kind == "time" else f"under {text}"
    return text


def format_row(row: Mapping, lang: str = "zh", *, signed: bool = False) -> str:
    """A table row's value (value, value_low, unit, qualifier, direction) as a reader reads it.

    {"value": 24.96, "unit": "%", "direction": "down", "role": "change"}, signed=True -> "−24.96%"
    """
    return format_value(
        row.get("value"),
        row.get("unit"),
        lang,
        qualifier=row.get("qualifier"),
        value_low=row.get("value_low"),
        direction=row.get("direction"),
        signed=signed,
    )


def scale_for(max_abs: float, unit: str = "", lang: str = "zh") -> tuple[float, str]:
    """How a chart axis shows big values: (divide by, axis unit label).

    2.5e9, "元" -> (1e8, "亿元") / (1e9, "billion yuan"); 88000, "人" -> (1e4, "万人") / (1, "people");
    24.96, "%" -> (1, "%")
    """
    unit = UNIT_ALIASES.get(unit or "", unit or "")
    label = unit_words(unit, lang)
    d = to_decimal(max_abs)
    if unit in RATE_UNITS or d is None:
        return 1.0, label
    for divisor, word in SCALES["en" if lang == "en" else "zh"]:
        if abs(d) >= divisor:
            text = f"{word}{label}" if lang != "en" else f"{word} {label}".strip()
            return float(divisor), text
    return 1.0, label


def nice_step(raw: float) -> Decimal:
    """The round tick step at or above `raw`: 1, 2, 2.5 or 5 times a power of ten (0.37 -> 0.5)."""
    exponent = math.floor(math.log10(raw))
    fraction = raw / 10**exponent
    nice = next(n for n in (1, 2, 2.5, 5, 10) if fraction <= n + 1e-9)
    return (Decimal(str(nice)) * Decimal(10) ** exponent).normalize()


def axis_ticks(
    values: Iterable, lang: str = "zh", *, max_ticks: int = 6, include_zero: bool = True
) -> tuple[list[float], list[str]]:
    """Round ticks over the values, labelled with one shared magnitude: (tickvals, ticktext).

    [0, 180000] -> [0, 50000, …, 200000] labelled "0", "5万" … "20万" / "0", "50,000" … "200,000";
    [0, 3.2e9] in English -> "0", "1B", "2B", "3B", "4B". Plotly: tickmode="array".
    """
    finite = [d for d in map(to_decimal, values) if d is not None]
    if include_zero:
        finite.append(Decimal(0))
    if not finite:
        return [], []
    lo, hi = min(finite), max(finite)
    if lo == hi:
        return [float(lo)], [format_number(lo, lang)]
    step = nice_step(float(hi - lo) / max(1, max_ticks - 1))
    first, last = math.floor(lo / step), math.ceil(hi / step)
    ticks = [(k * step).normalize() for k in range(first, last + 1)]
    divisor, word = choose_scale([max(abs(t) for t in ticks)], lang)
    if any(decimals(t / divisor) > MAX_DECIMALS for t in ticks):
        divisor, word = Decimal(1), ""
    word = TICK_WORDS.get(word, word)
    texts = [digits(t / divisor, lang) + (word if t else "") for t in ticks]
    return [float(t) for t in ticks], texts


def _missing(x) -> bool:
    """None, NaN or pd.NA (a missing string cell)."""
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN; pd.NA raises in bool()
    except TypeError:
        return True
