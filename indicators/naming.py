"""A short Chinese name for what each mention measures, from the words around it."""

from __future__ import annotations

import re
from functools import cache

from indicators.filters import DATE_RE
from indicators.meaning.labels import (
    COMPARED,
    THERE_ARE,
    after_last_number,
    counted_thing,
    done_share,
    fit,
    has_verb,
    is_noun_phrase,
    places_acting,
    predicate_phrase,
    rate_after,
    share_of_class,
    subject_did,
    tidy_name,
    trim_lead,
    verb_tags,
    whole_words,
)
from indicators.meaning.segment import document_cache, tag
from indicators.vocabulary import alternation, load_yaml

MAX_NAME = 20  # a name read from its clause; names built from parts are fitted to 16
SINCE = r"[0-9一二两三四五六七八九十几数近多]+\s*(?:个)?年(?:以)?来"  # 三年来, 近5年来: a period, not a name
# "矛盾纠纷化解率从未建立时的45%提升到98%": the time a from→to pair starts at is no part of the name
FROM_WHEN = r"(?<=[率量数额比度值例重])从[\u4e00-\u9fff]{1,8}?(?:时|前|之前|以前|之初)的?"
FROM_WHEN_ENDS = "时前初"  # the characters FROM_WHEN can end with (的 aside)
SHORT_PAREN = re.compile(r"\([^()\n]{1,4}\)")
# 村(社区), 镇(街道) right after a count: the gloss is no stop
GLOSSED = re.compile(r"^(\s*[\u4e00-\u9fff]{1,2})\([^()\n]{1,4}\)")
NUMBER_PAREN = re.compile(
    r"\([^()\n]{0,22}[0-9][^()\n]{0,22}\)"
)  # "前6年(2011-2016年)下降": a period
# a quoted list right before the number ("打造“永葆初心、…、红色先锋”四大品牌", "“A”“B”两大平台");
# one quoted term is the thing counted and stays ("累计命名“金牌调解员”150名")
QUOTED_ITEMS = re.compile(
    r"(?:[“\"][^”\"\n]{1,60}[、,;][^”\"\n]{0,60}[”\"]|(?:[“\"][^”\"\n]{1,30}[”\"]){2,})\s*$"
)
QUOTED_TERM = re.compile(r"[“\"][^”\"\n]{1,30}[”\"]\s*$")
CHINESE_DIGITS = "一二两三四五六七八九十"
ITEM_UNITS = frozenset({"大", "种", "类", "项", "条"})  # 三种, 四大: the items are named before
# a gap between two Chinese characters; it opens with its space (the engine skips to one in C) and
# looks back from there: the same matches as (?<=[\u4e00-\u9fff])[ \t\u3000]+(?=…)
HEADING_GAP = re.compile(r"[ \t\u3000](?<=[\u4e00-\u9fff].)[ \t\u3000]*(?=[\u4e00-\u9fff])")
# quoted examples before 等: “红心管家”等, “月月十五查餐厅”“十佳食安卫士评选”等
QUOTED_EXAMPLES = re.compile(r"(?:[“‘\"][^”’\"\n]{1,24}[”’\"][、和及]?)+等")
_STOP = re.compile(r"[,。;:!?、()\[\]\n…]")  # quotes stay: names are often quoted
DIGIT = re.compile(r"[0-9]")  # compiled once: re.split(r"…") looks its pattern up per call
CLAUSE_MARKS = re.compile(r"[,;:]")


WORD_WINDOW = 4  # characters each side of a space looked at to see whether a word spans it


def join_split_words(text: str) -> str:
    """Spaces that fall inside a word go ("工业增 加值" -> "工业增加值", "综 合" -> "综合"); a space
    between words (a heading before its text: "部门办理 二季度热线") stays."""
    for gap in reversed(list(HEADING_GAP.finditer(text))):
        before = text[max(0, gap.start() - WORD_WINDOW) : gap.start()]
        after = text[gap.end() : gap.end() + WORD_WINDOW]
        at = 0
        for word, _ in tag(before + after):
            if at < len(before) < at + len(word):  # a word across the space
                text = text[: gap.start()] + text[gap.end() :]
                break
            at += len(word)
    return text


