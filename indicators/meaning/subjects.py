"""The body a sentence opens with, and the counts it names: "网络平台受理交办178件,按时办结回复178件"
-> the second count is 网络平台按时办结回复, not 按时办结回复.

Only a subject that ends in a body's head word (`name_words.yaml` subject_heads: 平台, 中心, 热线 …)
and is followed by its verb counts; only a name that starts with a verb takes it.
"""

from __future__ import annotations

import re
from functools import cache

from indicators.meaning.labels import fit, verb_tags
from indicators.meaning.segment import tag
from indicators.normalize import last_of
from indicators.vocabulary import alternation, load_yaml

SENTENCE_STOPS = "。！？；;!?\n"
SUBJECT_CHARS = 14  # the longest subject read ("12345政务服务便民热线")
SHORT_SUBJECT = 6  # a longer subject keeps its last words ("殿前街道智慧大脑平台" -> 智慧大脑平台)
HOTLINE = re.compile(r"^(\d{5,6})[^\d]*?(热线|专线)$")  # 12345政务服务便民热线 -> 12345热线
LEAD = re.compile(r"^[\s●○◆■□▲△★☆·•\-—]+")
# a first clause that only says when: "自2019年5月起,", "截至目前,", "2022年,", "试运行以来,"
WHEN = re.compile(
    r"^(?:[^,，;；:：。]{0,16}?(?:以来|起|至今|目前|年|月|底|期间)|其中|此外|同时)[,，]"
)  # also the list openers 其中, 此外
DETERMINERS = ("该", "此", "本", "这一", "这个")
PLACES = ("全市", "全区", "全县", "市", "区", "县", "省")
PLACE_LINE_WORDS = r"[\u4e00-\u9fff]{2,4}123\d\d(?![0-9])"  # 靖江12345: a place's hotline
PLACE_LINE = re.compile(f"^{PLACE_LINE_WORDS}$")
ADVERB_TAGS = frozenset({"d", "a", "ad"})  # 按时办结, 成功化解: an adverb before the verb


@cache
def _name_words() -> dict:
    return load_yaml("name_words.yaml")


@cache
def _subject_re() -> re.Pattern:
    words = _name_words()
    heads = alternation(words["subject_heads"])
    gaps = alternation(words["subject_gaps"])
    # a place's own hotline platform is a body too ("靖江12345受理19346个"); a gloss in brackets
    # after the subject is no part of it ("泰州市平台(主要覆盖市区)受理")
    place_line = PLACE_LINE_WORDS
    return re.compile(
        rf"^(?P<subject>{place_line}|[^\s,，;；:：。、“”()（）的]{{0,{SUBJECT_CHARS}}}?(?:{heads}))"
        rf"(?:[(（][^()（）]{{1,12}}[)）])?(?:{gaps})*"
    )


def sentence_subject(text: str, at: int) -> str:
    """The body the sentence holding offset `at` opens with, when a verb follows it:
    "网络平台受理交办178件" -> "网络平台"; "依托数字平台,兑现…" -> "" (the sentence opens with a verb)."""
    begin = last_of(text, SENTENCE_STOPS, at) + 1
    head = LEAD.sub("", text[begin : min(at, begin + 60)])
    head = head[WHEN.match(head).end() :] if WHEN.match(head) else head
    m = _subject_re().match(head)
    if not m:
        return ""
    after = tag(head[m.end() : m.end() + 6])
    if not after or not _verb_first(after):
        return ""
    return short_subject(m.group("subject"))


def short_subject(subject: str) -> str:
    """ "12345政务服务便民热线" -> "12345热线"; "区商事调解中心" -> "商事调解中心"."""
    hotline = HOTLINE.match(subject)
    if hotline:
        return hotline.group(1) + hotline.group(2)
    if PLACE_LINE.match(subject):
        return subject  # 靖江12345: the place is what tells the lines apart
    for lead in DETERMINERS:
        subject = subject.removeprefix(lead) if len(subject) - len(lead) >= 2 else subject
    for place in PLACES:
        if subject.startswith(place) and len(subject) - len(place) >= 2:
            subject = subject[len(place) :]
            break
    return fit(subject, SHORT_SUBJECT)


def _verb_first(tokens) -> bool:
    verbs = verb_tags()
    i = 1 if len(tokens) > 1 and tokens[0][1] in ADVERB_TAGS else 0
    if tokens[i][1] == "vn":  # 设置|课程: a verbal noun before its object acts as the verb
        return i + 1 < len(tokens) and tokens[i + 1][1].startswith("n")
    return tokens[i][1] in verbs


PARAGRAPH_NAME = 4  # the longest name that takes the body its paragraph is about ("受理案件")


@cache
def _body_re() -> re.Pattern:
    heads = alternation(_name_words()["subject_heads"])
    return re.compile(
        rf"(?:^|是|系|的)(?P<body>[^\s,，;；:：。、“”()（）的是系]{{1,{SUBJECT_CHARS}}}?(?:{heads}))"
        r"(?=[,，。;；是系(（]|$)"
    )


def paragraph_subject(text: str, at: int) -> str:
    """The body the paragraph holding offset `at` is about, named in its first sentence:
    "●厦门市经贸商事调解中心是全省首家…。2020年6月至今调解成功7982起" -> 商事调解中心;
    "●系全国首个实体化运行的金融司法协同平台,…,共受理案件80245件" -> 司法协同平台."""
    begin = text.rfind("\n", 0, at) + 1
    first = LEAD.sub("", text[begin : min(at, begin + 80)])
    stop = min((i for i in (first.find("。"), first.find(";")) if i >= 0), default=len(first))
    m = _body_re().search(first[:stop])
    return short_subject(m.group("body")) if m else ""


def opens_with_verb(name: str) -> bool:
    """ "按时办结回复" does (an adverb, then a verb); "群众满意率" does not."""
    tokens = tag(name)
    return bool(tokens) and _verb_first(tokens)


def subject_name(subject: str, name: str) -> str:
    """("网络平台", "按时办结回复") -> "网络平台按时办结回复"; a name that does not start with a
    verb, or already holds the subject's head, stays."""
    if not subject or not name or subject in name or name in subject:
        return name
    return fit(subject + name) if opens_with_verb(name) else name
