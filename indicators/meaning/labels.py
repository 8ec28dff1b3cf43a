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

from indicators.meaning.segment import tag
from indicators.vocabulary import load_yaml

MAX_LABEL = 16
COUNTED_KINDS = frozenset({"count", ""})  # a thing can follow these units: "277个小车停车位"
LIST_JOINERS = ("和", "及", "与", "、")
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


def _nounish(word: str, pos: str, w: _Words) -> bool:
    return pos in w.noun_tags or word in w.nouns


def counted_thing(right: str, unit_kind: str, unit: str = "") -> str:
    """The noun phrase right after a count, and what its actors did when the text names them first:
    "小车停车位和46个" -> "小车停车位"; "创业孵化基地" stays whole; "市民开通信用就医" ->
    "开通信用就医市民"; "," -> ""."""
    if unit_kind not in COUNTED_KINDS:
        return ""
    w, actors = _words(), _actor_nouns()
    tokens = tag(right)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        word, pos = tokens[i]
        after_actor = bool(out) and out[-1] in actors  # 市民|开通: a predicate, not a modifier
        modifier = pos in w.verb_tags and not after_actor
        following = i + 1 < len(tokens) and _nounish(*tokens[i + 1], w)
        joined = word in JOINING and out and following  # 食品和食用农产品: one count of both
        if not joined and (
            word in w.right_stops or not (_nounish(word, pos, w) or (modifier and following))
        ):
            break
        out.append(word)
        i += 1
    thing = "".join(out)
    if unit in ACTORS and out and out[-1] in actors and i < len(tokens):
        did = "".join(word for word, _ in tokens[i:] if word not in w.right_stops)
        if did and (len(did) <= 8 or tokens[i][1] in w.verb_tags | {"p", "d"}):
            return fit(did + thing)  # "8.8万名市民开通信用就医", "6家企业通过…评定": who did what
    return thing


@cache
def _actor_nouns() -> frozenset[str]:
    return frozenset(load_yaml("name_words.yaml")["actor_nouns"])


def trim_lead(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
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
    tokens = trim_lead(tag(left))
    verbs = [i for i, (word, pos) in enumerate(tokens) if pos in w.verb_tags]
    if not verbs:
        return "".join(word for word, _ in tokens)[-8:]
    first = verbs[-1]
    while first > 0 and tokens[first - 1][1] in w.verb_tags | {"vn"}:
        first -= 1
    phrase = [word for word, pos in tokens[first:] if word not in w.lead_words]
    subject: list[str] = []
    if any(pos in w.verb_tags for _, pos in tokens[:first]):
        return "".join(phrase)  # "利用腾空土地建设完工": 土地 is 腾空's object, not the subject
    for word, pos in reversed(tokens[:first]):
        if pos == "d":
            continue
        if not _nounish(word, pos, w) or len("".join(subject)) + len(word) > 6:
            break
        subject.insert(0, word)
    return "".join(subject + phrase)


NUMERAL_WORD = re.compile(r"^[0-9一二两三四五六七八九十百千万亿几数]+[个项条大种类级支家名]?$")
CUT_AFTER_WORDS = frozenset(
    {"对", "向", "为", "把", "将", "给", "替"}
)  # 住建部对…情况: 对 opens the name


def after_last_number(left: str) -> str:
    """A name never spans a number or starts before a preposition's object:
    "强制行为三个阶段提炼出" -> "阶段提炼出"; "住建部对垃圾分类重点城市" -> "垃圾分类重点城市";
    "每5万人建设" stays (a per-head standard)."""
    tokens = tag(left)
    cut = 0
    for i, (word, pos) in enumerate(tokens):
        if (
            NUMERAL_WORD.match(word)
            and not (i > 0 and tokens[i - 1][0] in ("每", "第"))
            or pos == "p"
            and word in CUT_AFTER_WORDS
            and 0 < i < len(tokens) - 1
        ):
            cut = i + 1
    rest = "".join(word for word, _ in tokens[cut:])
    return rest if len(rest) >= 2 else left


def whole_words(raw: str, cleaned: str) -> str:
    """`cleaned` (a trimmed piece of `raw`) without a cut inside a word: ("标的", "标") -> "标的",
    ("按时办结率", "时办结率") -> "按时办结率"."""
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
    if not thing or not gap.endswith(LIST_JOINERS):
        return None
    noun = gap.rstrip("".join(LIST_JOINERS))
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


def only_verbs(name: str) -> bool:
    """ "成功化解" and "调解成功" say what was done, not to what."""
    w = _words()
    tokens = tag(name)
    return bool(tokens) and all(pos in w.verb_tags or pos in ("d", "a", "ad") for _, pos in tokens)


def ends_with_verb(name: str) -> bool:
    """ "新增" and "办结" are verbs; "单位" is not (a noun names its own thing)."""
    tokens = tag(name)
    return bool(tokens) and tokens[-1][1] in _words().verb_tags


COMPARED = re.compile(r"同比|环比|较上年|较去年|比上年|比去年|较上月|与上年相比")
QUOTES = "“”‘’\"'「」『』"


def tidy_name(name: str) -> str:
    """Inner fillers out, quotes only when they pair:
    "12345热线共受理市民诉求" -> "12345热线受理市民诉求"; "A类的责任单位" -> "A类责任单位";
    "“以往要" -> "以往要"."""
    w = _words()
    tokens = tag(name)
    kept = [
        word
        for i, (word, _) in enumerate(tokens)
        if not (
            0 < i < len(tokens) - 1
            and (word in w.inner_fillers or (word == "的" and len(tokens[i - 1][0]) > 1))
        )
    ]
    name = "".join(kept)
    head = COMPARED.split(name, maxsplit=1)[0]
    if len(head) >= 2:
        name = head  # "死亡人数同比整治前下降": the subject stands before 同比
    if (
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


def fit(name: str, limit: int = MAX_LABEL) -> str:
    """At most `limit` characters, cut at a word boundary from the front ("…党组织书记" keeps its end)."""
    if len(name) <= limit:
        return name
    words = [word for word, _ in tag(name)]
    while words and len("".join(words)) > limit:
        words.pop(0)
    return "".join(words) or name[-limit:]
