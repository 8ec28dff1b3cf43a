"""Adding documents to a corpus: copy the file, record its source, update the table by sha256.

A corpus is a folder of documents with a `sources.yaml` beside them (like `seeds/`). Adding a
document is one step with the usual shape, load -> process -> save:

1. check the metadata (`published` a real date, a city) and read the file as the extractor
   would (`read_document`: a bad file fails here with the reader's message);
2. copy it into the corpus under its own name (a *different* file with that name is refused,
   the same bytes again are fine) and record title, city, published and sha256 in
   `sources.yaml` (written atomically);
3. update the table incrementally (`update_table`): a document whose sha256 and source record
   match the table's manifest (`storage.read_manifest`) is skipped; a new or changed one is
   extracted and its rows replace all of its old rows. Running it twice changes nothing.

Writers hold a lock on the corpus, so a CLI run and a dashboard upload cannot lose each other's
update.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from indicators.documents import Damage
from indicators.reading import (
    DEFAULT_MAX_BYTES,
    Document,
    DocumentError,
    DocumentTooLargeError,
    Failure,
    read_document,
)
from indicators.sources import (
    SOURCES_FILE,
    SourceRecord,
    SourcesFileError,
    load_sources,
    page_record,
    save_sources,
)
from indicators.storage import (
    document_counts,
    load_table,
    locked,
    read_manifest,
    replace_documents,
)

DOC_SUFFIXES = (".txt", ".text", ".md", ".htm", ".html", ".docx", ".pdf")  # as `extract` reads


class MetadataError(SourcesFileError):
    """The metadata given for a new document is wrong (date, city or file name)."""


class DocumentConflictError(DocumentError):
    """The corpus already holds a different file under that name, or the same text under another."""


# --------------------------------------------------------------------------------------------
# Checking what the user gives


_DATE = re.compile(
    r"""^\s*(?P<y>\d{4})              # year
    (?:\s*[-/.年]\s*(?P<m>\d{1,2})     # month
    (?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?  # day
    \s*月?)?\s*年?\s*$""",
    re.VERBOSE,
)


def check_published(published: str, today: date | None = None) -> str:
    """The publication date as YYYY-MM-DD (or YYYY-MM, YYYY), or a MetadataError saying why not.

    "2024-5-1" -> "2024-05-01"; "2024年5月1日" -> "2024-05-01"; "2024" -> "2024";
    "2024-02-30" and "tomorrow" are refused.
    """
    m = _DATE.match(str(published or ""))
    if not m:
        raise MetadataError(
            f"published {published!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-05-01"
        )
    year, month, day = int(m["y"]), m["m"] and int(m["m"]), m["d"] and int(m["d"])
    try:
        when = date(year, month or 1, day or 1)
    except ValueError as exc:
        raise MetadataError(f"published {published!r} is not a real date ({exc})") from None
    if when > (today or date.today()) or year < 1949:
        raise MetadataError(
            f"published {published!r} is outside 1949 … today; check the year (YYYY-MM-DD)"
        )
    return when.isoformat()[: 10 if day else 7 if month else 4]


def check_city(city: str) -> str:
    """The city's short name as the table writes it: "厦门市" -> "厦门"; empty is refused."""
    city = (city or "").strip()
    if not city:
        raise MetadataError("no city given; name the city the document is about, e.g. --city 厦门")
    from indicators.structure.places import load_gazetteer

    for division in load_gazetteer().divisions:
        if division.level == "prefecture" and city in (division.name, division.short):
            return division.short
    return city


def check_file_name(name: str) -> str:
    """A safe document name: the last path part, no hidden or control characters, a text suffix.

    "C:\\\\下载\\\\报告" -> "报告.txt"; "../../etc/passwd" -> "passwd.txt"; "" is refused.
    """
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base or base in {".", ".."} or base.startswith(".") or re.search(r"[\x00-\x1f]", base):
        raise MetadataError(f"file name {name!r} cannot be used; give the document a plain name")
    if base == SOURCES_FILE:
        raise MetadataError(f"{SOURCES_FILE} is the corpus's own record file; rename the document")
    if Path(base).suffix.lower() not in DOC_SUFFIXES:
        base += ".txt"
    return base


# --------------------------------------------------------------------------------------------
# The incremental table update


@dataclass(frozen=True)
class UpdateReport:
    """What `update_table` did: documents extracted, skipped as unchanged, and failed."""

    table: Path
    extracted: dict[str, int]  # doc -> rows now in the table
    unchanged: tuple[str, ...]
    failures: tuple[Failure, ...]
    rows: int  # rows in the whole table
    damaged: tuple[str, ...] = ()  # one line per document read with damaged bytes

    def describe(self) -> str:
        rows_new = sum(self.extracted.values())
        line = (
            f"table {self.table}: {len(self.extracted)} document(s) extracted ({rows_new} rows), "
            f"{len(self.unchanged)} unchanged (skipped by sha256), {len(self.failures)} failed; "
            f"{self.rows} rows in all"
        )
        skipped = [f"skipped: {f.reason}" for f in self.failures]
        return "\n".join([line, *(f"damaged: {d}" for d in self.damaged), *skipped])


def corpus_documents(corpus: Path) -> list[Path]:
    """The documents in a corpus folder (top level, text suffixes, hidden files left out)."""
    return sorted(
        p
        for p in Path(corpus).iterdir()
        if p.is_file() and p.suffix.lower() in DOC_SUFFIXES and not p.name.startswith(".")
    )


def source_key(record: SourceRecord | None) -> str:
    """A short hash of the source fields that change a document's rows (city, dates …)."""
    fields = {} if record is None else record.as_dict()
    fields.pop("sha256", None)
    return hashlib.sha1(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()[:12]


def manifest_entry(
    sha256: str, record: SourceRecord | None, rows: int, damage: Damage | None = None
) -> dict:
    """The manifest's record of one extracted document version.

    A document read with damaged bytes says so: "damaged_bytes" (how many became "\ufffd") and
    "damage_at" (the first places, [line, byte offset] in the file).
    """
    entry = {"sha256": sha256, "source": source_key(record), "rows": int(rows)}
    if damage:
        entry["damaged_bytes"] = damage.damaged_bytes
        entry["damage_at"] = [list(place) for place in damage.first]
    return entry


def _version(entry: dict | None) -> dict | None:
    """The fields that say which version of a document the table holds (damage follows sha256)."""
    return entry and {k: v for k, v in entry.items() if k in ("sha256", "source", "rows")}


def manifest_of(result, sources: dict[str, SourceRecord] | None = None) -> dict[str, dict]:
    """The manifest of an `ExtractionResult`, so a later `update_table` skips these documents.

    Each document's record is looked up as the extractor does: `sources`, else the sources file
    beside it (read once per folder).
    """
    beside: dict[Path, dict[str, SourceRecord]] = {}
    rows = result.table["doc"].value_counts().to_dict()
    manifest = {}
    for doc in result.documents:
        name, folder = doc.path.name, doc.path.parent
        if folder not in beside:
            beside[folder] = load_sources(folder / SOURCES_FILE)
        record = (sources or {}).get(name) or beside[folder].get(name)
        manifest[name] = manifest_entry(doc.sha256, record, rows.get(name, 0), doc.damage)
    return manifest


def update_table(
    corpus: Path, table: Path, max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False
) -> UpdateReport:
    """Bring the table up to date with the corpus: extract only new or changed documents.

    A document is unchanged when the manifest has its sha256 and source record and the table
    holds the number of rows the manifest says; anything else re-extracts it, and its rows
    replace all of its old ones (so running this twice adds nothing). Rows of documents not
    in the corpus are kept.
    """
    with locked(Path(corpus) / SOURCES_FILE):
        return _update_table(corpus, table, max_bytes, force)


def _update_table(
    corpus: Path, table: Path, max_bytes: int, force: bool = False, overwrite: bool = False
) -> UpdateReport:
    """`update_table` for a caller that holds the corpus lock already."""
    from indicators.pipeline import extract_paths
    from indicators.sources import sha256_of

    corpus, table = Path(corpus), Path(table)
    records = load_sources(corpus / SOURCES_FILE)
    with locked(table):
        manifest = read_manifest(table)
        counts = document_counts(table)
        todo, unchanged = [], []
        for path in corpus_documents(corpus):
            entry = manifest.get(path.name)
            same = _version(entry) == manifest_entry(
                sha256_of(path), records.get(path.name), counts.get(path.name, 0)
            )
            (unchanged if same and not force else todo).append(path)
        result = extract_paths(todo, records, max_bytes) if todo else None
        if result is None:
            names = tuple(p.name for p in unchanged)
            return UpdateReport(table, {}, names, (), sum(counts.values()))
        done = {d.path.name: d for d in result.documents}
        rows = result.table["doc"].value_counts().to_dict()
        manifest = {k: v for k, v in manifest.items() if k not in done}
        for name, doc in done.items():
            manifest[name] = manifest_entry(
                doc.sha256, records.get(name), rows.get(name, 0), doc.damage
            )
        total = replace_documents(table, result.table, done, manifest, force=overwrite)
    extracted = {name: int(rows.get(name, 0)) for name in done}
    names = tuple(p.name for p in unchanged)
    damaged = tuple(d.damage_report() for d in done.values() if d.damage)
    return UpdateReport(table, extracted, names, tuple(result.failures), total, damaged)


# --------------------------------------------------------------------------------------------
# Adding a document


@dataclass(frozen=True)
class AddReport:
    """What `add_document` did to the corpus, and the table update."""

    doc: str
    copied: bool
    record: SourceRecord
    update: UpdateReport

    def describe(self) -> str:
        rec = self.record
        what = "added" if self.copied else "already present (same content)"
        head = (
            f"{self.doc}: {what}; sha256 {rec.sha256[:12]}…, city {rec.city}, "
            f"published {rec.published}"
        )
        return head + "\n" + self.update.describe()


def add_document(
    path: Path,
    corpus: Path,
    table: Path,
    city: str,
    published: str,
    title: str = "",
    max_bytes: int = DEFAULT_MAX_BYTES,
    force: bool = False,
) -> str:
    """Copy `path` into the corpus, record it in sources.yaml and update the table.

    Returns a report for the user. Raises MetadataError (bad date/city/name), a DocumentError
    subclass (the file cannot be read), DocumentConflictError (another file has that name) or
    OutputRefused (the table path holds something indicators did not write, unless `force`).
    """
    path = Path(path)
    name = check_file_name(path.name)
    published, city = check_published(published), check_city(city)
    document = read_document(path, max_bytes)
    report = _add(document, name, corpus, table, city, published, title, max_bytes, force)
    return report.describe()


def add_uploaded_text(
    name: str,
    data: bytes,
    city: str,
    published: str,
    title: str,
    corpus: Path,
    table: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """The dashboard's upload: the same rules as `add_document`; returns the new document's rows.

    Errors name the uploaded file (not a temporary path): DocumentTooLargeError over `max_bytes`,
    the reader's DocumentError for empty, binary or undecodable bytes, MetadataError, and
    DocumentConflictError. A file read with damaged bytes is added; `rows.attrs["damage"]` is
    then the line that says so (as `indicators add` prints it).
    """
    name = check_file_name(name)
    published, city = check_published(published), check_city(city)
    if len(data) > max_bytes:
        raise DocumentTooLargeError(
            name,
            f"the upload is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit",
            "split the document into smaller files",
        )
    with tempfile.TemporaryDirectory(prefix="indicators-upload-") as tmp:
        staged = Path(tmp) / name
        staged.write_bytes(data)
        try:  # errors name the uploaded file, never the staging path
            document = read_document(staged, max_bytes)
            report = _add(document, name, corpus, table, city, published, title, max_bytes)
        except DocumentError as exc:
            raise type(exc)(name, exc.problem, exc.advice) from None
    rows = load_table(Path(table), categorical=False)
    rows = rows[rows["doc"] == report.doc].reset_index(drop=True)
    rows.attrs["damage"] = document.damage_report(name)  # "" unless bytes were damaged
    return rows


def _add(
    document: Document,
    name: str,
    corpus: Path,
    table: Path,
    city: str,
    published: str,
    title: str,
    max_bytes: int,
    overwrite: bool = False,
) -> AddReport:
    from indicators.output_guard import ensure_replaceable

    ensure_replaceable(table, force=overwrite, inputs=[corpus])  # before the corpus changes
    corpus = Path(corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    sources_path = corpus / SOURCES_FILE
    with locked(sources_path):
        records = load_sources(sources_path)
        target = corpus / name
        copied = _place(document, target, records)
        old = records.get(name)
        record = _record(document, name, old, city, published, title)
        if old != record:
            save_sources(sources_path, {**records, name: record})
        update = _update_table(corpus, Path(table), max_bytes, overwrite=overwrite)
    return AddReport(name, copied, record, update)


def _record(
    document: Document, name: str, old: SourceRecord | None, city: str, published: str, title: str
) -> SourceRecord:
    """The sources.yaml record of an added document: what the user gave, else the old record's,
    else what a web page says about itself (its ArticleTitle, ContentSource: flagged `from_page`),
    else the text's first line as the title."""
    page = page_record(document)
    given_title = title or (old.title if old else "")
    given_publisher = old.publisher if old else ""
    page_title = page.title if page and not given_title else ""
    page_publisher = page.publisher if page and not given_publisher else ""
    return SourceRecord(
        file=name,
        title=given_title or page_title or _first_line(document.text),
        city=city,
        publisher=given_publisher or page_publisher or "",
        published=published,
        period_start=old.period_start if old else None,
        period_end=old.period_end if old else None,
        sha256=document.sha256,
        from_page=bool(page_title or page_publisher),
    )


def _place(document: Document, target: Path, records: dict[str, SourceRecord]) -> bool:
    """Copy the document's file to `target` (atomically); False when the same bytes are there."""
    from indicators.sources import sha256_of

    if target.exists():
        existing = sha256_of(target)
        if existing != document.sha256:
            raise DocumentConflictError(
                target,
                f"the corpus already holds a different file with this name "
                f"(sha256 {existing[:12]}…, yours {document.sha256[:12]}…)",
                "rename your file, or remove the old one (and its sources.yaml record) first",
            )
        return False
    for rec in records.values():
        if rec.sha256 == document.sha256 and (target.parent / rec.file).exists():
            raise DocumentConflictError(
                document.path,
                f"the same file is already in the corpus as {rec.file}",
                "nothing to add; to change its metadata, add it again under that name",
            )
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(document.path, tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return True


def _first_line(text: str, most: int = 60) -> str:
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:most]


__all__ = [
    "AddReport",
    "DocumentConflictError",
    "MetadataError",
    "UpdateReport",
    "add_document",
    "add_uploaded_text",
    "check_city",
    "check_file_name",
    "check_published",
    "corpus_documents",
    "manifest_entry",
    "manifest_of",
    "source_key",
    "update_table",
]
