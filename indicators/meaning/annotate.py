"""The meaning stage: every row gets its label, key, core flag, polarity and improving."""

from __future__ import annotations

import re
from functools import cache

from indicators.meaning.breakdowns import (
    CLOSES,
    OPENS,
    PART_OF,
    action_after_name,
    bracket_open,
    part_name,
    part_words,
    words_before,
)
from indicators.meaning.casualties import (
    CASUALTY_BACK,
    casualty_measure,
    casualty_name,
    is_incident,
)
from indicators.meaning.catalogue import channels, document_topics
from indicators.meaning.categories import (
    HEAD_BACK,
    aspect_examples_name,
    aspect_rate_name,
    bracket_share_name,
    category_line_name,
    fallback_name,
    gap_name,
    gap_place,
    places_did_name,
    respective_gap_name,
    streak,
    streak_name,
    streak_of,
    without_aspect,
    work_time_name,
)
from indicators.meaning.core import is_core
from indicators.meaning.focus import (
    another_action,
    attribute_after_rate,
    earlier_names,
    named_by_focus,
)
from indicators.meaning.headings import SIBLING_GAPS, heading_name, whole_of_part
from indicators.meaning.identity import (
    Identity,
    average_of,
    averaged_label,
    change_suffix,
    grew_past,
    identify,
    key_words,
)
from indicators.meaning.item_heads import (
    CLASSED,
    fits_head,
    lacks_measure,
    shared_head,
    window_before,
)
from indicators.meaning.labels import (
    first_is_verb,
    fit,
    is_bare_category,
    only_a_comparison,
    points_name,
    rate_nouns,
    shared_subject_name,
    sub_item_name,
    time_limit_name,
)
from indicators.meaning.listed_parts import counted_apart, listed_parts
from indicators.meaning.lists import (
    RESPECTIVELY,
    category_heads,
    is_action,
    name_changes_of_before,
    name_summarised_lists,
    name_values_after_items,
    row_runs_saying,
    split_joined_names,
    split_listed_names,
)
from indicators.meaning.own_place import is_own_place, leading_place
from indicators.meaning.polarity import improving, polarity_of
from indicators.meaning.sectors import listed_sectors, part_names
from indicators.meaning.subjects import (
    PARAGRAPH_NAME,
    opens_with_verb,
    paragraph_subject,
    sentence_subject,
    subject_name,
)
from indicators.ratios import COLONS

UNIT_KIND = "_unit_kind"  # row keys the pipeline passes to this stage; not table columns
BARE_NAME = 4  # the longest bare action or rate ("按时办结", "审结率")
KEY_NAME = "_key_name"
OWN_PART = "_own_part"  # a part named before its number (岛内), keyed as its whole's part
SIDES = "_sides"  # a row's sentence before and after its surface, found once (not a column)  # the name the identity is made from ("岳阳县工单办理数" -> "工单办理数")


def add_meaning(rows: list[dict], text: str = "") -> list[dict]:
    """Add indicator_label, indicator_label_en, indicator_key, core, polarity and improving.

    A baseline and the current value of its pair share the level's key (both are levels).
    `text` is the document's text: what it keeps talking about settles ambiguous names.
    """
    topics = document_topics(text) if rows else frozenset()
    _name_rows(rows, text)
    if HOTLINE_TOPICS & topics:
        _name_described_categories(rows, text)
    parts = []  # rows of a channel that is a part only beside the whole service
    for row in rows:
        ident = _annotate_row(row, text, topics)
        if ident.whole is not None:
            parts.append((row, ident.whole))
    _merge_lone_parts(rows, parts)
    _keep_parts_apart(rows)
    _keep_listed_parts_apart(rows)
    for row, unit in counted_apart(rows):
        _as_part(row, row, unit)  # 阳光问政直播间(期), 阳光问政直播间(件次)
    for row in rows:
        if row.get(OWN_PART):  # 岛内 of 道路交通事故警情: the whole's key and the part's words
            _as_part(row, row, row.pop(OWN_PART))
    for row in rows:
        if row.get(LEVEL_OF) is not None:
            _keyed_as_level(row, row.pop(LEVEL_OF))
    return rows


