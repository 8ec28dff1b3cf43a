"""Decoding the bytes of a source file into text, by rules, not blind guesses.

Decoding decides, it does not guess blindly (the steps of `decode_bytes`):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) settles the encoding;
2. a known binary signature (PNG, ZIP/Office, PDF …) is refused;
3. NUL bytes mean UTF-16/UTF-32 without a BOM (NULs in every other byte) or a binary file;
4. strict UTF-8; then strict GB18030 (a superset of GBK and GB2312) and Big5, the one whose
   characters are common Chinese characters wins; then UTF-16 without BOM and without NULs;
   then a file mostly in one of UTF-8, GB18030 or Big5 with a few damaged bytes, read line by
   line: the damaged bytes become "�" (`Decoded.damage` says how many and where), a line
   clean only in UTF-8 in a GB18030/Big5 file (or the reverse) is read in that encoding (two
   files stitched together), and a file with damage over 5% of its non-ASCII bytes is left to
   the next steps; a UTF-8 file with a BOM is read the same way after its BOM;
5. only then charset-normalizer, and its answer is kept only if the text looks like text;
6. GB18030 of mostly rare characters is the last resort, then the file is refused.

Known limit: Korean EUC-KR text decodes as GB18030 (its Hangul bytes are GB2312's common
characters); the corpus is Chinese, so this is accepted, not guessed around.

Every decoded text must look like Chinese/ASCII text (`plausibility`), else the next candidate
is tried.
"""

from __future__ import annotations

import codecs
import contextvars
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from indicators.documents import (
    RESAVE,
    TO_TEXT,
    BinaryDocumentError,
    Damage,
    DamagePlace,
    GarbledDocumentError,
    UndecodableDocumentError,
    number_ranges,
)

# --------------------------------------------------------------------------------------------
# Decoding bytes


