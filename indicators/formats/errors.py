"""Why a Word or PDF file cannot be read: one `DocumentError` class per kind, each saying what to do."""

from __future__ import annotations

from indicators.documents import BinaryDocumentError, DocumentError

OCR = (
    "run OCR on it first (e.g. `ocrmypdf scan.pdf text.pdf`, or Acrobat/WPS 'Recognise text'), "
    "or ask the publisher for the text version"
)


class DamagedFileError(BinaryDocumentError):
    """A .docx or .pdf its library cannot open: truncated, damaged, or not what its name says."""


class EncryptedFileError(BinaryDocumentError):
    """A password-protected .docx or .pdf."""


class ScannedPdfError(DocumentError):
    """A PDF without a text layer: its pages are images (a scan)."""
