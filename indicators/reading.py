"""Reading source documents: read the bytes, decode them, strip HTML, normalise newlines, fail clearly.

The text a `Document` holds is the canonical text of the document: every character offset in
the indicator table (`start`, `end`) is a Python str index into `Document.text`, after the
byte-order mark is dropped, newlines are normalised ("\\r\\n" and lone "\\r" become "\\n") and, for
HTML, the page's main text is kept and tags are stripped. Never take offsets on the raw file.
How bytes become text is in `indicators.decoding`; web pages in `indicators.formats.webpage` and
`indicators.formats.html`; Word and PDF files (told by their first bytes and extension, before
any decoding) in `indicators.formats.docx` and `indicators.formats.pdf`.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from indicators.decoding import (
    Decoded,
    _refuse_garbled,
    common_hanzi_share,
    decode_bytes,
    plausibility,
)
from indicators.documents import (
    BinaryDocumentError,
    Document,
    DocumentError,
    DocumentTooLargeError,
    EmptyDocumentError,
    Failure,
    GarbledDocumentError,
    UndecodableDocumentError,
    UnreadableDocumentError,
)
from indicators.formats.errors import (
    DamagedFileError,
    EncryptedFileError,
    ScannedPdfError,
)
from indicators.formats.html import html_to_text, looks_like_html

if TYPE_CHECKING:
    from indicators.formats.webpage import PageMeta

DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class PageDocument(Document):
    """A web page's `Document`, with what the page says about itself (its meta tags)."""

    page: PageMeta | None = None


# --------------------------------------------------------------------------------------------
# Reading files


def file_stamp(path: Path | str) -> tuple[int, int, int, int] | None:
    """Identity of a file or folder on disk (device, inode, mtime, size); None when it is missing.

    Every write here replaces the file or dataset whole, so the stamp changes with each write: the
    sources cache and the dashboard's table reload both compare stamps.
    """
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)


