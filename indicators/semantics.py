"""Meaning of each kept mention: from->to pairs, direction, role, comparison and year."""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from itertools import repeat

from indicators.filters import DATE_RE
from indicators.mentions import Mention
from indicators.structure.timing import load_timing
from indicators.units import compatible
from indicators.vocabulary import Vocab, alternation, load_yaml

ADVERBS = (
    r"(?:逆势|大幅|大幅度|分别|均|明显|显著|持续|有所|进一步|逐步|稳步|再|又|连续|累计|共|整体)*"
)
RATE_UNITS = {"%", "pp", "ratio", "倍"}
ADVERBS_RE = re.compile(ADVERBS)
# a change verb right after 同比/比上年 (and its adverbs): "同比下降", "比上年大幅增长"
CHANGE_VERB_NEXT = re.compile(
    r"\s*[^\s,。;]{0,1}(?:下降|上升|增长|减少|提升|提高|降低|增加|下滑|回落|降|增|升)"
)
DIGIT = re.compile(r"\d")
# How far back from a number the rules look. Bounded so a sentence of any length costs the same per
# number (garbled input can be one "sentence" of megabytes); every cue we read is closer than this.
WINDOW = 40
PER_LEVEL = re.compile(r"拥有|达到|达|平均|均|量\s*$")  # 每日应答量200余条: a measured amount
# "密度为每平方公里", "平均每年": a rate that was reached
PER_LEVEL_BEFORE = re.compile(r"(?:为|是|达到?|平均|均|约|密度|至|到)\s*$")
# "是过去的3倍": a multiple of an earlier value (not "为该区的2倍", a comparison between places)
TIMES_OF = re.compile(
    r"(?:是|为|达到?)(?:改革|实施|试点)?(?:过去|原来|以前|之前|以往|此前|上年|去年|同期|前|(?:19|20)\d{2}年)"
    r"[^,。;]{0,4}的\s*$"
)
# "26.9亿元,比1998年的2.9亿元": the second number is the base the first is compared with
COMPARED_WITH = re.compile(
    r"\s*[,，]?\s*(?:比|较|相比|相较于?)\s*((?:19|20)\d{2})\s*年(?:底|末)?的\s*$"
)
# "全员劳动生产率每人9.6万元": a measure given per head, right before its number, is a level
MEASURE_PER = re.compile(r"(?:率|值|收入|产值|总值|产量)每(?:人|户|亩|平方公里|万人)\s*$")
STANDARD_AFTER = re.compile(r"[^,，。;；]{0,8}?的标准(?!化)")  # "1名保洁员的标准": a standard
FULL_STOP = re.compile(r"[。!?\n]")
DONE_GOAL = re.compile(r"(?:完成|实现|超额完成|达成|超过)(?:了)?(?:全年|年度|年初|既定)?$")
# "主要预期目标是：" opens a list of goals; each alternative starts with its own literal (no group
# in front), so the engine skips to 目, 主, 预 and 发 in C: 4x faster over 400-character heads
GOAL_LIST = re.compile(
    r"目标[^。;,]{0,4}[:：]|目标任务[^。;,]{0,4}[:：]|主要指标[^。;,]{0,4}[:：]"
    r"|预期目标(?:是|为)|主要目标(?:是|为)|发展目标(?:是|为)|目标任务(?:是|为)"
)  # "…主要预期目标是地区生产总值增长7%以上,固定资产投资增长15%左右,…": the sentence lists goals
TOP_HEADING = re.compile(
    r"(?m)^[ \t\u3000]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章))"
)
# a line that is a heading of its own: short, no clause marks, no number but a year, a colon at
# most at its end ("今后五年的重点目标", "2017年主要工作", "全市经济社会发展主要预期目标:")
LINE_HEADING = re.compile(
    r"(?m)^[ \t\u3000]*((?:[^\n0-9。;!?,:、]|(?:19|20)[0-9]{2}年){2,30}):?[ \t\u3000]*$"
)
NEWLINE = re.compile("\n")
TIME_TAKEN = re.compile(r"(?:用时|历时|耗时|仅用|只用|用了|花了|仅|只)\s*$")  # a duration achieved
ATTACHED_YEAR = re.compile(r"\s*的\s*[0-9]")
FULL_YEAR = re.compile(r"(?:19|20)\d{2}")
YEAR_PARTS = re.compile(r"(?<![0-9])((?:19|20)\d{2}|\d{2})(?=\s*(?:年|-|$))")
CLAUSE_SPLIT = re.compile(r"[,。;!?\n]")
SENTENCE_SPLIT = re.compile(r"[。;!?\n]")
FULL_STOP_MARKS, SENTENCE_MARKS = "。!?\n", "。;!?\n"  # FULL_STOP's and SENTENCE_SPLIT's characters
# "争取增发国债项目69个", "争取上级资金12亿元": funds and projects obtained, not a goal
OBTAINED = re.compile(
    r"(?:到|增发|上级|中央|省级|省级以上|国家|国债|超长期|特别国债|专项债|债券|资金|项目|政策)"
)
# "到2025年,全市城镇新增就业达到5万人": a value to reach by a year is a goal ("截至2022年" is not);
# the look-behind stands after 到|至, so the engine skips to those two characters in C
BY_YEAR_GOAL = re.compile(
    r"(?:到|至)(?<![截直].)\s*20\d\d\s*年(?:底|末)?[^。;已]{0,30}?"
    r"(?:达到|实现|建成|突破|控制在|超过|提高到|提高至|提升到|提升至|增加到|增至|降至|下降到|不低于|不少于)"
)


