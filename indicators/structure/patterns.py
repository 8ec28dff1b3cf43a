"""Fast lookups for large word lists: a trie-shaped regex and an overlapping keyword counter."""

from __future__ import annotations

import re
from collections import Counter

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


_LONGEST: dict[int, tuple[dict, re.Pattern, dict[str, tuple[str, ...]]]] = {}


def _longest_matcher(trie: dict) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """For a trie (built once): a regex giving the longest word at every position, and for each
    word the words that are its prefixes (itself included)."""
    hit = _LONGEST.get(id(trie))
    if hit is None or hit[0] is not trie:
        words = sorted(set(_words(trie)), key=len, reverse=True)
        firsts = "".join(re.escape(c) for c in sorted({w[0] for w in words}))
        # the trie-shaped regex is greedy, so it gives the longest word at a position
        pattern = re.compile(f"(?=[{firsts}])(?=({_trie_source(trie)}))")
        wordset = set(words)
        prefixes = {
            w: tuple(w[:k] for k in range(1, len(w) + 1) if w[:k] in wordset) for w in words
        }
        hit = _LONGEST[id(trie)] = (trie, pattern, prefixes)
    return hit[1], hit[2]


def count_keywords(text: str, trie: dict) -> Counter:
    """How often each trie word occurs in `text`, overlaps included ("食品安全" counts 食品 and 安全 too).

    Every word starting at a position is a prefix of the longest word starting there, so one
    look-ahead regex (C speed) finds the longest word at each position and its prefixes are added.
    """
    counts: Counter = Counter()
    if not trie:
        return counts
    pattern, prefixes = _longest_matcher(trie)
    for m in pattern.finditer(text):
        for word in prefixes[m.group(1)]:
            counts[word] += 1
    return counts
