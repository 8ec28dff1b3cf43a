"""Normalise text without moving offsets (full-width -> half-width) and split it into sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Full-width ASCII (！..～) -> ASCII and the ideographic space -> space. Every character maps to
# exactly one character, so an offset in the normalised text is the same offset in the original:
# the offset map is the identity, and `to_halfwidth` checks that it stays so.
_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20
_HALFWIDTH[0x2014] = ord("-")  # — em dash, used in ranges 1.2万—1.5万
_HALFWIDTH[0x2013] = ord("-")  # – en dash
_HALFWIDTH[0x2212] = ord("-")  # − minus
_HALFWIDTH[0xFE63] = ord("-")  # ﹣ small hyphen-minus
_HALFWIDTH[0x3007] = ord("〇")


_FULLWIDTH_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_HALFWIDTH)) + "]")


def _halfwidth_char(m: re.Match) -> str:
    return chr(_HALFWIDTH[ord(m.group())])


def to_halfwidth(text: str) -> str:
    """'３．５％，共' -> '3.5%,共' (same length, so offsets stay true)."""
    out = _FULLWIDTH_RE.sub(_halfwidth_char, text)  # C-speed scan; only matches are mapped
    if len(out) != len(text):  # pragma: no cover - guarded by the mapping being 1:1
        raise AssertionError("normalisation changed the text length")
    return out


@dataclass(frozen=True)
class Span:
    """A [start, end) slice of a text."""

    start: int
    end: int


LAST_OF_WINDOWS = (64, 512)  # the stretches before `end` that `last_of` searches first


def last_of(text: str, chars: str, end: int) -> int:
    """The offset of the last of `chars` in text[:end], or -1: max(text.rfind(c, 0, end) for c in
    chars). The stretches just before `end` are searched first, shortest first (a stop found there
    is later than any before it), so a stop character the document never holds ("?") does not cost
    a scan of the whole text before each number; a negative `end` counts from the text's end, as
    in rfind."""
    for window in LAST_OF_WINDOWS:
        lo = end - window
        if lo <= 0:
            break
        found = max([text.rfind(c, lo, end) for c in chars])
        if found >= 0:
            return found
    return max([text.rfind(c, 0, end) for c in chars])


# A sentence ends at 。！？; (ASCII after normalisation), or a line break.
SENTENCE_END = re.compile(r"[。!?;\n]")
# A clause ends at a sentence end or a comma / colon.
CLAUSE_END = re.compile(r"[。!?;\n,:]")
