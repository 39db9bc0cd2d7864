"""run_checks: funds and expenditure rules, options, grade-band loading, properties."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import (
    CanonicalReport,
    Check,
    Expenditure,
    Fund,
    Report,
    Source,
)
from jixiao.normalize.checks import (
    DEFAULT_BANDS,
    CheckOptions,
    GradeBand,
    load_grade_bands,
    run_checks,
)

D = Decimal
WAN = D("10000")
OPTIONS = CheckOptions(current_year=2024)


def make_report(
    *,
    funds: tuple[Fund, ...] = (),
    expenditures: tuple[Expenditure, ...] = (),
    checks: tuple[Check, ...] = (),
    **report_fields: object,
) -> CanonicalReport:
    return CanonicalReport(
        source=Source(file="r.docx", sha256="0" * 64, format="docx"),
        report=Report(**report_fields),  # type: ignore[arg-type]
        funds=funds,
        expenditures=expenditures,
        checks=checks,
    )


def wan(text: str) -> Decimal:
    return D(text) * WAN


def item(amount: Decimal | None, name: str = "项目支出", **kw: object) -> Expenditure:
    return Expenditure(item=name, amount=amount, **kw)  # type: ignore[arg-type]


def total(amount: Decimal | None, name: str = "合计", **kw: object) -> Expenditure:
    return Expenditure(item=name, amount=amount, is_total=True, **kw)  # type: ignore[arg-type]


def by_rule(report: CanonicalReport, rule: str, options: CheckOptions = OPTIONS) -> list[Check]:
    return [c for c in run_checks(report, options) if c.rule == rule]


# --- the seed-000 situation ------------------------------------------------------


def seed_000() -> CanonicalReport:
    """岳阳 form: two items (269.61万 + 359.48万), 支出合计 629.09万, but 实际支出 898.7万
    in the funds table (total row and 市财政 row)."""
    money = {k: wan("898.7") for k in ("planned", "received", "spent")}
    return make_report(
        project_name="一体化平台项目",
        funds=(
            Fund(label="计划安排资金", source="total", balance=D(0), **money),
            Fund(label="市财政", source="municipal", balance=D(0), **money),
        ),
        expenditures=(
            item(D("2696100"), note="2018年12月31日"),
            item(D("3594800"), note="2018年5月31日"),
            total(D("6290900"), "支出合计"),
        ),
    )


def test_seed_000_expenditure_total_differs_from_spent() -> None:
    found = by_rule(seed_000(), "expenditure_vs_spent")
    assert found == [
        Check(
            rule="expenditure_vs_spent",
            severity="error",
            message="支出明细合计 6,290,900.00 元 ≠ 实际支出 8,987,000.00 元 (差 2,696,100.00 元)",
            fields=("expenditures[2].amount", "funds[0].spent"),
        )
    ]


def test_seed_000_items_agree_with_their_total_row() -> None:
    checks = run_checks(seed_000(), OPTIONS)
    assert not [c for c in checks if c.rule == "expenditure_total_mismatch"]
    # the funds rows themselves are consistent: nothing else about money fires
    money_rules = {c.rule for c in checks} - {"expenditure_vs_spent", "missing_core_fields"}
    assert money_rules == set()


def test_existing_checks_are_not_repeated() -> None:
    base = seed_000()
    note = Check(rule="extraction_note", severity="info", message="表格跨页")
    with_note = make_report(
        funds=base.funds, expenditures=base.expenditures, checks=(note,), project_name="x"
    )
    result = run_checks(with_note, OPTIONS)
    assert note not in result
    assert result == run_checks(with_note, OPTIONS)  # deterministic
    assert [c.rule for c in result if c.rule == "expenditure_vs_spent"] == ["expenditure_vs_spent"]


# --- expenditure_total_mismatch -----------------------------------------------------


def test_items_not_adding_up_to_total_row() -> None:
    report = make_report(expenditures=(item(wan("100")), item(wan("50")), total(wan("160"))))
    assert by_rule(report, "expenditure_total_mismatch") == [
        Check(
            "expenditure_total_mismatch",
            "error",
            "支出明细 2 项合计 1,500,000.00 元 ≠ 「合计」1,600,000.00 元 (差 100,000.00 元)",
            ("expenditures[2].amount", "expenditures[0].amount", "expenditures[1].amount"),
        )
    ]


def test_rounding_of_wan_amounts_is_tolerated() -> None:
    # 16 items printed to 0.01 万元 add up to 350.80 while the printed total is 350.79
    items = [item(wan("21.90")) for _ in range(15)] + [item(wan("22.30"))]
    report = make_report(expenditures=(*items, total(wan("350.79"))))
    assert by_rule(report, "expenditure_total_mismatch") == []


def test_yuan_exact_amounts_are_held_to_one_yuan() -> None:
    report = make_report(expenditures=(item(D("1234.56")), item(D("10.01")), total(D("1249.57"))))
    assert [c.rule for c in by_rule(report, "expenditure_total_mismatch")] == [
        "expenditure_total_mismatch"
    ]
    ok = make_report(expenditures=(item(D("1234.56")), item(D("10.01")), total(D("1245.07"))))
    assert by_rule(ok, "expenditure_total_mismatch") == []


def test_group_subtotals_and_grand_total() -> None:
    rows = (
        item(wan("10"), project="A"),
        item(wan("5"), project="A"),
        total(wan("15"), "小计", project="A"),
        item(wan("7"), project="B"),
        total(wan("8"), "小计", project="B"),  # wrong
        total(wan("22"), "合计"),
    )
    found = by_rule(make_report(expenditures=rows), "expenditure_total_mismatch")
    assert [c.fields[0] for c in found] == ["expenditures[4].amount"]
    assert "70,000.00 元 ≠ 「小计」80,000.00 元" in found[0].message


def test_grand_total_built_from_subtotals_without_projects() -> None:
    # subtotal rows carry no project: the 合计 equals the subtotals, not the tail
    rows = (
        item(wan("10")),
        total(wan("10"), "小计"),
        item(wan("3")),
        item(wan("4")),
        total(wan("7"), "小计"),
        total(wan("17"), "合计"),
    )
    assert by_rule(make_report(expenditures=rows), "expenditure_total_mismatch") == []


def test_separate_tables_each_with_a_total() -> None:
    t1, t2 = Provenance(table=3), Provenance(table=4)
    rows = (
        item(wan("1"), provenance={"amount": t1}),
        total(wan("1"), provenance={"amount": t1}),
        item(wan("2"), provenance={"amount": t2}),
        item(wan("3"), provenance={"amount": t2}),
        total(wan("5"), provenance={"amount": t2}),
    )
    report = make_report(expenditures=rows)
    assert by_rule(report, "expenditure_total_mismatch") == []
    # two tables' totals: the expenditure total cannot be bound, so nothing vs spent
    funded = make_report(expenditures=rows, funds=(Fund(label="合计", source="total", spent=D(1)),))
    assert by_rule(funded, "expenditure_vs_spent") == []


def test_total_row_without_items_is_silent() -> None:
    report = make_report(expenditures=(total(wan("10")),))
    assert by_rule(report, "expenditure_total_mismatch") == []


# --- expenditure_vs_spent -------------------------------------------------------------


def test_items_without_total_row_compared_as_warning() -> None:
    report = make_report(
        funds=(Fund(label="年度资金总额", spent=wan("100")),),
        expenditures=(item(wan("60")), item(wan("30"))),
    )
    assert by_rule(report, "expenditure_vs_spent") == [
        Check(
            "expenditure_vs_spent",
            "warning",
            "支出明细逐项合计 900,000.00 元 ≠ 实际支出 1,000,000.00 元 (差 100,000.00 元)",
            ("expenditures[0].amount", "expenditures[1].amount", "funds[0].spent"),
        )
    ]


def test_spent_as_sum_of_disjoint_sources() -> None:
    report = make_report(
        funds=(
            Fund(label="中央", source="central", spent=wan("40")),
            Fund(label="市财政", source="municipal", spent=wan("60")),
        ),
        expenditures=(total(wan("90"), "支出合计"),),
    )
    found = by_rule(report, "expenditure_vs_spent")
    assert [c.message for c in found] == [
        "支出明细合计 900,000.00 元 ≠ 各来源实际支出之和 1,000,000.00 元 (差 100,000.00 元)"
    ]


@pytest.mark.parametrize(
    "funds",
    [
        # two total rows: which one?
        (
            Fund(label="2019", source="total", spent=wan("100")),
            Fund(label="2020", source="total", spent=wan("50")),
        ),
        # named rows, no total row: not known to be disjoint
        (Fund(label="项目甲", spent=wan("40")), Fund(label="项目乙", spent=wan("60"))),
        # overlapping families (当年财政拨款 includes 市财政)
        (
            Fund(label="当年财政拨款", source="appropriation", spent=wan("40")),
            Fund(label="市财政", source="municipal", spent=wan("40")),
        ),
    ],
)
def test_spent_not_bound_stays_silent(funds: tuple[Fund, ...]) -> None:
    report = make_report(funds=funds, expenditures=(total(wan("1"), "支出合计"),))
    assert by_rule(report, "expenditure_vs_spent") == []


def test_expenditure_vs_spent_within_rounding() -> None:
    report = make_report(
        funds=(Fund(label="合计", source="total", spent=wan("898.70")),),
        expenditures=(total(wan("898.70")),),
    )
    assert by_rule(report, "expenditure_vs_spent") == []


# --- grade bands ------------------------------------------------------------------------


def test_packaged_bands_equal_defaults() -> None:
    assert load_grade_bands() == DEFAULT_BANDS


def test_custom_bands_file(tmp_path: Path) -> None:
    path = tmp_path / "bands.yaml"
    path.write_text(
        "bands:\n  - {level: poor, min_score: 0}\n  - {level: excellent, min_score: 85,"
        " labels: [优]}\n",
        encoding="utf-8",
    )
    assert load_grade_bands(path) == (
        GradeBand("excellent", D("85"), ("优",)),
        GradeBand("poor", D("0"), ()),
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("bands: []\n", "non-empty list"),
        ("bands:\n  - {min_score: 1}\n", "'level'"),
        ("bands:\n  - {level: a, min_score: x}\n", "numeric 'min_score'"),
        ("bands:\n  - {level: a, min_score: 1}\n  - {level: a, min_score: 2}\n", "twice"),
    ],
)
def test_malformed_bands_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bands.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_grade_bands(path)


# --- property: consistent reports raise none of the arithmetic rules ---------------------

ARITHMETIC_RULES = {
    "expenditure_total_mismatch",
    "expenditure_vs_spent",
    "spent_exceeds_received",
    "balance_mismatch",
    "execution_rate_mismatch",
    "fund_parts_exceed_total",
    "fund_parts_mismatch",
}
# amounts as printed in reports: 万元 with two decimals, or yuan with fen
wan_amounts = st.integers(min_value=1, max_value=10**7).map(lambda n: D(n) * 100)
yuan_amounts = st.integers(min_value=1, max_value=10**9).map(lambda n: D(n) / 100)


@st.composite
def consistent_reports(draw: st.DrawFn) -> CanonicalReport:
    amounts = draw(st.sampled_from([wan_amounts, yuan_amounts]))
    items = draw(st.lists(amounts, min_size=1, max_size=12))
    spent = sum(items, D(0))
    received = spent + draw(amounts)
    budget = received + draw(st.sampled_from([D(0)]) | amounts)
    digits = draw(st.integers(min_value=2, max_value=6))
    rate = round(spent / budget, digits)
    split = draw(st.integers(min_value=0, max_value=len(items)))
    central = sum(items[:split], D(0))
    total_row = Fund(
        label="合计",
        source="total",
        budget=budget,
        received=received,
        spent=spent,
        balance=received - spent,
        execution_rate=rate,
    )
    parts = (
        Fund(label="中央", source="central", spent=central),
        Fund(label="市", source="municipal", spent=spent - central),
    )
    return make_report(
        funds=(total_row, *parts),
        expenditures=(*(item(a) for a in items), total(spent, "支出合计")),
    )


@settings(max_examples=200, deadline=None)
@given(consistent_reports())
def test_consistent_reports_raise_no_arithmetic_rule(report: CanonicalReport) -> None:
    fired = {c.rule for c in run_checks(report, OPTIONS)}
    assert fired & ARITHMETIC_RULES == set()


def test_earlier_table_without_total_is_not_summed_into_the_next() -> None:
    a, b = Provenance(table=1), Provenance(table=2)
    rows = (
        item(wan("9"), provenance={"amount": a}),  # a table with no 合计 row
        item(wan("2"), provenance={"amount": b}),
        item(wan("3"), provenance={"amount": b}),
        total(wan("5"), provenance={"amount": b}),
    )
    assert by_rule(make_report(expenditures=rows), "expenditure_total_mismatch") == []
    wrong = (*rows[:3], total(wan("6"), provenance={"amount": b}))
    (found,) = by_rule(make_report(expenditures=wrong), "expenditure_total_mismatch")
    assert found.message.startswith("支出明细 3 项合计 140,000.00 元 ≠ 「合计」60,000.00 元")
