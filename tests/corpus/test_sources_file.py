"""The sources file: read once per process while it is unchanged, re-read as soon as it changes
(whether `save_sources` replaces it or an analyst edits it in place)."""

from __future__ import annotations

import os

import pytest

from indicators.errors import SourcesFileError
from indicators.sources import SourceRecord, load_sources, save_sources


def test_a_replaced_sources_file_is_read_again(tmp_path):
    path = tmp_path / "sources.yaml"
    save_sources(path, {"a.txt": SourceRecord(file="a.txt", city="厦门", published="2024-05-01")})
    first = load_sources(path)
    assert first["a.txt"].city == "厦门"
    assert load_sources(path) == first

    save_sources(path, {"a.txt": SourceRecord(file="a.txt", city="青岛", published="2024-05-01")})
    assert load_sources(path)["a.txt"].city == "青岛"


def test_an_edit_in_place_is_seen(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("documents:\n  - file: a.txt\n    city: 厦门\n", encoding="utf-8")
    assert load_sources(path)["a.txt"].city == "厦门"
    stat = path.stat()
    with open(path, "w", encoding="utf-8") as fh:  # same inode, same size, new bytes
        fh.write("documents:\n  - file: a.txt\n    city: 福州\n")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_sources(path)["a.txt"].city == "福州"


def test_callers_cannot_change_the_cached_records(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("documents:\n  - file: a.txt\n    city: 厦门\n", encoding="utf-8")
    load_sources(path).pop("a.txt")
    assert "a.txt" in load_sources(path)


def test_missing_and_broken_files(tmp_path):
    assert load_sources(tmp_path / "none.yaml") == {}
    bad = tmp_path / "sources.yaml"
    bad.write_text("documents: [\n  - file: a.txt\n", encoding="utf-8")
    with pytest.raises(SourcesFileError, match="sources.yaml: not valid YAML"):
        load_sources(bad)
