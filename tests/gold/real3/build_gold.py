"""Write the real3 gold files from the hand annotation below (kept as the record of it).

Run from the repository root: `.venv/bin/python tests/gold/real3/build_gold.py`.
Each tuple is (surface, occurrence, fields); offsets and sentences are found in the text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).parent
STOPS = "。！？；;\n"


def sentence_of(text: str, start: int, end: int) -> str:
    """The stretch between sentence stops around a span, closing mark included."""
    a = max(text.rfind(c, 0, start) for c in STOPS) + 1
    ends = [i for i in (text.find(c, end) for c in STOPS) if i != -1]
    b = min(ends) if ends else len(text)
    if b < len(text) and text[b] != "\n":
        b += 1
    return text[a:b]


def neg(surface, why, nth=1):
    return (surface, nth, {"role": "negative", "why": why})


def pos(surface, indicator, value, unit, role="level", nth=1, **kw):
    row = {"indicator": indicator, "value": value, "unit": unit, "role": role}
    row.update(kw)
    return (surface, nth, row)


DOCS = {
    "t01": (
        "t01_辽宁12345供热直通车.txt",
        {"city": "辽宁"},
        [
            neg("2024—2025年度", "date"),
            neg("12345", "name", 1),
            neg("12345", "name", 2),
            neg("第6年", "ordinal"),
            neg("12345", "name", 3),
            pos(
                "53.1万件",
                "接听解决群众咨询问题",
                531000.0,
                "件",
                concept="12345热线供热直通车咨询解答量",
            ),
            pos(
                "18.9万件", "转办供热投诉", 189000.0, "件", concept="12345热线供热直通车转办投诉量"
            ),
            pos(
                "97.9%",
                "办结率",
                97.9,
                "%",
                concept="12345热线供热诉求办结率",
                polarity="higher_better",
            ),
            pos(
                "92.3%",
                "满意率",
                92.3,
                "%",
                concept="12345热线供热诉求满意率",
                polarity="higher_better",
            ),
            neg("12345", "name", 4),
            neg("12345", "name", 5),
            neg("12345", "name", 6),
            neg("12345", "name", 7),
        ],
    ),
    "t02": (
        "t02_吉林省政府工作报告节选.txt",
        {"city": "吉林"},
        [
            neg("一、", "list_number"),
            neg("2019年", "year"),
            neg("28年以来", "date"),
            pos(
                "18个月",
                "汽车市场连续负增长",
                18.0,
                "月",
                core=False,
                concept="汽车市场连续负增长月数",
            ),
            neg("10月份", "date"),
            pos(
                "3.5%",
                "地区生产总值",
                3.5,
                "%",
                role="change",
                direction="up",
                qualifier="approx",
                concept="地区生产总值增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "3%",
                "规模以上工业增加值",
                3.0,
                "%",
                role="change",
                direction="up",
                qualifier="over",
                concept="规上工业增加值增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "4%",
                "全社会用电量",
                4.0,
                "%",
                role="change",
                direction="up",
                concept="全社会用电量增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "97.7%",
                "清洁能源利用率",
                97.7,
                "%",
                concept="清洁能源利用率",
                polarity="higher_better",
            ),
            neg("近10年", "date"),
            pos(
                "10.2%",
                "金融机构存款余额",
                10.2,
                "%",
                role="change",
                direction="up",
                comparison="yoy",
                concept="金融机构存款余额增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "9.2%",
                "金融机构贷款余额",
                9.2,
                "%",
                role="change",
                direction="up",
                comparison="yoy",
                concept="金融机构贷款余额增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "9.9个",
                "存款余额增速",
                9.9,
                "pp",
                role="change",
                direction="up",
                comparison="yoy",
                concept="金融机构存款余额增速变化量",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "3.1个百分点",
                "贷款余额增速",
                3.1,
                "pp",
                role="change",
                direction="up",
                comparison="yoy",
                concept="金融机构贷款余额增速变化量",
                improving=True,
                polarity="higher_better",
            ),
            neg("第1位", "ordinal"),
            pos("322亿元", "减税降费", 32200000000.0, "元", concept="减税降费规模"),
            pos(
                "2.1%",
                "地方级财政收入",
                2.1,
                "%",
                role="change",
                direction="up",
                concept="地方级财政收入增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "2.5%",
                "税收收入",
                2.5,
                "%",
                role="change",
                direction="up",
                concept="税收收入增速",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "10.4万辆",
                "红旗品牌汽车产量",
                104000.0,
                "辆",
                concept="红旗品牌汽车产量",
                polarity="higher_better",
            ),
            pos(
                "10.02万辆",
                "红旗品牌汽车销量",
                100200.0,
                "辆",
                concept="红旗品牌汽车销量",
                polarity="higher_better",
            ),
            pos(
                "3.1倍",
                "红旗品牌汽车产量",
                3.1,
                "倍",
                role="change",
                nth=1,
                direction="up",
                comparison="vs_baseline",
                concept="红旗品牌汽车产量变化",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "3倍",
                "红旗品牌汽车销量",
                3.0,
                "倍",
                role="change",
                direction="up",
                comparison="vs_baseline",
                concept="红旗品牌汽车销量变化",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "4倍",
                "新能源汽车产量",
                4.0,
                "倍",
                role="change",
                direction="up",
                comparison="vs_baseline",
                concept="新能源汽车产量变化",
                improving=True,
                polarity="higher_better",
            ),
            pos(
                "3.4倍",
                "新能源汽车销量",
                3.4,
                "倍",
                role="change",
                direction="up",
                comparison="vs_baseline",
                concept="新能源汽车销量变化",
                improving=True,
                polarity="higher_better",
            ),
            pos("400公里", "高速动车组时速", 400.0, "公里", core=False, concept="高速动车组时速"),
            pos(
                "两列",
                "上线运行京张智能高铁",
                2.0,
                "列",
                core=False,
                concept="京张智能高铁上线列数",
            ),
        ],
    ),
    "t03": (
        "t03_海南优化营商环境示范案例.txt",
        {"city": "海南"},
        [
            neg("第六批", "ordinal"),
            pos("8个", "本批示范案例", 8.0, "个", core=False, concept="优化营商环境示范案例数"),
            neg("1", "list_number"),
            neg("4S", "name"),
            neg("一、", "list_number"),
            neg("(一)", "list_number"),
            pos(
                "221亩", "飞机维修产业基地占地面积", 221.0, "亩", concept="飞机维修产业基地占地面积"
            ),
            pos(
                "两座",
                "国际航材存储交易中心",
                2.0,
                "座",
                core=False,
                concept="国际航材存储交易中心数",
            ),
        ],
    ),
}

FIELDS = [
    "doc",
    "start",
    "end",
    "case",
    "city",
    "district",
    "sentence",
    "surface",
    "indicator",
    "value",
    "unit",
    "direction",
    "role",
    "qualifier",
    "year",
    "comparison",
    "core",
    "why",
    "concept",
    "improving",
    "polarity",
]


def find(text: str, surface: str, nth: int, after: int) -> int:
    """The nth occurrence of a surface from `after` (a digit run not inside a longer one)."""
    pat = re.compile(
        r"(?<![0-9.])" + re.escape(surface) + (r"(?![0-9.])" if surface[-1].isdigit() else "")
    )
    hits = [m.start() for m in pat.finditer(text, after)]
    return hits[nth - 1] if nth <= len(hits) else -1


def build(key: str) -> list[dict]:
    name, common, items = DOCS[key]
    text = (HERE / "texts" / name).read_text(encoding="utf-8")
    rows, cursor = [], 0
    for surface, nth, fields in items:
        start = find(text, surface, 1, cursor) if nth else -1
        if start < 0:
            raise SystemExit(f"{name}: {surface!r} not found after {cursor}")
        end = start + len(surface)
        row = dict.fromkeys(FIELDS)
        row.update(
            doc=name,
            start=start,
            end=end,
            surface=surface,
            sentence=sentence_of(text, start, end),
            **common,
        )
        row.update(fields)
        if row["role"] != "negative" and row["core"] is None:
            row["core"] = True
        rows.append(row)
        cursor = end
    return rows


def main() -> None:
    for key in DOCS:
        rows = build(key)
        out = HERE / f"{key}.jsonl"
        out.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(out.name, len(rows))


if __name__ == "__main__":
    main()
