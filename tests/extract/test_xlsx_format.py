"""Cell values shown through their number formats, as Excel / WPS 表格 show them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.extract.xlsx_format import display_text, general_text

ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.8875, "0.00%", "88.75%"),
        (0.9635, "0%", "96%"),
        (0.96349, "0.0%", "96.3%"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234567.891, "#,##0", "1,234,568"),
        (2.675, "0.00", "2.68"),  # Excel rounds the decimal it shows, half away from zero
        (-2.675, "0.00", "-2.68"),
        (123.81, '0.00"万元"', "123.81万元"),
        (-1234.5, "#,##0.00;(#,##0.00)", "(1,234.50)"),
        (-1234.5, "#,##0.00;[Red]-#,##0.00", "-1,234.50"),
        (0, ACCOUNTING, "-"),
        (1234.5, ACCOUNTING, "1,234.50"),
        (-5, ACCOUNTING, "-5.00"),
        (5, "[Red]0.0", "5.0"),
        (7, "00", "07"),
        (0.3 + 0.6, "General", "0.9"),
        (1 / 3, "General", "0.333333333333333"),
        (120, "General", "120"),
        (120.0, "General", "120"),
        (123456789012.0, "General", "123456789012"),
        (12, "0.00E+00", "12"),  # scientific: the General display, no digit lost
        (0.5, "# ?/?", "0.5"),  # fractions likewise
        (True, "General", "TRUE"),
        ("已完成", "@", "已完成"),
        (None, "0.00", ""),
        (45, "@", "45"),
    ],
)
def test_display_text(value: object, fmt: str, shown: str) -> None:
    assert display_text(value, fmt) == shown


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (dt.datetime(2022, 3, 31), 'yyyy"年"m"月"d"日"', "2022年3月31日"),
        (dt.datetime(2022, 3, 1), "yyyy-mm-dd", "2022-03-01"),
        (dt.datetime(2022, 3, 31, 9, 5), "yyyy/m/d h:mm", "2022/3/31 9:05"),
        (dt.datetime(2022, 3, 31, 14, 5, 7), "hh:mm:ss", "14:05:07"),
        (dt.datetime(2022, 3, 31, 14, 5), '上午/下午h"时"mm"分"', "下午2时05分"),
        (dt.datetime(2022, 12, 5), "mmm d, yyyy", "Dec 5, 2022"),
        (dt.datetime(2022, 12, 5), "yyyy年m月d日 aaaa", "2022年12月5日 星期一"),
        (dt.date(2022, 1, 2), "General", "2022-01-02"),
        (dt.time(8, 30), "h:mm", "8:30"),
        (dt.timedelta(hours=26, minutes=3), "[h]:mm:ss", "26:03:00"),
    ],
)
def test_dates_as_a_person_sees_them(value: object, fmt: str, shown: str) -> None:
    assert display_text(value, fmt) == shown


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


def _half_up(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@given(finite, st.integers(min_value=0, max_value=6))
def test_fixed_decimals_show_the_value_rounded_half_up(value: float, places: int) -> None:
    fmt = "0" + ("." + "0" * places if places else "")
    shown = display_text(value, fmt)
    assert Decimal(shown) == _half_up(float(general_text(value)), places)
    assert len(shown.partition(".")[2]) == places


@given(finite, st.integers(min_value=0, max_value=4))
def test_thousands_separators_only_group_the_same_digits(value: float, places: int) -> None:
    plain = display_text(value, "0" + ("." + "0" * places if places else ""))
    grouped = display_text(value, "#,##0" + ("." + "0" * places if places else ""))
    assert grouped.replace(",", "") == plain
    whole = grouped.lstrip("-").partition(".")[0]
    groups = whole.split(",")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 4))
def test_percent_is_the_value_times_100(value: float, places: int) -> None:
    decimals = "." + "0" * places if places else ""
    shown = display_text(value, f"0{decimals}%")
    assert shown.endswith("%")
    expected = (Decimal(general_text(value)) * 100).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
    )
    assert Decimal(shown[:-1]) == expected


@given(st.floats(allow_nan=False, allow_infinity=False, width=64))
def test_general_keeps_fifteen_significant_digits(value: float) -> None:
    text = general_text(value)
    assert "e" not in text.lower()
    assert Decimal(text) == Decimal(f"{value:.15g}")


@given(st.one_of(finite, st.integers(-(10**12), 10**12)), st.text(max_size=40))
def test_any_format_code_gives_text_never_an_error(value: float, fmt: str) -> None:
    assert isinstance(display_text(value, fmt), str)


@given(st.datetimes(min_value=dt.datetime(1900, 3, 1)), st.text(max_size=30))
def test_any_date_format_gives_text_never_an_error(value: dt.datetime, fmt: str) -> None:
    assert isinstance(display_text(value, fmt), str)
