"""Where a figure comes from: split its sentence around the number so the page can highlight it.

The table's `start`/`end` are offsets into the decoded document; the number's place in the sentence
is found by locating the sentence in the document when the text is at hand, else by the offsets
read relative to the sentence, else by searching the surface text.

    >>> sentence_parts("食安群众满意度从64.5%提升至91.7%。", "91.7%", 1010, 1015)
    [('食安群众满意度从64.5%提升至', False), ('91.7%', True), ('。', False)]
"""

from __future__ import annotations

import re


def number_span(
    sentence: str, surface: str, start: int | None, end: int | None, doc_text: str | None = None
) -> tuple[int, int] | None:
    """(start, end) of the number inside `sentence`, or None when it cannot be placed."""
    if not sentence or not surface:
        return None
    if doc_text and start is not None and end is not None:
        # the occurrence of the sentence in the document that contains [start, end)
        at = doc_text.rfind(sentence, max(0, end - len(sentence)), start + len(sentence))
        if at != -1 and at <= start and end <= at + len(sentence):
            local = (start - at, end - at)
            if sentence[local[0] : local[1]] == surface:
                return local
    in_sentence = start is not None and end is not None and 0 <= start < end <= len(sentence)
    if in_sentence and sentence[start:end] == surface:
        return (start, end)
    at = sentence.find(surface)
    if at == -1:
        return None
    # several occurrences: the one whose offset agrees best with start modulo the sentence length
    hits = [i for i in range(len(sentence)) if sentence.startswith(surface, i)]
    if len(hits) > 1 and start is not None:
        at = min(hits, key=lambda i: abs(i - start % max(len(sentence), 1)))
    return (at, at + len(surface))


SEPARATORS = re.compile(r"[\t|　 ]+")  # what separates a table's cells in a document's text


def cell_span(
    evidence: str, surface: str, start: int | None, doc_text: str | None = None
) -> tuple[int, int] | None:
    r"""(start, end) of a table cell's number in its evidence "headers | row cells": in the row part
    only, at the place the cells before it in the document's line put it (else its first match).

    >>> doc = "来源\t数量\t类型\t数量\n电话\t120\t咨询类\t120"
    >>> cell_span("来源 数量 类型 数量 | 电话 120 咨询类 120", "120", doc.rindex("120"), doc)
    (25, 28)
    """
    row_at = evidence.rfind(" | ") + 3 if " | " in evidence else 0
    if doc_text and start is not None and 0 <= start <= len(doc_text):
        before = doc_text[doc_text.rfind("\n", 0, start) + 1 : start]
        cells = [c for c in SEPARATORS.split(before) if c]
        at = row_at + len(" ".join(cells))
        at += 1 if cells and SEPARATORS.fullmatch(before[-1:] or "x") else 0
        if evidence.startswith(surface, at):
            return (at, at + len(surface))
    at = evidence.find(surface, row_at)
    return None if at == -1 else (at, at + len(surface))


def sentence_parts(
    sentence: str,
    surface: str,
    start: int | None,
    end: int | None,
    doc_text: str | None = None,
    table: bool = False,
) -> list[tuple[str, bool]]:
    """The sentence as (text, is_number) pieces, the number's piece marked True; for a `table`
    row's evidence, the number in the row's cells (never in its headers)."""
    if table and sentence and surface:
        span = cell_span(sentence, surface, start, doc_text)
    else:
        span = number_span(sentence, surface, start, end, doc_text)
    if span is None:
        return [(sentence, False)] if sentence else []
    a, b = span
    parts = [(sentence[:a], False), (sentence[a:b], True), (sentence[b:], False)]
    return [(text, hit) for text, hit in parts if text]
