"""jixiao.compare: one project or unit across fiscal years; unsupported self-assessments."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from jixiao import compare


def test_project_match_ignores_whitespace_and_orders_by_year(filled_url: str) -> None:
    rows = compare.compare_project("政务服务一体化", filled_url)
    assert [r.fiscal_year for r in rows] == [2019, 2020]
    # The 2020 report wrote the name with spaces: still the same project.
    assert compare.squash(rows[1].project_name) == compare.squash(rows[0].project_name)
    assert [r.project_name for r in compare.compare_project("政务服务 一体化", filled_url)] == [
        r.project_name for r in rows
    ]


def test_year_rows_carry_exact_money_rate_score_and_checks(filled_url: str) -> None:
    first, second = compare.compare_project("一体化平台", filled_url)
    assert (first.budget, first.spent) == (Decimal("8987000.00"), Decimal("6290900.50"))
    assert first.rate == Decimal("0.7000")
    assert (first.total_score, first.grade, first.checks) == (Decimal(100), "优秀", 1)
    assert (second.rate, second.grade, second.checks) == (Decimal("0.8000"), "优", 1)


def test_unit_match(filled_url: str) -> None:
    rows = compare.compare_unit("韶关市 政务服务", filled_url)
    assert [(r.fiscal_year, r.project_name) for r in rows] == [(2020, "12345热线平台整合项目")]
    assert compare.compare_unit("不存在的单位", filled_url) == []
    with pytest.raises(ValueError, match="non-empty"):
        compare.compare_unit("  ", filled_url)


def test_consistency_lists_grade_score_contradictions_only(filled_url: str) -> None:
    found = compare.consistency(filled_url)
    assert [(i.fiscal_year, i.rule, i.grade) for i in found] == [
        (2020, "grade_score_mismatch", "优")
    ]
    assert "72分" in found[0].message
    assert found[0].total_score == Decimal(72)


def _funds(rows: list[dict[str, object]]) -> pd.DataFrame:
    columns = ["ordinal", "source", "planned", "budget", "spent", "execution_rate"]
    return pd.DataFrame(
        [{c: r.get(c) for c in columns} for r in rows], columns=columns, dtype=object
    )


def test_money_without_a_total_row_sums_the_parts_not_the_breakdowns() -> None:
    funds = _funds(
        [
            {"ordinal": 0, "source": "central", "planned": Decimal(100), "spent": Decimal(90)},
            {"ordinal": 1, "source": "municipal", "budget": Decimal(50), "spent": Decimal(50)},
            {"ordinal": 2, "source": "appropriation", "planned": Decimal(120)},
        ]
    )
    budget, spent, stated = compare.report_money(funds)
    assert (budget, spent, stated) == (Decimal(150), Decimal(140), None)
    assert compare.execution_rate(budget, spent, stated) == Decimal("0.9333")


def test_money_of_a_report_without_funds_is_unknown() -> None:
    assert compare.report_money(_funds([])) == (None, None, None)
    assert compare.execution_rate(None, Decimal(5), Decimal("0.5")) == Decimal("0.5")
    assert compare.execution_rate(Decimal(0), Decimal(5), None) is None