LEVEL_OF = "_level_of"  # the level row a change is keyed as (annotate._key_changes_as_levels)


def _keyed_as_level(row: dict, level: dict) -> None:
    """The change of a level keyed by a catalogue part ("gov.cases_handled.人社") is that part's
    change; a name's own key (auto.…) is left as the change's name gives it."""
    suffix, zh_more, _ = change_suffix(row["role"], row.get("unit") or "", row.get("direction"))
    key, label = level.get("indicator_key") or "", level.get("indicator_label") or ""
    if suffix and key and not key.startswith("auto.") and not key.endswith(suffix):
        whole = label.split("(")[
            0
        ]  # 政务服务办件量(人社) -> the change's label says 变化率 or 增速
        said = row.get("indicator_label") or ""
        zh_more = said[len(whole) :] if whole and said.startswith(whole) else zh_more
        row["indicator_key"], row["indicator_label"] = key + suffix, label + zh_more


def _name_rows(rows: list[dict], text: str) -> None:
    """The naming stages, in order: each renames the rows its shape of sentence covers."""
    split_joined_names(rows, ("indicator", KEY_NAME))  # 城乡…分别增长5%和7.5% -> 城镇…, 农村…
    name_summarised_lists(rows, ("indicator", KEY_NAME))  # A、B、C等三大门类分别实现…
    split_listed_names(rows, ("indicator", KEY_NAME))  # 马上办、网上办事项比例分别达到… -> one each
    _name_parts_of_wholes(rows, text)
    _name_bare_comparisons(rows)
    _name_sub_items(rows)
    _name_shared_subjects(rows)
    name_values_after_items(rows, ("indicator", KEY_NAME))  # 产量…、销量…,分别是上年的3.1倍、3倍
    _name_categories(rows, text)
    _name_respective_gaps(rows)
    _name_casualties(rows, text)
    _name_by_focus(rows, text)
    _name_rate_points(rows, text)
    _key_changes_as_levels(rows)
    _name_by_subjects(rows, text)
    _name_breakdowns(rows, text)
    name_changes_of_before(rows, ("indicator", KEY_NAME))  # 。比去年同期分别下降了13.9%、18%
    _name_streaks_and_blanks(rows, text)
    _name_ratio_parts(rows, text)
    _name_listed_sectors(rows)
    _name_items_by_heads(rows, text)
    _name_without_own_place(rows, text)
    _name_growth_rates(rows)
    _name_bare_averages(rows)


HOTLINE_TOPICS = frozenset({"12345", "热线", "诉求", "工单"})  # a document about requests
DESCRIBED = re.compile(r"^\s*[)）]?\s*[,，:：;；]?\s*主要(?:是|反映|涉及|为|包括|集中在|集中于)")


def _name_described_categories(rows: list[dict], text: str) -> None:
    """ "居民日常服务1412件,主要是水电气、垃圾处理…", "1.噪音扰民(1500件):主要反映…": in a bulletin of
    requests, a bare noun counted and then described is a category of requests (居民日常服务类诉求)."""
    for row in rows:
        name = row.get("indicator") or ""
        if row.get(UNIT_KIND) != "count" or not name or name.endswith(CATEGORY_ENDS):
            continue
        if len(name) > MAX_CATEGORY or first_is_verb(name) or is_action(name):
            continue  # "办结…", "接听电话": what was done, not a category
        if DESCRIBED.match(_sides(row, text)[1]):
            row["indicator"] = row[KEY_NAME] = name + "类诉求"


MAX_CATEGORY = 8  # a longer name is a phrase of its own, not a category
CATEGORY_ENDS = ("类", "问题", "件", *category_heads())  # a name that already names its category


