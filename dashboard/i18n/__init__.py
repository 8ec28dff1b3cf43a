"""Dashboard labels in Chinese (default) and English, read from labels.yaml; `t(key, lang)` looks one up."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"
_HERE = Path(__file__).parent


@cache
def labels() -> dict[str, dict[str, str]]:
    """{lang: {key: text}} from labels.yaml (read once)."""
    data = yaml.safe_load((_HERE / "labels.yaml").read_text(encoding="utf-8"))
    return {lang: {str(k): str(v) for k, v in data[lang].items()} for lang in LANGS}


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """The label `key` in `lang`, with {fields} filled; falls back to Chinese, then to the key."""
    table = labels().get(lang) or labels()[DEFAULT_LANG]
    text = table.get(key) or labels()[DEFAULT_LANG].get(key) or key
    return text.format(**fields) if fields else text
