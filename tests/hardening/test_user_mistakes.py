"""Every ordinary user mistake gets a message and an exit status, never a traceback.

The cases are data (user_mistakes.yaml); each runs the real command as a user would, in a
fresh folder of real files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED = next((ROOT / "seeds").glob("000_*.txt"))
CASES = yaml.safe_load((Path(__file__).with_name("user_mistakes.yaml")).read_text("utf-8"))
BLOCKING = "import sys\nfor m in {block!r}: sys.modules[m] = None\n"
RUN = "from indicators.cli import main\nsys.exit(main({argv!r}))\n"


def _lay_out(folder: Path, files: dict[str, str]) -> None:
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = SEED.read_bytes() if text == "{seed}" else text.encode("utf-8")
        target.write_bytes(data)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_a_mistake_gets_a_message(case, tmp_path):
    _lay_out(tmp_path, case.get("files", {}))
    code = BLOCKING.format(block=case.get("block", [])) + RUN.format(argv=case["argv"])
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == case["rc"], proc.stderr
    for words in case["says"]:
        assert words in proc.stderr, proc.stderr
    for name in case.get("absent", []):
        assert not (tmp_path / name).exists()
