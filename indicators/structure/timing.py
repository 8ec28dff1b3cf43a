"""Years: a case's own year, a document's inferred year, and the precedence that fills each row's year."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from indicators.vocabulary import parse_yaml

VOCAB = Path(__file__).resolve().parent.parent / "vocab"
# the "no digit before" test stands after 19|20 (a look-behind over three characters), not first:
# a pattern that opens with its literals lets the regex engine skip to them in C (4x faster)
YEAR = re.compile(r"((?:19|20)(?<!\d..)\d{2})\s*年(\d{1,2}月)?(底|初|末|上半年|下半年)?")


@cache
def load_timing(path: Path = VOCAB / "timing.yaml") -> dict:
    """The year rules (timing.yaml), read once."""
    return parse_yaml(path.read_text(encoding="utf-8"))


CLAUSE_END = re.compile(r"[，,。；！？\n]")


def _clause_of(text: str, pos: int) -> str:
    """The clause from `pos` to the next comma or full stop."""
    m = CLAUSE_END.search(text, pos)
    return text[pos : m.start() if m else len(text)]


@lru_cache(maxsize=8)  # case_year and since_year read the same case body one after the other
def _opening_years(text: str) -> tuple[tuple[int, str, int], ...]:
    """(year, the two characters after it, offset) for each year that opens a clause, within the configured range."""
    rules = load_timing()
    low, high = rules["year_range"]
    openers = rules["clause_openers"]
    out = []
    for m in YEAR.finditer(text):
        start = m.start()
        before = text[start - 1] if start else "\n"
        if before in openers:
            year = int(m.group(1))
            if low <= year <= high:
                out.append((year, text[m.end() : m.end() + 2], start))
    return tuple(out)


def case_year(body: str) -> int | None:
    """The year a case's values refer to, when its clauses open with one year only.

    "2022年，全市共成功劝阻高风险受害人22.66万名" -> 2022;
    "2019年以来，化解信访积案百余起" -> None (a span, see since_year); "2022年被评为…" -> None
    (an honour); "2019年4月率先成立…，2022年优化升级…" -> None (several years, a chronicle).
    """
    rules = load_timing()
    openings = _opening_years(body)
    if len({year for year, _, _ in openings}) != 1:
        return None
    for year, follow, pos in openings:
        if follow.startswith(tuple(rules["span_followers"])):
            continue
        if not any(w in _clause_of(body, pos) for w in rules["honour_words"]):
            return year
    return None


def since_year(body: str) -> int | None:
    """The latest "YYYY年(M月)以来" that opens a clause: "2022年4月以来，共清理…" -> 2022."""
    rules = load_timing()
    found = [
        y for y, follow, _ in _opening_years(body) if follow.startswith(tuple(rules["since_words"]))
    ]
    return max(found) if found else None


# a year the text names, not a range end ("到2035年", "2014-2020年"); the look-behind stands after
# 19|20, as in YEAR, so the engine skips to 1 and 2 in C
TEXT_YEAR = re.compile(r"((?:19|20)(?<![\d到至\-—－~～]..)\d{2})\s*年(?![前后])")


def inferred_year(text: str) -> int | None:
    """A document's year guessed from its text: a dateline, else the year it names most often.

    Ties go to the later year; range ends and targets ("2014-2020年", "到2035年") do not count.
    "时间:2023-03-02 15:28" -> 2023; "…2015年…2015年…2016年，市政府将…" -> 2015.
    """
    low, high = load_timing()["year_range"]
    dateline = re.search(r"(?:时间|日期|发布)[:：]\s*((?:19|20)\d{2})[-/年.]", text[:500])
    if dateline:
        return int(dateline.group(1))
    found = TEXT_YEAR.findall(text)
    counts = Counter(y for y in map(int, found) if low <= y <= high)
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def resolve_year(
    clause_year: int | None,
    case: int | None,
    since: int | None,
    period_end: int | None,
    published_year: int | None,
    text_year: int | None,
) -> tuple[int | None, str | None]:
    """Pick a row's year and say where it came from: clause > case > period > published > inferred.

    A case's "YYYY年以来" counts as its year when YYYY is the last year the document covers.
    (None, 2022, None, 2022, 2023, None) -> (2022, "case"); (None, None, None, 2015, 2016, None)
    -> (2015, "period").
    """
    reference = period_end or published_year or text_year
    if clause_year is not None:
        return clause_year, "clause"
    if case is not None:
        return case, "case"
    if since is not None and reference is not None and since >= reference:
        return since, "case"
    for year, source in (
        (period_end, "period"),
        (published_year, "published"),
        (text_year, "inferred"),
    ):
        if year is not None:
            return year, source
    return None, None
