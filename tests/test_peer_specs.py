"""Peer suite: find_numbers on Recognizers-Text's Chinese NumberModel and PercentModel specs.

Target (issue 2, Part 4): pass rate >= 95 % on each file where our conventions agree; the cases
where they differ on purpose are declared with reasons in tests/peer_specs/conventions.yaml.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from indicators import peer_eval

SPEC_DIR = Path(__file__).parent / "peer_specs"
MIN_RATE = 0.95


def test_every_declared_exclusion_names_a_real_peer_case() -> None:
    """A typo in conventions.yaml would silently exclude nothing; each input must exist."""
    data = yaml.safe_load((SPEC_DIR / "conventions.yaml").read_text(encoding="utf-8"))
    inputs = {
        name: {
            c["Input"] for c in json.loads((SPEC_DIR / f"{name}.json").read_text(encoding="utf-8"))
        }
        for name in ("NumberModel", "PercentModel")
    }
    unknown = []
    for entry in data["exclusions"]:
        assert entry.get("reason", "").strip(), f"exclusion {entry.get('kind')!r} has no reason"
        for text in entry["inputs"]:
            if not any(text in inputs[f] for f in entry["files"]):
                unknown.append((entry["kind"], text))
    assert not unknown, f"inputs not found in their spec files: {unknown}"


def test_a_finder_that_returns_the_peer_answers_passes_everything() -> None:
    """The harness itself: reading the peer's own answers back gives 100 % (End is inclusive)."""
    for name in ("NumberModel", "PercentModel"):
        cases = json.loads((SPEC_DIR / f"{name}.json").read_text(encoding="utf-8"))
        by_input = {c["Input"]: c for c in cases}
        unit = "%" if name == "PercentModel" else ""

        def oracle(text: str, by_input=by_input, unit=unit) -> list[dict]:
            return [
                {"start": s.start, "end": s.end, "value": s.value, "unit": unit}
                for s in peer_eval.expected_spans(by_input[text])
            ]

        result = peer_eval.peer_pass_rate(SPEC_DIR / f"{name}.json", finder=oracle)
        assert result["rate"] == 1.0, result["failures"][:3]
        assert result["excluded_passing"] == result["excluded"]


def test_an_off_by_one_end_fails() -> None:
    case = {
        "Input": "增长百分之三十",
        "Results": [{"Resolution": {"value": "30%"}, "Start": 2, "End": 6}],
    }
    (want,) = peer_eval.expected_spans(case)
    assert (want.start, want.end, want.value) == (2, 7, 30.0)
    assert peer_eval.same_spans([want], [peer_eval.Span(2, 7, 30.0)])
    assert not peer_eval.same_spans([want], [peer_eval.Span(2, 6, 30.0)])
    assert not peer_eval.same_spans([want], [peer_eval.Span(2, 7, 0.3)])


@pytest.mark.parametrize("spec", ["NumberModel.json", "PercentModel.json"])
def test_peer_pass_rate(spec: str) -> None:
    result = peer_eval.peer_pass_rate(SPEC_DIR / spec)
    assert result["total"] > result["excluded"] > 0
    assert result["rate"] >= MIN_RATE, peer_eval.format_report(result, show=40)
