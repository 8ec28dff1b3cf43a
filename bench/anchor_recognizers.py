"""The anchor: Microsoft Recognizers-Text (Chinese number, percent and currency models) over a folder.

Run by bench_whole_process.py in its own venv (recognizers-text needs an old `emoji`):
    ANCHOR_VENV/bin/python bench/anchor_recognizers.py FOLDER [all|number]
`number` runs the NumberModel alone (the lightest anchor); `all` (default) number, percent, currency.
Prints the number of files and results; what it finds is not compared, only its speed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from recognizers_number import Culture, NumberRecognizer
from recognizers_number_with_unit import NumberWithUnitRecognizer


def main(folder: str, which: str = "all") -> None:
    numbers = NumberRecognizer(Culture.Chinese)
    models = [numbers.get_number_model()]
    if which == "all":
        units = NumberWithUnitRecognizer(Culture.Chinese)
        models += [numbers.get_percentage_model(), units.get_currency_model()]
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
