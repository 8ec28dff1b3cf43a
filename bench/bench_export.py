"""Benchmark: seconds to export a synthetic 100k-row indicator table as xlsx, CSV, Parquet, JSONL.

Run: .venv/bin/python bench/bench_export.py [--rows 100000] [--repeat 3]
Prints figures; it asserts nothing (the target for xlsx is ≤ 3 s for 100k rows).
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from indicators.exporters import EXPORTERS
from indicators.schema import COLUMN_NAMES, conform, validate

CITIES = ["厦门", "青岛", "深圳", "福州", "泉州", "杭州", "宁波", "成都", "武汉", "西安"]
DOMAINS = ["public_safety", "government_services", "healthcare", "education", "environment"]
UNITS = ["%", "pp", "元", "人", "人次", "件", "天", "小时", "亩", "户"]
SENTENCES = [
    "2022年，全市共成功劝阻电信网络诈骗{n}起，同比下降{p}%，群众满意度从64.5%提升至91.7%。",
    "开通信用就医的市民近{n}万人，累计减少排队时间{p}小时，办事时限由15天缩减为2天。",
    "全区调解各类矛盾纠纷{n}件，调解成功率达{p}%，不文明养犬发生率下降42.5%。",
    '=HYPERLINK("http://x","y") 这一句以等号开头，导出时必须保持为文本，不得成为公式。',
]


def synthetic_table(rows: int, seed: int = 7) -> pd.DataFrame:
    """A table of `rows` plausible indicator rows that meets the schema."""
    rng = np.random.default_rng(seed)
    n = np.arange(rows)
    value = np.round(rng.lognormal(3, 2, rows), 2)
    sentence = [SENTENCES[i % len(SENTENCES)].format(n=i % 997, p=i % 89) for i in range(rows)]
    start = rng.integers(0, 50_000, rows)
    df = pd.DataFrame(
        {
            "id": [f"r{i:08x}" for i in n],
            "doc": [f"{i % 500:03d}_doc.txt" for i in n],
            "start": start,
            "end": start + rng.integers(2, 12, rows),
            "surface": [f"{v:g}{UNITS[i % len(UNITS)]}" for i, v in zip(n, value, strict=True)],
            "value": value,
            "value_low": np.where(n % 7 == 0, value / 2, np.nan),
            "unit": [UNITS[i % len(UNITS)] for i in n],
            "unit_canonical": ["percent" if i % len(UNITS) == 0 else "" for i in n],
            "qualifier": pd.Series(["approx", "over", "under", None])[n % 4].to_numpy(),
            "direction": pd.Series(["up", "down", None])[n % 3].to_numpy(),
            "role": pd.Series(["level", "change", "baseline", "current", "target"])[
                n % 5
            ].to_numpy(),
            "comparison": pd.Series(["yoy", None, None])[n % 3].to_numpy(),
            "pair_id": [f"p{i // 2:07d}" if i % 5 in (2, 3) else None for i in n],
            "year": 2010 + n % 15,
            "indicator": [f"电信网络诈骗刑事警情{i % 300}" for i in n],
            "sentence": sentence,
            "city": [CITIES[i % len(CITIES)] for i in n],
            "district": [f"第{i % 12}区" for i in n],
            "department": ["市公安局、市发展改革委" for _ in n],
            "case_id": [f"c{i % 4000:05d}" for i in n],
            "case_no": [str(i % 40 + 1) for i in n],
            "case_title": [f"案例{i % 4000}：深化“放管服”改革，打造一流营商环境" for i in n],
            "domain": [DOMAINS[i % len(DOMAINS)] for i in n],
            "domain_label": ["公共安全" for _ in n],
            "domain_alt": [None for _ in n],
            "domain_evidence": ["诈骗、警情" for _ in n],
            "year_source": pd.Series(["clause", "case", "period", "published", "inferred"])[
                n % 5
            ].to_numpy(),
            "published": ["2023-03-02" for _ in n],
        }
    )
    assert list(df.columns) == list(COLUMN_NAMES)
    return validate(conform(df))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    table = synthetic_table(args.rows)
    print(f"synthetic table: {len(table):,} rows × {len(table.columns)} columns")
    print("wall-clock seconds (best, median) and CPU seconds of this process (best); the wall")
    print("figures include waiting for the CPU when other processes share the machine")
    for name in ("xlsx", "csv", "parquet", "jsonl"):
        wall, cpu, size = [], [], 0
        for _ in range(args.repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            size = len(EXPORTERS[name](table))
            wall.append(time.perf_counter() - w0)
            cpu.append(time.process_time() - c0)
        median = sorted(wall)[len(wall) // 2]
        print(
            f"{name:8s} wall best {min(wall):5.2f} s  median {median:5.2f} s   "
            f"cpu best {min(cpu):5.2f} s   {size / 1e6:5.1f} MB"
        )


if __name__ == "__main__":
    main()