@dataclass(frozen=True)
class Meaning:
    """What the text says about one mention."""

    role: str = "level"
    direction: str | None = None
    comparison: str | None = None
    pair_id: str | None = None
    year: int | None = None
    # a pair said of then and now ("过去要办5张证…,如今只需办1张证"): named by the thing counted after
    # its numbers, not by the words before them as a from→to pair is
    then_now: bool = False


@dataclass(frozen=True)
class YearMark:
    """A year written in the text: where, which year, and whether it starts a period (以来)."""

    start: int
    end: int
    year: int
    since: bool
    bracketed: bool
    attached: bool = False  # "2022年的88.3%": the year of the very next value only


@cache
def _patterns(vocab: Vocab) -> dict[str, re.Pattern]:
    d = vocab.directions
    up, down = alternation(d["up"], group="up"), alternation(d["down"], group="down")
    # two characters or more: a one-character verb (增, 降) is too often part of a noun
    near = set(d["near_only"])  # 加快: "比上半年加快0.5个百分点", never "加快推进…率达90%"
    long_up = alternation([w for w in d["up"] if len(w) > 1 and w not in near], group="up")
    long_down = alternation(
        [w for w in [*d["down"], *d["down_far"]] if len(w) > 1 and w not in near], group="down"
    )
    to = alternation(d["to_markers"])
    noun_ends = "".join(d["verb_noun_ends"])  # 增加值占比达51%: a noun, not a verb
    year_of = (
        r"(?:(?:19|20)\d{2}\s*年(?:底|末)?的?|(?:去|今|上)年的?|(?:现在|目前|当前|如今|现)的?)?"
        r"(?:平均|仅|只有|的)?"
    )
    return {
        # between the two numbers of a pair: 提升至, 下降到2020年的, 精简为, 大幅提升到
        "pair_between": re.compile(
            rf"^\s*的?\s*,?\s*{ADVERBS}\s*(?:{up}|{down})\s*(?:了)?\s*{to}\s*{year_of}\s*第?\s*$"
        ),
        # before the first number of a pair: 从, 由, 从2016 年的
        "pair_from": re.compile(
            rf"{alternation(d['from_markers'], opens=True)}[^,。;从由]{{0,10}}?\s*$"
        ),
        # a direction verb right before a number: 同比下降24.96%, 增长了8.9%, 降幅达
        "verb_before": re.compile(
            rf"(?:{up}|{down})\s*(?P<to>{to})?\s*(?:了|达到|达|约|为|幅度为|幅度达)?\s*$"
        ),
        # a growth rate's noun and its value: "农业增速为3.2%", "增速分别为3.2%、4.6%"
        "rate_noun": re.compile(
            rf"{alternation(d['rate_nouns'])}\s*(?:分别)?\s*(?:为|达到|达|是)\s*$"
        ),
        # a verb, a short noun phrase, then a rate: "减少办事环节70%", "节约办事时间近四成"
        "verb_far": re.compile(
            rf"(?:{long_up}|{long_down})(?![{noun_ends}])[^\d,。;:、]{{1,8}}(?:近|约|超过|逾)?\s*$"
        ),
        # a direction verb right after a number: "…2.9亿元,增长近8.5倍", "48万人有所增加"
        "verb_after": re.compile(rf"\s*[,，]?\s*(?:有所|大幅|明显|显著|了)?\s*(?:{up}|{down})"),
        "fall_measure": re.compile(alternation(d["fall_measures"], opens=True)),
        "suffix_up": re.compile(r"\s*" + alternation(d["change_suffix"]["up"])),
        "suffix_down": re.compile(r"\s*" + alternation(d["change_suffix"]["down"])),
        "yoy": re.compile(alternation(d["yoy"], opens=True)),
        "vs": re.compile(alternation(d["vs_baseline"], opens=True) + r"(?!例|重|较)"),
        "target": re.compile(alternation(vocab.not_quantities["target_words"], opens=True)),
        "limit": re.compile(alternation(vocab.not_quantities["limit_words"], opens=True)),
        # words that make a whole sentence a plan, however long: "力争到2026年…,…80%"
        "plan_scope": re.compile(alternation(vocab.not_quantities["plan_scope_words"], opens=True)),
        "per": re.compile(r"每(?:[0-9一二两三四五六七八九十百千万]+\s*)?[^\s,。;]{0,3}?"),
        "standard": re.compile(
            r"[^,。;]{0,8}?" + alternation(vocab.not_quantities["standard_verbs"])
        ),
    }


