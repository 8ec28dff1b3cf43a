"""Write the real14 gold files from the hand annotation below (kept as the record of it).

Run from the repository root: `.venv/bin/python tests/gold/real14/build_gold.py`.
Each tuple is (surface, occurrence, fields); offsets and sentences are found in the text.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the shared builder stands one level up

from gold_builder import H, L, c, cat, chg, ctx, neg, up, write_gold  # noqa: E402

Y15 = {"year": 2015}
Y18 = {"year": 2018}
Y20 = {"year": 2020}
VS = {"comparison": "vs_baseline"}


def cut(surface, indicator, value, concept, **kw):
    """A fall of a lower-better quantity (approval items, time limits, materials): improving."""
    return chg(surface, indicator, value, concept, "down", polarity=L, improving=True, **kw)


def money(surface, indicator, value, concept, **kw):
    """An amount in 元 of a higher-better quantity (output, revenue, income)."""
    return c(surface, indicator, value, "元", concept, polarity=H, **kw)


def rate(surface, indicator, value, concept, **kw):
    """A higher-better rate in % (on-time completion, satisfaction, mediation success)."""
    return c(surface, indicator, value, "%", concept, polarity=H, **kw)


def share(surface, indicator, value, concept, **kw):
    """A category's share in %: neither better nor worse."""
    return c(surface, indicator, value, "%", concept, **kw)


def result(surface, indicator, value, unit, concept, **kw):
    """A count of things achieved (completed on time, people drawn in, meetings held)."""
    return c(surface, indicator, value, unit, concept, polarity=H, **kw)


def rank(surface, indicator, value, concept, **kw):
    """An Arabic rank among places (第3位): a smaller number is better."""
    return c(surface, indicator, value, "位", concept, polarity=L, **kw)


def before(surface, indicator, value, unit, concept, **kw):
    """The old value of a from→to pair of a lower-better quantity."""
    return c(surface, indicator, value, unit, concept, role="baseline", polarity=L, **VS, **kw)


def after(surface, indicator, value, unit, concept, **kw):
    """The new value of a from→to pair of a lower-better quantity: down, improving."""
    return c(
        surface,
        indicator,
        value,
        unit,
        concept,
        role="current",
        direction="down",
        polarity=L,
        improving=True,
        **VS,
        **kw,
    )


def kind(surface, name, value):
    """One content category of the 开封 list (counted in 件): 12345热线<name>类诉求量."""
    return cat(surface, f"{name}类问题", value, f"12345热线{name}类诉求量")


# 开封's content categories whose concept reuses an earlier set's wording for the same thing
KAIFENG_SAME = {
    "供水服务": "12345热线供水类诉求量",
    "供暖服务": "12345热线供热类诉求量",
    "民政业务": "12345热线民政类诉求量",
    "市场监管": "12345热线市场监督管理类诉求量",
    "其他": "12345热线其他内容类诉求量",
}

KAIFENG_KINDS = [
    ("城市管理", 1301),
    ("劳动保障", 1281),
    ("市容市貌", 716),
    ("消费维权", 709),
    ("供水服务", 675),
    ("供气服务", 582),
    ("城乡规划", 400),
    ("设施管理", 385),
    ("农村建设", 378),
    ("教育管理", 373),
    ("农村管理", 368),
    ("污染防控", 365),
    ("车辆管理", 313),
    ("公路管理", 311),
    ("供暖服务", 292),
    ("社会保障", 234),
    ("通讯服务", 204),
    ("消防安全", 164),
    ("卫生健康", 153),
    ("旅游服务", 153),
    ("社会福利", 145),
    ("城市客运", 133),
    ("便民服务", 98),
    ("社会治安", 90),
    ("行风政风", 90),
    ("市场监管", 83),
    ("税务管理", 71),
    ("供电服务", 70),
    ("民政业务", 65),
    ("户政管理", 61),
    ("政务服务", 57),
    ("市场管理", 57),
    ("社会救助", 51),
    ("金融管理", 47),
    ("经济管理", 42),
    ("公共卫生", 38),
    ("城乡建设审批服务", 33),
    ("文化管理", 28),
    ("食品安全", 27),
    ("国土资源", 27),
    ("不动产登记", 22),
    ("民生保障审批服务", 22),
    ("企业服务", 19),
    ("农业生产", 17),
    ("人才服务", 16),
    ("道路运输", 14),
    ("环保监管", 13),
    ("药品安全", 10),
    ("经济综合审批服务", 9),
    ("交通运输审批服务", 8),
    ("残疾人事业", 8),
    ("体育娱乐", 7),
    ("退役军人事务", 7),
    ("公共安全审批服务", 7),
    ("生产安全", 7),
    ("水路运输", 6),
    ("网络安全", 6),
    ("出入境管理", 6),
    ("水资源", 5),
    ("快递物流", 5),
    ("科教文卫审批服务", 5),
    ("林业资源", 4),
    ("经济工作", 4),
    ("邮政服务", 2),
    ("生态保护", 2),
    ("司法行政", 2),
    ("航空运输", 1),
    ("矿产能源", 1),
    ("气象测绘", 1),
    ("自然灾害", 1),
    ("就业创业", 1),
    ("外事侨务", 1),
    ("其他", 11),
]


