#!/usr/bin/env python3
"""Score an extracted indicator table against gold annotations (the shared scorer, vendored).

Usage:
    score_extraction.py --gold GOLD.jsonl [GOLD2.jsonl ...] --docs DIR --pred TABLE [--json] [--show N]

GOLD rows follow ANNOTATION_GUIDE.md (one JSON object per number mention,
positives with a "role" other than "negative", negatives with role "negative").
DIR holds the source text files named by the gold rows' "doc".
TABLE is the extractor's output (.csv, .parquet, .jsonl or .xlsx) with at least
the columns doc, start, end, value, unit; and, when present, direction, role,
year, indicator.  start/end are character offsets into the decoded text of doc
(Python str indices, end exclusive).

A predicted row matches a gold row of the same doc when their spans overlap.
Prints detection precision/recall/F1, per-field accuracy on matches, and a
strict F1 where a match also needs value, unit, direction and role right.
Unlike the shared scorer, a gold row that carries its own start/end (the blind sets do) is placed
there, not at the surface's first occurrence in its sentence ("5%" after "6.5%").
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

UNIT_SYNONYMS = {
    "percent": "%",
    "％": "%",
    "百分比": "%",
    "percentage_point": "pp",
    "个百分点": "pp",
    "百分点": "pp",
    "名": "人",
    "位": "人",
    "person": "人",
    "people": "人",
    "人民币": "元",
    "yuan": "元",
    "cny": "元",
    "CNY": "元",
    "ratio": "ratio",
    "dimensionless": "",
    "none": "",
    "None": "",
    "day": "天",
    "日": "天",
    "hour": "小时",
    "h": "小时",
    "minute": "分钟",
    "min": "分钟",
    "month": "月",
    "个月": "月",
    "year": "年",
    "mu": "亩",
    "square_meter": "平方米",
    "m²": "平方米",
    "m**2": "平方米",
    "meter**2": "平方米",
    "times": "倍",
    "fold": "倍",
}
DIRECTION_SYNONYMS = {
    "": None,
    "none": None,
    "None": None,
    "flat": None,
    "nan": None,
    "increase": "up",
    "rise": "up",
    "decrease": "down",
    "fall": "down",
}


def norm_unit(u):
    if u is None or (isinstance(u, float) and math.isnan(u)):
        return ""
    u = str(u).strip()
    return UNIT_SYNONYMS.get(u, u)


def norm_dir(d):
    if d is None or (isinstance(d, float) and math.isnan(d)):
        return None
    d = str(d).strip()
    return DIRECTION_SYNONYMS.get(d, d)


def norm_str(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    s = str(x).strip()
    return s or None


def bigrams(s):
    s = s or ""
    return {s[i : i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


def _shown(row: dict, col: str) -> str:
    v = row.get(col)
    try:
        return "" if v is None or v != v else str(v)  # NaN is not equal to itself
    except TypeError:  # pandas.NA cannot be compared
        return ""


def dice(a, b):
    A, B = bigrams(a), bigrams(b)
    if not A or not B:
        return 0.0
    return 2 * len(A & B) / (len(A) + len(B))


def load_gold(paths, docs_dir):
    rows = []
    texts = {}
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if line:
                    rows.append(json.loads(line))
    cursor = {}
    for r in rows:
        doc = r["doc"]
        if doc not in texts:
            texts[doc] = (Path(docs_dir) / doc).read_text(encoding="utf-8-sig")
        text = texts[doc]
        sent, surf = r["sentence"], r["surface"]
        if _placed(r, text):  # a row with offsets is where they say ("5%" after "6.5%")
            r["_s"], r["_e"] = r["start"], r["end"]
            continue
        pos = cursor.get(doc, 0)
        s = text.find(sent, pos)
        if s < 0:
            s = text.find(sent)
        if s < 0:
            raise SystemExit(f"gold sentence not found in {doc}: {sent[:40]}")
        # cover repeated surfaces inside one sentence in order
        key = (doc, s, surf)
        k = cursor.get(key, 0)
        i = sent.find(surf, k)
        if i < 0:
            i = sent.find(surf)
        if i < 0:
            raise SystemExit(f"gold surface {surf!r} not in its sentence in {doc}")
        cursor[key] = i + len(surf)
        r["_s"], r["_e"] = s + i, s + i + len(surf)
        cursor[doc] = s
    return rows, texts


def _placed(row: dict, text: str) -> bool:
    """True when the gold row's own offsets hold its surface (the blind sets carry them)."""
    start, end = row.get("start"), row.get("end")
    return isinstance(start, int) and isinstance(end, int) and text[start:end] == row["surface"]


def load_pred(path):
    import pandas as pd

    p = Path(path)
    if p.suffix == ".parquet":
        df = pd.read_parquet(p)
    elif p.suffix in (".jsonl", ".json"):
        df = pd.read_json(p, lines=p.suffix == ".jsonl")
    elif p.suffix in (".xlsx", ".xls"):
        df = pd.read_excel(p)
    else:
        df = pd.read_csv(p)
    missing = {"doc", "start", "end", "value", "unit"} - set(df.columns)
    if missing:
        raise SystemExit(f"prediction table lacks columns: {sorted(missing)}")
    df["doc"] = df["doc"].map(lambda d: Path(str(d)).name)
    return df.to_dict("records")


def close(a, b):
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    if math.isnan(a) or math.isnan(b):
        return False
    return abs(a - b) <= max(1e-9, 0.005 * abs(b))


