"""Records of the document structure: a reform case and a document's split into cases."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One reform case: where it stands in the text, who runs it, where, when and what it is about.

    `start`/`end` span the whole case (heading included, end exclusive); `body_start` is where its
    text begins after number, units and title. `year` is the case's own year when it states one
    ("2022年，全市共成功劝阻…"); `since_year` holds a "2022年以来" start, resolved against the
    document's period by `add_structure`.
    """

    case_id: str
    ordinal: int
    case_no: str
    title: str
    departments: tuple[str, ...]
    start: int
    end: int
    body_start: int
    district: str | None = None
    year: int | None = None
    since_year: int | None = None
    section: str = ""
    domain: str = "other"
    domain_alt: str | None = None
    domain_evidence: str = ""
    lead: str = ""  # the opening words of the case text, to show untitled cases

    def __post_init__(self) -> None:
        if not self.start <= self.body_start <= self.end:
            raise ValueError(
                f"case {self.case_no or self.ordinal}: offsets out of order "
                f"(start {self.start}, body {self.body_start}, end {self.end})"
            )


@dataclass(frozen=True)
class CaseSplit:
    """A document cut into cases, with the name of the layout the splitter recognised."""

    layout: str
    cases: tuple[Case, ...]

    def case_at(self, offset: int) -> Case | None:
        """The case whose [start, end) holds `offset`, or None (intro, footer)."""
        for case in self.cases:
            if case.start <= offset < case.end:
                return case
        return None
