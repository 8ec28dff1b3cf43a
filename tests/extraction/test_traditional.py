"""A text in traditional characters: read in simplified ones, evidence and raw names kept as written."""

from __future__ import annotations

import json
import subprocess
import sys

from indicators.pipeline import extract_text
from indicators.traditional import is_traditional, to_simplified

BULLETIN = "本縣12345熱線第二季度共受理有效熱線事項3136宗,辦結2477宗,辦結率78.98%,群眾滿意率96.5%。"
SIMPLE = "本县12345热线第二季度共受理有效热线事项3136宗,办结2477宗,办结率78.98%,群众满意率96.5%。"


def test_a_traditional_text_is_read_in_simplified_characters_of_the_same_length():
    assert is_traditional(BULLETIN)
    assert to_simplified(BULLETIN) == SIMPLE
    assert len(to_simplified(BULLETIN)) == len(BULLETIN)


def test_a_simplified_text_with_one_rare_form_is_left_as_written():
    text = "10日下午,武汉乾方文化传媒有限公司在政务服务中心办理营业执照,用时2小时。"
    assert not is_traditional(text)
    assert to_simplified(text) is text


def test_evidence_and_raw_names_stay_in_the_original_characters():
    table = extract_text(BULLETIN, "t.txt")
    for row in table.itertuples():
        assert BULLETIN[row.start : row.end] == row.surface  # offsets hold in the original
        assert row.sentence in BULLETIN
    rate = table[table["surface"] == "78.98%"].iloc[0]
    assert "辦結率" in rate["indicator"]  # the raw name is written as the document writes it
    assert rate["indicator_label"] == "办结率"  # the label a leader reads is simplified


def test_traditional_and_simplified_mentions_share_their_keys():
    trad, simple = extract_text(BULLETIN, "a.txt"), extract_text(SIMPLE, "b.txt")
    assert trad["indicator_key"].tolist() == simple["indicator_key"].tolist()
    assert trad["value"].tolist() == simple["value"].tolist()
    assert "hotline.satisfaction_rate" in set(trad["indicator_key"])


def test_the_command_line_reads_a_traditional_file(tmp_path):
    src = tmp_path / "連平縣熱線.txt"
    src.write_text(BULLETIN, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = subprocess.run(
        [sys.executable, "-m", "indicators.cli", "extract", str(src), "-o", str(out), "-q"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["surface"] for r in rows} >= {"3136宗", "2477宗", "78.98%", "96.5%"}
    assert all(r["sentence"] in BULLETIN for r in rows)


def test_the_table_of_traditional_forms_is_the_installed_opencc_s():
    """vocab/traditional_forms.txt is what OpenCC's t2s gives (after an OpenCC upgrade that
    changes it: `python -c "from indicators.traditional import write_forms; write_forms()"`)."""
    from indicators.traditional import _traditional_forms, forms_from_opencc

    assert _traditional_forms() == forms_from_opencc()


def test_a_simplified_text_loads_no_opencc():
    code = (
        "import sys\nfrom indicators.traditional import to_simplified\n"
        "to_simplified('本县12345热线受理事项3136宗'); print('opencc' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
