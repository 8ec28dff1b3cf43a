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


def to_halfwidth(text: str) -> str:
    """'３．５％，共' -> '3.5%,共' (same length, so offsets stay true)."""
    out = text.translate(_HALFWIDTH)
    if len(out) != len(text):  # pragma: no cover - guarded by the mapping being 1:1
        raise AssertionError("normalisation changed the text length")
    return out


@dataclass(frozen=True)
class Span:
    """A [start, end) slice of a text."""

    start: int
    end: int


# A sentence ends at 。！？; (ASCII after normalisation), or a line break.
_SENTENCE_END = re.compile(r"[。!?;\n]+")
# A clause ends at a sentence end or a comma / colon.
_CLAUSE_END = re.compile(r"[。!?;\n,:]+")


def _spans(text: str, pattern: re.Pattern) -> list[Span]:
    spans, pos = [], 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            spans.append(Span(pos, m.start() + (1 if text[m.start()] != "\n" else 0)))
        pos = m.end()
    if pos < len(text):
        spans.append(Span(pos, len(text)))
    return [_strip(text, s) for s in spans if text[s.start : s.end].strip()]


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def sentence_spans(norm: str) -> list[Span]:
    """Sentences of a normalised text; a sentence keeps its closing 。 but not its line break."""
    return _spans(norm, _SENTENCE_END)


def clause_spans(norm: str) -> list[Span]:
    """Comma-separated clauses of a normalised text."""
    return _spans(norm, _CLAUSE_END)