def _name_without_own_place(rows: list[dict], text: str) -> None:
    """ "临泉县居民消费价格" in 临泉县's own release: the document's own place says nothing in a name
    (and would keep its key apart from every other county's); a district of a city's report is
    no own place (meaning/own_place.py)."""
    own: dict[str, bool] = {}
    for row in rows:
        for field in ("indicator", KEY_NAME):
            name = row.get(field) or ""
            place = leading_place(name)
            if not place or len(name) - len(place) < 3:
                continue
            if place not in own:
                own[place] = is_own_place(place, text)
            if own[place]:
                row[field] = name[len(place) :]


def _name_bare_averages(rows: list[dict]) -> None:
    """ "话务总数20693个,日均230个": a bare average is of the thing counted just before it."""
    for prev, row in zip(rows, rows[1:], strict=False):
        name = row.get("indicator") or ""
        average = average_of(name)
        if not average or name != average[0] or prev.get("sentence") != row.get("sentence"):
            continue
        if prev.get(UNIT_KIND) != row.get(UNIT_KIND) or average_of(prev.get("indicator") or ""):
            continue
        thing = prev.get(KEY_NAME) or prev.get("indicator") or ""
        row["indicator"] = row[KEY_NAME] = averaged_label(average[0], thing) if thing else name


def _name_growth_rates(rows: list[dict]) -> None:
    """ "地区生产总值增速为6.5%" is a change of 地区生产总值: its identity is made without the rate's
    noun (economy.gdp.change_rate, labelled 地区生产总值增速); the name keeps the text's words."""
    for row in rows:
        if row.get("role") != "change" or row.get("unit") != "%":
            continue
        name = row.get(KEY_NAME) or row.get("indicator") or ""
        noun = next((n for n in rate_nouns() if name.endswith(n)), "")
        if noun and len(name) - len(noun) >= 2:
            row[KEY_NAME] = name[: -len(noun)]


def _name_items_by_heads(rows: list[dict], text: str) -> None:
    """ "从主要工业产品产量看,精制茶增长23.9%" -> 精制茶产量: a bare item takes the measure its
    list's opener names (item_heads.py)."""
    for row in rows:
        start = row.get("start")
        name = row.get("indicator") or ""
        if not text or not isinstance(start, int) or not lacks_measure(name, CLASSED):
            continue
        before, _ = _sides(row, text)
        head = shared_head(window_before(text, start, start - len(before)))
        if not head or not fits_head(head, row.get(UNIT_KIND) or ""):
            continue
        for field in ("indicator", KEY_NAME):
            name = row.get(field) or ""
            if name and lacks_measure(name, head):
                row[field] = name + head


def _annotate_row(row: dict, text: str, topics: frozenset[str]) -> Identity:
    """One row's label, key, core, polarity and improving, in place; returns its identity."""
    _name_time_limit(row)
    name, unit, kind = row.get("indicator") or "", row.get("unit") or "", row.get(UNIT_KIND) or ""
    key_name = row.get(KEY_NAME) or name
    before, after = _sides(row, text)
    ident = identify(
        key_name,
        row.get("sentence") or "",
        unit,
        kind,
        row["role"],
        row.get("direction"),
        topics,
        before,
    )
    row["indicator_label"] = (
        ident.label if ident.entry or key_name == name else _as_named(ident, key_name, name)
    )
    row["indicator_label_en"] = ident.label_en or None
    row["indicator_key"] = ident.key
    if gap_place(name):  # a gap to the province is not the level: its own key
        row["indicator_key"] = f"{ident.key}.vs_{gap_place(name)}"
        row["indicator_label"], row["indicator_label_en"] = name, None
    surface, value, qualifier = row.get("surface") or "", row.get("value"), row.get("qualifier")
    row["core"] = is_core(
        name, surface, unit, kind, value, before=before, after=after, qualifier=qualifier
    )
    if grew_past(row, kind, before, ident):
        row["direction"] = "up"  # 地区生产总值突破2000亿元, 迈上14万亿元新台阶: it grew past
    row["polarity"] = polarity_of(ident.entry, name, kind)
    row["improving"] = improving(row.get("direction"), row["polarity"])
    return ident


