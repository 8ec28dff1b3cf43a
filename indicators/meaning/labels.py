"""A name a leader can read, made of whole words: what the number measures, as a short noun phrase.

The clause around a number is segmented into words (never whole documents), and the name is
built from them: the thing counted after the number ("建设完工277个小车停车位" -> 建设完工小车停车位),
the subject before a change ("电信网络诈骗刑事警情同比下降24.96%" -> 电信网络诈骗刑事警情), never a cut
inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicators.meaning.catalogue import catalogue_data
from indicators.meaning.segment import document_cache, tag
from indicators.vocabulary import alternation, load_yaml

MAX_LABEL = 16
Tokens = tuple[tuple[str, str], ...]  # words and their tags (segment.tag)
COUNTED_KINDS = frozenset({"count", ""})  # a thing can follow these units: "277个小车停车位"
LIST_JOINERS = ("以及", "和", "及", "与", "、")  # the longest first
JOINING = frozenset({"和", "及", "与"})
ACTORS = frozenset(
    {"人", "人次", "户", "家"}
)  # who can act after the number: "8.8万名市民开通信用就医"


@dataclass(frozen=True)
class _Words:
    noun_tags: frozenset[str]
    verb_tags: frozenset[str]
    nouns: frozenset[str]
    right_stops: frozenset[str]
    lead_words: frozenset[str]
    inner_fillers: frozenset[str]


@cache
def _words() -> _Words:
    data = load_yaml("name_words.yaml")
    return _Words(*(frozenset(data[k]) for k in _Words.__dataclass_fields__))


def verb_tags() -> frozenset[str]:
    """The tags of verbs (`name_words.yaml` verb_tags), for every stage that asks "is it a verb"."""
    return _words().verb_tags


def _nounish(word: str, pos: str, w: _Words) -> bool:
    return pos in w.noun_tags or word in w.nouns


@document_cache  # indicator_name and thing_after ask it for the same words of a number
def counted_thing(right: str, unit_kind: str, unit: str = "") -> str:
    """The noun phrase right after a count, and what its actors did when the text names them first:
    "小车停车位和46个" -> "小车停车位"; "创业孵化基地" stays whole; "市民开通信用就医" ->
    "开通信用就医市民"; "," -> ""."""
    if unit_kind not in COUNTED_KINDS:
        return ""
    quoted = QUOTED_FIRST.match(right)
    if quoted:  # 26个“就近办”事项: the quoted term and the noun after it
        rest = counted_thing(right[quoted.end() :], unit_kind, unit)
        return quoted.group(0) + rest if rest else ""
    w, actors = _words(), _actor_nouns()
    tokens = tag(right)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word, pos = tokens[i]
        after_actor = bool(out) and out[-1] in actors  # 市民|开通: a predicate, not a modifier
        adjective = pos in ADJECTIVES and word not in w.lead_words | HOW_WORDS
        modifier = (pos in w.verb_tags or adjective) and not after_actor
        following = (  # 建设|停车位; 优秀|创新|案例: modifiers before a noun
            _noun_follows(tokens, i + 1, w)
            if adjective
            else i + 1 < len(tokens) and _nounish(*tokens[i + 1], w)
        )
        joined = word in JOINING and out and following  # 食品和食用农产品: one count of both
        if not joined and (
            word in w.right_stops or not (_nounish(word, pos, w) or (modifier and following))
        ):
            break
        out.append(word)
        i += 1
    while i and tokens[i - 1][1] in w.verb_tags and not _nounish(*tokens[i - 1], w):
        out.pop()  # "占|比": a verb kept as a modifier of a noun that never came
        i -= 1
    thing = "".join(out)
    if unit == "个" and tokens and tokens[0][0] in _place_actors():
        return _place_did(tokens, w) or thing  # "94个村(社区)全部推行积分制管理"
    if unit in ACTORS and out and out[-1] in actors and i < len(tokens):
        did = "".join(word for word, _ in tokens[i:] if word not in w.right_stops)
        if did and (len(did) <= 8 or tokens[i][1] in w.verb_tags | {"p", "d"}):
            return fit(did + thing)  # "8.8万名市民开通信用就医", "6家企业通过…评定": who did what
    return thing


QUOTED_FIRST = re.compile(r"^[“\"][^”\"\n,，。;；]{1,12}[”\"](?=[\u4e00-\u9fff])")
ADJECTIVES = frozenset({"a"})  # 优秀创新案例, 重大安全隐患: an adjective before its noun
HOW_WORDS = frozenset(
    {"平均", "全部", "共同", "统一"}
)  # adjectives that say how (平均入驻率), not which


def _noun_follows(tokens: Tokens, i: int, w: _Words) -> bool:
    """After an adjective: a noun at `i`, or one verb or adjective and then a noun (优秀|创新|案例)."""
    rest = tokens[i : i + 2]
    if rest and _nounish(*rest[0], w):
        return True
    return (
        len(rest) == 2
        and (rest[0][1] in w.verb_tags or rest[0][1] in ADJECTIVES)
        and _nounish(*rest[1], w)
    )


SUBJECT_ADVERBS = frozenset({"d", "ad", "a"})  # 成功认定, 全部推行: how the counted things did it
PREPOSITIONS = frozenset({"p"})  # 对11个镇开展…, 将8个社区划分为…: the count is no subject
THERE_ARE = frozenset({"有", "共有", "还有", "另有", "计有"})  # 有46个市县…: no action
OBJECT_MARKS = frozenset({"对", "将", "把", "向", "为", "给", "由", "让", "使", "对于"})
MEASURED = tuple("率量数额比度值")
DID_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z“”‘’《》]+$")


def subject_did(clause: str, left: str, right: str, thing: str) -> str:
    """What the things counted at the head of a clause did, and the things: a count with no verb
    or preposition before it in its `clause` is the subject of the verb after its thing ("5个园区成功认定自治区级
    化工园区" -> 认定自治区级化工园区; "有46个市县的刑事案件立案数下降" -> 刑事案件立案数下降市县;
    "住房公积金业务17个事项下放岛外各区" -> 下放岛外各区住房公积金业务事项); "" when none."""
    w = _words()
    lead = trim_lead(tag(left))
    said = [(word, pos) for word, pos in tag(clause) if word not in THERE_ARE]
    if any(pos in w.verb_tags | PREPOSITIONS or word in OBJECT_MARKS for word, pos in said):
        return ""
    thing = _without_all_of(thing)
    rest = right[right.find(thing) + len(thing) :] if thing and thing in right else ""
    owned = rest.startswith("的")  # 市县的刑事案件立案数下降: what of theirs fell
    tokens = list(tag(rest.removeprefix("的")))
    while tokens and (tokens[0][0] in ALL_OF or tokens[0][1] in SUBJECT_ADVERBS):
        tokens.pop(0)
    verb = next((i for i, (_, pos) in enumerate(tokens) if pos in w.verb_tags), None)
    if verb is None or (verb > 0 and not owned):
        return ""
    if owned and not all(_nounish(word, pos, w) for word, pos in tokens[:verb]):
        return ""
    did = "".join(word for word, _ in tokens if word not in w.right_stops)
    if len(did) < 2 or not DID_CHARS.match(did) or did.endswith(MEASURED):
        return ""  # "28栋商务楼宇平均入驻率达91.3%": their rate, measured by the next number
    if all(_nounish(word, pos, w) for word, pos in lead):
        thing = "".join(word for word, _ in lead) + thing  # 住房公积金业务17个事项
    head = thing if len(did) + len(thing) <= MAX_LABEL else tag(thing)[-1][0]
    return fit(did if did.endswith(head) else did + head)


# the rate a change in points is of; a fall that narrows is a rise of the growth rate (its direction)
RATE_WORDS = {"增幅": "增速", "降幅": "增速", "增速": "增速", "涨幅": "涨幅", "跌幅": "涨幅"}
RATE_WORD = re.compile("|".join(RATE_WORDS))


def points_name(thing: str, said: str) -> str:
    """A change in points right after a change in % of `thing` is a change of its rate: its growth
    (增速; "降幅比1-4月收窄" too, the direction says which way) or, for prices, its 涨幅."""
    m = RATE_WORD.search(said)
    return fit(thing + (RATE_WORDS[m.group(0)] if m else "增速"))


RATE_AFTER = re.compile(r"^的([\u4e00-\u9fff]{2,10}?(?:率|度|比例|比重|占比))(?=$|[,，;；。、])")


def rate_after(right: str) -> str:
    """The rate a percentage is of when the text names it after the number: "的按时办结率" (after
    "平台实现97.26%") -> 按时办结率; "" otherwise."""
    m = RATE_AFTER.match(right)
    return m.group(1) if m else ""


DONE_LONGEST = 6  # "公推直选", "全覆盖", "建档立卡": what the share of things did, right after it
# 实现党代表100%…: the verb of the whole, not the thing
REACHED = frozenset({"实现", "达到", "做到"})


def done_share(left: str, right: str) -> str:
    """A percentage of the things before it that did what the words right after it say:
    "党代表100%公推直选" -> 党代表公推直选比例; "行政村实现100%全覆盖" -> 行政村覆盖率 (`name_words.yaml`
    done_rates); "" when the words after are no short predicate or nothing is named before."""
    w = _words()
    tokens = tag(right)
    if not tokens or len(right) > DONE_LONGEST or not DID_CHARS.match(right):
        return ""
    if tokens[0][0] in w.right_stops | _not_done() or not any(p in w.verb_tags for _, p in tokens):
        return ""
    things = list(trim_lead(tag(left)))
    while things and things[0][0] in REACHED | ALL_OF:
        things = list(trim_lead(tuple(things[1:])))
    if not things or not all(_nounish(word, pos, w) for word, pos in things):
        return ""
    did = right.removeprefix("全")
    rates = load_yaml("name_words.yaml")["done_rates"]
    return fit("".join(word for word, _ in things) + rates.get(did, did + "比例"))


@cache
def _not_done() -> frozenset[str]:
    return frozenset(load_yaml("name_words.yaml")["not_done"])


SHARE_DID = 16  # the longest predicate a share of a class is named by ("达到无访无诉镇村建设…")


def share_of_class(right: str) -> str:
    """A share of the things after it that did something: "的火灾事故发生在城中村" (after 65%) ->
    发生在城中村火灾事故占比; "的村达到先进标准" -> 达到先进标准村占比; "" when no verb follows
    the things."""
    if not right.startswith("的"):
        return ""
    w = _words()
    tokens = list(tag(right[1:]))
    noun = 0
    while noun < len(tokens) and (_nounish(*tokens[noun], w) or tokens[noun][0] in _place_actors()):
        noun += 1  # 村 is tagged zg
    rest = tokens[noun:]
    while rest and (rest[0][0] in ALL_OF or rest[0][1] in SUBJECT_ADVERBS):
        rest.pop(0)
    if not noun or not rest or rest[0][1] not in w.verb_tags:
        return ""
    did = ""
    for word, pos in rest:
        if word in w.right_stops or len(did) + len(word) > SHARE_DID:
            break
        did += "" if pos == "ul" else word  # 建立了: the aspect mark goes
    things = "".join(word for word, _ in tokens[:noun])
    return fit(did + things + "占比", MAX_LABEL + 4) if DID_CHARS.match(did) else ""


def _without_all_of(thing: str) -> str:
    """ "贫困村全部" -> "贫困村" (全部出列: every one of them did it)."""
    for word in ALL_OF:
        if thing.endswith(word) and len(thing) > len(word):
            return thing.removesuffix(word)
    return thing


def places_acting(thing: str) -> bool:
    """A name of places that did something ("推行积分制管理村"), not a bare place ("村")."""
    return any(thing.endswith(p) and len(thing) > len(p) + 1 for p in _place_actors()) and (
        bool(tag(thing)) and tag(thing)[0][1] in _words().verb_tags
    )


def has_verb(name: str) -> bool:
    """ "建设完工" has; "新都区在全区" has not."""
    return any(pos in _words().verb_tags for _, pos in tag(name))


ALL_OF = frozenset({"全部", "全面", "均", "都", "已", "已经", "率先", "普遍"})


def _place_did(tokens: Tokens, w: _Words) -> str:
    """What the places counted did, when a verb follows them: [村, 推行, “, 积分, 超市, ”, 制度]
    -> "推行“积分超市”制度村"; [单位, 考核, 等级] -> "" (a noun phrase, not an action)."""
    place, rest = tokens[0][0], tokens[1:]
    while rest and rest[0][0] in ALL_OF:
        rest = rest[1:]  # 全部推行: every one of them did it
    if not rest or rest[0][1] not in w.verb_tags:
        return ""
    if not any(_nounish(word, pos, w) for word, pos in rest[1:]):
        return ""  # "8个社区划分为96个网格": the verb's object is the next number
    did = "".join(word for word, _ in rest if word not in w.right_stops)
    return fit(did + place)


@cache
def _place_actors() -> frozenset[str]:
    """Places and bodies counted in 个 that act after the number ("94个村全部推行积分制管理")."""
    return frozenset(naming_words().get("place_actors", ()))


@cache
def _actor_nouns() -> frozenset[str]:
    return frozenset(load_yaml("name_words.yaml")["actor_nouns"])


def trim_lead(tokens: Tokens) -> Tokens:
    """Drop places, times, connectives and adverbs at the start: [全市, 共, 办理] -> [办理]."""
    w = _words()
    i = 0
    while i < len(tokens) and (
        tokens[i][0] in w.lead_words
        or tokens[i][1] in ("t", "m", "q", "p", "d", "r", "c", "x", "uj")
    ):
        i += 1
    return tokens[i:]


def predicate_phrase(left: str) -> str:
    """The verb and its subject before a counted thing, whole words, at most 8 characters:
    "追溯系统已覆盖" -> "追溯系统覆盖"; "利用腾空土地建设完工" -> "建设完工"."""
    w = _words()
    raw = tag(left)
    tokens = trim_lead(raw)
    verbs = [i for i, (word, pos) in enumerate(tokens) if pos in w.verb_tags]
    if not verbs:
        return "".join(word for word, _ in tokens)[-8:]
    # "向公益碳账户交付": the nouns after a preposition are its object, not the verb's subject
    marked = len(tokens) < len(raw) and raw[0][1] in PREPOSITIONS
    first = verbs[-1]
    while first > 0 and tokens[first - 1][1] in w.verb_tags | {"vn"}:
        first -= 1
    phrase = [word for word, pos in tokens[first:] if word not in w.lead_words]
    subject: list[str] = []
    if any(pos in w.verb_tags for _, pos in tokens[:first]):
        return "".join(phrase)  # "利用腾空土地建设完工": 土地 is 腾空's object, not the subject
    if (
        marked
    ):  # the preposition's object goes: 向|公益碳账户|交付 -> 交付, 为|企业|减免税费 -> 减免税费
        start = next(
            (i for i, (_, pos) in enumerate(tokens[:first]) if not pos.startswith("n")), first
        )
        return "".join(word for word, _ in tokens[start:first]) + "".join(phrase)
    for word, pos in reversed(tokens[:first]):
        if pos == "d" or pos == "t" and word in w.inner_fillers:
            continue  # 成功, 今年: how and when, no subject
        if not _nounish(word, pos, w) or len("".join(subject)) + len(word) > 6:
            break
        subject.insert(0, word)
    return "".join(subject + phrase)


NUMERAL_WORD = re.compile(
    r"^(?!数$|几$)[0-9一二两三四五六七八九十百千万亿几数]+[个项条大种类级支家名]?$"
)  # 发案|数: a measure
CUT_AFTER_WORDS = frozenset(
    {"对", "向", "为", "把", "将", "给", "替"}
)  # 住建部对…情况: 对 opens the name
# a character that can stand in a word `after_last_number` cuts after: NUMERAL_WORD's, LINE_NUMBER's
# digits and the one-character CUT_AFTER_WORDS
CUT_CHARS = re.compile(f"[0-9一二两三四五六七八九十百千万亿几数{''.join(sorted(CUT_AFTER_WORDS))}]")


# "100万元以上的村": a class, its bound is part of the name
THRESHOLD_ENDS = ("以上", "以下", "以内")


def is_threshold(tokens: Tokens, i: int) -> bool:
    """The number at `i` bounds a class named after it ("年经营性收入100万元以上的村",
    "超过200万元的村", "10亿元以上项目"), so the name keeps it."""
    after = [word for word, _ in tokens[i + 1 : i + 3]]
    if any(word.endswith(THRESHOLD_ENDS) for word in after):
        return True
    return len(after) == 2 and after[1] == "的" and tokens[i + 1][1] == "m"  # 200|万元|的


def after_last_number(left: str) -> str:
    """A name never spans a number or starts before a preposition's object:
    "强制行为三个阶段提炼出" -> "阶段提炼出"; "住建部对垃圾分类重点城市" -> "垃圾分类重点城市";
    "每5万人建设" stays (a per-head standard); so does a class's bound ("100万元以上的村").

    A text without a numeral character or a cut-after word has no cut: it comes back as it is
    (its words joined are the text), without being segmented."""
    if not CUT_CHARS.search(left):
        return left
    tokens = tag(left)
    cut = 0
    for i, (word, pos) in enumerate(tokens):
        if LINE_NUMBER.match(word) and is_line_number(word, tokens[i + 1 :]):  # slice when it may
            cut = i  # "泰州市12345政务服务热线…": the line's name starts at its number
        elif (
            NUMERAL_WORD.match(word)
            and not (i > 0 and tokens[i - 1][0] in ("每", "第"))
            and not is_threshold(tokens, i)
            or pos == "p"
            and word in CUT_AFTER_WORDS
            and 0 < i < len(tokens) - 1
        ):
            cut = i + 1
    rest = "".join(word for word, _ in tokens[cut:])
    return rest if len(rest) >= 2 else left


# 12345, 12328, 12315 …: the national public-service lines' numbers, a part of the line's name
LINE_NUMBER = re.compile(r"^123[0-9]{2}$")
LINE_LONG = re.compile(
    r"(123[0-9]{2})(?:政务服务便民|政务服务|便民服务|政府服务|市民服务|市长|市民|便民)热线"
)


def is_line_number(word: str, after: list) -> bool:
    """ "12345政务服务便民热线受理…": 12345 names the line its long name after it names (kept,
    and shortened to 12345热线 by tidy_name); before other words it is cut as any number."""
    if not LINE_NUMBER.match(word):
        return False
    return bool(LINE_LONG.match(word + "".join(w for w, _ in after[:4])))


def whole_words(raw: str, cleaned: str) -> str:
    """`cleaned` (a trimmed piece of `raw`) without a cut inside a word: ("标的", "标") -> "标的",
    ("按时办结率", "时办结率") -> "按时办结率". Nothing was trimmed (`cleaned` is `raw`): no word is cut,
    and `raw` is not segmented."""
    if cleaned == raw:
        return raw
    at = raw.rfind(cleaned) if cleaned else -1
    if at < 0:
        return cleaned
    start, end, pos = at, at + len(cleaned), 0
    for word, _ in tag(raw):
        if pos < start < pos + len(word):
            start = pos  # "按时办结率" trimmed to "时办结率" by the lead word 按
        if pos < end < pos + len(word):
            end = pos + len(word)
        pos += len(word)
    return raw[start:end]


def list_item_name(prev_name: str, between: str, thing: str) -> str | None:
    """The second item of a list shares the first one's verb: prev "建设完工小车停车位", between
    "小车停车位和", thing "大车停车位" -> "建设完工大车停车位"; None when `between` is not a list gap."""
    gap = between.rstrip()
    joiner = next((j for j in LIST_JOINERS if gap.endswith(j)), "")
    if not thing or not joiner:
        return None
    noun = gap[: len(gap) - len(joiner)]
    if not noun or not prev_name.endswith(noun):
        return None
    return prev_name[: len(prev_name) - len(noun)] + thing


def object_of(name: str) -> str:
    """The nouns a name ends with: "多元调解中心受理调解纠纷" -> "调解纠纷"; "" when it ends with a verb."""
    w = _words()
    out: list[str] = []
    for word, pos in reversed(tag(name)):
        if not _nounish(word, pos, w):
            break
        out.insert(0, word)
    return "".join(out)


NOT_NOUNS = frozenset({"c", "p", "u", "uj", "ul", "d", "r", "m", "q", "f", "x"})


def is_noun_phrase(text: str) -> bool:
    """Nouns only: "项目", "单位", "村" are; "和", "提高", "增长" are not."""
    w = _words()
    tokens = tag(text)
    return bool(tokens) and all(
        _nounish(word, pos, w) or (len(word) == 1 and pos not in NOT_NOUNS | w.verb_tags)
        for word, pos in tokens
    )


def only_verbs(name: str) -> bool:
    """ "成功化解" and "调解成功" say what was done, not to what."""
    w = _words()
    tokens = tag(name)
    return bool(tokens) and all(pos in w.verb_tags or pos in ("d", "a", "ad") for _, pos in tokens)


def ends_with_verb(name: str) -> bool:
    """ "新增" and "办结" are verbs; "单位" is not (a noun names its own thing)."""
    tokens = tag(name)
    return bool(tokens) and tokens[-1][1] in _words().verb_tags


def without_added_verb(name: str) -> str:
    """A name without the bare verb a merge added to its thing: "受理热线事项办结" -> "受理热线事项"
    (the thing before, for the next bare verb: "…,办结2477宗,在办659宗"); "上报问题隐患" as it is."""
    w = _words()
    tokens = tag(name)
    if len(tokens) >= 2 and tokens[-1][1] in w.verb_tags and _nounish(*tokens[-2], w):
        return name[: len(name) - len(tokens[-1][0])]
    return name


@cache
def rate_nouns() -> tuple[str, ...]:
    """The nouns of a growth rate (增速, 增长率 …: directions.yaml rate_nouns), longest first."""
    return tuple(sorted(load_yaml("directions.yaml")["rate_nouns"], key=len, reverse=True))


@cache
def naming_words() -> dict:
    """The catalogue's `naming` section: words the names of rows are built with."""
    return catalogue_data().get("naming", {})


