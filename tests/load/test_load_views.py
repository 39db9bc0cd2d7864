"""The auditor views return the same rows on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from load_fakes import make_report
from sqlalchemy import text

from jixiao.load import Store


def _rows(store: Store, sql: str) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql))]


def _dec(value: Any) -> Decimal:
    """SQLite hands computed numbers back as float/int; compare at 6 decimals."""
    return Decimal(str(value)).quantize(Decimal("0.000001"))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store(db_url)
    run = s.start_run({})
    s.load_report(make_report("a" * 64), path="/r/a.docx", run_id=run, parser_version=1)
    s.load_report(
        make_report(
            "b" * 64,
            project_name="电子政务外网",
            spent=Decimal("1000000"),
            total_score=Decimal("77.48"),
        ),
        path="/r/b.docx",
        run_id=run,
        parser_version=1,
    )
    s.load_report(
        make_report("c" * 64, region="长沙市", fiscal_year=2018),
        path="/r/c.pdf",
        run_id=run,
        parser_version=1,
    )
    yield s
    s.close()


def test_report_summary(store: Store) -> None:
    rows = _rows(store, "SELECT * FROM v_report_summary ORDER BY report_id")
    assert [r["project_name"] for r in rows] == [
        "互联网+政务服务一体化平台",
        "电子政务外网",
        "互联网+政务服务一体化平台",
    ]
    first = rows[0]
    assert first["path"] == "/r/a.docx"
    assert first["sha256"] == "a" * 64
    assert (first["region"], first["fiscal_year"]) == ("岳阳市", 2019)
    # The total fund row, not the central one.
    assert _dec(first["planned"]) == _dec("10000000")
    assert _dec(first["spent"]) == _dec("8987000")
    assert _dec(first["execution_rate"]) == _dec("0.998556")  # as stated
    assert (first["checks_error"], first["checks_warning"], first["checks_info"]) == (1, 1, 1)
    assert _dec(rows[1]["total_score"]) == _dec("77.48")
    assert first["grade_level"] == "excellent"


def test_report_summary_computes_a_missing_execution_rate(db_url: str) -> None:
    import dataclasses

    report = make_report("d" * 64)
    total = dataclasses.replace(report.funds[0], execution_rate=None)
    report = dataclasses.replace(report, funds=(total,))
    with Store(db_url) as store:
        store.load_report(report, path="/d.docx", run_id=store.start_run({}), parser_version=1)
        [row] = _rows(store, "SELECT execution_rate FROM v_report_summary")
    # spent / budget = 8987000 / 9000000
    assert _dec(row["execution_rate"]) == _dec("0.998556")


def test_indicator_gaps(store: Store) -> None:
    rows = _rows(
        store,
        "SELECT name, status, gap FROM v_indicator_gaps WHERE report_id = "
        "(SELECT MIN(id) FROM reports) ORDER BY ordinal",
    )
    assert [(r["name"], r["status"]) for r in rows] == [
        ("平台覆盖率", "met"),
        ("满意度", "not_met"),
        ("社会效益", "unknown"),  # no values
        ("节省财政资金", "met"),  # no comparator: at least (the default direction)
    ]
    assert _dec(rows[0]["gap"]) == _dec("1")
    assert _dec(rows[1]["gap"]) == _dec("-1")
    assert rows[2]["gap"] is None


def test_fund_execution(store: Store) -> None:
    rows = _rows(
        store, "SELECT * FROM v_fund_execution ORDER BY fiscal_year, region, supervising_dept"
    )
    assert [(r["fiscal_year"], r["region"], r["reports"]) for r in rows] == [
        (2018, "长沙市", 1),
        (2019, "岳阳市", 2),
    ]
    yueyang = rows[1]
    assert _dec(yueyang["spent"]) == _dec("9987000")
    assert _dec(yueyang["budget"]) == _dec("18000000")
    assert _dec(yueyang["execution_rate"]) == _dec(Decimal("9987000") / Decimal("18000000"))


def test_checks_by_rule(store: Store) -> None:
    rows = _rows(store, "SELECT * FROM v_checks_by_rule ORDER BY rule, severity")
    assert [(r["rule"], r["severity"], r["checks"], r["reports"]) for r in rows] == [
        ("expenditures_sum", "error", 3, 3),
        ("expenditures_sum", "info", 3, 3),
        ("grade_band", "warning", 3, 3),
    ]
