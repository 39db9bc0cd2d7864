import pytest

from jixiao.normalize.grades import find_grade, grade_level


@pytest.mark.parametrize(
    ("grade", "level"),
    [
        ("优", "excellent"),
        ("优秀", "excellent"),
        ("“优秀”", "excellent"),
        ("良", "good"),
        ("良好", "good"),
        ("中", "fair"),
        ("中等", "fair"),
        ("合格", "fair"),
        ("一般", "fair"),
        ("差", "poor"),
        ("较差", "poor"),
        ("不合格", "poor"),
        (" 优秀等次 ", "excellent"),
        (None, None),
        ("", None),
        ("A", None),
        ("很好", None),
    ],
)
def test_grade_level(grade: str | None, level: str | None) -> None:
    assert grade_level(grade) == level


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("项目综合评分为 77.48 分，评价等次为“中”。", "中"),
        ("该项目自评等级为优，分数为99.98，下面逐一分析。", "优"),
        ("绩效评价等级为“优秀”", "优秀"),
        ("评价等级：良好", "良好"),
        ("经评价，该项目为良好等次。", "良好"),
        ("评价结果为不合格", "不合格"),
        ("综合评定为合格", "合格"),
        ("已达到原来的建设目标。对照评价为优。", "优"),
        ("经综合评价为优秀", "优秀"),
        ("被评为良好", "良好"),
        ("评价等次“良”", "良"),
    ],
)
def test_find_grade(text: str, grade: str) -> None:
    assert find_grade(text) == grade


@pytest.mark.parametrize(
    "text",
    [
        "评价等次分为优、良、中、差四个等级",
        "按照考核等级对 40 家单位中参与项目人员给予一定的工作补贴",
        "湖南省金盾信息安全等级保护评估中心有限公司",
        "评定为中国特色",
        "评价为期两个月",
        "在本次评价中，我们发现资金到位及时",
        "等级中，",
        "绩效评价工作组于2019年5月9日进行评价",
        "",
    ],
)
def test_find_grade_none(text: str) -> None:
    assert find_grade(text) is None
