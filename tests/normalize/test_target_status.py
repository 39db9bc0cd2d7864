"""The one met / not met / unknown judgement (normalize/target_status.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.normalize.canonical import Indicator
from jixiao.normalize.target_status import target_status


def ind(target: str, actual: str, comparator: str | None = None, **kw: str) -> Indicator:
    def value(text: str) -> Decimal:
        return Decimal("".join(c for c in text if c.isdigit() or c == "."))

    return Indicator(
        name=kw.get("name", "指标"),
        level1=kw.get("level1"),
        level2=kw.get("level2"),
        target=target,
        actual=actual,
        target_value=value(target),
        actual_value=value(actual),
        comparator=comparator,
    )


@pytest.mark.parametrize(
    "indicator, status",
    [
        (ind("≥95%", "96%", ">="), "met"),
        (ind("≥95%", "90%", ">="), "not_met"),
        (ind("≤30天", "31天", "<="), "not_met"),
        (ind("100%", "96.8%"), "not_met"),  # no comparator: at least
        (ind("100%", "100%"), "met"),
        (ind("=6处", "5处", "="), "not_met"),  # '=' and unequal: the default direction
        (ind("=6处", "6处", "="), "met"),
        (ind("2小时", "1小时", name="运维处理响应时间"), "met"),  # lower is better
        (ind("500万元", "520万元", level2="成本指标", name="项目总成本"), "not_met"),
        (ind("500万元", "480万元", level2="成本指标", name="建设投入"), "met"),
        (ind("100%", "96.8%", level2="成本指标", name="资金执行率"), "not_met"),  # a rate
        (ind("12个月", "95%"), "unknown"),  # different units
    ],
)
def test_target_status(indicator: Indicator, status: str) -> None:
    assert target_status(indicator) == status


def test_missing_values_are_unknown() -> None:
    assert target_status(Indicator(name="x", target="好", actual="较好")) == "unknown"
