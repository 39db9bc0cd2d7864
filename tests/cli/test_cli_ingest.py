"""``jixiao extract`` and ``jixiao ingest`` through click, with a stand-in parser.

The parser is replaced (the readers have their own tests): a test file holds either a
project name and year (``project|year``) or ``FAIL:reason``. Everything after the
parse (the ingest loop, the store, the summary) is the real code.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from cli_fixtures import make_report
from click.testing import CliRunner, Result

from jixiao import ingest as ingest_module
from jixiao import process as process_module
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.main import main
from jixiao.errors import DocumentError, NotAReportError
from jixiao.load import Store
from jixiao.normalize.canonical import CanonicalReport, ReportUnit


def fake_process(path: Path, options: Any = None) -> tuple[CanonicalReport, ...]:
    """``name|year`` (``name|year|n``: a bundle of n reports), ``FAIL:reason``,
    ``NOREPORT:reason``, ``INTERRUPT``."""
    content = path.read_text(encoding="utf-8").strip()
    if content.startswith("FAIL:"):
        raise DocumentError(content.removeprefix("FAIL:"), path=str(path))
    if content.startswith("NOREPORT:"):
        raise NotAReportError(content.removeprefix("NOREPORT:"), path=str(path))
    if content == "INTERRUPT":
        raise KeyboardInterrupt
    name, year, *count = content.split("|")
    n = int(count[0]) if count else 1
    reports = tuple(
        make_report(
            name=f"{name}{i}" if n > 1 else name,
            year=int(year),
            unit="测试单位",
            budget="1000",
            spent="900",
            score="91",
            grade="优",
            file=str(path),
        )
        for i in range(1, n + 1)
    )
    if n == 1:
        return reports
    return tuple(
        dataclasses.replace(r, unit=ReportUnit(index=i, of=n, title=r.report.project_name))
        for i, r in enumerate(reports, start=1)
    )


@pytest.fixture(autouse=True)
def stand_in_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process_module, "process_file", fake_process)
    monkeypatch.setattr(
        ingest_module, "ingest", functools.partial(ingest_module.ingest, process=fake_process)
    )


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# -- extract ------------------------------------------------------------------------


def test_extract_prints_one_json_line_per_file_and_names_failures(tmp_path: Path) -> None:
    folder = write(tmp_path, {"a.docx": "甲项目|2019", "b.pdf": "FAIL:scanned PDF: no text layer"})
    good, bad, gone = folder / "a.docx", folder / "b.pdf", folder / "none.docx"
    result = run("extract", str(good), str(bad), str(gone))
    assert result.exit_code == ExitCode.DOCUMENTS_FAILED
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["report"]["project_name"] == "甲项目"
    assert obj["funds"][0]["spent"] == 900
    assert result.stderr == (
        f"jixiao: {bad}: scanned PDF: no text layer\njixiao: {gone}: no such file\n"
    )


def test_extract_pretty_indents_a_single_file(tmp_path: Path) -> None:
    path = write(tmp_path, {"a.docx": "甲项目|2019"}) / "a.docx"
    result = run("extract", "--pretty", str(path))
    assert result.exit_code == 0
    assert result.stdout.startswith('{\n  "schema_version": 1,')
    assert json.loads(result.stdout)["report"]["fiscal_year"] == 2019


def test_extract_passes_label_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def spy(path: Path, options: Any = None) -> tuple[CanonicalReport, ...]:
        seen.append(options)
        return fake_process(path, options)

    monkeypatch.setattr(process_module, "process_file", spy)
    folder = write(tmp_path, {"a.docx": "甲项目|2019", "labels.yaml": "report: {}\n"})
    result = run("extract", "--labels", str(folder / "labels.yaml"), str(folder / "a.docx"))
    assert result.exit_code == 0
    assert seen[0].label_files == (folder / "labels.yaml",)


def test_extract_needs_a_file() -> None:
    result = run("extract")
    assert result.exit_code == ExitCode.USAGE
    assert "Missing argument 'FILES...'" in result.stderr


# -- ingest ---------------------------------------------------------------------------


def test_ingest_summary_failures_and_loaded_table(empty_url: str, tmp_path: Path) -> None:
    folder = write(
        tmp_path / "in",
        {"a.docx": "乙项目|2019", "b.docx": "乙项目|2020", "c.pdf": "FAIL:encrypted PDF"},
    )
    result = run("ingest", str(folder), "--db", empty_url, "--workers", "1")
    assert result.exit_code == ExitCode.DOCUMENTS_FAILED
    assert "loaded 2, skipped 0 unchanged, failed 1\n" in result.stderr
    assert f"{folder / 'c.pdf'}: encrypted PDF\n" in result.stderr
    table = result.stdout.splitlines()
    assert any("a.docx" in line and "乙项目" in line and "2019" in line for line in table)
    assert any("b.docx" in line and "2020" in line and "91" in line for line in table)

    again = run("ingest", str(folder), "--db", empty_url, "--workers", "1")
    assert again.exit_code == ExitCode.DOCUMENTS_FAILED
    assert "loaded 0, skipped 2 unchanged, failed 1\n" in again.stderr
    assert again.stdout == ""  # nothing loaded: no table

    runs = run("runs", "--db", empty_url, "--limit", "2")
    assert runs.exit_code == 0
    assert runs.stdout.count("│ finished ") == 2  # rows, not the header
    failures = run("failures", "--db", empty_url)
    assert failures.stdout == f"{(folder / 'c.pdf').absolute()}: encrypted PDF\n"


def test_ingest_all_good_exits_0_and_logs_plain_lines(empty_url: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "ok", {"d.docx": "丙项目|2021"})
    result = run("ingest", str(folder), "--db", empty_url, "--workers", "1", "--quiet")
    assert result.exit_code == 0, result.output
    assert "[1/1] loaded  " in result.stderr
    assert "loaded 1, skipped 0 unchanged, failed 0\n" in result.stderr


def test_ingest_log_json_owns_stdout(empty_url: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "j", {"e.docx": "丁项目|2021", "f.pdf": "FAIL:not a report"})
    result = run("ingest", str(folder), "--db", empty_url, "--workers", "1", "--log-json")
    assert result.exit_code == ExitCode.DOCUMENTS_FAILED
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(Path(r["file"]).name, r["status"], r["reason"]) for r in records] == [
        ("e.docx", "loaded", None),
        ("f.pdf", "failed", "not a report"),
    ]
    assert all(len(r["sha256"]) == 64 and r["total"] == 2 for r in records)
    assert "loaded 1, skipped 0 unchanged, failed 1" in result.stderr


def test_ingest_missing_path_is_a_failure(empty_url: str, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path / "nowhere"), "--db", empty_url, "--workers", "1")
    assert result.exit_code == ExitCode.DOCUMENTS_FAILED
    assert f"{tmp_path / 'nowhere'}: no such file or folder\n" in result.stderr


def test_ingest_interrupted_prints_summary_and_exits_130(empty_url: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "ctrl-c", {"g.docx": "戊项目|2022", "h.docx": "INTERRUPT"})
    result = run("ingest", str(folder), "--db", empty_url, "--workers", "1")
    assert result.exit_code == ExitCode.INTERRUPTED
    assert "interrupted: loaded 1, skipped 0 unchanged, failed 0\n" in result.stderr


def test_ingest_while_another_holds_the_lock(empty_url: str, tmp_path: Path) -> None:
    folder = write(tmp_path / "locked", {"i.docx": "己项目|2022"})
    with Store(empty_url) as other, other.lock():
        result = run("ingest", str(folder), "--db", empty_url, "--workers", "1")
    assert result.exit_code == ExitCode.INFRASTRUCTURE
    first, hint = result.stderr.splitlines()
    assert first.startswith("jixiao: another jixiao ingest is writing to ")
    assert (
        hint
        == "  hint: wait for that ingest to finish (--wait-lock SECONDS), or stop it if it hangs"
    )


def test_ingest_workers_must_be_positive(empty_url: str, tmp_path: Path) -> None:
    result = run("ingest", str(tmp_path), "--db", empty_url, "--workers", "0")
    assert result.exit_code == ExitCode.USAGE
    assert "Invalid value for '--workers'" in result.stderr


# -- 0..N reports per file -------------------------------------------------------------


def test_extract_prints_one_json_line_per_report_with_its_unit(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "bundle.pdf": "项目|2022|3",
            "budget.pdf": "NOREPORT:no performance report in this document (a budget publication: 12 budget tables)",
        },
    )
    result = run("extract", str(folder / "bundle.pdf"), str(folder / "budget.pdf"))
    assert result.exit_code == ExitCode.DOCUMENTS_FAILED
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["report"]["project_name"] for o in objects] == ["项目1", "项目2", "项目3"]
    assert [(o["unit"]["index"], o["unit"]["of"]) for o in objects] == [(1, 3), (2, 3), (3, 3)]
    assert result.stderr == (
        f"jixiao: {folder / 'budget.pdf'}: no performance report in this document "
        "(a budget publication: 12 budget tables)\n"
    )
    pretty = run("extract", "--pretty", str(folder / "bundle.pdf"))
    assert pretty.stdout.count('\n{\n  "schema_version": 1,') == 2


def test_ingest_counts_reports_and_documents_without_one(tmp_path: Path) -> None:
    empty_url = f"sqlite:///{tmp_path / 'own.db'}"
    folder = write(
        tmp_path / "in",
        {"bundle.pdf": "项目|2022|3", "budget.pdf": "NOREPORT:no performance report (budget)"},
    )
    result = run("ingest", str(folder), "--db", empty_url, "--workers", "1")
    assert result.exit_code == 0  # a file without a report is not a failure
    assert "loaded 1 (3 reports), skipped 0 unchanged, failed 0, no report in 1\n" in result.stderr
    assert sum("bundle.pdf" in line for line in result.stdout.splitlines()) == 3
    again = run("ingest", str(folder), "--db", empty_url, "--workers", "1")
    assert "loaded 0, skipped 2 unchanged, failed 0\n" in again.stderr
    assert run("failures", "--db", empty_url).stdout == ""
    listed = run("failures", "--no-report", "--db", empty_url)
    assert (
        listed.stdout == f"{(folder / 'budget.pdf').absolute()}: no performance report (budget)\n"
    )
    with Store(empty_url) as store:
        assert store.count_reports() == 3