def _as_named(ident: Identity, key_name: str, name: str) -> str:
    """The row's own name with the kind its key's label gives (变化率, 变化(百分点) …): a unit's
    change keyed by the measure ("城市管理局工单数量", key 工单数量) -> 城市管理局工单数量变化率."""
    kind = ident.label[len(key_name) :] if ident.label.startswith(key_name) else ""
    if kind in CHANGE_RATE_WORDS and name.endswith(rate_nouns()):
        return name  # "农业增速" (key 农业): the name says its rate already
    return name + kind if kind and not name.endswith(kind) else name


CHANGE_RATE_WORDS = ("变化率", "增速")  # the label words of a change in %


def _has_sibling(whole: str, own: str, keys: set[str]) -> bool:
    """Another channel of the same whole is reported too ("接听群众来电…办结1715件" beside
    "互联网+政务网留言…办结221件"): the channels are parts side by side, the whole unreported."""
    base, dot, change = whole.partition(".change")  # hotline.completed(.change_rate)
    change = dot + change
    for key in keys:
        if key == own or not key.startswith(base + ".") or not key.endswith(change):
            continue
        if key[len(base) + 1 : len(key) - len(change)] in _channel_suffixes():
            return True
    return False


@cache
def _channel_suffixes() -> frozenset[str]:
    return frozenset(c.suffix for c in channels())


def _merge_lone_parts(rows: list[dict], parts: list) -> None:
    """A channel's row takes the whole service's identity when the document reports no figure of
    the whole under that key: "本月热线电话接通率98.6%" alone is the hotline's 接通率."""
    keys = {row["indicator_key"] for row in rows}
    for row, whole in parts:
        if whole.key not in keys and not _has_sibling(whole.key, row["indicator_key"], keys):
            row["indicator_key"], row["indicator_label"] = whole.key, whole.label
            row["indicator_label_en"] = whole.label_en or None


def _heading(row: dict, before: str, text: str) -> str:
    start = row.get("start")
    return heading_name(text, start - len(before)) if text and isinstance(start, int) else ""


def _name_parts_of_wholes(rows: list[dict], text: str) -> None:
    """ "道路交通事故警情中,岛内环比下降6%" -> 岛内道路交通事故警情, identified as the whole's part
    (meaning/headings.py; the key gets the part once the whole's key is known)."""
    sibling, sentence = "", None
    for i, row in enumerate(rows):
        name = row.get("indicator") or ""
        before = _sides(row, text)[0]
        at = before.rfind(name) if name else -1
        clause = before[:at] if at >= 0 else ""
        if row.get("sentence") != sentence:  # "…;岛外环比下降": a ; may end the sentence before
            joined = (sentence or "").rstrip().endswith(SIBLING_GAPS) and not clause.strip()
            sibling, clause = (sibling, ";") if joined else ("", clause)
        sentence = row.get("sentence")
        prev = rows[i - 1] if i else {}
        if prev.get(OWN_PART) == name and prev.get("sentence") == sentence:
            whole = prev[KEY_NAME]  # "岛外环比下降7.12%,同比上升16.29%": the same part again
        else:
            whole = (
                whole_of_part(name, clause, prev.get("indicator") or "", sibling) if at >= 0 else ""
            )
        if whole:
            row["indicator"], row[KEY_NAME], row[OWN_PART] = fit(name + whole), whole, name
            sibling = whole


def _name_bare_comparisons(rows: list[dict]) -> None:
    """A change named only by its comparison is a change of the thing the sentence named just
    before: "市民工单3656件,较上期相比减少41件" -> the 41件 is of 市民工单."""
    for prev, row in zip(rows, rows[1:], strict=False):
        if only_a_comparison(row.get("indicator") or "") and prev.get("sentence") == row.get(
            "sentence"
        ):
            row["indicator"] = prev.get("indicator")
            row[KEY_NAME] = prev.get(KEY_NAME) or prev.get("indicator")


