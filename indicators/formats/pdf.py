"""PDF files: the text layer and the ruled tables, page by page, in reading order (pdfplumber).

On each page, pdfplumber finds the ruled tables (`find_tables`); the characters inside a table's
box are left out of the page's text, so nothing is read twice, and each table row becomes one
line of tab-separated cells (a merged cell's text in its first cell, the cells it covers empty).
Text lines and tables are put in the order of their top edge. The page's lines are joined back
into paragraphs: a line that reaches the right edge of the text continues on the next one,
unless the next is indented or set apart by extra space (a new paragraph); a continued line
joins without a space after a Chinese character or digit. A paragraph that runs over a page
break is joined the same way; lines that are only a page number ("— 3 —", "第 3 页", "3/12")
are dropped.

Refused with a message: a PDF without a text layer (a scan: its pages are images), a PDF whose
fonts have no character map (its text reads as "(cid:123)"), a password-protected or damaged one.
Not read: text in images, annotations and form fields, tables drawn without ruling lines (their
rows come out as text lines, cells separated by spaces).
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from indicators.documents import EmptyDocumentError, GarbledDocumentError, number_ranges
from indicators.formats.errors import OCR, DamagedFileError, EncryptedFileError, ScannedPdfError

MIN_PAGE_CHARS = 10  # a page with fewer characters and an image is a scanned page
MAX_CID_SHARE = 0.05  # of the text: more "(cid:N)" glyphs than this and the fonts have no map

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$",
    re.IGNORECASE,
)
_JOIN_TIGHT = re.compile(r"[\u2e80-\u9fff\uf900-\uffef0-9%.,，。、；：（）《》“”]")
_CID = re.compile(r"\(cid:\d+\)")
_SENTENCE_END = re.compile(r"[。！？!?；;：:][”’」』）)]*$")
_LIST_ITEM = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)"
    r"|[●•■◆▲★☆○◎]|第[一二三四五六七八九十\d]+[章节条部分])"
)
MAX_RAGGED_CHARS = 6  # a wrapped line ends at most this many characters short of the right edge


@dataclass(frozen=True)
class Line:
    """One text line of a page, with its box (PDF points, top-down)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF and what the note should say."""

    text: str
    pages: int
    notes: tuple[str, ...]


def pdf_text(data: bytes, path: Path | str) -> PdfText:
    """The text of a PDF: paragraphs and table rows, page after page.

    A page with "全市受理诉求38447件。" above a ruled table [[类型, 数量], [咨询类, 19651]] ->
    "全市受理诉求38447件。\\n类型\\t数量\\n咨询类\\t19651".
    """
    import pdfplumber  # loaded on first use

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_page_items(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds for a broken file
        raise _open_error(exc, path) from None
    return _assemble(pages, path)


def _open_error(exc: Exception, path: Path | str) -> DamagedFileError | EncryptedFileError:
    chain = [exc, *exc.args, exc.__cause__, exc.__context__]
    names = " ".join(type(e).__name__ for e in chain if isinstance(e, BaseException))
    if "Password" in names or "Encryption" in names:
        return EncryptedFileError(
            path,
            "this PDF is password-protected, so its text cannot be read",
            "open it with its password and save or print it as a PDF without a password",
        )
    detail = " ".join(str(exc).split())[:120]
    return DamagedFileError(
        path,
        f"this PDF file cannot be read ({type(exc).__name__}: {detail}); it is damaged or "
        "incomplete",
        "download or export it again, or save its text as a .txt file",
    )


@dataclass(frozen=True)
class _PageItems:
    items: list  # Line or list[str] (a table's rows), in reading order
    chars: int
    images: int


def _page_items(page) -> _PageItems:
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    text_page = page.filter(lambda obj: not _in_boxes(obj, boxes)) if boxes else page
    lines = [
        Line(ln["text"], ln["x0"], ln["x1"], ln["top"], ln["bottom"])
        for ln in text_page.extract_text_lines(strip=True)
        if ln["text"].strip()
    ]
    rows = [(t.bbox[1], table_rows(t.extract())) for t in tables]
    items = sorted([(ln.top, ln) for ln in lines] + rows, key=lambda pair: pair[0])
    return _PageItems([item for _, item in items], len(page.chars), len(page.images))


def _in_boxes(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def table_rows(rows: list[list[str | None]]) -> list[str]:
    """Table cells as tab-separated lines; a cell's wrapped lines are joined back.

    [["工单\\n类型", "数量"], ["咨询类", "19651"], [None, None]] -> ["工单类型\\t数量", "咨询类\\t19651"].
    """
    lines = []
    for row in rows:
        cells = [_unwrap_cell(c) for c in row]
        if any(cells):
            lines.append("\t".join(cells))
    return lines


def _unwrap_cell(cell: str | None) -> str:
    parts = [p.strip() for p in (cell or "").split("\n") if p.strip()]
    out = ""
    for part in parts:
        out = _join(out, part) if out else part
    return out.replace("\t", " ")


def _join(left: str, right: str) -> str:
    """A line continued on the next: no space after a Chinese character or a digit."""
    if _JOIN_TIGHT.match(left[-1]) or _JOIN_TIGHT.match(right[0]):
        return left + right
    return f"{left} {right}"


# --------------------------------------------------------------------------------------------
# Pages to text


def _assemble(pages: list[_PageItems], path: Path | str) -> PdfText:
    chars = sum(p.chars for p in pages)
    scanned = [i + 1 for i, p in enumerate(pages) if p.chars < MIN_PAGE_CHARS and p.images]
    if chars == 0 or (scanned and all(p.chars < MIN_PAGE_CHARS for p in pages)):
        if scanned:
            raise ScannedPdfError(
                path,
                f"this PDF has no text layer: its {len(pages)} page(s) are scanned images, "
                "so there is no text to read",
                OCR,
            )
        raise EmptyDocumentError(path, "the PDF holds no text", "check it is the right file")
    text = "\n".join(_paragraphs(pages))
    cid = sum(len(m) for m in _CID.findall(text))
    if cid > MAX_CID_SHARE * len(text):
        raise GarbledDocumentError(
            path,
            f"the PDF's fonts have no character map: {cid / len(text):.0%} of its text reads "
            "as '(cid:N)' glyph numbers, not characters",
            OCR,
        )
    notes = [f"PDF read with pdfplumber ({len(pages)} pages)"]
    if scanned:
        notes.append(
            f"page(s) {number_ranges(scanned)} have no text layer (scanned images) and were not read"
        )
    return PdfText(text, len(pages), tuple(notes))


def _paragraphs(pages: list[_PageItems]) -> list[str]:
    """Lines joined into paragraphs across the whole document; tables as their rows."""
    out: list[str] = []
    open_line: Line | None = None  # the last text line, if its paragraph may continue
    layout = _Layout.of([it for page in pages for it in page.items if isinstance(it, Line)])
    numbers = page_number_lines(pages)
    for page in pages:
        prev: Line | None = None
        for item in page.items:
            if not isinstance(item, Line):
                out.extend(item)
                open_line = prev = None
                continue
            if id(item) in numbers:
                continue
            if open_line is not None and layout.continues(open_line, item, prev):
                out[-1] = _join(out[-1], item.text)
            else:
                out.append(item.text)
            open_line = prev = item
    return out


def page_number_lines(pages: list[_PageItems]) -> set[int]:
    """The ids of the lines that are page numbers: the first or last line of a page when it is
    only a number ("— 3 —", "第3页", "3/12") and at least half the pages have one.

    A lone "7" on one page of ten is the text's own; "- 1 -" … "- 10 -" is a running footer.
    """
    found = set()
    for page in pages:
        lines = [it for it in page.items if isinstance(it, Line)]
        for line in {id(x): x for x in lines[:1] + lines[-1:]}.values():
            if _PAGE_NUMBER.match(line.text):
                found.add(id(line))
    return found if len(found) >= max(2, len(pages) / 2) else set()


@dataclass(frozen=True)
class _Layout:
    """The text block of the pages: left and right edges, character size and usual line gap."""

    left: float
    right: float
    size: float
    gap: float

    @classmethod
    def of(cls, lines: list[Line]) -> _Layout:
        if not lines:
            return cls(0.0, 0.0, 10.0, 0.0)
        rights = sorted(ln.x1 for ln in lines)
        gaps = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False))
        gaps = [g for g in gaps if g >= 0]
        return cls(
            statistics.mode(round(ln.x0) for ln in lines),  # the margin most lines start at
            rights[int(0.9 * (len(rights) - 1))],  # robust to a few lines that stick out
            statistics.median(ln.bottom - ln.top for ln in lines),
            gaps[len(gaps) // 4] if gaps else 0.0,  # the gap between lines of one paragraph
        )

    def continues(self, open_line: Line, line: Line, prev: Line | None) -> bool:
        """`line` goes on with `open_line`'s paragraph.

        Yes when `open_line` runs to (nearly) the right edge and ends mid-sentence, and `line`
        is not indented, starts no list item ("一、", "（二）", "3.", "●") and has no extra space
        above it. A line ending in "。" ends its paragraph: a wrong break there is harmless, a
        sentence cut in two is not.
        """
        if _SENTENCE_END.search(open_line.text) or _LIST_ITEM.match(line.text):
            return False
        if open_line.x1 < self.right - MAX_RAGGED_CHARS * self.size:
            return False
        if line.x0 > self.left + 0.8 * self.size:
            return False
        if prev is None:  # the first line of a page
            return True
        return line.top - prev.bottom <= max(self.gap * 1.5, self.gap + 0.3 * self.size)
