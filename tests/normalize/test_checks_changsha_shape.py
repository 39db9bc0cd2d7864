"""run_checks on a report shaped like the 长沙 third-party evaluation (several projects,
a funds table with a 合计 row, expenditure tables per project continued over PDF pages
with 小计 rows, a ``2108年`` typo): only the real findings fire."""

from __future__ import annotations

from decimal import Decimal

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import CanonicalReport, Check, Expenditure, Fund, Report, Source
from jixiao.normalize.checks import CheckOptions, run_checks

D = Decimal
OPTIONS = CheckOptions(current_year=2024)


def wan(text: str) -> Decimal:
    return D(text) * 10000


def fund(label: str, planned: str, spent: str, balance: str, rate: str, **kw: object) -> Fund:
    return Fund(
        label=label,
        planned=wan(planned),
        spent=wan(spent),
        balance=wan(balance),
        execution_rate=D(rate),
        provenance={"planned": Provenance(table=0)},
        **kw,  # type: ignore[arg-type]
    )


FUNDS = (
    fund("政务云一期", "528.94", "528.94", "0.00", "1.0000"),
    fund("运维项目", "563.45", "350.79", "212.66", "0.6226"),
    fund("基层工作平台", "543.23", "543.23", "0.00", "1.0000"),
    fund("小微企业平台", "256.00", "217.00", "39.00", "0.8477"),
    fund("办公经费和考核奖励", "314.00", "294.29", "19.71", "0.9372"),
    fund("APP项目", "119.05", "119.05", "0.00", "1.0000"),
    fund("合计", "2324.67", "2053.30", "271.37", "0.8833", source="total"),
)


def row(
    table: int,
    amount: str | None,
    *,
    item: str = "服务",
    project: str | None = None,
    contract: str | None = None,
    is_total: bool = False,
    note: str | None = None,
) -> Expenditure:
    return Expenditure(
        item=item,
        amount=wan(amount) if amount is not None else None,
        contract_amount=wan(contract) if contract is not None else None,
        project=project,
        is_total=is_total,
        note=note,
        provenance={"item": Provenance(table=table, page=table)},
    )


EXPENDITURES = (
    # 运维 table, page 1: groups with 小计 rows that only total the contract column
    row(1, "26.05", project="协同办公", contract="52.10"),
    row(1, "23.82", project="协同办公", contract="2.20"),
    row(1, None, project="协同办公", contract="7.85"),
    row(1, None, item="小计", project="协同办公", contract="71.80", is_total=True),
    row(1, "14.20", project="安全运维", contract="0.00"),
    row(1, None, project="安全运维", contract="6.00"),
    row(1, None, item="小计", project="安全运维", contract="28.40", is_total=True),
    # page 2: the project cell is empty on the new page, 小计 rows carry no project
    row(2, "20.16", contract="5.00"),
    row(2, "20.16", item="小计", contract="26.88", is_total=True),
    row(2, "65.10", project="设施运维", contract="6.10"),
    row(2, "65.10", item="小计", project="设施运维", contract="130.20", is_total=True),
    row(2, "75.95", project="设施运维", contract="3.56"),
    row(2, "75.95", item="小计", project="设施运维", contract="75.95", is_total=True),
    row(2, "5.00", project="互联网接入", contract="5.00"),
    row(2, "0.84", project="互联网接入", contract="0.84"),
    row(2, "5.84", item="小计", project="互联网接入", contract="5.84", is_total=True),
    row(2, "15.05", project="专网运维", contract="30.10"),
    row(2, "15.05", project="专网运维", contract="30.10"),
    row(2, "30.10", item="小计", project="专网运维", contract="60.20", is_total=True),
    # page 3
    *(row(3, a) for a in ("10.80", "18.80", "28.20", "2.96", "26.57", "2.25")),
    row(3, "350.79", item="合计", contract="590.61", is_total=True),
    # 基层 table
    *(row(4, a) for a in ("130.65", "5.46", "85.70", "315.00", "3.50", "2.92")),
    row(4, "543.23", item="合计", contract="1489.83", is_total=True),
    # 小微 table, with the year typo in its note
    row(5, "217.00", contract="70.00", note="2017 年已支付 372.00 万元，2108 年支付 217 万元"),
    row(5, "217.00", item="合计", contract="620.00", is_total=True),
)


def changsha_shaped() -> CanonicalReport:
    return CanonicalReport(
        source=Source(file="cs.pdf", sha256="0" * 64, format="pdf"),
        report=Report(
            project_name="电子政务办专项资金",
            fiscal_year=2018,
            report_date="2018-08-10",
            total_score=D("77.48"),
            grade="中",
            grade_level="fair",
        ),
        funds=FUNDS,
        expenditures=EXPENDITURES,
    )


def test_only_the_real_findings() -> None:
    checks = run_checks(changsha_shaped(), OPTIONS)
    assert [(c.rule, c.severity, c.fields) for c in checks] == [
        ("low_execution", "info", ("funds[1].execution_rate",)),
        ("low_execution", "info", ("funds[3].execution_rate",)),
        ("low_execution", "warning", ("funds[6].execution_rate",)),
        ("implausible_date", "warning", ("expenditures[33].note",)),
        ("missing_core_fields", "info", ("indicators",)),
    ]
    assert checks[2] == Check(
        "low_execution",
        "warning",
        "「合计」执行率 88.33% 低于 90.00%",
        ("funds[6].execution_rate",),
    )


def test_a_wrong_payment_in_a_continued_table_is_found() -> None:
    rows = list(EXPENDITURES)
    rows[23] = row(3, "20.57")  # was 26.57: the 合计 350.79 no longer adds up
    report = CanonicalReport(
        source=Source(file="cs.pdf", sha256="0" * 64, format="pdf"),
        report=Report(),
        expenditures=tuple(rows),
    )
    found = [c for c in run_checks(report, OPTIONS) if c.rule == "expenditure_total_mismatch"]
    assert len(found) == 1
    assert found[0].fields[0] == "expenditures[25].amount"
    assert "≠ 「合计」3,507,900.00 元 (差 59,900.00 元)" in found[0].message


def test_a_total_row_of_one_table_is_not_compared_with_the_report_spent() -> None:
    """Regression (seed 003 PDF): several projects' contract tables, the last one with a
    合计 row of its own — that 合计 is one project's, not the report's 实际支出."""
    from dataclasses import replace as _replace

    from jixiao.extract.model import Provenance
    from jixiao.normalize.canonical import CanonicalReport, Expenditure, Fund, Report, Source
    from jixiao.normalize.checks import run_checks

    def row(table: int, amount: str, *, item: str = "服务", total: bool = False) -> Expenditure:
        return Expenditure(
            item=item,
            amount=Decimal(amount),
            is_total=total,
            provenance={"amount": Provenance(table=table, row=1, col=1)},
        )

    report = CanonicalReport(
        source=Source(file="x.pdf", sha256="0" * 64, format="pdf"),
        report=Report(),
        funds=(Fund(label="合计", source="total", spent=Decimal("20533000")),),
        expenditures=(
            row(3, "260500"),
            row(3, "238200"),
            row(7, "2170000"),
            row(7, "2170000", item="合计", total=True),
        ),
    )
    assert "expenditure_vs_spent" not in {c.rule for c in run_checks(report)}
    single_table = _replace(
        report,
        expenditures=tuple(
            _replace(e, provenance={"amount": Provenance(table=7)}) for e in report.expenditures[2:]
        ),
    )
    assert "expenditure_vs_spent" in {c.rule for c in run_checks(single_table)}
