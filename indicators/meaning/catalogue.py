"""The indicator catalogue (vocab/indicator_catalogue.yaml): entries, and which entry names a row."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from indicators.meaning.segment import MEASURE_ENDS, tag  # the segmenter loads on first tag
from indicators.vocabulary import load_yaml

MEASURES = ("count", "rate", "money", "time", "amount", "index", "ratio")
BETTER = ("higher", "lower", "neither")
# the unit kinds (indicators.mentions) a level of each measure may carry; "" = a bare number
UNIT_KINDS = {
    "count": {"count", ""},
    "rate": {"percent", "ratio"},
    "money": {"money"},
    "time": {"time"},
    "amount": {"", "mass", "volume", "area", "length", "ratio", "count"},
    "index": {"", "ratio", "percent"},
    "ratio": {"", "ratio", "percent"},
}


@cache
def catalogue_data() -> dict:
    """vocab/indicator_catalogue.yaml parsed once (its indicators, growth words, channels and
    naming words are read from it by several stages); callers only read it."""
    return load_yaml("indicator_catalogue.yaml")


@dataclass(frozen=True)
class Entry:
    """One indicator the genre reports: its key, labels, measure, better direction and names."""

    key: str
    zh: str
    en: str
    measure: str
    better: str
    domain: str
    names: tuple[str, ...]
    context: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    fallback: bool = False  # a generic entry, chosen only when no other entry names the row
    # one indicator per item named before the word: 投诉类诉求占比, 咨询类诉求占比
    itemised: bool = False
    change_zh: str = ""  # the label word of a change in %, when not 增速 or 变化率 (涨幅)
    # one indicator measured for each unit a text names (承办单位工单办理量 of 市城管局, 市公安局 …):
    # the units listed in a sentence are its values, not parts of a whole (listed_parts.py)
    by_unit: bool = False
    # a generic word whose kinds are indicators of their own: 盗窃类警情, 交通堵塞警情 (警情);
    # "matter": the kinds are the matters a service is for (医疗机构设置申请材料, 工程建设项目审批时限)
    kinds: bool | str = False

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"catalogue entry {self.key}: unknown measure {self.measure!r}")
        if self.better not in BETTER:
            raise ValueError(f"catalogue entry {self.key}: better must be one of {BETTER}")
        if not self.names:
            raise ValueError(f"catalogue entry {self.key}: no names")


@cache
def by_unit_keys() -> frozenset[str]:
    """The keys of the entries measured for each unit named (`Entry.by_unit`)."""
    return frozenset(e.key for e in catalogue() if e.by_unit)


@cache
def catalogue() -> tuple[Entry, ...]:
    """Every entry, checked: keys unique, fields valid."""
    entries = []
    for raw in catalogue_data()["indicators"]:
        fields = {k: tuple(map(str, v)) if isinstance(v, list) else v for k, v in raw.items()}
        entries.append(Entry(**fields))
    keys = [e.key for e in entries]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValueError(f"indicator_catalogue.yaml: duplicate keys {duplicates}")
    return tuple(entries)


@cache
def growth_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The domains and name heads whose change in % is labelled 增速 (the catalogue's `growth`)."""
    growth = catalogue_data().get("growth", {})
    heads = sorted(growth.get("heads", []), key=len, reverse=True)
    return frozenset(growth.get("domains", [])), tuple(heads)


GAP = "…"  # in a catalogue name: who the action is for may stand between its parts (受理…诉求)


@cache
def _by_name() -> tuple[tuple[str, Entry], ...]:
    """(name, entry) for every plain name of every entry, longest name first."""
    pairs = [(name, e) for e in catalogue() for name in e.names if GAP not in name]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _gapped() -> tuple[tuple[re.Pattern[str], Entry], ...]:
    """The names with a gap, as patterns: "受理…诉求" names 受理企业群众诉求 (the catalogue's
    `gap_words` fill the gap), not 受理企业服务诉求 (requests about one topic)."""
    words = sorted(catalogue_data().get("gap_words", []), key=len, reverse=True)
    fill = "(?:" + "|".join(map(re.escape, words)) + ")+"
    out = []
    for e in catalogue():
        for name in e.names:
            if GAP in name:
                first, second = name.split(GAP, 1)
                out.append((re.compile(re.escape(first) + fill + re.escape(second)), e))
    return tuple(out)


