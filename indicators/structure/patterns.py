"""Fast lookups for large word lists: Aho-Corasick automata (ahocorasick-rs, built once).

`WordFinder` gives the longest word at the leftmost position, non-overlapping (what a greedy
trie-shaped regex gives: 黄岛区 wins over 黄岛); `count_keywords` counts every occurrence of every
word, overlaps included. `trie_regex` remains for short lists that want a regex.
"""

from __future__ import annotations

import re
from collections import Counter

import ahocorasick_rs

_END = ""  # trie key marking that a word ends here


def build_trie(words) -> dict:
    """A nested-dict trie of `words`; the word itself is stored under the "" key where it ends."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[_END] = word
    return root


def _trie_source(node: dict) -> str:
    branches = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if _END in node else body


def trie_regex(words) -> re.Pattern:
    """One regex matching any of `words`, longest first, with shared prefixes factored out.

    ["黄岛", "黄岛区", "思明"] -> (?:思明|黄岛(?:区)?); thousands of names stay fast to search.
    """
    source = _trie_source(build_trie(words))
    return re.compile(source or r"(?!x)x")


def _words(node: dict) -> list[str]:
    out = [node[_END]] if _END in node else []
    for ch, child in node.items():
        if ch:
            out += _words(child)
    return out


class WordFinder:
    """Leftmost-longest, non-overlapping matches of a fixed word list, in order of position."""

    def __init__(self, words) -> None:
        self.words = sorted({w for w in words if w})
        self._automaton = ahocorasick_rs.AhoCorasick(
            self.words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def findall(self, text: str) -> list[str]:
        """The words found in `text`: "黄岛区和思明" -> ["黄岛区", "思明"]."""
        return self._automaton.find_matches_as_strings(text) if self.words else []


_ALL: dict[int, tuple[dict, ahocorasick_rs.AhoCorasick | None]] = {}


def _all_matcher(trie: dict) -> ahocorasick_rs.AhoCorasick | None:
    """An automaton reporting every occurrence of the trie's words (built once per trie)."""
    hit = _ALL.get(id(trie))
    if hit is None or hit[0] is not trie:
        words = sorted(set(_words(trie)))
        automaton = ahocorasick_rs.AhoCorasick(words) if words else None
        hit = _ALL[id(trie)] = (trie, automaton)
    return hit[1]


def count_keywords(text: str, trie: dict) -> Counter:
    """How often each trie word occurs in `text`, overlaps included ("食品安全" counts 食品 and 安全 too)."""
    automaton = _all_matcher(trie) if trie else None
    if automaton is None:
        return Counter()
    return Counter(automaton.find_matches_as_strings(text, overlapping=True))
