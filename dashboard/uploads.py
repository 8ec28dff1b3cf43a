"""Checking an upload from the Add-document page before anything touches the disk.

Whatever a visitor sends (a crafted request as well as the page's own) is either an `Upload`
ready for `indicators.corpus.add_uploaded_text` or an `UploadError` whose message the page shows.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import re
from dataclasses import dataclass

MAX_NAME_BYTES = 200  # file systems allow 255; the corpus adds a temporary prefix and suffix
MAX_CITY_CHARS = 30
MAX_TITLE_CHARS = 200
CITY_PUNCTUATION = " ·・-'’."  # 乌鲁木齐 · Xi'an · St. Petersburg-like names
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class UploadError(ValueError):
    """An upload the visitor must correct (name, contents, city or title); shown in the page."""


@dataclass(frozen=True)
class Upload:
    """A checked upload: the file's name and bytes and its metadata."""

    name: str
    data: bytes
    city: str
    published: str
    title: str


def _text(value: object, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise UploadError(f"the {field} is not text; fill in the form and send it again")
    return value


def check_upload_name(name: str) -> str:
    """A file name short enough to store: "报告.txt" -> "报告.txt"; 300 letters -> refused.

    Path parts and suffixes are then settled by `indicators.corpus.check_file_name`.
    """
    name = name.strip()
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        raise UploadError(
            f"the file name is too long ({len(name)} characters, {size} bytes; at most "
            f"{MAX_NAME_BYTES} bytes, about 60 Chinese characters): rename the file "
            f"(it begins {name[:30]!r}) and upload it again"
        )
    return name


def check_city_name(city: str) -> str:
    """A city must look like a place name: letters, with spaces, · - ' . between them.

    " 厦门市 " -> "厦门市"; "Xi'an" -> "Xi'an"; '<a href="https://evil.example/">钓鱼城</a>',
    "%{y}城", "厦门2" and "" are refused.
    """
    city = city.strip()
    if not city:
        raise UploadError("no city given; name the city the document is about, e.g. 厦门")
    wrong = sorted({ch for ch in city if not ch.isalpha() and ch not in CITY_PUNCTUATION})
    if wrong or len(city) > MAX_CITY_CHARS or not city[0].isalpha():
        shown = "".join(wrong)[:10]
        raise UploadError(
            f"the city {city[:40]!r} does not look like a place name"
            + (f" (it contains {shown!r})" if wrong else "")
            + f"; give the city's name in letters only (at most {MAX_CITY_CHARS} characters), e.g. 厦门"
        )
    return city


def check_title(title: str) -> str:
    """An optional title: "厦门案例" -> "厦门案例"; control characters or 201 characters refused."""
    title = title.strip()
    if len(title) > MAX_TITLE_CHARS or _CONTROL.search(title):
        raise UploadError(
            f"the title must be one line of at most {MAX_TITLE_CHARS} characters; shorten it"
        )
    return title


def decode_contents(contents: str, name: str, max_bytes: int) -> bytes:
    """The file's bytes from the page's data URL ("data:text/plain;base64,5Y6m6Zeo" -> b"厦门").

    Refused: no comma, not base64, or more than `max_bytes` (estimated before decoding).
    """
    header, comma, payload = contents.partition(",")
    if not comma or not header.startswith("data:") or not header.endswith(";base64"):
        raise UploadError(
            f"{name}: the upload did not arrive as a file (expected a base64 data URL); "
            "choose the file again and send it"
        )
    if len(payload) * 3 // 4 > max_bytes:
        raise UploadError(
            f"{name}: the upload is over the {max_bytes / 1e6:g} MB limit; "
            "split the document into smaller files"
        )
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise UploadError(
            f"{name}: the upload's contents are not valid base64, so the file was damaged on "
            "the way; choose the file again and send it"
        ) from None


def checked_upload(
    filename: object,
    contents: object,
    city: object,
    published: object,
    title: object,
    max_bytes: int,
) -> Upload:
    """The form's values checked in turn (name, city, date, title, contents), or an UploadError
    (a MetadataError for a date that is not a real one)."""
    from indicators.corpus import check_published  # noqa: PLC0415

    name = check_upload_name(_text(filename, "file name"))
    city_s = check_city_name(_text(city, "city"))
    published_s = check_published(_text(published, "publication date"))
    title_s = check_title(_text(title, "title"))
    data = decode_contents(_text(contents, "file"), name, max_bytes)
    return Upload(name, data, city_s, published_s, title_s)


def token_matches(given: object, expected: str | None) -> bool:
    """True when no token is set, or `given` is that token (compared in constant time)."""
    if not expected:
        return True
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
