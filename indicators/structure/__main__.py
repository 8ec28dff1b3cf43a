"""`python -m indicators.structure cases PATH… | evaluate GOLD DOCS`: the structure stage on its own."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from indicators.sources import sources_for
from indicators.structure import describe_split, evaluate_cases, split_cases
from indicators.structure.report import describe_figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m indicators.structure")
    sub = parser.add_subparsers(dest="command", required=True)
    cases = sub.add_parser("cases", help="print the case split of documents")
    cases.add_argument("paths", nargs="+", type=Path)
    evaluate = sub.add_parser("evaluate", help="score the splitter and classifier on case gold")
    evaluate.add_argument("gold", type=Path, help="cases-*.jsonl")
    evaluate.add_argument("docs", type=Path, help="folder with the documents and sources.yaml")
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        print(describe_figures(evaluate_cases(args.gold, args.docs)))
        return 0
    status = 0
    for path in args.paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{path}: cannot read as UTF-8 text ({exc})", file=sys.stderr)
            status = 1
            continue
        source = sources_for(path).get(path.name)
        print(f"== {path}")
        print(describe_split(split_cases(text, city=source.city if source else None), text))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
