"""Peer suite: find_numbers against Microsoft Recognizers-Text's Chinese Number/Percent specs.

A spec file is a JSON list of cases ``{"Input", "Results": [{"Text", "TypeName", "Resolution":
{"value"}, "Start", "End"}], "NotSupported"?}`` with ``End`` INCLUSIVE. A case passes when the
spans and values find_numbers returns for the input equal the peer's, as multisets:

- NumberModel is compared with our records whose unit is not "%" (percentages belong to the
  PercentModel, as in the peer's own split);
- PercentModel is compared with our records whose unit is "%", their value "12.5%" read as 12.5.

Cases where the project's conventions differ on purpose (个百分点 is pp, 千分之 is a ratio, spaced
or spoken numerals, ...) are declared with a reason in ``tests/peer_specs/conventions.yaml``; they
are left out of the rate and listed. Example::

    >>> peer_pass_rate("tests/peer_specs/PercentModel.json")["rate"]  # doctest: +SKIP
    0.97
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SPEC_DIR = Path(__file__).resolve().parents[1] / "tests" / "peer_specs"
CONVENTIONS = SPEC_DIR / "conventions.yaml"
SPEC_FILES = ("NumberModel.json", "PercentModel.json")
PERCENT_UNIT = "%"


@dataclass(frozen=True)
class Span:
    """One number span: [start, end) in the input and its value (a percentage as its number)."""

    start: int
    end: int
    value: float

    def matches(self, other: Span) -> bool:
        return (
            self.start == other.start
            and self.end == other.end
            and math.isclose(self.value, other.value, rel_tol=1e-6, abs_tol=1e-12)
        )


@dataclass(frozen=True)
class Exclusion:
    """A peer case our conventions read differently on purpose."""

    kind: str
    reason: str


class ConventionsError(ValueError):
    """The conventions file is malformed (says which entry and what is missing)."""


def load_conventions(
    path: Path | str = CONVENTIONS,
) -> tuple[set[str], dict[tuple[str, str], Exclusion]]:
    """The NotSupported tags to skip, and {(spec model, input): Exclusion} from the YAML file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    skip = {str(tag).strip().lower() for tag in data.get("skip_not_supported", [])}
    table: dict[tuple[str, str], Exclusion] = {}
    for i, entry in enumerate(data.get("exclusions", [])):
        missing = {"kind", "reason", "files", "inputs"} - set(entry)
        if missing:
            raise ConventionsError(f"{path}: exclusion #{i + 1} lacks {sorted(missing)}")
        bad = [t for t in entry["inputs"] if not isinstance(t, str)]
        if bad:
            raise ConventionsError(f"{path}: exclusion {entry['kind']!r}: quote these inputs {bad}")
        for model in entry["files"]:
            for text in entry["inputs"]:
                table[(model, text)] = Exclusion(entry["kind"], " ".join(entry["reason"].split()))
    return skip, table


def model_of(spec_path: Path | str) -> str:
    """'NumberModel' for '.../NumberModel.json'."""
    return Path(spec_path).stem


def expected_spans(case: dict[str, Any]) -> list[Span]:
    """The peer's results as half-open spans with float values ("12.5%" -> 12.5)."""
    spans = []
    for r in case.get("Results", []):
        value = str(r["Resolution"]["value"]).strip().rstrip("%")
        spans.append(Span(int(r["Start"]), int(r["End"]) + 1, float(value)))
    return spans


def _attr(record: Any, name: str) -> Any:
    return record[name] if isinstance(record, dict) else getattr(record, name)


def our_spans(records: Iterable[Any], model: str) -> list[Span]:
    """find_numbers records relevant to `model`: percentages for PercentModel, the rest otherwise."""
    want_percent = model == "PercentModel"
    spans = []
    for rec in records:
        is_percent = (_attr(rec, "unit") or "") == PERCENT_UNIT
        if is_percent == want_percent:
            spans.append(
                Span(int(_attr(rec, "start")), int(_attr(rec, "end")), float(_attr(rec, "value")))
            )
    return spans


