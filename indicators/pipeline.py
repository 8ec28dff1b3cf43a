"""The extractor as a list of stages: text -> indicator rows (one long-format table)."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from indicators.filters import after_rank_word, find_zones, mark_non_quantities
from indicators.meaning.annotate import KEY_NAME, UNIT_KIND, add_meaning
from indicators.meaning.labels import (
    action_name,
    attribute_name,
    ends_with_verb,
    is_bare_category,
    list_item_name,
    object_of,
    only_verbs,
    rate_name,
    share_name,
    without_added_verb,
)
from indicators.meaning.lists import (
    is_bare_share,
    is_list_item,
    is_share_gap,
    name_in_list,
    opens_list,
    share_of,
)
from indicators.meaning.segment import new_document
from indicators.mentions import Mention, attach_units, merge_ranges
from indicators.naming import clause_before, clean_fragment, indicator_name, thing_after
from indicators.normalize import CLAUSE_END, Span, to_halfwidth
from indicators.numbers import find_numbers, tidy
from indicators.ratios import rescue_ratios
from indicators.reading import DEFAULT_MAX_BYTES, Document, Failure, iter_documents
from indicators.schema import conform, empty_table, frame_from_records
from indicators.semantics import (
    Meaning,
    comparison_year,
    direction_and_role,
    is_then_and_now,
    link_pairs,
    pair_direction,
    pair_id_of,
    paragraph_year,
    plan_sections,
    year_marks,
    year_of,
)
from indicators.sources import SourceRecord, page_record, sources_for
from indicators.spans import SpanIndex
from indicators.tables import find_tables, merge_rows, table_rows, without_tables
from indicators.traditional import in_original_script, to_simplified
from indicators.units import canonical_unit
from indicators.vocabulary import Vocab, load_vocab

if TYPE_CHECKING:  # pandas loads with the first frame (schema): the Parquet command needs none
    import pandas as pd

# the longest `sentence` kept as evidence; a longer one (garbled text without punctuation) is cut
# to its clause, or to a window around the number
MAX_EVIDENCE = 300
NAME_WINDOW = 40  # an indicator name is read from at most this many characters before the number

# a count of the list's values right after its last one: "5000亿元、6000亿元两大台阶"
SUMS_UP = re.compile(r"\s*(?:等)?[两二三四五六七八九十]+(?:大|个|项)")
# between two values of one list: "24.82%、23.78%"
LIST_GAP = re.compile(r"^\s*(?:、|和|及|与|,)\s*$")


def extract_text(text: str, doc: str = "text") -> pd.DataFrame:
    """Extract the indicator rows of one text as a DataFrame with the extractor's columns.

    >>> extract_text("体系建立以来,化解各类纠纷成功率从38.69%提升至68.17%。")[["value", "role"]].values.tolist()
    [[38.69, 'baseline'], [68.17, 'current']]
    """
    return frame_from_records(extract_rows(text, doc))


def extract_rows(text: str, doc: str, simple: str | None = None) -> list[dict]:
    """The stages: normalise -> find numbers -> attach units -> filter -> ranges -> meaning -> rows.

    A text in traditional characters is read in simplified ones (`simple`, the same length:
    indicators.traditional); its rows' evidence and raw names are written back in the original."""
    vocab = load_vocab()
    new_document()  # the segmenter's cache holds this document's words only
    original, text = text, to_simplified(text) if simple is None else simple
    tables = find_tables(text)
    norm = without_tables(to_halfwidth(text), tables)  # the prose stages skip the tables' lines
    mentions = attach_units(norm, find_numbers(norm), vocab)
    mentions = merge_ranges(norm, mentions)
    zones = find_zones(norm, vocab)
    mentions = mark_non_quantities(mentions, norm, zones, vocab)
    mentions = rescue_bare_pairs(norm, rescue_ratios(norm, mentions), vocab)
    kept = [mark_rank(m, norm) for m in mentions if m.reject is None]
    ctx = _Context.of(norm)
    kept = drop_damaged(kept, ctx)
    meanings = interpret(norm, kept, doc, vocab, ctx, zones.date_spans)
    rows = to_rows(text, norm, doc, kept, meanings, ctx)
    rows = add_meaning(merge_rows(rows, table_rows(text, doc, tables)), norm)
    return in_original_script(rows, original, text)