@cache
def _gap_heads() -> re.Pattern[str]:
    """Any first part of a gapped name (受理…诉求 -> 受理): a name without one matches none."""
    heads = {n.split(GAP, 1)[0] for e in catalogue() for n in e.names if GAP in n}
    return re.compile("|".join(map(re.escape, sorted(heads))) if heads else r"(?!x)x")


@cache
def _automaton():
    import ahocorasick_rs  # noqa: PLC0415

    by_word: dict[str, list[Entry]] = {}
    for name, entry in _by_name():
        by_word.setdefault(name, []).append(entry)
    words = list(by_word)
    return words, by_word, ahocorasick_rs.AhoCorasick(words)


def _candidates(names: set[str]) -> list[tuple[str, Entry]]:
    """(name, entry) for every catalogue name found in any of `names`, longest name first
    (one Aho-Corasick pass per name instead of a substring test per catalogue name); a gapped
    name stands as the words it matched."""
    words, by_word, automaton = _automaton()
    found = sorted(  # the words are listed longest first, so their indices give the order
        {i for n in names for i, _, _ in automaton.find_matches_as_indexes(n, overlapping=True)}
    )
    plain = [(words[i], e) for i in found for e in by_word[words[i]]]
    gapped = [
        (m[0], e)
        for n in sorted(names)
        if _gap_heads().search(n)  # a gapped name's first part is in the name
        for p, e in _gapped()
        for m in [p.search(n)]
        if m
    ]
    if not gapped:
        return plain
    return sorted(plain + gapped, key=lambda p: -len(p[0]))  # stable: plain first at a tie


def item_of(entry: Entry, name: str) -> str:
    """The item an itemised entry's word follows in a name: ("投诉类诉求占比", category share) ->
    "投诉" (and from "12345热线投诉类诉求占比"); "" when the name starts with the word or the entry
    is not itemised."""
    if not entry.itemised:
        return ""
    for word in sorted(entry.names, key=len, reverse=True):
        at = len(name) - len(word) if word == CLASS else name.find(word)  # a bare 类 ends the name
        if at > 0 and name[at:].startswith(word) and name[at - 1] not in NO_CATEGORY:
            return without_fillers(name[:at].rsplit("热线", 1)[-1])  # 12345热线投诉 -> 投诉
    return ""


KIND_LEADS = re.compile(
    r"^(?:本月|当月|本周|全年|上半年|今年|去年|全市|全区|全县|共|接报|受理|发生|各类)+"
)


def kind_of(entry: Entry, name: str) -> str:
    """The kind a generic entry's word is of in a name: ("盗窃类警情", police incidents) -> "盗窃类";
    ("本月接报警情", …) -> "" (the whole)."""
    if not entry.kinds:
        return ""
    word = next((w for w in sorted(entry.names, key=len, reverse=True) if w in name), "")
    if not word:
        return ""
    kind = KIND_LEADS.sub("", without_fillers(name[: name.find(word)]))
    if entry.kinds == MATTER:
        return matter_of(kind)
    if entry.kinds == OBJECT:  # 侦破刑事案件, 养老诈骗破案: the cases before or after the verb
        return object_kind(kind) or object_kind(name[name.find(word) + len(word) :])
    if any(pos in NOT_KIND_TAGS for _, pos in tag(kind)):
        return ""  # "广西公安机关共立刑事案件": who and how, no kind of cases
    return kind if len(kind) >= 2 else ""


OBJECT = "object"
OBJECT_TAILS = re.compile(
    r"(?:类?案件)?(?:数量|总数|数|量)?$"
)  # what every kind of cases ends with
OBJECT_LEADS = re.compile(r"^(?:各类|全部|均|共)+|(?:全部|均|全)$")