def kaifeng_kind(name, value):
    surface = f"{value}件"
    if name in KAIFENG_SAME:
        return cat(surface, f"{name}类问题", float(value), KAIFENG_SAME[name])
    return kind(surface, name, float(value))


KAIFENG = [
    neg("1月份", "date"),
    neg("12345", "name"),
    neg("12345", "name"),
    cat("10920件", "受理群众反映的问题", 10920.0, "12345热线受理量"),
    result("10324件", "按期办结", 10324.0, "件", "12345热线按时办结量"),
    neg("2月份", "date"),
    cat("2175件", "结转至2月份", 2175.0, "12345热线在办量"),
    rate("98.53%", "按期办结率", 98.53, "12345热线按时办结率"),
    neg("12345", "name"),
    cat("20769个", "12345热线受理平台人工接听电话", 20769.0, "12345热线接听电话量", unit="个"),
    cat("10843件", "转办", 10843.0, "12345热线派单量"),
    cat("77件", "网络舆情转办", 77.0, "12345热线网络舆情转办量"),
    *[kaifeng_kind(name, value) for name, value in KAIFENG_KINDS],
]


def field(count, share_, name, concept_name=None, label=None):
    """A category row of 东海's tables: its count (件) and its share (%, the 占比 column)."""
    head = concept_name or f"12345热线{name}类诉求"
    label = label or f"{name}类诉求"
    return [
        cat(count, label, float(count), f"{head}量", **Y20),
        share(share_, f"{label}占比", float(share_), f"{head}占比", **Y20),
    ]


DONGHAI = [
    neg("2020年", "year"),
    neg("12345", "name"),
    cat("149497件", "受理群众各类诉求", 149497.0, "12345热线受理量", **Y20),
    cat("130201件", "县平台受理诉求", 130201.0, "12345热线县平台受理量", **Y20),
    cat("18632件", "省、市交办诉求", 18632.0, "12345热线省市交办工单量", **Y20),
    cat("664件", "县长信箱诉求", 664.0, "12345热线县长信箱渠道工单量", **Y20),
    cat("410件", "日均受理量", 410.0, "12345热线日均受理量", **Y20),
    rate("99.15%", "按时办结率", 99.15, "12345热线按时办结率", **Y20),
    rate("97.54%", "回访满意率", 97.54, "12345热线满意率", **Y20),
    rate("99.98%", "省、市交办件按时办结率", 99.98, "12345热线省市交办件按时办结率", **Y20),
    rate("93.14%", "省、市交办件综合满意率", 93.14, "12345热线省市交办件满意率", **Y20),
    neg("1、", "list_number"),
    cat("47327", "咨询类诉求", 47327.0, "12345热线咨询类诉求量", **Y20),
    cat("88698", "求助类诉求", 88698.0, "12345热线求助类诉求量", **Y20),
    cat("771", "建议类诉求", 771.0, "12345热线建议类诉求量", **Y20),
    cat("65", "表扬类诉求", 65.0, "12345热线表扬类诉求量", **Y20),
    cat("12636", "其他类诉求", 12636.0, "12345热线其他类诉求量", **Y20),
    share("31.7", "咨询类诉求占比", 31.7, "12345热线咨询类诉求占比", **Y20),
    share("59.3", "求助类诉求占比", 59.3, "12345热线求助类诉求占比", **Y20),
    share("0.5", "建议类诉求占比", 0.5, "12345热线建议类诉求占比", **Y20),
    share("0.04", "表扬类诉求占比", 0.04, "12345热线表扬类诉求占比", **Y20),
    share("8.5", "其他类诉求占比", 8.5, "12345热线其他类诉求占比", **Y20),
    neg("2、", "list_number"),
    neg("1", "list_number"),
    ctx(
        "TOP10", "按归口分类列出类别数", 10.0, "", "诉求量排名列出类别数", qualifier="under", **Y20
    ),
    *field("63435", "42.4", "城市综合"),
    *field("6238", "4.2", "民生保障"),
    *field("2852", "1.9", "市场监管", "12345热线市场监督管理类诉求"),
    *field("23531", "15.7", "科教文卫"),
    *field("6134", "4.1", "环境保护"),
    *field("1826", "1.2", "三农相关"),
    *field("14172", "9.5", "资源监管"),
    *field("5691", "3.8", "政务管理"),
    *field("14120", "9.4", "非受理范围", "12345热线超出受理范围工单", "非受理范围诉求"),
    *field("4142", "2.8", "治安法制"),
    neg("2", "list_number"),
    ctx(
        "TOP20",
        "按诉求具体内容分列出类别数",
        20.0,
        "",
        "诉求量排名列出类别数",
        qualifier="under",
        **Y20,
    ),
    *field("14120", "9.4", "非受理范围", "12345热线超出受理范围工单", "非受理范围诉求"),
    *field("6443", "4.3", "住房管理"),
    *field("2633", "1.8", "政务服务"),
    *field("12496", "8.4", "公共卫生"),
    *field("5847", "3.9", "市容管理"),
    *field("2556", "1.7", "公用设施"),
    *field("11353", "7.6", "居民日常服务"),
    *field("3870", "2.6", "通讯服务"),
    *field("2517", "1.7", "教育规范化"),
    *field("10209", "6.8", "其他生活服务"),
    *field("3347", "2.2", "其他", "12345热线其他内容类诉求", "其他内容类诉求"),
    *field("2464", "1.6", "噪声污染"),
    *field("8403", "5.6", "三农"),
    *field("3318", "2.2", "国土资源"),
    *field("2299", "1.5", "人力资源"),
    *field("6894", "4.6", "车辆管理"),
    *field("3049", "2", "道路交通"),
    *field("2298", "1.5", "治安管理"),
    *field("6598", "4.4", "医疗卫生"),
    *field("2693", "1.8", "机关事务"),
]

