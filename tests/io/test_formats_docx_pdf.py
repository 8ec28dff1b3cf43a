"""Word and PDF files: real .docx (python-docx) and .pdf (reportlab) files made at test time.

A seed's text written as a .docx and as a .pdf must give the seed's indicators (the same values,
units and names; offsets into each file's own text); tables come out as tab-separated rows,
once; a scanned PDF, a password-protected, damaged or misnamed file gives a message.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pandas as pd
import pytest
from docx.oxml import OxmlElement
from PIL import Image, ImageDraw
from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from indicators.corpus import add_uploaded_text
from indicators.pipeline import extract_document
from indicators.reading import (
    BinaryDocumentError,
    DamagedFileError,
    DocumentError,
    EncryptedFileError,
    ScannedPdfError,
    document_format,
    read_document,
)

ROOT = Path(__file__).parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FONT = "STSong-Light"  # Adobe's CJK font every PDF reader has: nothing to embed or install
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
STYLE = ParagraphStyle("zh", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK", spaceAfter=6)
HOTLINE = [["工单类型", "数量（件）", "占比"], ["咨询类", "19651", "51.11%"],
           ["投诉类", "15042", "39.12%"], ["总计", "38447", "100%"]]  # fmt: skip


# --------------------------------------------------------------------------------------------
# Making real files


def write_docx(path: Path, lines: list[str], tables: dict[int, list[list[str]]] | None = None):
    """A .docx with one paragraph per line; `tables` = {after line i: rows}."""
    document = docx.Document()
    for i, line in enumerate(lines):
        document.add_paragraph(line)
        if tables and i in tables:
            table = document.add_table(rows=len(tables[i]), cols=len(tables[i][0]))
            for r, row in enumerate(tables[i]):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(path)
    return path


def write_pdf(path: Path, lines: list[str], tables: dict[int, list[list[str]]] | None = None):
    """A text PDF, one paragraph per line, wrapped as a word processor does; ruled tables."""
    story = []
    for i, line in enumerate(lines):
        story.append(Paragraph(escape(line), STYLE) if line.strip() else Spacer(1, 6))
        if tables and i in tables:
            table = Table(tables[i])
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))  # fmt: skip
            story += [table, Spacer(1, 6)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def write_scanned_pdf(path: Path, pages: int = 2, text_page: bool = False) -> Path:
    """A PDF whose pages are images only (a scan); with `text_page`, page 1 has text."""
    image = Image.new("L", (600, 800), 255)
    ImageDraw.Draw(image).rectangle((50, 50, 550, 80), fill=0)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        if text_page and n == 0:
            pdf.setFont(FONT, 12)
            pdf.drawString(72, 700, "全市受理群众诉求38447件，按时办结率99.93%。")
        else:
            pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
        pdf.showPage()
    pdf.save()
    return path


def seed_lines(seed: Path) -> list[str]:
    return seed.read_text(encoding="utf-8").split("\n")


def indicators_of(text: str) -> Counter:
    rows = extract_document(text, "doc")
    return Counter(zip(rows["value"], rows["unit"], rows["indicator"], rows["role"], strict=True))


def assert_offsets_are_honest(doc) -> pd.DataFrame:
    rows = extract_document(doc.text, doc.path.name)
    for start, end, surface in zip(rows["start"], rows["end"], rows["surface"], strict=True):
        assert doc.text[start:end] == surface
    return rows


# --------------------------------------------------------------------------------------------
# A seed as .docx and as .pdf gives the seed's indicators


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_seed_written_as_docx_gives_the_seeds_indicators(seed, tmp_path):
    doc = read_document(write_docx(tmp_path / f"{seed.stem}.docx", seed_lines(seed)))
    assert doc.encoding == "docx" and "python-docx" in doc.note
    assert indicators_of(doc.text) == indicators_of(read_document(seed).text)
    assert len(assert_offsets_are_honest(doc)) > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_a_seed_written_as_pdf_gives_the_seeds_indicators(seed, tmp_path):
    doc = read_document(write_pdf(tmp_path / f"{seed.stem}.pdf", seed_lines(seed)))
    assert doc.encoding == "pdf" and "pdfplumber" in doc.note
    assert indicators_of(doc.text) == indicators_of(read_document(seed).text)
    assert len(assert_offsets_are_honest(doc)) > 0


def test_pdf_lines_wrapped_by_the_layout_are_joined_back_into_paragraphs(tmp_path):
    """Every paragraph of the seed comes back whole, or broken only after a sentence end."""
    seed = SEEDS[4]
    doc = read_document(write_pdf(tmp_path / "s.pdf", seed_lines(seed)))
    wanted = [ln.strip() for ln in seed.read_text(encoding="utf-8").split("\n") if ln.strip()]
    got = [ln for ln in doc.text.split("\n") if ln.strip()]
    assert "".join(got) == "".join(wanted)  # nothing lost, nothing read twice
    paragraph_ends, at = set(), 0
    for line in wanted:
        at += len(line)
        paragraph_ends.add(at)
    at = 0
    for line in got[:-1]:
        at += len(line)
        assert at in paragraph_ends or line[-1] in "。；：！？", f"a line break inside {line!r}"


# --------------------------------------------------------------------------------------------
# Tables


# the text a document with a paragraph, the HOTLINE table and a paragraph must give
HOTLINE_LINES = [
    "5月份共受理诉求38447件。",
    "工单类型\t数量（件）\t占比",
    "咨询类\t19651\t51.11%",
    "投诉类\t15042\t39.12%",
    "总计\t38447\t100%",
    "按时办结率99.93%。",
]


def test_a_docx_table_gives_tab_separated_lines_in_document_order(tmp_path):
    path = write_docx(
        tmp_path / "t.docx", ["5月份共受理诉求38447件。", "按时办结率99.93%。"], {0: HOTLINE}
    )
    doc = read_document(path)
    assert doc.text.split("\n") == HOTLINE_LINES


def test_a_merged_docx_cell_is_read_once_in_its_first_grid_cell(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["区县", "诉求量", ""], ["思明区", "9876", "12.5%"], ["", "", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 2))  # a header over two columns: gridSpan 2
    top = table.cell(1, 0)
    top.merge(table.cell(2, 0))  # a row header over two rows: vMerge
    table.cell(2, 1).text, table.cell(2, 2).text = "5432", "3.1%"
    document.save(tmp_path / "m.docx")
    lines = read_document(tmp_path / "m.docx").text.split("\n")
    assert lines == ["区县\t诉求量\t", "思明区\t9876\t12.5%", "\t5432\t3.1%"]


def test_docx_tabs_breaks_and_content_controls_are_read(tmp_path):
    document = docx.Document()
    p = document.add_paragraph("单位：")
    p.add_run().add_tab()
    p.add_run("万元")
    run = document.add_paragraph("第一行").add_run()
    run.add_break()
    run.add_text("第二行")
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    inner = document.add_paragraph("控件里的文字：办件1201件。")._p
    content.append(inner)  # moves the paragraph into the content control
    sdt.append(content)
    document.element.body.insert(len(document.element.body) - 1, sdt)
    document.save(tmp_path / "x.docx")
    text = read_document(tmp_path / "x.docx").text
    assert text.split("\n") == ["单位：\t万元", "第一行", "第二行", "控件里的文字：办件1201件。"]


def test_a_pdf_table_is_read_once_as_tab_separated_rows_in_page_order(tmp_path):
    path = write_pdf(
        tmp_path / "t.pdf", ["5月份共受理诉求38447件。", "按时办结率99.93%。"], {0: HOTLINE}
    )
    doc = read_document(path)
    assert doc.text.split("\n") == HOTLINE_LINES
    assert doc.text.count("19651") == 1  # the table's characters are not also page text


# --------------------------------------------------------------------------------------------
# Refusals: a message naming the file and what to do, never a traceback


def test_a_scanned_pdf_is_refused_with_a_message_that_says_so(tmp_path):
    path = write_scanned_pdf(tmp_path / "扫描件.pdf")
    with pytest.raises(ScannedPdfError) as caught:
        read_document(path)
    message = str(caught.value)
    assert str(path) in message
    assert "no text layer" in message and "scanned images" in message and "OCR" in message


def test_a_pdf_with_some_scanned_pages_is_read_and_the_note_names_them(tmp_path):
    doc = read_document(write_scanned_pdf(tmp_path / "part.pdf", pages=3, text_page=True))
    assert "38447件" in doc.text
    assert "page(s) 2–3 have no text layer (scanned images)" in doc.note


def _encrypted_pdf(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=pdfencrypt.StandardEncryption("secret"))
    pdf.setFont(FONT, 12)
    pdf.drawString(72, 700, "全市受理诉求38447件。")
    pdf.showPage()
    pdf.save()
    return path


def _truncated(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _broken_docx(path: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><broken")
    path.write_bytes(buf.getvalue())
    return path


def _ole(path: Path, stream: str) -> Path:
    """The first bytes of an Office compound file naming one stream (not a whole .doc)."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + stream.encode("utf-16-le"))
    return path


