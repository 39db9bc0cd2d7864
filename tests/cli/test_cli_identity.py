"""``jixiao identity``: a user merges two rows into one report, and undoes it."""

from __future__ import annotations

from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text

from jixiao.cli.exit_codes import ExitCode
from jixiao.cli.main import main
from jixiao.load.database import normalize_url


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _scalar_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_set_merges_reports_and_clear_undoes_it(filled_url: str) -> None:
    rows = _scalar_rows(
        filled_url, "SELECT report_id, identity_key FROM v_report_summary ORDER BY 1"
    )
    (first, key), (second, _) = rows[0], rows[1]
    result = run("identity", "set", str(second), key, "--note", "same project", "--db", filled_url)
    assert result.exit_code == 0, result.output
    merged = _scalar_rows(filled_url, "SELECT report_id FROM v_report_summary")
    assert len(merged) == len(rows) - 1
    dupes = _scalar_rows(filled_url, "SELECT report_id FROM v_report_duplicates ORDER BY 1")
    assert sorted(r[0] for r in dupes) == sorted([first, second])
    listed = run("identity", "list", "--json", "--db", filled_url)
    assert '"same project"' in listed.stdout
    assert run("identity", "clear", str(second), "--db", filled_url).exit_code == 0
    assert len(_scalar_rows(filled_url, "SELECT report_id FROM v_report_summary")) == len(rows)


def test_unknown_report_is_a_usage_error(filled_url: str) -> None:
    result = run("identity", "set", "99999", "x", "--db", filled_url)
    assert result.exit_code == ExitCode.USAGE
    assert "there is no report 99999" in result.stderr