def read_document(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a `Document`, or raise a `DocumentError` subclass saying why not.

    "厦门市…" saved as GBK -> Document(encoding="gb18030", text="厦门市…").
    """
    path = Path(path)
    return document_from_bytes(_read_bytes(path, max_bytes), path, max_bytes)


def document_from_bytes(
    data: bytes, name: Path | str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """A `Document` from bytes already in hand (an upload), by the same rules as `read_document`.

    `name` stands for the file in messages, and its extension says whether it is HTML.
    """
    path = Path(name)
    if len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    if not data or data.isspace():
        size = "0 bytes" if not data else f"only whitespace, {len(data)} bytes"
        raise EmptyDocumentError(
            path,
            f"the file is empty ({size})",
            "check it was saved or downloaded completely, or leave it out",
        )
    kind = document_format(data, path)
    if kind != "text":
        return _formatted_document(kind, data, path)
    decoded = decode_bytes(data, path)
    text, notes = decoded.text, list(decoded.notes)
    if "\r" in text:
        text = normalise_newlines(text)
        notes.append("newlines normalised to \\n")
    page = None
    if looks_like_html(text, path):
        from indicators.formats.webpage import page_text

        text, main = page_text(text)
        page = main.meta or None
        notes += ["HTML tags stripped", f"main text of the page kept ({main.how})"]
        if page:
            notes.append(_page_note(page))
        if not text.strip():
            raise EmptyDocumentError(
                path,
                "the HTML page has no visible text once tags are removed",
                "save the page's text instead",
            )
    elif not text.strip():
        raise EmptyDocumentError(
            path, f"the file holds only whitespace ({decoded.encoding})", "leave it out"
        )
    _refuse_garbled(text, path, decoded.encoding)
    digest = hashlib.sha256(data).hexdigest()
    if page:
        return PageDocument(
            path, text, decoded.encoding, digest, "; ".join(notes), damage=decoded.damage, page=page
        )
    return Document(path, text, decoded.encoding, digest, "; ".join(notes), decoded.damage)


# --------------------------------------------------------------------------------------------
# Word and PDF files

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file format of old Office files


def document_format(data: bytes, path: Path) -> str:
    """ "pdf", "docx" or "text", by the file's first bytes and its extension, before decoding.

    b"%PDF-1.7…" -> "pdf" whatever the name; a ZIP holding word/document.xml -> "docx";
    "report.docx" in the old compound format -> "docx" (refused as encrypted or as a .doc);
    anything else -> "text" (decoding refuses the other binary formats).
    """
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF-") or suffix == ".pdf":
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (suffix == ".docx" or _holds_word(data)):
        return "docx"
    if suffix == ".docx" or (data.startswith(_OLE) and _is_word_ole(data)):
        return "docx"
    return "text"


def _holds_word(data: bytes) -> bool:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return {"word/document.xml", "[Content_Types].xml"} <= names


def _is_word_ole(data: bytes) -> bool:
    return any(name.encode("utf-16-le") in data for name in ("WordDocument", "EncryptedPackage"))


def _formatted_document(kind: str, data: bytes, path: Path) -> Document:
    """A .docx or .pdf file as a `Document`; its text is what the format's reader gives."""
    if kind == "pdf":
        from indicators.formats.pdf import pdf_text

        if b"%PDF-" not in data[:1024]:
            raise DamagedFileError(
                path,
                "this .pdf file is not a PDF (it does not start with %PDF-; a web page or an "
                "error message saved under a .pdf name?)",
                "download or export the PDF again",
            )
        read = pdf_text(data, path)
        text, notes = read.text, list(read.notes)
    else:
        from indicators.formats.docx import docx_text, refuse_ole_docx

        if data.startswith(_OLE):
            refuse_ole_docx(data, path)
        if not data.startswith(b"PK"):
            raise DamagedFileError(
                path,
                "this .docx file is not a Word document (a .docx is a ZIP package, and this is "
                "not one)",
                "open it in Word or WPS and save it again as .docx",
            )
        text, notes = docx_text(data, path), ["Word document read with python-docx"]
    text = normalise_newlines(text).strip("\n")
    if not text.strip():
        what = "PDF" if kind == "pdf" else "Word document"
        raise EmptyDocumentError(path, f"the {what} holds no text", "check it is the right file")
    _refuse_garbled(text, path, kind)
    return Document(path, text, kind, hashlib.sha256(data).hexdigest(), "; ".join(notes))


def _page_note(page: PageMeta) -> str:
    found = [
        name
        for name, value in (
            ("title", page.title),
            ("publication date", page.published),
            ("publisher", page.publisher),
        )
        if value
    ]
    return f"{', '.join(found)} taken from the page itself"


def iter_documents(
    paths: Iterable[Path | str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Failure]:
    """Read files one by one, yielding a `Document` or a `Failure` for each (for progress bars)."""
    for path in paths:
        try:
            yield read_document(path, max_bytes)
        except DocumentError as exc:
            yield Failure(Path(path), str(exc))


def read_documents(
    paths: Iterable[Path | str], max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[Document], list[Failure]]:
    """Read every file; good files are read even when others fail. Returns (documents, failures)."""
    documents: list[Document] = []
    failures: list[Failure] = []
    for item in iter_documents(paths, max_bytes):
        (failures if isinstance(item, Failure) else documents).append(item)
    return documents, failures


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise UnreadableDocumentError(
                path, "is a directory, not a file", "pass the files inside it"
            )
        if size > max_bytes:
            raise _too_large(path, size, max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise UnreadableDocumentError(path, "no such file", "check the path") from None
    except PermissionError:
        raise UnreadableDocumentError(
            path, "permission denied", "check the file's permissions"
        ) from None
    except OSError as exc:
        raise UnreadableDocumentError(
            path, f"cannot read the file ({exc.strerror or exc})"
        ) from None
    if len(data) > max_bytes:  # the file grew while we looked at it
        raise _too_large(path, len(data), max_bytes)
    return data


def _too_large(path: Path, size: int, max_bytes: int) -> DocumentTooLargeError:
    limit_mb = max_bytes / 1_000_000
    suggest = int(size / 1_000_000) + 1
    return DocumentTooLargeError(
        path,
        f"the file is {size / 1_000_000:.1f} MB, over the {limit_mb:g} MB limit",
        f"split it into smaller files, or raise the limit with --max-mb {suggest}",
    )


def normalise_newlines(text: str) -> str:
    """ "a\\r\\nb\\rc" -> "a\\nb\\nc"."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


__all__ = [
    "DEFAULT_MAX_BYTES",
    "BinaryDocumentError",
    "DamagedFileError",
    "Decoded",
    "Document",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "EncryptedFileError",
    "Failure",
    "GarbledDocumentError",
    "PageDocument",
    "ScannedPdfError",
    "UndecodableDocumentError",
    "UnreadableDocumentError",
    "common_hanzi_share",
    "decode_bytes",
    "document_format",
    "document_from_bytes",
    "html_to_text",
    "iter_documents",
    "looks_like_html",
    "normalise_newlines",
    "plausibility",
    "read_document",
    "read_documents",
]