def drop_damaged(kept: list[Mention], ctx: _Context) -> list[Mention]:
    """No number is taken from a sentence (up to 。!? or a line end) that holds "\ufffd".

    "\ufffd" stands for bytes lost in decoding: the digits, the unit or the name may be what was
    lost ("满意度达9\ufffd.5%。" is neither 9 nor .5%), and in GB18030 a damaged byte garbles
    the characters after it up to the "\ufffd". The other sentences keep their numbers.
    """
    if "\ufffd" not in ctx.norm:
        return kept
    whole = []
    for m in kept:
        sentence = ctx.full_sentence_at(m.num_start)
        if "\ufffd" not in ctx.norm[sentence.start : sentence.end]:
            whole.append(m)
    return whole


RANK_AROUND = re.compile(r"(?:前|第)\s*$")


def signed_rate(norm: str, m: Mention) -> str | None:
    """ "up"/"down" for a rate written with its sign (环比+12.5%, 同比-3.1%), else None."""
    if m.unit not in ("%", "pp", "‰"):
        return None
    if m.value < 0:
        return "down"
    return "up" if norm[max(0, m.start - 1) : m.start] == "+" else None


def mark_rank(m: Mention, norm: str) -> Mention:
    """A place in a ranking (排名前30名, 位列全省第3名, 排名第2位) is a rank: unit 名, not people."""
    ranked = m.unit == "人" and m.arabic and norm[m.unit_end - 1 : m.unit_end] in "名位"
    if ranked and RANK_AROUND.search(norm, max(0, m.num_start - 2), m.num_start):
        return m._replace(unit="名", unit_kind="rank")
    if not m.unit and after_rank_word(norm, m):
        return m._replace(unit="名", unit_kind="rank")  # 排名第1 (no 名 written)
    return m


def rescue_bare_pairs(norm: str, mentions: list[Mention], vocab: Vocab) -> list[Mention]:
    """Keep unitless numbers that form a from->to pair ("从2016年的2.49降至2022年的0.81")."""
    candidates = [m for m in mentions if m.reject in (None, "bare")]
    pairs = link_pairs(norm, candidates, vocab)
    rescued = {id(candidates[i]) for i in pairs if candidates[i].reject == "bare"}
    return [m._replace(reject=None) if id(m) in rescued else m for m in mentions]


SENTENCE_MARKS = frozenset("。!?;\n")  # SENTENCE_END's characters (tests/extraction checks)
FULL_STOP_MARKS = frozenset("。!?\n")  # FULL_STOP's characters


class _Context:
    """Where the sentences and clauses of a normalised text begin and end (found on demand)."""

    def __init__(self, norm: str) -> None:
        self.norm = norm
        # one scan: every sentence end is a clause end and every full stop a sentence end
        self.clause_ends = [m.start() for m in CLAUSE_END.finditer(norm)]
        self.sentence_ends = [i for i in self.clause_ends if norm[i] in SENTENCE_MARKS]
        stops = FULL_STOP_MARKS  # 。!? (a ; does not end a full sentence)
        self.full_stops = [i for i in self.sentence_ends if norm[i] in stops]
        # per kind of end: {index of the end: its span} (many numbers share a sentence: its bounds
        # are found once) and {position: its span} (interpret and to_rows ask for each number's)
        self._spans: dict[int, dict[int, Span]] = {id(e): {} for e in self._ends()}
        self._at: dict[int, dict[int, Span]] = {id(e): {} for e in self._ends()}

    def _ends(self) -> tuple[list[int], list[int], list[int]]:
        return self.sentence_ends, self.clause_ends, self.full_stops

    @classmethod
    def of(cls, norm: str) -> _Context:
        return cls(norm)

    def _span(self, ends: list[int], pos: int) -> Span:
        at = self._at[id(ends)]
        span = at.get(pos)
        if span is None:
            i = bisect.bisect_left(ends, pos)
            spans = self._spans[id(ends)]
            span = spans.get(i)
            if span is None:
                span = spans[i] = self._bounds(ends, i)
            at[pos] = span
        return span

    def _bounds(self, ends: list[int], i: int) -> Span:
        """The span between end i - 1 and end i, its closing mark kept and its spaces stripped."""
        norm = self.norm
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(norm)
        if end < len(norm) and norm[end] != "\n":
            end += 1  # keep the closing 。!?; (or comma) with its sentence
        while start < end and norm[start].isspace():
            start += 1
        while end > start and norm[end - 1].isspace():
            end -= 1
        return Span(start, end)

    def sentence_at(self, pos: int) -> Span:
        return self._span(self.sentence_ends, pos)

    def clause_at(self, pos: int) -> Span:
        return self._span(self.clause_ends, pos)

    def full_sentence_at(self, pos: int) -> Span:
        """The sentence up to its 。!? (a ; does not end it): "2023年,…;…31,862元" shares 2023."""
        return self._span(self.full_stops, pos)


