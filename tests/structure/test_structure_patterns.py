"""The trie regex finds the longest name at each place; the keyword counter counts overlaps."""

from __future__ import annotations

import pytest

from indicators.structure.patterns import build_trie, count_keywords, trie_regex


@pytest.mark.parametrize(
    ("words", "text", "found"),
    [
        (["黄岛", "黄岛区", "思明"], "黄岛区和思明", ["黄岛区", "思明"]),
        (["思明区", "思明区滨海街道"], "思明区滨海", ["思明区"]),
        (["a.b", "a"], "axb a.b", ["a", "a.b"]),  # "." is a literal, not any character
        ([], "任何文字", []),
    ],
)
def test_trie_regex_longest_match(words, text, found):
    assert [m.group(0) for m in trie_regex(words).finditer(text)] == found


def test_count_keywords_counts_overlapping_words():
    trie = build_trie(["食品", "食品安全", "安全"])
    assert count_keywords("食品安全和食品", trie) == {"食品": 2, "食品安全": 1, "安全": 1}
    assert count_keywords("", trie) == {}