def same_spans(expected: Sequence[Span], got: Sequence[Span]) -> bool:
    """True when both lists hold the same spans and values (order-free, one-to-one)."""
    if len(expected) != len(got):
        return False
    unused = list(got)
    for span in expected:
        hit = next((g for g in unused if span.matches(g)), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


def _default_finder() -> Callable[[str], list]:
    from indicators.numbers import find_numbers

    return find_numbers


def peer_pass_rate(
    spec_path: Path | str,
    conventions_path: Path | str = CONVENTIONS,
    finder: Callable[[str], list] | None = None,
) -> dict[str, Any]:
    """Run find_numbers over one peer spec file.

    Returns ``total`` (cases in the file), ``excluded`` (left out by conventions or NotSupported),
    ``passed`` and ``rate`` (passed / (total - excluded)), ``failures`` (input, expected, got for
    each failing counted case), ``excluded_cases`` (input, kind, reason, would_pass) and
    ``excluded_passing`` (how many excluded cases pass anyway) and ``rate_all`` (passes over all
    cases, exclusions counted as failures unless they pass anyway).
    """
    finder = finder or _default_finder()
    model = model_of(spec_path)
    skip_tags, exclusions = load_conventions(conventions_path)
    cases = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    passed, failures, excluded_cases = 0, [], []
    for case in cases:
        text = case["Input"]
        expected = expected_spans(case)
        try:
            got = our_spans(finder(text), model)
            error = None
        except Exception as exc:  # a crash on one input is a failure of that case, not of the run
            got, error = [], f"{type(exc).__name__}: {exc}"
        ok = error is None and same_spans(expected, got)
        reason = _exclusion_of(case, model, skip_tags, exclusions)
        if reason is not None:
            excluded_cases.append(
                {"input": text, "kind": reason.kind, "reason": reason.reason, "would_pass": ok}
            )
            continue
        if ok:
            passed += 1
        else:
            failures.append(
                {
                    "input": text,
                    "expected": _show(text, expected),
                    "got": _show(text, got),
                    "error": error,
                }
            )
    counted = len(cases) - len(excluded_cases)
    excluded_passing = sum(1 for c in excluded_cases if c["would_pass"])
    return {
        "model": model,
        "total": len(cases),
        "excluded": len(excluded_cases),
        "passed": passed,
        "rate": passed / counted if counted else 0.0,
        "failures": failures,
        "excluded_cases": excluded_cases,
        "excluded_passing": excluded_passing,
        "rate_all": (passed + excluded_passing) / len(cases) if cases else 0.0,
    }


def _exclusion_of(
    case: dict[str, Any],
    model: str,
    skip_tags: set[str],
    exclusions: dict[tuple[str, str], Exclusion],
) -> Exclusion | None:
    tags = {t.strip().lower() for t in str(case.get("NotSupported", "")).split(",") if t.strip()}
    if tags & skip_tags:
        return Exclusion(
            "not_supported",
            f"the peer marks it NotSupported for {', '.join(sorted(tags & skip_tags))}",
        )
    return exclusions.get((model, case["Input"]))


def _show(text: str, spans: Sequence[Span]) -> list[str]:
    return [f"{text[s.start : s.end]!r}[{s.start}:{s.end}]={s.value:g}" for s in spans]


def format_report(result: dict[str, Any], show: int = 0, list_excluded: bool = False) -> str:
    """Human-readable figures for one spec file."""
    counted = result["total"] - result["excluded"]
    lines = [
        f"{result['model']}: {result['passed']}/{counted} passed = {result['rate']:.1%} "
        f"({result['total']} cases, {result['excluded']} excluded by conventions, "
        f"{result['excluded_passing']} of those would pass anyway; "
        f"{result['rate_all']:.1%} of all cases)"
    ]
    for f in result["failures"][:show]:
        lines.append(
            f"  FAIL {f['input']!r}: expected {f['expected']} got {f['got']}"
            + (f" [{f['error']}]" if f["error"] else "")
        )
    if show and len(result["failures"]) > show:
        lines.append(f"  ... {len(result['failures']) - show} more failures")
    if list_excluded:
        for c in result["excluded_cases"]:
            lines.append(
                f"  EXCLUDED [{c['kind']}] {c['input']!r}"
                + (" (passes anyway)" if c["would_pass"] else "")
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the peer-suite pass rate per spec file; exit 1 if a file is below --min-rate."""
    parser = argparse.ArgumentParser(
        prog="indicators evaluate --peer", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "specs",
        nargs="*",
        type=Path,
        help=f"spec files (default: {', '.join(SPEC_FILES)} in {SPEC_DIR})",
    )
    parser.add_argument("--conventions", type=Path, default=CONVENTIONS, help="exclusions YAML")
    parser.add_argument(
        "--show", type=int, default=0, metavar="N", help="print the first N failures per file"
    )
    parser.add_argument(
        "--list-excluded", action="store_true", help="list the excluded cases and their kind"
    )
    parser.add_argument(
        "--min-rate", type=float, default=None, help="exit 1 when a file's rate is below this"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    specs = args.specs or [SPEC_DIR / name for name in SPEC_FILES]
    results = [peer_pass_rate(p, args.conventions) for p in specs]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            print(format_report(r, show=args.show, list_excluded=args.list_excluded))
    if args.min_rate is not None and any(r["rate"] < args.min_rate for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
