"""The README's Python example runs as pasted into a script: no ``__main__`` guard needed.

Worker processes are spawned without re-running the caller's script (a script that
calls ``ingest`` at top level would otherwise start the ingest again in each worker).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jixiao.ingest import IngestOptions, ingest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

SCRIPT = """
from pathlib import Path
from jixiao.ingest import ingest, IngestOptions
import jixiao.frames as frames

print("top-level code ran")
result = ingest([Path("archive")], "sqlite:///jixiao.db", IngestOptions(workers=2))
print("loaded", result.loaded, "failed", result.failed)
print("rows", len(frames.read("v_report_summary", "sqlite:///jixiao.db")))
"""


@pytest.mark.slow
def test_unguarded_script_with_two_workers(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in (
        "yiyang_2020_smart_brain_self_eval.docx",
        "wild_yuan_units_2020_huanwei_yitihua.docx",
    ):
        (archive / name).write_bytes((SAMPLES / name).read_bytes())
    (tmp_path / "example.py").write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("top-level code ran") == 1  # the workers did not re-run it
    assert "loaded 2 failed 0" in done.stdout
    assert "rows 2" in done.stdout


def script_process(path: Path, options: object = None) -> object:  # pragma: no cover
    raise AssertionError("never called")


def test_a_process_function_from_the_script_is_refused_with_workers(tmp_path: Path) -> None:
    script_process.__module__ = "__main__"  # as if defined in the script being run
    with pytest.raises(ValueError, match="importable module, not in the script"):
        ingest(
            [tmp_path],
            f"sqlite:///{tmp_path / 'j.db'}",
            IngestOptions(workers=2),
            process=script_process,
        )  # type: ignore[arg-type]
