"""Case splitter: recognise a reform document's layout and cut it into cases (rules in case_layouts.yaml)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from indicators.structure.domains import classify_case
from indicators.structure.model import Case, CaseSplit
from indicators.structure.places import city_of_text, district_in_body, district_in_heading
from indicators.structure.timing import case_year, since_year
from indicators.vocabulary import parse_yaml

VOCAB = Path(__file__).resolve().parent.parent / "vocab"


@dataclass(frozen=True)
class Line:
    """One non-blank line: its stripped text and where that text stands in the document."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Draft:
    """A case as a layout rule finds it, before its end, year, district and domain are known."""

    start: int
    body_start: int
    case_no: str = ""
    title: str = ""
    departments: tuple[str, ...] = ()
    section: str = ""


@dataclass(frozen=True)
class Rules:
    """case_layouts.yaml, compiled."""

    raw: dict
    number_line: re.Pattern
    numbered_heading: re.Pattern
    units_then_text: re.Pattern
    section_markers: tuple[re.Pattern, ...]
    item_marker: re.Pattern
    department_separators: re.Pattern
    trailer: tuple[re.Pattern, ...]

    def __getitem__(self, key: str):
        return self.raw[key]


class LayoutRulesError(ValueError):
    """case_layouts.yaml is missing a rule or has a regex that does not compile."""


REQUIRED_RULES = (
    "order", "min_cases", "number_line", "numbered_heading", "units_then_text", "bullet_chars",
    "min_bullets", "table_number_cells", "table_header_cells", "table_department_cells",
    "table_title_cells", "min_header_cells", "section_markers", "item_marker", "max_title_chars",
    "max_title_lines", "not_title_starts", "sentence_marks", "department_separators",
    "org_suffixes", "place_suffixes", "max_department_chars", "max_place_unit_chars",
    "trailer_patterns", "document_district_share", "unit_leads", "title_leads",
)  # fmt: skip


@cache
def load_rules(path: Path = VOCAB / "case_layouts.yaml") -> Rules:
    """Read and compile the layout rules once; a missing rule or a bad regex names itself."""
    raw = parse_yaml(path.read_text(encoding="utf-8")) or {}
    missing = [k for k in REQUIRED_RULES if k not in raw]
    unknown = [name for name in raw.get("order", []) if name not in LAYOUTS]
    if missing or unknown:
        raise LayoutRulesError(
            f"{path}: missing rules {missing}, unknown layouts in order {unknown}; "
            f"restore them from git or see the comments in the file"
        )
    try:
        return _compiled(raw)
    except re.error as exc:
        raise LayoutRulesError(
            f"{path}: a regex does not compile ({exc}); fix its pattern"
        ) from exc


def _compiled(raw: dict) -> Rules:
    return Rules(
        raw,
        re.compile(raw["number_line"]),
        re.compile(raw["numbered_heading"]),
        re.compile(raw["units_then_text"]),
        tuple(re.compile(p) for p in raw["section_markers"]),
        re.compile(raw["item_marker"]),
        re.compile(raw["department_separators"]),
        tuple(re.compile(p) for p in raw["trailer_patterns"]),
    )


def lines_of(text: str) -> list[Line]:
    """Non-blank lines with offsets of their stripped text ("\\xa0" and "\\u3000" count as blank)."""
    out = []
    at = 0  # where `raw` starts in `text`
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = at + len(raw) - len(raw.lstrip())
            out.append(Line(lead, lead + len(stripped), stripped))
        at += len(raw) + 1
    return out


# ---------------------------------------------------------------- line tests


def split_units(units: str, rules: Rules) -> tuple[str, ...]:
    """ "市委台港澳办、集美区" -> ("市委台港澳办", "集美区")."""
    return tuple(p.strip() for p in rules.department_separators.split(units) if p.strip())


def is_department_list(units: str, rules: Rules) -> bool:
    """True when every part is a unit name: "市工信局、市卫健委" yes, "打造反诈精准宣防" no."""
    parts = split_units(units, rules)
    if not parts or any(m in units for m in rules["sentence_marks"] + '“”"'):
        return False
    return all(_is_unit(p, rules) for p in parts)


def _is_unit(part: str, rules: Rules) -> bool:
    """ "市卫健委" and "思明区滨海街道" are units; "创建和谐劳动关系示范城区" is not (too long a place)."""
    if part.startswith(tuple(rules["title_leads"])):
        return False
    if part.endswith(tuple(rules["org_suffixes"])):
        return 2 <= len(part) <= rules["max_department_chars"]
    return (
        part.endswith(tuple(rules["place_suffixes"]))
        and 2 <= len(part) <= rules["max_place_unit_chars"]
    )


def is_title_line(line: Line, rules: Rules) -> bool:
    """A short line that is not a sentence and not a bare number."""
    return is_title_text(line.text, rules)


