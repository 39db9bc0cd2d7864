from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.normalize.numbers import find_score, parse_number, parse_rate


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("92", Decimal(92)),
        ("\u300092", Decimal(92)),
        ("92分", Decimal(92)),
        ("7.85", Decimal("7.85")),
        ("77.48 分", Decimal("77.48")),
        ("99.98", Decimal("99.98")),
        ("１０", Decimal(10)),
    ],
)
def test_parse_number(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [None, "", "—", "100.00%", "已完成", "有待完善", "5 5"])
def test_parse_number_none(text: str | None) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "fraction"),
    [
        ("100%", Decimal(1)),
        ("62.26%", Decimal("0.6226")),
        ("105.3%", Decimal("1.053")),
        ("100.00%", Decimal(1)),
        ("88.33", Decimal("0.8833")),  # a bare number > 1 is a percentage
        ("0.95", Decimal("0.95")),  # a bare number <= 1 is already a fraction
        ("1", Decimal(1)),
        ("５０％", Decimal("0.5")),
        (" 99.6 % ", Decimal("0.996")),
        ("5‰", Decimal("0.005")),
    ],
)
def test_parse_rate(text: str, fraction: Decimal) -> None:
    assert parse_rate(text) == fraction


@pytest.mark.parametrize("text", [None, "", "—", "高", "100%以上完成"])
def test_parse_rate_none(text: str | None) -> None:
    assert parse_rate(text) is None


@given(st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False), st.booleans())
def test_rate_round_trip(percent: Decimal, full_width: bool) -> None:
    sign = "％" if full_width else "%"
    assert parse_rate(f"{percent}{sign}") == percent / 100


@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_score_round_trip(score: Decimal) -> None:
    assert parse_number(f"{score}分") == score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("项目的预期绩效基本实现，绩效自评得分92分，绩效评价等级为“优秀”。", Decimal(92)),
        ("依据三方面进行评价，项目综合评分为 77.48 分，评价等次为“中”。", Decimal("77.48")),
        ("该项目自评等级为优，分数为99.98，下面逐一分析。", Decimal("99.98")),
        ("论证充分性：经过集体会议协商决定，自评4分。", None),
        ("项目决策得分18分", None),
    ],
)
def test_find_score(text: str, score: Decimal | None) -> None:
    assert find_score(text) == score
