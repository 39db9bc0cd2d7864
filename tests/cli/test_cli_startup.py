"""Start-up cost: `jixiao --help` and `jixiao runs` load no parsing or data-frame stack.

Checked in a fresh interpreter (``sys.modules`` after the command ran): the test suite's
own process has imported everything already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "pdfplumber",
    "jieba",
    "pandas",
    "numpy",
    "rapidocr",
    "onnxruntime",
    "cv2",
    "docx",
    "jixiao.normalize",  # every rule and the label dictionary
    "jixiao.extract",
)

PROBE = """
import sys
from jixiao.cli.main import main
try:
    main(sys.argv[1:], prog_name="jixiao")
except SystemExit:
    pass
print("HEAVY=" + ",".join(m for m in {heavy!r} if m in sys.modules), file=sys.stderr)
"""


def imported_heavy(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("HEAVY=")]
    assert lines, done.stderr
    return [m for m in lines[-1][len("HEAVY=") :].split(",") if m]


@pytest.mark.parametrize("args", [["--help"], ["ingest", "--help"], ["export", "--help"]])
def test_help_imports_no_heavy_module(args: list[str]) -> None:
    assert imported_heavy(*args) == []


def test_runs_imports_no_heavy_module(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    from jixiao.load.database import upgrade

    upgrade(url)
    assert imported_heavy("runs", "--db", url) == []
    assert imported_heavy("failures", "--db", url) == []
