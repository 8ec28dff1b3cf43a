"""Main-text extractors compared on the government-shaped pages of tests/cases/webpages/.

Each page marks its main text with <!--main--> … <!--/main--> (the extractors never see the
marks: comments are dropped before parsing, and trafilatura ignores them). The reference text
is the page's title line plus `html_to_text` of the marked region. For each extractor:

- numbers leaked: digit runs in its text that the reference does not have (ICP numbers, visit
  counters, related-article titles …), counted as a multiset;
- numbers lost: digit runs of the reference missing from its text;
- indicators leaked / lost: the same for the indicator rows (value, unit) the pipeline finds;
- table rows kept: reference lines holding a tab (table rows) found as lines in its text;
- dates right: the publication date the extractor's metadata gives, against the one the page
  shows (`meta.published` in pages.yaml).

    .venv/bin/python bench/compare_webpage_extractors.py           # needs: pip install trafilatura
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from indicators.decoding import decode_bytes  # noqa: E402
from indicators.formats.html import html_to_text  # noqa: E402
from indicators.formats.webpage import normalise_date, page_text  # noqa: E402
from indicators.pipeline import extract_document  # noqa: E402

PAGES = ROOT / "tests" / "cases" / "webpages"
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
MAIN = re.compile(r"<!--main-->(.*?)<!--/main-->", re.S)


def reference(html: str, title: str) -> str:
    return f"{title}\n{html_to_text(MAIN.search(html).group(1))}"


def rules(html: str) -> tuple[str, str]:
    text, main = page_text(html)
    return text, main.meta.published


def whole_page(html: str) -> tuple[str, str]:
    return html_to_text(html), ""


def trafilatura_html(html: str) -> tuple[str, str]:
    import trafilatura

    out = trafilatura.extract(html, output_format="html", include_tables=True,
                              include_comments=False, with_metadata=False)  # fmt: skip
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "") if meta else ""
    text = html_to_text(out or "")
    return (f"{title}\n{text}" if title else text), normalise_date(
        (meta.date or "") if meta else ""
    )


def counts(text: str) -> tuple[Counter, Counter, set]:
    numbers = Counter(NUMBER.findall(text))
    rows = extract_document(text, "page.html") if text.strip() else None
    found = Counter() if rows is None else Counter(zip(rows["value"], rows["unit"], strict=True))
    tab_lines = {re.sub(r"\s*\t\s*", "\t", ln.strip()) for ln in text.split("\n") if "\t" in ln}
    return numbers, found, tab_lines


def main() -> None:
    extractors = {"whole page (today)": whole_page, "rules (webpage.py)": rules}
    try:
        import trafilatura  # noqa: F401

        extractors["trafilatura 2 (html, tables)"] = trafilatura_html
    except ImportError:
        print("trafilatura is not installed: pip install trafilatura to compare it\n")
    totals = {name: Counter() for name in extractors}
    cases = yaml.safe_load((PAGES / "pages.yaml").read_text(encoding="utf-8"))
    for case in cases:
        html = decode_bytes((PAGES / case["file"]).read_bytes()).text
        truth_date = case["meta"]["published"]
        ref_numbers, ref_rows, ref_tabs = counts(reference(html, case["meta"]["title"]))
        for name, fn in extractors.items():
            t0 = time.perf_counter()
            text, date = fn(html)
            seconds = time.perf_counter() - t0
            numbers, rows, tabs = counts(text)
            t = totals[name]
            t["pages"] += 1
            t["numbers in reference"] += sum(ref_numbers.values())
            t["numbers leaked"] += sum((numbers - ref_numbers).values())
            t["numbers lost"] += sum((ref_numbers - numbers).values())
            t["indicators in reference"] += sum(ref_rows.values())
            t["indicators leaked"] += sum((rows - ref_rows).values())
            t["indicators lost"] += sum((ref_rows - rows).values())
            t["table rows in reference"] += len(ref_tabs)
            t["table rows kept"] += len(ref_tabs & tabs)
            t["pages with a leak"] += bool(numbers - ref_numbers)
            t["dates right"] += bool(truth_date) and date == truth_date
            t["pages with a date"] += bool(truth_date)
            t["ms (all pages)"] += int(seconds * 1000)
    keys = list(next(iter(totals.values())).keys())
    width = max(map(len, keys))
    print(f"{'':{width}}  " + "  ".join(f"{n:>28}" for n in totals))
    for key in keys:
        print(f"{key:{width}}  " + "  ".join(f"{totals[n][key]:>28}" for n in totals))


if __name__ == "__main__":
    main()
