from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.normalize.amounts import MULTIPLIER, parse_amount, unit_in


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("计划安排资金（万元）", "万元"),
        ("金额单位：万元", "万元"),
        ("单位：元", "元"),
        ("合同金额 (万元)", "万元"),
        ("2018年支\n付金额 (万元)", "万元"),
        ("项目资金\n（万元）", "万元"),
        ("（单位：千元）", "千元"),
        ("投资总额(亿元)", "亿元"),
        ("万元", "万元"),
        ("支出额度", None),
        ("单元", None),
        ("会计凭证号", None),
    ],
)
def test_unit_in(header: str, unit: str | None) -> None:
    assert unit_in(header) == unit


@pytest.mark.parametrize(
    ("text", "default", "yuan"),
    [
        ("898.7万", "元", Decimal("8987000")),
        ("269.61万元", "元", Decimal("2696100")),
        ("2,053.30", "万元", Decimal("20533000")),
        ("1.2亿元", "元", Decimal("120000000")),
        ("0", "元", Decimal(0)),
        ("0.00", "万元", Decimal(0)),
        ("约300万元", "元", Decimal("3000000")),
        ("１２３", "元", Decimal(123)),
        ("  918 ", "万元", Decimal("9180000")),
        ("629.09万", "万元", Decimal("6290900")),
        ("6000 元", "万元", Decimal(6000)),
        ("¥1,234.56", "元", Decimal("1234.56")),
        ("-5", "万元", Decimal("-50000")),
        ("(12.5)", "元", Decimal("-12.5")),
        ("1.234567万元", "元", Decimal("12345.67")),
        ("3000元整", "元", Decimal(3000)),
    ],
)
def test_parse_amount(text: str, default: str, yuan: Decimal) -> None:
    result = parse_amount(text, default)  # type: ignore[arg-type]
    assert result == yuan
    assert result is not None and "E" not in str(result)


@pytest.mark.parametrize(
    "text", [None, "", "—", "无", "/", "已完成", "100%", "52.10 26.05", "12月份3号"]
)
def test_parse_amount_none_for_non_amounts(text: str | None) -> None:
    assert parse_amount(text, "万元") is None


def test_bare_number_without_unit_is_unknown() -> None:
    assert parse_amount("528.94", None) is None
    assert parse_amount("528.94万元", None) == Decimal("5289400")


def test_amount_is_exact_not_float() -> None:
    assert parse_amount("0.1", "元") + parse_amount("0.2", "元") == Decimal("0.3")  # type: ignore[operator]


_SPACES = st.sampled_from(["", " ", "  ", "\u3000", "\n"])


def _with_separators(value: Decimal) -> str:
    return f"{value:,.2f}"


@given(
    value=st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False),
    unit=st.sampled_from(["元", "万元", "亿元", "千元", None]),
    default=st.sampled_from(["元", "万元"]),
    thousands=st.booleans(),
    full_width=st.booleans(),
    before=_SPACES,
    between=_SPACES,
    after=_SPACES,
)
def test_amount_round_trip(
    value: Decimal,
    unit: str | None,
    default: str,
    thousands: bool,
    full_width: bool,
    before: str,
    between: str,
    after: str,
) -> None:
    number = _with_separators(value) if thousands else str(value)
    if full_width:
        number = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)
    text = f"{before}{number}{between}{unit or ''}{after}"
    expected = value * MULTIPLIER[unit or default]
    assert parse_amount(text, default) == expected  # type: ignore[arg-type]


def test_digits_split_by_whitespace_are_two_numbers() -> None:
    assert parse_amount("52 26", "万元") is None
    assert parse_amount("52.10\n26.05", "万元") is None