def score(gold, preds, docs=None):
    if docs is not None:
        gold = [g for g in gold if g["doc"] in docs]
        preds = [p for p in preds if p["doc"] in docs]
    else:
        docs = {g["doc"] for g in gold}
        preds = [p for p in preds if p["doc"] in docs]
    by_doc = {}
    for g in gold:
        by_doc.setdefault(g["doc"], []).append(g)
    used = set()
    pairs, fp_neg, fp_none = [], [], []
    for p in sorted(preds, key=lambda r: (r["doc"], int(r["start"]))):
        ps, pe = int(p["start"]), int(p["end"])
        best, best_ov = None, 0
        for g in by_doc.get(p["doc"], []):
            if id(g) in used:
                continue
            ov = min(pe, g["_e"]) - max(ps, g["_s"])
            if ov > best_ov or (
                ov == best_ov
                and ov > 0
                and best is not None
                and best["role"] == "negative"
                and g["role"] != "negative"
            ):
                best, best_ov = g, ov
        if best is None:
            fp_none.append(p)
            continue
        used.add(id(best))
        if best["role"] == "negative":
            fp_neg.append((p, best))
        else:
            pairs.append((p, best))
    positives = [g for g in gold if g["role"] != "negative"]
    core = [g for g in positives if g.get("core")]
    negatives = [g for g in gold if g["role"] == "negative"]
    tp = len(pairs)
    n_pred = len(preds)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / len(positives) if positives else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    core_hit = sum(1 for _, g in pairs if g.get("core"))

    val_ok = [close(p["value"], g["value"]) for p, g in pairs]
    unit_ok = [norm_unit(p.get("unit")) == norm_unit(g.get("unit")) for p, g in pairs]
    dir_ok = [norm_dir(p.get("direction")) == norm_dir(g.get("direction")) for p, g in pairs]
    role_ok = [norm_str(p.get("role")) == norm_str(g.get("role")) for p, g in pairs]
    yr = [(p, g) for p, g in pairs if g.get("year")]

    def year_of(p):
        y = p.get("year")
        try:
            return int(float(y))
        except (TypeError, ValueError):
            return None

    year_ok = [year_of(p) == int(g["year"]) for p, g in yr]
    names = [  # the better of the name in the text and the label (as tests/gold/score_extraction.py)
        max(dice(_shown(p, "indicator"), gold), dice(_shown(p, "indicator_label"), gold))
        for p, g in pairs
        for gold in [g.get("indicator") or ""]
    ]
    strict = sum(1 for i in range(tp) if val_ok[i] and unit_ok[i] and dir_ok[i] and role_ok[i])
    sp = strict / n_pred if n_pred else 0.0
    sr = strict / len(positives) if positives else 0.0
    sf1 = 2 * sp * sr / (sp + sr) if sp + sr else 0.0

    def mean(xs):
        return sum(xs) / len(xs) if xs else None

    return {
        "docs": len(docs),
        "gold_positives": len(positives),
        "gold_core": len(core),
        "gold_negatives": len(negatives),
        "predicted": n_pred,
        "matched": tp,
        "false_pos_on_negatives": len(fp_neg),
        "false_pos_unmatched": len(fp_none),
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "core_recall": core_hit / len(core) if core else None,
        "value_acc": mean(val_ok),
        "unit_acc": mean(unit_ok),
        "direction_acc": mean(dir_ok),
        "role_acc": mean(role_ok),
        "year_acc": mean(year_ok),
        "year_n": len(yr),
        "name_dice_mean": mean(names),
        "name_dice_ge_0.5": mean([n >= 0.5 for n in names]),
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": sf1,
        "_pairs": pairs,
        "_fp_neg": fp_neg,
        "_fp_none": fp_none,
        "_missed": [g for g in positives if not any(g is gg for _, gg in pairs)],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--gold", nargs="+", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ap.add_argument("--show", type=int, default=0, help="show N misses and N false positives")
    a = ap.parse_args(argv)
    gold, texts = load_gold(a.gold, a.docs)
    preds = load_pred(a.pred)
    r = score(gold, preds)
    figures = {k: v for k, v in r.items() if not k.startswith("_")}
    if a.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        for k, v in figures.items():
            print(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}")
    if a.show:
        print("\n# missed gold positives")
        for g in r["_missed"][: a.show]:
            print(
                f"  {g['doc'][:3]} {g['surface']!r:14} {g.get('indicator')}  | {g['sentence'][:50]}"
            )
        print("\n# predictions on gold negatives")
        for p, g in r["_fp_neg"][: a.show]:
            print(f"  {p['doc'][:3]} pred={p['value']} gold-neg={g['surface']!r} ({g.get('why')})")
        print("\n# predictions matching no gold row")
        for p in r["_fp_none"][: a.show]:
            t = texts.get(p["doc"], "")
            print(
                f"  {p['doc'][:3]} {t[int(p['start']) : int(p['end'])]!r} value={p['value']} unit={p.get('unit')}"
            )
        print("\n# matched but wrong value/unit/direction/role")
        n = 0
        for p, g in r["_pairs"]:
            bad = []
            if not close(p["value"], g["value"]):
                bad.append(f"value {p['value']} vs {g['value']}")
            if norm_unit(p.get("unit")) != norm_unit(g.get("unit")):
                bad.append(f"unit {p.get('unit')} vs {g.get('unit')}")
            if norm_dir(p.get("direction")) != norm_dir(g.get("direction")):
                bad.append(f"dir {p.get('direction')} vs {g.get('direction')}")
            if norm_str(p.get("role")) != norm_str(g.get("role")):
                bad.append(f"role {p.get('role')} vs {g.get('role')}")
            if bad:
                print(f"  {g['doc'][:3]} {g['surface']!r:14} " + "; ".join(bad))
                n += 1
                if n >= a.show:
                    break
    return 0


if __name__ == "__main__":
    sys.exit(main())
