"""run_checks: indicator rules (scores, weights, missed targets)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.normalize.canonical import CanonicalReport, Check, Fund, Indicator, Report, Source
from jixiao.normalize.checks import CheckOptions, run_checks

D = Decimal
OPTIONS = CheckOptions(current_year=2024)


def make_report(
    *indicators: Indicator, funds: tuple[Fund, ...] = (), **report_fields: object
) -> CanonicalReport:
    return CanonicalReport(
        source=Source(file="r.docx", sha256="0" * 64, format="docx"),
        report=Report(**report_fields),  # type: ignore[arg-type]
        funds=funds,
        indicators=indicators,
    )


def ind(name: str, weight: str | None = None, score: str | None = None, **kw: object) -> Indicator:
    return Indicator(
        name=name,
        weight=D(weight) if weight is not None else None,
        score=D(score) if score is not None else None,
        **kw,  # type: ignore[arg-type]
    )


def by_rule(report: CanonicalReport, rule: str) -> list[Check]:
    return [c for c in run_checks(report, OPTIONS) if c.rule == rule]


def national_fund(weight: str = "10", score: str = "10") -> tuple[Fund, ...]:
    """The 自评表 funds block: the 得分 repeats on 年度资金总额 and 当年财政拨款."""
    return (
        Fund(label="年度资金总额", source="total", weight=D(weight), score=D(score)),
        Fund(label="其中：当年财政拨款", source="appropriation", weight=D(weight), score=D(score)),
    )


# --- score vs weight --------------------------------------------------------------------


def test_score_above_weight() -> None:
    report = make_report(ind("工期", "10", "12"), ind("质量", "5", "5.00"))
    assert by_rule(report, "indicator_score_exceeds_weight") == [
        Check(
            "indicator_score_exceeds_weight",
            "error",
            "指标「工期」得分 12 > 分值 10",
            ("indicators[0].score", "indicators[0].weight"),
        )
    ]


def test_score_within_tolerance_of_weight() -> None:
    assert by_rule(make_report(ind("a", "10", "10.01")), "indicator_score_exceeds_weight") == []


def test_fund_score_above_weight() -> None:
    report = make_report(funds=(Fund(label="年度资金总额", weight=D(10), score=D(11)),))
    assert [c.message for c in by_rule(report, "fund_score_exceeds_weight")] == [
        "「年度资金总额」得分 11 > 分值 10"
    ]


# --- scores vs total, weights vs max ------------------------------------------------------


def test_scores_vs_total_counts_fund_once() -> None:
    # 90 weights + fund 10 = 100; scores 80 + fund 10 = 90, report says 95
    report = make_report(
        ind("a", "50", "45"),
        ind("b", "40", "35"),
        funds=national_fund(),
        total_score=D("95"),
        max_score=D("100"),
    )
    assert by_rule(report, "indicator_scores_vs_total") == [
        Check(
            "indicator_scores_vs_total",
            "error",
            "指标得分合计 80 + 资金得分 10 = 90 ≠ 总分 95 (差 5)",
            ("report.total_score", "indicators[0].score", "indicators[1].score", "funds[0].score"),
        )
    ]
    assert by_rule(report, "indicator_weights_vs_max") == []
    consistent = make_report(
        ind("a", "50", "45"),
        ind("b", "40", "35"),
        funds=national_fund(),
        total_score=D("90"),
        max_score=D("100"),
    )
    assert by_rule(consistent, "indicator_scores_vs_total") == []


def test_seed_002_shape_indicator_weights_make_the_full_mark() -> None:
    # weights alone are 100: the fund's 10 points are not in the total (92)
    weights = ["5", "5", "5", "5", "10", "10", "10", "5", "5", "10", "10", "10", "10"]
    scores = ["5", "5", "5", "5", "8", "10", "8", "5", "4", "8", "9", "10", "10"]
    indicators = [ind(f"i{n}", w, s) for n, (w, s) in enumerate(zip(weights, scores, strict=True))]
    report = make_report(
        *indicators, funds=national_fund(), total_score=D("92"), max_score=D("100")
    )
    checks = run_checks(report, OPTIONS)
    assert not [c for c in checks if c.rule.startswith("indicator_")]


def test_weights_vs_max() -> None:
    report = make_report(ind("a", "50", "45"), ind("b", "30", "30"), max_score=D("100"))
    assert by_rule(report, "indicator_weights_vs_max") == [
        Check(
            "indicator_weights_vs_max",
            "warning",
            "指标分值合计 80 ≠ 满分 100 (差 20)",
            ("report.max_score", "indicators[0].weight", "indicators[1].weight"),
        )
    ]
    # the weight check already explains it: the score sum is not also reported
    with_total = make_report(
        ind("a", "50", "45"), ind("b", "30", "30"), max_score=D("100"), total_score=D("92")
    )
    assert by_rule(with_total, "indicator_scores_vs_total") == []


def test_scores_vs_total_without_weights_accepts_either_reading() -> None:
    report = make_report(ind("a", score="45"), ind("b", score="35"), funds=national_fund(),
                         total_score=D("90"))  # fmt: skip
    assert by_rule(report, "indicator_scores_vs_total") == []
    report = make_report(ind("a", score="45"), ind("b", score="35"), funds=national_fund(),
                         total_score=D("80"))  # fmt: skip
    assert by_rule(report, "indicator_scores_vs_total") == []
    report = make_report(ind("a", score="45"), ind("b", score="35"), funds=national_fund(),
                         total_score=D("85"))  # fmt: skip
    assert [c.severity for c in by_rule(report, "indicator_scores_vs_total")] == ["error"]


def test_scores_vs_total_silent_when_a_score_is_missing() -> None:
    report = make_report(ind("a", "50", "45"), ind("b", "50"), total_score=D("60"))
    assert by_rule(report, "indicator_scores_vs_total") == []
    assert by_rule(report, "indicator_missing_score") == [
        Check(
            "indicator_missing_score",
            "info",
            "1 项指标有得分，「b」没有得分",
            ("indicators[1].score",),
        )
    ]


def test_scores_vs_total_silent_when_fund_row_ambiguous() -> None:
    funds = (
        Fund(label="资金甲", weight=D(5), score=D(5)),
        Fund(label="资金乙", weight=D(5), score=D(3)),
    )
    report = make_report(ind("a", score="45"), funds=funds, total_score=D("99"))
    assert by_rule(report, "indicator_scores_vs_total") == []


def test_decimal_scores_allow_their_rounding() -> None:
    scores = ["3.33"] * 3  # 9.99 printed, total 10.00 computed from 3.333…
    report = make_report(*(ind(f"i{n}", score=s) for n, s in enumerate(scores)),
                         total_score=D("10.00"))  # fmt: skip
    assert by_rule(report, "indicator_scores_vs_total") == []


def test_no_missing_score_check_when_none_scored() -> None:
    report = make_report(ind("a", target="100%"), ind("b"))
    assert by_rule(report, "indicator_missing_score") == []


# --- missed targets -------------------------------------------------------------------------


def test_missed_target_full_marks_no_reason() -> None:
    report = make_report(
        ind(
            "满意度",
            "10",
            "10",
            target="≥95%",
            actual="90%",
            target_value=D("95"),
            actual_value=D("90"),
            unit="%",
            comparator=">=",
        )
    )
    found = [c for c in run_checks(report, OPTIONS) if "target" in c.rule]
    assert found == [
        Check(
            "indicator_missed_target",
            "warning",
            "指标「满意度」未达目标: 实际 90%，目标 ≥95% (90 vs >= 95)",
            ("indicators[0].actual_value", "indicators[0].target_value"),
        ),
        Check(
            "missed_target_full_marks",
            "error",
            "指标「满意度」未达目标却得满分 10/10: 实际 90%，目标 ≥95%",
            ("indicators[0].score", "indicators[0].weight", "indicators[0].actual_value"),
        ),
        Check(
            "missed_target_no_reason",
            "warning",
            "指标「满意度」未达目标，指标表未填写偏差原因: 实际 90%，目标 ≥95%",
            ("indicators[0].deviation_reason", "indicators[0].actual_value"),
        ),
    ]


def test_missed_target_with_reason_and_partial_score() -> None:
    report = make_report(
        ind(
            "响应时间",
            "10",
            "8",
            target="≤2小时",
            actual="3小时",
            target_value=D(2),
            actual_value=D(3),
            comparator="<=",
            deviation_reason="人手不足",
        )
    )
    assert [c.rule for c in run_checks(report, OPTIONS) if "target" in c.rule] == [
        "indicator_missed_target"
    ]


@pytest.mark.parametrize(
    ("target", "actual", "tv", "av", "comparator"),
    [
        ("≥800个", "930个", "800", "930", ">="),  # met
        ("≤2小时", "1小时", "2", "1", "<="),  # met
        ("≤2小时", "30分钟", "2", "30", "<="),  # other unit
        ("≥1万人", "9000人", "10000", "9000", ">="),  # 万人 vs 人: not bound
        ("2020年12月前完成≥3个", "2个", "3", "2", ">="),  # several numbers in the target
    ],
)
def test_not_a_missed_target(
    target: str, actual: str, tv: str, av: str, comparator: str | None
) -> None:
    assert _target_rules(target, actual, tv, av, comparator) == []


def _target_rules(
    target: str, actual: str, tv: str, av: str, comparator: str | None, **extra: str
) -> list[str]:
    """The target rules that fire on a full-marks (10 of 10) indicator row."""
    report = make_report(
        ind(
            "x",
            "10",
            "10",
            target=target,
            actual=actual,
            target_value=D(tv),
            actual_value=D(av),
            comparator=comparator,
            **extra,
        )
    )
    return [c.rule for c in run_checks(report, OPTIONS) if "target" in c.rule]


@pytest.mark.parametrize(
    ("target", "actual", "tv", "av", "comparator", "expected"),
    [
        # no comparator: at least (the default), and full marks for a miss is an error
        (
            "800个",
            "700个",
            "800",
            "700",
            None,
            ["indicator_missed_target", "missed_target_full_marks"],
        ),
        # '=' and unequal: the default direction, but '=' with full marks is no proof
        ("=12个月", "10个月", "12", "10", "=", ["indicator_missed_target"]),
    ],
)
def test_default_direction_is_at_least(
    target: str, actual: str, tv: str, av: str, comparator: str | None, expected: list[str]
) -> None:
    rules = _target_rules(target, actual, tv, av, comparator, deviation_reason="原因")
    assert rules == expected


def test_money_target_units_match() -> None:
    report = make_report(
        ind(
            "节省财政资金",
            target="不少于200万元",
            actual="150万",
            target_value=D("2000000"),
            actual_value=D("1500000"),
            comparator=">=",
            deviation_reason="采购价格上涨",
        )
    )
    assert [c.rule for c in run_checks(report, OPTIONS) if "target" in c.rule] == [
        "indicator_missed_target"
    ]


def test_qualifier_after_unit_is_not_a_unit() -> None:
    report = make_report(
        ind(
            "上线单位",
            target="800个以上",
            actual="700个",
            target_value=D(800),
            actual_value=D(700),
            comparator=">=",
            deviation_reason="部分单位未接入",
        )
    )
    assert [c.rule for c in run_checks(report, OPTIONS) if "target" in c.rule] == [
        "indicator_missed_target"
    ]


def test_fund_scored_without_weight_leaves_the_weights_unknown() -> None:
    # the fund's 分值 was not read: 80 indicator points may be right (fund weight 20)
    funds = (Fund(label="年度资金总额", source="total", score=D("19.49")),)
    report = make_report(
        ind("a", "50", "45"),
        ind("b", "30", "32"),
        funds=funds,
        total_score=D("96.49"),
        max_score=D("100"),
    )
    checks = run_checks(report, OPTIONS)
    assert [c.rule for c in checks if c.rule.startswith("indicator_")] == [
        "indicator_score_exceeds_weight"
    ]
    wrong = make_report(
        ind("a", "50", "45"), ind("b", "30", "30"), funds=funds, total_score=D("90")
    )
    (found,) = by_rule(wrong, "indicator_scores_vs_total")
    assert found.message == "指标得分合计 75 + 资金得分 19.49 = 94.49 ≠ 总分 90 (差 4.49)"


def test_target_without_comparator_is_read_as_at_least_for_percentages() -> None:
    from jixiao.normalize.canonical import CanonicalReport, Indicator, Report, Source
    from jixiao.normalize.checks import run_checks

    def report(*indicators: Indicator) -> CanonicalReport:
        return CanonicalReport(
            source=Source(file="x.docx", sha256="0" * 64, format="docx"),
            report=Report(),
            indicators=indicators,
        )

    percent = Indicator(
        name="工程按期完工率",
        target="100%",
        actual="92%",
        target_value=Decimal(100),
        actual_value=Decimal(92),
        unit="%",
        weight=Decimal(10),
        score=Decimal(8),
        deviation_reason="受汛期影响",
    )
    checks = [c for c in run_checks(report(percent)) if c.rule == "indicator_missed_target"]
    assert [c.message for c in checks] == [
        "指标「工程按期完工率」未达目标: 实际 92%，目标 100% (92 vs >= 100，未注明比较符，按 ≥ 理解)"
    ]
    months = Indicator(
        name="工期",
        target="12个月",
        actual="14个月",
        target_value=Decimal(12),
        actual_value=Decimal(14),
        unit="月",
        weight=Decimal(10),
        score=Decimal(10),
    )
    assert not [c for c in run_checks(report(months)) if c.rule.startswith("indicator_missed")]
