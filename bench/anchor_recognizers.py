"""The anchor: Microsoft Recognizers-Text (Chinese number, percent and currency models) over a folder.

Run by bench_whole_process.py in its own venv (recognizers-text needs an old `emoji`):
    ANCHOR_VENV/bin/python bench/anchor_recognizers.py FOLDER [all|number,percent,…]
`all` (default) runs the number, percent and currency models; a comma list runs those alone.
Prints the number of files and results; what it finds is not compared, only its speed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from recognizers_number import Culture, NumberRecognizer
from recognizers_number_with_unit import NumberWithUnitRecognizer


def main(folder: str, which: str = "all") -> None:
    """`which`: "all" or a comma list of number, percent, currency."""
    wanted = {"number", "percent", "currency"} if which == "all" else set(which.split(","))
    numbers = NumberRecognizer(Culture.Chinese)
    models = []
    if "number" in wanted:
        models.append(numbers.get_number_model())
    if "percent" in wanted:
        models.append(numbers.get_percentage_model())
    if "currency" in wanted:
        models.append(NumberWithUnitRecognizer(Culture.Chinese).get_currency_model())
    files = sorted(Path(folder).glob("*.txt"))
    found = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        for line in text.splitlines():
            for model in models:
                found += len(model.parse(line))
    print(f"files {len(files)}, results {found}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
