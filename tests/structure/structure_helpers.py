"""Paths and golden-file loading shared by the structure tests (a unique module name, not conftest)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
HERE = Path(__file__).parent


def load_yaml(name: str):
    """A golden-case file of this folder."""
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
