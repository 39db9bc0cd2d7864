"""The workbook for people: frozen header, filters, Chinese words for codes; --table."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from click.testing import CliRunner, Result

from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.main import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_xlsx_header_frozen_filtered_and_codes_in_chinese(filled_url: str, tmp_path: Path) -> None:
    out = tmp_path / "book.xlsx"
    assert run("export", "--format", "xlsx", "--out", str(out), "--db", filled_url).exit_code == 0
    book = openpyxl.load_workbook(out)
    checks = book["checks"]
    assert checks.freeze_panes == "A2"
    assert checks.auto_filter.ref is not None and checks.auto_filter.ref.startswith("A1:")
    header = [c.value for c in checks[1]]
    assert "严重程度" in header and "严重程度（中文）" in header
    code_col, zh_col = header.index("严重程度"), header.index("严重程度（中文）")
    pairs = {(row[code_col].value, row[zh_col].value) for row in checks.iter_rows(min_row=2)}
    assert pairs and pairs <= {("error", "错误"), ("warning", "警告"), ("info", "提示")}
    runs = book["ingest_runs"]
    header = [c.value for c in runs[1]]
    states = {
        (r[header.index("运行状态")].value, r[header.index("运行状态（中文）")].value)
        for r in runs.iter_rows(min_row=2)
    }
    assert ("finished", "已完成") in states
    assert "v_report_summary_all" not in book.sheetnames  # every copy: --all-versions


def test_export_one_table(filled_url: str, tmp_path: Path) -> None:
    out = tmp_path / "one"
    result = run(
        "export",
        "--format",
        "csv",
        "--table",
        "v_report_summary",
        "--out",
        str(out),
        "--db",
        filled_url,
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["v_report_summary.csv"]
    with (out / "v_report_summary.csv").open(encoding="utf-8-sig") as fh:
        assert len(list(csv.DictReader(fh))) >= 1


def test_export_unknown_table_is_a_usage_error(filled_url: str, tmp_path: Path) -> None:
    result = run(
        "export",
        "--format",
        "csv",
        "--table",
        "nope",
        "--out",
        str(tmp_path / "x"),
        "--db",
        filled_url,
    )
    assert result.exit_code == ExitCode.USAGE
    assert "no table or view 'nope'" in result.stderr
