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

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise EmptyDocumentError(self.path, "holds no text")


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
