"""The served table: the prepared rows, their sources and document texts, following the file on disk.

Every page reads `live.prep` and calls `live.refresh()` first: when another process replaced the
table (an upload served by another worker, `indicators add`), the next request reloads it and
clears every cache made with `live.memo`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from dashboard.data import Prepared, prepare
from indicators.reading import file_stamp
from indicators.sources import SourceRecord, load_sources


@dataclass(frozen=True)
class Settings:
    """How the dashboard is served: what the pages may offer and how much they send."""

    max_upload_mb: float = 5.0  # the largest upload the Add-document page takes
    uploads_on: bool = False  # the Add-document page adds to the corpus
    upload_token: str | None = None  # visitors must type it to add documents
    view_base: str | None = None  # the public address exported view links start with


class Live:
    """The table a dashboard serves. `store` = (corpus folder, table path) makes it follow the
    table on disk; `docs_dir` is where the documents' texts are read for the evidence."""

    def __init__(
        self,
        table: pd.DataFrame,
        sources: Mapping[str, SourceRecord] | None = None,
        docs_dir: Path | str | None = None,
        store: tuple[Path, Path] | None = None,
        load: Callable[[Path], pd.DataFrame] | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.prep: Prepared = prepare(table)
        self.sources: dict[str, SourceRecord] = dict(sources or {})
        self.docs_dir = Path(docs_dir) if docs_dir else None
        self.store = (Path(store[0]), Path(store[1])) if store else None
        self._load = load
        self._stamp = file_stamp(self.store[1]) if self.store else None
        self.manifest = self._read_manifest()
        self._lock = threading.Lock()
        self._caches: list = []
        self._generation = 0  # bumped on every reload: part of every memo key
        self.doc_text = self.memo(self._read_text, maxsize=32)

    @property
    def full_years(self) -> tuple[int, int] | None:
        return self.prep.year_range

    def refresh(self) -> None:
        """Reload the table when it was replaced on disk: every write swaps the file or dataset in
        whole, so its inode changes. A stat per request; the reload itself only after a change."""
        if self.store is None or self._load is None:
            return
        if file_stamp(self.store[1]) in (self._stamp, None):
            return
        with self._lock:
            now = file_stamp(self.store[1])
            if now in (self._stamp, None):
                return  # another thread of this process reloaded it meanwhile
            self.prep = prepare(self._load(self.store[1]))
            self._stamp, self._generation = now, self._generation + 1
            for cache in self._caches:
                cache.cache_clear()
            self.sources.update(load_sources(self.store[0] / "sources.yaml"))
            self.manifest = self._read_manifest()

    def memo(self, fn: Callable, maxsize: int = 64) -> Callable:
        """`fn(*args)` cached until the table changes (the same link opened by many people is
        computed once per process)."""
        cached = lru_cache(maxsize=maxsize)(lambda _generation, *args: fn(*args))
        self._caches.append(cached)
        # the generation in the key: a result computed from the old table while a reload swapped
        # it in is never served for the new one
        return lambda *args: cached(self._generation, *args)

    def _read_manifest(self) -> dict[str, dict]:
        """{doc: {"sha256", "rows", "damaged_bytes"?, "damage_at"?}} of the table on disk."""
        if self.store is None:
            return {}
        from indicators.storage import read_manifest  # noqa: PLC0415

        return read_manifest(self.store[1])

    def _read_text(self, doc: str) -> str | None:
        """The decoded text of a document of the corpus (None when it is not at hand)."""
        if not self.docs_dir or not doc:
            return None
        path = self.docs_dir / doc
        if not path.is_file() or path.parent.resolve() != self.docs_dir.resolve():
            return None
        try:
            from indicators.reading import read_document  # noqa: PLC0415

            return read_document(path).text
        except Exception:  # noqa: BLE001 (no text, no document-relative highlight)
            return None