@cache
def _attributes() -> frozenset[str]:
    return frozenset(naming_words().get("attributes", ()))


RATE_HEADS = ("率", "比", "比例", "比重", "占比", "度")  # a rate has no amount of its own


def attribute_name(prev_name: str, name: str) -> str:
    """A measure of the thing named just before, or "": ("受理案件", "标的") -> "受理案件标的";
    ("新签约招商项目", "计划总投资") -> "新签约招商项目计划总投资"; a rate has none
    ("矛盾纠纷调处成功率", "金额") -> ""."""
    if not prev_name or name not in _attributes() or prev_name.endswith(RATE_HEADS):
        return ""
    return fit(prev_name + name)


def share_name(prev_name: str, name: str) -> str:
    """The share of the thing named just before, or "": ("思明区受理诉求", "占全市") ->
    "思明区受理诉求占全市"; ("数字经济核心产业增加值", "占地区生产总值比重") -> "数字经济核心产业增加值占比"
    (too long with the whole base); "分别占…" is not the share of one thing."""
    if "占" not in name:
        return ""
    lead = next((w for w in naming_words().get("share_leads", ()) if name.startswith(w)), "")
    if not prev_name or not lead or "占" in prev_name or len(name) <= len(lead):
        return ""
    if prev_name.endswith(RATE_HEADS):
        return ""
    joined = prev_name + "占" + name[len(lead) :]
    return joined if len(joined) <= MAX_LABEL else fit(prev_name + "占比")


