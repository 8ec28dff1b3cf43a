"""Domain classifier: weighted keywords (domains.yaml) over a case's title, units and text, with evidence."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

from indicators.structure.patterns import build_trie, count_keywords
from indicators.vocabulary import parse_yaml

VOCAB = Path(__file__).resolve().parent.parent / "vocab"


@dataclass(frozen=True)
class Domain:
    """One policy domain of the taxonomy."""

    key: str
    zh: str
    en: str
    keywords: tuple[tuple[str, float], ...]

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z_]+", self.key):
            raise ValueError(f"domains.yaml: key {self.key!r} must be lower_snake_case")


@dataclass(frozen=True)
class Taxonomy:
    """The domains with the scoring settings of domains.yaml."""

    domains: tuple[Domain, ...]
    places: tuple[tuple[str, float], ...]
    max_count: int
    alt_ratio: float
    other: Domain
    mask: tuple[str, ...] = ()
    trie: dict | None = None  # every keyword, for one pass over a text
    owners: dict | None = None  # keyword -> [(domain key, weight)]
    sorted_keys: tuple[str, ...] = ()  # the domain keys in alphabetical order

    def label(self, key: str | None) -> str | None:
        """Chinese label of a domain key: "public_safety" -> "平安建设"."""
        for d in (*self.domains, self.other):
            if d.key == key:
                return d.zh
        return None


@dataclass(frozen=True)
class Classification:
    """A case's domain, runner-up and the words that decided."""

    key: str
    alt: str | None
    evidence: str
    scores: tuple[tuple[str, float], ...] = ()


@cache
def load_taxonomy(path: Path = VOCAB / "domains.yaml") -> Taxonomy:
    """Read domains.yaml once; a domain without keywords is an error that names it."""
    raw = parse_yaml(path.read_text(encoding="utf-8"))
    domains = []
    for d in raw["domains"]:
        if not d.get("keywords"):
            raise ValueError(f"{path}: domain {d.get('key')!r} has no keywords; add some")
        words = tuple(
            sorted(((str(w), float(x)) for w, x in d["keywords"].items()), key=lambda p: -len(p[0]))
        )
        domains.append(Domain(d["key"], d["zh"], d["en"], words))
    other = raw["other"]
    return Taxonomy(
        tuple(domains),
        tuple((k, float(v)) for k, v in raw["places"].items()),
        int(raw["max_count"]),
        float(raw["alt_ratio"]),
        Domain(other["key"], other["zh"], other["en"], ()),
        tuple(sorted(raw.get("mask") or (), key=len, reverse=True)),
        build_trie(w for d in domains for w, _ in d.keywords),
        _owners(tuple(domains)),
        tuple(sorted(d.key for d in domains)),
    )


def _owners(domains: tuple[Domain, ...]) -> dict[str, list[tuple[str, float]]]:
    """keyword -> [(domain key, weight)] for every domain that lists it."""
    owners: dict[str, list[tuple[str, float]]] = {}
    for domain in domains:
        for word, weight in domain.keywords:
            owners.setdefault(word, []).append((domain.key, weight))
    return owners


def score_domains(parts: dict[str, str], taxonomy: Taxonomy) -> dict[str, Counter]:
    """Per domain, each keyword's contribution: Σ weight × place weight × min(count, max_count).

    {"title": "创新追溯机制 筑牢食安防线"} -> market_regulation: {食安: 15, 追溯: 9}.
    """
    hits = _keyword_scores(parts, taxonomy)
    return {domain.key: Counter(hits.get(domain.key, {})) for domain in taxonomy.domains}


def _keyword_scores(parts: dict[str, str], taxonomy: Taxonomy) -> dict[str, dict[str, float]]:
    """`score_domains` as plain dicts, for the domains with a hit only (a Counter per domain per
    case costs more than the scan)."""
    sums: dict[str, dict[str, float]] = {}
    owners, trie, max_count = taxonomy.owners or {}, taxonomy.trie or {}, taxonomy.max_count
    for place, place_weight in taxonomy.places:
        text = parts.get(place, "")
        if not text:
            continue
        counts = count_keywords(_masked(text, taxonomy.mask), trie)
        for word, n in counts.items():
            n = n if n < max_count else max_count  # min(n, max_count) without the call
            for key, weight in owners[word]:
                hits = sums.get(key)
                if hits is None:
                    sums[key] = {word: 0 + weight * place_weight * n}  # 0 + …: the same sum
                else:
                    hits[word] = hits.get(word, 0) + weight * place_weight * n
    return sums


def _masked(text: str, words: tuple[str, ...]) -> str:
    """ "市政府研究室" -> "□□□研究室" for mask word 市政府 (same length, offsets unchanged).
    A text holding none of the words (most case bodies) is left as it is after one regex scan,
    not one substring scan per word."""
    if not words or not _any_of(words).search(text):
        return text
    for word in words:
        if word in text:  # most texts hold few mask words: skip the copy
            text = text.replace(word, "□" * len(word))
    return text


@cache
def _any_of(words: tuple[str, ...]) -> re.Pattern:
    """Any of `words` (the taxonomy's mask words)."""
    return re.compile("|".join(map(re.escape, words)))


def classify_case(title: str, departments: tuple[str, ...], body: str) -> Classification:
    """The domain with the highest keyword score, its runner-up and the deciding words.

    ("打造反诈精准宣防“厦门经验”", ("市公安局",), "…电信网络诈骗…") -> public_safety,
    evidence "反诈 12 · 公安 4 · 诈骗 …".
    """
    taxonomy = load_taxonomy()
    scores = _keyword_scores(
        {"title": title, "departments": "、".join(departments), "body": body}, taxonomy
    )
    sums = {key: sum(hits.values()) for key, hits in scores.items()}
    ranked = _ranked(sums, _keys(taxonomy))
    best, second = ranked[0], ranked[1]
    hits, total, runner_up = scores.get(best, {}), sums.get(best, 0), sums.get(second, 0)
    table = tuple((k, float(sums.get(k, 0))) for k in ranked)
    if total == 0:
        return Classification(taxonomy.other.key, None, "no domain keyword", table)
    alt = second if runner_up > 0 and runner_up >= taxonomy.alt_ratio * total else None
    top = sorted(hits.items(), key=itemgetter(1), reverse=True)[:5]  # Counter.most_common(5)
    evidence = " · ".join(f"{w} {v:g}" for w, v in top)
    return Classification(best, alt, evidence, table)


def _ranked(sums: dict[str, float], keys: tuple[str, ...]) -> list[str]:
    """Every domain key by falling score, ties by key; `sums` holds the domains with a hit, the
    others score 0. When every hit scores above 0 (positive weights), only the hits are sorted."""
    if all(v > 0 for v in sums.values()):
        return sorted(sums, key=lambda key: (-sums[key], key)) + [k for k in keys if k not in sums]
    return sorted(keys, key=lambda key: (-sums.get(key, 0), key))


def _keys(taxonomy: Taxonomy) -> tuple[str, ...]:
    """The domain keys in alphabetical order."""
    return taxonomy.sorted_keys or tuple(sorted(d.key for d in taxonomy.domains))


def dominant_domain(domains: list[str]) -> str:
    """The most frequent case domain of a document ("other" when it has no cases)."""
    counts = Counter(d for d in domains if d and d != "other")
    return counts.most_common(1)[0][0] if counts else load_taxonomy().other.key