def interpret(
    norm: str,
    kept: list[Mention],
    doc: str,
    vocab: Vocab,
    ctx: _Context,
    date_spans: list[tuple[int, int]] | None = None,
) -> list[Meaning]:
    """Role, direction, comparison, pair and year of each kept mention."""
    marks = year_marks(norm, vocab, date_spans)
    pairs = link_pairs(norm, kept, vocab)
    plans = SpanIndex(plan_sections(norm, vocab))
    starts = [y.start for y in marks]
    out = []
    for i, m in enumerate(kept):
        sentence, clause = ctx.sentence_at(m.num_start), ctx.clause_at(m.num_start)
        full = ctx.full_sentence_at(m.num_start).start
        year = year_of(m, marks, full, clause.end, starts)
        if year is None:  # "2018年…取得显著成效。地区生产总值增长9.3%": the paragraph's year
            year = paragraph_year(norm, m, marks, starts, full)
        if i in pairs:
            role, partner = pairs[i]
            if role == "baseline":
                year = comparison_year(norm, m) or year
            first, second = (m, partner) if role == "baseline" else (partner, m)
            direction = None
            if role == "current":
                direction = pair_direction(norm, first, m, vocab)
            if role == "current" and plans.contains(m.start, m.end):
                role = "target"  # "由10个工作日压缩至5个工作日" in a plan: the goal
            then_now = is_then_and_now(norm, first, second, vocab)
            pair = pair_id_of(doc, first, second)
            out.append(Meaning(role, direction, "vs_baseline", pair, year, then_now))
            continue
        prev = out[-1] if out else None
        listed = (
            prev
            and (prev.role == "change" or (prev.role in ("level", "target") and prev.direction))
            and kept[i - 1].unit == m.unit
        )  # 同比分别下降24.82%、23.78%; 分别压缩至1个工作日和0.5个工作日
        if listed and LIST_GAP.match(norm[kept[i - 1].end : m.start]):
            sign = signed_rate(norm, m) if prev.role == "change" else None
            if sign is None and prev.role == "change" and kept[i - 1].value < 0 < m.value:
                sign = "up"  # "增速分别为-3.2%、4.5%": after a fall, an unsigned value rose
            out.append(replace(prev, year=year, direction=sign or prev.direction))  # 分别下降…、…
            continue  # "增速分别为3.2%、-4.6%": a value's own sign says its direction
        role, direction, comparison = direction_and_role(
            norm, m, clause.start, sentence.start, vocab
        )
        signed = signed_rate(norm, m)
        if signed and direction is None:  # 环比+12.5%, 同比-3.1%: the sign is the direction
            role, direction = "change", signed
        if role in ("level", "change") and plans.contains(m.start, m.end):
            role = "target"  # a value in a plan section ("二、2024年主要目标任务")
        out.append(Meaning(role, direction, comparison, None, year))
    return out


def evidence_text(text: str, sentence: Span, clause: Span, m: Mention) -> str:
    """The sentence of a mention, or its clause, or a window around it when those are very long."""
    for span in (sentence, clause):
        if span.end - span.start <= MAX_EVIDENCE:
            return text[span.start : span.end]
    half = (MAX_EVIDENCE - (m.end - m.start)) // 2
    start = max(clause.start, m.start - max(half, 0))
    return text[start : min(clause.end, start + MAX_EVIDENCE)]


