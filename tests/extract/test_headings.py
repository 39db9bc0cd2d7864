"""Heading detection from Chinese numbering and Word style names."""

from __future__ import annotations

import pytest

from jixiao.extract.headings import detect_heading, numbering_of, style_level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、项目基本概况", (1, "一、")),
        ("十二、其他", (1, "十二、")),
        ("一 、项 目 基 本 概 况", (1, "一、")),
        ("第一部分 项目概况", (1, "第一部分")),
        ("第三章 评价结论", (1, "第三章")),
        ("（一）绩效评价目的", (2, "（一）")),
        ("(二) 绩效评价过程", (2, "(二)")),
        ("1、经济性分析", (3, "1、")),
        ("2. 效率性分析情况", (3, "2.")),
        ("（3） 绩效指标完成情况分析", (4, "（3）")),
        ("① 数量指标", (4, "①")),
        ("一是数据资源共享方面", (3, "一是")),
        ("第二是运行维护", (3, "第二是")),
        ("五、存在的问题和改进措施：", (1, "五、")),
    ],
)
def test_numbered_headings(text: str, expected: tuple[int, str]) -> None:
    assert detect_heading(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "一、",
        "一是",
        "1、做好前期准备。抽调专人成立绩效评价工作小组，明确了工作职责。",
        "一是数据资源共享方面。经过不断努力，数据资源共享工作取得明显成效。",
        "2019年8月，市人民政府第9次常务会议决定建设项目",
        "10.5万元用于设备采购",
        "项目概况",
        "一、项目概况\n第二行",
        "一、" + "很长的标题" * 9,
    ],
)
def test_not_headings(text: str) -> None:
    assert detect_heading(text) is None


def test_style_wins_and_keeps_numbering() -> None:
    assert detect_heading("项目概况", "Heading 2") == (2, None)
    assert detect_heading("一、项目概况", "标题 1") == (1, "一、")
    long_text = "这是一个被误设为标题样式的很长的段落，" * 3
    assert detect_heading(long_text, "heading 3") == (3, None)


@pytest.mark.parametrize(
    ("style", "level"),
    [
        ("Heading 1", 1),
        ("heading 3", 3),
        ("标题 2", 2),
        ("标题2", 2),
        ("Title", 1),
        ("Normal", None),
        ("表格标题", None),
        (None, None),
        ("Heading 9", 6),
    ],
)
def test_style_level(style: str | None, level: int | None) -> None:
    assert style_level(style) == level


def test_numbering_of_strips_inner_spaces() -> None:
    assert numbering_of("（ 一 ）项目") == (2, "（一）")
    assert numbering_of("项目") is None