def object_in(name: str) -> str:
    """The last noun phrase of a name, past the verbs at its end: "发现隐患整改" -> "隐患";
    "惩处违法失范行为人" -> "违法失范行为人"; "行政机关败诉" -> "行政机关"; "办结" -> ""."""
    w = _words()
    tokens = tag(name)
    while tokens and not _nounish(*tokens[-1], w):
        tokens = tokens[:-1]
    out: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        word, pos = tokens[i]
        # 违法|失范|行为人: a verb between a verbal noun and a noun (not 中心|受理|群众来电), or
        # one its measure makes a noun (留言板|留言|量)
        inner = pos in w.verb_tags and i > 0 and (tokens[i - 1][1] == "vn" or out[:1] == ["量"])
        if not (_nounish(word, pos, w) or inner):
            break
        out.insert(0, word)
    return "".join(out)


def is_bare_category(name: str) -> bool:
    """A name with no action in it, all of it the thing ("房产交易"), unlike "惩处违法失范行为人":
    an item listed after it is another category, no action on it."""
    return object_in(name) == name


def _action(name: str) -> bool:
    """Only verbs, none of them a noun of the genre (投诉, 咨询 are categories, not actions)."""
    w = _words()
    tokens = tag(name)
    return bool(tokens) and all(
        (pos in w.verb_tags or pos in ("d", "ad")) and word not in w.nouns for word, pos in tokens
    )


