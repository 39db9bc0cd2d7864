"""Checks on the performance indicators: scores against weights and the total, and
targets the actual values missed.

Whether the funds row's 分值/得分 (national 自评表: 预算执行率 10 分) is part of the
total depends on the template. The weights tell: if the indicator weights alone make
the full mark, the fund score is not in the total; if they need the fund weight, it
is. When the weights cannot tell, either reading is accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.normalize.canonical import CanonicalReport, Check, Fund, Indicator
from jixiao.normalize.check_rules.common import (
    ZERO,
    close,
    field_path,
    make_check,
    number,
    score_tolerance,
)
from jixiao.normalize.check_rules.funds import headline_fund
from jixiao.normalize.check_rules.options import CheckOptions
from jixiao.normalize.target_status import effective_comparator, target_status

_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


@dataclass(frozen=True)
class _FundPart:
    """The funds row's share of the scoring (counted once: the headline row)."""

    weight: Decimal | None
    score: Decimal | None
    fields: tuple[str, ...]


def check_indicators(report: CanonicalReport, options: CheckOptions) -> Iterator[Check]:
    indicators = report.indicators
    for i, indicator in enumerate(indicators):
        yield from _score_vs_weight(i, indicator, options)
    fund = _fund_part(report.funds)
    yield from _weights_vs_max(report, fund, options)
    yield from _scores_vs_total(report, fund, options)
    yield from _missing_scores(indicators)
    for i, indicator in enumerate(indicators):
        yield from _missed_target(i, indicator, options)


def _scored(indicators: tuple[Indicator, ...]) -> list[tuple[int, Indicator]]:
    """The indicators that take part in the scoring: a row with neither a weight nor a
    score (a qualitative row the form does not score) is left out of the sums."""
    return [
        (i, ind)
        for i, ind in enumerate(indicators)
        if ind.weight is not None or ind.score is not None
    ]


def _name(indicator: Indicator) -> str:
    return indicator.name


def _score_vs_weight(i: int, indicator: Indicator, options: CheckOptions) -> Iterator[Check]:
    score, weight = indicator.score, indicator.weight
    if score is None or weight is None or score - weight <= options.score_tolerance:
        return
    yield make_check(
        "indicator_score_exceeds_weight",
        "error",
        f"指标「{_name(indicator)}」得分 {number(score)} > 分值 {number(weight)}",
        field_path("indicators", i, "score"),
        field_path("indicators", i, "weight"),
    )


def _fund_part(funds: tuple[Fund, ...]) -> _FundPart | None:
    """The fund weight/score, ``_FundPart(None, None)`` when no row scores, ``None``
    when rows score but the one that counts cannot be told."""
    scored = [i for i, f in enumerate(funds) if f.weight is not None or f.score is not None]
    if not scored:
        return _FundPart(None, None, ())
    head = headline_fund(funds)
    if head is None or head not in scored:
        return None
    row = funds[head]
    return _FundPart(
        row.weight,
        row.score,
        (field_path("funds", head, "weight"), field_path("funds", head, "score")),
    )


def _weight_readings(report: CanonicalReport, fund: _FundPart) -> list[tuple[bool, Decimal]] | None:
    """(fund counted?, weight sum) for each reading; ``None`` if a weight is missing."""
    weights = [ind.weight for _, ind in _scored(report.indicators)]
    if not weights or any(w is None for w in weights):
        return None
    if fund.score is not None and fund.weight is None:
        return None  # the fund row scores but its weight was not read: unknown
    total = sum((w for w in weights if w is not None), ZERO)
    readings = [(False, total)]
    if fund.weight is not None:
        readings.append((True, total + fund.weight))
    return readings


def _weights_vs_max(
    report: CanonicalReport, fund: _FundPart | None, options: CheckOptions
) -> Iterator[Check]:
    max_score = report.report.max_score
    if max_score is None or fund is None:
        return
    readings = _weight_readings(report, fund)
    if readings is None:
        return
    weights = [ind.weight for ind in report.indicators if ind.weight is not None]
    tolerance = score_tolerance([max_score, *weights], options)
    if any(close(total, max_score, tolerance) for _, total in readings):
        return
    scored = [i for i, _ in _scored(report.indicators)]
    counted, total = readings[-1]
    with_fund = f" (含资金分值 {number(fund.weight)})" if counted and fund.weight else ""
    yield make_check(
        "indicator_weights_vs_max",
        "warning",
        f"指标分值合计 {number(total)}{with_fund} ≠ 满分 {number(max_score)}"
        f" (差 {number(abs(total - max_score))})",
        "report.max_score",
        *(field_path("indicators", i, "weight") for i in scored),
        *(fund.fields if counted else ()),
    )