def _key_changes_as_levels(rows: list[dict]) -> None:
    """A change named as the level just before it is keyed as that level: "城市管理局1076件(同比上升
    63.03%)" after "工单数量较多的单位为:" -> the key of 工单数量, by unit (its change rate's key)."""
    for prev, row in zip(rows, rows[1:], strict=False):
        keyed = prev.get(KEY_NAME)
        if (
            keyed
            and row.get("role") == "change"
            and prev.get("role") != "change"
            and row.get("indicator") == prev.get("indicator") != keyed
            and row.get(KEY_NAME) in (None, row.get("indicator"))
            and prev.get("sentence") == row.get("sentence")
        ):
            row[KEY_NAME], row[LEVEL_OF] = keyed, prev


def _name_rate_points(rows: list[dict], text: str) -> None:
    """A change in points right after a change in % of the same thing is a change of its growth
    rate: "同比增长21.8%,增幅比1-4月提高1.6个百分点" -> 规模以上工业增加值增速 (labels.points_name)."""
    for prev, row in zip(rows, rows[1:], strict=False):
        name = prev.get("indicator") or ""
        if (
            name
            and row.get("indicator") == name
            and row.get("unit") == "pp"
            and prev.get("unit") == "%"
            and row.get("role") == prev.get("role") == "change"
            and prev.get("sentence") == row.get("sentence")
        ):
            row["indicator"] = row[KEY_NAME] = points_name(name, _sides(row, text)[0])


def _name_sub_items(rows: list[dict]) -> None:
    """ "吸引两岸研学生近20万人次,其中台湾青少年近7000人次" -> the 7000 are 吸引台湾青少年."""
    for prev, row in zip(rows, rows[1:], strict=False):
        if prev.get("sentence") != row.get("sentence"):
            continue
        name = row.get("indicator") or ""
        named = sub_item_name(name, prev.get("indicator") or "", _sides(row)[0])
        if named != name:
            row[KEY_NAME] = named if row.get(KEY_NAME) in (None, name) else row[KEY_NAME]
            row["indicator"] = named


def _name_shared_subjects(rows: list[dict]) -> None:
    """ "红旗品牌汽车产量10.4万辆、销量10.02万辆" -> the second is 红旗品牌汽车销量."""
    for prev, row in zip(rows, rows[1:], strict=False):
        name, sentence = row.get("indicator") or "", row.get("sentence") or ""
        if prev.get("sentence") != sentence or not name:
            continue
        before = _sides(row)[0]
        head = before[: -len(name)] if before.endswith(name) else ""
        if not head.rstrip("、,，").endswith(prev.get("surface") or "\0"):
            continue
        named = shared_subject_name(prev.get("indicator") or "", name, head[-1:])
        if named != name:
            row[KEY_NAME] = named if row.get(KEY_NAME) in (None, name) else row[KEY_NAME]
            row["indicator"] = named


def _name_ratio_parts(rows: list[dict], text: str) -> None:
    """The parts of one colon ratio take a name each: 11.8∶48.3∶39.9 of 三次产业比 -> 第一产业比重, …"""
    groups: list[list[dict]] = []
    for prev, row in zip([{}, *rows], rows, strict=False):
        if prev and _ratio_neighbours(prev, row, text):
            groups[-1].append(row) if groups and groups[-1][-1] is prev else groups.append(
                [prev, row]
            )
    for group in groups:
        names = part_names(group[0].get("indicator") or "", len(group))
        for row, name in zip(group, names, strict=False):
            row["indicator"] = row[KEY_NAME] = name


def _name_listed_sectors(rows: list[dict]) -> None:
    """ "第一、二、三产业分别同比增长64.6%、7.9%、3.5%" -> 第一产业, 第二产业, 第三产业."""
    i = 0
    while i < len(rows):
        sentence = rows[i].get("sentence") or ""
        j = i
        while j + 1 < len(rows) and rows[j + 1].get("sentence") == sentence:
            j += 1
        group = [r for r in rows[i : j + 1] if r.get("unit") == "%"]
        for row, name in zip(group, listed_sectors(sentence, len(group)), strict=False):
            row["indicator"] = row[KEY_NAME] = name
        i = j + 1