def pair_id_of(doc: str, a: Mention, b: Mention) -> str:
    """Stable id shared by the two rows of a from->to pair."""
    return "p" + hashlib.sha1(f"{doc}:{a.start}:{b.start}".encode()).hexdigest()[:10]


def link_pairs(norm: str, kept: list[Mention], vocab: Vocab) -> dict[int, tuple[str, Mention]]:
    """Find from->to pairs: "从38.69%提升至68.17%" -> {i: ("baseline", b), j: ("current", a)}.

    Returns, for each index in `kept` that is part of a pair, its role and its partner.
    """
    pats = _patterns(vocab)
    out: dict[int, tuple[str, Mention]] = {}
    for i in range(len(kept) - 1):
        a, b = kept[i], kept[i + 1]
        if i in out or (a.unit and b.unit and a.unit != b.unit and not _compatible(a, b)):
            continue
        if COMPARED_WITH.match(norm[a.end : b.start]) and pats["verb_after"].match(norm, b.end):
            out[i], out[i + 1] = ("current", b), ("baseline", a)  # 26.9亿元,比1998年的2.9亿元,增长
            continue
        if _work_of_before(norm, a, b):
            out[i], out[i + 1] = (
                ("current", b),
                ("baseline", a),
            )  # 5日内即可完成传统方式6个月的工作量
            continue
        if not pats["pair_between"].match(norm[a.end : b.start]):
            continue
        clause_head = norm[max(0, a.start - 40) : a.start]
        clause_head = CLAUSE_SPLIT.split(clause_head)[-1]
        if pats["pair_from"].search(clause_head):
            out[i], out[i + 1] = ("baseline", b), ("current", a)
    out.update(then_and_now(norm, kept, out))
    return out


THEN_NOW_GAP = 80  # the most characters between a past value and the now value of its measure
SENTENCE_STOP = re.compile(r"[。!?！？\n]")


