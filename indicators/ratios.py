"""Ratios written with a colon or a slash: "城乡收入比由2.05:1下降为2.02:1", "三次产业比调整为
11.8∶48.3∶39.9", "占全部呼入数的1/10".

The numbers of such a ratio have no unit, so the filters drop them as bare numbers. A ratio to 1
is one value (2.05:1 -> 2.05, the surface "2.05:1", as the annotation guide writes it); a ratio of
three or more parts (the structure of the three sectors) is one value per part. Only in a clause
that names a ratio (比, 比例, 结构): "10:30" and a score of "3:2" stay what they were. A slash
fraction is a share only after 占 ("占全部呼入数的1/10", unit ratio as 三分之二 has); "1/10" alone
may be a date or a code.
"""

from __future__ import annotations

import re

from indicators.mentions import Mention

COLONS = ":︰∶"  # the ASCII colon (full-width ones are normalised to it), and the ratio signs
NUMBER = r"[0-9]+(?:\.[0-9]+)?"
# the first digit opens the pattern (the engine skips to it in C) and the look-behind checks what
# stands before it: the same matches as (?<![0-9.:]){NUMBER}…, tried at digits only
RATIO = re.compile(
    rf"[0-9](?<![0-9.:][0-9])[0-9]*(?:\.[0-9]+)?(?:\s*[{COLONS}]\s*{NUMBER})+(?![0-9.:])"
)
# 收入比, 三次产业比例, 产业结构 (not the 比 of a comparison: 同比, 比上年)
RATIO_WORDS = re.compile(r"(?<![同环相对])比(?!上|去|前|同期)|结构")
CLAUSE_BACK = 30  # how far back the ratio's word is looked for
# the ratio's clause, or the clause before when the ratio's own starts with its from→to
# ("城乡收入比持续缩小,由上年同期的2.05:1下降为2.02:1")
CLAUSE_STOPS = re.compile(r"[,。;!?\n]")
SENTENCE_STOPS = re.compile(r"[。;!?\n]")
FROM_CLAUSE = re.compile(r"^\s*(?:由|从)")
NUMBER_RE = re.compile(NUMBER)
RESCUED = ("bare", "date")  # 12.5:40.3:47.2 is no date of 12 May
SHARE_OF = re.compile(r"占[^,。;:!?\n0-9]{0,12}$")  # 占全部呼入数的 1/10


def rescue_ratios(norm: str, mentions: list[Mention]) -> list[Mention]:
    """Keep the numbers of a ratio that the filters dropped as bare (or as a date: 12.5:40.3): the
    first of a ratio to 1 spans the whole ratio and the 1 goes; every part of a longer ratio is
    kept; a slash fraction after 占 is a share."""
    mentions = [_share_fraction(m, norm) for m in mentions] if "/" in norm else mentions
    if not any(c in norm for c in COLONS):
        return mentions
    ends: dict[int, int] = {}  # a kept part's num_start -> where its surface ends
    drop: set[int] = set()
    for ratio in RATIO.finditer(norm):
        if not _names_ratio(norm, ratio.start()):
            continue
        parts = [(ratio.start() + p.start(), p) for p in NUMBER_RE.finditer(ratio.group(0))]
        if len(parts) == 2 and float(parts[1][1].group(0)) == 1:
            ends[parts[0][0]] = ratio.end()  # 2.05:1 is one value
            drop.add(parts[1][0])
        elif len(parts) >= 3:
            ends.update((start, start + len(p.group(0))) for start, p in parts)
    touched = set(ends) | drop
    out = []
    for m in mentions:
        if m.reject not in RESCUED or m.num_start not in touched:
            out.append(m)
        elif m.num_start in ends:
            end = max(m.end, ends[m.num_start])
            out.append(m._replace(reject=None, end=end, unit_end=end, unit_kind="ratio"))
    return out


def _names_ratio(norm: str, at: int) -> bool:
    back = norm[max(0, at - CLAUSE_BACK) : at]
    stops = list(CLAUSE_STOPS.finditer(back))
    clause = back[stops[-1].end() :] if stops else back
    if FROM_CLAUSE.match(clause) and len(stops) >= 1:
        ends = list(SENTENCE_STOPS.finditer(back))
        clause = back[ends[-1].end() :] if ends else back  # the clause before is the ratio's
    return bool(RATIO_WORDS.search(clause))


def _share_fraction(m: Mention, norm: str) -> Mention:
    if m.kind != "slash" or m.reject != "bare":
        return m
    if not SHARE_OF.search(norm, max(0, m.start - 14), m.start):
        return m
    return m._replace(reject=None, unit="ratio", unit_kind="ratio")