def _ratio_neighbours(prev: dict, row: dict, text: str) -> bool:
    start, end = row.get("start"), prev.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or prev.get("unit") or row.get("unit"):
        return False
    gap = text[end:start].strip()
    return 0 < start - end <= 3 and len(gap) == 1 and gap in COLONS


def _name_time_limit(row: dict) -> None:
    """A time standard is named as a limit: "一般纠纷3个工作日内受理" -> 一般纠纷受理时限; its key is
    still made from the words of the text (a name ending in 时限 is not the catalogue's 办理时限)."""
    name, unit = row.get("indicator") or "", row.get("unit") or ""
    named = time_limit_name(name, row.get("surface") or "", unit, row.get("role") or "")
    if named != name:
        row[KEY_NAME] = row.get(KEY_NAME) or name
        row["indicator"] = named


def _sides(row: dict, text: str = "") -> tuple[str, str]:
    """The row's sentence before and after its surface ("", "" when the surface is not in it).

    A surface written twice in one sentence ("3个…3个") is placed by the row's offsets in `text`
    (the sentence's occurrence that holds them), so the second row gets its own context.
    """
    memo = row.get(SIDES)
    if memo is not None and memo[0] == bool(text):
        return memo[1]  # the stages ask for the same row's sides again and again
    sides = _find_sides(row, text)
    row[SIDES] = (bool(text), sides)
    return sides


def _find_sides(row: dict, text: str) -> tuple[str, str]:
    surface, sentence = row.get("surface") or "", row.get("sentence") or ""
    at = sentence.find(surface) if surface else -1
    if at >= 0 and text and sentence.find(surface, at + 1) >= 0:
        at = _local(sentence, surface, row.get("start"), text, at)
    return (sentence[:at], sentence[at + len(surface) :]) if at >= 0 else ("", "")


def _local(sentence: str, surface: str, start, text: str, first: int) -> int:
    """Where in `sentence` the surface at document offset `start` stands (else `first`)."""
    if not isinstance(start, int):
        return first
    begin = text.rfind(
        sentence, max(0, start + len(surface) - len(sentence)), start + len(sentence)
    )
    local = start - begin
    ok = begin >= 0 and sentence[local : local + len(surface)] == surface
    return local if ok else first


def _name_by_subjects(rows: list[dict], text: str) -> None:
    """A count named by its verb takes the body the sentence opens with: "网络平台受理交办178件,
    按时办结回复178件" -> 网络平台按时办结回复 (the key keeps the words of the measure); a bare
    share of it right after ("靖江12345受理19346个,占37.5%") is its share."""
    for i, row in enumerate(rows):
        name, start = row.get("indicator") or "", row.get("start")
        if not name or not text or not isinstance(start, int):
            continue
        prev = rows[i - 1] if i else {}
        if text[max(0, start - 1) : start] == "占" and prev.get("indicator", "").endswith(name):
            if prev.get("sentence") == row.get("sentence") and prev["indicator"] != name:
                row["indicator"] = fit(prev["indicator"] + "占比")
            continue
        if not opens_with_verb(name):
            continue  # only a name that starts with its verb takes a subject
        subject = sentence_subject(text, start)
        if not subject and len(name) <= PARAGRAPH_NAME:
            subject = paragraph_subject(text, start)  # "●…调解中心是…。…调解成功7982起"
        named = subject_name(subject, name)
        if named != name:
            row[KEY_NAME] = row.get(KEY_NAME) or name
            row["indicator"] = named