def rate_name(prev_name: str, name: str) -> str:
    """The rate of an action names what was acted on, from the count before it, or "":
    ("发现隐患整改", "整改率") -> "隐患整改率"; ("督促安装燃气报警器", "安装率") -> "燃气报警器安装率"."""
    if not prev_name or len(name) > 4 or not name.endswith("率") or not _action(name[:-1]):
        return ""
    if prev_name.endswith(RATE_HEADS) or prev_name.endswith(MEASURE_ENDS):
        return ""  # "…接通率98%,20秒内接通率91.4%", "财产损失数…,破案率…": a measure names no thing
    thing = object_in(prev_name)
    return fit(thing + name) if thing and thing not in name else ""


def action_name(prev_name: str, name: str) -> str:
    """An item of a list that only says what was done takes what it was done to from the count
    before it, or "": ("惩处违法失范行为人", "拘留") -> "拘留违法失范行为人";
    ("集中清理政策文件", "修改") -> "修改政策文件"; a category (投诉) is not an action."""
    if not prev_name or len(name) > 4 or not _action(name) or name in prev_name:
        return ""
    thing = object_in(prev_name)
    return fit(name + thing) if thing else ""


PLACE_TAGS = frozenset({"ns", "nt", "t", "p"})  # 广州港, 市政府, 今年, 对: the setting, not an item