@dataclass(frozen=True)
class Decoded:
    """Bytes decoded: the text (newlines not yet normalised), the codec, and what was noticed."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()
    damage: Damage | None = None  # bytes no encoding reads, now "\ufffd" in `text`


_BOMS = (  # longest first: the UTF-32 LE BOM begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.pptx file, which are ZIP archives)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
    (b"PAR1", "a Parquet file"),
    (b"\x7fELF", "an executable program"),
)

# Share of characters usual in Chinese/ASCII text, and share of Chinese characters that are
# common ones (GB2312 level 1 / Big5 frequent), that a decoding must reach.
MIN_PLAUSIBILITY = 0.9
MIN_COMMON_HANZI = 0.6
_SAMPLE = 65_536  # characters or bytes looked at from the start, middle and end


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> Decoded:
    """Decode a file's bytes with the encoding they are in, or raise a `DocumentError`.

    "厦门".encode("gbk") -> Decoded(text="厦门", encoding="gb18030").
    """
    return (
        _decode_by_bom(data, path)
        or _refuse_binary_signature(data, path)
        or _decode_with_nuls(data, path)
        or _decode_by_trial(data)
        or _decode_damaged(data)
        or _decode_by_charset_normalizer(data)
        or _decode_as_rare_gb18030(data)
        or _refuse_undecodable(data, path)
    )


def _decode_by_bom(data: bytes, path: Path | str) -> Decoded | None:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                damaged = codec == "utf-8" and _decode_damaged(data[3:], "utf-8", base=3)
                if damaged:  # UTF-8 with a few damaged bytes after its BOM
                    notes = (f"{label} byte-order mark removed", *damaged.notes)
                    return Decoded(damaged.text, "utf-8-sig", notes, damaged.damage)
                raise UndecodableDocumentError(
                    path,
                    f"the file starts with a {label} byte-order mark, but the bytes after it are not "
                    f"valid {label} (at byte {exc.start + len(bom)}); it is damaged or mislabelled",
                    RESAVE,
                ) from None
            if codec != "utf-8" and plausibility(text) < MIN_PLAUSIBILITY:  # UTF-16/32 decode
                raise UndecodableDocumentError(  # almost any bytes: check they make text
                    path,
                    f"the file starts with a {label} byte-order mark, but what follows is not "
                    f"readable {label} text (only {plausibility(text):.0%} usual characters); "
                    "it is damaged or not a text file",
                    RESAVE,
                )
            encoding = "utf-8-sig" if codec == "utf-8" else codec
            return Decoded(text, encoding, (f"{label} byte-order mark removed",))
    return None


def _refuse_binary_signature(data: bytes, path: Path | str) -> None:
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryDocumentError(path, f"this is not a text file, it is {kind}", TO_TEXT)
    return None


def _decode_with_nuls(data: bytes, path: Path | str) -> Decoded | None:
    """UTF-16/32 without BOM show NULs in every 2nd/4th byte (ASCII, digits, newlines)."""
    if b"\x00" not in data:
        return None
    for codec in _wide_codecs_by_nul_pattern(data):
        decoded = _strict(data, codec)
        if decoded is not None and plausibility(decoded) >= MIN_PLAUSIBILITY:
            return Decoded(decoded, codec, (f"{codec.upper()} without byte-order mark",))
    raise BinaryDocumentError(
        path,
        "this is not a text file (it contains NUL bytes and is not UTF-16 or UTF-32 text)",
        TO_TEXT,
    )


def _wide_codecs_by_nul_pattern(data: bytes) -> list[str]:
    """Codecs to try, most likely first: NULs sit in the high byte of ASCII characters."""
    sample = data[: _SAMPLE - _SAMPLE % 4]
    candidates: list[str] = []
    if len(data) % 4 == 0:
        candidates += ["utf-32-le", "utf-32-be"]
    if len(data) % 2 == 0:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        candidates += ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    return candidates


def _decode_by_trial(data: bytes) -> Decoded | None:
    text = _strict(data, "utf-8")
    if text is not None:  # valid UTF-8 with any non-ASCII byte is UTF-8 beyond reasonable doubt
        return Decoded(text, "utf-8") if _control_share(text) <= 0.05 else None
    return _decode_chinese_legacy(data) or _decode_wide_without_nuls(data)


def _decode_chinese_legacy(data: bytes) -> Decoded | None:
    """GB18030 (GBK, GB2312) or Big5: the reading whose Chinese characters are common ones."""
    shares = {}
    for codec in ("gb18030", "big5"):
        text = _strict(data, codec)
        if text is not None and plausibility(text) >= MIN_PLAUSIBILITY:
            shares[codec] = (common_hanzi_share(text), text)
    if not shares:
        return None
    gb_share = shares["gb18030"][0] if "gb18030" in shares else -1.0
    big5_share = shares["big5"][0] if "big5" in shares else -1.0
    codec = "gb18030" if gb_share + 0.1 >= big5_share else "big5"
    share, text = shares[codec]
    return Decoded(text, codec) if share >= MIN_COMMON_HANZI else None


def _decode_as_rare_gb18030(data: bytes) -> Decoded | None:
    """Last resort: strict GB18030 whose characters are mostly rare ones (the garbled check follows)."""
    text = _strict(data, "gb18030")
    if text is None or plausibility(text) < MIN_PLAUSIBILITY:
        return None
    return Decoded(text, "gb18030", ("GB18030 with mostly rare characters; check the text",))


def _decode_wide_without_nuls(data: bytes) -> Decoded | None:
    """UTF-16 of pure Chinese text has no NUL bytes at all."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if (
            text is not None
            and plausibility(text) >= MIN_PLAUSIBILITY
            and common_hanzi_share(text) >= 0.8
        ):
            return Decoded(text, codec, (f"{codec.upper()} without byte-order mark",))
    return None


# --------------------------------------------------------------------------------------------
# Damaged files: mostly one encoding, a few bytes that no encoding reads

MAX_DAMAGED_SHARE = 0.05  # of a file's non-ASCII bytes (or 1 per 1,000 bytes); more is refused
MIN_LINE_EVIDENCE = 4  # non-ASCII bytes a line needs to be read in the file's other encoding
FIRST_PLACES = 3  # damaged places a note names
_SAMPLE_LINES = 2_000  # lines looked at from the start, middle and end to find the majority
_ASCII = bytes(range(128))
_LABELS = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5"}