def is_title_text(text: str, rules: Rules) -> bool:
    """`is_title_line` of a line's stripped, non-empty text."""
    return (
        len(text) <= rules["max_title_chars"]
        and text[0] not in rules["not_title_starts"]
        and not any(m in text for m in rules["sentence_marks"])
        and not rules.number_line.match(text)
    )


def parse_heading(text: str, rules: Rules) -> tuple[str, str, tuple[str, ...]] | None:
    """ "19.信用就医(市发改委、市卫健委)" -> ("19", "信用就医", ("市发改委", "市卫健委"))."""
    m = rules.numbered_heading.match(text)
    if not m:
        return None
    units = m.group("units") or ""
    if units and not is_department_list(units, rules):
        return m.group("no"), f"{m.group('title')}({units})", ()
    return m.group("no"), m.group("title").strip(), split_units(units, rules)


# ---------------------------------------------------------------- layouts


def _numbered_rows(
    lines: list[Line], rules: Rules, max_title_lines: int, units: str = "before"
) -> list[Draft]:
    """Cases opened by a number alone on a line, then optional units, then title lines.

    "1 / 市委台港澳办、集美区 / 打造大陆首个闽台研学旅行基地 / 为促进…" -> case 1.
    Numbers must run on (n, n+1, …) so stray numbers in the text are not cases.
    """
    drafts: list[Draft] = []
    expected = None
    for i, line in enumerate(lines):
        if not rules.number_line.match(line.text) or i + 1 >= len(lines):
            continue
        n = int(re.match(r"\d+", line.text).group(0))
        if expected is not None and n != expected:
            continue
        j, departments = i + 1, ()
        if units == "before" and is_department_list(lines[j].text, rules):
            departments, j = split_units(lines[j].text, rules), j + 1
        units_after = units == "after" or (units == "before" and not departments)
        titles: list[str] = []
        while j < len(lines) and len(titles) < max_title_lines and is_title_line(lines[j], rules):
            if titles and len(lines[j].text) > rules["max_title_chars"] // 2:
                break
            if titles and units_after and _units_line_after_title(lines[j].text, units, rules):
                break
            titles.append(lines[j].text)
            j += 1
        if units_after and j < len(lines) and _units_line_after_title(lines[j].text, units, rules):
            departments, j = split_units(lines[j].text, rules), j + 1
        if not titles or j >= len(lines) or rules.number_line.match(lines[j].text):
            continue  # no text before the next number: an index entry, not a case
        body_start = lines[j].start
        drafts.append(Draft(line.start, body_start, str(n), " ".join(titles), departments))
        expected = n + 1
    return drafts


def _units_line_after_title(text: str, units: str, rules: Rules) -> bool:
    """A units line below the title. Where units usually come first, only an unmistakable one:
    several units ("市民政局、市财政局") or one led by 市/区/县 ("市公安局"), so a second title line
    such as "打造新时代文明实践中心" is not taken for a unit."""
    if not is_department_list(text, rules):
        return False
    if units == "after":
        return True
    parts = split_units(text, rules)
    return len(parts) > 1 or parts[0][0] in rules["unit_leads"]


def numbered_blocks(lines: list[Line], rules: Rules) -> list[Draft]:
    """Seed-000 style: "1" / units / title (one or two lines) / text."""
    return _numbered_rows(lines, rules, rules["max_title_lines"])


def table_rows(lines: list[Line], rules: Rules) -> list[Draft]:
    """A flattened table: header cells 序号 / 项目名称 / 改革缘起 …, then per row a number and a title."""
    header_cells = set(rules["table_header_cells"])
    for i, line in enumerate(lines):
        if line.text not in rules["table_number_cells"]:
            continue
        cells = [ln.text for ln in lines[i + 1 : i + 1 + len(header_cells)]]
        run = 0
        while run < len(cells) and cells[run] in header_cells:
            run += 1
        if run >= rules["min_header_cells"]:
            units = _units_position(cells[:run], rules)
            return _numbered_rows(lines[i + 1 + run :], rules, rules["max_title_lines"], units)
    return []


def _units_position(header: list[str], rules: Rules) -> str:
    """ "before" or "after" the title, by the table's header; "none" without a units column."""
    units = [i for i, cell in enumerate(header) if cell in rules["table_department_cells"]]
    titles = [i for i, cell in enumerate(header) if cell in rules["table_title_cells"]]
    if not units:
        return "none"
    return "before" if titles and units[0] < titles[0] else "after"