def item_words(item: str) -> str:
    """An item of a list without the place, time or lead words before it: "全市马上办" -> "马上办";
    "广州港进口" -> "进口"; "其中京访批次" -> "京访批次"."""
    tokens, lead, places = tag(item), _words().lead_words, _whole_places()
    while len(tokens) > 1 and (
        tokens[0][0] in places or tokens[0][0] in lead or tokens[0][1] in PLACE_TAGS
    ):
        if tokens[1][0] == "类" and tokens[0][0] not in places and tokens[0][0] not in lead:
            break  # "治安类": a category the segmenter took for a place
        tokens = tokens[1:]
    return "".join(word for word, _ in tokens)


def first_is_verb(name: str) -> str:
    """The verb a name starts with, or "": "立刑事案件" -> "立"; "刑事案件" -> ""."""
    tokens = tag(name)
    return tokens[0][0] if len(tokens) > 1 and tokens[0][1] in _words().verb_tags else ""


def ends_with_head(name: str) -> bool:
    """The name ends with a noun of the genre of two characters or more (`name_words.yaml` nouns):
    "刑事案件" does, "马上办" and "A类" do not."""
    return any(name.endswith(noun) for noun in _words().nouns if len(noun) > 1)


def last_word(name: str) -> str:
    """ "电信网络诈骗案件" -> "案件"."""
    tokens = tag(name)
    return tokens[-1][0] if tokens else ""


