"""Reading real files: encodings, HTML, bad inputs and big files (indicators.reading)."""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import io
import random
import zipfile
from pathlib import Path

import pytest
import yaml

from indicators import reading
from indicators.reading import (
    Document,
    DocumentError,
    DocumentTooLargeError,
    Failure,
    document_from_bytes,
    iter_documents,
    read_document,
    read_documents,
)

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SEED = ROOT / "seeds" / "001_4d42245eb09b0b18.txt"

SAMPLES = {
    "seed": SEED.read_text(encoding="utf-8")[:3000],
    "simplified": "2022年，全市共成功劝阻电信网络诈骗1.2万起，同比下降24.96%。\n群众满意度从64.5%提升至91.7%。\n",
    "gb18030_only": "GB18030 才有的字：𠀀𪚥，单位㎡与‰。办件时限由15天缩减为2天。\n",
    "traditional": "臺灣地區推動政府數位轉型，民眾滿意度由六成提升至八成，辦件時間縮短為兩天。\n"
    * 8,
    "pure_hanzi": "厦门市深化放管服改革打造一流营商环境" * 20,
    "ascii": "Reform results 2022: 3,000 cases, up 24.96% year on year.\n",
    "mostly_ascii": "Case 1: 厦门 2022, 1,234 items; rate 96.5% (ok).\n",
    "japanese": "東京都の行政手続きの電子化が進み、満足度は約85%に上昇しました。\n" * 5,
}
BOMS = {
    "none": b"",
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# Encodings (golden table)


@pytest.mark.parametrize("case", load_cases("encodings.yaml"), ids=lambda c: c["name"])
def test_encodings_are_detected_and_decoded(case, tmp_path):
    text = SAMPLES[case["text"]]
    data = BOMS[case["bom"]] + text.encode(case["codec"])
    path = tmp_path / "doc.txt"
    path.write_bytes(data)

    doc = read_document(path)

    assert doc.text == text.replace("\r\n", "\n")
    assert doc.encoding == case["encoding"]
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.path == path


def test_the_seed_files_read_as_utf8_with_their_sha256():
    sources = yaml.safe_load((ROOT / "seeds" / "sources.yaml").read_text(encoding="utf-8"))
    expected = {d["file"]: d.get("sha256") for d in sources["documents"]}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = read_document(path)
        assert doc.encoding == "utf-8"
        assert doc.text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
        if expected.get(path.name):
            assert doc.sha256 == expected[path.name]


def test_crlf_and_lone_cr_become_lf_and_offsets_refer_to_the_returned_text(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("第一行\r\n同比下降24.96%\r旧Mac行\r\n".encode("gbk"))

    doc = read_document(path)

    assert doc.text == "第一行\n同比下降24.96%\n旧Mac行\n"
    assert "newlines normalised" in doc.note
    start = doc.text.index("24.96%")
    assert doc.text[start : start + 6] == "24.96%"
    assert start == 8  # counted on the canonical text: "第一行\n同比下降" is 8 characters


def test_bom_is_dropped_and_noted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "厦门".encode())
    doc = read_document(path)
    assert doc.text == "厦门"
    assert "byte-order mark removed" in doc.note


def test_a_document_is_a_frozen_record(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("厦门", encoding="utf-8")
    doc = read_document(path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.text = "x"  # type: ignore[misc]
    assert doc.note == ""


def test_uploaded_bytes_follow_the_same_rules(tmp_path):
    data = "上传的文档：办件量3,000件。\r\n".encode("gbk")
    doc = document_from_bytes(data, "upload.txt")
    assert (doc.text, doc.encoding, doc.path) == (
        "上传的文档：办件量3,000件。\n",
        "gb18030",
        Path("upload.txt"),
    )
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert "HTML tags stripped" in document_from_bytes(b"<p>\xe5\x8e\xa6</p>", "page.htm").note
    with pytest.raises(
        DocumentTooLargeError,
        match=r"^upload.txt: the file is .* MB, over the .* MB limit; split it.* --max-mb 1$",
    ):
        document_from_bytes(data, "upload.txt", max_bytes=10)


# --------------------------------------------------------------------------------------------
# Bad inputs (golden table)


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00\x00\xff\x00\x00\x00\x00\x00\xff\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:t>厦门市改革案例</w:t>" * 50)
    return buf.getvalue()


def _not_chinese() -> str:
    """Valid UTF-16 that is no Chinese text: 200 random Arabic, Indic … characters."""
    rng = random.Random(0)
    return "".join(chr(rng.randrange(0x0600, 0x1FFF)) for _ in range(200))


MAKERS = {
    "empty": lambda: b"",
    "whitespace": lambda: b" \r\n\t  \n",
    "whitespace_utf16": lambda: codecs.BOM_UTF16_LE + " \n\u3000 \n".encode("utf-16-le"),
    "bom_only": lambda: codecs.BOM_UTF8,
    "html_no_text": lambda: (
        b"<html><head><script>var x = 1;</script></head><body>&nbsp;<br></body></html>"
    ),
    "png": _png,
    "zip": _zip,
    "pdf": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "nul_binary": lambda: bytes(range(256)) * 16,
    "control_bytes": lambda: bytes(range(1, 32)) * 64,
    "high_bytes": lambda: bytes(range(0x80, 0x100)) * 8,
    "broken_utf16": lambda: codecs.BOM_UTF16_LE + "厦门".encode("utf-16-le") + b"\x00\xd8A\x00",
    "broken_utf8": lambda: codecs.BOM_UTF8 + b"\xff\xfe\xfd" + "厦门".encode(),
    "replacement": lambda: ("\ufffd" * 40 + "厦门 2022").encode("utf-8"),
    "kunjinkao": lambda: ("锟斤拷" * 40 + "厦门").encode("utf-8"),
    "noise_after_bom": lambda: codecs.BOM_UTF16_BE + _not_chinese().encode("utf-16-be"),
    "tiny_high": lambda: b"\xc1\xc2\xc3",
    "latin1_mojibake": lambda: "厦门市改革案例".encode().decode("latin-1").encode("utf-8") * 5,
}


@pytest.mark.parametrize("case", load_cases("bad_inputs.yaml"), ids=lambda c: c["name"])
def test_bad_inputs_raise_one_clear_error_naming_the_file(case, tmp_path):
    path = tmp_path / case["file"]
    if case["make"] == "directory":
        path.mkdir()
    elif case["make"] != "none":
        path.write_bytes(MAKERS[case["make"]]())

    with pytest.raises(DocumentError) as caught:
        read_document(path)

    error = caught.value
    assert type(error).__name__ == case["error"]
    assert isinstance(error, ValueError)
    assert error.path == path
    message = str(error)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message  # one line on stderr
    for words in case["says"]:
        assert words in message


def test_every_error_kind_is_a_document_error_subclass():
    kinds = [
        reading.EmptyDocumentError,
        reading.BinaryDocumentError,
        reading.UndecodableDocumentError,
        reading.DocumentTooLargeError,
        reading.GarbledDocumentError,
        reading.UnreadableDocumentError,
    ]
    assert all(issubclass(kind, DocumentError) and issubclass(kind, ValueError) for kind in kinds)
    assert len(set(kinds)) == len(kinds)


# --------------------------------------------------------------------------------------------
# Big files and long lines

SENTENCE = (
    "2022年，全市共成功劝阻电信网络诈骗1.2万起，同比下降24.96%，群众满意度从64.5%提升至91.7%。\n"
)


@pytest.fixture(scope="module")
def twenty_mb(tmp_path_factory) -> Path:
    """A 20 MB UTF-8 text made of one real-looking sentence (shared: don't modify)."""
    path = tmp_path_factory.mktemp("big") / "big.txt"
    line = SENTENCE.encode("utf-8")
    path.write_bytes(line * (20_000_000 // len(line) + 1))
    return path


def test_a_20_mb_text_is_read_whole(twenty_mb):
    doc = read_document(twenty_mb)
    assert twenty_mb.stat().st_size > 20_000_000
    assert doc.encoding == "utf-8"
    assert doc.text.count("\n") == twenty_mb.stat().st_size // len(SENTENCE.encode("utf-8"))
    assert doc.text.endswith(SENTENCE)


def test_a_file_over_the_limit_says_the_limit_and_how_to_raise_it(twenty_mb):
    with pytest.raises(DocumentTooLargeError) as caught:
        read_document(twenty_mb, max_bytes=10_000_000)
    message = str(caught.value)
    assert str(twenty_mb) in message
    assert "over the 10 MB limit" in message
    assert "split it into smaller files" in message
    assert "--max-mb 21" in message


def test_a_20_mb_gb18030_text_is_read_whole(tmp_path):
    path = tmp_path / "big-gb.txt"
    line = SENTENCE.encode("gb18030")
    path.write_bytes(line * (20_000_000 // len(line) + 1))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert doc.text.startswith(SENTENCE) and doc.text.endswith(SENTENCE)


def test_an_extremely_long_line_keeps_every_character(tmp_path):
    line = SENTENCE.strip() * 40_000  # about 2 million characters, no newline
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="gb18030")
    doc = read_document(path)
    assert doc.text == line
    assert "\n" not in doc.text


# --------------------------------------------------------------------------------------------
# HTML and text that only looks like code

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>厦门市改革案例</title>
<style>p { color: red; } /* 不是正文 */</style>
<script>var s = "<p>脚本里的数字 999 件</p>"; document.write(s);</script>
</head>
<body><h1>一、优化营商环境</h1>
<p>办件时限由15天缩减为2天&nbsp;，群众满意度达&#57;&#48;%&gt;目标。</p>
<p>A &amp; B 部门<br>联合推进</p>
<table><tr><th>指标</th><th>数值</th></tr><tr><td>办件量</td><td>3,000件</td></tr></table>
<noscript>请启用脚本</noscript>
</body></html>
"""


def test_an_html_page_keeps_its_text_and_drops_tags_scripts_and_styles(tmp_path):
    path = tmp_path / "case.html"
    path.write_text(PAGE, encoding="utf-8")

    doc = read_document(path)

    assert "HTML tags stripped" in doc.note
    lines = doc.text.split("\n")
    assert "厦门市改革案例" in lines
    assert "一、优化营商环境" in lines
    assert "办件时限由15天缩减为2天 ，群众满意度达90%>目标。" in lines
    assert "A & B 部门" in lines and "联合推进" in lines
    assert "指标\t数值" in lines and "办件量\t3,000件" in lines
    for dropped in ("<", "color", "脚本里的数字", "document.write", "请启用脚本", "&nbsp;", "&gt;"):
        assert dropped not in doc.text.replace(">目标", "")


def test_html_is_recognised_by_its_content_and_decoded_from_gbk(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_bytes(PAGE.replace("utf-8", "gbk").encode("gbk"))
    doc = read_document(path)
    assert doc.encoding == "gb18030"
    assert "HTML tags stripped" in doc.note
    assert "办件量\t3,000件" in doc.text


def test_text_with_script_and_formula_inside_sentences_stays_text(tmp_path):
    text = (
        '群众反映<script>alert("x")</script>的问题办结率达98%。\n'
        '链接写作=HYPERLINK("http://x","y")，不应执行。\n'
        "=1+1 开头的一行；@提及；-5度；+86电话。\n"
    )
    path = tmp_path / "tricky.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.text == text
    assert doc.note == ""


# --------------------------------------------------------------------------------------------
# Many files


def test_read_documents_reads_every_good_file_when_others_fail(tmp_path):
    good_utf8 = tmp_path / "a.txt"
    good_utf8.write_text(SAMPLES["simplified"], encoding="utf-8")
    good_gbk = tmp_path / "b.txt"
    good_gbk.write_bytes(SAMPLES["simplified"].encode("gbk"))
    empty = tmp_path / "c.txt"
    empty.write_bytes(b"")
    image = tmp_path / "d.png"
    image.write_bytes(_png())
    missing = tmp_path / "e.txt"
    good_utf16 = tmp_path / "f.txt"
    good_utf16.write_text(SAMPLES["simplified"], encoding="utf-16")

    documents, failures = read_documents([good_utf8, empty, good_gbk, image, missing, good_utf16])

    assert [d.path for d in documents] == [good_utf8, good_gbk, good_utf16]
    assert all(d.text == SAMPLES["simplified"] for d in documents)
    assert [f.path for f in failures] == [empty, image, missing]
    assert all(isinstance(f, Failure) for f in failures)
    path, reason = failures[1]
    assert path == image and reason.startswith(f"{image}: ") and "PNG image" in reason


def test_iter_documents_yields_in_order_for_progress_bars(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("厦门", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_bytes(b"")
    items = list(iter_documents([str(a), str(b)]))
    assert isinstance(items[0], Document) and isinstance(items[1], Failure)
    assert items[1].path == b


def test_utf8_with_a_few_broken_bytes_is_read_with_a_note(tmp_path):
    data = SEED.read_bytes() + "。".encode()
    cut = tmp_path / "cut.txt"  # a download stopped in the middle of a character
    cut.write_bytes(data[:-1])
    stray = tmp_path / "stray.txt"
    stray.write_bytes(data[:100] + b"\xff" + data[100:])

    cut_doc, stray_doc = read_document(cut), read_document(stray)

    original = data.decode("utf-8")
    assert cut_doc.encoding == stray_doc.encoding == "utf-8"
    assert cut_doc.text == original[:-1] + "\ufffd"
    assert stray_doc.text == data[:100].decode("utf-8") + "\ufffd" + data[100:].decode("utf-8")
    assert "1 invalid UTF-8 byte sequence(s) replaced by �" in cut_doc.note


def test_gbk_is_not_taken_for_broken_utf8(tmp_path):
    path = tmp_path / "mostly-ascii.txt"
    path.write_bytes(("Report 2022. " * 400 + "厦门").encode("gbk"))
    assert read_document(path).encoding == "gb18030"


def test_any_bytes_give_a_document_or_a_document_error():
    """Seeded fuzzing: random, truncated, damaged and BOM-prefixed bytes never raise anything else."""
    rng = random.Random(20261122)
    text = SAMPLES["seed"]
    prefixes = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
    for i in range(400):
        n = rng.choice([1, 2, 3, 5, 64, 700])
        codec = rng.choice(["utf-8", "gb18030", "utf-16-le", "utf-16-be", "big5"])
        start = rng.randrange(len(text) - n)
        data = bytearray(text[start : start + n].encode(codec, errors="ignore"))
        for _ in range(rng.randrange(4)):  # damage a few bytes
            if data:
                data[rng.randrange(len(data))] = rng.randrange(256)
        if i % 3 == 0:
            data = bytearray(rng.randbytes(n))
        blob = rng.choice(prefixes) + bytes(data[: rng.randrange(len(data) + 1)])
        try:
            doc = document_from_bytes(blob, f"fuzz{i}.txt")
        except DocumentError as exc:
            assert str(exc).startswith(f"fuzz{i}.txt: ")
        else:
            assert doc.text.strip() and "\r" not in doc.text
