"""The indicator table as Parquet straight from the extractor's row dicts, without pandas.

`indicators extract -o table.parquet` makes no frame: importing pandas costs a run about 0.4 s and
building the frame about 0.13 s (the seeds x 40). The columns are built with pyarrow in the
schema's types, under the `pandas` schema metadata that `DataFrame.to_parquet` writes, so the file
is the bytes `to_parquet_bytes(conform(frame_from_records(rows)))` gives (tests/io checks it) and
pandas reads it back with the schema's dtypes. Rows that pyarrow will not take in those types (a
value of another type: none of the extractor's rows has one) are written the pandas way.
"""

from __future__ import annotations

import io
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from indicators.output_guard import OutputRefused, ensure_replaceable, write_bytes_atomically
from indicators.schema import COLUMNS, _columns_of

ARROW_TYPES = {
    "string": pa.large_string(),  # pandas' string dtype is a large_string array
    "float": pa.float64(),
    "Int64": pa.int64(),
    "boolean": pa.bool_(),
}
# how pandas names each dtype in its Parquet metadata: (pandas_type, numpy_type)
PANDAS_TYPES = {
    "string": ("object", "string"),
    "float": ("float64", "float64"),
    "Int64": ("int64", "Int64"),
    "boolean": ("bool", "boolean"),
}


def arrow_table(rows: list[dict]) -> pa.Table:
    """The rows as a table of the schema's columns and types, as `frame_from_records` makes it
    (a missing value is null, NaN in a float column too; keys that are not columns are left out).

    ValueError (or OverflowError) for a value not of its column's type: the caller writes those
    rows through pandas, which converts such values its own way."""
    present = set().union(*map(dict.keys, rows)) if rows else set()
    columns = _columns_of(rows, [c.name for c in COLUMNS if c.name in present])
    blank = [None] * len(rows)
    arrays = [_array(columns.get(c.name, blank), c.dtype) for c in COLUMNS]
    fields = [pa.field(c.name, ARROW_TYPES[c.dtype]) for c in COLUMNS]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields, metadata=_pandas_metadata()))


def _large_strings(values: list) -> pa.Array:
    """Texts as a large_string array (pandas' type): built as a string array, its 32-bit offsets
    widened to 64 bits (a cast would import pyarrow.compute, 40 ms)."""
    builder = pa.lib.StringBuilder()
    builder.append_values(values)
    texts = builder.finish()
    validity, offsets, data = texts.buffers()
    wide = np.frombuffer(offsets, dtype=np.int32)[: len(texts) + 1].astype(np.int64)
    return pa.Array.from_buffers(
        pa.large_string(), len(texts), [validity, pa.py_buffer(wide), data], texts.null_count
    )


# pa.array() asks pandas whether a value is one of its objects, and that imports pandas: the
# columns are built with a string builder and from NumPy buffers instead
_NONE = type(None)
_NUMBERS = {
    "float": (np.float64, (float, int)),
    "Int64": (np.int64, (int,)),
    "boolean": (np.bool_, (bool,)),
}


def _array(values: list, dtype: str) -> pa.Array:
    """One column's array; ValueError for a value of another type (bool is no number here).
    The types are read in C (set of map), the missing values found by NumPy, not per value."""
    kinds = set(map(type, values))
    if dtype == "string":
        if not kinds <= {str, _NONE}:
            raise ValueError("a text column holds a value that is not text")
        return _large_strings(values)
    np_type, allowed = _NUMBERS[dtype]
    if not kinds <= {*allowed, _NONE}:
        raise ValueError(f"a {dtype} column holds a value of another type")
    if _NONE in kinds or dtype == "float":  # None and NaN are missing
        objects = np.array(values, dtype=object)
        valid = np.not_equal(objects, None) & np.equal(objects, objects)
        data = np.where(valid, objects, 0).astype(np_type)
    else:
        valid, data = None, np.array(values, dtype=np_type)
    if dtype == "boolean":
        data = np.packbits(data, bitorder="little")  # Arrow packs booleans into bits
    nulls = 0 if valid is None else len(values) - int(valid.sum())
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    return pa.Array.from_buffers(
        ARROW_TYPES[dtype], len(values), [bitmap, pa.py_buffer(data)], null_count=nulls
    )


def _pandas_metadata() -> dict[bytes, bytes]:
    """The `pandas` metadata `pa.Table.from_pandas` writes for a conformed table without index."""
    columns = [
        {
            "name": c.name,
            "field_name": c.name,
            "pandas_type": PANDAS_TYPES[c.dtype][0],
            "numpy_type": PANDAS_TYPES[c.dtype][1],
            "metadata": None,
        }
        for c in COLUMNS
    ]
    meta = {
        "index_columns": [],
        "column_indexes": [],
        "columns": columns,
        "attributes": {},
        "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": version("pandas"),
    }
    return {b"pandas": json.dumps(meta).encode()}


def parquet_bytes(rows: list[dict]) -> bytes:
    """Parquet of the rows, the bytes the pandas exporter writes for the same rows."""
    try:
        table = arrow_table(rows) if rows else None
    except (ValueError, OverflowError):  # pa.ArrowInvalid is a ValueError
        table = None  # a value of another type: the frame converts it as it always has
    if table is None:  # no rows (the frame's empty table), or a value pyarrow refuses
        from indicators.exporters import to_parquet_bytes  # noqa: PLC0415 - loads pandas
        from indicators.schema import conform, empty_table, frame_from_records  # noqa: PLC0415

        return to_parquet_bytes(conform(frame_from_records(rows) if rows else empty_table()))
    buf = io.BytesIO()
    pq.write_table(table, buf)  # DataFrame.to_parquet's call, with its defaults
    return buf.getvalue()


def write_parquet_rows(rows: list[dict], path: Path | str, force: bool = False) -> Path:
    """`exporters.write_table` for Parquet, from row dicts: atomically, a folder or a file that
    is no table refused (`output_guard`) unless `force`."""
    path = Path(path)
    if path.is_dir():
        raise OutputRefused(f"{path}: is a folder; give a file name such as {path / 'table.csv'}")
    data = parquet_bytes(rows)
    ensure_replaceable(path, force=force)
    write_bytes_atomically(path, data)
    return path
