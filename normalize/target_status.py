"""Whether an indicator met its target: the one judgement every consumer uses.

``met`` / ``not_met`` / ``unknown``, decided by :func:`target_status` — the
``indicator_missed_target`` check, the ``indicators.target_status`` column stored at
load time, and the ``v_indicator_gaps`` view (which reads that column) all agree.

The rule (documented in docs/SCHEMA.md):

1. ``unknown`` when the target or the actual value has no number, or the two are
   written in different units (``12个月`` vs ``95%``; money counts as one unit).
2. The comparator written in the target (``≥95%``, ``≤30天``) decides.
3. A target with no comparator, or with ``=``: met when the values are equal;
   otherwise judged by the default direction — ``≤`` for cost rows, ``≥`` for every
   other row. A cost row (lower is better) is one whose name says so
   (:data:`LOWER_IS_BETTER`: 成本, 费用, 单价, 造价, 响应时间, 处理时间, 时长, 耗时,
   故障率, 差错率, 投诉率, 发生率), or one filed under a 成本 heading whose target is
   an amount of money (``资金执行率`` under 成本指标 is a rate: higher is better).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal, Protocol

Status = Literal["met", "not_met", "unknown"]
STATUSES: tuple[Status, ...] = ("met", "not_met", "unknown")

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MONEY_UNITS = frozenset({"元", "万元", "万", "千元", "亿元", "亿"})
_UNIT_TEXT = re.compile(r"^\s*([^\d\s,，。;；、()（）]*)")
# Words after a unit that qualify the number, not the unit: 800个以上 is 个.
_QUALIFIERS = re.compile(r"(?:及|或)?(?:以上|以下|以内|之内|左右|内)$")
#: Words in an indicator's name meaning "lower is better".
LOWER_IS_BETTER = (
    "成本",
    "费用",
    "单价",
    "造价",
    "响应时间",
    "处理时间",
    "时长",
    "耗时",
    "故障率",
    "差错率",
    "投诉率",
    "发生率",
)
_MET = {
    ">=": lambda actual, target: actual >= target,
    ">": lambda actual, target: actual > target,
    "<=": lambda actual, target: actual <= target,
    "<": lambda actual, target: actual < target,
}


class IndicatorLike(Protocol):
    """What the judgement reads: a canonical Indicator, or a database row alike."""

    name: str
    level1: str | None
    level2: str | None
    target: str | None
    actual: str | None
    target_value: Decimal | None
    actual_value: Decimal | None
    comparator: str | None


def unit_after_number(text: str) -> str | None:
    """The unit written after the only number in ``text`` (``""`` if none); ``None``
    when the text holds no number or several (``2020年12月前``: cannot bind)."""
    numbers = list(_NUMBER.finditer(text))
    if len(numbers) != 1:
        return None
    match = _UNIT_TEXT.match(text[numbers[0].end() :])
    unit = _QUALIFIERS.sub("", match.group(1) if match else "")
    unit = unit.replace("％", "%")
    return "元" if unit in _MONEY_UNITS else unit


def same_unit(indicator: IndicatorLike) -> bool:
    """Target and actual were written in the same unit (money counts as one unit:
    both values are yuan). A bare actual number takes the target's unit."""
    if indicator.target is None or indicator.actual is None:
        return indicator.target is None and indicator.actual is None
    target_unit = unit_after_number(indicator.target)
    actual_unit = unit_after_number(indicator.actual)
    if target_unit is None or actual_unit is None:
        return False
    return actual_unit in ("", target_unit)


def is_cost_row(indicator: IndicatorLike) -> bool:
    """Lower is better: a cost, a fee, a delay, a failure rate (see the module doc)."""
    if any(word in (indicator.name or "") for word in LOWER_IS_BETTER):
        return True
    heading = f"{indicator.level1 or ''} {indicator.level2 or ''}"
    return "成本" in heading and unit_after_number(indicator.target or "") == "元"


def effective_comparator(indicator: IndicatorLike) -> tuple[str, bool]:
    """The comparator to judge by, and whether it was assumed (none was written; a
    written ``=`` is judged by the default direction too, but was not assumed)."""
    comparator = indicator.comparator
    if comparator in _MET:
        return comparator, False
    return ("<=" if is_cost_row(indicator) else ">="), comparator is None


def target_status(indicator: IndicatorLike) -> Status:
    """``met``, ``not_met`` or ``unknown`` (see the module docstring for the rule)."""
    target, actual = indicator.target_value, indicator.actual_value
    if target is None or actual is None or not same_unit(indicator):
        return "unknown"
    target, actual = Decimal(target), Decimal(actual)
    if indicator.comparator not in _MET and actual == target:
        return "met"
    comparator, _ = effective_comparator(indicator)
    return "met" if _MET[comparator](actual, target) else "not_met"
