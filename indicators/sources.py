"""Source-document records: title, city, publisher, dates, period covered and sha256 (seeds/sources.yaml)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from indicators.reading import file_stamp

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster on big files

SOURCES_FILE = "sources.yaml"


class SourcesFileError(ValueError):
    """The sources file cannot be read or has a malformed record."""


@dataclass(frozen=True)
class SourceRecord:
    """What we know about one source document."""

    file: str
    title: str = ""
    city: str = ""
    publisher: str = ""
    published: str = ""  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    period_start: int | None = None
    period_end: int | None = None
    lang: str = "zh"
    sha256: str = ""
    inferred: bool = False  # True when no record existed and the fields were guessed
    from_page: bool = False  # True when title, date and publisher were read from the page itself

    def __post_init__(self) -> None:
        if not self.file:
            raise SourcesFileError("a source record has no file name")
        if self.published and not str(self.published)[:4].isdigit():
            raise SourcesFileError(
                f"{self.file}: published {self.published!r} is not a date (YYYY[-MM[-DD]])"
            )

    @property
    def published_year(self) -> int | None:
        return int(str(self.published)[:4]) if self.published else None

    def as_dict(self) -> dict:
        """The fields as a dict; `from_page` only when set (so older records hash as before)."""
        fields = asdict(self)
        if not self.from_page:
            del fields["from_page"]
        return fields


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load_sources(path: Path) -> dict[str, SourceRecord]:
    """Read a sources file into {file name: record}; a missing file gives {}.

    A corpus of ten thousand documents has a sources file of ten thousand records, read by every
    batch of `extract_paths`: it is parsed with libyaml when present and kept per process until
    the file changes (every write replaces it, so its identity changes).
    """
    path = Path(path)
    stamp = file_stamp(path)
    if stamp is None:
        return {}
    return dict(_parse_sources(path, str(path.resolve()), stamp))


@lru_cache(maxsize=16)
def _parse_sources(
    path: Path, resolved: str, stamp: tuple[int, int, int, int]
) -> dict[str, SourceRecord]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourcesFileError(f"{path}: not valid YAML ({exc}); fix or delete the file") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents") or [], list):
        raise SourcesFileError(
            f"{path}: expected 'documents:' followed by a list of records, each with a "
            "'file:' field (see seeds/sources.yaml); fix or delete the file"
        )
    records = {}
    fields = set(SourceRecord.__dataclass_fields__)
    for i, raw in enumerate(data.get("documents") or []):
        if not isinstance(raw, dict) or "file" not in raw:
            raise SourcesFileError(f"{path}: record {i + 1} has no 'file' field")
        clean = {
            k: (str(v) if k in {"published", "title", "city", "publisher"} and v is not None else v)
            for k, v in raw.items()
            if k in fields
        }
        rec = SourceRecord(**clean)
        records[rec.file] = rec
    return records


def save_sources(path: Path, records: dict[str, SourceRecord]) -> None:
    """Write records back as YAML, atomically."""
    path = Path(path)
    docs = []
    for rec in sorted(records.values(), key=lambda r: r.file):
        flags = ("inferred", "from_page")
        d = {k: v for k, v in rec.as_dict().items() if v not in (None, "") and k not in flags}
        d.update({flag: True for flag in flags if getattr(rec, flag)})  # only when set
        docs.append(d)
    text = (
        "# One record per source document: what it is, where and when it comes from, and its sha256.\n"
        "# `indicators add` appends to this file; an analyst may edit it by hand.\n"
    )
    text += yaml.safe_dump({"documents": docs}, allow_unicode=True, sort_keys=False)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def page_record(document) -> SourceRecord | None:
    """A record from what a web page says about itself, for a page sources.yaml has no record of.

    A page with <meta name="ArticleTitle" content="…通报">, PubDate "2023-06-19 16:28" and
    ContentSource "…中心" -> SourceRecord(title="…通报", published="2023-06-19",
    publisher="…中心", from_page=True); None for a document that is no web page.
    """
    page = getattr(document, "page", None)  # indicators.reading.PageDocument
    if not page:
        return None
    return SourceRecord(
        file=Path(document.path).name,
        title=page.title,
        publisher=page.publisher,
        published=page.published,
        sha256=document.sha256,
        from_page=True,
    )


def sources_for(doc_path: Path) -> dict[str, SourceRecord]:
    """The records of the sources file lying beside a document (if any)."""
    return load_sources(Path(doc_path).parent / SOURCES_FILE)
