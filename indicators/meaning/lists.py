"""Names inside lists, the genre's commonest shape: items under one head, shares of the item before.

"12345热线受理诉求71200件,其中投诉29486件、求助20780件" -> 投诉类诉求, 求助类诉求;
"工单办理数排在前五位的是:岳阳县(4383件)、岳阳楼区(4048件)" -> 岳阳县工单办理数, 岳阳楼区工单办理数;
"反映问题类件,占比79.62%" -> 反映问题类诉求占比.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import NamedTuple

from indicators.meaning.labels import is_noun_phrase, naming_words
from indicators.meaning.segment import MEASURE_ENDS
from indicators.normalize import last_of
from indicators.vocabulary import alternation, load_yaml

MAX_ITEM = 8  # an item name longer than this is a phrase of its own, not a category
MAX_HEAD = 10  # the longest head of a list after a colon ("工单办理数排在前五位的是:")


@cache
def _vocab() -> dict:
    return load_yaml("list_names.yaml")


class _Patterns(NamedTuple):
    heads: re.Pattern  # a category head anywhere
    opener: re.Pattern  # an opener ending the text ("…,其中,")
    openers: re.Pattern  # an opener anywhere
    colon_tail: re.Pattern  # "排在前五位的是:" ending the text
    head_end: re.Pattern  # a category head ending the text ("…群众来电诉求")


@cache
def _patterns() -> _Patterns:
    v = _vocab()
    openers = alternation(v["list_openers"])
    return _Patterns(
        heads=re.compile(alternation(v["category_heads"])),
        head_end=re.compile("(?:" + alternation(v["category_heads"]) + ")$"),
        opener=re.compile(r"(?:" + openers + r")[,:]?\s*$"),
        openers=re.compile(openers),
        colon_tail=re.compile(
            r"(?:" + v["colon_rank_tail"] + "|" + alternation(v["colon_head_tails"]) + r")?\s*:\s*$"
        ),
    )


def category_heads() -> list[str]:
    """The things a list of categories divides (list_names.yaml category_heads: 诉求, 工单 …)."""
    return _vocab()["category_heads"]


def category_head(before: str) -> str:
    """The thing a list of categories divides, from the text before the list: the last of the
    category heads ("…受理市民诉求71200件,其中" -> "诉求"); "" when there is none."""
    found = list(_patterns().heads.finditer(before))
    return found[-1].group(0) if found else ""


def category_name(item: str, head: str) -> str:
    """ "投诉" + "诉求" -> "投诉类诉求"; "反映问题类件" + "诉求" -> "反映问题类诉求"; "物业管理类" -> "物业管理类诉求";
    an action is no category: "被评选" stays; an item that names its own category's things
    ("求助类事项") keeps them."""
    if not item or not head or head in item or len(item) > MAX_ITEM:
        return item
    if item in _vocab()["generic_things"]:
        return item  # "受理诉求6120件,其中工单3210件": the work orders, no category of requests
    if is_action(item):
        return item  # 接听电话: an action
    if any(item.endswith("类" + h) for h in _vocab()["category_heads"]):
        return item
    other = item in _vocab()["other_items"]
    if not other and not re.search(r"类件?$", item) and not is_noun_phrase(item):
        return item
    item = re.sub(r"类?件$", "", item)
    return f"{item}类{head}" if not item.endswith("类") else f"{item}{head}"


LIST_NUMBER = re.compile(
    r"^\s*(?:[0-9]+[.、]|[(（][一二三四五六七八九十0-9]+[)）]|[一二三四五六七八九十]+、)"
)


def colon_head(sentence_head: str) -> str:
    """The head of a list after a colon: "各县市区中工单办理数排在前五位的是:" -> "工单办理数"."""
    m = _patterns().colon_tail.search(sentence_head)
    if not m:
        return ""
    head = sentence_head[: m.start()]
    head = LIST_NUMBER.sub("", re.split(r"[,;。]", head)[-1])  # "2.办件量位于前三的…:"
    ranked = m.group(0).strip().rstrip(":").strip()  # a ranking's words before the colon
    if not ranked and not head.endswith(tuple(MEASURE_ENDS)):
        return ""  # "1.基本数据:" heads a section, not a list of values of one measure
    for lead in sorted(_vocab()["colon_head_leads"], key=len, reverse=True):
        if head.startswith(lead):
            head = head[len(lead) :]
            break
    if len(head) > MAX_HEAD and ranked:  # "二季度12345热线市直单位办理数排在…": the head is the end
        from indicators.meaning.labels import fit  # noqa: PLC0415

        head = fit(head, MAX_HEAD)
    return head if 2 <= len(head) <= MAX_HEAD else ""


def is_list_item(gap: str) -> bool:
    """The text between two numbers makes the second an item of the same list: "件、求助"."""
    return bool(re.match(r"^[^,;。:]{0,3}?[)）]?\s*[、;]", gap)) or gap.lstrip().startswith("、")


def opens_list(before: str) -> bool:
    """ "…71200件,其中," / "主要涉及" / "分别为": what follows is a list of parts."""
    return bool(_patterns().opener.search(before))


def is_bare_share(name: str) -> bool:
    """A name that only says "share" ("占比", "比重"): the share of what comes just before."""
    return name in _vocab()["share_words"]


def is_share_gap(gap: str) -> bool:
    """Whether the words between a count and the next number only say "a share of it": ",占",
    ",约占" ("咨询类诉求124599件,占63.72%": the share of the count's thing)."""
    return gap.strip(" ,;、") in naming_words().get("share_leads", ())


def _head_before(norm: str, upto: int) -> str:
    """The category head in the 150 characters before a list's opener (the sentence before counts:
    "受理诉求3万件。主要涉及物业管理390件、…")."""
    return category_head(norm[max(0, upto - 150) : upto])


def _opener_at(before: str) -> int:
    """Where the list opener that governs `before`'s end stands, or -1."""
    found = [m.start() for m in _patterns().openers.finditer(before)]
    return found[-1] if found else -1


CATEGORY_KINDS = frozenset({"count", ""})  # a category of the head is counted: 投诉29486件


def is_category_count(name: str, unit_kind: str) -> bool:
    """Only a count (or a share of an explicit category, "咨询类占77.18%") is an item of a list of
    categories: "涉及金额46.8亿元" and "其中出口增长6.8%" name an amount and a change, not a
    category of what the sentence counted."""
    return unit_kind in CATEGORY_KINDS or (unit_kind == "percent" and name.endswith("类"))


def name_in_list(
    norm: str,
    sentence_start: int,
    name_start: int,
    name: str,
    listed: bool,
    unit_kind: str = "",
) -> tuple[str, str]:
    """The name of an item of a list, and the name its identity is made from (the list's head
    when the items are places or units), or (`name`, `name`) when the mention is not in a list.

    "其中,投诉29486件" (after "受理市民诉求…") -> ("投诉类诉求", "投诉类诉求");
    "工单办理数排在前五位的是:岳阳县(4383件)" -> ("岳阳县工单办理数", "工单办理数");
    "涉及金额46.8亿元" (money) stays "金额".
    """
    if not is_category_count(name, unit_kind):
        return name, name
    inner = list(_patterns().openers.finditer(name))
    if (  # "群众来电诉求主要集中在农林畜牧水利1590件": the item after the list's head and opener
        inner
        and inner[-1].end() < len(name)
        and norm.startswith(name, name_start)
        and _patterns().head_end.search(name[: inner[-1].start()])
    ):
        name_start, name = name_start + inner[-1].end(), name[inner[-1].end() :]
    before = norm[sentence_start:name_start]
    line = before if ":" in before else norm[_line_start(norm, sentence_start) : name_start]
    classified = _classified_item(line, name)
    if classified:  # "问题分类为:城市管理1301件、劳动保障1281件" -> 城市管理类问题, 劳动保障类问题
        return classified, classified
    at = _opener_at(before) if (listed or opens_list(before)) else -1
    if at >= 0:
        head = _head_before(norm, sentence_start + at)
        if head and name.endswith(tuple(_vocab()["unit_suffixes"])) and len(name) <= MAX_ITEM + 4:
            return name + head, head  # "其中,谯城区政府44件": one indicator, by unit
        named = category_name(name, head)
        return named, named
    if ":" not in before:  # "…部门:住建局99件;公安局77件": the ; items keep the colon head
        before = norm[_line_start(norm, sentence_start) : name_start]
    colon = colon_head(before[: before.rfind(":") + 1]) if ":" in before else ""
    things = [m.group(0) for m in _patterns().heads.finditer(colon)]
    if things and name.endswith(CLASS_END) and len(name) <= MAX_ITEM:
        named = category_name(name, things[-1])  # "反映事项…前10位的是:三农类8308件" -> 三农类事项
        return named, named
    unit = name.endswith(tuple(_vocab()["unit_suffixes"])) or is_noun_phrase(name)
    if colon and name and colon not in name and len(name) <= MAX_ITEM and unit:
        return name + colon, colon  # one indicator, by place or unit (not "受理各类来电")
    head = list_head(before) if name.endswith(CLASS_END) and len(name) <= MAX_ITEM else ""
    if head:  # "工单分类:求决类1878件": a bare category of the things its sentence names
        named = category_name(name, head)
        return named, named
    head = heading_head(norm, sentence_start) if not before.strip() else ""
    named = category_name(name, head) if head and len(name) <= SHORT_CATEGORY else name
    return named, named


def _classified_item(before: str, item: str) -> str:
    """An item of a list after a head that classifies ("问题分类为:"), named as a category of the
    head's things (城市管理类问题), or ""."""
    if ":" not in before or not item or len(item) > MAX_ITEM or is_action(item):
        return ""
    colon = colon_head(before[: before.rfind(":") + 1])
    found = BREAKDOWN_END.search(colon)
    if not found:
        return ""
    things = [m.group(0) for m in _patterns().heads.finditer(colon)]
    thing = things[-1] if things else colon[: found.start()] or "诉求"
    return item + ("" if item.endswith(CLASS_END) else CLASS_END) + thing


def is_action(item: str) -> bool:
    """ "接听电话", "受理诉求": what a hotline does, never a category (list_names.yaml actions)."""
    return item.startswith(tuple(_vocab()["actions"]))


BREAKDOWN_END = re.compile(
    r"(?:按类别|按类型)?(?:分类|类别|类型|分布)(?:情况)?$"
)  # a head that classifies
SHORT_CATEGORY = 4  # "投诉", "表扬", "其他": a line's bare item under a heading of categories
KINDS_HEADING = re.compile(r"分类|类型|类别|种类")
ITEM_LINE = re.compile(r"[0-9]")
SECTION_MARK = re.compile(
    r"\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)"
)  # (二), 三、
LINES_BACK = 12  # how many item lines a heading of categories governs


def heading_head(norm: str, line_start: int) -> str:
    """The thing a heading of categories divides, for a line of the list under it:
    "(一)诉求分类情况" above "投诉3751件 占比 82.13%" (and the lines of items between) -> 诉求."""
    at = line_start if line_start == 0 or norm[line_start - 1] == "\n" else -1
    for _ in range(LINES_BACK):
        if at <= 0:
            return ""
        start = norm.rfind("\n", 0, at - 1) + 1
        line = norm[start : at - 1]
        if SECTION_MARK.match(line) or not ITEM_LINE.search(line):
            return category_head(line) if KINDS_HEADING.search(line) else ""
        at = start
    return ""


CLASS_END = "类"
FIRST_CATEGORY = re.compile(r"[\u4e00-\u9fff]类(?![型别])")  # not 诉求类型


def list_head(before: str) -> str:
    """The thing a sentence's categories divide, named before its first one: "工单分类:求决类…"
    -> 工单, "从诉求类型看,咨询类…" -> 诉求; "其中,咨询类诉求…;举报类" -> "" (only items before)."""
    first = FIRST_CATEGORY.search(before)
    return category_head(before[: first.start()] if first else before)


def _line_start(norm: str, sentence_start: int) -> int:
    """Where the full sentence (to its 。!? or line) of a ;-delimited sentence begins."""
    return last_of(norm, "。!?\n", sentence_start) + 1


def share_of(norm: str, sentence_start: int, start: int, prev_name: str) -> str:
    """The name of a bare share: the item named just before it, plus 占比.

    "投诉29486件,占比41%" -> "投诉…占比"; "反映问题类件,占比79.62%" (after 诉求) -> "反映问题类诉求占比".
    """
    if prev_name:
        return prev_name + "占比"
    clauses = [c for c in re.split(r"[,;]", norm[sentence_start:start]) if c.strip()]
    item = clauses[-2].strip() if len(clauses) >= 2 else ""
    opener = _patterns().openers.match(item)
    item = item[opener.end() :] if opener else item
    item = re.sub(r"^从[^,]{0,12}来看", "", item)
    if not item or len(item) > 12:
        return "占比"
    return category_name(item, _head_before(norm, sentence_start)) + "占比"


@cache
def _split_pairs() -> dict[str, list[str]]:
    from indicators.meaning.labels import naming_words  # noqa: PLC0415

    return naming_words().get("split_pairs", {})


def split_joined_names(rows: list[dict], name_keys: tuple[str, ...]) -> None:
    """Two values given "分别" for a name that joins two indicators take one each, in order:
    "城乡居民人均可支配收入分别增长5%和7.5%" -> 城镇居民人均可支配收入 (5%), 农村… (7.5%).
    `name_keys` are the row fields holding names; rows are changed in place."""
    pairs = _split_pairs()
    i = 0
    while i + 1 < len(rows):
        a, b = rows[i], rows[i + 1]
        sentence = a.get("sentence") or ""
        if "分别" not in sentence:
            i += 1
            continue
        name = a.get(name_keys[0]) or ""
        joined = next((w for w in pairs if w in name), "")
        same = b.get(name_keys[0]) == name and b.get("sentence") == sentence
        if not (joined and same):
            i += 1
            continue
        first, second = pairs[joined]
        for key in name_keys:
            a[key] = (a.get(key) or "").replace(joined, first, 1)
            b[key] = (b.get(key) or "").replace(joined, second, 1)
        i += 2


def row_runs(rows: list[dict], *fields: str):
    """(first, last) of each run of consecutive rows in one sentence that also agree on `fields`:
    the groups of values a "分别" gives out, in order."""
    names = ("sentence", *fields)
    i = 0
    while i < len(rows):
        j = _run_end(rows, i, names)
        yield i, j
        i = j + 1


RESPECTIVELY = "分别"  # the word the values of a list given one item each are said with


def row_runs_saying(rows: list[dict], word: str, key: str, *fields: str):
    """The runs of `row_runs(rows, *fields)` whose `key` ("sentence", or one of `fields`: shared by
    a run's rows) holds `word`; the stages that act only on such runs skip the others without
    grouping their rows (a row whose `key` lacks the word starts no such run, and the next row
    that has it starts one: the key differs)."""
    i = 0
    while i < len(rows):
        if word not in (rows[i].get(key) or ""):
            i += 1
            continue
        j = _run_end(rows, i, ("sentence", *fields))
        yield i, j
        i = j + 1


def _run_end(rows: list[dict], i: int, names: tuple[str, ...]) -> int:
    """The last row of the run of rows from row i that agree on `names`."""
    key = list(map(rows[i].get, names))  # map, not a comprehension: no call per row
    j = i
    while j + 1 < len(rows) and list(map(rows[j + 1].get, names)) == key:
        j += 1
    return j


LIST_SPLIT = re.compile(r"[、和及与]")
CATEGORY_MARKS = ("类",)  # the mark a list's last item carries for all ("…、居住类")
CLAUSE_SPLIT = re.compile(r"[,;:。，；：]")


# the verb between a list of items and their values when no 分别 says so: "…服务类上涨 7.2%、6.3%"
LIST_VERB = re.compile(r"(?:同比|环比)?(?:上涨|下降|下跌|上升|增长|提高|减少)了?\s*$")


def _values_start(sentence: str, first_two: list[str]) -> int:
    """Where the words for a list of values end: at 分别, or at the direction verb right before
    the first value of a list of values given in order ("…类上涨 7.2%、6.3%、…"); -1 if neither."""
    first, second = first_two
    found = re.search(rf"{re.escape(first)}\s*[、和及与]\s*{re.escape(second)}", sentence)
    # the first 分别 of these values' clause: a sentence may give out two lists ("…分别比降…,…分别
    # 比升…"), a clause may say it twice ("…案件分别同比分别下降…")
    clause_start = _clause_start(sentence, found.start()) if found else 0
    at = sentence.find("分别", clause_start, found.start() if found else len(sentence))
    if at > 0:
        return at
    verb = LIST_VERB.search(sentence, 0, found.start()) if found else None
    return verb.start() if verb else -1


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding `pos` starts (after the last , ; : or 。 before it)."""
    marks = list(CLAUSE_SPLIT.finditer(sentence, 0, pos))
    return marks[-1].end() if marks else 0


def listed_names(sentence: str, name: str, count: int, at: int = -1) -> list[str]:
    """The names of `count` values given "分别" (or in order after their verb) for the items of a
    list, or [] when the sentence does not list `count` items ending with `name`:
    "马上办、网上办、一次办事项比例分别达到…" -> 马上办事项比例, 网上办事项比例, 一次办事项比例;
    "全市立刑事案件、电信网络诈骗案件分别同比下降…" -> 刑事案件, 电信网络诈骗案件; a verb that makes
    its objects a result ("侦破刑事案件、行政案件…") stays on each of them (`list_names.yaml`
    result_verbs)."""
    names = _listed_items(sentence, name, count, at)
    at = sentence.find("分别") if at < 0 else at
    if not names or at <= 0:
        return names
    clause = CLAUSE_SPLIT.split(sentence[:at])[-1]
    verbs = _vocab()["result_verbs"]
    verb = next((v for v in verbs if names[0].startswith(v) or v + names[0] in clause), "")
    if not verb:
        return names
    return [verb + n if _same_kind(names[0], n) and not n.startswith(verb) else n for n in names]


def _examples_of_a_class(parts: list[str], item_words) -> list[str]:
    """Items listed as examples of a class ("新能源汽车、智能家用电器和音像器材、智能手机等升级消费类商品
    分别增长…"): each a member of the class, named with its 类 head (新能源汽车类商品 …), or []."""
    last, sep, kind = parts[-1].partition("等")
    head = kind[kind.rfind(CLASS_END) :] if CLASS_END in kind else ""
    if not sep or not last or len(head) < 2:
        return []
    return [item_words(p) + head for p in parts[:-1]] + [last + head]


def _same_kind(first: str, item: str) -> bool:
    """The item ends as the first does (刑事案件, 行政案件): another object of the list's verb."""
    return len(os.path.commonprefix([first[::-1], item[::-1]])) >= SHORT_ITEM


def _listed_items(sentence: str, name: str, count: int, at: int = -1) -> list[str]:
    from indicators.meaning.labels import (  # noqa: PLC0415
        ends_with_head,
        first_is_verb,
        item_words,
        last_word,
    )

    at = sentence.find("分别") if at < 0 else at
    clause = _items_clause(sentence[:at]) if at > 0 else ""
    clause = COMPARED_END.sub("", clause)  # "起数、亡人数、损失数同比分别下降…": 同比 is no item's
    parts = [p for p in clause.split("、") if p]  # "教育文化和娱乐、…": 和 inside an item
    if len(parts) != count:
        parts = [p for p in LIST_SPLIT.split(clause) if p]
    if len(parts) == count > 1 and _names_the_list(name, clause, parts[-1]):
        name = parts[-1]  # "意见建议类和其他类诉求": the name was the whole list
    if len(parts) != count or not parts[-1].endswith(name) or len(name) < 2:
        return []
    examples = _examples_of_a_class(parts, item_words)
    if examples:
        return examples
    firsts = [item_words(p) for p in parts[:-1]]
    if (
        first_is_verb(firsts[0])
        and not first_is_verb(name)
        and not _is_measure(firsts[0])
        and not firsts[0].endswith(CATEGORY_MARKS)  # 求助类: a category, 求助 is no list verb
        and len(name) > SHORT_ITEM  # 来访批次和人次: the later item shares the first's words
    ):
        firsts[0] = firsts[0][
            len(first_is_verb(firsts[0])) :
        ]  # 立刑事案件、…: 立 is the list's verb
    if not all(firsts) or any(len(f) > MAX_ITEM and not _is_measure(f) for f in firsts):
        return []  # a longer item is a phrase, unless it is a measure (亡人道路交通事故起数)
    if firsts[0].endswith(last_word(name)):
        return [*firsts, name]  # 刑事案件、电信网络诈骗案件: whole names
    if all(map(_is_measure, [*firsts, name])):
        return [*firsts, name]  # 死亡人数、损失数目: each a measure of its own
    if len(firsts[0]) == SHORT_ITEM == len(name):
        return [*firsts, name]  # 进口、出口: whole words
    lead = _shared_lead(firsts, name)
    if lead:  # 地方财政收入、支出: the later items share the first's lead
        return [firsts[0]] + [lead + f for f in firsts[1:]] + [lead + name]
    head = _category_head(firsts, name)
    if head:
        return [f + head for f in firsts] + [name]  # 求助类和咨询类诉求: each a 类 of 诉求
    mark = next((m for m in CATEGORY_MARKS if name.endswith(m) and len(name) > len(m)), "")
    if mark and not any(f.endswith(mark) for f in firsts):
        return [f + mark for f in firsts] + [name]  # 医疗保健、…、居住类: each a category
    if all(map(ends_with_head, firsts)):
        return [*firsts, name]  # 刑事案件、行政案件和刑事打击处理人员数量: whole names each
    own = round(sum(map(len, firsts)) / len(firsts))
    head = name[own:]
    if len(head) >= SHORT_ITEM:
        return [f + head for f in firsts] + [name]
    return [*firsts, name] if head else []  # 游客人次、旅游总收入: whole names, no shared head


# a comparison said between a list and its 分别 ("…损失数同比分别下降", "…类警情环比分别下降")
COMPARED_END = re.compile(
    r"(?:同比|环比|比上年同期|比去年同期|较上年同期|较去年同期|比上年|比去年|较上年|较去年|与上年相比"
    r"|比上月|较上月|比上季度|较上季度|比上周|较上周)\s*$"
)


# the measure a clause gives its values "分别" for, naming the items of the clause before
CHANGE_HEADS = ("降幅", "增幅", "涨幅", "增速", "降幅均", "增幅均")


def _items_clause(before: str) -> str:
    """The clause that lists the items of values given "分别": the one before 分别, or, when that
    only names the change ("…发案数同比全部下降,降幅分别达…"), the one before it up to its 同比."""
    from indicators.meaning.labels import COMPARED  # noqa: PLC0415

    clauses = CLAUSE_SPLIT.split(before)
    if len(clauses) < 2 or clauses[-1].strip() not in CHANGE_HEADS:
        return clauses[-1]
    head = COMPARED.split(clauses[-2], maxsplit=1)[0]
    return head if LIST_SPLIT.search(head) else clauses[-1]


def _category_head(firsts: list[str], name: str) -> str:
    """The head the last item of a list of categories gives to all: (["求助类"], "咨询类诉求") ->
    "诉求"; "" when the items are no categories or the last has no head after its mark."""
    for mark in CATEGORY_MARKS:
        at = name.rfind(mark)
        head = name[at + len(mark) :] if at > 0 else ""
        if head and all(f.endswith(mark) for f in firsts) and is_noun_phrase(head):
            return head
    return ""


def _names_the_list(name: str, clause: str, last: str) -> bool:
    """`name` spans the list's items ("行政案件和刑事打击处理人员" in "侦破刑事案件、行政案件和刑事打击处理人员
    数量"): it joins items and ends inside the last one."""
    tail = LIST_SPLIT.split(name)[-1]
    return bool(LIST_SPLIT.search(name)) and name in clause and bool(tail) and last.startswith(tail)


SHORT_ITEM = 2  # "支出", "出口": an item that is one word of the first item's kind


def _is_measure(item: str) -> bool:
    """ "死亡人数", "受伤人数": an item that is a measure itself keeps its first word (死亡 is no verb
    the list shares, as 立 is in "立刑事案件、电信网络诈骗案件")."""
    return item.endswith(tuple(MEASURE_ENDS)) or item.endswith("数目")


def _shared_lead(firsts: list[str], name: str) -> str:
    """The words the later items of a list leave to the first: (["地方财政收入"], "支出") ->
    "地方财政"; "" when the later items are not single short words."""
    if any(len(f) != SHORT_ITEM for f in [*firsts[1:], name]):
        return ""
    lead = firsts[0][:-SHORT_ITEM]
    return lead if len(lead) >= SHORT_ITEM else ""


def split_listed_names(rows: list[dict], name_keys: tuple[str, ...]) -> None:
    """Values given "分别" for a list of items take one item each, in order (rows change in place):
    "全市马上办、网上办、就近办事项比例分别达到69.7%、97.9%、87.9%" -> 马上办事项比例 …."""
    for i, j in row_runs(rows, name_keys[0]):
        name, sentence = rows[i].get(name_keys[0]) or "", rows[i].get("sentence") or ""
        at = (
            _values_start(sentence, [r.get("surface") or "" for r in rows[i : i + 2]])
            if j > i
            else -1
        )
        name, measure = _respective_measure(name, sentence[at:] if at > 0 else "")
        names = listed_names(sentence, name, j - i + 1, at) if at > 0 else []
        for row, named in zip(rows[i : j + 1], names, strict=False):
            for key in name_keys:
                row[key] = named + measure


# "…类诉求分别占比0.53%、0.59%", "分别占40.4%": the shares of each item
RESPECTIVE_SHARE = re.compile(r"分别(?:占比|占|所占比重|占比重)为?")


def _respective_measure(name: str, said: str) -> tuple[str, str]:
    """The name of a list's items without the 分别 of their shares, and the share's word when the
    values are shares (`said`: the sentence from 分别): ("A和B分别占比", "分别占比…") -> ("A和B", "占比")."""
    if not RESPECTIVE_SHARE.match(said):
        return name, ""
    at = name.find("分别")
    return (name[:at] if at > 0 else name), "占比"


def name_values_after_items(rows: list[dict], name_keys: tuple[str, ...]) -> None:
    """Values given "分别" after a list of named values take those names, in order:
    "产量10.4万辆、销量10.02万辆,分别是上年的3.1倍、3倍" -> 3.1倍 of 产量, 3倍 of 销量.
    Rows change in place; a group with no such items before it in its sentence stays."""
    for i, j in row_runs_saying(rows, RESPECTIVELY, "sentence", name_keys[0]):
        sentence, k = rows[i].get("sentence") or "", j - i + 1
        items = rows[i - k : i] if i >= k and k > 1 else []
        if _items_before(items, rows[i], sentence):
            _take_names(rows[i : j + 1], items, name_keys)


def _items_before(items: list[dict], first: dict, sentence: str) -> bool:
    """The items are values of distinct names in the same sentence, and 分别 stands between the
    last of them and the first value of the group."""
    if not items or any(r.get("sentence") != sentence for r in items):
        return False
    if len({r.get("indicator") for r in items}) != len(items):
        return False
    end = sentence.find(items[-1].get("surface") or "\0")
    at = sentence.find(first.get("surface") or "\0", end + 1)
    said = sentence.find("分别", end + 1, at) if 0 <= end < at else -1
    return said > 0 and not _own_items(sentence[end:said], len(items))


def _own_items(gap: str, count: int) -> bool:
    """The clause before 分别 lists the group's own items ("…,意见建议类和其他类诉求分别占比…")."""
    clause = CLAUSE_SPLIT.split(gap)[-1]
    return len([p for p in LIST_SPLIT.split(clause) if p.strip()]) == count


# "比去年同期分别下降了13.9%、18%…": a sentence of changes only, of the values the sentence before gave
CHANGES_OF_BEFORE = re.compile(
    r"^(?:(?:与|比|较)?(?:去年同期|上年同期|去年|上年|上月|上期|同期)(?:相比|比)?|同比|环比)[,，]?"
    r"分别(?:增长|下降|提高|降低|增加|减少|上升|回落)了?$"
)


def name_changes_of_before(rows: list[dict], name_keys: tuple[str, ...]) -> None:
    """A sentence that only gives changes "分别" takes the names of the values of the sentence
    before, in order: "…事故378起,造成82人死亡、449人受伤,直接财产损失205万元。比去年同期分别下降了
    13.9%、18%、5.3%和22.1%。" -> the four changes of those four values. Rows change in place."""
    for i, j in row_runs_saying(rows, RESPECTIVELY, "sentence"):  # CHANGES_OF_BEFORE says it
        sentence, k = rows[i].get("sentence") or "", j - i + 1
        items = rows[i - k : i] if i >= k and k > 1 else []
        lead = sentence[: sentence.find(rows[i].get("surface") or "\0")]
        if items and CHANGES_OF_BEFORE.match(lead.strip()) and _one_sentence_before(items, rows, i):
            _take_names(rows[i : j + 1], items, name_keys)


def _take_names(group: list[dict], items: list[dict], name_keys: tuple[str, ...]) -> None:
    """Each row of `group` takes the names of the item at its place."""
    for row, item in zip(group, items, strict=True):
        for key in name_keys:
            row[key] = item.get(key) or item.get(name_keys[0])


def _one_sentence_before(items: list[dict], rows: list[dict], i: int) -> bool:
    """The items are all the values of one sentence, other than the group's, with names."""
    sentence = items[0].get("sentence")
    if sentence == rows[i].get("sentence") or any(r.get("sentence") != sentence for r in items):
        return False
    first = i - len(items)
    whole = first == 0 or rows[first - 1].get("sentence") != sentence
    return whole and all(r.get("indicator") for r in items)


# "采矿业、制造业、电力…供应业等三大门类分别实现增加值…": the summary after the items
SUMMARY = re.compile(r"等[0-9一二两三四五六七八九十]+(?:大|个|项|类|家)?[\u4e00-\u9fff]{0,4}$")
RESULT_VERBS = re.compile(r"^(?:实现|完成|达到|达|为|是)")
CHANGE_ONLY = re.compile(r"^(?:同比|比上年)?(?:增长|下降|提高|降低|增加|减少|上升)$")
MAX_LISTED = 20  # a listed name may be long: 电力热力燃气及水的生产和供应业增加值


def summarised_items(sentence: str) -> list[str]:
    """The items of a list closed by a summary before 分别: "采矿业、制造业、电力热力燃气及水的生产和
    供应业等三大门类分别…" -> [采矿业, 制造业, 电力热力燃气及水的生产和供应业]; [] for any other."""
    at = sentence.find("分别")
    clause = CLAUSE_SPLIT.split(sentence[:at])[-1] if at > 0 else ""
    m = SUMMARY.search(clause)
    if not m:
        return []
    from indicators.meaning.labels import first_is_verb  # noqa: PLC0415

    items = [p for p in clause[: m.start()].split("、") if p]
    ok = len(items) >= 2 and all(
        len(p) <= MAX_LISTED and not first_is_verb(p) and not re.search(r"[0-9]", p) for p in items
    )  # 电力热力燃气及水的生产和供应业: an item may hold 的 and 和
    return items if ok else []


def _after_respectively(sentence: str, surface: str) -> str:
    """The words between the last 分别 before `surface` and it: "…分别实现增加值190.96亿元" -> "实现增加值"."""
    end = sentence.find(surface)
    at = sentence.rfind("分别", 0, end)
    return sentence[at + 2 : end].strip() if 0 <= at < end else ""


def name_summarised_lists(rows: list[dict], name_keys: tuple[str, ...]) -> None:
    """Values given 分别 after such a list take one item each, in order, with what the values
    measure: "…等三大门类分别实现增加值190.96亿元、518.92亿元和214.29亿元,分别增长6.4%、4.2%和10.6%"
    -> 采矿业增加值 …, and their growth rates (a bare change keeps the measure named before)."""
    from indicators.meaning.labels import fit  # noqa: PLC0415

    measure = ""
    for i, j in row_runs_saying(rows, RESPECTIVELY, "sentence", name_keys[0], "unit"):
        sentence = rows[i].get("sentence") or ""
        items = summarised_items(sentence) if "分别" in sentence else []
        if items and len(items) == j - i + 1:
            what = RESULT_VERBS.sub("", _after_respectively(sentence, rows[i].get("surface") or ""))
            measure = measure if not what or CHANGE_ONLY.match(what) else what
            for row, item in zip(rows[i : j + 1], items, strict=True):
                for key in name_keys:
                    row[key] = fit(item + measure, MAX_LISTED) if measure else item
