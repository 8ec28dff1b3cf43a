"""The indicator table on disk: a Parquet dataset partitioned by city, written atomically.

Layout (hive partitioning, readable by pyarrow, pandas, DuckDB, Spark …)::

    data/indicators/                       the dataset directory
        city=%E5%8E%A6%E9%97%A8/part-0.parquet      厦门 (names are URI-encoded)
        city=%E9%9D%92%E5%B2%9B/part-0.parquet      青岛
        city=__HIVE_DEFAULT_PARTITION__/part-0.parquet   rows without a city
        _documents.json                    which document versions the rows come from

The `city` column lives in the directory names, not in the files; `load_table` puts it back.
(`pd.read_parquet(dir)` reads the dataset too, unless some rows have no city: pyarrow cannot yet
unify a partition dictionary with nulls, so prefer `load_table`.)

Atomic writes: the new dataset is written in full into a hidden sibling directory
(`.indicators.tmp-XXXX`) and then swapped with the old one in one step by Linux's
`renameat2(RENAME_EXCHANGE)`; the old version is deleted afterwards. A reader that opens the
path sees the old or the new dataset, never a half-written one, and a crash leaves at most a
hidden temporary directory beside it. Where `RENAME_EXCHANGE` is not available (other systems,
some network file systems) the swap is two renames (old aside, new in), which leaves the path
missing for the instant between them; readers should retry once on FileNotFoundError.

Writers take an advisory lock (`locked`) so that two writers (the CLI and a dashboard upload)
never lose each other's update.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import json
import os
import shutil
import tempfile
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from indicators.schema import COLUMN_NAMES, conform, empty_table

if TYPE_CHECKING:
    import pandas as pd  # loaded by the functions that make frames: `extract -o x.parquet` needs none
    import pyarrow.dataset as ds

PARTITION_COLUMN = "city"
MANIFEST = "_documents.json"
CATEGORICAL_COLUMNS = (
    "city",
    "district",
    "domain",
    "domain_label",
    "unit",
    "role",
    "direction",
    "qualifier",
    "comparison",
    "year_source",
    "doc",
)
TABLE_SUFFIXES = {".parquet", ".csv", ".xlsx", ".jsonl"}


class TableStorageError(OSError):
    """The table path cannot be read or written as a table (names the path and what to do)."""


class TableNotFoundError(TableStorageError, FileNotFoundError):
    """There is no table at the path."""


# --------------------------------------------------------------------------------------------
# Which kind of table a path names


def is_dataset_path(path: Path | str) -> bool:
    """True when `path` names a dataset directory: an existing directory or a name without suffix.

    "data/indicators" -> True; "data/indicators.parquet" (a file or missing) -> False;
    "t.docx" -> False (an unsupported file type is a usage error, not a dataset).
    """
    path = Path(path)
    return path.is_dir() or not path.suffix


# --------------------------------------------------------------------------------------------
# Reading


def load_table(path: Path | str, categorical: bool = True) -> pd.DataFrame:
    """The table at `path` (a dataset directory or a .parquet/.csv/.xlsx/.jsonl file), conformed.

    Rows come sorted by (doc, start, end, id), so the same table always reads the same way.
    With `categorical`, the low-cardinality columns (CATEGORICAL_COLUMNS) are pandas categoricals:
    filtering them is several times faster than filtering strings.
    """
    path = Path(path)
    if not path.exists():
        raise TableNotFoundError(
            f"{path}: no indicator table here; build it with `indicators extract seeds -o {path}`"
        )
    try:
        df = _read_any(path)
    except (pa.ArrowException, ValueError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise TableStorageError(
            f"{path}: cannot be read as an indicator table ({type(exc).__name__}: "
            f"{str(exc)[:200]}); rebuild it with `indicators extract DOCUMENTS -o {path}`"
        ) from exc
    df = conform(df)
    if len(df):
        df = df.sort_values(["doc", "start", "end", "id"], kind="stable", ignore_index=True)
    return categorize(df) if categorical else df


def _read_any(path: Path) -> pd.DataFrame:
    if path.is_dir():
        return _read_dataset(path)
    from indicators.exporters import read_table

    return read_table(path)


def _read_dataset(path: Path) -> pd.DataFrame:
    dataset = _open_dataset(path)
    return empty_table() if dataset is None else dataset.to_table().to_pandas()


def _open_dataset(path: Path) -> ds.Dataset | None:
    """The dataset at `path` with one schema for all its files (None when it has no files).

    Partitions written at different times may differ in extra columns; the schema is the union
    of every file's (pyarrow would otherwise take the first file's and drop the rest).
    """
    import pyarrow.dataset as ds  # imported where used: it costs every command ~30 ms

    files = [f for f in path.rglob("*.parquet") if not _hidden(f.relative_to(path))]
    if not files:
        return None
    partitioning = ds.HivePartitioning.discover(infer_dictionary=False)
    dataset = ds.dataset(
        path, format="parquet", partitioning=partitioning, ignore_prefixes=[".", "_"]
    )
    schemas = [fragment.physical_schema for fragment in dataset.get_fragments()]
    schema = pa.unify_schemas(schemas, promote_options="permissive")
    if PARTITION_COLUMN not in schema.names:
        schema = schema.append(pa.field(PARTITION_COLUMN, pa.string()))
    return ds.dataset(
        path, schema=schema, format="parquet", partitioning=partitioning, ignore_prefixes=[".", "_"]
    )


def document_counts(path: Path | str) -> dict[str, int]:
    """Rows per document in the table at `path` ({} when there is none); reads only `doc`."""
    path = Path(path)
    if not path.exists():
        return {}
    if path.is_dir():
        dataset = _open_dataset(path)
        if dataset is None:
            return {}
        docs = dataset.to_table(columns=["doc"]).column("doc").to_pandas()
    else:
        docs = load_table(path, categorical=False)["doc"]
    return {str(k): int(v) for k, v in docs.value_counts().items()}


def _hidden(rel: Path) -> bool:
    return any(part.startswith((".", "_")) for part in rel.parts)


def categorize(df: pd.DataFrame) -> pd.DataFrame:
    """The low-cardinality text columns as categoricals (the others unchanged)."""
    out = df.copy()
    for name in CATEGORICAL_COLUMNS:
        if name in out.columns:
            out[name] = out[name].astype("category")
    return out


def read_manifest(path: Path | str) -> dict[str, dict]:
    """{doc: {"sha256": …, "source": …, "rows": n}} of the document versions in the table."""
    try:
        data = json.loads(_manifest_path(Path(path)).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return {}
    return data.get("documents", {}) if isinstance(data, dict) else {}


def _manifest_path(path: Path) -> Path:
    """Inside a dataset directory (swapped with it); beside a single-file table."""
    return (
        path / MANIFEST if is_dataset_path(path) else path.with_name(f".{path.name}.documents.json")
    )


# --------------------------------------------------------------------------------------------
# Writing


def save_table(
    df: pd.DataFrame,
    path: Path | str,
    manifest: dict[str, dict] | None = None,
    force: bool = False,
) -> Path:
    """Write the table atomically: a dataset for a directory path, else the file's format.

    `manifest` (document versions, see `read_manifest`) is stored with the table when given.
    An existing path that this tool did not write is refused (`output_guard`) unless `force`.
    """
    path = Path(path)
    if is_dataset_path(path):
        return write_dataset(df, path, manifest, force=force)
    from indicators.exporters import write_bytes_atomically, write_table

    write_table(conform(df), path, force=force)
    if manifest is not None:
        write_bytes_atomically(_manifest_path(path), _manifest_bytes(manifest))
    return path


def write_dataset(
    df: pd.DataFrame,
    path: Path | str,
    manifest: dict[str, dict] | None = None,
    force: bool = False,
    inputs=(),
) -> Path:
    """Write `df` as a Parquet dataset partitioned by city at `path`, replacing it atomically.

    The rows are sorted by (doc, start, end, id) before writing; one file per city. An existing
    folder is replaced only when this tool wrote it or it is empty (see `output_guard`), or
    with `force`; never when it holds one of `inputs`.
    """
    from indicators.output_guard import ensure_replaceable

    ensure_replaceable(path, force=force, inputs=inputs)
    path = _dataset_dir(path)
    sweep_stale_versions(path)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.tmp-"))
    try:
        _write_partitions(df, tmp)
        _commit(tmp, path, manifest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return path


def replace_documents(
    path: Path | str,
    rows: pd.DataFrame,
    docs,
    manifest: dict[str, dict] | None = None,
    force: bool = False,
) -> int:
    """Replace all rows of `docs` in the table at `path` by `rows`; returns the table's row count.

    For a dataset only the partitions (cities) that held or receive those documents' rows are
    rewritten; the files of the others are hard-linked into the new version unchanged. The new
    version replaces the old one atomically, as in `write_dataset`. A single-file table is read,
    changed and rewritten whole.
    """
    import pandas as pd  # noqa: PLC0415 - see the TYPE_CHECKING import
    import pyarrow.dataset as ds  # imported where used: it costs every command ~30 ms

    from indicators.output_guard import ensure_replaceable

    path, docs = Path(path), {str(d) for d in docs}
    ensure_replaceable(path, force=force)
    if not is_dataset_path(path) or not path.exists():
        current = load_table(path, categorical=False) if path.exists() else empty_table()
        table = pd.concat([current[~current["doc"].isin(docs)], conform(rows)], ignore_index=True)
        save_table(table, path, manifest, force=True)  # checked above
        return len(table)
    path = _dataset_dir(path)
    sweep_stale_versions(path)
    dataset = _open_dataset(path)
    rows = conform(rows)
    affected = set(
        rows[PARTITION_COLUMN].astype(object).where(rows[PARTITION_COLUMN].notna(), None)
    )
    if dataset is not None and docs:
        held = dataset.to_table(columns=[PARTITION_COLUMN], filter=ds.field("doc").isin(list(docs)))
        affected |= set(held.column(PARTITION_COLUMN).to_pylist())
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.tmp-"))
    try:
        kept_rows = 0
        for part in sorted(path.iterdir()):
            hidden = part.name.startswith((".", "_"))
            if part.is_dir() and not hidden and _partition_value(part.name) not in affected:
                kept_rows += _link_tree(part, tmp / part.name)
        keep = empty_table()
        if dataset is not None and affected:
            in_affected = _city_filter(affected) & ~ds.field("doc").isin(list(docs) or [""])
            keep = dataset.to_table(filter=in_affected).to_pandas()
        changed = pd.concat([keep, rows], ignore_index=True)
        _write_partitions(changed, tmp)
        _commit(tmp, path, manifest)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return kept_rows + len(changed)


STALE_SECONDS = 3600  # a writer never holds a temporary version this long


def sweep_stale_versions(path: Path, now: float | None = None) -> list[Path]:
    """Delete the hidden `.NAME.tmp-…` / `.NAME.old-…` folders a killed writer left beside `path`.

    Only folders older than STALE_SECONDS go: a concurrent writer's fresh version is never
    touched. Returns what was deleted.
    """
    import time

    now = time.time() if now is None else now
    swept = []
    for prefix in (f".{path.name}.tmp-", f".{path.name}.old-"):
        for leftover in path.parent.glob(prefix + "*"):
            try:
                stale = leftover.is_dir() and now - leftover.stat().st_mtime > STALE_SECONDS
            except FileNotFoundError:  # another writer just finished with it
                continue
            if stale and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
                swept.append(leftover)
    return swept


def _dataset_dir(path: Path | str) -> Path:
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise TableStorageError(
            f"{path}: is a file, not a dataset directory; give a directory name or remove the file"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


_NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def _partition_value(dirname: str) -> str | None:
    """ "city=%E5%8E%A6%E9%97%A8" -> "厦门"; the default partition -> None."""
    value = urllib.parse.unquote(dirname.partition("=")[2])
    return None if value == _NULL_PARTITION else value


def _city_filter(cities: set[str | None]) -> ds.Expression:
    import pyarrow.dataset as ds  # imported where used: it costs every command ~30 ms

    named = [c for c in cities if c is not None]
    expr = ds.field(PARTITION_COLUMN).isin(named or [""])
    return expr | ds.field(PARTITION_COLUMN).is_null() if None in cities else expr


def _link_tree(src: Path, dst: Path) -> int:
    """Hard-link the Parquet files of a partition into the new version; returns their rows."""
    import pyarrow.parquet as pq

    dst.mkdir(parents=True)
    rows = 0
    for f in sorted(src.glob("*.parquet")):
        try:
            os.link(f, dst / f.name)  # files are never changed in place: sharing them is safe
        except OSError:  # a file system without hard links
            shutil.copy2(f, dst / f.name)
        rows += pq.ParquetFile(f).metadata.num_rows
    return rows


def _write_partitions(df: pd.DataFrame, root: Path) -> None:
    """The rows, sorted by (doc, start, end, id), as hive partitions by city under `root`."""
    import pyarrow.dataset as ds  # imported where used: it costs every command ~30 ms

    df = conform(df)
    if not len(df):
        return
    df = df.sort_values(["doc", "start", "end", "id"], kind="stable", ignore_index=True)
    ds.write_dataset(
        pa.Table.from_pandas(df, preserve_index=False),
        root,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.string())]), flavor="hive"),
        basename_template="part-{i}.parquet",
        existing_data_behavior="overwrite_or_ignore",
        max_rows_per_file=2_000_000,
        max_rows_per_group=100_000,
    )


def _commit(tmp: Path, path: Path, manifest: dict[str, dict] | None) -> None:
    """Add the marker and manifest, flush everything to disk and swap the new version in."""
    from indicators.output_guard import write_marker

    write_marker(tmp)
    if manifest is not None:
        (tmp / MANIFEST).write_bytes(_manifest_bytes(manifest))
    _fsync_tree(tmp)
    os.chmod(tmp, 0o755)
    swap_into_place(tmp, path)


def _manifest_bytes(manifest: dict[str, dict]) -> bytes:
    body = {"documents": dict(sorted(manifest.items())), "columns": list(COLUMN_NAMES)}
    return json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8")


def _fsync_tree(root: Path) -> None:
    for dirpath, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def swap_into_place(new: Path, path: Path) -> None:
    """Put directory `new` at `path`; the old `path` (if any) ends up at `new`, then is deleted."""
    if not path.exists():
        os.replace(new, path)
        return
    if not _exchange(new, path):
        aside = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.old-"))
        os.replace(path, aside / "old")
        os.replace(new, path)
        shutil.rmtree(aside, ignore_errors=True)
        return
    shutil.rmtree(new, ignore_errors=True)  # holds the old version now


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


@contextlib.contextmanager
def locked(path: Path | str) -> Iterator[None]:
    """Hold an exclusive advisory lock tied to `path` (a hidden `.NAME.lock` file beside it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(f".{path.name}.lock")
    with open(lock, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


__all__ = [
    "CATEGORICAL_COLUMNS",
    "MANIFEST",
    "TableNotFoundError",
    "TableStorageError",
    "categorize",
    "document_counts",
    "is_dataset_path",
    "load_table",
    "locked",
    "read_manifest",
    "replace_documents",
    "save_table",
    "swap_into_place",
    "sweep_stale_versions",
    "write_dataset",
]
