"""Score the case splitter, place lookup, year and domain classifier against case gold (cases-*.jsonl)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from indicators.sources import load_sources
from indicators.structure.cases import split_cases
from indicators.structure.model import Case
from indicators.structure.timing import resolve_year


class GoldFileError(ValueError):
    """A case-gold file is missing or has a malformed line."""


def _key(text: str | None) -> str:
    return re.sub(r"[\s\W_]", "", text or "")


def load_case_gold(path: Path) -> dict[str, list[dict]]:
    """{doc: [gold case, …]} in file order; a bad line names its number."""
    path = Path(path)
    if not path.exists():
        raise GoldFileError(f"{path}: no such case-gold file; pass tests/gold/cases-dev.jsonl")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            by_doc[row["doc"]].append(row)
        except (json.JSONDecodeError, KeyError) as exc:
            raise GoldFileError(
                f"{path}:{n}: not a case-gold record ({exc}); fix the line"
            ) from exc
    return dict(by_doc)


def match_cases(
    gold: list[dict], cases: tuple[Case, ...], text: str
) -> list[tuple[dict, Case | None]]:
    """Pair each gold case with the predicted case whose text begins with the gold's first words."""
    bodies = [(_key(text[c.body_start : c.end])[:60], c) for c in cases]
    out = []
    for g in gold:
        first = _key(g.get("first_text"))[:12]
        found = next((c for body, c in bodies if first and body.startswith(first)), None)
        out.append((g, found))
    return out


def case_year_of(case: Case, period_end: int | None) -> int | None:
    """The case-level year as add_structure resolves it (own year, or a "YYYY年以来" in the period)."""
    year, source = resolve_year(None, case.year, case.since_year, period_end, None, None)
    return year if source == "case" else None


def _rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def evaluate_cases(gold_path: Path, docs_dir: Path) -> dict:
    """Figures for the case gold: counts, title/department/district/year match and domain accuracy.

    Domain accuracy counts a case right when the predicted domain is the gold domain or one of
    its listed alternatives; `domain_exact` counts the gold primary only.
    """
    gold = load_case_gold(gold_path)
    sources = load_sources(Path(docs_dir) / "sources.yaml")
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_doc = {}
    for doc, gold_cases in sorted(gold.items()):
        path = Path(docs_dir) / doc
        if not path.exists():
            raise GoldFileError(f"{gold_path}: document {doc} is not in {docs_dir}")
        text = path.read_text(encoding="utf-8-sig")
        source = sources.get(doc)
        split = split_cases(text, city=source.city if source else None)
        pairs = match_cases(gold_cases, split.cases, text)
        per_doc[doc] = {
            "layout": split.layout,
            "gold": len(gold_cases),
            "found": len(split.cases),
            "matched": sum(c is not None for _, c in pairs),
        }
        for g, c in pairs:
            _score_pair(g, c, source.period_end if source else None, tally)
    figures = {name: _rate(h, t) for name, (h, t) in sorted(tally.items())}
    figures.update({f"{name}_n": t for name, (_h, t) in sorted(tally.items())})
    figures["documents"] = per_doc
    figures["case_count_match"] = _rate(
        sum(d["gold"] == d["found"] for d in per_doc.values()), len(per_doc)
    )
    return figures


def _score_pair(g: dict, c: Case | None, period_end: int | None, tally) -> None:
    """Add one gold case's hits and totals to `tally` ({figure: [hits, total]})."""
    tally["case_recall"][1] += 1
    if c is None:
        return
    tally["case_recall"][0] += 1
    checks = {
        "department_match": set(g.get("departments") or []) == set(c.departments),
        "district_match": (g.get("district") or None) == c.district,
        "year_match": g.get("year") == case_year_of(c, period_end),
        "domain_accuracy": c.domain in {g["domain"], *(g.get("domain_alt") or [])},
        "domain_exact": c.domain == g["domain"],
    }
    if g.get("title"):
        checks["title_match"] = _key(g["title"]) == _key(c.title)
    for name, ok in checks.items():
        tally[name][0] += int(ok)
        tally[name][1] += 1
