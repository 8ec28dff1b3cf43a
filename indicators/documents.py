"""What reading a source file gives: a `Document`, or a `Failure` and the `DocumentError` that says why.

The text a `Document` holds is the canonical text of the document: every character offset in
the indicator table (`start`, `end`) is a Python str index into `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

# --------------------------------------------------------------------------------------------
# Records and errors


@dataclass(frozen=True)
class Document:
    """One decoded source document; `text` is the canonical text that offsets refer to."""

    path: Path
    text: str
    encoding: str  # the codec that decoded the bytes: "utf-8", "utf-8-sig", "gb18030", …
    sha256: str  # of the raw file bytes, as in the sources file
    note: str = ""  # what was done to the bytes besides decoding, e.g. "HTML tags stripped"
    damage: Damage | None = None  # bytes no encoding could read, now "\ufffd" in `text`

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise EmptyDocumentError(self.path, "holds no text")

    @property
    def damaged_bytes(self) -> int:
        """How many bytes of the file were damaged and replaced by "\ufffd" (0 for a clean file)."""
        return self.damage.damaged_bytes if self.damage else 0

    def damage_report(self, name: Path | str | None = None) -> str:
        """One line for a document read with damaged bytes ("" for a clean one); `name` stands for
        the file (an upload's own name), else its path.

        "x.txt: 5 invalid UTF-8 byte sequence(s) replaced by � (5 damaged bytes, first at line 12
        (byte 840), …); the sentences that hold them were skipped"
        """
        if not self.damage:
            return ""
        where = self.path if name is None else name
        return f"{where}: {self.damage.describe()}; the sentences that hold them were skipped"


class DamagePlace(NamedTuple):
    """Where a run of damaged bytes begins: the line of the file (from 1) and its byte offset (from 0)."""

    line: int
    byte: int


@dataclass(frozen=True)
class Damage:
    """Bytes that could not be decoded and became "\ufffd": how many, and where the first ones are.

    Damage(sequences=2, damaged_bytes=3, encoding="UTF-8", first=(DamagePlace(12, 840), DamagePlace(40, 2911)))
    .describe() -> "2 invalid UTF-8 byte sequence(s) replaced by � (3 damaged bytes, first at
    line 12 (byte 840), line 40 (byte 2911))".
    """

    sequences: int  # runs of invalid bytes; each became one "\ufffd"
    damaged_bytes: int  # the bytes in those runs
    encoding: str  # the encoding the rest of the file is in, as a reader names it ("UTF-8")
    first: tuple[DamagePlace, ...]  # the first few runs, in file order

    def __post_init__(self) -> None:
        if self.damaged_bytes < self.sequences or self.sequences < len(self.first):
            raise ValueError(f"inconsistent damage record {self}")

    def describe(self) -> str:
        """What was damaged and where, for a note or a message (one line)."""
        lines: dict[int, list[str]] = {}
        for place in self.first:
            lines.setdefault(place.line, []).append(str(place.byte))
        places = ", ".join(
            f"line {line} (byte{'s' if len(at) > 1 else ''} {', '.join(at)})"
            for line, at in lines.items()
        )
        more = ", …" if self.sequences > len(self.first) else ""
        return (
            f"{self.sequences} invalid {self.encoding} byte sequence(s) replaced by \ufffd "
            f"({self.damaged_bytes} damaged bytes, first at {places}{more})"
        )


class Failure(NamedTuple):
    """A file that could not be read, and why (the message of its `DocumentError`)."""

    path: Path
    reason: str


class DocumentError(ValueError):
    """A source file cannot be used; the message names the file, the problem and what to do."""

    def __init__(self, path: Path | str, problem: str, advice: str = "") -> None:
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        super().__init__(f"{path}: {problem}" + (f"; {advice}" if advice else ""))


class UnreadableDocumentError(DocumentError):
    """The file does not exist, is a directory or may not be read."""


class EmptyDocumentError(DocumentError):
    """The file has no bytes, or only whitespace, or no visible text once HTML is stripped."""


class BinaryDocumentError(DocumentError):
    """The file is not text: a known binary format, NUL bytes outside UTF-16, or control bytes."""


class UndecodableDocumentError(DocumentError):
    """No supported encoding decodes the bytes into plausible text."""


class DocumentTooLargeError(DocumentError):
    """The file is larger than the byte limit."""


class GarbledDocumentError(DocumentError):
    """The bytes decode, but the text is mostly replacement characters or mojibake."""


TO_TEXT = (
    "convert it to plain text first (UTF-8 .txt, e.g. 'Save as → Plain text' or copy the text out)"
)
RESAVE = "re-save it as UTF-8 (e.g. Notepad: Save as → Encoding: UTF-8) and try again"


def number_ranges(numbers: list[int]) -> str:
    """Line or page numbers for a message: [3, 4, 5, 9] -> "3–5, 9"."""
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in ranges)
