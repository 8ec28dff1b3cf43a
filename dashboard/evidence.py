"""Where a figure comes from: split its sentence around the number so the page can highlight it.

The table's `start`/`end` are offsets into the decoded document; the number's place in the sentence
is found by locating the sentence in the document when the text is at hand, else by the offsets
read relative to the sentence, else by searching the surface text.

    >>> sentence_parts("食安群众满意度从64.5%提升至91.7%。", "91.7%", 1010, 1015)
    [('食安群众满意度从64.5%提升至', False), ('91.7%', True), ('。', False)]
"""

from __future__ import annotations


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


def sentence_parts(
    sentence: str, surface: str, start: int | None, end: int | None, doc_text: str | None = None
) -> list[tuple[str, bool]]:
    """The sentence as (text, is_number) pieces, the number's piece marked True."""
    span = number_span(sentence, surface, start, end, doc_text)
    if span is None:
        return [(sentence, False)] if sentence else []
    a, b = span
    parts = [(sentence[:a], False), (sentence[a:b], True), (sentence[b:], False)]
    return [(text, hit) for text, hit in parts if text]
