import calendar
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.normalize.dates import parse_date, parse_period, parse_year


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019 年1月24日", "2019-01-24"),
        ("2021年3月", "2021-03"),
        ("2018-8-10", "2018-08-10"),
        ("2018.08.10", "2018-08-10"),
        ("2018/8/10", "2018-08-10"),
        ("报告日期：2019 年1月24日", "2019-01-24"),
        ("二〇一九年八月二十日", "2019-08-20"),
        ("二〇二一年三月", "2021-03"),
        ("２０１９年１月２５日", "2019-01-25"),
        ("2108年12月", "2108-12"),  # kept: the checks flag impossible years
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "无",
        "2020年度",
        "2019-02-30",
        "2019年13月",
        "已完成",
        "2019年5月9日至2019年8月2日",
    ],
)
def test_parse_date_none(text: str | None) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2018   年   1  月起至   2019  年   7  月止", ("2018-01", "2019-07")),
        ("2020年1月1日-2020年12月31日", ("2020-01-01", "2020-12-31")),
        ("2020.1—2020.12", ("2020-01", "2020-12")),
        ("2020年1月至12月", ("2020-01", "2020-12")),
        ("2017年7月14日至2018年7月13日", ("2017-07-14", "2018-07-13")),
        ("2019年3月起", ("2019-03", None)),
        ("2010年至2013年", ("2010", "2013")),
        ("2010-2013年", ("2010", "2013")),
        ("2020年度", (None, None)),
        ("无", (None, None)),
    ],
)
def test_parse_period(text: str, period: tuple[str | None, str | None]) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2020年度", 2020),
        ("评价年度：2019", 2019),
        ("2018年长沙市专项资金", 2018),
        ("1800年", None),
        ("无", None),
    ],
)
def test_parse_year(text: str, year: int | None) -> None:
    assert parse_year(text) == year


_SPACE = st.sampled_from(["", " ", "   ", "\u3000", "\n"])


@given(
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    style=st.sampled_from(["cn", "-", ".", "/"]),
    pad=st.booleans(),
    spaces=st.lists(_SPACE, min_size=6, max_size=6),
)
def test_date_round_trip(day: date, style: str, pad: bool, spaces: list[str]) -> None:
    month = f"{day.month:02d}" if pad else str(day.month)
    dom = f"{day.day:02d}" if pad else str(day.day)
    if style == "cn":
        parts = [str(day.year), "年", month, "月", dom, "日"]
    else:
        parts = [str(day.year), style, month, style, dom, ""]
    text = "".join(part + space for part, space in zip(parts, spaces, strict=True))
    assert parse_date(text) == day.isoformat()


@given(
    year=st.integers(min_value=1950, max_value=2100),
    month=st.integers(min_value=1, max_value=12),
    extra=st.integers(min_value=1, max_value=5),
)
def test_impossible_dates_are_none(year: int, month: int, extra: int) -> None:
    day = calendar.monthrange(year, month)[1] + extra
    assert parse_date(f"{year}年{month}月{day}日") is None
    assert parse_date(f"{year}-{month}-{day}") is None