@cache
def _trimmers() -> tuple[re.Pattern, re.Pattern]:
    words = load_yaml("indicator_names.yaml")
    keep = r"(?!" + alternation(words["keep"]) + r")"
    return (
        re.compile(
            r"^(?:" + keep + r"(?:" + alternation(words["lead"]) + r")|\s+|" + SINCE + r")+"
        ),
        re.compile(r"(?:" + _trail_words(words) + r"|\s+|[0-9]+\s*年的?|" + FROM_WHEN + r")+$"),
    )


def _trail_words(words: dict) -> str:
    """The trail alternation; a trail word that ends a measure of its own stays after that
    measure's head ("平均低保标准提高31.5%": 低保标准 is the amount, not a standard set)."""
    kept = words.get("trail_kept", {})
    plain = [w for w in words["trail"] if w not in kept]
    guarded = [
        "".join(f"(?<!{re.escape(head)})" for head in heads) + re.escape(word)
        for word, heads in kept.items()
    ]
    return "|".join([alternation(plain), *guarded])


@cache
def _trail_ends() -> frozenset[str]:
    """The characters a trail match can end with: a trail word's last, 年 or 的 of a year, a
    space (\\s and str.isspace are the same Unicode test). `$` also matches before a final "\\n",
    itself a space. A text ending otherwise has no trail: the pattern, anchored at the end, need not
    be tried at each of its positions."""
    words = load_yaml("indicator_names.yaml")
    lasts = {w[-1] for w in [*words["trail"], *words.get("trail_kept", {})] if w}
    return frozenset(lasts | {"年", "的"} | set(FROM_WHEN_ENDS))


@document_cache  # a third of a document's fragments are cleaned again (each name's left and right)
def clean_fragment(text: str) -> str:
    """Drop function words at both ends: "全市共有" -> "", "调解成功率" -> "调解成功率"."""
    lead, trail = _trimmers()
    ends = _trail_ends()
    prev = None
    while prev != text:
        prev = text
        text = lead.sub("", text)
        last = text[-1:]
        if last in ends or last.isspace():
            text = trail.sub("", text)
    return text.strip()


SIGNS = "-−－+＋"


def without_dates(text: str) -> str:
    """`text` without its dates (DATE_RE); a date opens with an ASCII digit, so a text with none
    is not scanned: "2021年1-10月同比下降" -> "同比下降"."""
    return DATE_RE.sub("", text) if DIGIT.search(text) else text


def right_context(norm: str, end: int) -> str:
    """The words after a number up to the next stop or number: "个小车停车位和46个" -> "个小车停车位和"."""
    right = norm[end : end + 30]
    if "(" in right[:4]:
        right = GLOSSED.sub(r"\1", right)  # "94个村(社区)全部推行": a gloss
    right = right[:24]
    cut = _STOP.search(right)
    right = right[: cut.start()] if cut else right
    return DIGIT.split(right, maxsplit=1)[0].rstrip(SIGNS)  # "和-0.6%": the next number's sign


def thing_after(norm: str, m) -> str:
    """The thing a count counts, from the words right after it ("46个大车停车位" -> "大车停车位")."""
    return counted_thing(without_dates(right_context(norm, m.end)), m.unit_kind, m.unit)


def clause_before(norm: str, sentence_start: int, start: int) -> str:
    """A name from the clause before, for a number whose own clause names nothing:
    "受理群众和企业诉求3万件,较上月下降1.52%" -> "受理群众和企业诉求"."""
    clauses = [c for c in CLAUSE_MARKS.split(norm[sentence_start:start])[:-1] if c.strip()]
    if not clauses:
        return ""
    clause = without_dates(DIGIT.split(clauses[-1], maxsplit=1)[0])
    head = COMPARED.split(clause, maxsplit=1)[0]  # "…发案数同比全部下降": the subject before 同比
    clause = head if len(head) >= 2 else clause
    return fit(after_last_number(whole_words(clause, clean_fragment(clause))))


