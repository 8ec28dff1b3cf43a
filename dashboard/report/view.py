"""One indicators view: the readings under a mask, ranked per domain, made into records."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from dashboard.data import NONE, Prepared, key_label, values_at
from dashboard.figures import domain_name
from dashboard.filters import FilterState, filter_mask
from dashboard.report.index import ReportIndex, report_index
from dashboard.report.records import (
    MAX_PER_DOMAIN,
    TOP_COMPARED,
    Change,
    Item,
    Reading,
    Report,
    Section,
)

# --- one view -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _Readings:
    """Every (identity, city) of a view with the row it shows, as arrays, by key_unit then city."""

    pos: np.ndarray  # the row shown
    ku: np.ndarray
    mentions: np.ndarray
    years: np.ndarray
    change_row: np.ndarray  # the stated change shown with a level (-1: none)
    pair: np.ndarray  # index into `ReportIndex.pairs` (-1: not a pair's current)
    improving: np.ndarray  # int8: 1 better, 0 worse, -1 not known (of the change when any)
    tier: np.ndarray  # 2 a coloured change, 1 a change or a direction, 0 neither

    def take(self, keep: np.ndarray) -> _Readings:
        return _Readings(*(getattr(self, f)[keep] for f in self.__dataclass_fields__))


def _best_rows(ix: ReportIndex, mask: np.ndarray):
    """The first row of each (key_unit, city) under `mask` (the latest, see the module), with
    its number of rows and of distinct years; each key_unit's most frequent domain, and the
    number of such rows (values of their year) per domain."""
    m = mask[ix.order]
    sel, group, year, ku = ix.order[m], ix.group[m], ix.year[m], ix.ku[m]
    ndom = len(ix.rank_domain)
    if not len(sel):
        none = np.zeros(0, dtype=np.int64)
        return none, none, none, none, (none, none, np.zeros(ndom, dtype=np.int64))
    new = np.r_[True, group[1:] != group[:-1]]
    starts = np.flatnonzero(new)
    mentions = np.diff(np.r_[starts, len(sel)])
    new_year = new | np.r_[True, year[1:] != year[:-1]]
    years = np.bincount((np.cumsum(new) - 1)[new_year], minlength=len(starts))
    new_ku = np.r_[True, ku[1:] != ku[:-1]]
    ranks = ix.domain_rank[m]
    mode = ix.rank_domain[_domain_mode(ranks, new_ku, ndom)]
    per_domain = np.bincount(ranks, minlength=ndom)[ix.ranks]  # by domain code
    return sel[starts], ku[starts], mentions, years, (ku[new_ku], mode, per_domain)


def _domain_mode(rank: np.ndarray, new: np.ndarray, ndom: int) -> np.ndarray:
    """The most frequent domain rank of each segment of `rank` (segments start where `new`);
    ties: the lower rank (the catalogue's first). Most segments hold one domain: only the others
    are counted.

        rank [0, 0, 3, 3, 1], new [T, F, T, F, F] -> [0, 3]
    """
    starts = np.flatnonzero(new)
    low = np.minimum.reduceat(rank, starts)
    mixed = low != np.maximum.reduceat(rank, starts)
    if mixed.any():
        segment = np.cumsum(new) - 1
        rows = mixed[segment]
        dense = np.cumsum(mixed) - 1  # the mixed segments, numbered 0 …
        per = np.bincount(dense[segment[rows]] * ndom + rank[rows], minlength=mixed.sum() * ndom)
        low[mixed] = per.reshape(-1, ndom).argmax(axis=1)
    return low


def _readings(prep: Prepared, ix: ReportIndex, mask: np.ndarray):
    """The view's readings with their changes; change rows shown on a level's card dropped."""
    pos, ku, mentions, years, domains = _best_rows(ix, mask)
    level = ~ix.is_change[pos]
    lv = pos[level]
    by_case = ix.by_case.first(mask, lv)
    change_row = np.full(len(pos), -1, dtype=np.int64)
    change_row[level] = np.where(by_case >= 0, by_case, ix.by_doc.first(mask, lv))
    pair = np.where(level, ix.pair_of[pos], -1)
    change_row[pair >= 0] = -1  # a pair's own change comes first
    own = prep.improving[pos]
    of_change = prep.improving[np.maximum(change_row, 0)]
    improving = np.where(change_row >= 0, of_change, own).astype(np.int8)
    stated = ix.has_direction[pos]
    moved = ~level | (pair >= 0) | (change_row >= 0) | stated
    tier = np.where(improving >= 0, 2, np.where(moved, 1, 0)).astype(np.int8)
    found = _Readings(pos, ku, mentions, years, change_row, pair, improving, tier)
    said_with_level = np.zeros(ix.n_places, dtype=bool)
    said_with_level[ix.doc_year[lv]] = True
    return found.take(level | ~said_with_level[ix.doc_year[pos]]), domains


def _score(core, tier, cities, catalogue, city_years, mentions, latest) -> np.ndarray:
    """One int64 per item, higher first: core, tier, cities, catalogue key, city-years, mentions,
    latest year, in that order of weight (each clipped to its bits, far beyond real counts)."""
    fields = ((core, 1, 62), (tier, 2, 60), (cities, 10, 50), (catalogue, 1, 49),
              (city_years, 17, 32), (mentions, 20, 12), (latest, 12, 0))  # fmt: skip
    score = np.zeros(len(core), dtype=np.int64)
    for values, bits, shift in fields:
        score |= np.clip(values.astype(np.int64), 0, (1 << bits) - 1) << shift
    return score


def _ranked(prep: Prepared, ix: ReportIndex, r: _Readings, domains) -> dict[str, np.ndarray]:
    """Per item (key_unit) of the readings: where its readings start and end, its domain, its
    number of named cities and its score (see the module's "Order")."""
    n = len(r.pos)
    if not n:
        none = np.zeros(0, dtype=np.int64)
        return {"start": none, "end": none, "ku": none, "cities": none, "score": none,
                "domain": none}  # fmt: skip
    start = np.flatnonzero(np.r_[True, r.ku[1:] != r.ku[:-1]])
    end = np.r_[start[1:], n].astype(np.int64)
    kus = r.ku[start]

    def total(values: np.ndarray, how=np.add) -> np.ndarray:
        return how.reduceat(values, start)

    cities = total(ix.city_named[prep.codes["city"][r.pos]].astype(np.int64))
    score = _score(total(prep.core[r.pos].astype(np.int8), np.maximum), total(r.tier, np.maximum),
                   cities, ix.ku_catalogue[kus], total(r.years), total(r.mentions),
                   total(prep.year[r.pos], np.maximum))  # fmt: skip
    domain = domains[1][np.searchsorted(domains[0], kus)]
    return {"start": start, "end": end, "ku": kus, "cities": cities, "score": score,
            "domain": domain}  # fmt: skip


def _top(idx: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """The `k` of `idx` with the highest score, best first; ties: the lower index first.

    idx [0, 1, 2, 3], score [5, 9, 5, 1], k 2 -> [1, 0]. No full sort: a partition, then a sort
    of the k kept.
    """
    if k <= 0 or not len(idx):
        return idx[:0]
    s = score[idx]
    if len(idx) > k:
        kth = np.partition(s, len(s) - k)[len(s) - k]
        above = np.flatnonzero(s > kth)
        keep = np.r_[above, np.flatnonzero(s == kth)[: k - len(above)]]
        idx, s = idx[keep], s[keep]
    return idx[np.lexsort((idx, -s))]


# --- records ------------------------------------------------------------------------------------

READING_COLUMNS = ("id", "value", "value_low", "qualifier", "role", "direction", "city", "year",
                   "doc", "case_title", "district", "comparison", "polarity")  # fmt: skip
CHANGE_COLUMNS = ("id", "value", "unit", "direction", "comparison")


def _columns(prep: Prepared, positions: np.ndarray, columns: tuple[str, ...]) -> dict[str, list]:
    """Plain values (missing as None) of `columns` at `positions`, as lists."""
    out = {}
    for column in columns:
        values = values_at(prep, positions, column).tolist()
        out[column] = [None if isinstance(v, float) and np.isnan(v) else v for v in values]
    return out


def _known(improving: int) -> bool | None:
    """The table's `improving` from its int8 form: 1 -> True, 0 -> False, -1 -> None."""
    return None if improving < 0 else bool(improving)


def _signed(value: float, direction: str | None) -> float:
    """A stated change with its sign: (24.96, "down") -> -24.96; (8.9, "up") -> 8.9."""
    if direction == "down":
        return -abs(value)
    return abs(value) if direction == "up" else value


def _stated(row: dict, i: int, improving: int) -> Change:
    """The change a change row states (its columns at index `i` of `row`)."""
    return Change(
        value=_signed(row["value"][i], row["direction"][i]),
        unit=row["unit"][i] or "",
        direction=row["direction"][i],
        improving=_known(improving),
        source="stated",
        row_id=str(row["id"][i]),
        comparison=row["comparison"][i],
    )


def _from_pair(ix: ReportIndex, pair: int, comparison: str | None, improving: int) -> Change:
    """The change of a from→to pair: 38.69 % → 68.17 % gives +29.48 pp, direction up."""
    p = {name: values[pair] for name, values in ix.pairs.items()}
    change = float(p["change"])
    return Change(
        value=change,
        unit=str(p["change_unit"] or ""),
        direction="up" if change > 0 else "down" if change < 0 else None,
        improving=_known(improving),
        source="pair",
        row_id=str(p["base_id"]),
        comparison=comparison,
        base=float(p["base"]),
        base_unit=p["base_unit"],
        base_year=int(p["base_year"]) or None,
    )


def _changes(prep: Prepared, ix: ReportIndex, r: _Readings, idx: np.ndarray, own: dict):
    """The change shown with each reading of `idx` (None for a level without one); `own` holds
    the readings' own columns (a change item's change is its own row)."""
    stated_rows = r.change_row[idx]
    has_row = np.flatnonzero(stated_rows >= 0)
    rows = _columns(prep, stated_rows[has_row], CHANGE_COLUMNS)
    row_of = {int(j): n for n, j in enumerate(has_row)}
    own = {**own, "unit": ix.ku_unit[r.ku[idx]]}
    out: list[Change | None] = []
    for j, i in enumerate(idx):
        if ix.is_change[r.pos[i]]:
            out.append(_stated(own, j, r.improving[i]))
        elif r.pair[i] >= 0:
            out.append(_from_pair(ix, int(r.pair[i]), own["comparison"][j], r.improving[i]))
        elif j in row_of:
            out.append(_stated(rows, row_of[j], r.improving[i]))
        else:
            out.append(None)
    return out


def _reading_records(prep: Prepared, ix: ReportIndex, r: _Readings, idx: np.ndarray):
    """{reading index: Reading} for the readings `idx`, their columns taken in one pass, and
    {row position: polarity} of the rows shown."""
    pos = r.pos[idx]
    own = _columns(prep, pos, READING_COLUMNS)
    changes = _changes(prep, ix, r, idx, own)
    core = prep.core[pos]
    polarity = dict(zip(pos.tolist(), own["polarity"], strict=True))
    return polarity, {
        int(i): Reading(
            city=own["city"][j],
            year=None if own["year"][j] is None else int(own["year"][j]),
            value=float(own["value"][j]),
            value_low=own["value_low"][j],
            unit=str(ix.ku_unit[r.ku[i]]),
            qualifier=own["qualifier"][j],
            role=str(own["role"][j]),
            direction=own["direction"][j],
            improving=_known(r.improving[i]),
            change=changes[j],
            core=bool(core[j]),
            row_id=str(own["id"][j]),
            position=int(pos[j]),
            doc=own["doc"][j],
            case_title=own["case_title"][j],
            district=own["district"][j],
            mentions=int(r.mentions[i]),
            years=int(r.years[i]),
        )  # fmt: skip
        for j, i in enumerate(idx)
    }


def _item(prep: Prepared, ix: ReportIndex, readings: list[Reading], ku: int, domain: str,
          city_rank: dict, polarity: dict, lang: str) -> Item:  # fmt: skip
    """One item from its readings (put in the view's city order); `polarity` by row position."""
    readings = sorted(readings, key=lambda x: city_rank.get(x.city, len(city_rank)))
    latest = min(readings, key=lambda x: (-(x.year or 0), not x.core,
                                          city_rank.get(x.city, len(city_rank))))  # fmt: skip
    key = str(ix.ku_key[ku])
    return Item(
        key=key,
        unit=str(ix.ku_unit[ku]),
        kind="change" if ix.is_change[latest.position] else "level",
        label=key_label(prep, key, lang),
        domain=domain,
        core=any(x.core for x in readings),
        polarity=polarity[latest.position],
        readings=tuple(readings),
        latest=latest,
        mentions=sum(x.mentions for x in readings),
    )


def _cities(prep: Prepared, mask: np.ndarray) -> tuple[str | None, ...]:
    """The view's cities, most rows first (ties by name), the unnamed city (None) last."""
    n = np.bincount(prep.codes["city"][mask], minlength=len(prep.cats["city"]))
    cats = [str(c) for c in prep.cats["city"]]
    present = sorted(np.flatnonzero(n), key=lambda c: (cats[c] == NONE, -n[c], cats[c]))
    return tuple(None if cats[c] == NONE else cats[c] for c in present)


def _chosen(ranked: dict, max_per_domain: int, top_compared: int):
    """{domain code: (items shown, best first; how many more)} and the items compared (readings
    in two or more cities): most cities first, then by score."""
    domain, score, cities = ranked["domain"], ranked["score"], ranked["cities"]
    shown = {}
    for d in np.flatnonzero(np.bincount(domain, minlength=1)):
        ks = np.flatnonzero(domain == d)
        shown[int(d)] = (_top(ks, score, max_per_domain), max(0, len(ks) - max_per_domain))
    compared: list[np.ndarray] = []
    left = top_compared
    for n in np.flatnonzero(np.bincount(cities, minlength=1))[::-1]:
        if n < 2 or left <= 0:
            break
        best = _top(np.flatnonzero(cities == n), score, left)
        compared.append(best)
        left -= len(best)
    return shown, np.concatenate([np.zeros(0, dtype=np.int64), *compared])


def _sections(prep: Prepared, ix: ReportIndex, mask: np.ndarray, hidden: np.ndarray | None,
              shown: dict, items: dict, valued: np.ndarray,
              lang: str) -> tuple[Section, ...]:  # fmt: skip
    """One section per domain with rows in the view or context rows left out of it; a domain
    whose values (`valued`: rows per domain code) all belong to items of other domains has none."""
    ndom = len(prep.cats["domain"])
    rows = np.bincount(prep.codes["domain"][mask], minlength=ndom)
    left_out = np.zeros(ndom, np.int64)
    if hidden is not None:
        left_out = np.bincount(prep.codes["domain"][hidden], minlength=ndom)
    named = {k: v for k, v in prep.domain_labels.items() if v != k}  # no label: the i18n one
    out = []
    for d in np.flatnonzero((rows > 0) | (left_out > 0)):
        ks, more = shown.get(int(d), ((), 0))
        if not len(ks) and valued[d]:
            continue  # its indicators are shown under the domain most of their rows have
        reason = None if len(ks) else ("no_values" if rows[d] else "only_context")
        key = str(prep.cats["domain"][d])
        out.append(Section(
            domain=key, label=domain_name(key, named, lang),
            items=tuple(items[int(k)] for k in ks), more=int(more), rows=int(rows[d]),
            reason=reason, hidden_context=int(left_out[d]),
        ))  # fmt: skip
    out.sort(key=lambda s: (not s.items, s.domain == NONE, -s.rows,
                            int(ix.ranks[list(prep.cats["domain"]).index(s.domain)])))  # fmt: skip
    return tuple(out)


def build_report(prep: Prepared, mask: np.ndarray, lang: str = "zh", *,
                 max_per_domain: int = MAX_PER_DOMAIN, wider: np.ndarray | None = None,
                 top_compared: int = TOP_COMPARED) -> Report:  # fmt: skip
    """The indicators view of the rows under `mask`; `wider` (optional) is the mask of the same
    filters with the context rows, to tell "only context numbers" from "nothing matches".

    On the seeds with ?city=深圳: 基层治理 first (31 rows), led by 矛盾纠纷调解成功率 98 % (2015,
    +53 pp from its pair's 45 %, green); in 平安建设, 火灾起数 15起 with the -50 % its document
    states for the same year (green); a report card: one reading per item, `compare` false.
    """
    hidden = None if wider is None else wider & ~mask
    n_hidden = 0 if hidden is None else int(hidden.sum())
    if not len(prep):
        return Report((), (), False, (), 0, reason="no_data")
    cities = _cities(prep, mask)
    compare = sum(c is not None for c in cities) >= 2
    rows = int(mask.sum())
    if not rows:
        reason = "only_context" if n_hidden else "no_match"
        return Report((), cities, False, (), 0, reason=reason, hidden_context=n_hidden)
    ix = report_index(prep)
    r, domains = _readings(prep, ix, mask)
    ranked = _ranked(prep, ix, r, domains)
    shown, compared = _chosen(ranked, max_per_domain, top_compared if compare else 0)
    wanted = sorted({int(k) for ks, _ in shown.values() for k in ks} | set(compared.tolist()))
    idx = np.concatenate([np.arange(ranked["start"][k], ranked["end"][k]) for k in wanted] or
                         [np.zeros(0, np.int64)])  # fmt: skip
    polarity, records = _reading_records(prep, ix, r, idx.astype(np.int64))
    city_rank = {c: i for i, c in enumerate(cities)}
    items = {k: _item(prep, ix, [records[i] for i in range(ranked["start"][k], ranked["end"][k])],
                      int(ranked["ku"][k]), str(prep.cats["domain"][ranked["domain"][k]]),
                      city_rank, polarity, lang) for k in wanted}  # fmt: skip
    comparison = tuple(items[int(k)] for k in compared)
    return Report(
        sections=_sections(prep, ix, mask, hidden, shown, items, domains[2], lang),
        cities=cities, compare=compare, comparison=comparison, rows=rows,
        reason=None if len(r.pos) else "no_values",
        comparison_reason="no_shared" if compare and len(r.pos) and not comparison else None,
        hidden_context=n_hidden,
    )  # fmt: skip


def report_for_state(prep: Prepared, state: FilterState, *,
                     max_per_domain: int = MAX_PER_DOMAIN) -> Report:  # fmt: skip
    """The view for a link's state: its filters (not its chart selection), core rows unless
    `state.show_all`, and the same filters with context rows to explain an empty view."""
    if state.show_all:
        return build_report(prep, filter_mask(prep, state), state.lang,
                            max_per_domain=max_per_domain)  # fmt: skip
    wider = filter_mask(prep, replace(state, show_all=True))  # the filters' rows, context too
    return build_report(prep, wider & prep.core, state.lang, max_per_domain=max_per_domain,
                        wider=wider)  # fmt: skip


def report_sections(prep: Prepared, mask: np.ndarray, lang: str = "zh",
                    max_per_domain: int = MAX_PER_DOMAIN) -> list[Section]:  # fmt: skip
    """The sections of `build_report` (domains, each with its items best first)."""
    return list(build_report(prep, mask, lang, max_per_domain=max_per_domain).sections)


def comparison_items(prep: Prepared, mask: np.ndarray, lang: str = "zh",
                     top: int = TOP_COMPARED) -> list[Item]:  # fmt: skip
    """Items reported in two or more cities of the view, one reading per city (latest year per
    city), same key and same unit: most cities first, then the sections' order."""
    return list(build_report(prep, mask, lang, max_per_domain=0, top_compared=top).comparison)
