"""Meaning figures against gold with `concept`, `improving` and `core` (meaning-dev.jsonl format):
same-indicator pair precision/recall of `indicator_key`, `improving` accuracy, core/target P/R."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd


def load_meaning_gold(paths: list[str | Path]) -> list[dict]:
    """Gold rows with offsets (doc, start, end) and the meaning fields."""
    rows = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("start") is not None and row.get("role") != "negative":
                    rows.append(row)
    return rows


def matched_rows(gold: list[dict], table: pd.DataFrame) -> list[dict | None]:
    """The table row overlapping each gold mention (by document name and offsets), or None."""
    docs = table["doc"].astype(str).map(lambda d: Path(d).name)
    by_doc = {d: table[docs == d] for d in docs.unique()}
    out = []
    for g in gold:
        t = by_doc.get(g["doc"])
        hit = None if t is None else t[(t["start"] < g["end"]) & (t["end"] > g["start"])]
        out.append(hit.iloc[0].to_dict() if hit is not None and len(hit) else None)
    return out


def _blank(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v) or str(v) == ""


def pair_scores(gold: list[dict], rows: list[dict | None]) -> dict:
    """Precision and recall over all pairs of gold mentions: same concept vs same key."""
    keys = [
        None if r is None or _blank(r.get("indicator_key")) else r["indicator_key"] for r in rows
    ]
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        if not gold[i].get("concept") or not gold[j].get("concept"):
            continue
        same_gold = gold[i]["concept"] == gold[j]["concept"]
        same_key = keys[i] is not None and keys[i] == keys[j]
        tp, fp, fn = (
            tp + (same_gold and same_key),
            fp + (same_key and not same_gold),
            fn + (same_gold and not same_key),
        )
    return {
        "pair_precision": tp / (tp + fp) if tp + fp else 0.0,
        "pair_recall": tp / (tp + fn) if tp + fn else 0.0,
        "gold_pairs": tp + fn,
    }


def _pr(pred: list[bool], truth: list[bool]) -> tuple[float, float]:
    tp = sum(p and t for p, t in zip(pred, truth, strict=True))
    return (tp / sum(pred) if any(pred) else 0.0, tp / sum(truth) if any(truth) else 0.0)


def meaning_scores(gold: list[dict], table: pd.DataFrame) -> dict:
    """All meaning figures of a table against meaning gold."""
    rows = matched_rows(gold, table)
    out = pair_scores(gold, rows)
    judged = [(g, r) for g, r in zip(gold, rows, strict=True) if g.get("improving") is not None]
    right = sum(
        1
        for g, r in judged
        if r is not None
        and not _blank(r.get("improving"))
        and bool(r["improving"]) == g["improving"]
    )
    out["improving_right"], out["improving_judged"] = right, len(judged)
    found = [
        (g, r)
        for g, r in zip(gold, rows, strict=True)
        if r is not None and g.get("core") is not None
    ]
    ctx_p, ctx_r = _pr([not bool(r["core"]) for _, r in found], [not g["core"] for g, _ in found])
    out["context_precision"], out["context_recall"] = ctx_p, ctx_r
    tgt = [(g, r) for g, r in zip(gold, rows, strict=True) if r is not None and g.get("role")]
    t_p, t_r = _pr([r["role"] == "target" for _, r in tgt], [g["role"] == "target" for g, _ in tgt])
    out["target_precision"], out["target_recall"] = t_p, t_r
    return out
