"""run_checks: report-level rules (grade vs score, dates, missing core fields)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.normalize.canonical import (
    CanonicalReport,
    Check,
    Expenditure,
    Fund,
    Indicator,
    Report,
    Source,
)
from jixiao.normalize.checks import CheckOptions, GradeBand, run_checks

D = Decimal
OPTIONS = CheckOptions(current_year=2024)
COMPLETE = {"project_name": "平台项目", "fiscal_year": 2019, "total_score": D(92), "grade": "优"}


def make_report(
    *,
    funds: tuple[Fund, ...] = (Fund(label="合计", source="total"),),
    expenditures: tuple[Expenditure, ...] = (),
    indicators: tuple[Indicator, ...] = (Indicator(name="工期"),),
    **report_fields: object,
) -> CanonicalReport:
    fields = {**COMPLETE, **report_fields}
    return CanonicalReport(
        source=Source(file="r.pdf", sha256="0" * 64, format="pdf"),
        report=Report(**fields),  # type: ignore[arg-type]
        funds=funds,
        expenditures=expenditures,
        indicators=indicators,
    )


def by_rule(report: CanonicalReport, rule: str, options: CheckOptions = OPTIONS) -> list[Check]:
    return [c for c in run_checks(report, options) if c.rule == rule]


# --- grade_score_mismatch ------------------------------------------------------------------


def test_grade_inconsistent_with_score() -> None:
    report = make_report(total_score=D("77.48"), grade="良", grade_level="good")
    assert by_rule(report, "grade_score_mismatch") == [
        Check(
            "grade_score_mismatch",
            "warning",
            "评价等次「良」与总分 77.48 不符: 按等级标准应为「中」(fair, ≥60 分)",
            ("report.grade", "report.total_score"),
        )
    ]


@pytest.mark.parametrize(
    ("score", "grade", "level"),
    [
        ("100", "优秀", "excellent"),
        ("77.48", "中", "fair"),
        ("99.98", "优", None),  # level derived from the grade word
        ("89.995", "优", "excellent"),  # within tolerance of the band edge
        ("59", "不合格", "poor"),
    ],
)
def test_grade_consistent(score: str, grade: str, level: str | None) -> None:
    report = make_report(total_score=D(score), grade=grade, grade_level=level)
    assert by_rule(report, "grade_score_mismatch") == []


def test_grade_word_alone_is_checked() -> None:
    report = make_report(total_score=D("85"), grade="“优秀”", grade_level=None)
    assert [c.rule for c in by_rule(report, "grade_score_mismatch")] == ["grade_score_mismatch"]


def test_grade_scaled_to_hundred() -> None:
    report = make_report(
        total_score=D("45"), max_score=D("50"), grade="优", grade_level="excellent"
    )
    assert by_rule(report, "grade_score_mismatch") == []
    low = make_report(total_score=D("35"), max_score=D("50"), grade="优", grade_level="excellent")
    (found,) = by_rule(low, "grade_score_mismatch")
    assert "总分 35 (折合百分制 70) 不符" in found.message


@pytest.mark.parametrize(
    "fields",
    [
        {"total_score": D("150"), "grade": "优"},  # scale unknown
        {"grade": "特优", "grade_level": None},  # grade word not in any band
        {"grade": None, "grade_level": None},
        {"total_score": None},
    ],
)
def test_grade_not_bound_stays_silent(fields: dict[str, object]) -> None:
    assert by_rule(make_report(**fields), "grade_score_mismatch") == []


def test_grade_bands_are_configurable() -> None:
    bands = (GradeBand("excellent", D(85), ("优",)), GradeBand("good", D(0), ("良",)))
    options = CheckOptions(current_year=2024, grade_bands=bands)
    report = make_report(total_score=D("87"), grade="优", grade_level="excellent")
    assert by_rule(report, "grade_score_mismatch", options) == []
    assert len(by_rule(report, "grade_score_mismatch")) == 1


# --- implausible_date -------------------------------------------------------------------------


def test_year_typo_in_expenditure_note() -> None:
    note = "2017 年已支付 372.00 万元，2108 年支付 217 万元，余款 31.00 万元未付。"
    report = make_report(expenditures=(Expenditure(item="平台", note=note),))
    assert by_rule(report, "implausible_date") == [
        Check(
            "implausible_date",
            "warning",
            "支出明细中的年份 2108年 不合理 (应在 1990–2025 年之间): …付 372.00 万元，2108 年支付 217 万元，余款…",
            ("expenditures[0].note",),
        )
    ]


def test_plausible_years_in_text_are_silent() -> None:
    note = "2018年12月31日支付；合同编号 12345年度框架；共 1253 万条"
    report = make_report(expenditures=(Expenditure(item="运维", note=note),))
    assert by_rule(report, "implausible_date") == []


def test_report_date_fields() -> None:
    report = make_report(
        report_date="2019-02-30",
        period_start="2019-07",
        period_end="2018-01",
        fiscal_year=2019,
    )
    assert [c.message for c in by_rule(report, "implausible_date")] == [
        "报告日期 2019-02-30 不合理 (应在 1990–2025 年之间)",
        "项目完成时间 2018-01 早于开始时间 2019-07",
    ]


def test_fiscal_year_after_report_date() -> None:
    report = make_report(report_date="2019-01-24", fiscal_year=2020)
    assert by_rule(report, "implausible_date") == [
        Check(
            "implausible_date",
            "warning",
            "评价年度 2020 晚于报告日期 2019-01-24",
            ("report.fiscal_year", "report.report_date"),
        )
    ]


def test_far_future_and_past_years() -> None:
    report = make_report(
        fiscal_year=1985,
        period_start="2030-01-01",
        funds=(Fund(label="合计", source="total", year=2108),),
    )
    assert [c.fields for c in by_rule(report, "implausible_date")] == [
        ("report.period_start",),
        ("report.fiscal_year",),
        ("funds[0].year",),
    ]


def test_consistent_dates_are_silent() -> None:
    report = make_report(
        report_date="2019-01-24",
        period_start="2018-01",
        period_end="2019-07",
        fiscal_year=2018,
    )
    assert by_rule(report, "implausible_date") == []


def test_same_month_with_and_without_day_is_not_reversed() -> None:
    report = make_report(period_start="2018-01-15", period_end="2018-01")
    assert by_rule(report, "implausible_date") == []


# --- missing_core_fields ----------------------------------------------------------------------


def test_missing_core_fields() -> None:
    report = make_report(project_name=None, total_score=None, funds=(), indicators=())
    assert by_rule(report, "missing_core_fields") == [
        Check(
            "missing_core_fields",
            "info",
            "未找到 (文档未填写或版式未识别): 项目名称 (report.project_name)、总分 (report.total_score)、"
            "资金情况 (funds)、绩效指标 (indicators)",
            ("report.project_name", "report.total_score", "funds", "indicators"),
        )
    ]


def test_complete_report_has_no_missing_core_fields() -> None:
    assert by_rule(make_report(), "missing_core_fields") == []


def test_project_period_against_report_date_and_fiscal_year() -> None:
    from jixiao.normalize.canonical import CanonicalReport, Report, Source
    from jixiao.normalize.checks import run_checks

    def rules(**fields: object) -> dict[str, str]:
        report = CanonicalReport(
            source=Source(file="x.docx", sha256="0" * 64, format="docx"),
            report=Report(**fields),  # type: ignore[arg-type]
        )
        return {c.rule: c.message for c in run_checks(report)}

    early = rules(report_date="2019-01-24", period_start="2018-01", period_end="2019-07")
    assert early["period_ends_after_report"] == (
        "项目完成时间 2019-07 晚于报告日期 2019-01-24: 评价时项目尚未完成?"
    )
    old = rules(fiscal_year=2018, period_start="2010-04", period_end="2013-08")
    assert old["period_before_fiscal_year"].startswith(
        "项目起止时间 2010-04–2013-08 早于评价年度 2018"
    )
    fine = rules(
        fiscal_year=2020, report_date="2021-03", period_start="2020-01-01", period_end="2020-12-31"
    )
    assert "period_ends_after_report" not in fine and "period_before_fiscal_year" not in fine
