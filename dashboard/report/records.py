"""What the indicators view reads: a report of sections, items (one key in one unit), readings (one
city's latest value) and changes; the constants of the view."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.data import NONE

CHANGE_SUFFIXES = (".change_rate", ".change_pp", ".change")
REASONS = ("no_data", "no_match", "only_context", "no_values", "no_shared")
MAX_PER_DOMAIN = 8
TOP_COMPARED = 12


# --- the records the page reads ----------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A change shown with a value: signed (-24.96 for 下降24.96%) in its unit ("%" a rate of
    change, "pp" percentage points, else the unit of an absolute change such as 倍 or 件)."""

    value: float
    unit: str
    direction: str | None  # "up", "down", None (no change: equal values, or not stated)
    improving: bool | None  # the colour: True green, False red, None grey
    source: str  # "stated" (a change row of the text) or "pair" (computed from a from→to pair)
    row_id: str  # the change row, or the pair's baseline row
    comparison: str | None = None  # yoy, mom, vs_baseline
    base: float | None = None  # a pair's "from" value, in `base_unit`
    base_unit: str | None = None
    base_year: int | None = None

    def __post_init__(self) -> None:
        if self.source not in ("stated", "pair"):
            raise ValueError(f"Change.source must be 'stated' or 'pair', not {self.source!r}")


@dataclass(frozen=True)
class Reading:
    """One indicator in one city: its latest value and where it comes from."""

    city: str | None
    year: int | None
    value: float
    value_low: float | None  # the low end of a range ("3至5天"), else None
    unit: str
    qualifier: str | None  # approx, over, under
    role: str
    direction: str | None
    improving: bool | None  # of the change when there is one, else of the row itself
    change: Change | None
    core: bool
    row_id: str  # the row shown: the click-through to the evidence
    position: int  # that row's position in `prep.df`
    doc: str | None
    case_title: str | None
    district: str | None
    mentions: int  # rows of this indicator and unit in this city, in the view
    years: int  # distinct years of those rows


@dataclass(frozen=True)
class Item:
    """One indicator identity (one key, one unit) with one reading per city of the view."""

    key: str
    unit: str
    kind: str  # "level" or "change" (a change row with no level of its document and year)
    label: str
    domain: str
    core: bool
    polarity: str | None
    readings: tuple[Reading, ...]  # in the view's city order
    latest: Reading  # the most recent reading (ties: a core row, then the first city)
    mentions: int

    def __post_init__(self) -> None:
        if self.kind not in ("level", "change"):
            raise ValueError(f"Item.kind must be 'level' or 'change', not {self.kind!r}")

    @property
    def key_unit(self) -> str:
        """The identity as the overview's comparison names it (its `cmp` link parameter):
        "dispute.mediation_success_rate|%"; "safety.traffic_death_rate|_none" without a unit."""
        return f"{self.key}|{self.unit or NONE}"


@dataclass(frozen=True)
class Section:
    """One domain of the view: its items, best first, and why it is empty when it is."""

    domain: str  # the domain key (NONE: unclassified)
    label: str
    items: tuple[Item, ...]
    more: int  # items of the domain beyond those shown
    rows: int  # rows of the domain in the view
    reason: str | None = None  # "only_context" or "no_values" when `items` is empty
    hidden_context: int = 0  # context rows of the domain left out (the core switch is off)


@dataclass(frozen=True)
class Report:
    """The whole indicators view: sections, the cities compared, and why it is empty."""

    sections: tuple[Section, ...]
    cities: tuple[str | None, ...]  # the view's cities, most rows first (None: city not stated)
    compare: bool  # two or more cities: the page compares them on the same items
    comparison: tuple[Item, ...]  # items with readings in two or more cities, most cities first
    rows: int
    reason: str | None = None
    comparison_reason: str | None = None
    hidden_context: int = 0  # context rows the filters match but the view leaves out