COMPARED = re.compile(r"同比|环比|较上年|较去年|比上年|比去年|较上月|与上年相比|同口径")
QUOTES = "“”‘’\"'「」『』"
PAIRED_QUOTE = re.compile('[“”‘’「」『』"]')  # a mark tidy_name pairs: most names hold none
CUT_QUOTE = re.compile("[“”‘’《》]")  # a mark fit pairs


@cache
def _whole_places() -> frozenset[str]:
    """全市, 全县, 我区 …: the lead words that say "the whole place" (name_words.yaml lead_words)."""
    return frozenset(word for word in _words().lead_words if word[:1] in "全我本该")


LIST_MARKS = ".．、)）"


@cache
def _dropped_words() -> re.Pattern:
    """Any word `tidy_name` may drop (a whole place, an inner filler, 的): a name holding none keeps
    every word and need not be segmented."""
    return re.compile(alternation([*_whole_places(), *_words().inner_fillers, "的"]))


def _without_fillers(name: str, w: _Words) -> str:
    """The name's words without a whole place first (and the city named before it), a period or
    manner first, inner fillers."""
    tokens = tag(name)
    if len(tokens) > 2 and tokens[0][1] == "ns" and tokens[1][0] in _whole_places():
        tokens = tokens[1:]  # "扬州全市GDP": the city named before its whole
    if len(tokens) > 1 and tokens[0][0] in _whole_places() and len(name) - len(tokens[0][0]) >= 2:
        tokens = tokens[1:]
    if len(tokens) > 2 and tokens[0][0] in w.inner_fillers:
        tokens = tokens[1:]  # "今年新增市场主体", "扎实开展消防检查": a period or a manner first
    kept = [
        word
        for i, (word, _) in enumerate(tokens)
        if not (
            0 < i < len(tokens) - 1
            and (word in w.inner_fillers or (word == "的" and len(tokens[i - 1][0]) > 1))
        )
    ]
    return "".join(kept)


