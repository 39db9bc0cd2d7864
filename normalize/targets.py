"""Indicator targets and actuals: ``≥95%``, ``≤90万元``, ``12个月``, ``不低于95%``.

The raw text stays on the indicator (``target``/``actual``); this module reads the
number, its unit and its comparator when the text is a quantity. Money becomes yuan
(unit ``元``); ``百分比`` becomes ``%``; ``个月`` becomes ``月``. Qualitative text
(``已完成``, ``提升``, ``达成预期指标``) gives an empty :class:`Target`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from jixiao.normalize.amounts import MULTIPLIER, tidy
from jixiao.normalize.text import clean_label, fold_width, has_split_digits, is_blank


@dataclass(frozen=True)
class Target:
    value: Decimal | None = None
    unit: str | None = None
    comparator: str | None = None  # >= <= = > <


_EMPTY = Target()

# Longest first: "不低于" must win over "低于", ">=" over ">".
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("大于或等于", ">="),
    ("小于或等于", "<="),
    ("大于等于", ">="),
    ("小于等于", "<="),
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不大于", "<="),
    ("不多于", "<="),
    ("至少", ">="),
    ("最少", ">="),
    ("最多", "<="),
    ("高于", ">"),
    ("大于", ">"),
    ("超过", ">"),
    ("多于", ">"),
    ("低于", "<"),
    ("小于", "<"),
    ("少于", "<"),
    ("等于", "="),
    (">=", ">="),
    ("<=", "<="),
    ("≥", ">="),
    ("≧", ">="),
    ("≤", "<="),
    ("≦", "<="),
    ("=>", ">="),
    ("=<", "<="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
)
# Suffixes: "95%以上", "2小时以内", "5分钟内".
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("之内", "<="),
    ("内", "<="),
)
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
# A unit: a few characters, no digits, no sentence punctuation.
_UNIT = re.compile(r"[^\d\s,，。；;、:：()（）]{1,4}")
_UNIT_ALIASES = {"百分比": "%", "百分率": "%", "％": "%", "个月": "月"}
_MONEY_UNITS = {
    "元": "元",
    "千元": "千元",
    "万元": "万元",
    "亿元": "亿元",
    "万": "万元",
    "亿": "亿元",
}


def parse_target(text: str | None) -> Target:
    """The value, unit and comparator of a quantitative target or actual.

    ``"≥95%"`` → ``Target(95, "%", ">=")``; ``"≤90万元"`` → ``Target(900000, "元", "<=")``;
    ``"12个月"`` → ``Target(12, "月", None)``; ``"已完成"`` → ``Target(None, None, None)``.
    A value written in 万 of something else (``10万人``) is multiplied out: ``(100000, "人")``.
    """
    if text is None or is_blank(text) or has_split_digits(text):
        return _EMPTY
    rest = fold_width(clean_label(text)).replace("＝", "=")
    comparator = None
    for word, symbol in _PREFIXES:
        if rest.startswith(word):
            comparator, rest = symbol, rest[len(word) :]
            break
    for word, symbol in _SUFFIXES:
        if rest.endswith(word) and comparator is None:
            comparator, rest = symbol, rest[: -len(word)]
            break
    number = _NUMBER.match(rest)
    if number is None:
        return _EMPTY
    value = Decimal(number.group(0).replace(",", ""))
    unit_text = rest[number.end() :]
    if not unit_text:
        return Target(value, None, comparator)
    if _UNIT.fullmatch(unit_text) is None:
        return _EMPTY
    if unit_text in _MONEY_UNITS:
        return Target(tidy(value * MULTIPLIER[_MONEY_UNITS[unit_text]]), "元", comparator)
    if unit_text.startswith("万") and len(unit_text) > 1:
        value, unit_text = value * MULTIPLIER["万元"], unit_text[1:]
    return Target(tidy(value), _UNIT_ALIASES.get(unit_text, unit_text), comparator)