def index_summaries(lines: list[Line], rules: Rules) -> list[Draft]:
    """Per-case summaries "title lines / (units) text"; a leading index of "N.title(units)" only names them.

    The index gives each summary its number and section when the titles agree.
    """
    index = None  # read when the first summary is found (most layouts have none)
    drafts = []
    for i, line in enumerate(lines):
        m = rules.units_then_text.match(line.text)
        if not m or not is_department_list(m.group("units"), rules):
            continue
        k = i
        while k > 0 and i - k < rules["max_title_lines"] and is_title_line(lines[k - 1], rules):
            if rules.units_then_text.match(lines[k - 1].text) or parse_heading(
                lines[k - 1].text, rules
            ):
                break
            k -= 1
        if k == i:
            continue
        title = " ".join(ln.text for ln in lines[k:i])
        index = _index_entries(lines, rules) if index is None else index
        no, section = index.get(_title_key(title), ("", ""))
        body_start = line.start + line.text.index(m.group("text"))
        drafts.append(
            Draft(
                lines[k].start, body_start, no, title, split_units(m.group("units"), rules), section
            )
        )
    return drafts


_NOT_TITLE_CHARS = re.compile(r"[\s\W_]")


def _title_key(title: str) -> str:
    return _NOT_TITLE_CHARS.sub("", title)


def _index_entries(lines: list[Line], rules: Rules) -> dict[str, tuple[str, str]]:
    """{title key: (number, section)} for index lines "一、… 1.title(units)" / "2.title(units)"."""
    entries, section = {}, ""
    for line in lines:
        text = line.text
        for marker in rules.section_markers:
            m = marker.match(text)
            if m:
                section = m.group(0).strip("、()（）")
                rest = re.search(r"\s\d{1,3}\s*[.．、]", text)
                text = text[rest.start() + 1 :] if rest else ""
        heading = parse_heading(text, rules)
        if heading:
            no, title, _ = heading
            entries[_title_key(title)] = (no, section)
    return entries


def bullets(lines: list[Line], rules: Rules) -> list[Draft]:
    """ "●…" paragraphs, each a case; a numbered heading "19.信用就医(units)" just above names it.

    When every bullet stands under a heading and most headings carry several (a heading, then its
    measures as "●" points), the headings open the cases and their bullets are the case text.
    """
    marks = rules["bullet_chars"]
    drafts, per_heading = [], []
    for i, line in enumerate(lines):
        if line.text[0] not in marks:
            continue
        heading = parse_heading(lines[i - 1].text, rules) if i else None
        if heading and lines[i - 1].text[0] not in marks:
            drafts.append(Draft(lines[i - 1].start, line.start + 1, *heading))
            per_heading.append(1)
        else:
            drafts.append(Draft(line.start, line.start + 1))
            if per_heading and lines[i - 1].text[0] in marks:
                per_heading[-1] += 1
    if len(drafts) < rules["min_bullets"]:
        return []
    all_headed = bool(drafts[0].case_no) and sum(per_heading) == len(drafts)
    if all_headed and sum(n > 1 for n in per_heading) * 2 > len(per_heading):
        return [d for d in drafts if d.case_no]
    return drafts


def essay_sections(lines: list[Line], rules: Rules) -> list[Draft]:
    """ "(一)…" sections and "1.…" items; a section with items gives its lead and each item a case.

    A heading line ("一、主要做法", "1.推行容缺受理(市行政服务中心)") followed at once by another
    heading is a group title or an index entry, not a case.
    """
    position = {ln.start: i for i, ln in enumerate(lines)}
    marks = []
    for line in lines:
        section = next((m for m in rules.section_markers if m.match(line.text)), None)
        if section:
            marks.append((line, section.match(line.text).group(0)))
        elif rules.item_marker.match(line.text):
            marks.append((line, rules.item_marker.match(line.text).group("no")))
    drafts = []
    for k, (line, no) in enumerate(marks):
        heading = parse_heading(line.text, rules)
        heading_only = bool(heading) or is_title_line(line, rules)
        i = position[line.start]
        next_is_mark = k + 1 < len(marks) and i + 1 < len(lines) and lines[i + 1] is marks[k + 1][0]
        if heading_only and (next_is_mark or i + 1 == len(lines)):
            continue
        title, departments = _essay_title(line.text[len(no) :].lstrip(".．、:： "), heading)
        body_start = lines[i + 1].start if heading_only else line.start
        drafts.append(
            Draft(line.start, body_start, no.strip("()（）、.．:：【】 "), title, departments)
        )
    return drafts


def _essay_title(text: str, heading) -> tuple[str, tuple[str, ...]]:
    """The heading's title, or the first sentence of the paragraph (up to 60 chars)."""
    if heading and "。" not in text:
        return heading[1], heading[2]
    first = re.split(r"[。；]", text, maxsplit=1)[0]
    return first[:60], ()


