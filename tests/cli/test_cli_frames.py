"""jixiao.frames: every table and view as a DataFrame, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from jixiao import frames
from jixiao.errors import SchemaVersionError

TABLES = {
    "checks",
    "document_paths",
    "documents",
    "evaluators",
    "expenditures",
    "funds",
    "goals",
    "indicators",
    "ingest_runs",
    "reports",
    "sections",
}
VIEWS = {"v_report_summary", "v_indicator_gaps", "v_fund_execution", "v_checks_by_rule"}


def test_tables_lists_every_table_and_view_but_no_machinery(filled_url: str) -> None:
    names = frames.tables(filled_url)
    assert set(names) >= TABLES | VIEWS
    assert not [n for n in names if n.startswith(("alembic", "search_", "sqlite_"))]
    assert names == sorted(names)


def test_money_is_exact_decimal_by_default(filled_url: str) -> None:
    funds = frames.funds(filled_url)
    total = funds[(funds.source == "total")].sort_values("report_id")
    spent = list(total.spent)
    assert all(isinstance(v, Decimal) for v in spent)
    assert Decimal("6290900.50") in spent
    # Missing stays None, not NaN or 0.
    breakdown = funds[funds.source == "appropriation"]
    assert all(v is None for v in breakdown.spent)


def test_exact_false_gives_floats_and_nan(filled_url: str) -> None:
    funds = frames.funds(filled_url, exact=False)
    assert funds.spent.dtype == float
    assert 6290900.5 in set(funds.spent)
    assert any(math.isnan(v) for v in funds.spent)


def test_views_read_like_tables(filled_url: str) -> None:
    summary = frames.read("v_report_summary", filled_url)
    assert len(summary) == 3
    row = summary[summary.fiscal_year == 2019].iloc[0]
    assert row.spent == Decimal("6290900.50")
    assert row.total_score == Decimal(100)
    assert row.path.endswith(".docx")


def test_json_and_bool_columns_are_python_values(filled_url: str) -> None:
    checks = frames.checks(filled_url)
    fields = checks[checks.rule == "grade_score_mismatch"].iloc[0].fields
    assert fields == ["grade", "total_score"]
    runs = frames.runs(filled_url)
    assert runs.iloc[0].arguments == {"paths": ["tests"]}
    assert str(runs.started_at.dtype).startswith("datetime64")


def test_report_labels_find_reports_by_file_digest(filled_url: str) -> None:
    everything = frames.report_labels(filled_url)
    assert len(everything) == 3
    one = next(iter(everything.values()))
    by_sha = frames.report_labels(filled_url, sha256s=[one["sha256"]])
    assert list(by_sha.values()) == [one]
    checks_2020 = [v["checks"] for v in everything.values() if v["grade"] == "优"]
    assert sorted(checks_2020) == [0, 1]


def test_unknown_table_names_the_known_ones(filled_url: str) -> None:
    with pytest.raises(KeyError, match="no table or view 'nope'.*reports"):
        frames.read("nope", filled_url)


def test_missing_sqlite_file_is_refused_not_created(missing_sqlite_url: str) -> None:
    with pytest.raises(frames.DatabaseNotFoundError, match="no database at .*nothing-here.db"):
        frames.tables(missing_sqlite_url)
    assert not frames.sqlite_path(missing_sqlite_url).exists()


def test_database_without_schema_says_how_to_fix(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'other.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE unrelated (x INTEGER)"))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="has no jixiao tables: run `jixiao db upgrade`"):
        frames.tables(url)


@pytest.mark.parametrize(
    ("value", "money", "expected"),
    [
        (6290900.5, True, Decimal("6290900.50")),
        (8987000, True, Decimal("8987000.00")),
        ("269.61", False, Decimal("269.61")),
        (Decimal("0.622600"), False, Decimal("0.622600")),
        (float("nan"), True, None),
        (None, False, None),
        ("n/a", False, None),
    ],
)
def test_to_decimal(value: object, money: bool, expected: Decimal | None) -> None:
    assert frames.to_decimal(value, money=money) == expected


def test_default_url_follows_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    assert frames.default_url() == "sqlite:///jixiao.db"
    monkeypatch.setenv("JIXIAO_DB", "postgresql://u@h/db")
    assert frames.default_url() == "postgresql://u@h/db"
