"""Write the real4 gold files from the hand annotation below (kept as the record of it).

Run from the repository root: `.venv/bin/python tests/gold/real4/build_gold.py`.
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


H = "higher_better"
L = "lower_better"


def up(surface, indicator, value, concept, unit="%", **kw):
    """A rise of a higher-better quantity (improving unless said otherwise)."""
    kw.setdefault("polarity", H)
    kw.setdefault("improving", True)
    return pos(
        surface,
        indicator,
        value,
        unit,
        role=kw.pop("role", "change"),
        direction="up",
        concept=concept,
        **kw,
    )


def cat(surface, indicator, value, concept, unit="件", **kw):
    """A workload (a category of calls or cases): neither better nor worse."""
    return pos(surface, indicator, value, unit, concept=concept, **kw)


def goal(surface, indicator, value, concept, **kw):
    """A planned average annual growth (a target), stated as a rise."""
    return pos(
        surface,
        indicator,
        value,
        "%",
        role="target",
        direction="up",
        concept=concept,
        polarity=H,
        improving=True,
        **kw,
    )


DOCS = {
    "u01": (
        "u01_泰州12345平台月度诉求分析.txt",
        {"city": "泰州"},
        [
            neg("一、", "list_number"),
            neg("2018年7月", "date"),
            neg("12345", "name"),
            cat(
                "51615个",
                "汇集群众和企业来电来件",
                51615.0,
                "12345热线受理量",
                unit="个",
                year=2018,
            ),
            cat("20915个", "泰州市平台受理", 20915.0, "12345分平台受理量", unit="个"),
            cat("40.5%", "泰州市平台受理占比", 40.5, "12345分平台受理量占比", unit="%"),
            neg("12345", "name"),
            cat(
                "19346个",
                "靖江平台受理",
                19346.0,
                "12345分平台受理量",
                unit="个",
                district="靖江市",
            ),
            cat(
                "37.5%",
                "靖江平台受理占比",
                37.5,
                "12345分平台受理量占比",
                unit="%",
                district="靖江市",
            ),
            neg("12345", "name"),
            cat(
                "8595个", "泰兴平台受理", 8595.0, "12345分平台受理量", unit="个", district="泰兴市"
            ),
            cat(
                "16.7%",
                "泰兴平台受理占比",
                16.7,
                "12345分平台受理量占比",
                unit="%",
                district="泰兴市",
            ),
            neg("12345", "name"),
            cat(
                "2759个", "兴化平台受理", 2759.0, "12345分平台受理量", unit="个", district="兴化市"
            ),
            cat(
                "5.3%",
                "兴化平台受理占比",
                5.3,
                "12345分平台受理量占比",
                unit="%",
                district="兴化市",
            ),
            neg("图1", "list_number"),
            neg("12345", "name"),
            neg("12345", "name"),
            cat("19668个", "呼入来电", 19668.0, "12345热线来电量", unit="个"),
            cat("18851个", "接通来电", 18851.0, "12345热线接通量", unit="个"),
            pos("95.84%", "接通率", 95.84, "%", concept="12345热线接通率", polarity=H),
            cat("36件", "网站受理", 36.0, "12345热线网站受理量"),
            cat("210件", "微信受理", 210.0, "12345热线微信受理量"),
            cat("1件", "微博受理", 1.0, "12345热线微博受理量"),
            neg("12345", "name"),
            cat("803件", "省平台转派", 803.0, "省12345平台转派量"),
            neg("110", "name"),
            cat("144件", "110平台转交", 144.0, "110平台转交量"),
            neg("图2", "list_number"),
            neg("12345", "name"),
            pos(
                "前10位",
                "诉求量排名",
                10.0,
                "位",
                qualifier="under",
                core=False,
                concept="诉求量排名列出类别数",
            ),
            cat("1412件", "居民日常服务类诉求", 1412.0, "12345热线居民日常服务类诉求量"),
            cat("1155件", "交通管理类诉求", 1155.0, "12345热线交通管理类诉求量"),
            cat("1055件", "环境保护类诉求", 1055.0, "12345热线环境保护类诉求量"),
            cat("52.3%", "噪音污染投诉占比", 52.3, "噪音污染投诉占环境污染投诉比重", unit="%"),
            cat("31.3%", "空气污染投诉占比", 31.3, "空气污染投诉占环境污染投诉比重", unit="%"),
            cat("12.7%", "水体污染投诉占比", 12.7, "水体污染投诉占环境污染投诉比重", unit="%"),
            cat("1046件", "民政社保类诉求", 1046.0, "12345热线民政社保类诉求量"),
            cat("714件", "违建举报类诉求", 714.0, "12345热线违建举报类诉求量"),
            cat("657件", "物业管理类诉求", 657.0, "12345热线物业类诉求量"),
            cat("406件", "市容管理类诉求", 406.0, "12345热线市容管理类诉求量"),
            cat("308件", "消费维权类诉求", 308.0, "12345热线消费维权类诉求量"),
            cat("263件", "学校教育类诉求", 263.0, "12345热线学校教育类诉求量"),
        ],
    ),
    "u02": (
        "u02_哈尔滨12345热线春节期间来电.txt",
        {"city": "哈尔滨"},
        [
            neg("12345", "name"),
            neg("2月11日至17日", "date"),
            neg("12345", "name"),
            cat("44633件", "接听来电", 44633.0, "12345热线受理量"),
            cat("34113件", "直接解答来电", 34113.0, "12345热线直接解答量"),
            cat("7073件", "工单交办", 7073.0, "12345热线工单交办量"),
            cat("388件", "电话交办", 388.0, "12345热线电话交办量"),
            neg("12345", "name"),
            pos("70人", "抽调支援热线选调生", 70.0, "人", core=False, concept="抽调支援热线人员数"),
            neg("12345", "name"),
            cat("30158件", "疫情防控方面来电", 30158.0, "12345热线疫情防控类诉求量"),
            cat("67.6%", "疫情防控来电占比", 67.6, "12345热线疫情防控类诉求占比", unit="%"),
            cat("1540件", "供水类诉求", 1540.0, "12345热线供水类诉求量"),
            cat("948件", "供热类诉求", 948.0, "12345热线供热类诉求量"),
            cat("682件", "物业类诉求", 682.0, "12345热线物业类诉求量"),
        ],
    ),
    "u03": (
        "u03_六盘水政府工作报告节选.txt",
        {"city": "六盘水"},
        [
            neg("2019年1月12日", "date"),
            neg("第八届", "ordinal"),
            neg("第四次", "ordinal"),
            neg("一、", "list_number"),
            neg("2018年", "year"),
            neg("过去一年", "date"),
            neg("十九大", "ordinal"),
            neg("十九届二中、三中全会", "ordinal"),
            neg("五位一体", "name"),
            neg("四个全面", "name"),
            up(
                "1500亿元",
                "地区生产总值",
                150000000000.0,
                "地区生产总值",
                unit="元",
                role="level",
                qualifier="over",
            ),
            up("9%", "地区生产总值", 9.0, "地区生产总值增速", qualifier="approx"),
            pos(
                "5.18万元",
                "人均地区生产总值",
                51800.0,
                "元",
                concept="人均地区生产总值",
                polarity=H,
            ),
            up(
                "0.17万元",
                "人均地区生产总值",
                1700.0,
                "人均地区生产总值变化量",
                unit="元",
                comparison="vs_baseline",
            ),
            pos(
                "1.18万元",
                "人均地区生产总值高于全省",
                11800.0,
                "元",
                comparison="vs_baseline",
                concept="人均地区生产总值高于全省差额",
                polarity=H,
            ),
            pos("9.6万元", "全员劳动生产率", 96000.0, "元", concept="全员劳动生产率", polarity=H),
            up(
                "0.56万元",
                "全员劳动生产率",
                5600.0,
                "全员劳动生产率变化量",
                unit="元",
                comparison="vs_baseline",
            ),
            pos(
                "2.8万元",
                "全员劳动生产率高于全省",
                28000.0,
                "元",
                comparison="vs_baseline",
                concept="全员劳动生产率高于全省差额",
                polarity=H,
            ),
            up("18%", "固定资产投资", 18.0, "固定资产投资增速"),
            up("7.6%", "规模以上工业增加值", 7.6, "规上工业增加值增速"),
            up("10%", "社会消费品零售总额", 10.0, "社会消费品零售总额增速"),
            up("2.24%", "一般公共预算收入", 2.24, "一般公共预算收入增速"),
            up("12.8%", "金融机构贷款余额", 12.8, "金融机构贷款余额增速"),
            pos("3.48%", "城镇登记失业率", 3.48, "%", concept="城镇登记失业率", polarity=L),
            neg("一年来", "date"),
            neg("六有", "name"),
            pos("540吨", "远销红心猕猴桃", 540.0, "吨", concept="红心猕猴桃远销量", polarity=H),
            pos("98.9%", "规上工业产品产销率", 98.9, "%", concept="规上工业产品产销率", polarity=H),
            up(
                "0.1个百分点",
                "规上工业产品产销率",
                0.1,
                "规上工业产品产销率变化量",
                unit="pp",
                comparison="vs_baseline",
            ),
            up("40%", "接待游客人次", 40.0, "接待游客人次增速"),
            up("50%", "旅游总收入", 50.0, "旅游总收入增速"),
        ],
    ),
    "u04": (
        "u04_金昌市政府工作报告报道.txt",
        {"city": "金昌"},
        [
            neg("第九届", "ordinal"),
            neg("第一次", "ordinal"),
            neg("12月6日", "date"),
            neg("第九届", "ordinal"),
            neg("第一次", "ordinal"),
            neg("过去五年", "date"),
            neg("今后五年", "date"),
            goal("7%", "地区生产总值年均增长", 7.0, "地区生产总值增速", qualifier="over"),
            goal("10%", "规上工业增加值年均增长", 10.0, "规上工业增加值增速"),
            goal("10%", "固定资产投资年均增长", 10.0, "固定资产投资增速", qualifier="over"),
            goal("6.5%", "社会消费品零售总额年均增长", 6.5, "社会消费品零售总额增速"),
            goal("5%", "一般公共预算收入年均增长", 5.0, "一般公共预算收入增速"),
            neg("2021年", "year"),
            neg("2022年", "year"),
            neg("2021年", "year"),
            neg("2022年", "year"),
        ],
    ),
    "u05": (
        "u05_乌鲁木齐2022年经济运行.txt",
        {"city": "乌鲁木齐"},
        [
            neg("2022年", "year"),
            pos(
                "3893亿元",
                "地区生产总值",
                389300000000.0,
                "元",
                qualifier="approx",
                year=2022,
                concept="地区生产总值",
                polarity=H,
            ),
            up("0.3%", "地区生产总值", 0.3, "地区生产总值增速", year=2022),
            pos(
                "31亿元",
                "第一产业增加值",
                3100000000.0,
                "元",
                year=2022,
                concept="第一产业增加值",
                polarity=H,
            ),
            up("2.8%", "第一产业增加值", 2.8, "第一产业增加值增速", year=2022),
            pos(
                "1133亿元",
                "第二产业增加值",
                113300000000.0,
                "元",
                year=2022,
                concept="第二产业增加值",
                polarity=H,
            ),
            pos(
                "1%",
                "第二产业增加值",
                1.0,
                "%",
                role="change",
                direction="down",
                year=2022,
                concept="第二产业增加值增速",
                polarity=H,
                improving=False,
            ),
            pos(
                "2729亿元",
                "第三产业增加值",
                272900000000.0,
                "元",
                year=2022,
                concept="第三产业增加值",
                polarity=H,
            ),
            up("0.7%", "第三产业增加值", 0.7, "第三产业增加值增速", year=2022),
            neg("一、", "list_number"),
            neg("(一)", "list_number"),
            neg("2022年", "year"),
            pos(
                "924.17亿元",
                "规模以上工业增加值",
                92417000000.0,
                "元",
                year=2022,
                concept="规上工业增加值",
                polarity=H,
            ),
            up(
                "6.2%", "规模以上工业增加值", 6.2, "规上工业增加值增速", year=2022, comparison="yoy"
            ),
            neg("2022年", "year"),
            pos(
                "190.96亿元",
                "采矿业增加值",
                19096000000.0,
                "元",
                year=2022,
                concept="采矿业增加值",
                polarity=H,
            ),
            pos(
                "518.92亿元",
                "制造业增加值",
                51892000000.0,
                "元",
                year=2022,
                concept="制造业增加值",
                polarity=H,
            ),
            pos(
                "214.29亿元",
                "电力热力燃气及水供应业增加值",
                21429000000.0,
                "元",
                year=2022,
                concept="电力热力燃气及水生产和供应业增加值",
                polarity=H,
            ),
            up("6.4%", "采矿业增加值", 6.4, "采矿业增加值增速", year=2022),
            up("4.2%", "制造业增加值", 4.2, "制造业增加值增速", year=2022),
            up(
                "10.6%",
                "电力热力燃气及水供应业增加值",
                10.6,
                "电力热力燃气及水生产和供应业增加值增速",
                year=2022,
            ),
            pos(
                "1.1个",
                "采矿业拉动工业增长",
                1.1,
                "pp",
                year=2022,
                concept="采矿业拉动工业增长",
                polarity=H,
            ),
            pos(
                "2.4个",
                "制造业拉动工业增长",
                2.4,
                "pp",
                year=2022,
                concept="制造业拉动工业增长",
                polarity=H,
            ),
            pos(
                "2.7个百分点",
                "电力热力燃气及水供应业拉动工业增长",
                2.7,
                "pp",
                year=2022,
                concept="电力热力燃气及水生产和供应业拉动工业增长",
                polarity=H,
            ),
        ],
    ),
    "u06": (
        "u06_庆阳矛盾纠纷调处.txt",
        {"city": "庆阳"},
        [
            neg("11月底", "date"),
            cat("25200件", "排查矛盾纠纷", 25200.0, "排查矛盾纠纷数"),
            cat("24732件", "调处成功矛盾纠纷", 24732.0, "矛盾纠纷调处成功数"),
            pos("98.1%", "调处成功率", 98.1, "%", concept="矛盾纠纷调处成功率", polarity=H),
            pos("14.7万张", "发放警民联系卡", 147000.0, "张", concept="发放警民联系卡数"),
            pos(
                "2500余名",
                "新聘请调解人员",
                2500.0,
                "人",
                qualifier="over",
                concept="新聘调解人员数",
            ),
            pos("1.1万人", "专兼职调解人员", 11000.0, "人", concept="专兼职调解人员数"),
        ],
    ),
    "u07": (
        "u07_民和县矛盾纠纷排查化解.txt",
        {"city": "海东", "district": "民和县"},
        [
            pos(
                "五项",
                "矛盾纠纷排查化解措施",
                5.0,
                "项",
                core=False,
                concept="矛盾纠纷排查化解措施数",
            ),
            cat("4190件", "排查矛盾纠纷", 4190.0, "排查矛盾纠纷数"),
            cat("4043件", "化解矛盾纠纷", 4043.0, "矛盾纠纷调处成功数"),
            pos("96.5%", "矛盾纠纷化解率", 96.5, "%", concept="矛盾纠纷调处成功率", polarity=H),
            cat("2345件", "人民调解受理", 2345.0, "人民调解受理数"),
            cat("2283件", "人民调解调处", 2283.0, "人民调解调处数"),
            pos("97.4%", "人民调解成功率", 97.4, "%", concept="人民调解成功率", polarity=H),
            cat("795件", "行政调解受理", 795.0, "行政调解受理数"),
            cat("673件", "行政调解调处", 673.0, "行政调解调处数"),
            pos("84.6%", "行政调解调处率", 84.6, "%", concept="行政调解调处率", polarity=H),
            cat("956件", "司法调解受理", 956.0, "司法调解受理数"),
            cat("612件", "司法调解调处", 612.0, "司法调解调处数"),
            pos("64%", "司法调解调处率", 64.0, "%", concept="司法调解调处率", polarity=H),
            cat("94件", "省地交办信访案件", 94.0, "交办信访案件数"),
            cat("86件", "办结信访案件", 86.0, "信访案件办结数"),
            pos("91.5%", "信访案件办结率", 91.5, "%", concept="信访案件办结率", polarity=H),
            pos("120人", "应急分队人数", 120.0, "人", core=False, concept="应急分队人数"),
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
