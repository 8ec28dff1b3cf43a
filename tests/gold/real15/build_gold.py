"""Write the real15 gold files from the hand annotation below (kept as the record of it).

Run from the repository root: `.venv/bin/python tests/gold/real15/build_gold.py`.
Each tuple is (surface, occurrence, fields); offsets and sentences are found in the text.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the shared builder stands one level up

from gold_builder import H, L, c, cat, chg, ctx, neg, up, write_gold  # noqa: E402

Y18 = {"year": 2018}
Y19 = {"year": 2019}
Y20 = {"year": 2020}
Y24 = {"year": 2024}
Y25 = {"year": 2025}
VS = {"comparison": "vs_baseline"}
YOY = {"comparison": "yoy"}


def fall(surface, indicator, value, concept, **kw):
    """A fall of a lower-better count (police reports, accidents, deaths, losses): improving."""
    return chg(surface, indicator, value, concept, "down", polarity=L, improving=True, **kw)


def cut(surface, indicator, value, concept, **kw):
    """A cut of a lower-better quantity (handling time limits): improving."""
    return chg(surface, indicator, value, concept, "down", polarity=L, improving=True, **kw)


def flow(surface, indicator, value, concept, direction, unit="%", **kw):
    """A change of a quantity with no better direction (a workload, a share, prices)."""
    return chg(
        surface,
        indicator,
        value,
        concept,
        direction,
        unit=unit,
        polarity=None,
        improving=None,
        **kw,
    )


def money(surface, indicator, value, concept, **kw):
    """An amount in 元 of a higher-better quantity (output, revenue, sales, income, loans)."""
    return c(surface, indicator, value, "元", concept, polarity=H, **kw)


def rate(surface, indicator, value, concept, **kw):
    """A higher-better rate in % (acceptance, completion, resolution, satisfaction)."""
    return c(surface, indicator, value, "%", concept, polarity=H, **kw)


def share(surface, indicator, value, concept, **kw):
    """A share in %: neither better nor worse."""
    return c(surface, indicator, value, "%", concept, **kw)


def result(surface, indicator, value, unit, concept, **kw):
    """A count of things achieved (cases cleared, entities registered, matters delegated)."""
    return c(surface, indicator, value, unit, concept, polarity=H, **kw)


def rank(surface, indicator, value, concept, **kw):
    """An Arabic rank among places (第8位): a smaller number is better."""
    return c(surface, indicator, value, "位", concept, polarity=L, **kw)


XIAONAN = [
    neg("12345", "name"),
    neg("2月28日", "date"),
    neg("12345", "name"),
    neg("12345", "name"),
    neg("2019年", "year"),
    cat("683件", "12345热线受理量", 683.0, "12345热线受理量", role="baseline", **VS, **Y19),
    neg("2025年", "year"),
    cat(
        "33,267件",
        "12345热线受理量",
        33267.0,
        "12345热线受理量",
        role="current",
        direction="up",
        **VS,
        **Y25,
    ),
    neg("六年", "date"),
    flow(
        "近48倍",
        "12345热线受理量六年增长",
        48.0,
        "12345热线受理量变化倍数",
        "up",
        unit="倍",
        qualifier="approx",
        **VS,
        **Y25,
    ),
    neg("2025年", "year"),
    cat("33267件", "孝南区受理的热线诉求", 33267.0, "12345热线受理量", **Y25),
    cat("292件", "直接答复", 292.0, "12345热线直接解答量", **Y25),
    cat("32266件", "交办属地及区直部门流转办理", 32266.0, "12345热线派单量", **Y25),
    rate("100%", "受理率", 100.0, "12345热线受理率", **Y25),
    rate("100%", "办结率", 100.0, "12345热线办结率", **Y25),
    rate("99.98%", "回访满意率", 99.98, "12345热线满意率", **Y25),
    neg("12345", "name"),
]

YONGFU = [
    neg("2024年", "date"),
    neg("12345", "name"),
    neg("12345", "name"),
    neg("12345", "name"),
    neg("2024年", "year"),
    rate("92.38%", "全县综合解决率", 92.38, "12345热线解决率", **Y24),
    neg("2024年", "year"),
    cat("2695件", "累计受理群众诉求", 2695.0, "12345热线受理量", **Y24),
    flow(
        "719件",
        "受理群众诉求与去年同期相比增长",
        719.0,
        "12345热线受理量变化量",
        "up",
        unit="件",
        **YOY,
        **Y24,
    ),
    neg("7×24小时", "other"),
    rate("100%", "全县及时签收率", 100.0, "12345热线按期签收率", **Y24),
    rate("100%", "按时办结率", 100.0, "12345热线按时办结率", **Y24),
]

JINXIAN = [
    neg("一、", "list_number"),
    neg("2018年", "year"),
    neg("2018年", "year"),
    neg("一年来", "date"),
    money("362.7亿元", "地区生产总值", 3.627e10, "地区生产总值", **Y18),
    up("9.1%", "地区生产总值同比增长", 9.1, "地区生产总值增速", **YOY, **Y18),
    up("9.9%", "规模以上工业增加值增长", 9.9, "规模以上工业增加值增速", **Y18),
    money("98.9亿元", "社会消费品零售总额", 9.89e9, "社会消费品零售总额", **Y18),
    up("12.2%", "社会消费品零售总额增长", 12.2, "社会消费品零售总额增速", **Y18),
    money("166.5亿元", "完成固定资产投资", 1.665e10, "固定资产投资额", **Y18),
    up("11.6%", "固定资产投资增长", 11.6, "固定资产投资增速", **Y18),
    money("30.5亿元", "财政总收入", 3.05e9, "财政总收入", **Y18),
    up("17.8%", "财政总收入增长", 17.8, "财政总收入增速", **Y18),
    money("17.5亿元", "一般公共预算收入", 1.75e9, "一般公共预算收入", **Y18),
    up("11.5%", "一般公共预算收入增长", 11.5, "一般公共预算收入增速", **Y18),
    c("15975万美元", "实际利用外资", 1.5975e8, "美元", "实际利用外资", polarity=H, **Y18),
    up("20.1%", "实际利用外资增长", 20.1, "实际利用外资增速", **Y18),
    c("13525万美元", "出口", 1.3525e8, "美元", "出口额", polarity=H, **Y18),
    up("3.6%", "出口增长", 3.6, "出口额增速", **Y18),
    money("34525元", "城镇居民人均可支配收入", 34525.0, "城镇居民人均可支配收入", **Y18),
    money("18352元", "农村居民人均可支配收入", 18352.0, "农村居民人均可支配收入", **Y18),
    up("8.5%", "城镇居民人均可支配收入增长", 8.5, "城镇居民人均可支配收入增速", **Y18),
    up("9%", "农村居民人均可支配收入增长", 9.0, "农村居民人均可支配收入增速", **Y18),
    ctx(
        "两年",
        "连续入选“全国县域经济强县”",
        2.0,
        "年",
        "全国县域经济强县连续入选年数",
        polarity=H,
        **Y18,
    ),
    rank("第8位", "全省位次", 8.0, "县域经济全省排名", **Y18),
    neg("一年来", "date"),
    neg("(一)", "list_number"),
]

LINQUAN = [
    money("234.5亿元", "生产总值", 2.345e10, "地区生产总值"),
    up("8.0%", "生产总值同比增长", 8.0, "地区生产总值增速", **YOY),
    money("79.1亿元", "农林牧渔业总产值", 7.91e9, "农林牧渔业总产值"),
    up("4.1%", "农林牧渔业总产值同比增长", 4.1, "农林牧渔业总产值增速", **YOY),
    c("160.3万亩", "夏粮播种面积", 1.603e6, "亩", "夏粮播种面积", polarity=H),
    c("68.1万吨", "夏粮产量", 6.81e5, "吨", "夏粮产量", polarity=H),
    up("6.8%", "规模以上工业增加值同比增长", 6.8, "规模以上工业增加值增速", **YOY),
    up("2.1%", "规模以上工业总产值增长", 2.1, "规模以上工业总产值增速"),
    up("23.3%", "高技术工业增加值增长", 23.3, "高技术工业增加值增速"),
    c(
        "16.5个百分点",
        "高技术工业增加值增速快于规上工业",
        16.5,
        "pp",
        "高技术工业增加值增速高于规上工业",
        polarity=H,
        **VS,
    ),
    share("2.4%", "一产投资占比", 2.4, "第一产业投资占比"),
    share("23%", "二产投资占比", 23.0, "第二产业投资占比"),
    share("74.6%", "三产投资占比", 74.6, "第三产业投资占比"),
    flow(
        "11.2个百分点",
        "二产投资占比提高",
        11.2,
        "第二产业投资占比变化量",
        "up",
        unit="pp",
        **YOY,
    ),
    up("81.9%", "工业投资同比增长", 81.9, "工业投资增速", **YOY),
    up("204.3%", "高技术产业投资增长", 204.3, "高技术产业投资增速"),
    up("59.3%", "战略性新兴产业投资增长", 59.3, "战略性新兴产业投资增速"),
    share(
        "11.8%",
        "高技术产业投资、战略性新兴产业投资占全部投资的比重",
        11.8,
        "新兴领域投资占全部投资比重",
    ),
    up("103.5%", "制造业投资增长", 103.5, "制造业投资增速"),
    c(
        "8.7个百分点",
        "制造业投资拉动全部投资增长",
        8.7,
        "pp",
        "制造业投资拉动投资增长",
        polarity=H,
    ),
    up("217.2%", "新开工制造业项目投资增长", 217.2, "新开工制造业项目投资增速"),
    money("9.5亿元", "一般公共预算收入", 9.5e8, "一般公共预算收入"),
    up("7.0%", "一般公共预算收入同比增长", 7.0, "一般公共预算收入增速", **YOY),
    money("877.7亿元", "金融机构人民币存款余额", 8.777e10, "金融机构存款余额"),
    up("10.7%", "金融机构人民币存款余额同比增长", 10.7, "金融机构存款余额增速", **YOY),
    money("9193元", "农村常住居民人均可支配收入", 9193.0, "农村居民人均可支配收入"),
    up("8.2%", "农村常住居民人均可支配收入增长", 8.2, "农村居民人均可支配收入增速"),
    flow("0.01%", "居民消费价格同比下降", 0.01, "居民消费价格涨幅", "down", **YOY),
    money("169.8亿元", "社会消费品零售总额", 1.698e10, "社会消费品零售总额"),
    up("10.9%", "社会消费品零售总额同比增长", 10.9, "社会消费品零售总额增速", **YOY),
    up("280.3%", "新能源汽车类商品增长", 280.3, "新能源汽车类商品零售额增速"),
    up(
        "61.0%",
        "智能家用电器和音像器材类商品增长",
        61.0,
        "智能家用电器和音像器材类商品零售额增速",
    ),
    up("23.9%", "智能手机类商品增长", 23.9, "智能手机类商品零售额增速"),
]

HUAINAN = [
    neg("7月31日", "date"),
    up("30.3%", "破获刑事案件同比上升", 30.3, "侦破刑事案件数变化率", **YOY),
    up(
        "16.9%",
        "破八类严重暴力犯罪案件同比上升",
        16.9,
        "侦破八类严重暴力犯罪案件数变化率",
        **YOY,
    ),
    result("8起", "攻克命案积案", 8.0, "起", "攻克命案积案数"),
    neg("第一", "ordinal"),
    ctx("35年", "攻克命案积案案发时间最长", 35.0, "年", "攻克命案积案最长案发时长"),
    ctx("30项", "为企服务助力高质量发展措施", 30.0, "项", "为企服务助力高质量发展措施数"),
    fall("0.3%", "道路交通事故起数同比下降", 0.3, "道路交通事故起数变化率", **YOY),
    fall("26.5%", "道路交通事故亡人数同比下降", 26.5, "道路交通事故死亡人数变化率", **YOY),
    fall("27.7%", "道路交通事故损失数同比下降", 27.7, "道路交通事故直接财产损失变化率", **YOY),
    neg("6月25日", "date"),
    fall("5.73%", "刑事类警情环比下降", 5.73, "刑事类警情变化率", **VS),
    fall("16.63%", "治安类警情环比下降", 16.63, "治安类警情变化率", **VS),
    fall("16.07%", "纠纷类警情环比下降", 16.07, "纠纷类警情变化率", **VS),
    fall("17.83%", "打架斗殴类警情环比下降", 17.83, "打架斗殴类警情变化率", **VS),
    fall(
        "43.4%",
        "电信网络诈骗犯罪案件发案数环比下降",
        43.4,
        "电信网络诈骗案件发案数变化率",
        **VS,
    ),
    fall("54.54%", "涉警信访总量同比下降", 54.54, "涉警信访量变化率", **YOY),
    fall("10%", "传统侵财案件发案数同比下降", 10.0, "传统侵财案件发案数变化率", **YOY),
    fall("56.82%", "亡人道路交通事故起数同比下降", 56.82, "亡人道路交通事故起数变化率", **YOY),
    fall("58.33%", "亡人道路交通事故亡人数同比下降", 58.33, "道路交通事故死亡人数变化率", **YOY),
]

ZUNYI = [
    ctx("160个", "全国政务服务参评城市", 160.0, "个", "政务服务质量参评城市数"),
    neg("第一", "ordinal"),
    result("7.83万户", "新增市场主体", 78300.0, "户", "新增市场主体数"),
    up("7.2%", "新增市场主体同比增长", 7.2, "新增市场主体数变化率", **YOY),
    up("250%", "新增合同外资资金同比增长", 250.0, "新增合同外资金额增速", **YOY),
    neg("一、", "list_number"),
    neg("(一)", "list_number"),
    neg("2020年", "year"),
    ctx("4173项", "公布权力事项", 4173.0, "项", "公布权力事项数", **Y20),
    cut("63.6%", "在法定办理时限基础上平均压缩", 63.6, "政务服务事项办理时限变化率"),
    cut("95%", "部分事项办理时限压缩", 95.0, "部分政务服务事项办理时限变化率"),
    result("225项", "累计下放行政审批事项", 225.0, "项", "市级审批服务事项下放数"),
    result("116项", "取消行政审批事项", 116.0, "项", "取消行政审批事项数"),
    result("18个", "废止、修订政策文件", 18.0, "个", "废止修订政策文件数"),
    neg("(二)", "list_number"),
    result("166个", "全程网上办理税务事项", 166.0, "个", "全程网上办理税务事项数"),
    c("19个", "线上受理、线下办结税务事项", 19.0, "个", "线上受理线下办结税务事项数"),
    neg("2020年", "date"),
    money("超200亿元", "累计减税降费", 2e10, "减税降费规模", qualifier="over", **Y20),
    neg("(三)", "list_number"),
    result("41.04万家", "在该平台注册企业", 410400.0, "家", "政务金融服务平台注册企业数"),
    result("99家", "合作金融机构", 99.0, "家", "政务金融服务平台合作金融机构数"),
    money("98.44亿元", "解决融资", 9.844e9, "政务金融服务平台解决融资金额"),
    result(
        "7895户",
        "办理延期还本付息企业及个体工商户",
        7895.0,
        "户",
        "办理延期还本付息企业数",
    ),
    money("168.82亿元", "办理延期还本付息", 1.6882e10, "延期还本付息金额"),
    result("15万户", "办理信用贷款企业及个体工商户", 150000.0, "户", "办理信用贷款企业数"),
    money("207.07亿元", "办理信用贷款", 2.0707e10, "信用贷款金额"),
]

DOCS = {
    "k01": (
        "k01_孝南区12345热线2025年运行成效.txt",
        {"city": "孝感", "district": "孝南区"},
        XIAONAN,
    ),
    "k02": (
        "k02_永福县12345热线2024年服务成效.txt",
        {"city": "桂林", "district": "永福县"},
        YONGFU,
    ),
    "k03": (
        "k03_进贤县2019年政府工作报告2018年回顾.txt",
        {"city": "南昌", "district": "进贤县"},
        JINXIAN,
    ),
    "k04": (
        "k04_临泉县2023年上半年经济运行.txt",
        {"city": "阜阳", "district": "临泉县"},
        LINQUAN,
    ),
    "k05": ("k05_淮南市2023年上半年公安工作成效.txt", {"city": "淮南"}, HUAINAN),
    "k06": ("k06_遵义市优化营商环境政务服务.txt", {"city": "遵义"}, ZUNYI),
}


if __name__ == "__main__":
    write_gold(HERE, DOCS)