def _name_casualties(rows: list[dict], text: str) -> None:
    """Deaths and injuries take the incident counted last (meaning/casualties.py): "发生火灾297起,
    …,死1人,伤2人" -> 火灾死亡人数, 火灾受伤人数."""
    incident = None
    for row in rows:
        unit, start = row.get("unit") or "", row.get("start")
        if is_incident(unit):
            incident = row
            continue
        if incident is None or not isinstance(start, int):
            continue
        if start - (incident.get("end") or 0) > CASUALTY_BACK:
            continue
        before, after = _sides(row, text)
        measure = casualty_measure(unit, before, after)
        named = casualty_name(incident.get("indicator") or "", measure) if measure else ""
        if named:
            row["indicator"] = row[KEY_NAME] = named


def _name_by_focus(rows: list[dict], text: str) -> None:
    """A bare action or its rate takes the thing the sentence counted last: "新收行政复议案件4126件,
    同比上升21.4%;审结3958件,审结率95.9%" -> 审结行政复议案件, 行政复议案件审结率."""
    given = [row.get("indicator") or "" for row in rows]  # the names before this stage
    for i, row in enumerate(rows):
        name = row.get("indicator") or ""
        if not name or not text:
            continue
        # only a bare action or rate looks back, never an item of a list of categories
        bare = len(name) <= BARE_NAME and not _category_item(rows, i, given, text)
        named = (
            named_by_focus(name, row.get("unit") or "", earlier_names(rows, i, text))
            if bare
            else name
        )
        prev = rows[i - 1] if i else {}
        if named == name and prev.get("sentence") == row.get("sentence"):
            named = another_action(given[i - 1], name)
            named = attribute_after_rate(prev.get("indicator") or "", named, _sides(row, text)[0])
        if named != name:
            row[KEY_NAME] = named if row.get(KEY_NAME) in (None, name) else row[KEY_NAME]
            row["indicator"] = named


def _category_item(rows: list[dict], i: int, given: list[str], text: str) -> bool:
    """ "房产交易138件、拆迁改造21件": an item listed right after a bare category is one too."""
    prev, row = (rows[i - 1] if i else {}), rows[i]
    gap_from, gap_to = prev.get("end"), row.get("start")
    if not isinstance(gap_from, int) or not isinstance(gap_to, int) or not given[i - 1]:
        return False
    return text[gap_from:gap_to].startswith("、") and is_bare_category(given[i - 1])


def _name_categories(rows: list[dict], text: str) -> None:
    """Category lines, shares in brackets and gaps to another place (meaning/categories.py)."""
    for i, row in enumerate(rows):
        name = row.get("indicator") or ""
        before, after = _sides(row, text)
        start = row.get("start")
        if text and isinstance(start, int):
            before = text[max(0, start - HEAD_BACK) : start]
        named = (
            bracket_share_name(before)
            or places_did_name(row.get("unit") or "", after)
            or aspect_examples_name(name, _sides(row, text)[0])
            or aspect_rate_name(name, row.get(UNIT_KIND, ""), _sides(row, text)[0])
            or without_aspect(name)
        )
        named = category_line_name(named, row.get(UNIT_KIND, ""), before, after)
        named = work_time_name(
            named, row.get(UNIT_KIND, ""), bool(row.get("pair_id")), row.get("sentence") or ""
        )
        prev = rows[i - 1] if i else {}
        if prev.get("sentence") == row.get("sentence"):
            named = gap_name(named, prev.get("indicator") or "")
        if named and named != name:
            row[KEY_NAME] = named if row.get(KEY_NAME) in (None, "", name) else row[KEY_NAME]
            row["indicator"] = named


PART_ENDS = ",，、;；。" + CLOSES + OPENS
BRACKET_BACK = 160  # how far back a bracket's opening is looked for


