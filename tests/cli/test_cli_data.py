"""The data commands through click: search, compare, export, runs, failures, db, errors."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from jixiao import compare, export, frames
from jixiao.cli import common, data_cmd
from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.main import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_exit_codes_are_the_documented_ones() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 130]


def test_cli_defaults_match_the_library() -> None:
    assert common.DEFAULT_URL == frames.DEFAULT_URL
    assert data_cmd.EXPORT_FORMATS == export.FORMATS


def test_search_prints_file_project_heading_and_hit(filled_url: str) -> None:
    result = run("search", "带宽", "--db", filled_url)
    assert result.exit_code == 0, result.output
    assert "2 hit(s) for '带宽'" in result.stdout
    assert "五、存在的问题和改进措施" in result.stdout
    assert "互联网+政务服务一体化平台.docx" in result.stdout
    assert "网络带宽不足" in result.stdout


def test_search_limit_and_no_match(filled_url: str) -> None:
    assert "1 hit(s)" in run("search", "带宽", "--limit", "1", "--db", filled_url).stdout
    result = run("search", "量子计算", "--db", filled_url)
    assert (result.exit_code, result.stdout) == (0, "no match for '量子计算'\n")


def test_search_without_words_is_a_usage_error(filled_url: str) -> None:
    result = run("search", "--db", filled_url)
    assert result.exit_code == ExitCode.USAGE
    assert "Error: give a word to search for (or --reindex)" in result.stderr


def test_search_reindex_alone(filled_url: str) -> None:
    result = run("search", "--reindex", "--db", filled_url)
    assert (result.exit_code, result.stdout) == (0, "search index rebuilt: 3 report(s)\n")


def test_compare_project_table(filled_url: str) -> None:
    result = run("compare", "--project", "政务服务 一体化", "--db", filled_url)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    row_2019 = next(line for line in lines if "2019" in line and "优秀" in line)
    assert "8,987,000.00" in row_2019 and "6,290,900.50" in row_2019 and "70.00%" in row_2019
    assert any("2020" in line and "80.00%" in line and "72" in line for line in lines)


def test_compare_unit_without_match(filled_url: str) -> None:
    result = run("compare", "--unit", "不存在", "--db", filled_url)
    assert (result.exit_code, result.stdout) == (0, "no report matches unit '不存在'\n")


@pytest.mark.parametrize(
    "args", [[], ["--project", "a", "--unit", "b"], ["--unit", "b", "--consistency"]]
)
def test_compare_needs_exactly_one_choice(filled_url: str, args: list[str]) -> None:
    result = run("compare", *args, "--db", filled_url)
    assert result.exit_code == ExitCode.USAGE
    assert "Error: give exactly one of --project TEXT, --unit TEXT, --consistency" in result.stderr


def test_compare_consistency(filled_url: str) -> None:
    result = run("compare", "--consistency", "--db", filled_url)
    assert result.exit_code == 0
    assert "1 self-assessment(s) not supported" in result.stdout
    assert "grade_score_mismatch" in result.stdout and "72分" in result.stdout


def test_export_xlsx(filled_url: str, tmp_path: Path) -> None:
    out = tmp_path / "all.xlsx"
    result = run("export", "--format", "xlsx", "--out", str(out), "--db", filled_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("exported 21 tables and views (")
    assert result.stdout.endswith(f"to {out}\n")
    assert "v_report_summary" in openpyxl.load_workbook(out, read_only=True).sheetnames


def test_export_parquet_without_pyarrow(
    filled_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = export.importlib.util.find_spec
    monkeypatch.setattr(
        export.importlib.util, "find_spec", lambda name: None if name == "pyarrow" else real(name)
    )
    result = run("export", "--format", "parquet", "--out", str(tmp_path / "p"), "--db", filled_url)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "jixiao: parquet export needs pyarrow, which is not installed\n"
        "  hint: pip install 'jixiao[parquet]'\n"
    )


def test_export_unknown_format_is_a_usage_error(filled_url: str) -> None:
    result = run("export", "--format", "ods", "--db", filled_url)
    assert result.exit_code == ExitCode.USAGE
    assert "Invalid value for '--format'" in result.stderr


def test_runs_and_no_failures(filled_url: str) -> None:
    result = run("runs", "--db", filled_url)
    assert result.exit_code == 0
    assert "finished" in result.stdout
    result = run("failures", "--db", filled_url)
    assert (result.exit_code, result.stderr) == (0, "no failures\n")


def test_db_status_of_the_filled_database(filled_url: str) -> None:
    result = run("db", "status", "--db", filled_url)
    assert result.exit_code == 0
    assert result.stdout.endswith("(up to date)\n")


def test_db_status_and_upgrade_of_a_new_file(missing_sqlite_url: str) -> None:
    result = run("db", "status", "--db", missing_sqlite_url)
    assert result.exit_code == ExitCode.INFRASTRUCTURE
    assert "no database yet" in result.stdout
    result = run("db", "upgrade", "--db", missing_sqlite_url)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{missing_sqlite_url}: schema at revision ")
    assert run("db", "status", "--db", missing_sqlite_url).exit_code == 0


def test_missing_database_file_exit_3_with_what_to_do(missing_sqlite_url: str) -> None:
    for command in (["runs"], ["failures"], ["search", "x"], ["compare", "--consistency"]):
        result = run(*command, "--db", missing_sqlite_url)
        assert result.exit_code == ExitCode.INFRASTRUCTURE, command
        path = missing_sqlite_url.removeprefix("sqlite:///")
        assert result.stderr == (
            f"jixiao: no database at {path}: run `jixiao ingest PATH` first, or pass --db URL\n"
        )
    assert not Path(missing_sqlite_url.removeprefix("sqlite:///")).exists()


def test_unreachable_server_hides_the_password() -> None:
    result = run("runs", "--db", "postgresql://auditor:s3cret@127.0.0.1:1/jixiao")
    assert result.exit_code == ExitCode.INFRASTRUCTURE
    first, hint = result.stderr.splitlines()
    assert first.startswith("jixiao: database postgresql+psycopg://auditor:***@127.0.0.1:1/jixiao:")
    assert "s3cret" not in result.stderr
    assert hint == (
        "  hint: check that the database server is running and the URL (--db or $JIXIAO_DB) is right"
    )


def test_db_url_from_environment(filled_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DB", filled_url)
    result = run("compare", "--consistency")
    assert result.exit_code == 0
    assert "grade_score_mismatch" in result.stdout


def test_ctrl_c_outside_an_ingest_exits_130(
    filled_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(url: str | None = None, **options: object) -> list[object]:
        raise KeyboardInterrupt

    monkeypatch.setattr(compare, "consistency", interrupted)
    result = run("compare", "--consistency", "--db", filled_url)
    assert (result.exit_code, result.stderr) == (ExitCode.INTERRUPTED, "jixiao: interrupted\n")


def test_schema_newer_than_jixiao_says_upgrade_jixiao(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'future.db'}"
    assert run("db", "upgrade", "--db", url).exit_code == 0
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    result = run("runs", "--db", url)
    assert result.exit_code == ExitCode.INFRASTRUCTURE
    assert "has schema revision '9999_future', newer than this jixiao" in result.stderr
    assert "upgrade jixiao to write to it" in result.stderr
    status = run("db", "status", "--db", url)
    assert status.exit_code == ExitCode.INFRASTRUCTURE
    assert "newer than this jixiao knows" in status.stdout