BAD_FILES = {
    "encrypted pdf": (lambda d: _encrypted_pdf(d / "locked.pdf"), EncryptedFileError,
                      ["password-protected", "without a password"]),
    "truncated pdf": (lambda d: _truncated(d / "cut.pdf", write_pdf(d / "whole.pdf", seed_lines(SEEDS[3]))),
                      DamagedFileError, ["cannot be read", "damaged or incomplete"]),
    "web page named .pdf": (lambda d: (d / "404.pdf").write_bytes(b"<html>404 Not Found</html>") and d / "404.pdf",
                            DamagedFileError, ["is not a PDF", "download or export the PDF again"]),
    "truncated docx": (lambda d: _truncated(d / "cut.docx", write_docx(d / "whole.docx", seed_lines(SEEDS[0]))),
                       DamagedFileError, ["cannot be opened", "save it again as .docx"]),
    "docx with broken XML": (lambda d: _broken_docx(d / "broken.docx"), DamagedFileError,
                             ["cannot be opened", "damaged"]),
    "text named .docx": (lambda d: (d / "a.docx").write_text("办件1201件") and d / "a.docx",
                         DamagedFileError, ["not a Word document"]),
    "encrypted docx (compound file)": (lambda d: _ole(d / "secret.docx", "EncryptedPackage"),
                                       EncryptedFileError, ["password-protected", "remove the password"]),
    "old .doc named .docx": (lambda d: _ole(d / "old.docx", "WordDocument"), DamagedFileError,
                             ["Word 97–2003 (.doc)", "Save as"]),
}  # fmt: skip


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_docx_or_pdf_gives_a_message_not_a_traceback(name, tmp_path):
    make, error, says = BAD_FILES[name]
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        read_document(path)
    assert isinstance(caught.value, DocumentError)
    message = str(caught.value)
    assert message.startswith(str(path)) and "Traceback" not in message
    for words in says:
        assert words in message


