"""Outputs never destroy what they did not write.

Every command that writes a table (`extract -o`, `add --table`, the dashboard's upload) asks
`ensure_replaceable` first. An existing path is replaced only when it is

- a dataset directory this tool wrote: it holds the marker file `_INDICATORS_TABLE` (written
  with every version), or, for datasets written before the marker existed, nothing but
  `city=…/*.parquet` partitions and the `_documents.json` manifest;
- an empty directory (nothing to lose);
- a file of the requested format: a Parquet file (magic bytes `PAR1`), an .xlsx workbook (a zip
  with `xl/workbook.xml`), a .csv text file or a .jsonl file whose first line is a JSON object.

Anything else (a folder with the user's own files, `/`, a Word file renamed .csv…) is refused
with `OutputRefused`, naming the path and what to do, and is left untouched. `force=True`
(`--force` on the command line) replaces any other folder or file, except the file system root,
the home directory, the current directory and any folder that holds the input documents.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from indicators.storage import MANIFEST, TableStorageError

MARKER = "_INDICATORS_TABLE"
MARKER_TEXT = b"A table written by reform-indicators (indicators extract / add). Safe to replace.\n"
_PARTITION_PREFIX = "city="


class OutputRefused(TableStorageError):
    """The output path holds something this tool did not write; it was left untouched."""


def ensure_replaceable(
    path: Path | str, *, force: bool = False, inputs: Iterable[Path] = ()
) -> None:
    """Raise `OutputRefused` unless writing a table at `path` loses nothing the user did not ask."""
    path = Path(path)
    why = _never_replaced(path)
    if why:
        raise OutputRefused(f"{path}: is {why}; it is never replaced. Write the table elsewhere.")
    _refuse_inputs_inside(path, inputs)
    if not path.exists() and not path.is_symlink():
        return
    if force or is_replaceable(path):
        return
    what = "folder" if path.is_dir() else "file"
    raise OutputRefused(
        f"{path}: this {what} exists and was not written by indicators; it was left untouched. "
        f"Give a new name (e.g. {_suggestion(path)}), or add --force to replace it."
    )


def is_replaceable(path: Path) -> bool:
    """True when `path` is missing, an empty folder, our dataset, or a table file of its format."""
    if not path.exists():
        return True
    if path.is_symlink():
        return False
    if path.is_dir():
        return is_own_dataset(path)
    return is_table_file(path)


def is_own_dataset(folder: Path) -> bool:
    """An empty folder, one with our marker, or a legacy dataset (partitions + manifest only)."""
    entries = list(folder.iterdir())
    if any(e.name == MARKER and e.is_file() for e in entries):
        return True
    return all(_legacy_dataset_entry(e) for e in entries)


def _legacy_dataset_entry(entry: Path) -> bool:
    if entry.is_symlink():
        return False
    if entry.name == MANIFEST and entry.is_file():
        return _manifest_shaped(entry)
    if not (entry.is_dir() and entry.name.startswith(_PARTITION_PREFIX)):
        return False
    return all(f.is_file() and f.suffix == ".parquet" for f in entry.iterdir())


def _manifest_shaped(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "documents" in data


def is_table_file(path: Path) -> bool:
    """True when the file's bytes are of the format its extension names."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return _head(path, 4) == b"PAR1"
        if suffix == ".xlsx":
            return (
                zipfile.is_zipfile(path) and "xl/workbook.xml" in zipfile.ZipFile(path).namelist()
            )
        if suffix == ".csv":
            return _is_text(_head(path, 65536))
        if suffix == ".jsonl":
            return _first_line_is_object(path)
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def _head(path: Path, n: int) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # a cut at the end of the sample is still text
        return exc.start >= len(head) - 3
    return True


def _first_line_is_object(path: Path) -> bool:
    with open(path, "rb") as fh:
        line = fh.readline(1 << 20)
    if not line.strip():
        return path.stat().st_size == 0 or not line
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _never_replaced(path: Path) -> str:
    """Why `path` is never replaced, even with force ("" when it may be)."""
    resolved = path.resolve()
    if resolved == Path(resolved.anchor):
        return "the file system root"
    if resolved == Path.home().resolve():
        return "your home folder"
    cwd = Path.cwd().resolve()
    if resolved == cwd:
        return "the current folder"
    return "a folder that holds the current folder" if resolved in cwd.parents else ""


def _refuse_inputs_inside(path: Path, inputs: Iterable[Path]) -> None:
    resolved = path.resolve()
    for item in inputs:
        item = Path(item).resolve()
        if item == resolved or resolved in item.parents:
            raise OutputRefused(
                f"{path}: this is where the input {item.name} is; write the table elsewhere "
                f"(e.g. {_suggestion(path)})"
            )


def _suggestion(path: Path) -> str:
    base = path.parent / (path.stem if path.suffix else path.name)
    return f"{base}-indicators{path.suffix or '.parquet'}"


def write_marker(folder: Path) -> None:
    """Put the marker into a dataset version being written (before it is swapped in)."""
    with open(folder / MARKER, "wb") as fh:
        fh.write(MARKER_TEXT)
        fh.flush()
        os.fsync(fh.fileno())


__all__ = [
    "MARKER",
    "OutputRefused",
    "ensure_replaceable",
    "is_own_dataset",
    "is_replaceable",
    "is_table_file",
    "write_bytes_atomically",
    "write_marker",
]


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step (temporary file + fsync + os.replace)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