def tidy_name(name: str) -> str:
    """Inner fillers out, quotes only when they pair:
    "12345热线共受理市民诉求" -> "12345热线受理市民诉求"; "A类的责任单位" -> "A类责任单位";
    "“以往要" -> "以往要"; a place that is the whole document's goes: "全县服装产量" -> "服装产量"."""
    w = _words()
    name = name.lstrip(LIST_MARKS)  # "1.噪音扰民": the mark of a numbered item
    joiner = next((j for j in LIST_JOINERS if name.endswith(j)), "")
    if joiner and len(name) - len(joiner) >= 2 and tag(name)[-1][0] == joiner:
        name = name[: -len(joiner)]  # "“一件事一次办”事项和(26个…)"; not 普及, 总和, 参与
    if "热线" in name:  # LINE_LONG ends with it
        name = LINE_LONG.sub(r"\1热线", name)  # "12345政务服务便民热线受理…" -> "12345热线受理…"
    if _dropped_words().search(name):  # else no word goes: the name is its words joined
        name = _without_fillers(name, w)
    head = COMPARED.split(name, maxsplit=1)[0]
    if len(head) >= 2:
        name = head  # "死亡人数同比整治前下降": the subject stands before 同比
    if PAIRED_QUOTE.search(name) and (
        any(name.count(a) != name.count(b) for a, b in ("“”", "‘’", "「」", "『』"))
        or name.count('"') % 2
    ):
        name = name.strip(QUOTES)
        name = (
            "".join(ch for ch in name if ch not in '“”‘’「」『』"')
            if any(q in name for q in QUOTES)
            else name
        )
    return name


