from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.normalize.targets import Target, parse_target


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("≥95%", Target(Decimal(95), "%", ">=")),
        ("≤90万元", Target(Decimal(900000), "元", "<=")),
        ("898.7万", Target(Decimal(8987000), "元", None)),
        ("12个月", Target(Decimal(12), "月", None)),
        ("≥50个", Target(Decimal(50), "个", ">=")),
        ("100%", Target(Decimal(100), "%", None)),
        ("≥100百分比", Target(Decimal(100), "%", ">=")),
        ("不低于95%", Target(Decimal(95), "%", ">=")),
        ("不高于10天", Target(Decimal(10), "天", "<=")),
        ("不超过5万元", Target(Decimal(50000), "元", "<=")),
        ("小于等于2小时", Target(Decimal(2), "小时", "<=")),
        ("不少于2200篇", Target(Decimal(2200), "篇", ">=")),
        ("2小时", Target(Decimal(2), "小时", None)),
        ("6000 元", Target(Decimal(6000), "元", None)),
        ("=100%", Target(Decimal(100), "%", "=")),
        ("＝100%", Target(Decimal(100), "%", "=")),
        ("≥ 3000 人", Target(Decimal(3000), "人", ">=")),
        ("95%以上", Target(Decimal(95), "%", ">=")),
        ("0.5天以内", Target(Decimal("0.5"), "天", "<=")),
        ("800个", Target(Decimal(800), "个", None)),
        ("100", Target(Decimal(100), None, None)),
        ("≤5分钟", Target(Decimal(5), "分钟", "<=")),
        ("94%", Target(Decimal(94), "%", None)),
    ],
)
def test_parse_target(text: str, target: Target) -> None:
    assert parse_target(text) == target


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "无",
        "达成预期指标",
        "已完成",
        "提升",
        "完成模块化机房建设",
        "完成600KVA模块化UPS电源建设",
        "有待完善",
    ],
)
def test_qualitative_targets_are_empty(text: str | None) -> None:
    assert parse_target(text) == Target(None, None, None)


_COMPARATORS = {"≥": ">=", "≤": "<=", "不低于": ">=", "不超过": "<=", "＞": ">", "<": "<", "": None}


@given(
    value=st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False),
    word=st.sampled_from(sorted(_COMPARATORS)),
    unit=st.sampled_from(["%", "个", "人", "小时", "天", "次"]),
    space=st.sampled_from(["", " ", "\u3000"]),
)
def test_target_round_trip(value: Decimal, word: str, unit: str, space: str) -> None:
    parsed = parse_target(f"{word}{space}{value}{space}{unit}")
    assert parsed == Target(value, unit, _COMPARATORS[word])