def object_kind(words: str) -> str:
    """The kind of cases a verb of solving names: "刑事案件" -> "刑事"; "涉拐类案件" -> "涉拐";
    "案件数", "" -> "" (the whole)."""
    kind = OBJECT_LEADS.sub("", OBJECT_TAILS.sub("", words.strip('“”"')))
    if len(kind) < 2 or any(pos in OBJECT_NOT_TAGS for _, pos in tag(kind)):
        return ""
    if any(body in kind for body in _subject_heads()):
        return ""  # "公安机关立案破案": who solved them, not which cases
    return kind


OBJECT_NOT_TAGS = frozenset({"p", "r", "d"})  # 对, 其, 已: no kind of cases (及 joins two kinds)


@cache
def _subject_heads() -> tuple[str, ...]:
    return tuple(load_yaml("name_words.yaml")["subject_heads"])


MATTER = "matter"
MATTER_LENGTH = 4  # shorter than this, the words left are a manner (依法, 涉企), not a matter


def matter_of(words: str) -> str:
    """The matter a service measure is for, its actions and manners out: "促使教师资格认证" ->
    "教师资格"; "工程建设项目审批平均" -> "工程建设项目"; "压减", "平均减少" -> ""."""
    tagged = list(tag(words))
    while tagged and tagged[0][1] in NOT_MATTER_TAGS:
        tagged.pop(0)
    while tagged and tagged[-1][1] in NOT_MATTER_TAGS:
        tagged.pop()
    matter = "".join(w for w, _ in tagged)
    if any(pos in NOT_KIND_TAGS for _, pos in tagged):
        return ""
    return matter if len(matter) >= MATTER_LENGTH else ""


NOT_MATTER_TAGS = frozenset({"v", "a", "ad", "d", "b", "p", "m", "q"})  # actions, manners, amounts


NOT_KIND_TAGS = frozenset(
    {"ns", "nt", "d", "p", "r", "c"}
)  # places, bodies, adverbs, function words


def measured_category(entry: Entry, name: str) -> str:
    """The category a measure of a non-itemised entry is of: ("教育类诉求满意率", satisfaction
    rate) -> "教育"; "" when the name names no category before the entry's word."""
    found = CATEGORY.search(name) if not entry.itemised and CLASS in name else None
    if found is None:
        return ""
    word = next((w for w in sorted(entry.names, key=len, reverse=True) if w in name), "")
    if not word or name.find(word) < found.end():
        return ""
    return without_fillers(name[: found.start()].rsplit("热线", 1)[-1])


POINT_MEASURES = frozenset({"rate", "index", "ratio"})  # the measures a change in points is of


def fits_unit(entry: Entry, unit_kind: str, is_change: bool, unit: str = "") -> bool:
    """A level must carry its measure's unit; a change may be in % of any measure, but a change
    in percentage points only of a rate ("电信网络诈骗案件破案率提升14.1个百分点" is no count of
    fraud cases)."""
    if is_change:
        return unit != "pp" or entry.measure in POINT_MEASURES
    return unit_kind in UNIT_KINDS[entry.measure]


def match(
    name: str,
    sentence: str,
    unit_kind: str,
    is_change: bool,
    topics: frozenset[str] = frozenset(),
    unit: str = "",
) -> Entry | None:
    """The entry whose longest name the row's name contains, its context and unit permitting;
    generic (fallback) entries only when no other fits. Filler words do not hide a name
    ("12345热线共受理市民诉求" names hotline.intake through 受理诉求).

    `topics`: context words the document as a whole is about (see `document_topics`).
    "电信网络诈骗刑事警情" -> safety.telecom_fraud; "调解成功率" (unit %) -> dispute.mediation_success_rate.
    """
    if not name or name.endswith(_share_of_growth()):
        return None  # "第一产业对GDP增长贡献率" is no change of GDP: a sector's share of it
    found: Entry | None = None
    for word, entry in _candidates({name, without_fillers(name)}):
        if any(u in name for u in entry.unless):
            continue
        if not entry.itemised and not entry.kinds and not fits_category(word, name):
            continue  # "物业管理类投诉" is a category of complaints, not the whole count
        base = name if word in name else without_fillers(name)  # the form the word stands in
        if not entry.itemised and base[: base.find(word)].endswith(_rest_words()):
            continue  # "其他服务业增加值" is the rest of the services, not the whole sector
        if entry.measure == "count" and _acted_on(word, base):
            continue  # "受理事项回复": the replies to what was received, not the intake
        if entry.itemised and (not item_of(entry, name) or unit == CLASS):
            continue  # "各类诉求", "类诉求占比": no one category; "两类": a count of kinds
        if entry.context and not any(
            c in name or c in sentence or c in topics for c in entry.context
        ):
            continue
        if unit in ACTOR_UNITS and _counts_actors(word, name):
            continue  # "刑事案件立案数下降市县": a count of places, not of criminal cases
        if fits_unit(entry, unit_kind, is_change, unit):
            if not entry.fallback:
                return entry
            found = found or entry
    return found


