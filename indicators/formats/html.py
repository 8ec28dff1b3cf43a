"""HTML pages: is this a web page, and its visible text (blocks on their own lines, cells split by tabs)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# --------------------------------------------------------------------------------------------
# HTML

_HTML_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|table|tr|td|li|ul|a|h[1-6]|img|meta|font)\b[^>]*>", re.I
)


def looks_like_html(text: str, path: Path | str = "") -> bool:
    """True for .html/.htm files and for text that is clearly a web page.

    A sentence that merely contains "<script>" is not a web page: it stays as text.
    """
    if Path(path).suffix.lower() in _HTML_EXTENSIONS:
        return True
    head = text[:4096]
    return bool(_HTML_START.search(head)) or len(_HTML_TAG.findall(text[:20_000])) >= 20


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_CELL_TAGS = frozenset({"td", "th"})
_DROPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})


class _TextExtractor(HTMLParser):
    """Collects the visible text of a page: blocks on their own lines, cells split by tabs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _DROPPED_TAGS:
            self.dropping += 1
        elif tag == "pre":
            self.in_pre += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self.dropping = max(0, self.dropping - 1)
        elif tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if not self.in_pre:
            data = re.sub(r"[ \t\n\r\f]+", " ", data)
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page.

    "<p>办件&nbsp;3,000件</p><script>x()</script><p>时限&lt;2天</p>" -> "办件 3,000件\\n时限<2天".
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\u00a0", " ")  # entities are already unescaped
    lines = [line.strip(" \t") for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
