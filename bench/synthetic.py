"""A synthetic indicator table that conforms to the schema: for tests, the notebook and the benchmarks.

Demo data only: it lives outside the `dashboard` package so the app never serves made-up rows
(`tests/dashboard/test_no_demo_in_app.py` checks that no dashboard module imports it).

`synthetic_table(1_000_000)` gives 10 cities, 15 domains and 15 years of realistic-looking rows
(Chinese indicator names, sentences with the number in them, baseline/current pairs sharing a
`pair_id`), built with vectorised numpy (a million rows take about 15 s here).

Of the meaning columns it has `polarity` and `improving`, known by construction (a template whose
usual change is a fall is lower-is-better); the label, the key and `core` are left for the
dashboard to fill, as for a table from before the meaning stage.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.schema import conform

CITIES: dict[str, tuple[str, ...]] = {
    "厦门": ("思明区", "湖里区", "集美区", "海沧区"),
    "青岛": ("市南区", "市北区", "黄岛区"),
    "深圳": ("盐田区", "福田区", "南山区"),
    "福州": ("鼓楼区", "台江区"),
    "杭州": ("西湖区", "上城区"),
    "成都": ("锦江区", "武侯区"),
    "南京": ("玄武区", "秦淮区"),
    "苏州": ("姑苏区", "吴中区"),
    "宁波": ("海曙区", "鄞州区"),
    "广州": ("天河区", "越秀区"),
}

DOMAINS: dict[str, str] = {
    "public_safety": "平安建设",
    "dispute_resolution": "矛盾纠纷化解",
    "rule_of_law": "法治建设",
    "government_services": "政务服务",
    "digital_government": "数字政府",
    "grassroots_governance": "基层治理",
    "party_building": "党的建设",
    "ecology_environment": "生态环境",
    "urban_management": "城市管理",
    "economy_finance": "经济金融",
    "talent_employment": "人才就业",
    "public_services": "民生服务",
    "culture_civility": "文化文明",
    "market_regulation": "市场监管",
    "cross_strait": "对台交流",
}

YEARS = tuple(range(2010, 2025))

# (domain, indicator, unit, kind, low, high, department, case title)
# kind: level | up | down (a change rate, unit %) | pair_up | pair_down (from → to)
TEMPLATES: tuple[tuple[str, str, str, str, float, float, str, str], ...] = (
    ("public_safety", "电信网络诈骗刑事警情", "%", "down", 5, 40, "市公安局", "织密反诈防护网"),
    (
        "public_safety",
        "道路交通事故死亡人数",
        "%",
        "down",
        3,
        36,
        "市公安局交警支队",
        "道路交通亡人事故专项整治",
    ),
    (
        "public_safety",
        "成功劝阻高风险受害人",
        "人",
        "level",
        1000,
        250000,
        "市反诈中心",
        "织密反诈防护网",
    ),
    (
        "public_safety",
        "排查消防隐患",
        "处",
        "level",
        500,
        150000,
        "市消防救援支队",
        "打造智慧消防体系",
    ),
    (
        "dispute_resolution",
        "调解成功率",
        "%",
        "pair_up",
        40,
        99,
        "市司法局",
        "多元调解化解矛盾纠纷",
    ),
    (
        "dispute_resolution",
        "成功化解矛盾纠纷",
        "件",
        "level",
        100,
        9000,
        "市委政法委",
        "多元调解化解矛盾纠纷",
    ),
    ("dispute_resolution", "信访积案", "%", "down", 5, 60, "市信访局", "信访积案化解攻坚"),
    ("rule_of_law", "审判执行时间", "%", "down", 10, 70, "市中级人民法院", "金融司法协同"),
    (
        "rule_of_law",
        "受理金融纠纷案件",
        "件",
        "level",
        500,
        90000,
        "市中级人民法院",
        "金融司法协同",
    ),
    (
        "government_services",
        "审批服务事项办理时限",
        "天",
        "pair_down",
        1,
        30,
        "市行政审批局",
        "一件事一次办",
    ),
    (
        "government_services",
        "自助政务服务群众",
        "人次",
        "level",
        10000,
        6000000,
        "市政务服务中心",
        "政务服务就近办",
    ),
    ("government_services", "下放审批服务事项", "项", "level", 10, 300, "市委编办", "审批服务下放"),
    (
        "digital_government",
        "数据共享平台汇聚部门",
        "个",
        "level",
        10,
        80,
        "市大数据局",
        "数据共享平台建设",
    ),
    (
        "digital_government",
        "政务数据共享调用量",
        "%",
        "up",
        10,
        200,
        "市大数据局",
        "数据共享平台建设",
    ),
    (
        "grassroots_governance",
        "网格员队伍",
        "人",
        "level",
        100,
        8000,
        "市委组织部",
        "网格化服务管理",
    ),
    (
        "grassroots_governance",
        "实有人口有效采集率",
        "%",
        "pair_up",
        60,
        99.5,
        "市公安局",
        "网格化服务管理",
    ),
    ("party_building", "小区党建品牌", "个", "level", 2, 60, "市委组织部", "红色物业"),
    (
        "party_building",
        "党员志愿服务时长",
        "小时",
        "level",
        1000,
        500000,
        "市直机关工委",
        "党员进社区",
    ),
    (
        "ecology_environment",
        "城市生活垃圾年增长率",
        "%",
        "pair_down",
        0.5,
        15,
        "市市政园林局",
        "普遍推行垃圾分类",
    ),
    (
        "ecology_environment",
        "地表水达标率",
        "%",
        "pair_up",
        60,
        100,
        "市生态环境局",
        "流域综合治理",
    ),
    (
        "ecology_environment",
        "异地补植复绿面积",
        "亩",
        "level",
        100,
        20000,
        "市林业局",
        "生态修复补偿",
    ),
    ("urban_management", "不文明养犬发生率", "%", "down", 10, 60, "市城市管理局", "文明养犬治理"),
    ("urban_management", "建设停车位", "个", "level", 50, 20000, "市城市管理局", "停车难综合治理"),
    ("economy_finance", "节约财政资金", "元", "level", 1e6, 5e8, "市财政局", "预算绩效改革"),
    ("economy_finance", "融资贷款投放", "%", "up", 5, 80, "市地方金融监管局", "普惠金融服务"),
    ("talent_employment", "全市人才总量", "人", "level", 1e5, 2e6, "市委人才办", "人才强市战略"),
    ("talent_employment", "引育各类人才增长率", "%", "up", 5, 40, "市人社局", "人才强市战略"),
    ("public_services", "开通信用就医市民", "人", "level", 1000, 500000, "市医保局", "信用就医"),
    ("public_services", "就医平均等候时间", "分钟", "pair_down", 5, 120, "市卫健委", "信用就医"),
    ("culture_civility", "文明实践活动", "场", "level", 100, 30000, "市委宣传部", "新时代文明实践"),
    ("culture_civility", "志愿服务参与人次", "%", "up", 5, 90, "市文明办", "新时代文明实践"),
    ("market_regulation", "食品追溯覆盖面", "%", "level", 40, 100, "市市场监管局", "食品安全追溯"),
    ("market_regulation", "食安群众满意度", "%", "pair_up", 50, 98, "市市场监管局", "食品安全追溯"),
    ("market_regulation", "食品安全投诉量", "%", "down", 5, 50, "市市场监管局", "食品安全追溯"),
    (
        "cross_strait",
        "吸引两岸研学生",
        "人次",
        "level",
        1000,
        200000,
        "市委台港澳办",
        "闽台研学旅行基地",
    ),
    ("cross_strait", "台胞台企服务事项", "项", "level", 10, 200, "市委台港澳办", "台胞台企服务"),
)

_RISE = ("增长", "提升", "增加", "上升")
_FALL = ("下降", "减少", "缩减", "压缩")


def synthetic_table(n_rows: int, seed: int = 0) -> pd.DataFrame:
    """`n_rows` schema-conforming indicator rows over 10 cities, 15 domains and 15 years.

    About a tenth of the rows are baseline/current pairs (two rows sharing `pair_id` and the
    sentence, e.g. "调解成功率从64.5%提升至91.7%"); the rest are levels and change rates.
    """
    rng = np.random.default_rng(seed)
    if n_rows <= 0:
        return conform(pd.DataFrame())
    t = pd.DataFrame(
        TEMPLATES,
        columns=["domain", "indicator", "unit", "kind", "low", "high", "department", "case"],
    )
    tpl = rng.integers(0, len(t), n_rows)
    kind = t["kind"].to_numpy()[tpl]
    # a pair template makes two consecutive rows: baseline then current
    is_pair = np.char.startswith(kind.astype(str), "pair")
    first = is_pair & (np.arange(n_rows) % 2 == 0) & (np.arange(n_rows) + 1 < n_rows)
    second = np.zeros(n_rows, dtype=bool)
    second[1:] = first[:-1]
    tpl[second] = tpl[np.flatnonzero(second) - 1]
    kind = t["kind"].to_numpy()[tpl]
    lone_pair = np.char.startswith(kind.astype(str), "pair") & ~first & ~second
    kind = np.where(lone_pair, "level", kind)
    # a template's usual way is the better one: 诈骗警情 falls, 满意度 rises (levels: neither known)
    polarity = np.select(
        [np.isin(kind, ["down", "pair_down"]), np.isin(kind, ["up", "pair_up"])],
        ["lower_better", "higher_better"],
        "",
    )
    # some change rates go the unwelcome way (诈骗警情同比上升), as real reports also admit
    against = np.isin(kind, ["up", "down"]) & (rng.random(n_rows) < 0.15)
    kind = np.where(against, np.where(kind == "up", "down", "up"), kind)

    city_names = list(CITIES)
    city = rng.integers(0, len(city_names), n_rows)
    year = rng.integers(YEARS[0], YEARS[-1] + 1, n_rows)
    for arr in (city, year):
        arr[second] = arr[np.flatnonzero(second) - 1]
    district_pick = rng.random(n_rows)
    districts = np.array(
        [
            CITIES[city_names[c]][int(p * len(CITIES[city_names[c]]))]
            for c, p in zip(city, district_pick, strict=True)
        ]
    )
    no_district = rng.random(n_rows) < 0.3
    city_arr = np.array(city_names)[city]

    low, high = t["low"].to_numpy()[tpl], t["high"].to_numpy()[tpl]
    value = low + (high - low) * rng.random(n_rows)
    down_pair = kind == "pair_down"
    # baseline worse than current: for pair_up the baseline is lower, for pair_down higher
    base_idx = np.flatnonzero(first)
    cur_idx = base_idx + 1
    a, b = value[base_idx], value[cur_idx]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    hi = np.where(
        hi - lo < (high[base_idx] - low[base_idx]) * 0.1,
        np.minimum(lo * 1.3 + 1, high[base_idx]),
        hi,
    )
    value[base_idx] = np.where(down_pair[base_idx], hi, lo)
    value[cur_idx] = np.where(down_pair[cur_idx], lo, hi)
    unit = t["unit"].to_numpy()[tpl]
    value = np.where((kind == "down") & (value > 90), value * 0.45, value)  # no fall beyond 100 %
    value = _as_reported(value, unit)

    role = np.select(
        [kind == "level", np.isin(kind, ["up", "down"]), first, second],
        ["level", "change", "baseline", "current"],
        "level",
    )
    direction = np.select(
        [
            kind == "up",
            kind == "down",
            second & (kind == "pair_up"),
            second & (kind == "pair_down"),
        ],
        ["up", "down", "up", "down"],
        "",
    )
    level_trend = rng.random(n_rows)
    direction = np.where((kind == "level") & (level_trend < 0.15), "up", direction)
    judged = (direction != "") & (polarity != "")
    improving = pd.array(
        np.where(judged, (direction == "up") == (polarity == "higher_better"), None),
        dtype="boolean",
    )

    surface = [_surface(v, u) for v, u in zip(value.tolist(), unit.tolist(), strict=True)]
    indicator = t["indicator"].to_numpy()[tpl]
    where = np.where(no_district, city_arr + "市", districts)
    verb_up = np.array(_RISE)[rng.integers(0, len(_RISE), n_rows)]
    verb_down = np.array(_FALL)[rng.integers(0, len(_FALL), n_rows)]
    year_s = year.astype(str)
    prefix = np.where(
        role == "change",
        year_s
        + "年，"
        + where
        + indicator
        + "同比"
        + np.where(direction == "up", verb_up, verb_down),
        np.where(
            role == "level",
            year_s + "年，" + where + np.where(direction == "up", "累计", "共") + indicator,
            "",
        ),
    )
    surf = np.array(surface, dtype=object)
    sentence = (prefix + surf.astype(str) + "。").astype(object)
    # a pair's sentence names both numbers: "…从64.5%提升至91.7%。"
    pair_verb = np.where(
        kind[base_idx] == "pair_down",
        np.where(np.isin(unit[base_idx], ["天", "小时", "分钟"]), "缩短至", "降至"),
        "提升至",
    )
    pair_sentence = (
        year_s[base_idx]
        + "年，"
        + where[base_idx]
        + indicator[base_idx]
        + "从"
        + surf[base_idx].astype(str)
        + pair_verb
        + surf[cur_idx].astype(str)
        + "。"
    )
    sentence[base_idx] = pair_sentence
    sentence[cur_idx] = pair_sentence
    prefix_len = np.char.str_len(prefix.astype(str))
    base_prefix = (
        np.char.str_len(
            (year_s[base_idx] + "年，" + where[base_idx] + indicator[base_idx]).astype(str)
        )
        + 1
    )
    prefix_len[base_idx] = base_prefix
    prefix_len[cur_idx] = (
        base_prefix + np.char.str_len(surf[base_idx].astype(str)) + np.char.str_len(pair_verb)
    )
    surf_len = np.char.str_len(surf.astype(str))
    doc_no = city * len(YEARS) + (year - YEARS[0])
    sentence_at = rng.integers(0, 20000, n_rows) * 10
    sentence_at[cur_idx] = sentence_at[base_idx]
    start = sentence_at + prefix_len

    pair_id = np.full(n_rows, None, dtype=object)
    pair_id[base_idx] = np.char.add("p", np.arange(len(base_idx)).astype(str))
    pair_id[cur_idx] = pair_id[base_idx]

    domain = t["domain"].to_numpy()[tpl]
    case_title = t["case"].to_numpy()[tpl]
    case_id = np.char.add(
        np.char.add(
            np.array([f"syn{d:03d}" for d in range(len(CITIES) * len(YEARS))])[doc_no], "#"
        ),
        tpl.astype(str),
    )
    df = pd.DataFrame(
        {
            "id": np.char.add("syn-", np.arange(n_rows).astype(str)),
            "doc": np.char.add(
                np.array([f"syn{d:03d}.txt" for d in range(len(CITIES) * len(YEARS))])[doc_no], ""
            ),
            "start": start,
            "end": start + surf_len,
            "surface": surf,
            "value": value,
            "value_low": np.nan,
            "unit": unit,
            "unit_canonical": np.where(unit == "%", "percent", "count"),
            "qualifier": np.where(rng.random(n_rows) < 0.1, "over", None),
            "direction": np.where(direction == "", None, direction),
            "role": role,
            "comparison": np.where(
                role == "change",
                "yoy",
                np.where(np.isin(role, ["baseline", "current"]), "vs_baseline", None),
            ),
            "pair_id": pair_id,
            "year": year,
            "indicator": indicator,
            "polarity": np.where(polarity == "", None, polarity),
            "improving": improving,
            "sentence": sentence,
            "city": city_arr,
            "district": np.where(no_district, None, districts),
            "department": t["department"].to_numpy()[tpl],
            "case_id": case_id,
            "case_no": tpl.astype(str),
            "case_title": case_title,
            "domain": domain,
            "domain_label": np.vectorize(DOMAINS.get)(domain),
            "domain_alt": None,
            "domain_evidence": None,
            "year_source": "clause",
            "published": np.char.add((year + 1).astype(str), "-03-01"),
        }
    )
    return conform(df)


def _as_reported(value: np.ndarray, unit: np.ndarray) -> np.ndarray:
    """Round as a report does: percentages to 2 decimals, counts to 4 significant digits."""
    magnitude = np.floor(np.log10(np.maximum(value, 1)))
    step = 10.0 ** np.maximum(magnitude - 3, 0)
    return np.where(unit == "%", np.round(value, 2), np.round(value / step) * step)


def _surface(value: float, unit: str) -> str:
    """The text of a number as a reform report writes it: 3162件, 8.8万人, 3.5亿元, 24.96%."""
    if unit != "%" and value >= 1e8:
        return f"{value / 1e8:.4g}亿{unit}"
    if unit != "%" and value >= 1e4:
        return f"{value / 1e4:.4g}万{unit}"
    return f"{value:g}{unit}"