def _acted_on(word: str, name: str) -> bool:
    """The name ends after the entry's word with an action on what it names: "受理事项回复",
    "来电办结量" (list_names.yaml actions); not "办结转派诉求工单" (an action naming the thing)."""
    after = name[name.find(word) + len(word) :]
    return bool(after) and after.rstrip("量数") in _actions()


@cache
def _actions() -> tuple[str, ...]:
    return tuple(load_yaml("list_names.yaml")["actions"])


@cache
def _rest_words() -> tuple[str, ...]:
    """What is left of a whole once its named parts are out (name_words.yaml rest_words)."""
    return tuple(load_yaml("name_words.yaml")["rest_words"])


ACTOR_UNITS = frozenset(
    {"个", "家", "所", "户", "名", "人", "处"}
)  # not 件: "转派各成员单位2000件"


@cache
def _actors() -> tuple[str, ...]:
    """Who or what a count may count after a measure in its name (name_words.yaml actor_nouns,
    the catalogue's place_actors), longest first."""
    naming = catalogue_data().get("naming", {})
    words = {*load_yaml("name_words.yaml")["actor_nouns"], *naming.get("place_actors", ())}
    return tuple(sorted(words, key=len, reverse=True))


def _counts_actors(word: str, name: str) -> bool:
    """ "刑事案件立案数下降县区" counts places whose cases fell, "按时办结率达到100%单位" units: the
    entry's word stands before the actors the name ends with."""
    actor = next((a for a in _actors() if name.endswith(a)), "")
    return (
        bool(actor)
        and not word.endswith(actor)
        and name.rfind(word) + len(word) < len(name) - len(actor)
    )


# a category of a thing ("咨询类诉求"); 各类, 此类, 两类 name no category
CLASS = "类"
NO_CATEGORY = "各此该等这那每几多两一二三四五六七八九十ⅠⅡⅢⅣⅤⅥ"
CATEGORY = re.compile(rf"(?<![{NO_CATEGORY}])类(?=[\u4e00-\u9fff])")


def fits_category(word: str, name: str) -> bool:
    """Whether a non-itemised entry named by `word` fits a name that may name a category:
    "物业管理类投诉" is no count of all 投诉; "投诉类诉求受理" is the complaints; "办结投诉类诉求"
    (an action on the category) and "办结咨询类诉求" (a category of what was completed) are
    neither of the entries their words name; a measure after the category ("教育类诉求满意率")
    keeps its entry."""
    if "类" + word in name or _marks_category(word, name):
        return False
    found = CATEGORY.search(name)
    at = name.find(word)
    if found is None or CLASS in word:
        return True
    if (
        at >= found.start()
    ):  # after the category: a measure of it, not an action on it (…类事项办结)
        return word.endswith(tuple(MEASURE_ENDS)) or not _verbal(word, tag)
    if not name[: found.start()].endswith(word):
        return False
    return not _verbal(name[:at], tag) if at else True


def _verbal(text: str, tag) -> bool:
    """Whether any word of `text` is tagged as a verb (v, vd, vn …)."""
    return any(pos.startswith("v") for _, pos in tag(text))


@cache
def _share_of_growth() -> tuple[str, ...]:
    """The measures of a part's share in a whole's growth (贡献率, 拉动率): no entry's change."""
    return tuple(load_yaml("name_words.yaml")["subject_measures"])