def _decode_damaged(data: bytes, only: str | None = None, base: int = 0) -> Decoded | None:
    """A file mostly in one encoding (UTF-8, GB18030, Big5) with a few damaged bytes: "\ufffd".

    Read line by line (a newline byte never sits inside a UTF-8, GB18030 or Big5 character): a
    line is read in the file's majority encoding; a line clean only in the other kind (UTF-8
    versus GB18030/Big5) is read in that one, so two files stitched together keep both parts;
    what is left is damage. A 20 KB UTF-8 report with 5 stray bytes -> its text with 5 "\ufffd"
    and a `Damage` saying where. None when the damage is over MAX_DAMAGED_SHARE of the non-ASCII
    bytes (and over 1 per 1,000 bytes, and more than one run): the file is then mostly
    undecodable. `only` forces the encoding (after a BOM); `base` is the file offset of `data`.
    """
    lines = data.splitlines(keepends=True)
    utf8 = [_strict(raw, "utf-8") for raw in lines]
    codec = only or _majority_codec(data, lines, utf8)
    if codec is None:
        return None
    pieces, runs, foreign = [], [], {}
    offset = base
    for number, (raw, utf8_text) in enumerate(zip(lines, utf8, strict=True), start=1):
        text, other = _clean_line(raw, utf8_text, codec)
        if text is None:
            text, line_runs = _replace_invalid(raw, codec)
            runs += [(number, offset + start, end - start) for start, end in line_runs]
        if other:
            foreign.setdefault(other, []).append(number)
        pieces.append(text)
        offset += len(raw)
    damaged = sum(n for _, _, n in runs)
    if len(runs) > 1 and damaged > max(MAX_DAMAGED_SHARE * _non_ascii(data), len(data) / 1000):
        return None
    text = "".join(pieces)
    if plausibility(text) < MIN_PLAUSIBILITY:
        return None
    return Decoded(text, codec, _damage_notes(codec, runs, foreign), _damage_of(codec, runs))


def _majority_codec(data: bytes, lines: list[bytes], utf8: list[str | None]) -> str | None:
    """The encoding of most non-ASCII bytes in clean lines: UTF-8, or GB18030/Big5 read as
    common Chinese characters; without any clean line, the one that loses the fewest bytes."""
    weights = {"utf-8": 0, "gb18030": 0, "big5": 0}  # in this order on ties
    for raw, text in _sample(list(zip(lines, utf8, strict=True)), _SAMPLE_LINES):
        if text is not None:
            weights["utf-8"] += _non_ascii(raw)
        elif (legacy := _decode_chinese_legacy(raw)) is not None:
            weights[legacy.encoding] += _non_ascii(raw)
    best = max(weights, key=weights.__getitem__)
    return best if weights[best] else _least_damaged_codec(data)


def _least_damaged_codec(data: bytes) -> str | None:
    """The codec whose reading loses the fewest bytes (GB18030/Big5 only if read as Chinese)."""
    best, fewest = None, len(data) + 1
    for codec in ("utf-8", "gb18030", "big5"):
        text, runs = _replace_invalid(data, codec)
        if codec != "utf-8" and common_hanzi_share(text) < MIN_COMMON_HANZI:
            continue
        lost = sum(end - start for start, end in runs)
        if lost < fewest:
            best, fewest = codec, lost
    return best


def _clean_line(raw: bytes, utf8_text: str | None, codec: str) -> tuple[str | None, str | None]:
    """The line read cleanly (None if it cannot be), and the other encoding when read in that.

    In a UTF-8 file, a GBK line ("厦门" = CF C3 C3 C5) has 40-100% of its bytes invalid in UTF-8
    and reads as common Chinese characters in GB18030; a UTF-8 line with a stray byte is neither.
    """
    if codec == "utf-8":
        if utf8_text is not None:
            return utf8_text, None
        legacy = _decode_chinese_legacy(raw) if _not_utf8_at_all(raw) else None
        return (legacy.text, legacy.encoding) if legacy else (None, None)
    text = _strict(raw, codec)
    if text is None and utf8_text is not None and _non_ascii(raw) >= MIN_LINE_EVIDENCE:
        return utf8_text, "utf-8"  # valid UTF-8 multibyte sequences do not happen by chance
    return text, None


def _not_utf8_at_all(raw: bytes) -> bool:
    """A line with no UTF-8 text in it: a quarter of its bytes invalid, no two Chinese characters.

    A GBK line read as UTF-8 breaks on 40-100% of its bytes and gives a stray ideograph at most;
    a UTF-8 line with a few damaged bytes, or half UTF-8 and half GBK (two files joined in the
    middle of a line), keeps runs of real Chinese characters.
    """
    if _non_ascii(raw) < MIN_LINE_EVIDENCE:
        return False
    text, runs = _replace_invalid(raw, "utf-8")
    damaged = sum(end - start for start, end in runs)
    return damaged >= 0.25 * _non_ascii(raw) and not _HANZI_PAIR.search(text)