def indicator_name(
    norm: str,
    left_from: int,
    start: int,
    end: int,
    unit: str,
    left_only: bool = False,
    unit_kind: str = "",
) -> str:
    """Name what the number at [start, end) measures.

    "电信网络诈骗刑事警情同比逆势下降24.96%" -> "电信网络诈骗刑事警情";
    "成功化解各类矛盾纠纷3162件" -> "成功化解各类矛盾纠纷"; "设置122个课程" -> "设置课程".
    """
    left_from = class_start(norm, left_from, start)
    # "示范镇(街道)100个": a short gloss in brackets is not a stop
    left = norm[left_from:start].removesuffix("(")  # 岳阳县(4383件): the name stands before
    if "(" in left:  # (the regexes below only ever match where their first character stands)
        left = SHORT_PAREN.sub("", NUMBER_PAREN.sub("", left))
    left = HEADING_GAP.split(join_split_words(left))[-1]  # "部门办理 二季度热线…": a heading
    # quoted examples and items go before the stops are looked for: the 、 inside them is no stop
    if "等" in left:
        left = QUOTED_EXAMPLES.sub("", left)  # "组建“红心管家”等149支服务队": the examples go
    if "“" in left or '"' in left:
        left = QUOTED_ITEMS.sub(
            "", left
        )  # "打造“永葆初心、…、红色先锋”四大品牌": the items' names go
    stops = list(_STOP.finditer(left))
    if stops:
        left = left[stops[-1].end() :]
    clause = _clause_before(norm, start)
    right = right_context(norm, end)
    left, right = without_dates(left), without_dates(right)  # "2021年1-10月同比下降…"
    if norm[start : start + 1] in CHINESE_DIGITS and unit in ITEM_UNITS:  # "“确权确利不确地”三种…"
        left = QUOTED_TERM.sub("", left)
    # "组建应急保障组等五个调解攻坚小组": examples, then the name
    examples = left.rstrip().endswith("等")
    thing = "" if left_only else counted_thing(right, unit_kind, unit)
    left = after_last_number(whole_words(left, clean_fragment(left)))
    # what the things' own measure did keeps its verb ("市县的刑事案件立案数下降"); the rest is read
    # as cleaned ("村庄征迁仅用" -> 村庄征迁)
    said_after = right if OWNED.match(right) else ""
    # a percentage of what stands after it: "实现97.26%的按时办结率", "65%的火灾事故发生在城中村"
    of_after = (
        ""
        if unit not in ("%", "ratio") or left_only
        else rate_after(right) or share_of_class(right) or done_share(left, right)
    )  # a fraction too: "全县五分之四的村建立了…"
    right = clean_fragment(right.lstrip("的"))
    if examples and right and not left_only:
        name = verb_before_examples(norm, start) + right  # "保障投洽会、…等40场重大会展活动"
    elif of_after:
        name = of_after
    elif left_only or unit in ("%", "pp", "ratio", "倍") or not right:
        name = left or right
    elif thing and (per := PER_HEAD.search(clause)):
        name = per.group(0).strip() + thing  # "每10户配备1只生活垃圾收集桶": a standard per head
    elif thing:
        lead = predicate_phrase(left)
        did = "" if places_acting(thing) else subject_did(clause, left, said_after or right, thing)
        name = thing if places_acting(thing) and not has_verb(lead) else did or lead + thing
    elif right.lstrip().startswith(NEXT_MEASURE):
        name = left or right  # "投诉3751件 占比 82.13%": the share is the next number's
    elif len(left) <= 2 or left.endswith(("有", "为")):
        name = right if not left else left + right
    else:
        name = left + right[:6] if len(left) <= 6 else left
    if name in _fillers():
        return ""
    return fit(tidy_name(name), MAX_NAME)