def row_id(doc: str, start: int, end: int, surface: str) -> str:
    """Stable row id: the same document, span and surface always give the same id."""
    return hashlib.sha1(f"{doc}\x1f{start}\x1f{end}\x1f{surface}".encode()).hexdigest()[:16]


def _name_of(
    norm: str,
    m: Mention,
    mean: Meaning,
    name_from: int,
    prev: tuple[Mention, Span, str] | None,
    sentence_start: int,
) -> tuple[str, str]:
    """The name of one mention and the name its identity comes from; `prev` is the mention
    before it in the same sentence, if any."""
    # "由386项精简至128项": a pair's name stands before, unless a thing is counted right after
    # ("过去要办5张证…,如今只需办1张证")
    left_only = mean.pair_id is not None and not mean.then_now
    name = indicator_name(norm, name_from, m.start, m.end, m.unit, left_only, m.unit_kind)
    listed = prev is not None and is_list_item(norm[prev[0].end : m.start])
    if listed and prev[2] and SUMS_UP.match(norm, m.end):
        return prev[2], prev[2]  # "GDP连续迈上5000亿元、6000亿元两大台阶": both of the GDP
    if prev is not None:
        item = list_item_name(prev[2], norm[prev[0].end : m.start], thing_after(norm, m))
        if item:
            return item, item  # "建设完工277个小车停车位和46个大车停车位": the list shares its verb
    if not name and prev is not None and is_share_gap(norm[prev[0].end : m.start]):
        share = share_of(norm, sentence_start, m.start, prev[2])  # "咨询类诉求124599件,占63.72%"
        return share, share
    if not name:
        name = prev[2] if prev is not None else clause_before(norm, sentence_start, m.start)
        if prev is not None:
            return name, name  # "…完成812.5亿元、增长6.1%": the same indicator's change
    joined = (
        attribute_name(prev[2], name) or share_name(prev[2], name) or rate_name(prev[2], name)
        if prev
        else ""
    )  # "受理案件80245件,标的965.85亿元", "…增加值…,占地区生产总值比重41.2%", "…,整改率98.1%"
    if joined:
        return joined, joined
    if is_bare_share(name):  # "投诉29486件,占比41%": the share of what was just named
        share = share_of(norm, sentence_start, m.start, prev[2] if prev else "")
        return share, share
    opened = opens_list(norm[sentence_start : m.start - len(name)]) if name else False
    bare_verb = len(name) <= 2 and ends_with_verb(name)
    if (
        prev is not None
        and prev[2]
        and not (listed or opened)
        and bare_verb
        and prev[0].unit == m.unit
    ):
        # "高新技术企业达3216家,当年新增512家", "上报问题隐患3128件,办结3094件": a bare verb
        # names the same thing as the number before it
        # "…,办结2477宗,在办659宗": 在办 is of the thing, not of 办结
        thing = without_added_verb(prev[2])
        merged = prev[2] if len(clean_fragment(name)) <= 1 else thing + name  # 新增: a change
        return merged, merged
    # the item before did something to a thing ("惩处|违法失范行为人"); a bare category did not:
    # "房产交易138件、拆迁改造21件" lists two categories
    categories = listed and prev is not None and is_bare_category(prev[2])
    acted = (
        action_name(prev[2], name)
        if prev is not None and (listed or opened) and not categories
        else ""
    )
    if acted:  # "惩处违法失范行为人636人次,其中,拘留358人次": 拘留违法失范行为人
        return acted, acted
    if (
        prev is not None
        and prev[0].unit == m.unit
        and len(name) > 2
        and only_verbs(name)
        and not categories
    ):
        thing = object_of(prev[2])  # "受理调解纠纷4153起,成功化解4094起": 成功化解调解纠纷
        if thing:
            return name + thing, name + thing
    at = norm.rfind(name, name_from, m.start) if name else -1
    return name_in_list(norm, sentence_start, at if at >= 0 else m.start, name, listed, m.unit_kind)


