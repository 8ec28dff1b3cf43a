"""A text written in traditional characters is read in simplified ones, character for character.

The segmenter, the catalogue and every naming word are simplified Chinese, so "諮詢類訴求" names
nothing and a bulletin in 繁體 links to no other document. The extractor reads such a text through
OpenCC's t2s conversion (its dictionaries ship in the wheel), which maps each character to one
character, so every offset of the simplified text is an offset of the original: the evidence
(`surface`, `sentence`) is cut from the original, the raw name (`indicator`) is written back in
the document's own characters, and labels and keys are simplified, so 受理量 in 連平縣's bulletin
and in 唐山's share a key.

Only a text that is written in traditional characters is converted (at least MIN_TRADITIONAL of
its characters, and TRADITIONAL_SHARE of its Han characters, are traditional forms): a simplified
text with one rare form in a company name (武汉乾方文化) is read as it is.
"""

from __future__ import annotations

import re
from functools import cache

from indicators.vocabulary import VOCAB_DIR, read_vocab_file

MIN_TRADITIONAL = 5
TRADITIONAL_SHARE = 0.02
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


# {traditional character: simplified} as OpenCC's t2s gives it, made by `write_forms`: a run reads
# the file instead of loading OpenCC and converting every Han character (about 40 ms) to tell a
# simplified text; tests/extraction/test_traditional.py checks it against the installed OpenCC
FORMS_FILE = "traditional_forms.txt"


@cache
def _converter():
    import opencc  # C++ OpenCC with its dictionaries: loaded once per run, for a traditional text

    return opencc.OpenCC("t2s")


@cache
def _traditional_forms() -> dict[str, str]:
    """{traditional character: its simplified character} for every Han character t2s changes."""
    lines = read_vocab_file(FORMS_FILE).split("\n")
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def forms_from_opencc() -> dict[str, str]:
    """`_traditional_forms` as the installed OpenCC's t2s gives it (what FORMS_FILE holds)."""
    chars = [chr(i) for lo, hi in HAN_RANGES for i in range(lo, hi)]
    simple = _converter().convert("\n".join(chars)).split("\n")
    return {t: s for t, s in zip(chars, simple, strict=True) if t != s and len(s) == 1}


def write_forms() -> None:
    """Write FORMS_FILE from the installed OpenCC (after an OpenCC upgrade changes its t2s)."""
    head = "# traditional<TAB>simplified: every Han character OpenCC's t2s changes (write_forms)\n"
    body = "".join(f"{t}\t{s}\n" for t, s in forms_from_opencc().items())
    (VOCAB_DIR / FORMS_FILE).write_text(head + body, encoding="utf-8")


@cache
def _traditional_pattern() -> re.Pattern:
    return re.compile("[" + "".join(sorted(_traditional_forms())) + "]")


def is_traditional(text: str) -> bool:
    """Whether `text` is written in traditional characters (not one rare form in a simplified text).

    >>> is_traditional("連平縣12345政務服務便民熱線受理諮詢類訴求"), is_traditional("武汉乾方文化传媒有限公司")
    (True, False)
    """
    hits = len(_traditional_pattern().findall(text))
    if hits < MIN_TRADITIONAL:
        return False
    return hits >= TRADITIONAL_SHARE * len(HAN.findall(text))


def to_simplified(text: str) -> str:
    """`text` in simplified characters, the same length; `text` itself when it is not traditional.

    >>> to_simplified("本季度受理熱線事項3136宗,諮詢類1520宗")
    '本季度受理热线事项3136宗,咨询类1520宗'
    """
    if not is_traditional(text):
        return text
    simple = _converter().convert(text)
    if len(simple) != len(text):  # a phrase rule changed a length: convert one character at a time
        simple = text.translate(str.maketrans(_traditional_forms()))
    return simple


def in_original_script(rows: list[dict], text: str, simple: str) -> list[dict]:
    """The rows read from `simple` with their evidence cut from the original `text` and their raw
    name in its characters (labels and keys stay simplified); `rows` when nothing was converted."""
    if simple is text:
        return rows
    back = str.maketrans({s: t for t, s in zip(text, simple, strict=True) if t != s})
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        row["surface"] = text[start:end]
        row["sentence"] = _original_span(row.get("sentence") or "", start, (text, simple), back)
        if row.get("indicator"):
            row["indicator"] = row["indicator"].translate(back)
    return rows


def _original_span(piece: str, start: int, texts: tuple[str, str], back: dict) -> str:
    """The original of `piece`, a slice of the simplified text that holds the offset `start` (a
    piece joined from two places, as a table's header and row, is written back character by
    character)."""
    text, simple = texts
    at = simple.find(piece, max(0, start - len(piece)))
    while 0 <= at <= start:
        if at + len(piece) > start:
            return text[at : at + len(piece)]
        at = simple.find(piece, at + 1)
    return piece.translate(back)
