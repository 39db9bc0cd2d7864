"""Start-up cost: `jixiao --help` and `jixiao runs` load no parsing or data-frame stack;
`jixiao extract` of a DOCX loads no database, data-frame or other reader; an ingest
of unchanged files loads no parser.

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


ROOT = Path(__file__).resolve().parents[2]
DOCX = ROOT / "samples" / "yueyang_2019_egov_extranet_self_eval.docx"
# What reading one DOCX needs none of: the database side, data frames, other readers.
NOT_FOR_EXTRACT = (
    "sqlalchemy",
    "alembic",
    "pandas",
    "numpy",
    "pdfplumber",
    "openpyxl",
    "rich",
    "jixiao.load",
    "jixiao.cli.ingest_cmd",
    "jixiao.cli.data_cmd",
)
# What an ingest that parses nothing needs none of: the parser and the data frames.
NOT_FOR_SKIPPING = (
    "pandas",
    "numpy",
    "jieba",
    "pdfplumber",
    "openpyxl",
    "alembic",
    "jixiao.normalize",
    "jixiao.process",
    "jixiao.extract.docx_reader",
)


def imported_heavy(*args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=heavy), *args],
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


def test_extract_of_a_docx_loads_no_database_or_other_reader() -> None:
    assert imported_heavy("extract", str(DOCX), heavy=NOT_FOR_EXTRACT) == []


def test_an_ingest_of_unchanged_files_loads_no_parser(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'j.db'}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(DOCX.read_bytes())
    first = subprocess.run(
        [sys.executable, "-c", "from jixiao.cli.main import main; main()", "ingest", str(folder)]
        + ["--db", url, "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    assert imported_heavy("ingest", str(folder), "--db", url, heavy=NOT_FOR_SKIPPING) == []


def test_a_parse_worker_imports_nothing_of_the_database_side() -> None:
    """A worker parses and builds rows; the driver checks and stores them."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from jixiao.ingest_worker import parse_file, process_setup\n"
        "process, options = process_setup(None, ())\n"
        f"parsed = parse_file(process, {str(DOCX)!r}, options)\n"
        "assert parsed.reports, parsed.reason\n"
        "print(','.join(m for m in sys.modules if m.startswith(('jixiao.load', 'sqlalchemy',"
        " 'alembic'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