CLAUSE_START = re.compile(
    r"[,。;:!?\n]"
)  # a clause's bounds (、 inside a list of examples is none)


def verb_before_examples(norm: str, start: int) -> str:
    """The verb that opens the clause of examples before a count: "已成功保障投洽会、海峡论坛等"
    -> "保障"; "" when the clause opens with no verb ("其中扫黑除恶、反诈宣传等")."""
    back = norm[max(0, start - CLAUSE_BACK) : start]
    stops = list(CLAUSE_START.finditer(back))
    tokens = trim_lead(tag(back[stops[-1].end() :] if stops else back))
    if len(tokens) < 2 or tokens[0][1] not in verb_tags() or not is_noun_phrase(tokens[1][0]):
        return ""  # "扫黑|除恶、反诈宣传等": the first example, no verb of the clause
    if tokens[0][0] in THERE_ARE or len(tokens[0][0]) < 2:
        return ""  # "有A、B等9个单位": there are, no action; a lone character is no clear verb
    return tokens[0][0]


# 每5万人建设, 每10户配备, 每个村设立: a standard of so many things per head, right before the count
PER_HEAD = re.compile(
    r"每[0-9.万千百一二两三四五六七八九十个—-]{1,12}[\u4e00-\u9fff]{0,3}?(?:配备|配置|建设|设置|设立|建成|配|建|设)\s*$"
)
NEXT_MEASURE = ("占", "比重")  # words after a count that measure the next number, not this one
OWNED = re.compile(r"^[^的]{1,8}的")  # 46个市县的…: what of theirs
CLAUSE_BACK = 40  # how far back a number's own clause is read
CLAUSE_STOP = re.compile(r"[,。;:!?、\n…]")  # a gloss's brackets stay inside


def _clause_before(norm: str, start: int) -> str:
    """The number's clause up to it: "每季度对11个镇（街道）和" for the 32个 that follows."""
    back = norm[max(0, start - CLAUSE_BACK) : start]
    stops = list(CLAUSE_STOP.finditer(back))
    return back[stops[-1].end() :] if stops else back


CLASS_NOUN = 6  # the longest noun a class bound governs ("10亿元以上项目")
CLASS_BOUND = ("以上", "以下", "以内", "%")
BOUND_AFTER = re.compile(r"^\s*(?:及|或)?(?:以上|以下|以内)的?")


def class_start(norm: str, left_from: int, start: int) -> int:
    """Where the name of a class bounded by the number before starts: the number's own clause.

    "按时办结率达到100%的单位有17家": 17家 names "按时办结率达到100%的单位", not "单位";
    "其中10亿元以上项目96个": "10亿元以上项目". Only right after a bound (以上/以下/以内/%) or
    before 的, and before a short noun; anything else keeps `left_from`.
    """
    gap = norm[left_from:start]
    bound = BOUND_AFTER.match(gap)  # "2日及以上单位20家": the bound is no part of the last number
    bounded = norm[max(0, left_from - 3) : left_from].endswith(CLASS_BOUND) or gap[:1] == "的"
    bounded, gap = bounded or bool(bound), gap[bound.end() :] if bound else gap
    noun = gap.rstrip("有为达到是").removeprefix("的")
    if not bounded or len(noun) > CLASS_NOUN or not is_noun_phrase(noun):
        return left_from
    back = norm[max(0, left_from - NAME_BACK) : left_from]
    stops = list(_STOP.finditer(back))
    return left_from - len(back) + (stops[-1].end() if stops else 0)


NAME_BACK = 30  # how far back the clause of a class name is read


@cache
def _fillers() -> frozenset[str]:
    return frozenset(load_yaml("indicator_names.yaml")["fillers"])