MAANSHAN = [
    neg("2018年", "year"),
    neg("2018年", "year"),
    money("1800亿元", "地区生产总值", 1.8e11, "地区生产总值", **Y18),
    up("8.5%", "地区生产总值增长", 8.5, "地区生产总值增速", **Y18),
    c(
        "0.4个百分点",
        "地区生产总值增速超过全省",
        0.4,
        "pp",
        "地区生产总值增速高于全省",
        polarity=H,
        **VS,
        **Y18,
    ),
    money("270.66亿元", "财政收入", 2.7066e10, "财政总收入", **Y18),
    up("10.3%", "财政收入增长", 10.3, "财政总收入增速", **Y18),
    up("10%", "固定资产投资增长", 10.0, "固定资产投资增速", **Y18),
    up("9%", "规上工业增加值增长", 9.0, "规模以上工业增加值增速", **Y18),
    up("13%", "社会消费品零售总额增长", 13.0, "社会消费品零售总额增速", **Y18),
    c("44亿美元", "进出口总额", 4.4e9, "美元", "进出口总额", polarity=H, **Y18),
    up("15.8%", "进出口总额增长", 15.8, "进出口总额增速", **Y18),
    rank("第3位", "GDP总量全省位次", 3.0, "地区生产总值全省排名", **Y18),
    up("19%", "战略性新兴产业产值增长", 19.0, "战略性新兴产业产值增速", **Y18),
    up("17%", "高新技术产业增加值增长", 17.0, "高新技术产业增加值增速", **Y18),
    rank("第67位", "城市创新竞争力全国位次", 67.0, "城市创新竞争力全国排名", **Y18),
    result("19.8件", "每万人发明专利", 19.8, "件", "每万人发明专利拥有量", **Y18),
    rate("2.55%", "全社会研发经费支出占GDP比重", 2.55, "全社会研发经费支出占GDP比重", **Y18),
    c(
        "第3",
        "万人发明专利和研发投入全省位次",
        3.0,
        "",
        "万人发明专利和研发经费支出占比全省排名",
        polarity=L,
        **Y18,
    ),
]