def _name_breakdowns(rows: list[dict], text: str) -> None:
    """A count's parts in brackets and the action after them (meaning/breakdowns.py):
    "咨询类诉求受理28491件(热线受理28451件,多媒体受理40件),办结28498件" -> 热线受理咨询类诉求, …"""
    heads = {row.get("end"): row for row in rows if isinstance(row.get("end"), int)}
    for row in rows:
        start = row.get("start")
        if not text or not isinstance(start, int):
            continue
        words, at = words_before(text, start)
        if at < 0 or not words:
            continue
        after = text[at] in ",，" and at > 0 and text[at - 1] in ")）"
        opened = bracket_open(text, at - 2 if after else at, max(0, start - BRACKET_BACK))
        head = heads.get(opened)
        if head is None or head is row or head.get("unit") != row.get("unit"):
            continue
        end = row.get("end") or start
        if head.get("sentence") != row.get("sentence") or text[end : end + 1] not in PART_ENDS:
            continue  # "(限期内200件工单至下月办结)": a part that names itself
        head_name, own = head.get("indicator") or "", part_words(words)
        named = action_after_name(words, head_name) if after else part_name(own, head_name)
        if named:
            row["indicator"] = row[KEY_NAME] = named
            if not after:
                row[PART_OF] = (head, own)


def _keep_parts_apart(rows: list[dict]) -> None:
    """A part in brackets whose key came out as its head's gets the head's key and its own words:
    "受理诉求42172件(热线受理42037件…)" -> hotline.intake, hotline.intake.热线受理."""
    for row in rows:
        head, words = row.pop(PART_OF, (None, ""))
        if head is not None and row["indicator_key"] == head["indicator_key"]:
            _as_part(row, head, words)


def _keep_listed_parts_apart(rows: list[dict]) -> None:
    """Parts listed in one sentence under one catalogue key get its key and their own words:
    "省长信箱转派工单23件,政协云转派工单11件" -> hotline.dispatched.省长信箱, ….政协云."""
    for row, words in listed_parts(rows):
        _as_part(row, row, words)


def _as_part(row: dict, whole: dict, words: str) -> None:
    """`row` as the part `words` of the indicator of `whole`: key + words, label + (words)."""
    row["indicator_key"] = f"{whole['indicator_key']}.{key_words(words)}"
    row["indicator_label"] = f"{whole['indicator_label']}({words})"
    row["indicator_label_en"] = None


def _name_respective_gaps(rows: list[dict]) -> None:
    """ "地区生产总值…增长6.3%,增速分别高于全省和全国0.8个、1.3个百分点" -> one gap to each place."""
    for i, j in row_runs_saying(rows, RESPECTIVELY, "indicator", "indicator"):  # RESPECTIVE_GAPS
        name, sentence = rows[i].get("indicator") or "", rows[i].get("sentence")
        prev = rows[i - 1] if i and rows[i - 1].get("sentence") == sentence else {}
        for index, row in enumerate(rows[i : j + 1] if j > i else []):
            named = respective_gap_name(name, prev.get("indicator") or "", index)
            if named != name:
                row["indicator"] = row[KEY_NAME] = named


def _name_streaks_and_blanks(rows: list[dict], text: str) -> None:
    """ "…死亡人数同比下降35.80%,6年连降" -> 死亡人数连续下降年数 (down: the text says it fell);
    a row without a name gets the words of its clause and its unit, never an empty name."""
    for i, row in enumerate(rows):
        name, unit = row.get("indicator") or "", row.get("unit") or ""
        before, after = _sides(row, text)
        prev = rows[i - 1] if i else {}
        turn = streak(after, unit)
        same = prev.get("sentence") == row.get("sentence")
        lasted = streak_of(before, after, unit, prev.get("indicator") or "" if same else "", name)
        if turn and same and prev.get("indicator"):
            row["indicator"] = row[KEY_NAME] = streak_name(prev["indicator"], turn)
            row["direction"] = row.get("direction") or turn
        elif lasted:  # 连续35年居全国首位, 连续四年成功举办
            row["indicator"] = row[KEY_NAME] = lasted
        elif not name and (heading := _heading(row, before, text)):
            row["indicator"] = row[KEY_NAME] = heading  # 1.盗窃电瓶。本月…
        elif not name:
            clause = re.split(r"[,，;；。:：]", before)[-1]
            row["indicator"] = row[KEY_NAME] = fallback_name(clause, unit)