_HANZI_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")


def _replace_invalid(raw: bytes, codec: str) -> tuple[str, list[tuple[int, int]]]:
    """Decode with each invalid run replaced by "\ufffd" (as errors="replace"), and the runs.

    b"12\xff3" (UTF-8) -> ("12\ufffd3", [(2, 3)]).
    """
    runs: list[tuple[int, int]] = []
    token = _RUNS.set(runs)
    try:
        return raw.decode(codec, errors=_RECORD_AND_REPLACE), runs
    finally:
        _RUNS.reset(token)


def _record_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: replace as errors="replace" does, and note the run in `_RUNS`."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _RUNS.get().append((exc.start, exc.end))
    return "\ufffd", exc.end


_RUNS: contextvars.ContextVar[list[tuple[int, int]]] = contextvars.ContextVar("damaged_runs")
_RECORD_AND_REPLACE = "indicators-record-and-replace"
codecs.register_error(_RECORD_AND_REPLACE, _record_and_replace)


def _damaged_share(raw: bytes, codec: str) -> float:
    """Share of the non-ASCII bytes of `raw` that are invalid in `codec` (0.0 without any)."""
    _, runs = _replace_invalid(raw, codec)
    return sum(end - start for start, end in runs) / max(1, _non_ascii(raw))


def _non_ascii(data: bytes) -> int:
    return len(data.translate(None, _ASCII))


def _damage_of(codec: str, runs: list[tuple[int, int, int]]) -> Damage | None:
    if not runs:
        return None
    first = tuple(DamagePlace(line, byte) for line, byte, _ in runs[:FIRST_PLACES])
    return Damage(len(runs), sum(n for _, _, n in runs), _LABELS[codec], first)


def _damage_notes(
    codec: str, runs: list[tuple[int, int, int]], foreign: dict[str, list[int]]
) -> tuple[str, ...]:
    notes = [
        f"line(s) {number_ranges(numbers)} are {_LABELS[other]}, the rest {_LABELS[codec]} (two "
        "files joined?); each line was read in its own encoding"
        for other, numbers in foreign.items()
    ]
    damage = _damage_of(codec, runs)
    if damage:
        notes.append(damage.describe())
    return tuple(notes)


def _utf8_damage_detail(data: bytes) -> str:
    """For the refusal of a file that is UTF-8 in part: how much of it is damaged."""
    share = _damaged_share(data, "utf-8")
    if not MAX_DAMAGED_SHARE < share <= 0.5:
        return ""
    return (
        f" (it is UTF-8 in part, but {share:.0%} of its non-ASCII bytes are damaged, more than "
        f"the {MAX_DAMAGED_SHARE:.0%} that can be replaced by \ufffd)"
    )


MIN_GUESS_BYTES = 32  # below this, charset-normalizer has too little to go on


def _decode_by_charset_normalizer(data: bytes) -> Decoded | None:
    if len(data) < MIN_GUESS_BYTES:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if plausibility(text) < MIN_PLAUSIBILITY:
        return None
    return Decoded(
        text,
        best.encoding,
        (f"encoding {best.encoding} guessed by charset-normalizer; check the text",),
    )


def _refuse_undecodable(data: bytes, path: Path | str) -> Decoded:
    sample = _sample(data)
    controls = sum(sample.count(b) for b in _CONTROL_BYTES)
    if controls > 0.05 * len(sample):
        raise BinaryDocumentError(
            path, "this is not a text file (it is mostly control bytes)", TO_TEXT
        )
    raise UndecodableDocumentError(
        path,
        "cannot decode the text: it is not valid UTF-8, UTF-16, GB18030/GBK or Big5, and no other "
        "encoding gives readable text" + _utf8_damage_detail(data),
        RESAVE,
    )


_CONTROL_BYTES = [bytes([b]) for b in (*range(0, 9), 11, *range(14, 32), 127)]


def _control_share(text: str) -> float:
    sample = _sample(text)
    return len(_CONTROL_CHARS.findall(sample)) / max(1, len(sample))


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _sample(seq, size: int = _SAMPLE):
    """The start, middle and end of a long str, bytes or list (scores need not read 20 MB)."""
    if len(seq) <= 3 * size:
        return seq
    mid = len(seq) // 2
    return seq[:size] + seq[mid : mid + size] + seq[-size:]