LAYOUTS: dict[str, Callable[[list[Line], Rules], list[Draft]]] = {
    "table_rows": table_rows,
    "index_summaries": index_summaries,
    "bullets": bullets,
    "numbered_blocks": numbered_blocks,
    "essay_sections": essay_sections,
}


# ---------------------------------------------------------------- assembling


def trailer_start(text: str, lines: list[Line], after: int, rules: Rules) -> int:
    """Where the page furniture after the last case begins (or len(text)).

    "…改革成效。 / 盐田区切实搭建“民意直通桥梁” / 自2011年3月… [详细]" -> the offset of the headline.
    """
    tail = [ln for ln in lines if ln.end > after]
    for i, line in enumerate(tail):
        if line.start <= after or not any(p.search(line.text) for p in rules.trailer):
            continue
        k = i
        while (
            k > 0
            and tail[k - 1].start > after
            and is_title_line(tail[k - 1], rules)
            and not tail[k - 1].text.endswith("。")
        ):
            k -= 1
        return tail[k - 1].end if k > 0 else after
    return len(text)


def prose_of(body: str, rules: Rules) -> str:
    """The body without its short non-sentence lines (photo captions, sub-headings).

    "…成效明显。\n全国公安机关代表参观集美分局反诈骗中心\n…" -> the caption is dropped.
    """
    stripped = (raw.strip() for raw in body.split("\n"))  # the texts of `lines_of(body)`
    return "\n".join(t for t in stripped if t and not is_title_text(t, rules))


def recognise(text: str, rules: Rules | None = None) -> tuple[str, list[Draft], list[Line]]:
    """Try the layouts in order; the first with enough cases wins ("none" when none has)."""
    rules = rules or load_rules()
    lines = lines_of(text)
    for name in rules["order"]:
        drafts = LAYOUTS[name](lines, rules)
        if len(drafts) >= rules["min_cases"]:
            return name, drafts, lines
    return "none", [], lines


_SPACES = re.compile(r"\s+")


def case_id_of(text: str, draft: Draft) -> str:
    """Stable id from the case's opening text: same text -> same id, in any document."""
    head = _SPACES.sub("", text[draft.start : draft.body_start + 80])
    return hashlib.sha1(head.encode("utf-8")).hexdigest()[:10]


def split_cases(text: str, city: str | None = None) -> CaseSplit:
    """Cut a document into its reform cases and fill each case's units, district, year and domain.

    `city` (short name, e.g. "厦门") narrows the district lookup; without it the text's city is used.
    """
    rules = load_rules()
    layout, drafts, lines = recognise(text, rules)
    if not drafts:
        return CaseSplit(layout, ())
    city = city or city_of_text(text)
    ends = [d.start for d in drafts[1:]] + [
        trailer_start(text, lines, drafts[-1].body_start, rules)
    ]
    cases = []
    for ordinal, (draft, end) in enumerate(zip(drafts, ends, strict=True), start=1):
        body = text[draft.body_start : end]
        domain = classify_case(draft.title, draft.departments, body)
        cases.append(
            Case(
                case_id=case_id_of(text, draft),
                ordinal=ordinal,
                case_no=draft.case_no,
                title=draft.title,
                departments=draft.departments,
                start=draft.start,
                end=end,
                body_start=draft.body_start,
                district=_district(draft, body, city, rules),
                year=case_year(body),
                since_year=since_year(body),
                section=draft.section,
                domain=domain.key,
                domain_alt=domain.alt,
                domain_evidence=domain.evidence,
                lead=lead_of(body),
            )
        )
    return CaseSplit(layout, with_document_district(cases, rules))


def lead_of(body: str, chars: int = 24) -> str:
    """The first `chars` characters of a case body without its whitespace ("为促进 两岸" -> "为促进两岸")."""
    head = "".join(body[: 8 * chars].split())  # a prefix of the whole body's letters
    if len(head) >= chars or 8 * chars >= len(body):
        return head[:chars]
    return "".join(body.split())[:chars]


def _district(draft: Draft, body: str, city: str | None, rules: Rules) -> str | None:
    """`district_of` the case, its prose made only when its units and title name no district."""
    return district_in_heading(draft.departments, draft.title, city) or district_in_body(
        prose_of(body, rules), city
    )


def with_document_district(cases: list[Case], rules: Rules) -> tuple[Case, ...]:
    """Give cases without a district the document's district when nearly all cases name that one.

    23 of 26 cases name 盐田区 and none names another -> the other 3 are in 盐田区 too.
    """
    named = {c.district for c in cases if c.district}
    share = sum(c.district is not None for c in cases) / len(cases)
    if (
        len(named) != 1
        or share < rules["document_district_share"]
        or len(cases) < rules["min_cases"]
    ):
        return tuple(cases)
    district = named.pop()
    return tuple(c if c.district else replace(c, district=district) for c in cases)
