"""Write the real5 gold files from the hand annotation below (kept as the record of it).

Run from the repository root: `.venv/bin/python tests/gold/real5/build_gold.py`.
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


def c(surface, indicator, value, unit, concept, **kw):
    """A level (or any row given role=…) of one concept."""
    return pos(surface, indicator, value, unit, concept=concept, **kw)


def chg(surface, indicator, value, concept, direction, unit="%", **kw):
    """A change (rate or amount) stated with its direction."""
    return pos(
        surface, indicator, value, unit, role="change", direction=direction, concept=concept, **kw
    )


Y19 = {"year": 2019}
Y20 = {"year": 2020}
Y24 = {"year": 2024}
Y06 = {"year": 2006}

DOCS = {
    "v01": (
        "v01_银川12345一号通平台受理通报.txt",
        {"city": "银川"},
        [
            neg("一、", "list_number"),
            neg("2019年6月28日12:00", "date"),
            neg("2019年7月12日12:00", "date"),
            c("42172件", "平台受理市民诉求", 42172.0, "件", "12345热线受理量", **Y19),
            c("42037件", "热线受理诉求", 42037.0, "件", "12345热线电话受理量", **Y19),
            c("135件", "多媒体受理诉求", 135.0, "件", "12345热线网络渠道受理量", **Y19),
            c("38552件", "办结诉求", 38552.0, "件", "12345热线办结量", **Y19),
            c("20549件", "行政化服务类事项", 20549.0, "件", "12345热线行政化服务类事项量", **Y19),
            c(
                "14937件",
                "办结行政化服务类事项",
                14937.0,
                "件",
                "12345热线行政化服务类事项办结量",
                **Y19,
            ),
            c("19861件", "社会化服务类事项", 19861.0, "件", "12345热线社会化服务类事项量", **Y19),
            c(
                "19844件",
                "办结社会化服务类事项",
                19844.0,
                "件",
                "12345热线社会化服务类事项办结量",
                **Y19,
            ),
            c("1762件", "无效诉求", 1762.0, "件", "12345热线无效诉求量", **Y19),
            c("28491件", "咨询类诉求受理", 28491.0, "件", "12345热线咨询类诉求量", **Y19),
            c("28451件", "热线受理咨询类诉求", 28451.0, "件", "12345热线电话咨询类诉求量", **Y19),
            c("40件", "多媒体受理咨询类诉求", 40.0, "件", "12345热线网络渠道咨询类诉求量", **Y19),
            c("28498件", "办结咨询类诉求", 28498.0, "件", "12345热线咨询类诉求办结量", **Y19),
            c("7件", "办结上周咨询类诉求", 7.0, "件", "12345热线办结上周咨询类诉求量", **Y19),
            c("9796件", "投诉类诉求受理", 9796.0, "件", "12345热线投诉类诉求量", **Y19),
            c("9711件", "热线受理投诉类诉求", 9711.0, "件", "12345热线电话投诉类诉求量", **Y19),
            c("85件", "多媒体受理投诉类诉求", 85.0, "件", "12345热线网络渠道投诉类诉求量", **Y19),
            c("9023件", "办结投诉类诉求", 9023.0, "件", "12345热线投诉类诉求办结量", **Y19),
            c("142件", "求助类诉求受理", 142.0, "件", "12345热线求助类诉求量", **Y19),
            c("142件", "热线受理求助类诉求", 142.0, "件", "12345热线电话求助类诉求量", **Y19),
            c("0件", "多媒体受理求助类诉求", 0.0, "件", "12345热线网络渠道求助类诉求量", **Y19),
            c("176件", "办结求助类诉求", 176.0, "件", "12345热线求助类诉求办结量", **Y19),
            c("767件", "建议类诉求受理", 767.0, "件", "12345热线建议类诉求量", **Y19),
            c("760件", "热线受理建议类诉求", 760.0, "件", "12345热线电话建议类诉求量", **Y19),
            c("7件", "多媒体受理建议类诉求", 7.0, "件", "12345热线网络渠道建议类诉求量", **Y19),
            c("785件", "办结建议类诉求", 785.0, "件", "12345热线建议类诉求办结量", **Y19),
            c("18件", "办结上周建议类诉求", 18.0, "件", "12345热线办结上周建议类诉求量", **Y19),
            c("18件", "举报类诉求受理", 18.0, "件", "12345热线举报类诉求量", **Y19),
            c("18件", "热线受理举报类诉求", 18.0, "件", "12345热线电话举报类诉求量", **Y19),
            c("0件", "多媒体受理举报类诉求", 0.0, "件", "12345热线网络渠道举报类诉求量", **Y19),
            c("14件", "办结举报类诉求", 14.0, "件", "12345热线举报类诉求办结量", **Y19),
            c("1196件", "其他类诉求受理", 1196.0, "件", "12345热线其他类诉求量", **Y19),
            c("1193件", "热线受理其他类诉求", 1193.0, "件", "12345热线电话其他类诉求量", **Y19),
            c("3件", "多媒体受理其他类诉求", 3.0, "件", "12345热线网络渠道其他类诉求量", **Y19),
            c("56件", "办结其他类诉求", 56.0, "件", "12345热线其他类诉求办结量", **Y19),
            c("1140件", "超出受理范围诉求工单", 1140.0, "件", "12345热线超出受理范围工单量", **Y19),
            neg("二、", "list_number"),
            neg("1.", "list_number"),
            c("1500件", "噪音扰民类诉求", 1500.0, "件", "12345热线噪音扰民类诉求量", **Y19),
            neg("2.", "list_number"),
            c("1426件", "市容管理类诉求", 1426.0, "件", "12345热线市容管理类诉求量", **Y19),
            neg("3.", "list_number"),
            c("1330件", "交通管理类诉求", 1330.0, "件", "12345热线交通类诉求量", **Y19),
            neg("4.", "list_number"),
            c("1249件", "物业管理类诉求", 1249.0, "件", "12345热线物业类诉求量", **Y19),
            neg("5.", "list_number"),
            c("948件", "失物招领类诉求", 948.0, "件", "12345热线失物招领类诉求量", **Y19),
            neg("6.", "list_number"),
            c("933件", "市场监督管理类诉求", 933.0, "件", "12345热线市场监督管理类诉求量", **Y19),
        ],
    ),
    "v02": (
        "v02_银川市政府12345专线周接电.txt",
        {"city": "银川"},
        [
            neg("5月7日", "date"),
            neg("12345", "name"),
            c("297个", "专线接到市民来电", 297.0, "个", "12345热线来电量"),
            c("43个", "平均日接电", 43.0, "个", "12345热线日均来电量"),
            c("210件", "受理市民投诉", 210.0, "件", "12345热线受理量"),
            c("36件", "物业管理及设施维护问题投诉", 36.0, "件", "12345热线物业类诉求量"),
            c("35件", "城市管理问题投诉", 35.0, "件", "12345热线城市管理类诉求量"),
            c("30件", "环境保护问题投诉", 30.0, "件", "12345热线环境保护类诉求量"),
            c("16件", "营业场所人为噪音污染投诉", 16.0, "件", "12345热线营业场所噪音污染投诉量"),
            c("6件", "夜间施工噪音扰民投诉", 6.0, "件", "12345热线夜间施工噪音投诉量"),
            c("8件", "空气污染问题投诉", 8.0, "件", "12345热线空气污染投诉量"),
            c(
                "21件",
                "房屋拆迁及新建小区问题投诉",
                21.0,
                "件",
                "12345热线房屋拆迁及新建小区类诉求量",
            ),
            c("20件", "交通问题投诉", 20.0, "件", "12345热线交通类诉求量"),
            c("259件", "分配至县(市)区和各部门投诉", 259.0, "件", "12345热线派单量"),
        ],
    ),
    "v03": (
        "v03_北京接诉即办2020年度报告报道.txt",
        {"city": "北京"},
        [
            neg("2020年", "year"),
            neg("12345", "name"),
            c(
                "1100万件",
                "热线全年受理量",
                11000000.0,
                "件",
                "12345热线受理量",
                qualifier="over",
                direction="up",
                **Y20,
            ),
            c(
                "100万件",
                "疫情防控类问题受理量",
                1000000.0,
                "件",
                "12345热线疫情防控类诉求量",
                qualifier="over",
                **Y20,
            ),
            c(
                "近450万件",
                "派单到各机构办理诉求",
                4500000.0,
                "件",
                "12345热线派单量",
                qualifier="approx",
                **Y20,
            ),
            c(
                "近六成",
                "中心城区办理量占比",
                60.0,
                "%",
                "12345热线中心城区办理量占比",
                qualifier="approx",
                **Y20,
            ),
            neg("1月8日", "date"),
            neg("2020年", "year"),
            neg("12345", "name"),
            c("1103.94万件", "热线接到来电", 11039400.0, "件", "12345热线受理量", **Y20),
            neg("12345", "name"),
            neg("2020年", "year"),
            neg("2020年1月1日至12月31日", "date"),
            neg("12345", "name"),
            c("1103.94万件", "热线受理群众来电", 11039400.0, "件", "12345热线受理量", **Y20),
            neg("2019年", "year"),
            chg(
                "55.24%",
                "热线受理群众来电变化率",
                55.24,
                "12345热线受理量变化率",
                "up",
                comparison="yoy",
                **Y20,
            ),
            neg("12345", "name"),
            neg("12315", "name"),
            neg("12320", "name"),
            neg("12345", "name"),
            neg("2020年以来", "date"),
            c("107.7万件", "疫情防控来电", 1077000.0, "件", "12345热线疫情防控类诉求量", **Y20),
            neg("2020年", "year"),
            c("1103.94万件", "受理群众来电", 11039400.0, "件", "12345热线受理量", **Y20),
            c("1001.38万件", "电话反映诉求", 10013800.0, "件", "12345热线电话受理量", **Y20),
            c("90.71%", "电话反映占比", 90.71, "%", "12345热线电话受理占比", **Y20),
            c("102.56万件", "网络反映诉求", 1025600.0, "件", "12345热线网络渠道受理量", **Y20),
            c("9.29%", "网络反映占比", 9.29, "%", "12345热线网络渠道受理占比", **Y20),
            c("107.7万件", "疫情防控类来电", 1077000.0, "件", "12345热线疫情防控类诉求量", **Y20),
        ],
    ),
    "v04": (
        "v04_金华市政府工作报告节选.txt",
        {"city": "金华"},
        [
            neg("2024年", "year"),
            neg("2024年", "year"),
            neg("75周年", "ordinal"),
            c(
                "6925.5亿元",
                "地区生产总值",
                692550000000.0,
                "元",
                "地区生产总值",
                polarity=H,
                **Y24,
            ),
            chg(
                "6.3%",
                "地区生产总值增速",
                6.3,
                "地区生产总值增速",
                "up",
                polarity=H,
                improving=True,
                **Y24,
            ),
            c(
                "0.8个",
                "地区生产总值增速高于全省",
                0.8,
                "pp",
                "地区生产总值增速高于全省",
                comparison="vs_baseline",
                **Y24,
            ),
            c(
                "1.3个百分点",
                "地区生产总值增速高于全国",
                1.3,
                "pp",
                "地区生产总值增速高于全国",
                comparison="vs_baseline",
                **Y24,
            ),
            chg(
                "5.3%",
                "固定资产投资增速",
                5.3,
                "固定资产投资增速",
                "up",
                polarity=H,
                improving=True,
                **Y24,
            ),
            c(
                "44个月",
                "投资增速居全省前3连续月数",
                44.0,
                "月",
                "固定资产投资增速居全省前列连续月数",
                polarity=H,
                **Y24,
            ),
            c(
                "前3",
                "固定资产投资增速全省排名",
                3.0,
                "名",
                "固定资产投资增速全省排名",
                qualifier="under",
                polarity=L,
                **Y24,
            ),
            c(
                "10个季度",
                "获省投资赛马激励连续季度",
                10.0,
                "季度",
                "获省投资赛马激励连续季度数",
                core=False,
                **Y24,
            ),
            c("8794.9亿元", "进出口总额", 879490000000.0, "元", "进出口总额", polarity=H, **Y24),
            chg(
                "14.3%",
                "进出口总额增速",
                14.3,
                "进出口总额增速",
                "up",
                polarity=H,
                improving=True,
                **Y24,
            ),
            c("7719.2亿元", "外贸出口", 771920000000.0, "元", "出口额", polarity=H, **Y24),
            chg(
                "16.4%", "外贸出口增速", 16.4, "出口额增速", "up", polarity=H, improving=True, **Y24
            ),
            c("32.1%", "对全省出口增长贡献率", 32.1, "%", "出口对全省出口增长贡献率", **Y24),
            c(
                "3%",
                "出口占全国份额",
                3.0,
                "%",
                "出口占全国份额",
                direction="up",
                polarity=H,
                improving=True,
                **Y24,
            ),
        ],
    ),
    "v05": (
        "v05_太原市2006年统计公报节选.txt",
        {"city": "太原"},
        [
            neg("2006年", "year"),
            neg("2007年4月3日", "date"),
            neg("2006年", "year"),
            c(
                "千亿元",
                "经济总量",
                100000000000.0,
                "元",
                "地区生产总值",
                qualifier="over",
                direction="up",
                polarity=H,
                improving=True,
                **Y06,
            ),
            neg("2006年", "year"),
            c(
                "1013.38亿元",
                "地区生产总值",
                101338000000.0,
                "元",
                "地区生产总值",
                polarity=H,
                **Y06,
            ),
            neg("2005年", "year"),
            chg(
                "11.5%",
                "地区生产总值增速",
                11.5,
                "地区生产总值增速",
                "up",
                comparison="vs_baseline",
                polarity=H,
                improving=True,
                **Y06,
            ),
            c(
                "19.41亿元",
                "第一产业增加值",
                1941000000.0,
                "元",
                "第一产业增加值",
                polarity=H,
                **Y06,
            ),
            chg(
                "4.0%",
                "第一产业增加值增速",
                4.0,
                "第一产业增加值增速",
                "down",
                polarity=H,
                improving=False,
                **Y06,
            ),
            c("-0.8%", "第一产业对GDP增长贡献率", -0.8, "%", "第一产业对GDP增长贡献率", **Y06),
            c(
                "475.56亿元",
                "第二产业增加值",
                47556000000.0,
                "元",
                "第二产业增加值",
                polarity=H,
                **Y06,
            ),
            chg(
                "10.5%",
                "第二产业增加值增速",
                10.5,
                "第二产业增加值增速",
                "up",
                polarity=H,
                improving=True,
                **Y06,
            ),
            c("42.8%", "第二产业对GDP增长贡献率", 42.8, "%", "第二产业对GDP增长贡献率", **Y06),
            c(
                "518.41亿元",
                "第三产业增加值",
                51841000000.0,
                "元",
                "第三产业增加值",
                polarity=H,
                **Y06,
            ),
            chg(
                "13.2%",
                "第三产业增加值增速",
                13.2,
                "第三产业增加值增速",
                "up",
                polarity=H,
                improving=True,
                **Y06,
            ),
            c("58.0%", "第三产业对GDP增长贡献率", 58.0, "%", "第三产业对GDP增长贡献率", **Y06),
            c("29497元", "人均生产总值", 29497.0, "元", "人均地区生产总值", polarity=H, **Y06),
            chg(
                "11.1%",
                "人均生产总值增速",
                11.1,
                "人均地区生产总值增速",
                "up",
                polarity=H,
                improving=True,
                **Y06,
            ),
            neg("2006年", "year"),
            c(
                "3782美元",
                "人均生产总值(美元)",
                3782.0,
                "美元",
                "人均地区生产总值美元",
                polarity=H,
                **Y06,
            ),
            neg("图1", "list_number"),
            neg("2000-2006年", "date"),
            c("1.9", "第一产业比例", 1.9, "", "第一产业比重", **Y06),
            c("46.9", "第二产业比例", 46.9, "", "第二产业比重", **Y06),
            c("51.2", "第三产业比例", 51.2, "", "第三产业比重", **Y06),
            neg("2005年", "year"),
            chg(
                "0.4个百分点",
                "第一产业比重变化",
                0.4,
                "第一产业比重变化量",
                "down",
                unit="pp",
                comparison="vs_baseline",
                **Y06,
            ),
            chg(
                "0.1个百分点",
                "第二产业比重变化",
                0.1,
                "第二产业比重变化量",
                "up",
                unit="pp",
                comparison="vs_baseline",
                **Y06,
            ),
            c("37.4%", "工业增加值占GDP比重", 37.4, "%", "工业增加值占地区生产总值比重", **Y06),
            chg(
                "0.9个百分点",
                "工业增加值占GDP比重变化",
                0.9,
                "工业增加值占地区生产总值比重变化量",
                "up",
                unit="pp",
                comparison="vs_baseline",
                **Y06,
            ),
            chg(
                "0.3个百分点",
                "第三产业比重变化",
                0.3,
                "第三产业比重变化量",
                "up",
                unit="pp",
                comparison="vs_baseline",
                **Y06,
            ),
            neg("图2", "list_number"),
            neg("2005年、2006年", "date"),
            neg("2005年", "year"),
            chg(
                "1.6%",
                "居民消费价格涨幅",
                1.6,
                "居民消费价格涨幅",
                "up",
                comparison="vs_baseline",
                **Y06,
            ),
            chg("0.6%", "商品零售价格涨幅", 0.6, "商品零售价格涨幅", "up", **Y06),
            chg("2.0%", "工业品出厂价格涨幅", 2.0, "工业品出厂价格涨幅", "up", **Y06),
            chg(
                "1.5%",
                "原材料燃料动力购进价格涨幅",
                1.5,
                "原材料燃料动力购进价格涨幅",
                "down",
                **Y06,
            ),
        ],
    ),
    "v06": (
        "v06_天津市公安局8月份警情.txt",
        {"city": "天津"},
        [
            neg("8月份", "date"),
            neg("1、", "list_number"),
            c("5187起", "刑事案件立案", 5187.0, "起", "刑事案件立案数", polarity=L),
            chg(
                "61.3%",
                "盗窃案件变化率",
                61.3,
                "盗窃案件变化率",
                "up",
                comparison="yoy",
                polarity=L,
                improving=False,
            ),
            c("65.1%", "盗窃案件占刑事案件比重", 65.1, "%", "盗窃案件占刑事案件比重"),
            chg(
                "30%", "杀人案件变化率", 30.0, "杀人案件变化率", "down", polarity=L, improving=True
            ),
            neg("8月份", "date"),
            neg("2、", "list_number"),
            neg("8月份", "date"),
            c("8095起", "受理治安案件", 8095.0, "起", "治安案件受理数", polarity=L),
            c("3600名", "查处违法人员", 3600.0, "人", "查处违法人员数"),
            c("1022人", "治安拘留", 1022.0, "人", "治安拘留人数"),
            c("52人", "警告", 52.0, "人", "警告人数"),
            c("28起", "查处淫秽物品管理案件", 28.0, "起", "查处淫秽物品管理案件数"),
            c("13552件", "收缴淫秽物品", 13552.0, "件", "收缴淫秽物品数"),
            c("33名", "治安处罚违法人员", 33.0, "人", "淫秽物品案件处罚人数"),
            neg("3、", "list_number"),
            neg("8月份", "date"),
            c("378起", "道路交通事故", 378.0, "起", "道路交通事故起数", polarity=L),
            c("82人", "交通事故死亡人数", 82.0, "人", "道路交通事故死亡人数", polarity=L),
            c("449人", "交通事故受伤人数", 449.0, "人", "道路交通事故受伤人数", polarity=L),
            c(
                "205万元",
                "交通事故直接财产损失",
                2050000.0,
                "元",
                "道路交通事故直接财产损失",
                polarity=L,
            ),
            chg(
                "13.9%",
                "道路交通事故变化率",
                13.9,
                "道路交通事故起数变化率",
                "down",
                comparison="yoy",
                polarity=L,
                improving=True,
            ),
            chg(
                "18%",
                "交通事故死亡人数变化率",
                18.0,
                "道路交通事故死亡人数变化率",
                "down",
                comparison="yoy",
                polarity=L,
                improving=True,
            ),
            chg(
                "5.3%",
                "交通事故受伤人数变化率",
                5.3,
                "道路交通事故受伤人数变化率",
                "down",
                comparison="yoy",
                polarity=L,
                improving=True,
            ),
            chg(
                "22.1%",
                "交通事故财产损失变化率",
                22.1,
                "道路交通事故直接财产损失变化率",
                "down",
                comparison="yoy",
                polarity=L,
                improving=True,
            ),
            neg("4、", "list_number"),
            neg("8月份", "date"),
            c("297起", "火灾起数", 297.0, "起", "火灾起数", polarity=L),
            c("49.3万元", "火灾直接财产损失", 493000.0, "元", "火灾直接财产损失", polarity=L),
            c("1人", "火灾死亡人数", 1.0, "人", "火灾死亡人数", polarity=L),
            c("2人", "火灾受伤人数", 2.0, "人", "火灾受伤人数", polarity=L),
            chg(
                "24.3%",
                "火灾起数变化率",
                24.3,
                "火灾起数变化率",
                "up",
                comparison="yoy",
                polarity=L,
                improving=False,
            ),
            chg(
                "144.1%",
                "火灾损失变化率",
                144.1,
                "火灾直接财产损失变化率",
                "up",
                comparison="yoy",
                polarity=L,
                improving=False,
            ),
            chg(
                "1人",
                "火灾死亡人数变化",
                1.0,
                "火灾死亡人数变化量",
                "up",
                unit="人",
                comparison="yoy",
                polarity=L,
                improving=False,
            ),
            chg(
                "1人",
                "火灾受伤人数变化",
                1.0,
                "火灾受伤人数变化量",
                "up",
                unit="人",
                comparison="yoy",
                polarity=L,
                improving=False,
            ),
            neg("119", "name"),
            c("1104次", "消防接处警", 1104.0, "次", "消防接处警次数"),
            c("2万余人次", "出动消防官兵", 20000.0, "人次", "出动消防官兵人次", qualifier="over"),
            c("2525辆次", "出动消防车", 2525.0, "辆次", "出动消防车辆次"),
            c("85人", "抢救疏散被困群众", 85.0, "人", "抢救疏散被困群众人数", polarity=H),
        ],
    ),
    "v07": (
        "v07_西藏2026年政府工作报告报道.txt",
        {"city": "西藏"},
        [
            neg("1月31日", "date"),
            neg("1月31日", "date"),
            neg("2026年", "year"),
            goal(
                "7%", "地区生产总值增速目标", 7.0, "地区生产总值增速", qualifier="over", year=2026
            ),
            goal(
                "15%",
                "固定资产投资增速目标",
                15.0,
                "固定资产投资增速",
                qualifier="approx",
                year=2026,
            ),
            goal(
                "7%",
                "社会消费品零售总额增速目标",
                7.0,
                "社会消费品零售总额增速",
                qualifier="approx",
                year=2026,
            ),
            goal(
                "7%",
                "城镇居民人均可支配收入增速目标",
                7.0,
                "城镇居民人均可支配收入增速",
                qualifier="approx",
                year=2026,
            ),
            goal(
                "8%",
                "农村居民人均可支配收入增速目标",
                8.0,
                "农村居民人均可支配收入增速",
                qualifier="approx",
                year=2026,
            ),
            neg("2025年", "year"),
            c(
                "3031.89亿元",
                "地区生产总值",
                303189000000.0,
                "元",
                "地区生产总值",
                polarity=H,
                year=2025,
            ),
            chg(
                "7%",
                "地区生产总值增速",
                7.0,
                "地区生产总值增速",
                "up",
                comparison="yoy",
                polarity=H,
                improving=True,
                year=2025,
            ),
            c(
                "3000亿元",
                "地区生产总值",
                300000000000.0,
                "元",
                "地区生产总值",
                qualifier="over",
                direction="up",
                polarity=H,
                improving=True,
                year=2025,
            ),
            neg("2025年", "year"),
            chg(
                "6.3%",
                "地区生产总值年均增速",
                6.3,
                "地区生产总值增速",
                "up",
                polarity=H,
                improving=True,
                year=2025,
            ),
            c(
                "300亿元",
                "地方财政收入",
                30000000000.0,
                "元",
                "地方财政收入",
                qualifier="over",
                direction="up",
                polarity=H,
                improving=True,
                year=2025,
            ),
            c(
                "3000亿元",
                "地方财政支出",
                300000000000.0,
                "元",
                "地方财政支出",
                qualifier="over",
                direction="up",
                year=2025,
            ),
            neg("2026年", "year"),
            c(
                "2440亿元",
                "完成投资目标",
                244000000000.0,
                "元",
                "固定资产投资额",
                role="target",
                qualifier="over",
                polarity=H,
                year=2026,
            ),
            neg("109", "name"),
            neg("219", "name"),
            neg("318", "name"),
            neg("695", "name"),
            neg("214", "name"),
            c(
                "230万亩",
                "青稞播种面积",
                2300000.0,
                "亩",
                "青稞播种面积",
                role="target",
                qualifier="over",
                polarity=H,
                year=2026,
            ),
            c(
                "20万亩",
                "新建和改造提升高标准农田",
                200000.0,
                "亩",
                "新建和改造提升高标准农田面积",
                role="target",
                polarity=H,
                year=2026,
            ),
            c(
                "百万吨",
                "粮食肉蛋奶蔬菜产量",
                1000000.0,
                "吨",
                "粮食肉蛋奶蔬菜产量",
                role="target",
                qualifier="over",
                polarity=H,
                year=2026,
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
