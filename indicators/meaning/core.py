"""Result or context: `core` is false for the counts that describe a policy, not its results."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from indicators.vocabulary import load_yaml


@dataclass(frozen=True)
class _Rules:
    units: frozenset[str]
    heads: tuple[str, ...]
    always: frozenset[str]
    recognitions: tuple[str, ...]
    max_count: float


@cache
def _rules() -> _Rules:
    data = load_yaml("context_counts.yaml")
    return _Rules(
        frozenset(data["structure_units"]),
        tuple(sorted(data["structure_heads"], key=len, reverse=True)),
        frozenset(data["always_context_units"]),
        tuple(data["recognition_words"]),
        float(data["max_structural_count"]),
    )


def is_core(name: str, surface: str, unit: str, unit_kind: str, value: float | None) -> bool:
    """False for structure: "实施三大行动", "五项机制", "人才新政45条", "举办八届"; else True.

    ("建立", "五项", "项", "count", 5) with name "建立协作机制" -> False;
    ("办件", "3000件", "件", "count", 3000) -> True.
    """
    rules = _rules()
    if unit in rules.always:
        return False
    if unit_kind != "count" or value is None or value > rules.max_count:
        return True
    if any(word in name for word in rules.recognitions):
        return False
    counted_in_policy_units = unit in rules.units or surface.endswith("大")
    if not counted_in_policy_units:
        return True
    return not name.endswith(rules.heads)
