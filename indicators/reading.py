"""Reading source documents: read the bytes, decode them, strip HTML, normalise newlines, fail clearly.

The text a `Document` holds is the canonical text of the document: every character offset in
the indicator table (`start`, `end`) is a Python str index into `Document.text`, after the
byte-order mark is dropped, newlines are normalised ("\\r\\n" and lone "\\r" become "\\n") and, for
HTML, tags are stripped. Never take offsets on the raw file. How bytes become text is in
`indicators.decoding`; web pages in `indicators.formats.html`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

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
from indicators.formats.html import html_to_text, looks_like_html

DEFAULT_MAX_BYTES = 50_000_000

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
    decoded = decode_bytes(data, path)
    text, notes = decoded.text, list(decoded.notes)
    if "\r" in text:
        text = normalise_newlines(text)
        notes.append("newlines normalised to \\n")
    if looks_like_html(text, path):
        text = html_to_text(text)
        notes.append("HTML tags stripped")
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
    return Document(
        path, text, decoded.encoding, hashlib.sha256(data).hexdigest(), "; ".join(notes)
    )


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
    "Decoded",
    "Document",
    "DocumentError",
    "DocumentTooLargeError",
    "EmptyDocumentError",
    "Failure",
    "GarbledDocumentError",
    "UndecodableDocumentError",
    "UnreadableDocumentError",
    "common_hanzi_share",
    "decode_bytes",
    "document_from_bytes",
    "html_to_text",
    "iter_documents",
    "looks_like_html",
    "normalise_newlines",
    "plausibility",
    "read_document",
    "read_documents",
]
