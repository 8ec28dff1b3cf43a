"""Find every number in a text: Arabic, Chinese numerals, 万/亿 magnitudes, fractions, percents.

`find_numbers(text)` returns one `NumberSpan` per number, before any decision about whether the
number is an indicator. Offsets are Python str indices into `text`, end exclusive.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, fields
from functools import cache

from indicators.normalize import to_halfwidth
from indicators.spans import SpanIndex

# ---------------------------------------------------------------------------------------------
# Character classes (one place; the regexes below are built from them)
# ---------------------------------------------------------------------------------------------
CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2,
    "倆": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6,
    "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, float] = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "兆": 1e12}
VAGUE_DIGITS = "几幾"  # 二十几万: "some", read as 0 in its place
DECIMAL_POINTS = "点點"
# financial numerals that are ordinary words when they stand alone (陆地, 伍仁, 拾起, 放肆)
LONE_WORD_CHARS = set("陆陸伍拾肆佰仟柒捌玖貳參")

_D = "".join(CN_DIGITS)
_U = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_CN = _D + _U
_CN_NOT_ZHAO = _CN.replace("兆", "")

_ARABIC = r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)*"  # 1,234.5 ("1.2.3" is caught and refused)

# A candidate numeric run. Whitespace may stand between Chinese numeral parts ("一百 五 十 二",
# "7 万5 千4 百"); never between two Arabic numbers.
_RUN = rf"""
    (?:{_ARABIC}|(?<![.0-9])\.[0-9]+|[{_CN}半])                  # first part
    (?:
        {_ARABIC}                                               # more Arabic digits (5万4千6百)
      | [{_CN_NOT_ZHAO}{VAGUE_DIGITS}]                          # more Chinese numeral characters
      | 兆(?![瓦赫帕焦欧字比])                                  # 兆 (but 兆瓦 is megawatt)
      | [余多](?=\s*[{_U}])                                     # 十余万, 1000多万: 余/多 before a magnitude
      | [{DECIMAL_POINTS}](?=\s*[{_D}])                         # 十五点七
      | \s+(?=[{_CN}{DECIMAL_POINTS}])                          # spaced Chinese numerals
    )*