def test_formats_are_told_by_first_bytes_before_decoding(tmp_path):
    pdf = write_pdf(tmp_path / "a.pdf", ["办件1201件。"])
    word = write_docx(tmp_path / "a.docx", ["办件1201件。"])
    assert document_format(pdf.read_bytes(), Path("renamed.txt")) == "pdf"
    assert document_format(word.read_bytes(), Path("renamed.bin")) == "docx"
    assert document_format(b"%PDF-1.7 ...", Path("x.txt")) == "pdf"
    assert document_format("办件1201件".encode(), Path("x.txt")) == "text"
    assert read_document(pdf.rename(tmp_path / "renamed.txt")).encoding == "pdf"


def test_an_xlsx_is_still_refused_as_a_zip_archive(tmp_path):
    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "t.xlsx")
    with pytest.raises(BinaryDocumentError, match="ZIP archive"):
        read_document(tmp_path / "t.xlsx")


# --------------------------------------------------------------------------------------------
# extract, add and the dashboard's upload


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "indicators.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, env=env, timeout=600)  # fmt: skip


def test_extract_reads_a_folder_of_docx_pdf_and_html_and_skips_a_scan(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = seed_lines(SEEDS[4])
    write_docx(corpus / "report.docx", lines)
    write_pdf(corpus / "report.pdf", lines)
    write_scanned_pdf(corpus / "scan.pdf")
    (corpus / "page.html").write_text(
        "<html><body><div class='nav'><a href='/'>首页</a><a href='/b'>政务公开</a></div>"
        "<div class='TRS_Editor'><p>全市受理诉求38447件，同比下降24.85%。</p></div>"
        "<div class='footer'>闽ICP备12345678号 访问量：123456</div></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.parquet"
    done = run_cli("extract", str(corpus), "-o", str(out))
    assert done.returncode == 1, done.stderr  # one file skipped
    assert "scan.pdf: this PDF has no text layer" in done.stderr
    assert "Traceback" not in done.stderr
    table = pd.read_parquet(out)
    counts = table["doc"].value_counts().to_dict()
    seed_rows = len(extract_document(read_document(SEEDS[4]).text, "s"))
    assert counts == {"report.docx": seed_rows, "report.pdf": seed_rows, "page.html": 2}
    assert set(table.loc[table["doc"] == "page.html", "value"]) == {38447.0, 24.85}


def test_add_puts_a_docx_in_the_corpus_and_its_rows_in_the_table(tmp_path):
    path = write_docx(tmp_path / "年度报告.docx", ["2022年，全市受理事项286.5万件，办结率99.44%。"])
    corpus, table = tmp_path / "corpus", tmp_path / "t.parquet"
    done = run_cli("add", str(path), "--city", "合肥", "--published", "2023-01-31",
                   "--corpus", str(corpus), "--table", str(table))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (corpus / "年度报告.docx").read_bytes() == path.read_bytes()
    rows = pd.read_parquet(table)
    assert sorted(rows["value"]) == [99.44, 2865000.0]


def test_the_dashboard_upload_path_takes_a_pdf(tmp_path):
    """`add_uploaded_text` is what the Add-document page calls with the uploaded bytes."""
    data = write_pdf(
        tmp_path / "x.pdf", ["2022年，全市受理事项286.5万件，办结率99.44%。"]
    ).read_bytes()
    rows = add_uploaded_text(
        "通报.pdf", data, "合肥", "2023-01-31", "", tmp_path / "c", tmp_path / "t.parquet"
    )
    assert sorted(rows["value"]) == [99.44, 2865000.0]
    assert (tmp_path / "c" / "通报.pdf").exists()


def test_an_uploaded_scan_is_refused_by_its_upload_name(tmp_path):
    data = write_scanned_pdf(tmp_path / "s.pdf").read_bytes()
    with pytest.raises(ScannedPdfError, match=r"^扫描\.pdf: this PDF has no text layer"):
        add_uploaded_text(
            "扫描.pdf", data, "合肥", "2023-01-31", "", tmp_path / "c", tmp_path / "t.parquet"
        )