@cache
def _then_now_res() -> tuple[re.Pattern, re.Pattern]:
    d = load_yaml("directions.yaml")
    return re.compile(alternation(d["then_words"])), re.compile(alternation(d["now_words"]))


def then_and_now(norm: str, kept: list[Mention], taken: dict) -> dict[int, tuple[str, Mention]]:
    """Pairs of a value said of the past and the value of the same unit said of now, later in the
    sentence: "过去…要办5张证交42份材料,如今…只需办1张证交12份材料" -> (5张, 1张), (42份, 12份)."""
    then_re, now_re = _then_now_res()
    out: dict[int, tuple[str, Mention]] = {}
    for i, a in enumerate(kept):
        if i in taken or i in out or not a.unit or not _said_of_then(norm, a, then_re, now_re):
            continue
        for j in range(i + 1, len(kept)):
            b = kept[j]
            gap = norm[a.end : b.start]
            if b.start - a.end > THEN_NOW_GAP or SENTENCE_STOP.search(gap):
                break
            if j in taken or j in out or b.unit != a.unit:
                continue
            if now_re.search(gap):
                out[i], out[j] = ("baseline", b), ("current", a)
            break
    return out


def _said_of_then(norm: str, m: Mention, then_re: re.Pattern, now_re: re.Pattern) -> bool:
    """A past word stands in the text before the value, back to the sentence's start, and no now
    word after it."""
    back = norm[max(0, m.start - 40) : m.start]
    stops = list(SENTENCE_STOP.finditer(back))
    back = back[stops[-1].end() :] if stops else back
    found = [f for f in then_re.finditer(back) if back[f.start() - 1 : f.start()] not in DEADLINE]
    return bool(found) and not now_re.search(back, found[-1].end())


DEADLINE = set("底末日月年号")  # "6月底以前", "年底以前": a deadline, not the past


def comparison_year(norm: str, m: Mention) -> int | None:
    """The year of a base value written as "比1998年的2.9亿元" -> 1998."""
    found = COMPARED_WITH.search(norm, max(0, m.start - 16), m.start)
    return int(found.group(1)) if found else None


