"""Extracting a large corpus with Dask: the same pipeline, one task per batch of documents.

`extract_with_dask(paths, …)` cuts the file list into batches (consecutive files of one folder),
and each task runs `indicators.pipeline.extract_paths` on its batch in a worker process, so every
document goes through exactly the stages of the default engine: same rows, same ids, same
failures (a bad file is a `Failure`, the others go on). The client concatenates the batches in
file order.

Without a scheduler address a `distributed.LocalCluster` with `workers` processes (one thread
each: the extractor is pure Python and holds the GIL) is started and stopped around the run.
With `scheduler="tcp://host:8786"` the tasks go to a running cluster (`dask scheduler`,
`dask worker …`), whose workers must have this package installed and see the files at the same
paths (a shared file system or object-storage mount); see docs/scale.md.

Source records are read once on the client (the explicit `sources`, else the sources.yaml beside
each folder) and sent with each batch, so workers do not re-read a large sources file per document.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable
from itertools import groupby
from pathlib import Path

import pandas as pd

from indicators.pipeline import ExtractionResult, extract_paths
from indicators.reading import Document, Failure
from indicators.schema import conform, empty_table
from indicators.sources import SOURCES_FILE, SourceRecord, load_sources

MAX_BATCH = 200  # documents per task at most
TASKS_PER_WORKER = 4  # at least this many tasks per worker, so a slow batch does not idle the rest


def plan_batches(paths: Iterable[Path], workers: int, most: int = MAX_BATCH) -> list[list[Path]]:
    """Consecutive runs of files from one folder, cut so each worker gets several tasks.

    12 files in one folder, 2 workers -> 8 batches of 1-2 files (in order).
    """
    paths = [Path(p) for p in paths]
    size = max(1, min(most, math.ceil(len(paths) / max(1, workers * TASKS_PER_WORKER))))
    batches: list[list[Path]] = []
    for _, run in groupby(paths, key=lambda p: p.parent):
        run = list(run)
        batches += [run[i : i + size] for i in range(0, len(run), size)]
    return batches


def batch_sources(
    batch: list[Path],
    explicit: dict[str, SourceRecord] | None,
    beside: Callable[[Path], dict[str, SourceRecord]],
) -> dict[str, SourceRecord]:
    """The records of a batch's files: the explicit one first, else the one beside the file."""
    out = {}
    for path in batch:
        record = (explicit or {}).get(path.name) or beside(path.parent).get(path.name)
        if record is not None:
            out[path.name] = record
    return out


def extract_batch(
    paths: list[Path], sources: dict[str, SourceRecord], max_bytes: int
) -> tuple[pd.DataFrame, list[Failure], list[Document]]:
    """One task: the default engine on a batch of files (runs in a worker)."""
    _one_arrow_thread()
    result = extract_paths(paths, sources, max_bytes)
    return result.table, result.failures, result.documents


def _one_arrow_thread() -> None:
    """Run Arrow kernels on the task's own thread in a worker.

    The extractor builds small pandas frames per document, whose Arrow-backed string columns
    may hand each tiny kernel to Arrow's thread pool; a worker runs one task per thread already,
    so the pool brings only hand-off latency and contention with the other workers.
    """
    import pyarrow as pa

    if pa.cpu_count() != 1:
        pa.set_cpu_count(1)


def extract_with_dask(
    paths: list[Path],
    sources: dict[str, SourceRecord] | None = None,
    workers: int = 2,
    scheduler: str | None = None,
    max_mb: float = 50.0,
    progress: Callable[[int, int, Path], None] | None = None,
) -> ExtractionResult:
    """Extract `paths` on a Dask cluster; the result equals `extract_paths(paths, sources, …)`.

    `workers` sizes the local cluster (ignored with `scheduler`); `max_mb` is the per-file limit.
    `progress(done, total, last_path)` is called as batches finish.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    paths = [Path(p) for p in paths]
    if not paths:
        return ExtractionResult(empty_table(), [], [])
    folders: dict[Path, dict[str, SourceRecord]] = {}

    def beside(folder: Path) -> dict[str, SourceRecord]:
        if folder not in folders:
            folders[folder] = load_sources(folder / SOURCES_FILE)
        return folders[folder]

    n_workers = max(1, int(workers or 1))
    cluster = None
    if scheduler:
        client = Client(scheduler)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    else:
        cluster = LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never clashes with a running 8787
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        batches = plan_batches(paths, n_workers)
        max_bytes = int(max_mb * 1e6)
        futures = [
            client.submit(
                extract_batch, batch, batch_sources(batch, sources, beside), max_bytes, pure=False
            )
            for batch in batches
        ]
        order = {f.key: i for i, f in enumerate(futures)}
        results: list = [None] * len(futures)
        done = 0
        for future in as_completed(futures):
            i = order[future.key]
            results[i] = future.result()  # re-raises a worker's exception here
            done += len(batches[i])
            if progress:
                progress(done, len(paths), batches[i][-1])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    tables = [r[0] for r in results if len(r[0])]
    table = pd.concat(tables, ignore_index=True) if tables else empty_table()
    failures = [f for r in results for f in r[1]]
    documents = [d for r in results for d in r[2]]
    return ExtractionResult(conform(table), failures, documents)


__all__ = ["batch_sources", "extract_batch", "extract_with_dask", "plan_batches"]
