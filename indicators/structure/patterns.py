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


_STARTS: dict[int, tuple[dict, re.Pattern]] = {}  # id(trie) -> (trie, its first characters)


def _first_chars(trie: dict) -> re.Pattern:
    """A character class of the characters that start a word of `trie` (built once per trie)."""
    hit = _STARTS.get(id(trie))
    if hit is None or hit[0] is not trie:
        firsts = "".join(re.escape(c) for c in sorted(k for k in trie if k))
        hit = _STARTS[id(trie)] = (trie, re.compile(f"[{firsts}]"))
    return hit[1]


def count_keywords(text: str, trie: dict) -> Counter:
    """How often each trie word occurs in `text`, overlaps included ("食品安全" counts 食品 and 安全 too).

    A regex finds the positions where some word may start (C speed); the trie is walked only there.
    """
    counts: Counter = Counter()
    if not trie:
        return counts
    n = len(text)
    starts = _first_chars(trie)
    for m in starts.finditer(text):
        i = m.start()
        node = trie.get(text[i])
        j = i + 1
        while node is not None:
            word = node.get(_END)
            if word is not None:
                counts[word] += 1
            if j >= n:
                break
            node = node.get(text[j])
            j += 1
    return counts