LEADING_FUNCTION_TAGS = frozenset({"c", "p", "u", "uj", "ul", "x", "d"})  # 和, 以, 在, 的, ”, 率先


def fit(name: str, limit: int = MAX_LABEL) -> str:
    """At most `limit` characters, cut at a word boundary from the front, never left starting
    with a function word: "…党组织书记" keeps its end; "…集体经济年经营性收入50万元以上行政村占比" ->
    "年经营性收入50万元以上行政村占比" (not "体经济…"); "和攻坚小组成功调处…" loses its 和."""
    if len(name) <= limit:
        return name
    tokens = list(tag(name))  # a copy: tag's tuples are shared
    while tokens and len("".join(word for word, _ in tokens)) > limit:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[0][1] in LEADING_FUNCTION_TAGS:
        tokens.pop(0)
    cut = "".join(word for word, _ in tokens) or name[-limit:]
    if CUT_QUOTE.search(cut) and any(cut.count(a) != cut.count(b) for a, b in ("“”", "‘’", "《》")):
        cut = "".join(ch for ch in cut if ch not in "“”‘’《》")  # a quote whose other half was cut
    return cut


def time_limit_name(name: str, surface: str, unit: str, role: str) -> str:
    """A duration set as a standard (a target, or a "…内") names a time limit (the catalogue's
    `naming.time_limits`): ("一般纠纷受理", "3个工作日内", "个工作日", "target") -> "一般纠纷受理时限";
    ("企业开办时间", "3天", "天", "target") and ("办证", "不到1分钟", "分钟", "level") -> unchanged."""
    limits = naming_words().get("time_limits", {})
    standard = role == "target" or surface.endswith(("内", "以内"))
    if not name or not standard or unit not in limits.get("units", ()):
        return name
    if any(word in name for word in limits.get("time_words", ())):
        return name
    return fit(name + limits.get("word", ""))


# a name that only says what a change is compared with: "较上期相比", "与上月相比", "同比去年"
COMPARISON_ONLY = re.compile(
    r"^(?:(?:较|比|与|相比)?(?:上期|上月|上年|去年|上季度|上周|上年同期|去年同期|上半年|一季度|前三季度|年初)"
    r"(?:相比|同期|同比)?"
    r"|(?:同比|环比)(?:去年|上年|上月)?)$"
)


def only_a_comparison(name: str) -> bool:
    """True for a name that names no thing, only the base of a comparison:
    "较上期相比" -> True (the change is of the thing named before); "市民工单" -> False."""
    return bool(COMPARISON_ONLY.match(name))


SUB_ITEM = re.compile(
    r"(?:^|[，,；;。：:])其中[，,]?[^，,；;。：:]*$"
)  # "…，其中台湾青少年" before a number


def sub_item_name(name: str, head_name: str, before: str) -> str:
    """An item after 其中 that names no action shares the action of the head before it:
    ("台湾青少年", "吸引两岸研学生", "…近20万人次,其中台湾青少年") -> "吸引台湾青少年";
    an item that acts itself ("其中12件被移送") or a head with no verb first keeps its name."""
    if not name or not head_name or not SUB_ITEM.search(before):
        return name
    if any(pos.startswith("v") for _, pos in tag(name)):
        return name
    verb = first_is_verb(head_name)
    return fit(verb + name) if verb and not name.startswith(verb) else name


MEASURE_ENDS = tuple("量额率数值")  # 产量, 销量, 金额, 办结率, 户数: the measure ends a name


MANNER_TAGS = frozenset({"d", "p", "c", "ad"})  # 按期, 及时: how, not what


def shared_subject_name(prev_name: str, name: str, between: str) -> str:
    """The second measure of a thing, listed right after the first, is of the same thing:
    ("红旗品牌汽车产量", "销量", "、") -> "红旗品牌汽车销量" ("产量10.4万辆、销量10.02万辆");
    a name of its own words, or one that is no measure, stays: ("投诉类诉求", "求助类诉求", "、")."""
    if between not in ("、", ",", "，") or len(tag(name)) != 1 or not name.endswith(MEASURE_ENDS):
        return name
    last = last_word(prev_name)
    prefix = prev_name[: -len(last)] if last and last != prev_name else ""
    if not prefix or not last.endswith(MEASURE_ENDS) or last == name:
        return name
    if any(pos in MANNER_TAGS for _, pos in tag(prefix)):
        return name  # "按期办结率, 满意率": 按期 is how the first was measured, no thing
    return fit(prefix + name)
