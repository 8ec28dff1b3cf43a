"""Adding documents: copy, source record, incremental and idempotent table updates (real files)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from indicators.cli import main
from indicators.corpus import (
    DocumentConflictError,
    MetadataError,
    add_document,
    add_uploaded_text,
    check_city,
    check_file_name,
    check_published,
    update_table,
)
from indicators.reading import BinaryDocumentError, DocumentTooLargeError, EmptyDocumentError
from indicators.sources import load_sources, sha256_of
from indicators.storage import load_table, read_manifest


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values("id", ignore_index=True)


@pytest.mark.parametrize("table_name", ["indicators", "indicators.parquet"])
def test_add_copies_records_and_extracts(corpus, new_doc, tmp_path, table_name):
    table = tmp_path / "out" / table_name
    report = add_document(new_doc, corpus, table, city="厦门市", published="2024-05-01")
    copied = corpus / new_doc.name
    assert copied.read_bytes() == new_doc.read_bytes()
    rec = load_sources(corpus / "sources.yaml")[new_doc.name]
    assert (rec.city, rec.published, rec.sha256) == ("厦门", "2024-05-01", sha256_of(new_doc))
    assert rec.title == "厦门市便民服务改革成效"  # first line when no title is given
    df = load_table(table)
    rows = df[df["doc"] == new_doc.name]
    assert {1200.0, 15.0, 80.5, 95.2} <= set(rows["value"])
    assert set(rows["city"].astype(str)) == {"厦门"}
    assert set(df["doc"].astype(str)) == {*corpus_names(corpus)}
    assert "3 document(s) extracted" in report and "0 failed" in report
    assert not df["id"].duplicated().any()


def corpus_names(corpus: Path) -> set[str]:
    return {p.name for p in corpus.glob("*.txt")}


def test_rerun_is_idempotent_and_skips_by_hash(corpus, new_doc, tmp_path):
    table = tmp_path / "indicators"
    add_document(new_doc, corpus, table, city="厦门", published="2024-05-01", title="便民")
    first = load_table(table, categorical=False)
    sources_before = (corpus / "sources.yaml").read_bytes()
    report = add_document(new_doc, corpus, table, city="厦门", published="2024-05-01")
    assert "already present" in report
    assert "0 document(s) extracted" in report and "3 unchanged" in report
    pd.testing.assert_frame_equal(_sorted(first), _sorted(load_table(table, categorical=False)))
    assert (corpus / "sources.yaml").read_bytes() == sources_before  # title kept, not rewritten


def test_changed_document_in_corpus_is_reextracted_alone(corpus, new_doc, tmp_path):
    table = tmp_path / "indicators"
    add_document(new_doc, corpus, table, city="厦门", published="2024-05-01")
    before = load_table(table, categorical=False)
    edited = corpus / new_doc.name
    edited.write_text("2023年，全市共受理政务服务事项3400件。\n", encoding="utf-8")
    report = update_table(corpus, table)
    assert list(report.extracted) == [new_doc.name] and len(report.unchanged) == 2
    after = load_table(table, categorical=False)
    mine = after[after["doc"] == new_doc.name]
    assert list(mine["value"]) == [3400.0]  # the old rows were replaced as a whole
    others = before[before["doc"] != new_doc.name]
    pd.testing.assert_frame_equal(_sorted(others), _sorted(after[after["doc"] != new_doc.name]))
    assert read_manifest(table)[new_doc.name]["sha256"] == sha256_of(edited)


def test_new_metadata_reextracts_the_document(corpus, new_doc, tmp_path):
    table = tmp_path / "indicators"
    add_document(new_doc, corpus, table, city="厦门", published="2024-05-01")
    n = len(load_table(table))
    report = add_document(new_doc, corpus, table, city="青岛", published="2024-06-01")
    assert "1 document(s) extracted" in report
    df = load_table(table)
    assert len(df) == n
    assert set(df.loc[df["doc"] == new_doc.name, "city"].astype(str)) == {"青岛"}


def test_a_different_file_with_the_same_name_is_refused(corpus, new_doc, tmp_path):
    table = tmp_path / "indicators"
    add_document(new_doc, corpus, table, city="厦门", published="2024-05-01")
    other = tmp_path / "other" / new_doc.name
    other.parent.mkdir()
    other.write_text("另一份文件：办件2000件。\n", encoding="utf-8")
    with pytest.raises(DocumentConflictError, match="different file with this name"):
        add_document(other, corpus, table, city="厦门", published="2024-05-01")
    assert (corpus / new_doc.name).read_bytes() == new_doc.read_bytes()


def test_the_same_text_under_another_name_is_refused(corpus, tmp_path):
    copy = tmp_path / "renamed.txt"
    shutil.copyfile(corpus / "000_769d05f5ba385491.txt", copy)
    with pytest.raises(DocumentConflictError, match="already in the corpus as 000_"):
        add_document(copy, corpus, tmp_path / "t", city="厦门", published="2021-12-07")
    assert not (corpus / "renamed.txt").exists()


def test_an_uploaded_duplicate_is_named_by_its_upload_name(corpus, tmp_path):
    data = (corpus / "000_769d05f5ba385491.txt").read_bytes()
    with pytest.raises(DocumentConflictError) as refused:
        add_uploaded_text("上传副本.txt", data, "厦门", "2021-12-07", "", corpus, tmp_path / "t")
    message = str(refused.value)
    assert message.startswith("上传副本.txt:") and "already in the corpus as 000_" in message
    assert "indicators-upload-" not in message and "/tmp" not in message


def test_a_bad_file_changes_nothing(corpus, tmp_path):
    png = tmp_path / "scan.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    sources = (corpus / "sources.yaml").read_bytes()
    with pytest.raises(BinaryDocumentError, match="scan.txt: this is not a text file"):
        add_document(png, corpus, tmp_path / "t", city="厦门", published="2024-05-01")
    assert not (corpus / "scan.txt").exists()
    assert (corpus / "sources.yaml").read_bytes() == sources
    assert not (tmp_path / "t").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-5-1", "2024-05-01"),
        ("2024/05/01", "2024-05-01"),
        ("2024年5月1日", "2024-05-01"),
        ("2024-05", "2024-05"),
        ("2024", "2024"),
    ],
)
def test_published_dates(given, expected):
    assert check_published(given, today=date(2026, 1, 1)) == expected


@pytest.mark.parametrize("bad", ["", "yesterday", "2024-02-30", "2024-13-01", "2030-01-01", "1800"])
def test_bad_published_dates_are_refused(bad):
    with pytest.raises(MetadataError, match="published"):
        check_published(bad, today=date(2026, 1, 1))


def test_city_and_file_names():
    assert check_city(" 厦门市 ") == "厦门"
    assert check_city("示例城") == "示例城"  # unknown names are kept as given
    with pytest.raises(MetadataError, match="no city"):
        check_city("  ")
    assert check_file_name("C:\\下载\\报告") == "报告.txt"
    assert check_file_name("../../etc/passwd") == "passwd.txt"
    assert check_file_name("page.html") == "page.html"
    for bad in ("", "..", ".hidden.txt", "sources.yaml", "a\x00b.txt"):
        with pytest.raises(MetadataError):
            check_file_name(bad)


def test_upload_returns_the_new_rows_and_persists(corpus, tmp_path):
    table = tmp_path / "indicators"
    data = "2022年，全市共成功劝阻电信诈骗3200起，同比下降24.96%。\n".encode("utf-16")
    rows = add_uploaded_text("劝阻.txt", data, "厦门", "2023-03-02", "反诈", corpus, table)
    assert set(rows["doc"]) == {"劝阻.txt"}
    assert {3200.0, 24.96} <= set(rows["value"])
    again = add_uploaded_text("劝阻.txt", data, "厦门", "2023-03-02", "反诈", corpus, table)
    pd.testing.assert_frame_equal(_sorted(rows), _sorted(again))
    stored = load_table(table, categorical=False)
    assert (stored["doc"] == "劝阻.txt").sum() == len(rows)
    assert (corpus / "劝阻.txt").read_bytes() == data
    assert load_sources(corpus / "sources.yaml")["劝阻.txt"].title == "反诈"


def test_upload_errors_name_the_upload(corpus, tmp_path):
    table = tmp_path / "indicators"
    with pytest.raises(DocumentTooLargeError, match=r"^big\.txt: the upload is 2\.0 MB"):
        add_uploaded_text("big.txt", b"a" * 2_000_000, "厦门", "2024", "", corpus, table, 1_000_000)
    with pytest.raises(EmptyDocumentError, match=r"^empty\.txt: the file is empty"):
        add_uploaded_text("empty.txt", b"", "厦门", "2024", "", corpus, table)
    with pytest.raises(MetadataError):
        add_uploaded_text("x.txt", "办件10件".encode(), "厦门", "someday", "", corpus, table)
    assert not (corpus / "big.txt").exists() and not (corpus / "empty.txt").exists()
    assert not table.exists()


def test_cli_add_exit_codes(corpus, new_doc, tmp_path, capsys):
    table = str(tmp_path / "indicators")
    args = ["add", str(new_doc), "--city", "厦门", "--corpus", str(corpus), "--table", table]
    assert main([*args, "--published", "2024-05-01"]) == 0
    assert "added" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main([*args, "--published", "2024-02-30"])
    assert exc.value.code == 2
    assert "not a real date" in capsys.readouterr().err
    missing = ["add", str(tmp_path / "nope.txt"), "--city", "厦门", "--published", "2024"]
    assert main([*missing, "--corpus", str(corpus), "--table", table]) == 1
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err


def test_a_dataset_from_extract_is_updated_incrementally(corpus, new_doc, tmp_path):
    table = tmp_path / "indicators"
    assert main(["extract", str(corpus), "-o", str(table), "-q"]) == 0
    before = load_table(table, categorical=False)
    report = add_document(new_doc, corpus, table, city="厦门", published="2024-05-01")
    assert "1 document(s) extracted" in report and "2 unchanged" in report
    after = load_table(table, categorical=False)
    pd.testing.assert_frame_equal(_sorted(before), _sorted(after[after["doc"] != new_doc.name]))


def _upload(args: tuple) -> int:
    name, text, corpus, table = args
    rows = add_uploaded_text(name, text.encode(), "厦门", "2024-05-01", "", corpus, table)
    return len(rows)


def test_concurrent_uploads_from_two_processes_both_land(corpus, tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    table = tmp_path / "indicators"
    jobs = [
        (f"并发{i}.txt", f"2024年，全市共办件{7000 + i}件。\n", corpus, table) for i in range(4)
    ]
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        assert list(pool.map(_upload, jobs)) == [1, 1, 1, 1]
    df = load_table(table)
    for i in range(4):
        assert list(df.loc[df["doc"] == f"并发{i}.txt", "value"]) == [7000.0 + i]
    assert set(load_sources(corpus / "sources.yaml")) >= {f"并发{i}.txt" for i in range(4)}
    assert not df["id"].duplicated().any()


PAGE = Path(__file__).resolve().parents[1] / "cases" / "webpages" / "xm_trs_hotline.html"


@pytest.mark.parametrize(("given_title", "title", "from_page"), [
    ("", "2023年5月厦门市12345政务服务便民热线运行情况通报", True),
    ("五月热线", "五月热线", True),  # the user's title wins; the publisher still from the page
])  # fmt: skip
def test_an_added_web_page_brings_its_own_title_and_publisher(
    corpus, tmp_path, given_title, title, from_page
):
    """A page the user adds (upload or `indicators add`) without a title is recorded under its
    <meta name="ArticleTitle">, its publisher from ContentSource, flagged as read from the page."""
    data = PAGE.read_bytes()
    add_uploaded_text("热线.html", data, "厦门", "2023-06-19", given_title, corpus,
                      tmp_path / "indicators")  # fmt: skip
    record = load_sources(corpus / "sources.yaml")["热线.html"]
    assert record.title == title
    assert record.publisher == "厦门市12345政务服务便民热线管理中心"
    assert record.from_page is from_page and record.published == "2023-06-19"


def test_a_plain_text_keeps_its_first_line_as_title(corpus, tmp_path):
    data = "厦门市12345热线五月简报\n本月受理诉求38447件。\n".encode()
    add_uploaded_text("简报.txt", data, "厦门", "2023-06-19", "", corpus, tmp_path / "t")
    record = load_sources(corpus / "sources.yaml")["简报.txt"]
    assert (record.title, record.publisher, record.from_page) == (
        "厦门市12345热线五月简报",
        "",
        False,
    )
