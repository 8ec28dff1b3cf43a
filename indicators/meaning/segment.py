"""Chinese words with part-of-speech tags (rjieba: jieba-rs, its dictionary ships in the package)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from indicators.vocabulary import load_yaml


@cache
def _tagger():
    import rjieba  # noqa: PLC0415 - 0.1 s of dictionary loading, paid only when names are built

    words = load_yaml("name_words.yaml")
    for word in words.get("segmenter_words", []):
        rjieba.add_word(word, 200_000, "n")
    for word in words.get("segmenter_verbs", []):
        rjieba.add_word(word, 200_000, "v")
    return rjieba


# jieba's dictionary joins the end of a measure to the verb after it ("处置率达98.7%" -> 处置|率达,
# "占比达" -> 占|比达): a two-character word of a measure's last character and one of these is
# split, so the measure keeps its 率 (率先 stays whole)
MEASURE_ENDS = frozenset("率比度量数额值")
RATE_JOINS = frozenset("达为均由从在是超")


JOINED = re.compile(f"[{''.join(sorted(MEASURE_ENDS))}][{''.join(sorted(RATE_JOINS))}]")


# the strings one document's names are built from are tagged again and again (a clause, its
# trimmed left part, the name; the same words for the next number of the sentence, and again in
# the meaning stage): a cache of the document's words, emptied when the next document starts
# (`new_document`), so nothing carries across documents; the bound only caps a huge document
DOCUMENT_WORDS = 8192
_DOCUMENT_CACHES: list = []  # the caches `new_document` empties


def document_cache(func):
    """`func` with a cache of its answers for the document being read (a pure function of the
    document's words, asked again for the same words), emptied by `new_document`."""
    cached = lru_cache(maxsize=DOCUMENT_WORDS)(func)
    _DOCUMENT_CACHES.append(cached)
    return cached


def new_document() -> None:
    """Forget the answers for the document before (the pipeline calls it per document)."""
    for cached in _DOCUMENT_CACHES:
        cached.cache_clear()


@document_cache
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """Words and tags: "电信网络诈骗刑事警情同比下降" -> (("电信", "n"), ("网络", "n"), …, ("下降", "v"));
    "处置率达" -> (("处置", "v"), ("率", "n"), ("达", "v")).

    A tuple (shared by the callers of the cache, so nobody can change it); the split of a joined
    measure runs only when the text holds one (one regex search, not a loop over the words)."""
    if not text:
        return ()
    tokens = _tagger().tag(text)
    return tuple(_split_rates(tokens) if JOINED.search(text) else tokens)


def _joined(word: str) -> bool:
    return len(word) == 2 and word[0] in MEASURE_ENDS and word[1] in RATE_JOINS


def _split_rates(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for word, pos in tokens:
        if _joined(word):
            out += [(word[0], "n"), (word[1], "v")]
        else:
            out.append((word, pos))
    return out
