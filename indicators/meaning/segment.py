"""Chinese words with part-of-speech tags (rjieba: jieba-rs, its dictionary ships in the package)."""

from __future__ import annotations

from functools import cache

from indicators.vocabulary import load_yaml


@cache
def _tagger():
    import rjieba  # noqa: PLC0415 - 0.1 s of dictionary loading, paid only when names are built

    words = load_yaml("name_words.yaml")
    for word in words.get("segmenter_words", []):
        rjieba.add_word(word, 200_000, "n")
    return rjieba


def tag(text: str) -> list[tuple[str, str]]:
    """Words and tags: "电信网络诈骗刑事警情同比下降" -> [("电信", "n"), ("网络", "n"), …, ("下降", "v")]."""
    if not text:
        return []
    return _tagger().tag(text)