def to_rows(
    text: str, norm: str, doc: str, kept: list[Mention], meanings: list[Meaning], ctx: _Context
) -> list[dict]:
    """One dict per indicator, with the exact surface and sentence of the original text."""
    rows = []
    names: dict[str, tuple[str, str]] = {}
    prev: tuple[Mention, Span, str] | None = None  # previous mention, its sentence, its name
    for m, mean in zip(kept, meanings, strict=True):
        sentence, clause = ctx.sentence_at(m.num_start), ctx.clause_at(m.num_start)
        same_sentence = prev is not None and prev[1] == sentence
        name_from = max(clause.start, prev[0].end) if same_sentence else clause.start
        name_from = max(name_from, m.start - NAME_WINDOW)
        if mean.role == "current" and mean.pair_id in names:
            name, key_name = names[mean.pair_id]
        else:
            name, key_name = _name_of(
                norm, m, mean, name_from, prev if same_sentence else None, sentence.start
            )
            if mean.pair_id:
                names[mean.pair_id] = (name, key_name)
        prev = (m, sentence, name)
        surface = text[m.start : m.end]
        rows.append(
            {
                "id": row_id(doc, m.start, m.end, surface),
                "doc": doc,
                "start": m.start,
                "end": m.end,
                "surface": surface,
                "value": tidy(abs(m.value) if signed_rate(norm, m) == "down" else m.value),
                "value_low": tidy(m.value_low),
                "unit": m.unit,
                "unit_canonical": canonical_unit(m.unit),
                "qualifier": m.qualifier,
                "direction": mean.direction,
                "role": mean.role,
                "comparison": mean.comparison,
                "pair_id": mean.pair_id,
                "year": mean.year,
                "indicator": name,
                UNIT_KIND: m.unit_kind,
                KEY_NAME: key_name,
                "sentence": evidence_text(text, sentence, clause, m),
            }
        )
    return rows


def extract_document(text: str, doc: str, source: SourceRecord | None = None) -> pd.DataFrame:
    """The full table of one document: extractor rows plus case, place, domain and year columns."""
    return conform(frame_from_records(_document_rows(text, doc, source)))


def _document_rows(text: str, doc: str, source: SourceRecord | None) -> list[dict]:
    """The row dicts of one document, structure columns filled: `extract_paths` makes one frame
    of all documents' rows (one frame per run, not one per document)."""
    from indicators.structure import structure_rows

    simple = to_simplified(text)  # places, departments and cases are found in simplified text
    return structure_rows(extract_rows(text, doc, simple), simple, doc, source)


@dataclass(frozen=True)
class ExtractionResult:
    """The table of a set of files and the files that could not be read."""

    table: pd.DataFrame
    failures: list[Failure]
    documents: list[Document]


def extract_paths(
    paths: list[Path],
    sources: dict[str, SourceRecord] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, Path], None] | None = None,
) -> ExtractionResult:
    """Read and extract every file; a bad file becomes a failure and the others go on.

    `sources` maps file names to their records; files without one fall back to the sources file
    beside them, then to inference from the text.
    """
    found = extract_path_rows(paths, sources, max_bytes, progress)
    table = frame_from_records(found.rows) if found.rows else empty_table()
    return ExtractionResult(conform(table), found.failures, found.documents)


@dataclass(frozen=True)
class RowsResult:
    """The rows of a set of files as row dicts (no table made), and the files' outcomes."""

    rows: list[dict]
    failures: list[Failure]
    documents: list[Document]


def extract_path_rows(
    paths: list[Path],
    sources: dict[str, SourceRecord] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[int, int, Path], None] | None = None,
) -> RowsResult:
    """`extract_paths` without the table: the row dicts (`parquet_rows` writes them directly)."""
    rows: list[dict] = []
    failures, documents = [], []
    beside: dict[Path, dict[str, SourceRecord]] = {}
    for i, item in enumerate(iter_documents(paths, max_bytes)):
        if progress:
            progress(i + 1, len(paths), Path(item.path))
        if isinstance(item, Failure):
            failures.append(item)
            continue
        name = item.path.name
        folder = item.path.parent
        if folder not in beside:  # the sources file beside the documents, read once per folder
            beside[folder] = sources_for(item.path)
        source = (sources or {}).get(name) or beside[folder].get(name) or page_record(item)
        rows.extend(_document_rows(item.text, name, source))
        documents.append(item)
    return RowsResult(rows, failures, documents)
