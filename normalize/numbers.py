"""Plain numbers (scores, weights) and rates (fractions)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.normalize.amounts import tidy
from jixiao.normalize.text import clean_label, fold_width, has_split_digits, is_blank

_NUMBER = r"[-−+]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
_SCORE = re.compile(rf"(?:得分|自评|满分)?[:：]?(?P<num>{_NUMBER})分?")
_RATE = re.compile(rf"(?P<num>{_NUMBER})(?P<sign>%|‰|百分比)?")
# The overall score stated in prose: "绩效自评得分92分", "项目综合评分为 77.48 分",
# "分数为99.98". Sub-scores ("项目决策得分18分", "自评4分") use other words.
_SCORE_IN_PROSE = re.compile(
    r"(?:综合得分|自评得分|综合评分|总得分|评价总分|自评总分|总分|分数)"
    r"(?:为|是|达|[:：])?(?P<num>\d+(?:\.\d+)?)分?"
)


def _compact(text: str) -> str:
    return fold_width(clean_label(text)).replace("，", ",").replace("−", "-")


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", "").replace("+", ""))


def parse_number(text: str | None) -> Decimal | None:
    """A score or weight as written: ``"92"``, ``"　92"``, ``"92分"``, ``"7.85"``.

    A rate (``"100.00%"``), a blank (``"—"``) or any other text is ``None``. The value
    keeps the precision written (``"92.00"`` → ``Decimal("92.00")``).
    """
    if text is None or is_blank(text) or has_split_digits(text):
        return None
    found = _SCORE.fullmatch(_compact(text))
    if found is None:
        return None
    return _decimal(found.group("num"))


def parse_rate(text: str | None) -> Decimal | None:
    """A rate as a fraction: ``"100%"`` → 1, ``"62.26%"`` → 0.6226, ``"105.3%"`` → 1.053.

    A bare number is ambiguous between a fraction and a percentage. The rule: a bare
    number ≤ 1 is already a fraction (``"0.95"`` → 0.95, ``"1"`` → 1); a bare number
    > 1 is a percentage (``"88.33"`` → 0.8833). ``‰`` divides by 1000. Blank → ``None``.
    """
    if text is None or is_blank(text) or has_split_digits(text):
        return None
    found = _RATE.fullmatch(_compact(text))
    if found is None:
        return None
    value = _decimal(found.group("num"))
    sign = found.group("sign")
    if sign == "‰":
        value = value.scaleb(-3)
    elif sign or abs(value) > 1:
        value = value.scaleb(-2)
    return tidy(value)


def find_score(text: str) -> Decimal | None:
    """The overall score a narrative states: ``"项目综合评分为 77.48 分"`` → 77.48."""
    found = _SCORE_IN_PROSE.search(fold_width(clean_label(text)))
    return Decimal(found.group("num")) if found is not None else None
