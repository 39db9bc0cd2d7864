"""run_checks: rules on the funds rows (arithmetic, parts vs total, low execution)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import CanonicalReport, Check, Fund, Report, Source
from jixiao.normalize.checks import CheckOptions, run_checks

D = Decimal
OPTIONS = CheckOptions(current_year=2024)


def make_report(*, funds: tuple[Fund, ...]) -> CanonicalReport:
    return CanonicalReport(
        source=Source(file="r.docx", sha256="0" * 64, format="docx"),
        report=Report(),
        funds=funds,
    )


def wan(text: str) -> Decimal:
    return D(text) * 10000


def by_rule(report: CanonicalReport, rule: str, options: CheckOptions = OPTIONS) -> list[Check]:
    return [c for c in run_checks(report, options) if c.rule == rule]


# --- funds rows -----------------------------------------------------------------------


def test_spent_exceeds_received() -> None:
    report = make_report(funds=(Fund(label="年度资金", received=wan("100"), spent=wan("120")),))
    assert by_rule(report, "spent_exceeds_received") == [
        Check(
            "spent_exceeds_received",
            "warning",
            "「年度资金」实际支出 1,200,000.00 元 > 实际到位资金 1,000,000.00 元 (超出 200,000.00 元)",
            ("funds[0].spent", "funds[0].received"),
        )
    ]
    same = make_report(funds=(Fund(label="x", received=wan("100"), spent=wan("100")),))
    assert by_rule(same, "spent_exceeds_received") == []


def test_balance_mismatch_names_its_base() -> None:
    fund = Fund(label="合计", planned=wan("563.45"), spent=wan("350.79"), balance=wan("221.66"))
    assert by_rule(make_report(funds=(fund,)), "balance_mismatch") == [
        Check(
            "balance_mismatch",
            "error",
            "「合计」结余 2,216,600.00 元 ≠ 计划安排资金 5,634,500.00 元 − 实际支出 3,507,900.00 元"
            " = 2,126,600.00 元 (差 90,000.00 元)",
            ("funds[0].balance", "funds[0].planned", "funds[0].spent"),
        )
    ]


def test_balance_accepts_any_base_and_prefers_received() -> None:
    # 结余 = 预算 − 支出 in this template, while 到位 differs: not an error
    fund = Fund(
        label="x", budget=wan("100"), received=wan("90"), spent=wan("80"), balance=wan("20")
    )
    assert by_rule(make_report(funds=(fund,)), "balance_mismatch") == []
    bad = Fund(label="x", budget=wan("100"), received=wan("90"), spent=wan("80"), balance=wan("5"))
    (found,) = by_rule(make_report(funds=(bad,)), "balance_mismatch")
    assert "实际到位资金 900,000.00 元" in found.message
    assert "funds[0].received" in found.fields


def test_balance_without_base_is_silent() -> None:
    fund = Fund(label="x", spent=wan("80"), balance=wan("5"))
    assert by_rule(make_report(funds=(fund,)), "balance_mismatch") == []


def test_execution_rate_mismatch() -> None:
    fund = Fund(label="合计", budget=wan("918"), spent=wan("826.2"), execution_rate=D("1"))
    assert by_rule(make_report(funds=(fund,)), "execution_rate_mismatch") == [
        Check(
            "execution_rate_mismatch",
            "error",
            "「合计」执行率 100.00% ≠ 实际支出 8,262,000.00 元 / 全年预算数 9,180,000.00 元 = 90.00%",
            ("funds[0].execution_rate", "funds[0].spent", "funds[0].budget"),
        )
    ]


@pytest.mark.parametrize(
    ("planned", "spent", "rate"),
    [
        ("2324.67", "2053.30", "0.8833"),  # 88.33% printed with two decimals
        ("563.45", "350.79", "0.6226"),
        ("256.00", "217.00", "0.85"),  # whole percent: 84.77% rounds to 85%
        ("918", "918", "1"),
    ],
)
def test_execution_rate_within_printed_precision(planned: str, spent: str, rate: str) -> None:
    fund = Fund(label="x", planned=wan(planned), spent=wan(spent), execution_rate=D(rate))
    assert by_rule(make_report(funds=(fund,)), "execution_rate_mismatch") == []


def test_execution_rate_two_decimals_held_to_its_precision() -> None:
    fund = Fund(label="x", planned=wan("2324.67"), spent=wan("2053.30"), execution_rate=D("0.8853"))
    assert [c.rule for c in by_rule(make_report(funds=(fund,)), "execution_rate_mismatch")] == [
        "execution_rate_mismatch"
    ]


def test_execution_rate_without_base_is_silent() -> None:
    fund = Fund(label="x", spent=wan("10"), budget=D(0), execution_rate=D("0.5"))
    assert by_rule(make_report(funds=(fund,)), "execution_rate_mismatch") == []


def test_fund_parts_exceed_and_fall_short() -> None:
    funds = (
        Fund(label="年度资金总额", source="total", planned=wan("100"), spent=wan("100")),
        Fund(label="中央财政", source="central", planned=wan("70"), spent=wan("30")),
        Fund(label="市财政", source="municipal", planned=wan("50"), spent=wan("60")),
    )
    found = run_checks(make_report(funds=funds), OPTIONS)
    parts = [c for c in found if c.rule.startswith("fund_parts")]
    assert parts == [
        Check(
            "fund_parts_exceed_total",
            "error",
            "计划安排资金: 各来源 (中央财政 + 市财政) 合计 1,200,000.00 元 ≠ 「年度资金总额」"
            "1,000,000.00 元 (差 200,000.00 元)",
            ("funds[0].planned", "funds[1].planned", "funds[2].planned"),
        ),
        Check(
            "fund_parts_mismatch",
            "warning",
            "实际支出: 各来源 (中央财政 + 市财政) 合计 900,000.00 元 ≠ 「年度资金总额」"
            "1,000,000.00 元 (差 100,000.00 元)",
            ("funds[0].spent", "funds[1].spent", "funds[2].spent"),
        ),
    ]


def test_national_form_parts() -> None:
    funds = (
        Fund(label="年度资金总额", source="total", budget=wan("918")),
        Fund(label="其中：当年财政拨款", source="appropriation", budget=wan("918")),
        Fund(label="上年结转资金", source="carryover", budget=wan("10")),
    )
    found = by_rule(make_report(funds=funds), "fund_parts_exceed_total")
    assert [c.fields for c in found] == [("funds[0].budget", "funds[1].budget", "funds[2].budget")]


@pytest.mark.parametrize(
    "parts",
    [
        # a part lacking the column: cannot tell
        (
            Fund(label="中央", source="central", spent=wan("10")),
            Fund(label="市", source="municipal"),
        ),
        # the same source twice
        (
            Fund(label="市财政", source="municipal", spent=wan("10")),
            Fund(label="市本级", source="municipal", spent=wan("10")),
        ),
        # families mixed
        (
            Fund(label="当年财政拨款", source="appropriation", spent=wan("10")),
            Fund(label="中央", source="central", spent=wan("10")),
        ),
        # a named row among the parts
        (Fund(label="中央", source="central", spent=wan("10")), Fund(label="项目甲", spent=D(1))),
    ],
)
def test_fund_parts_ambiguous_stay_silent(parts: tuple[Fund, ...]) -> None:
    funds = (Fund(label="合计", source="total", spent=wan("100")), *parts)
    assert not [c for c in run_checks(make_report(funds=funds), OPTIONS) if "parts" in c.rule]


def test_fund_parts_compared_per_table() -> None:
    a, b = Provenance(table=1), Provenance(table=2)
    funds = (
        Fund(label="合计", source="total", spent=wan("100"), provenance={"spent": a}),
        Fund(label="市财政", source="municipal", spent=wan("100"), provenance={"spent": a}),
        Fund(label="中央", source="central", spent=wan("5"), provenance={"spent": b}),
    )
    assert not [c for c in run_checks(make_report(funds=funds), OPTIONS) if "parts" in c.rule]


def test_low_execution_headline_and_named_rows() -> None:
    funds = (
        Fund(
            label="项目甲", planned=wan("563.45"), spent=wan("350.79"), execution_rate=D("0.6226")
        ),
        Fund(label="项目乙", planned=wan("100"), spent=wan("95"), execution_rate=D("0.95")),
        Fund(label="合计", source="total", planned=wan("663.45"), spent=wan("445.79")),
    )
    found = by_rule(make_report(funds=funds), "low_execution")
    assert found == [
        Check(
            "low_execution",
            "info",
            "「项目甲」执行率 62.26% 低于 90.00%",
            ("funds[0].execution_rate",),
        ),
        Check(
            "low_execution",
            "warning",
            "「合计」执行率 67.19% (按实际支出/预算计算) 低于 90.00%",
            ("funds[2].spent",),
        ),
    ]


def test_low_execution_threshold_is_an_option() -> None:
    fund = Fund(label="合计", source="total", execution_rate=D("0.95"))
    report = make_report(funds=(fund,))
    assert by_rule(report, "low_execution") == []
    strict = CheckOptions(current_year=2024, low_execution_threshold=D("0.98"))
    assert [c.severity for c in by_rule(report, "low_execution", strict)] == ["warning"]


def test_low_execution_skips_source_rows() -> None:
    funds = (
        Fund(label="合计", source="total", execution_rate=D("0.95")),
        Fund(label="中央", source="central", execution_rate=D("0.5")),
    )
    assert by_rule(make_report(funds=funds), "low_execution") == []


def test_spending_above_budget_is_flagged_and_within_budget_is_not() -> None:
    from jixiao.normalize.canonical import CanonicalReport, Fund, Report, Source
    from jixiao.normalize.checks import run_checks

    def rules(fund: Fund) -> list[str]:
        report = CanonicalReport(
            source=Source(file="x.docx", sha256="0" * 64, format="docx"),
            report=Report(),
            funds=(fund,),
        )
        return [c.message for c in run_checks(report) if c.rule == "spent_exceeds_budget"]

    over = Fund(label="其中：财政拨款", budget=Decimal("17000000"), spent=Decimal("17544000"))
    assert rules(over) == [
        "「其中：财政拨款」实际支出 17,544,000.00 元 > 全年预算数 17,000,000.00 元"
        " (超出 544,000.00 元，执行率 103.20%)"
    ]
    assert rules(Fund(label="合计", budget=Decimal("100"), spent=Decimal("100"))) == []