def is_then_and_now(norm: str, a: Mention, b: Mention, vocab: Vocab) -> bool:
    """The pair is said of then and now ("过去…5张证,如今…1张证": a now word between its values and
    no from→to verb), not from→to ("由386项精简至128项")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = norm[first.end : second.start]
    return not _patterns(vocab)["pair_between"].match(gap) and bool(_then_now_res()[1].search(gap))


def pair_direction(norm: str, a: Mention, b: Mention, vocab: Vocab) -> str | None:
    """The direction of a from->to pair, from its verb: "从15天缩减为2小时" -> "down"."""
    if b.start < a.start and _work_of_before(norm, b, a):
        return "down"  # the work of 6 months done in 5 days: the time it takes fell
    if b.start < a.start:  # "B,比1998年的A,增长…": the current value stands first
        return "up" if b.value > a.value else "down" if b.value < a.value else None
    if a.unit == b.unit and is_then_and_now(
        norm, a, b, vocab
    ):  # "过去5张…,如今1张": the values say
        return "up" if b.value > a.value else "down" if b.value < a.value else None
    m = _patterns(vocab)["pair_between"].match(norm[a.end : b.start])
    return None if m is None else "up" if m.group("up") else "down"


# "5日内即可完成传统方式6个月以上的工作量": a time now, then the time the same work took before
WORK_AFTER = re.compile(r"(?:以上|左右)?的?工作量")


@cache
def _work_of_before_re() -> re.Pattern:
    words = alternation(load_yaml("directions.yaml")["work_before"])
    return re.compile(rf"^\s*(?:即可|就能|便可|就可|可|能|就)?完成(?:{words})(?:需要?)?\s*$")


def _work_of_before(norm: str, now: Mention, before: Mention) -> bool:
    return (
        now.unit_kind == before.unit_kind == "time"
        and bool(_work_of_before_re().match(norm[now.end : before.start]))
        and bool(WORK_AFTER.match(norm, before.end))
    )


def _compatible(a: Mention, b: Mention) -> bool:
    return compatible(a.unit, b.unit)


def direction_and_role(
    norm: str, m: Mention, clause_start: int, sentence_start: int, vocab: Vocab
) -> tuple[str, str | None, str | None]:
    """(role, direction, comparison) of a mention that is not part of a pair.

    "同比下降24.96%" -> ("change", "down", "yoy"); "保持20%增长" -> ("change", "up", None);
    "每5万人建设1处中转站" -> ("target", None, None); "降至0.81" -> ("level", "down", None).
    """
    pats = _patterns(vocab)
    clause_start = max(clause_start, m.start - WINDOW)
    sentence_start = max(sentence_start, m.start - 2 * WINDOW)
    left = norm[clause_start : m.start]
    role, direction = "level", None
    vb = pats["verb_before"].search(left)
    if vb:
        direction = "up" if vb.group("up") else "down"
        verb = vb.group("up") or vb.group("down")
        if verb in vocab.directions["width_verbs"] and pats["fall_measure"].search(
            left, 0, vb.start()
        ):
            direction = "down" if direction == "up" else "up"  # 降幅收窄: the rate rose
        role = "level" if vb.group("to") or verb[-1] in "至到为" else "change"
    else:
        after = norm[m.end : m.end + 4]
        for d in ("up", "down"):
            if pats[f"suffix_{d}"].match(after):
                direction = d
                role = "change" if m.unit in RATE_UNITS else "level"
    if direction is None and m.unit == "倍" and m.value > 1 and TIMES_OF.search(left):
        return "change", "up", "vs_baseline"  # 日办件量是过去的3倍多
    past = "突破" in norm[m.start : m.num_start]
    if direction is None and past and (m.unit_kind == "count" or norm.startswith("大关", m.end)):
        direction = "up"  # 经营主体突破330万户, GDP突破1500亿元大关: grew past (not 金额突破32亿元)
    if direction is None and m.unit in RATE_UNITS:
        far = pats["verb_far"].search(left)
        if far:  # 减少办事环节70%: the verb, the thing, then the rate of change
            direction, role = ("up" if far.group("up") else "down"), "change"
    if direction is None and m.unit == "%" and m.value > 0 and pats["rate_noun"].search(left):
        direction, role = "up", "change"  # 农业增速为3.2%: a rise of 3.2% (-4.6%: its sign says)
    comparison = None
    if role == "change":
        comparison = _comparison(norm[sentence_start : m.start], pats)
    if _planned(norm, m, clause_start, pats):
        role = "target"  # 预期目标是：地区生产总值增长6%左右 (a planned rise keeps its direction)
    elif role == "level" and direction is None and _is_target(norm, m, clause_start, pats):
        role = "target"
    return role, direction, comparison


def _comparison(head: str, pats: dict[str, re.Pattern]) -> str | None:
    found = list(pats["yoy"].finditer(head))
    if found:
        y = found[-1]
        rest = head[y.end() :]
        rest = ADVERBS_RE.sub("", rest)
        if CHANGE_VERB_NEXT.match(rest):
            return "yoy"
        return "vs_baseline" if "前" in rest[:6] or DIGIT.search(rest[:8]) else "yoy"
    if pats["vs"].search(head[-20:]):
        return "vs_baseline"
    return None


def after_last(text: str, marks: str) -> str:
    """`text` after the last of the one-character `marks` (a regex split's last part, unsplit).

    >>> after_last("目标:A增长5%;B增长", "。;")
    'B增长'
    """
    cut = -1
    for c in marks:  # a plain loop: max() over a generator costs more than the rfinds
        at = text.rfind(c)
        if at > cut:
            cut = at
    return text[cut + 1 :]


def _planned(norm: str, m: Mention, clause_start: int, pats) -> bool:
    """A target word (力争, 目标, 计划到…) earlier in the same sentence, or a list of goals that
    the sentence opens with a colon ("主要预期目标是：A增长5%；B增长4%；…")."""
    clause_start = max(clause_start, m.start - WINDOW)
    sentence_head = norm[max(0, clause_start - 30) : m.start]
    sentence_head = after_last(sentence_head, SENTENCE_MARKS)
    found = [
        t
        for t in pats["target"].finditer(sentence_head)
        if not (t.group() == "争取" and OBTAINED.match(sentence_head, t.end()))
    ]
    if any(not DONE_GOAL.search(sentence_head, 0, t.start()) for t in found):
        return True  # (not "完成全年目标任务的53.8%": a goal reached)
    whole = norm[max(0, m.start - 400) : m.start]
    whole = after_last(whole, FULL_STOP_MARKS)  # back to the 。, across the ; of a list
    if BY_YEAR_GOAL.search(sentence_head) and "累计" not in sentence_head:
        return True
    return bool(GOAL_LIST.search(whole) or pats["plan_scope"].search(whole))


def plan_sections(norm: str, vocab: Vocab) -> list[tuple[int, int]]:
    """Spans of plan sections: from a heading about goals and tasks ("二、2024年主要目标任务",
    "三、下一步工作打算", or a line of its own: "今后五年的重点目标") to the next heading (numbered, or
    a line of its own). Values inside are targets."""
    nq = vocab.not_quantities
    plan, past = nq["plan_heading_words"], nq["past_heading_words"]
    # both patterns match only at a line's start and within its line: tried at each line start,
    # not at every character as a (?m)^ pattern's search tries them
    starts = [0, *(m.end() for m in NEWLINE.finditer(norm))]
    lines = [h for h in map(LINE_HEADING.match, repeat(norm), starts) if h]
    titles = {h.start(1): h.group(1) for h in lines}
    for h in [h for h in map(TOP_HEADING.match, repeat(norm), starts) if h]:
        # a numbered heading: its title up to the first stop
        titles.pop(h.start(), None)
        titles[h.start()] = FULL_STOP.split(norm[h.end() : h.end() + 40])[0].split("\n")[0]
    headings = [
        (start, any(w in title for w in plan) and not any(w in title for w in past))
        for start, title in sorted(titles.items())
    ]
    return [
        (start, headings[k + 1][0] if k + 1 < len(headings) else len(norm))
        for k, (start, is_plan) in enumerate(headings)
        if is_plan
    ]


def _is_target(norm: str, m: Mention, clause_start: int, pats) -> bool:
    clause_start = max(clause_start, m.start - WINDOW)
    if pats["limit"].search(norm, clause_start, m.start):
        return True  # 控制在3%以内 (its own clause only)
    per = pats["per"].search(norm[clause_start : m.start])
    if (
        per
        and not PER_LEVEL.search(norm[clause_start + per.end() : m.start])
        and not PER_LEVEL_BEFORE.search(norm[clause_start : clause_start + per.start()])
        and not MEASURE_PER.search(norm[clause_start : m.start])
    ):
        # 每天将有10个案例, 每5万人建设1处 (but 每千名老人拥有床位40张, 人口密度为每平方公里1.2万人
        # and 平均每年7000人次 are levels)
        return True
    if STANDARD_AFTER.match(norm, m.end):
        return True  # 至少配备1名保洁员的标准, 按每百户1人的标准
    # a service standard: 5分钟内到场, 2小时解决 (but "仅用7天便全部完成" is a time taken)
    return bool(
        m.unit_kind == "time"
        and pats["standard"].match(norm, m.end)
        and not TIME_TAKEN.search(norm[clause_start : m.start])
    )


def year_marks(
    norm: str, vocab: Vocab, date_spans: list[tuple[int, int]] | None = None
) -> list[YearMark]:
    """Every year written in the text, with the year a span ends on (2017-2022年 -> 2022).

    `date_spans` are DATE_RE's matches when the caller has them already.
    """
    since = _since_re(vocab)
    if date_spans is None:
        date_spans = [m.span() for m in DATE_RE.finditer(norm)]
    marks = []
    for s, e in date_spans:
        text = norm[s:e]
        full = [int(y) for y in FULL_YEAR.findall(text)]
        if not full:
            continue
        years = YEAR_PARTS.findall(text)
        year = full[-1]
        if len(years) >= 2 and len(years[-1]) == 2:
            year = full[0] // 100 * 100 + int(years[-1])  # 2020-22年度 -> 2022
        after = norm[e : e + 4]
        before = norm[max(0, s - 2) : s]
        is_since = bool(since.match(after)) or before.endswith("自")
        # "同比整治前6年(2011-2016年)": a bracketed period that glosses a baseline, not the year
        bracketed = before[-1:] in ("(", "（") and norm[e : e + 1] in (")", "）")
        bracketed = bracketed and norm[max(0, s - 2) : s - 1] in ("年", "前", "期")
        # "比2020年翻了一倍", "较2019年下降": the year of the comparison base, not of the value
        bracketed = bracketed or before.endswith(("比", "较", "与", "同", "是"))  # 是2019年的2.4倍
        attached = bool(ATTACHED_YEAR.match(norm, e))
        marks.append(YearMark(s, e, year, is_since, bracketed, attached))
    return marks


def paragraph_year(
    norm: str, m: Mention, marks: list[YearMark], starts: list[int], sentence_start: int
) -> int | None:
    """The year an earlier sentence of the paragraph opens with, for a sentence that names none:
    "2018年全区经济社会发展取得显著成效。地区生产总值增长9.3%…" -> 2018. None when the
    sentence has a year of its own (a since-year, a comparison's) or speaks of now (目前, 至今:
    timing.yaml present_words), or the last year before it in the paragraph opens no clause, starts
    a span (2019年起) or dates an honour."""
    para_start = norm.rfind("\n", 0, sentence_start) + 1
    lo = bisect.bisect_left(starts, para_start)
    hi = bisect.bisect_left(starts, sentence_start)
    if hi == lo or bisect.bisect_left(starts, m.start) > hi:
        return None
    rules, y = load_timing(), marks[hi - 1]
    if any(w in norm[sentence_start : m.start] for w in rules["present_words"]):
        return None
    opens = y.start == para_start or norm[y.start - 1] in rules["clause_openers"]
    after = norm[y.end : y.end + 2]
    clause = CLAUSE_STOP.split(norm[y.end : sentence_start], maxsplit=1)[0]
    if not opens or y.since or y.bracketed or y.attached:
        return None
    if after.startswith(tuple(rules["span_followers"])):
        return None
    return None if any(w in clause for w in rules["honour_words"]) else y.year


CLAUSE_STOP = re.compile(r"[,，。;；!！?？\n]")


@cache
def _since_re(vocab: Vocab) -> re.Pattern:
    """A since-marker right after a year: "2019年以来" (since_markers of not_quantities.yaml)."""
    return re.compile(r"\s*" + alternation(vocab.not_quantities["since_markers"]))


def year_of(
    m: Mention,
    marks: list[YearMark],
    sentence_start: int,
    clause_end: int,
    starts: list[int] | None = None,
) -> int | None:
    """The year a mention refers to, from its own sentence (`starts`: the marks' starts, when
    the caller asks for many mentions of one text).

    "2022年,全市共成功劝阻…22.66万名" -> 2022; "2019年以来,化解…百余起" -> None;
    "从2016年的2.49降至2022年的0.81" -> 2016 and 2022; "…2人被评选为2022年度…" -> 2022.
    """
    starts = [y.start for y in marks] if starts is None else starts
    lo = bisect.bisect_left(starts, sentence_start)
    hi = bisect.bisect_right(starts, m.start)
    for k in range(hi - 1, lo - 1, -1):  # the last year before the number that counts
        y = marks[k]
        if y.end <= m.start and not y.bracketed and (not y.attached or m.start - y.end <= 3):
            return None if y.since else y.year
    lo = bisect.bisect_left(starts, m.end)
    hi = bisect.bisect_right(starts, clause_end)
    for k in range(lo, hi):  # else the first one after it in its clause
        y = marks[k]
        if y.end <= clause_end and not y.since:
            return y.year
    return None
