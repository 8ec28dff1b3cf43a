"""Shared fixtures for the structure tests: the seed texts and their source records (read-only)."""

from __future__ import annotations

import pytest
from structure_helpers import SEEDS

from indicators.sources import load_sources


@pytest.fixture(scope="session")
def seed_text():
    """seed_text(doc) -> the decoded seed document. Shared: don't mutate."""
    cache: dict[str, str] = {}

    def read(doc: str) -> str:
        if doc not in cache:
            cache[doc] = (SEEDS / doc).read_text(encoding="utf-8-sig")
        return cache[doc]

    return read


@pytest.fixture(scope="session")
def sources():
    """{file: SourceRecord} of seeds/sources.yaml. Shared: don't mutate."""
    return load_sources(SEEDS / "sources.yaml")
