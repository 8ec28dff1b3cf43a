"""Score the extractor on gold mentions (the shared scorer's figures) and format all figures."""

from __future__ import annotations

import tempfile
from pathlib import Path

from indicators import scoring
from indicators.errors import GoldFileError

HEADLINE = ("precision", "recall", "f1", "strict_f1", "year_acc", "unit_acc", "direction_acc",
            "role_acc", "value_acc", "name_dice_mean")  # fmt: skip


def evaluate_extraction(
    gold: list[str], docs: Path, pred: str | None = None, show: int = 0
) -> dict:
    """Extract the gold documents (unless a predicted table is given) and score them.

    Returns the scorer's figures plus `_report`, the misses and false positives when `show` > 0.
    """
    from indicators.exporters import write_table
    from indicators.pipeline import extract_paths
    from indicators.sources import load_sources

    for g in gold:
        if not Path(g).exists():
            raise GoldFileError(f"gold file {g} does not exist")
    try:
        rows, texts = scoring.load_gold(gold, str(docs))
    except SystemExit as exc:  # the shared scorer exits on a gold row it cannot place
        raise GoldFileError(f"{exc}; check that --docs holds the gold documents") from exc
    if pred is None:
        paths = [Path(docs) / d for d in sorted(texts)]
        result = extract_paths(paths, load_sources(Path(docs) / "sources.yaml"))
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "pred.parquet"
            write_table(result.table, out)
            preds = scoring.load_pred(str(out))
    else:
        preds = scoring.load_pred(pred)
    figures = scoring.score(rows, preds)
    if show:
        figures["_report"] = _report(figures, texts, show)
    return figures


def evaluate_meaning(gold: list[str], docs: Path, pred: str | None = None) -> dict:
    """Meaning figures (identity pairs, improving, core, target) of the gold documents' table."""
    import pandas as pd

    from indicators.meaning.scoring import load_meaning_gold, meaning_scores
    from indicators.pipeline import extract_paths
    from indicators.sources import load_sources

    for g in gold:
        if not Path(g).exists():
            raise GoldFileError(f"gold file {g} does not exist")
    rows = load_meaning_gold(gold)
    if pred is not None:
        table = pd.read_parquet(pred) if str(pred).endswith(".parquet") else pd.read_csv(pred)
    else:
        paths = sorted({Path(docs) / r["doc"] for r in rows})
        missing = [p for p in paths if not p.exists()]
        if missing:
            raise GoldFileError(
                f"{missing[0]} does not exist; check that --docs holds the gold documents"
            )
        table = extract_paths(paths, load_sources(Path(docs) / "sources.yaml")).table
    return meaning_scores(rows, table)


def _report(r: dict, texts: dict, n: int) -> str:
    lines = ["# missed gold positives"]
    lines += [f"  {g['doc'][:3]} {g['surface']!r} | {g['sentence'][:50]}" for g in r["_missed"][:n]]
    lines.append("# predictions on gold negatives")
    lines += [f"  {p['doc'][:3]} {g['surface']!r} ({g.get('why')})" for p, g in r["_fp_neg"][:n]]
    lines.append("# predictions matching no gold row")
    for p in r["_fp_none"][:n]:
        t = texts.get(p["doc"], "")
        lines.append(f"  {p['doc'][:3]} {t[int(p['start']) : int(p['end'])]!r} value={p['value']}")
    return "\n".join(lines)


def format_figures(out: dict) -> str:
    """Readable lines for `indicators evaluate`."""
    lines = []
    ext = out.get("extraction")
    if ext:
        lines.append(
            f"extraction on {ext['docs']} gold document(s), {ext['gold_positives']} gold mentions:"
        )
        for k in HEADLINE:
            v = ext.get(k)
            lines.append(f"  {k:16} {v:.3f}" if isinstance(v, float) else f"  {k:16} {v}")
        if ext.get("_report"):
            lines.append(ext["_report"])
    meaning = out.get("meaning")
    if meaning:
        lines.append("meaning:")
        lines.append(
            f"  same_indicator_pairs P {meaning['pair_precision']:.3f} R {meaning['pair_recall']:.3f}"
            f" ({meaning['gold_pairs']} gold pairs)"
        )
        lines.append(
            f"  improving_right  {meaning['improving_right']}/{meaning['improving_judged']}"
        )
        for k in ("context_precision", "context_recall", "target_precision", "target_recall"):
            lines.append(f"  {k:16} {meaning[k]:.3f}")
    for path, fig in (out.get("cases") or {}).items():
        lines.append(f"cases ({path}):")
        for k, v in fig.items():
            if k != "documents" and not k.endswith("_n"):
                lines.append(f"  {k:24} {v}")
        for doc, d in fig.get("documents", {}).items():
            lines.append(
                f"  {doc}: layout {d['layout']}, gold {d['gold']}, found {d['found']}, matched {d['matched']}"
            )
    for name, r in (out.get("peer") or {}).items():
        lines.append(
            f"peer {name}: {r['passed']}/{r['total'] - r['excluded']} = {r['rate']:.1%} "
            f"({r['excluded']} excluded by conventions)"
        )
    return "\n".join(lines)