ZHENAN = [
    neg("3月2日", "date"),
    ctx("160多名", "与会代表", 160.0, "人", "人大会议出席代表数", qualifier="approx"),
    neg("2015年", "year"),
    neg("2015年", "year"),
    money("83.91亿元", "生产总值", 8.391e9, "地区生产总值", **Y15),
    up("10.8%", "生产总值增长", 10.8, "地区生产总值增速", **Y15),
    money("4.17亿元", "财政总收入", 4.17e8, "财政总收入", **Y15),
    up("6.1%", "财政总收入增长", 6.1, "财政总收入增速", **Y15),
    money("3.02亿元", "地方财政收入", 3.02e8, "地方财政收入", **Y15),
    up("9.2%", "地方财政收入增长", 9.2, "地方财政收入增速", **Y15),
    money("23292元", "城镇居民收入", 23292.0, "城镇居民人均可支配收入", **Y15),
    money("7750元", "农村居民收入", 7750.0, "农村居民人均可支配收入", **Y15),
    up("8.8%", "城镇居民收入增长", 8.8, "城镇居民人均可支配收入增速", **Y15),
    up("10%", "农村居民收入增长", 10.0, "农村居民人均可支配收入增速", **Y15),
    neg("2015年", "year"),
    ctx("9项", "“十二五”确定的约束性指标", 9.0, "项", "十二五约束性指标数", **Y15),
    ctx("15项", "“十二五”确定的预期性指标", 15.0, "项", "十二五预期性指标数", **Y15),
]

SHIZHONG = [
    neg("33567", "name"),
    result("76人", "吸收业务骨干、调解能手", 76.0, "人", "吸收业务骨干调解能手数"),
    neg("2022年11月", "date"),
    c("193件", "“一站式”受理群众事项", 193.0, "件", "矛盾纠纷受理数"),
    c("185件", "调解成功群众事项", 185.0, "件", "矛盾纠纷调解成功数"),
    rate("95.8%", "调解成功率", 95.8, "矛盾纠纷调解成功率"),
    result("13次", "召开“一站式”矛盾纠纷联席会议", 13.0, "次", "矛盾纠纷联席会议召开次数"),
]

PUDONG = [
    before("5張", "過去開便利店需辦證", 5.0, "张", "便利店开办许可证数"),
    before("42份", "過去開便利店需交材料", 42.0, "份", "便利店开办申请材料数"),
    after("1張", "如今開便利店需辦證", 1.0, "张", "便利店开办许可证数"),
    after("12份", "如今開便利店需交材料", 12.0, "份", "便利店开办申请材料数"),
    ctx("10個", "首批啓動改革試點行業", 10.0, "个", "一业一证首批试点行业数"),
    cut("76%", "平均每個行業審批事項壓減", 76.0, "审批事项数变化率"),
    cut("88%", "平均每個行業審批時限壓減", 88.0, "政务服务事项办理时限变化率"),
    cut("67%", "平均每個行業申請材料壓減", 67.0, "申请材料数变化率"),
    cut("60%", "平均每個行業填表要素壓減", 60.0, "填表要素数变化率"),
    c("5張", "改革前每開設一家蘇甯小店需辦理許可證", 5.0, "张", "便利店开办许可证数", polarity=L),
    before("5套", "改革前需要准備申請材料", 5.0, "套", "便利店开办申请材料套数"),
    after("一套", "現在只需准備申請材料", 1.0, "套", "便利店开办申请材料套数"),
    before(
        "38個工作日",
        "辦理一家便利店原來辦證環節",
        38.0,
        "工作日",
        "便利店开办办证时间",
        qualifier="approx",
    ),
    after("5個工作日", "辦理一家便利店目前辦證環節", 5.0, "工作日", "便利店开办办证时间"),
    before("42份", "辦理一家便利店原來申請的材料", 42.0, "份", "便利店开办申请材料数"),
    after("10份", "辦理一家便利店現在申請的材料", 10.0, "份", "便利店开办申请材料数"),
]

DOCS = {
    "l01": ("l01_开封市12345热线1月份运行情况.txt", {"city": "开封"}, KAIFENG),
    "l02": (
        "l02_东海县12345在线平台2020年度运行情况.txt",
        {"city": "连云港", "district": "东海县"},
        DONGHAI,
    ),
    "l03": ("l03_马鞍山市2019年政府工作报告2018年回顾.txt", {"city": "马鞍山"}, MAANSHAN),
    "l04": (
        "l04_镇安县2016年政府工作报告2015年回顾.txt",
        {"city": "商洛", "district": "镇安县"},
        ZHENAN,
    ),
    "l05": (
        "l05_枣庄市中区一站式矛盾纠纷多元化解.txt",
        {"city": "枣庄", "district": "市中区"},
        SHIZHONG,
    ),
    "l06": (
        "l06_上海浦东新区一业一证改革.txt",
        {"city": "上海", "district": "浦东新区"},
        PUDONG,
    ),
}


if __name__ == "__main__":
    write_gold(HERE, DOCS)
