"""Coverage (issue 10) in the database: v_report_summary, `jixiao runs`, export."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from load_fakes import make_report
from sqlalchemy import text

from jixiao import export
from jixiao.cli.main import main
from jixiao.load import Store
from jixiao.load.records import RunCounts
from jixiao.normalize.canonical import CanonicalReport, Coverage


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


def _with_coverage(sha: str, read: int, unread: int) -> CanonicalReport:
    share = Decimal(read) / Decimal(read + unread)
    base = make_report(sha, file=f"/r/{sha[:4]}.docx")
    return dataclasses.replace(
        base,
        # a project of its own: two copies of one report would be counted once
        report=dataclasses.replace(base.report, project_name=f"项目{sha[:4]}"),
        coverage=Coverage(read, unread, 2, share.quantize(Decimal("0.0001"))),
    )


def _load_two(store: Store) -> int:
    run = store.start_run({})
    store.load_reports(
        [_with_coverage("a" * 64, 38, 2)], path="/r/a.docx", run_id=run, parser_version=1
    )
    store.load_reports(
        [_with_coverage("b" * 64, 2, 18)], path="/r/b.docx", run_id=run, parser_version=1
    )
    store.finish_run(run, RunCounts(loaded=2))
    return run


def test_summary_view_shows_each_reports_coverage(store: Store) -> None:
    _load_two(store)
    with store.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT tables_rows_read, rows_unread, coverage FROM v_report_summary "
                "ORDER BY tables_rows_read"
            )
        ).all()
    assert [(r[0], r[1], Decimal(str(r[2]))) for r in rows] == [
        (2, 18, Decimal("0.1")),
        (38, 2, Decimal("0.95")),
    ]


def test_runs_count_reports_that_read_little_of_their_tables(store: Store, db_url: str) -> None:
    run = _load_two(store)
    assert store.low_coverage_by_run([run], Decimal("0.8")) == {run: 1}
    result = CliRunner().invoke(main, ["runs", "--db", db_url], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "low_coverage" in result.stdout


def test_export_carries_coverage_in_the_summary(store: Store, db_url: str, tmp_path: Path) -> None:
    _load_two(store)
    out = export.export(db_url, "csv", tmp_path / "out")
    summary = pd.read_csv(out.path / "v_report_summary.csv")
    assert {"tables_rows_read", "rows_unread", "coverage"} <= set(summary.columns)
    assert sorted(summary["coverage"]) == [0.1, 0.95]
