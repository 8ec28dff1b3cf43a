"""Human-readable case list of a document, for `indicators cases PATH`."""

from __future__ import annotations

from indicators.structure.domains import load_taxonomy
from indicators.structure.model import CaseSplit


def describe_split(split: CaseSplit, text: str | None = None, width: int = 28) -> str:
    """One line per case: number, title (or the opening words), units, district, year, domain.

    "layout bullets, 70 cases" then "  19  信用就医 | 市发改委、市卫健委… | – | – | public_services 民生服务".
    """
    taxonomy = load_taxonomy()
    lines = [f"layout {split.layout}, {len(split.cases)} cases"]
    for c in split.cases:
        lead = " ".join(text[c.body_start : c.body_start + width].split()) if text else c.lead
        title = c.title or f"{lead}…"
        units = "、".join(c.departments) or "–"
        domain = f"{c.domain} {taxonomy.label(c.domain) or ''}".strip()
        if c.domain_alt:
            domain += f" (alt {c.domain_alt})"
        lines.append(
            f"{c.ordinal:>3} {c.case_no or '–':>4}  {title[: width + 12]} | {units[:40]} | "
            f"{c.district or '–'} | {c.year or '–'} | {domain} | [{c.start}:{c.end}] id {c.case_id}"
        )
    return "\n".join(lines)


def describe_figures(figures: dict) -> str:
    """evaluate_cases' figures as aligned lines, per-document counts last.

    "domain_accuracy      0.988  (n=80)".
    """
    lines = []
    for name, value in figures.items():
        if name == "documents" or name.endswith("_n"):
            continue
        n = figures.get(f"{name}_n")
        shown = "–" if value is None else f"{value:.3f}"
        lines.append(f"{name:<20} {shown}" + (f"  (n={n})" if n is not None else ""))
    for doc, d in figures.get("documents", {}).items():
        lines.append(
            f"{doc}: {d['layout']}, gold {d['gold']}, found {d['found']}, matched {d['matched']}"
        )
    return "\n".join(lines)