"""

# fractions and percent forms, tried before plain runs (longest match wins at a position)
_NUMBER_RE = re.compile(
    rf"""
    (?=[-0-9.负負{_CN}半数幾几])                                           # fast skip to a candidate
    (?P<neg>[负負]|(?<![0-9{_CN}%\-])-(?=\.?[0-9]))?                    # not the dash of a range
    (?:
        (?P<snumer>(?<![0-9/])[0-9]{{1,3}})\s*/\s*(?P<sden>[0-9]{{1,3}})(?![0-9/])       # 3/5 (read, never kept alone)
      | (?P<half>(?<![0-9{_CN}])一半)                                    # 减少一半 -> ratio 0.5
      | (?P<vague>[数幾几][十百千万亿]+                                  # 数十, 几百: some tens
                 |(?<=[上近超逾破过])(?:[百千]万|[百千万]亿|[百千万亿])(?![0-9{_CN}])  # 上百, 近百, 超亿, 突破百万
                 |[百千万亿](?=[余多]))                                         # 百余, 千余
      | (?P<num>{_RUN})
        (?:\s*又\s*(?P<mden>[负負]?{_RUN})\s*分\s*之\s*(?P<mnumer>[负負]?{_RUN})   # 三又三分之一
          |\s*分\s*之\s*(?P<numer>[负負]?{_RUN})                         # 三分之二, 百分之三十
          |\s*(?P<pct_sign>[%％])                                       # 24.96%
          |\s*(?P<pp>[个個]\s*多?\s*百\s*分\s*[点點])                    # 3.5个百分点, 3个多百分点 -> pp
          |\s*(?P<ge_half>[个個]\s*半)(?=\s*(?:小时|钟头|月|星期|工作日))   # 一个半小时 -> 1.5
          |\s*(?P<cheng>成(?P<cheng_half>半)?)(?![立为為功本员員果效交绩績都市型熟长長就全])  # 三成 -> 30 %
        )?
    )
    """,
    re.X,
)


_ARABIC_DIGIT = re.compile(r"[0-9０-９]")
_APPROX_MARK = re.compile(r"[余多几幾数]")
_BIG_VAGUE = re.compile(r"[万萬亿億]")
_MAGNITUDE_AFTER_DIGIT = re.compile(r"[0-9０-９].*[万萬亿億千百]")
_FULLWIDTH = re.compile(r"[\uff01-\uff5e\u3000\u2013\u2014\u2212]")
_SPACES = re.compile(r"\s+")
_POINT = re.compile(f"[{DECIMAL_POINTS}]")
_BAD_COMMA = re.compile(r",(?![0-9]{3}(?:[^0-9]|$))")
_ALL_UNITS = re.compile(f"[{_U}]+")
_APPROX_OR_SPACE = re.compile(r"[余多\s]")
_TENS = re.compile(rf"[十拾]+[{_U}]*")
_PLAIN_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")


@dataclass(frozen=True)
class NumberSpan:
    """A number found in text. `unit` is "" (bare number), "%" or "pp"; `kind` says which form."""

    start: int
    end: int
    value: float
    unit: str = ""
    kind: str = "number"  # number | fraction | percent | permille | pp | cheng
    text: str = ""
    arabic: bool = False  # written with Arabic digits
    approx: bool = False  # 余/多/几 inside the number (十余万, 二十几万)
    magnitude: bool = False  # a 万/亿/千… magnitude word is part of the span

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"empty number span at {self.start}")

    @classmethod
    def of(cls, **values) -> NumberSpan:
        """The span with every field given, made as __init__ makes it and checked as
        __post_init__ checks it, without the frozen __init__'s one object.__setattr__ per field
        (find_numbers makes thousands per document)."""
        span = object.__new__(cls)
        span.__dict__.update(values)
        if span.__dict__.keys() != _NUMBER_SPAN_FIELDS:
            raise TypeError(
                f"NumberSpan.of needs exactly these fields: {sorted(_NUMBER_SPAN_FIELDS)}"
            )
        span.__post_init__()
        return span


_NUMBER_SPAN_FIELDS = frozenset(f.name for f in fields(NumberSpan))


class NotANumber(ValueError):
    """A candidate run that does not read as one number (e.g. "二三十", "1.2.3")."""


def tidy(value: float | None) -> float | None:
    """A value as the text states it, without binary floating-point noise from the scaling:
    4.6 * 1e8 = 459999999.99999994 -> 460000000.0; 2/3 -> 0.6666666667 (10 decimals at most)."""
    if value is None or value != value or value in (float("inf"), float("-inf")):
        return value
    if type(value) is float and value.is_integer() and -1e15 < value < 1e15:
        return value  # a whole number of at most 15 digits: the round trip gives it back
    return float(f"{round(value, 10):.15g}")


def parse_chinese_number(s: str) -> float:
    """Read a number written with Chinese numerals, Arabic digits or a mix.

    Examples: "三千六百" -> 3600; "两万" -> 20000; "一万三" -> 13000; "8.8万" -> 88000;
    "5万4千6百" -> 54600; "十余万" -> 100000; "一千零一" -> 1001; "十五点七" -> 15.7.
    Raises NotANumber for runs that are not one number.
    """
    if s in _ONE_CHAR_VALUE:  # "一", "两", "十": read once at import by the path below
        return _ONE_CHAR_VALUE[s]
    if _PLAIN_ARABIC.fullmatch(s):  # most numbers: "3162", "38.69" (the token path gives the same)
        return float(s)
    return _parse_any(s)


def _parse_any(s: str) -> float:
    """`parse_chinese_number` without its fast paths."""
    if _FULLWIDTH.search(s):
        s = to_halfwidth(s)
    s = _SPACES.sub("", s)
    if not s:
        raise NotANumber(s)
    point = _POINT.search(s)
    if point and point.start() > 0:
        whole = parse_chinese_number(s[: point.start()])
        frac = s[point.end() :]
        if not frac or any(c not in CN_DIGITS and not c.isdigit() for c in frac):
            raise NotANumber(s)
        digits = "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in frac)
        return whole + float("0." + digits)
    return _evaluate(_tokens(s))


_TOKEN_RE = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+|.")


def _tokens(s: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for tok in _TOKEN_RE.findall(s):
        if tok[0].isdigit() or tok[0] == ".":
            if _BAD_COMMA.search(tok) or tok.count(".") > 1:
                raise NotANumber(s)
            out.append(("num", float(tok.replace(",", ""))))
        elif tok in CN_DIGITS:
            out.append(("zero" if CN_DIGITS[tok] == 0 else "digit", float(CN_DIGITS[tok])))
        elif tok in VAGUE_DIGITS:
            out.append(("digit", 0.0))
        elif tok in SMALL_UNITS:
            out.append(("small", float(SMALL_UNITS[tok])))
        elif tok in BIG_UNITS:
            out.append(("big", BIG_UNITS[tok]))
        elif tok in "余多":
            continue
        elif tok == "半":
            out.append(("half", 0.5))
        else:
            raise NotANumber(s)
    if not out:
        raise NotANumber(s)
    return out


def _evaluate(tokens: list[tuple[str, float]]) -> float:
    total = 0.0  # value of the finished 万/亿 sections
    section = 0.0  # value below the current big unit
    pending: float | None = None  # a digit waiting for its unit
    last_unit = 1.0  # the unit of the previous token, for abbreviated tails (一万三)
    after_zero = False
    top_big = 0.0
    prev_kind = ""
    for kind, val in tokens:
        if kind in ("num", "digit", "half"):
            if pending is not None:  # two digits side by side: 二三十, 五五
                raise NotANumber("juxtaposed digits")
            pending = val
        elif kind == "zero":
            if pending is not None:
                raise NotANumber("digit before zero")
            after_zero = True
        elif kind == "small":
            if prev_kind == "small" and pending is None:
                raise NotANumber("unit after unit")
            section += (1.0 if pending is None else pending) * val
            pending, last_unit, after_zero = None, val, False
        else:  # big unit
            chunk = section + (pending or 0.0)
            if chunk == 0 and total == 0:
                raise NotANumber("magnitude alone")
            if chunk == 0:  # 万万, 万亿: multiply what we have
                total *= val
            elif val >= top_big:
                total = (total + chunk) * val
            else:
                total += chunk * val
            top_big = max(top_big, val)
            section, pending, last_unit, after_zero = 0.0, None, val, False
        prev_kind = kind
    if pending is not None:
        if prev_kind in ("digit",) and last_unit >= 10 and not after_zero and (section or total):
            section += pending * last_unit / 10  # 一万三 = 13000, 两千四百五 = 2450
        else:
            section += pending
    return total + section


def _signed(run: str) -> float:
    """A numeral that may carry a 负 sign (负一百五十七)."""
    run = run.strip()
    if run[:1] in "负負":
        return -parse_chinese_number(run[1:])
    return parse_chinese_number(run)


def _nonzero(x: float) -> float:
    if x == 0:
        raise NotANumber("zero denominator")
    return x


def _parseable_prefix(run: str) -> str:
    """The longest start of a run that reads as one number: "五十千" -> "五十", "七十百" -> "七十"."""
    s = run.rstrip()
    while s:
        try:
            parse_chinese_number(s)
            if _has_digit_value(s) and not _is_lone_word(s):
                return s
        except NotANumber:
            pass
        cut = max(s.rfind(" "), s.rfind("\t"))
        if cut > 0:
            s = s[:cut].rstrip()
        elif s[-1] in SMALL_UNITS or s[-1] in BIG_UNITS:
            s = s[:-1]
        else:
            return ""
    return ""


@cache
def _word_res() -> tuple[re.Pattern, re.Pattern]:
    from indicators.structure.places import names_with_numerals
    from indicators.vocabulary import alternation, load_yaml

    words = load_yaml("numeral_words.yaml")
    not_numbers = [*words["words"], *names_with_numerals()]  # 一切, 四川; 六盘水, 十堰 (gazetteer)
    return re.compile(alternation(not_numbers, opens=True)), re.compile(words["url"])


def _covered(norm: str) -> SpanIndex:
    """Spans where numeral characters are not numbers: words (一切, 四川) and URLs."""
    words, url = _word_res()
    return SpanIndex(
        [m.span() for m in words.finditer(norm)] + [m.span() for m in url.finditer(norm)]
    )


def _is_lone_word(run: str) -> bool:
    stripped = run.strip()
    return len(stripped) == 1 and stripped in LONE_WORD_CHARS


_FORM_GROUPS = ("snumer", "half", "vague", "mden", "numer", "num")
_SUFFIX_GROUPS = ("pct_sign", "pp", "ge_half", "cheng", "cheng_half")


def _value_of(m: re.Match) -> tuple[float, str, str]:
    """(value, unit, kind) of a matched number (groups read in one call each, no groupdict)."""
    snumer, half, vague, mden, numer, num = m.group(*_FORM_GROUPS)
    if snumer is not None:
        return float(snumer) / _nonzero(float(m.group("sden"))), "", "slash"
    if half is not None:
        return 0.5, "", "fraction"  # 一半: a fraction, like 三分之二
    if vague is not None:
        value = 1.0
        for c in vague.lstrip("数幾几"):
            value *= SMALL_UNITS.get(c) or BIG_UNITS[c]
        return value, "", "number"
    if mden is not None:
        frac = _signed(m.group("mnumer")) / _nonzero(_signed(mden))
        return parse_chinese_number(num) + frac, "", "fraction"
    if numer is not None:
        return _fraction(num, numer)
    pct_sign, pp, ge_half, cheng, cheng_half = m.group(*_SUFFIX_GROUPS)
    if not _has_digit_value(num) and not (cheng and num.strip() == "半"):
        raise NotANumber(num)
    value = parse_chinese_number(num)
    if pct_sign:
        return value, "%", "percent"
    if pp:
        return value, "pp", "pp"
    if ge_half:
        return value + 0.5, "", "number"
    if cheng:
        if value > 10:
            raise NotANumber("成 over ten")
        return value * 10 + (5 if cheng_half else 0), "%", "cheng"
    return value, "", "number"


def _fraction(den_run: str, numer_run: str) -> tuple[float, str, str]:
    """三分之二 -> 0.6667; 百分之三十 -> 30 %; 千分之三 -> 0.3 %; 百万分之五 -> 0.0005 %."""
    den_text = _SPACES.sub("", den_run)
    if _ALL_UNITS.fullmatch(den_text):
        den = 1.0
        for c in den_text:
            den *= SMALL_UNITS.get(c) or BIG_UNITS[c]
        return _signed(numer_run) / den * 100, "%", "percent" if den == 100 else "permille"
    return _signed(numer_run) / _nonzero(_signed(den_run)), "", "fraction"


def find_numbers(text: str) -> list[NumberSpan]:
    """Every number span in `text`, left to right, before indicator filtering.

    >>> [(n.value, n.unit) for n in find_numbers("调解成功率96%以上，化解纠纷3162件，三分之二")]
    [(96.0, '%'), (3162.0, ''), (0.6666666666666666, '')]
    """
    norm = to_halfwidth(text)
    covered = _covered(norm)
    spans: list[NumberSpan] = []
    pos = 0
    while True:
        m = _NUMBER_RE.search(norm, pos)
        if m is None:
            break
        start, end = m.span()
        # trailing whitespace is never part of the number
        while end > start and norm[end - 1].isspace():
            end -= 1
        pos = max(end, start + 1)
        if covered.contains(start, end):
            continue
        body = m.group("num")
        try:
            if body is not None and _is_lone_word(body) and m.group("numer") is None:
                raise NotANumber(body)
            value, unit, kind = _value_of(m)
        except NotANumber:
            prefix = _parseable_prefix(body) if body else ""
            if not prefix:
                digit = _ARABIC_DIGIT.search(body or "")
                if digit and digit.start() > 0:  # "队伍36支": 伍 is a word, 36 is the number
                    pos = m.start("num") + digit.start()
                continue
            value, unit, kind = parse_chinese_number(prefix), "", "number"
            end = pos = m.start("num") + len(prefix)
        if m.group("neg"):
            value = -value
        spans.append(_span_of(m, start, end, value, unit, kind, text[start:end]))
    return spans


def _span_of(
    m: re.Match, start: int, end: int, value: float, unit: str, kind: str, surface: str
) -> NumberSpan:
    """The NumberSpan of a match, made as `NumberSpan.of` makes it (one dict, no kwargs)."""
    if end <= start:
        raise ValueError(f"empty number span at {start}")
    if surface.isascii():  # 3162, 96%: no 余/多/几 and no magnitude word can be in it, and
        arabic, approx, magnitude = True, False, False  # a digit is (every ASCII form holds one)
    else:
        arabic = bool(_ARABIC_DIGIT.search(surface))
        approx = bool(_APPROX_MARK.search(surface))
        magnitude = bool(_MAGNITUDE_AFTER_DIGIT.search(surface)) or bool(
            m.group("vague") and _BIG_VAGUE.search(surface)
        )  # 突破百万, 超千万
    span = _NEW(NumberSpan)
    object.__setattr__(
        span,
        "__dict__",
        {
            "start": start,
            "end": end,
            "value": value,
            "unit": unit,
            "kind": kind,
            "text": surface,
            "arabic": arabic,
            "approx": approx,
            "magnitude": magnitude,
        },
    )
    return span


_NEW = object.__new__


def _has_digit_value(run: str) -> bool:
    """A run must hold a digit or a counted unit: "万", "数", "百" alone are not numbers."""
    if run in _ONE_CHAR_HAS_DIGIT:
        return _ONE_CHAR_HAS_DIGIT[run]
    if _PLAIN_ARABIC.fullmatch(run):
        return True
    return _holds_digit_value(run)


def _holds_digit_value(run: str) -> bool:
    """`_has_digit_value` without its fast paths."""
    r = _APPROX_OR_SPACE.sub("", run)
    if "半" in r and len(r) > 1:
        return True  # 半百
    if _ARABIC_DIGIT.search(r) or any(c in CN_DIGITS for c in r):
        return True
    return bool(_TENS.fullmatch(r))  # 十, 十万


def _one_char_values() -> dict[str, float]:
    """The value of every one-character numeral, read by the general path (so both agree)."""
    values = {}
    for c in _CN + VAGUE_DIGITS + "半":
        with suppress(NotANumber):  # "万" alone is not a number: the general path raises
            values[c] = _parse_any(c)
    return values


_ONE_CHAR_VALUE = _one_char_values()
_ONE_CHAR_HAS_DIGIT = {c: _holds_digit_value(c) for c in _CN + VAGUE_DIGITS + "半"}