# --------------------------------------------------------------------------------------------
# Is it text?

_USUAL_RANGES = (  # characters usual in Chinese or ASCII text
    "\t\n\r\x20-\x7e",  # ASCII printable and whitespace
    "\u00a0-\u00ff",  # Latin-1 letters and signs (×, °, ·, é)
    "\u2000-\u206f",  # general punctuation (—, …, “ ”)
    "\u2100-\u218f",  # letterlike signs and Roman numerals (℃, Ⅲ)
    "\u2190-\u21ff\u2460-\u24ff",  # arrows, circled numbers ①
    "\u2500-\u25ff",  # box drawing, geometric shapes (■ ○)
    "\u3000-\u303f",  # CJK punctuation (、。《》「」)
    "\u3040-\u30ff",  # kana (Japanese text decoded by charset-normalizer)
    "\u3200-\u33ff",  # enclosed CJK, CJK compatibility (㈠ ㎡)
    "\u3400-\u4dbf\u4e00-\u9fff",  # CJK ideographs
    "\uac00-\ud7af",  # Hangul syllables
    "\uf900-\ufaff",  # CJK compatibility ideographs
    "\ufe30-\ufe4f",  # CJK compatibility forms
    "\uff00-\uffef",  # full-width forms (，：（）１２３)
    "\ufeff",  # stray byte-order mark
)
_USUAL = re.compile("[" + "".join(_USUAL_RANGES) + "]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
# One character class first, so a search skips ahead in C to a candidate character (an alternation
# of the forms would try every form at every position, ~5 times slower); the forms start with
# different characters, so the lookbehinds pick the one form that can follow.
_MOJIBAKE = re.compile(
    r"""[\ufffd锟烫屯\u00c0-\u00ef\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]
    (?: (?<=锟)斤拷 | (?<=烫)烫 | (?<=屯)屯           # UTF-8 replacement chars (or MSVC fill) read as GBK
      | (?<=[\u00c0-\u00ef])[\u0080-\u00bf]{1,2}  # UTF-8 read as Latin-1 / cp1252
      | (?<=\ufffd)                             # replacement character: bytes lost in a wrong decode
      | (?<=[\ue000-\uf8ff])                    # private use: GBK user areas, Big5 read as GB18030
      | (?<=[\x00-\x08\x0b\x0c\x0e-\x1f\x7f])
    )
    """,
    re.VERBOSE,
)
MAX_GARBLED = 0.2


def plausibility(text: str) -> float:
    """Share of characters usual in Chinese or ASCII text (1.0 for "厦门市 2022年", low for binary)."""
    sample = _sample(text)
    if not sample:
        return 1.0
    return 1 - len(_USUAL.sub("", sample)) / len(sample)


def common_hanzi_share(text: str) -> float:
    """Share of Chinese characters that are common ones (GB2312 level 1 or Big5 frequent).

    Simplified text read as GB18030 scores ~1.0; Big5 bytes read as GB18030 give rare characters
    and score low, and so do GB bytes read as Big5. 1.0 when there are no Chinese characters.
    """
    hanzi = _HANZI.findall(_sample(text))
    if not hanzi:
        return 1.0
    common = _common_hanzi()
    return sum(h in common for h in hanzi) / len(hanzi)


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    chars = set()
    for lead in range(0xB0, 0xD8):  # GB2312 level 1: the 3,755 most used simplified characters
        for trail in range(0xA1, 0xFF):
            with_char = bytes((lead, trail)).decode("gb2312", errors="ignore")
            chars.update(with_char)
    for lead in range(0xA4, 0xC7):  # Big5 frequently used characters (A440-C67E)
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            chars.update(bytes((lead, trail)).decode("big5", errors="ignore"))
    return frozenset(c for c in chars if _HANZI.match(c))


def _refuse_garbled(text: str, path: Path, encoding: str) -> None:
    sample = _sample(text)
    visible = len(sample) - sum(sample.count(ws) for ws in " \n\t\u3000")
    bad = sum(len(m) for m in _MOJIBAKE.findall(sample))
    if visible and bad / visible > MAX_GARBLED:
        raise GarbledDocumentError(
            path,
            f"the text decodes as {encoding}, but {bad / visible:.0%} of it is replacement characters "
            "or mojibake (such as '�' or '锟斤拷'); it was damaged by an earlier wrong conversion",
            "find the original file, or re-save it from its source with the right encoding",
        )
