"""Shared fixtures for the structure tests: the seed texts and their source records (read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from indicators.sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HERE = Path(__file__).parent


def load_yaml(name: str):
    """A golden-case file of this folder."""
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


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