@cache
def _category_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    data = load_yaml("name_words.yaml")
    return tuple(data["category_marks"]), tuple(data["category_of"])


def _marks_category(word: str, name: str) -> bool:
    """ "空气污染问题投诉": 问题 before a word of the hotline's own counts marks a category."""
    marks, words = _category_words()
    return word.startswith(words) and any(mark + word in name for mark in marks)


@cache
def _fillers() -> frozenset[str]:
    return frozenset(load_yaml("name_words.yaml")["match_fillers"])


def without_fillers(name: str) -> str:
    """The name without words that never tell indicators apart: "共受理群众和企业诉求" -> "受理诉求"."""
    return "".join(word for word, _ in tag(name) if word not in _fillers())


TOPIC_MENTIONS = 3  # a context word used this often in a document is what the document is about


@cache
def _context_words() -> tuple[str, ...]:
    return tuple(sorted({c for e in catalogue() for c in e.context}))


def document_topics(text: str) -> frozenset[str]:
    """The catalogue's context words a document keeps using: a hotline bulletin says 热线 and
    工单 again and again, so its bare "满意率" is the hotline's.

    The words are counted in one pass over the text (every occurrence of each); a word that can
    overlap itself (a start that is also its end) is counted as str.count counts, without overlaps."""
    automaton, overlapping = _context_matcher()
    found = Counter(automaton.find_matches_as_strings(text, overlapping=True))
    return frozenset(
        w
        for w in _context_words()
        if found[w] >= TOPIC_MENTIONS and (w not in overlapping or text.count(w) >= TOPIC_MENTIONS)
    )


@cache
def _context_matcher():
    """An automaton of the context words, and those of them that can overlap themselves."""
    import ahocorasick_rs  # noqa: PLC0415

    words = _context_words()
    dfa = ahocorasick_rs.Implementation.DFA
    overlapping = frozenset(w for w in words if any(w[:k] == w[-k:] for k in range(1, len(w))))
    return ahocorasick_rs.AhoCorasick(words, implementation=dfa), overlapping


@dataclass(frozen=True)
class Channel:
    """A part of a service that bulletins report on its own (a hotline's phone line, its online
    channel, the parallel lines of other numbers; a mediation channel): its key suffix, label,
    the words naming it, the key prefixes it applies to and the label head it replaces."""

    suffix: str
    zh: str
    en: str
    pattern: re.Pattern[str]
    beside_whole: bool = False  # a part only where the document reports the whole service too
    applies_to: tuple[str, ...] = ()
    replaces: str = ""  # the entry label's head the part's label takes the place of
    own_name: re.Pattern[str] | None = None  # words naming the part only in the row's own name


@cache
def channels() -> tuple[Channel, ...]:
    """The channels, in the catalogue's order (first wins); a part without its own `applies_to`
    takes the section's."""
    data = catalogue_data().get("channels", {})
    default = tuple(data.get("applies_to", []))
    return tuple(
        Channel(
            c["suffix"],
            c["zh"],
            c["en"],
            re.compile("|".join(c["patterns"])),
            bool(c.get("beside_whole", False)),
            tuple(c.get("applies_to", default)),
            c.get("replaces", data.get("replaces", "")),
            re.compile("|".join(c["name_patterns"])) if c.get("name_patterns") else None,
        )
        for c in data.get("parts", [])
    )


def channel_of(key: str, name: str, before: str) -> Channel | None:
    """The channel a row reports, from its name and the sentence before its number:
    "12315消费者投诉举报热线共接听来电" -> the parallel lines; "12345热线电话(含公众号、APP)受理"
    -> the phone line; "网络平台受理交办" -> online; "12345热线平台共受理" -> None (the whole);
    "人民调解受理2345件,…成功率达97.4%" -> people's mediation."""
    text = before + " " + name
    return next(
        (
            c
            for c in channels()
            if key.startswith(c.applies_to)
            and (c.pattern.search(text) or (c.own_name and c.own_name.search(name)))
        ),
        None,
    )
