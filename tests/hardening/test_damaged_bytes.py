"""Damaged text keeps its good parts: a file mostly in one encoding with a few stray bytes.

The cases are data (damaged_bytes.yaml): seeds with stray bytes inserted at known places keep
every indicator of their undamaged sentences and lose those of the damaged ones; short files,
files stitched from a UTF-8 and a GBK part; mostly undecodable files are still refused. The
command line, `indicators add` and the dashboard's upload report the file, the number of damaged
bytes and where the first ones are. Real files on disk, the real command as a process.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from dash.testing.wait import until

from indicators import documents
from indicators.corpus import add_uploaded_text
from indicators.pipeline import extract_paths
from indicators.reading import DocumentError, read_document
from indicators.storage import read_manifest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SEEDS = ROOT / "seeds"
CASES = yaml.safe_load((HERE / "damaged_bytes.yaml").read_text(encoding="utf-8"))
# what a row says, without its offsets (a stray byte that becomes one "\ufffd" moves them)
KEY = (
    "surface",
    "value",
    "value_low",
    "unit",
    "role",
    "direction",
    "year",
    "indicator",
    "sentence",
)
SENTENCE_END = re.compile(r"[。!?！？\n]")  # as the pipeline's full sentence, on the original text


def damage(text: str, codec: str, places: list[dict]) -> tuple[bytes, list[int]]:
    """`text` encoded with the stray bytes inserted; and where each damaged run begins."""
    inserts = []
    for place in places:
        char = text.index(place["before"])
        at = len(text[:char].encode(codec)) + place.get("into", 0)
        inserts.append((at, bytes.fromhex(place["byte"]), place.get("into", 0)))
    data = text.encode(codec)
    for at, byte, _ in sorted(inserts, reverse=True):
        data = data[:at] + byte + data[at:]
    starts = [at + i - into for i, (at, _, into) in enumerate(sorted(inserts))]
    return data, starts


def rows_of(path: Path):
    result = extract_paths([path])
    assert not result.failures, result.failures
    return result.documents[0], result.table


def key_list(table) -> list[tuple[str, ...]]:
    return [tuple(row) for row in table[list(KEY)].astype(str).itertuples(index=False)]


def keys(table) -> Counter:
    return Counter(key_list(table))


def full_sentence(text: str, pos: int) -> str:
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, pos)), default=0)
    end = SENTENCE_END.search(text, pos)
    return text[start : end.end() if end else len(text)].strip()


# --------------------------------------------------------------------------------------------
# Seeds with stray bytes: the rows of undamaged sentences are the clean file's rows


@pytest.mark.parametrize("case", CASES["seeds"], ids=[c["name"] for c in CASES["seeds"]])
def test_a_damaged_seed_keeps_every_indicator_of_its_undamaged_sentences(case, tmp_path):
    text = (SEEDS / case["seed"]).read_text(encoding="utf-8")
    clean, damaged = tmp_path / "clean" / case["seed"], tmp_path / "damaged" / case["seed"]
    clean.parent.mkdir(), damaged.parent.mkdir()
    clean.write_bytes(text.encode(case["codec"]))
    data, starts = damage(text, case["codec"], case["damage"])
    damaged.write_bytes(data)

    clean_doc, clean_rows = rows_of(clean)
    doc, rows = rows_of(damaged)

    assert doc.encoding == case["encoding"] and clean_doc.damage is None
    assert (doc.damage.sequences, doc.damaged_bytes) == (case["sequences"], case["damaged_bytes"])
    assert [p.line for p in doc.damage.first] == case["first_lines"]
    places = [p.byte for p in doc.damage.first]
    if case.get("noticed_later"):
        assert places[0] > starts[0]
    elif any("into" in place for place in case["damage"]):
        assert places[0] == starts[0]
    else:
        assert places == starts[: len(places)]
    assert doc.text.count("\ufffd") == case["sequences"]
    # no row from a sentence holding damage, and no row that the clean file does not have
    assert not rows["sentence"].str.contains("\ufffd").any()
    assert not keys(rows) - keys(clean_rows), "a damaged copy produced a row the clean file has not"
    lost = keys(clean_rows) - keys(rows)
    assert sorted(k[0] for k in lost.elements()) == sorted(case["dropped"])
    # every clean row whose sentence is intact in the damaged text is kept
    kept = keys(rows)
    for start, key in zip(clean_rows["start"], key_list(clean_rows), strict=True):
        if full_sentence(text, start) in doc.text:
            assert key in kept, key


# --------------------------------------------------------------------------------------------
# Small files: short, stitched from two encodings


def build(case: dict) -> bytes:
    if "bytes" in case:
        spec = case["bytes"]
        if isinstance(spec, str):
            return bytes.fromhex(spec)
        return bytes(range(spec["from"], spec["to"] + 1)) * spec["repeat"]
    data = b"".join(
        (CASES["filler"] * part.get("filler_lines", 0) + part["text"]).encode(part["codec"])
        for part in case["parts"]
    )
    if case.get("damage"):  # the text of a single-part file, damaged at known places
        (part,) = case["parts"]
        data, _ = damage(part["text"], part["codec"], case["damage"])
    return data


@pytest.mark.parametrize("case", CASES["texts"], ids=[c["name"] for c in CASES["texts"]])
def test_a_short_or_stitched_file_keeps_its_readable_sentences(case, tmp_path):
    path = tmp_path / "doc.txt"
    path.write_bytes(build(case))

    doc, rows = rows_of(path)

    assert doc.encoding == case["encoding"]
    assert doc.damaged_bytes == case["damaged_bytes"]
    assert case.get("note", "") in doc.note
    surfaces = set(rows["surface"])
    assert set(case["keeps"]) <= surfaces, sorted(surfaces)
    assert not set(case["drops"]) & surfaces
    assert not rows["sentence"].str.contains("\ufffd").any()


@pytest.mark.parametrize("case", CASES["refused"], ids=[c["name"] for c in CASES["refused"]])
def test_a_mostly_undecodable_file_is_still_refused(case, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(build(case))

    with pytest.raises(DocumentError) as caught:
        read_document(path)

    assert type(caught.value).__name__ == case["error"]
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    for words in case["says"]:
        assert words in message


# --------------------------------------------------------------------------------------------
# The golden encodings of tests/io: unchanged when clean, the same encoding with a stray byte


def _encoding_cases():
    spec = importlib.util.spec_from_file_location(
        "io_reading", ROOT / "tests/io/test_io_reading.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases = yaml.safe_load((ROOT / "tests/io/encodings.yaml").read_text(encoding="utf-8"))
    return [(c, module.SAMPLES[c["text"]], module.BOMS[c["bom"]]) for c in cases]


ENCODING_CASES = _encoding_cases()
NARROW = ("utf-8", "utf-8-sig", "gb18030", "big5")  # the encodings damage is repaired in


@pytest.mark.parametrize(
    "case,text,bom", ENCODING_CASES, ids=[c[0]["name"] for c in ENCODING_CASES]
)
def test_every_golden_encoding_decodes_as_before_and_keeps_it_with_a_stray_byte(
    case, text, bom, tmp_path
):
    path = tmp_path / "doc.txt"
    data = bom + text.encode(case["codec"])
    path.write_bytes(data)
    doc = read_document(path)
    assert (doc.encoding, doc.text, doc.damage) == (case["encoding"], text, None)
    if case["encoding"] not in NARROW:
        return
    middle = len(bom + text[: len(text) // 2].encode(case["codec"]))
    for stray in (b"\xff", b"\x80"):
        path.write_bytes(data[:middle] + stray + data[middle:])
        doc = read_document(path)
        assert doc.encoding == case["encoding"], stray  # GB18030 stays GB18030, Big5 Big5
        assert doc.damaged_bytes == 1 and doc.damage.first[0].byte == middle
        assert doc.text.replace("\ufffd", "", 1) == text


# --------------------------------------------------------------------------------------------
# Reported: the command line, the documents record, `indicators add`, the upload

SEED = "000_769d05f5ba385491.txt"


def damaged_seed() -> bytes:
    (case,) = [c for c in CASES["seeds"] if c["seed"] == SEED and c["codec"] == "utf-8"]
    return damage((SEEDS / SEED).read_text(encoding="utf-8"), "utf-8", case["damage"])[0]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indicators.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=300,
    )


REPORT = (
    "damaged: {path}: 8 invalid UTF-8 byte sequence(s) replaced by \ufffd (8 damaged bytes, "
    "first at line 13 (byte {b1}), line 18 (byte {b2}), line 23 (byte {b3}), …); "
    "the sentences that hold them were skipped"
)


def test_extract_names_the_file_the_count_and_the_first_places_and_records_them(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "damaged.txt").write_bytes(damaged_seed())
    (docs / "clean.txt").write_bytes((SEEDS / SEED).read_bytes())
    first = [p.byte for p in read_document(docs / "damaged.txt").damage.first]

    proc = run_cli("extract", "docs", "-o", "table", cwd=tmp_path)

    assert proc.returncode == 0, proc.stderr  # every file was read: damage is reported, not failed
    assert "Traceback" not in proc.stderr
    path = Path("docs") / "damaged.txt"
    assert REPORT.format(path=path, b1=first[0], b2=first[1], b3=first[2]) in proc.stderr
    assert "files: 2 (2 read, 0 failed, 1 read with damaged bytes); rows: 47" in proc.stderr
    manifest = read_manifest(tmp_path / "table")
    assert manifest["damaged.txt"]["damaged_bytes"] == 8
    assert manifest["damaged.txt"]["damage_at"] == [[13, first[0]], [18, first[1]], [23, first[2]]]
    assert "damaged_bytes" not in manifest["clean.txt"]
    on_disk = json.loads((tmp_path / "table" / "_documents.json").read_text(encoding="utf-8"))
    assert on_disk["documents"]["damaged.txt"]["damaged_bytes"] == 8


def test_a_clean_run_says_nothing_about_damage(tmp_path):
    (tmp_path / "clean.txt").write_bytes((SEEDS / SEED).read_bytes())
    proc = run_cli("extract", "clean.txt", "-o", "out.csv", cwd=tmp_path)
    assert proc.returncode == 0 and "damaged" not in proc.stderr, proc.stderr
    assert "files: 1 (1 read, 0 failed); rows: 27" in proc.stderr


def test_a_mostly_undecodable_file_is_skipped_with_todays_message(tmp_path):
    (tmp_path / "bad.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (tmp_path / "clean.txt").write_bytes((SEEDS / SEED).read_bytes())
    proc = run_cli("extract", "bad.txt", "clean.txt", "-o", "out.csv", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "skipped: bad.txt: cannot decode the text" in proc.stderr
    assert "re-save it as UTF-8" in proc.stderr and "damaged:" not in proc.stderr


def test_add_reports_the_damage_and_a_second_add_skips_the_same_bytes(tmp_path):
    (tmp_path / "new.txt").write_bytes(damaged_seed())
    argv = ["add", "new.txt", "--city", "厦门", "--published", "2023-01-01"]
    argv += ["--corpus", "corpus", "--table", "t.parquet"]

    first, again = run_cli(*argv, cwd=tmp_path), run_cli(*argv, cwd=tmp_path)

    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    report = f"damaged: {Path('corpus') / 'new.txt'}: 8 invalid UTF-8 byte sequence(s)"
    assert report in first.stderr
    assert "the sentences that hold them were skipped" in first.stderr
    manifest = read_manifest(tmp_path / "t.parquet")
    assert manifest["new.txt"]["damaged_bytes"] == 8
    assert "1 unchanged (skipped by sha256)" in again.stderr  # damage does not force re-extraction


def test_an_upload_with_damaged_bytes_is_added_and_says_so(tmp_path):
    rows = add_uploaded_text(
        "上传.txt",
        damaged_seed(),
        "厦门",
        "2023-01-01",
        "",
        tmp_path / "corpus",
        tmp_path / "t.parquet",
    )
    assert len(rows) == 27 - 7  # the 7 rows of the two damaged sentences are not taken
    assert not rows["sentence"].str.contains("\ufffd").any()
    assert rows.attrs["damage"].startswith("上传.txt: 8 invalid UTF-8 byte sequence(s) replaced")
    assert "first at line 13" in rows.attrs["damage"]
    assert read_manifest(tmp_path / "t.parquet")["上传.txt"]["damaged_bytes"] == 8


def test_the_damage_record_checks_itself_and_describes_itself():
    place = documents.DamagePlace
    record = documents.Damage(4, 5, "UTF-8", (place(2, 10), place(2, 14), place(9, 300)))
    assert record.describe() == (
        "4 invalid UTF-8 byte sequence(s) replaced by \ufffd (5 damaged bytes, first at "
        "line 2 (bytes 10, 14), line 9 (byte 300), …)"
    )
    with pytest.raises(ValueError):
        documents.Damage(3, 2, "UTF-8", ())


@pytest.mark.browser
def test_the_add_page_shows_the_damage_note(dash_duo, tmp_path):
    from dashboard.app import app_for

    corpus, table = tmp_path / "corpus", tmp_path / "t.parquet"
    corpus.mkdir()
    (corpus / "sources.yaml").write_text("documents: []\n", encoding="utf-8")
    add_uploaded_text(
        "clean.txt", (SEEDS / "004_4e1f33086cbaa4ee.txt").read_bytes(), "厦门", "2023-01-01", "",
        corpus, table,
    )  # fmt: skip
    upload = tmp_path / "损坏的副本.txt"
    upload.write_bytes(damaged_seed())

    dash_duo.start_server(app_for(table, corpus / "sources.yaml", allow_uploads=True))
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=add")
    dash_duo.wait_for_element("#add-upload", timeout=20)
    dash_duo.find_element("#add-upload input[type=file]").send_keys(str(upload))
    dash_duo.wait_for_contains_text("#add-chosen", upload.name, timeout=10)
    dash_duo.find_element("#add-city").send_keys("厦门")
    dash_duo.find_element("#add-published").send_keys("2023-01-01")
    dash_duo.find_element("#add-submit").click()
    dash_duo.wait_for_element("#add-damage", timeout=30)

    note = dash_duo.find_element("#add-damage").text
    assert note.startswith(f"{upload.name}: 8 invalid UTF-8 byte sequence(s) replaced by")
    assert "first at line 13" in note and "the sentences that hold them were skipped" in note
    assert "20 " in dash_duo.find_element("#add-result .msg-ok").text  # 27 rows less the 7 lost
    # the sources page keeps saying it: the damaged document's row names its bytes and first line
    dash_duo.wait_for_page(url=dash_duo.server_url + "/?tab=sources")
    dash_duo.wait_for_element("#sources-table .ag-row", timeout=20)
    damage = (
        "const out = {}; dash_ag_grid.getApi('sources-table')"
        ".forEachNode(n => { out[n.data.file] = n.data.damage; }); return out;"
    )
    until(lambda: dash_duo.driver.execute_script(damage), timeout=10)
    shown = dash_duo.driver.execute_script(damage)
    assert shown == {"clean.txt": "", upload.name: "8（第13行起）"}  # the clean one says nothing
    assert dash_duo.get_logs() == []
