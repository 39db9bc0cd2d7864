"""Money: units named in headers and captions, amounts parsed to exact yuan.

Canonical money is yuan as :class:`~decimal.Decimal`, never float. The unit comes from
the cell itself (``269.61万元``) or, failing that, from the header/caption the caller
found with :func:`unit_in` and passes as ``default_unit``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Literal, get_args

from jixiao.normalize.text import clean_label, fold_width, has_split_digits, is_blank

Unit = Literal["元", "千元", "万元", "亿元"]
UNITS: tuple[Unit, ...] = get_args(Unit)
MULTIPLIER: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1_000),
    "万元": Decimal(10_000),
    "亿元": Decimal(100_000_000),
}

_UNIT = r"(千元|万元|亿元|元)"
# "（万元）", "(单位：万元)", "单位：元", "金额单位:万元", "币种：人民币 单位：万元".
_UNIT_PAREN = re.compile(rf"[(（\[【]\s*(?:(?:金额)?单位[:：]?)?(?:人民币)?{_UNIT}\s*[)）\]】]")
_UNIT_NOTE = re.compile(rf"单位[:：]?(?:人民币)?{_UNIT}")
# A header that ends in a bare unit ("预算资金万元", "万元"): never a lone 元 after a
# CJK character, since 单元 / 公元 end in 元 too.
_UNIT_SUFFIX = re.compile(r"(千元|万元|亿元)$|^(元)$|(?<=\d)(元)$")

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_AMOUNT = re.compile(
    rf"(?P<neg>[-−])?(?:约|大约|共计|合计|人民币|rmb|cny|[¥￥])*(?P<num>{_NUMBER})"
    r"(?P<unit>千元|万元|亿元|元|万|亿)?整?"
)
_SHORT_UNITS = {"万": "万元", "亿": "亿元"}


def unit_in(text: str) -> Unit | None:
    """The money unit a header, caption or note names, if any.

    ``"计划安排资金（万元）"``, ``"金额单位：万元"``, ``"单位：元"``, ``"合同金额 (万元)"``,
    ``"2018年支\\n付金额 (万元)"`` all name a unit; ``"支出额度"`` does not.
    """
    label = fold_width(clean_label(text))
    for pattern in (_UNIT_PAREN, _UNIT_NOTE, _UNIT_SUFFIX):
        found = pattern.search(label)
        if found is not None:
            unit = next(group for group in found.groups() if group)
            return unit  # type: ignore[return-value]
    return None


def parse_amount(text: str | None, default_unit: Unit | None = "元") -> Decimal | None:
    """An amount in exact yuan, or ``None`` when the text is blank or not an amount.

    A unit written in the text (``898.7万``, ``269.61万元``, ``1.2亿元``) wins over
    ``default_unit`` (the unit of the column or caption). Thousands separators, full-width
    digits, spaces, ``约``/``人民币``/``¥`` prefixes and a trailing ``整`` are accepted.
    A bare number with ``default_unit=None`` is ``None``: the caller must know the unit.

    A number wrapped in parentheses, ``(12.5)``, is read as negative (the accounting
    convention); ``-12.5`` is negative too. Text with anything else in it (``已完成``,
    ``100%``, two numbers) is not an amount: ``None``.
    """
    if text is None or is_blank(text) or has_split_digits(text):
        return None
    compact = fold_width(clean_label(text)).lower().replace("，", ",")
    negative = False
    wrapped = re.fullmatch(r"\((.+)\)", compact)
    if wrapped is not None:
        compact, negative = wrapped.group(1), True
    found = _AMOUNT.fullmatch(compact)
    if found is None:
        return None
    try:
        value = Decimal(found.group("num").replace(",", ""))
    except InvalidOperation:
        return None
    written = found.group("unit")
    unit = _SHORT_UNITS.get(written, written) if written else default_unit
    if unit is None:
        return None
    value *= MULTIPLIER[unit]
    if negative != bool(found.group("neg")):
        value = -value
    return tidy(value)


def tidy(value: Decimal) -> Decimal:
    """The same value without a useless exponent or trailing zeros: ``8987000.0`` → ``8987000``.

    Never rounds: a value finer than the fen stays exact.
    """
    if value == 0:
        return Decimal(0)
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