def _allowed_readings(
    report: CanonicalReport, fund: _FundPart, options: CheckOptions
) -> list[bool] | None:
    """Which readings (fund counted or not) the weights allow; ``None``: none fits,
    the weight check has said so and the score sum proves nothing more."""
    candidates = [False] if fund.score is None else [False, True]
    max_score = report.report.max_score
    readings = _weight_readings(report, fund)
    if max_score is None or readings is None:
        return candidates
    weights = [ind.weight for ind in report.indicators if ind.weight is not None]
    tolerance = score_tolerance([max_score, *weights], options)
    fitting = [
        counted
        for counted, total in readings
        if close(total, max_score, tolerance) and counted in candidates
    ]
    return fitting or None


def _scores_vs_total(
    report: CanonicalReport, fund: _FundPart | None, options: CheckOptions
) -> Iterator[Check]:
    total_score = report.report.total_score
    scored = [i for i, _ in _scored(report.indicators)]
    scores = [report.indicators[i].score for i in scored]
    if total_score is None or fund is None or not scores or any(s is None for s in scores):
        return
    allowed = _allowed_readings(report, fund, options)
    if allowed is None:
        return
    known = [s for s in scores if s is not None]
    indicator_sum = sum(known, ZERO)
    sums: list[tuple[bool, Decimal]] = []
    for counted in allowed:
        extra = fund.score if counted and fund.score is not None else ZERO
        sums.append((counted, indicator_sum + extra))
    terms = [total_score, *known] + ([fund.score] if fund.score is not None else [])
    tolerance = score_tolerance(terms, options)
    if any(close(value, total_score, tolerance) for _, value in sums):
        return
    counted, value = sums[-1]
    with_fund = f" + 资金得分 {number(fund.score)} = {number(value)}" if counted else ""
    yield make_check(
        "indicator_scores_vs_total",
        "error",
        f"指标得分合计 {number(indicator_sum)}{with_fund} ≠ 总分 {number(total_score)}"
        f" (差 {number(abs(value - total_score))})",
        "report.total_score",
        *(field_path("indicators", i, "score") for i in scored),
        *((fund.fields[1],) if counted else ()),
    )


def _missing_scores(indicators: tuple[Indicator, ...]) -> Iterator[Check]:
    scored = _scored(indicators)
    missing = [i for i, ind in scored if ind.score is None]
    if not missing or len(missing) == len(scored):
        return
    names = "、".join(f"「{_name(indicators[i])}」" for i in missing[:5])
    more = f" 等 {len(missing)} 项" if len(missing) > 5 else ""
    yield make_check(
        "indicator_missing_score",
        "info",
        f"{len(scored) - len(missing)} 项指标有得分，{names}{more}没有得分",
        *(field_path("indicators", i, "score") for i in missing),
    )


def _missed_target(i: int, indicator: Indicator, options: CheckOptions) -> Iterator[Check]:
    if target_status(indicator) != "not_met":  # the one judgement (normalize/target_status)
        return
    target, actual = indicator.target_value, indicator.actual_value
    assert target is not None and actual is not None
    comparator, assumed = effective_comparator(indicator)
    name = _name(indicator)
    written = (
        f"实际 {indicator.actual or number(actual)}，目标 {indicator.target or number(target)}"
    )
    yield make_check(
        "indicator_missed_target",
        "warning",
        f"指标「{name}」未达目标: {written} ({number(actual)} vs {comparator} {number(target)}"
        f"{f'，未注明比较符，按 {_SYMBOL[comparator]} 理解' if assumed else ''})",
        field_path("indicators", i, "actual_value"),
        field_path("indicators", i, "target_value"),
    )
    score, weight = indicator.score, indicator.weight
    # No comparator: the default direction (≥, ≤ on cost rows) binds, for quantity,
    # quality, timeliness and satisfaction targets alike. A written '=' missed in either
    # direction is not proof enough for an error: full marks may mean "close enough".
    if (
        indicator.comparator != "="
        and score is not None
        and weight is not None
        and close(score, weight, options.score_tolerance)
    ):
        yield make_check(
            "missed_target_full_marks",
            "error",
            f"指标「{name}」未达目标却得满分 {number(score)}/{number(weight)}: {written}",
            field_path("indicators", i, "score"),
            field_path("indicators", i, "weight"),
            field_path("indicators", i, "actual_value"),
        )
    if not (indicator.deviation_reason or "").strip():
        yield make_check(
            "missed_target_no_reason",
            "warning",
            f"指标「{name}」未达目标，指标表未填写偏差原因: {written}",
            field_path("indicators", i, "deviation_reason"),
            field_path("indicators", i, "actual_value"),
        )
