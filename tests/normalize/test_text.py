from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.normalize.text import (
    clean_label,
    clean_name,
    clean_prose,
    fold_width,
    is_blank,
    label_key,
    strip_weight,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("项 目 名 称", "项目名称"),
        ("经济效\n益指标", "经济效益指标"),
        ("邮  编", "邮编"),
        ("\u3000项目负责人\u00a0：", "项目负责人"),
        ("计划安排资金\n\n（万元）", "计划安排资金（万元）"),
        ("评价机构:", "评价机构"),
    ],
)
def test_clean_label_removes_all_layout_whitespace(raw: str, expected: str) -> None:
    assert clean_label(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("岳阳市 “互联网+政务服务”一体化平台项目        ", "岳阳市“互联网+政务服务”一体化平台项目"),
        ("100M 互联网接入租赁", "100M 互联网接入租赁"),
        ("湖南科创信 息技术股份\n有限公司", "湖南科创信息技术股份有限公司"),
        ("长沙市 政府协 同办 公系 统运 维项 目", "长沙市政府协同办公系统运维项目"),
        ("“我的长沙”APP 项目", "“我的长沙”APP 项目"),
        ("Windows   Server 2019", "Windows Server 2019"),
        ("\u3000岳阳市政务服务中心\u3000", "岳阳市政务服务中心"),
    ],
)
def test_clean_name_keeps_word_spaces_only(raw: str, expected: str) -> None:
    assert clean_name(raw) == expected


def test_clean_prose_keeps_lines_and_drops_indentation() -> None:
    raw = "\u3000\u3000第一段，有 空格。  \n\n\n  第二段。\r\n\n"
    assert clean_prose(raw) == "第一段，有 空格。\n第二段。"


@pytest.mark.parametrize(
    "blank",
    [None, "", "  ", "\u3000", "无", "/", "／", "—", "——", "-", "--", "*", "＊", "N/A", "空"],
)
def test_is_blank_true_for_not_filled_in(blank: str | None) -> None:
    assert is_blank(blank)


@pytest.mark.parametrize("value", ["0", "已完成", "无锡市", "100%", "A"])
def test_is_blank_false_for_values(value: str) -> None:
    assert not is_blank(value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("其中：中央财政", "中央财政"),
        ("其中:当年财政拨款", "当年财政拨款"),
        ("其中上年结转", "上年结转"),
        ("实际到位资金\n（万元）", "实际到位资金"),
        ("结余(元)", "结余"),
        ("产出指标（50分）", "产出指标"),
        ("执行率(%)", "执行率"),
        ("得分系数（％）", "得分系数"),
        ("指标权重(分)", "指标权重"),
        ("全年预算数（A）", "全年预算数"),
        ("执行率（B/A）", "执行率"),
        ("★单位上线数", "单位上线数"),
        ("一、项目名称", "项目名称"),
        ("（一）项目名称：", "项目名称"),
        ("1.项目名称", "项目名称"),
        ("主管部门（公章）:", "主管部门"),
        ("指标（目标）值", "指标(目标)值"),
        ("Ｅ－ｍａｉｌ", "e-mail"),
    ],
)
def test_label_key(raw: str, expected: str) -> None:
    assert label_key(raw) == expected


def test_fold_width_only_touches_ascii_forms() -> None:
    assert fold_width("（１２３）：ＡＢ％") == "(123):AB%"
    assert fold_width("岳阳市“互联网”") == "岳阳市“互联网”"


@pytest.mark.parametrize(
    ("raw", "label", "weight"),
    [
        ("产出指标（50分）", "产出指标", Decimal(50)),
        ("满意度\n指标\n（10分）", "满意度指标", Decimal(10)),
        ("效益指标\n\n(30分)", "效益指标", Decimal(30)),
        ("产出指标(权重:12.5)", "产出指标", Decimal("12.5")),
        ("数量指标", "数量指标", None),
    ],
)
def test_strip_weight(raw: str, label: str, weight: Decimal | None) -> None:
    assert strip_weight(raw) == (label, weight)


_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)


@given(st.lists(st.text(_CJK, min_size=1, max_size=4), min_size=1, max_size=6), st.data())
def test_clean_name_removes_any_spacing_between_cjk(words: list[str], data: st.DataObject) -> None:
    spaced = ""
    for word in words:
        spaced += word + data.draw(st.sampled_from([" ", "  ", "\n", "\u3000", "\u00a0"]))
    assert clean_name(spaced) == "".join(words)
    assert clean_label(spaced) == "".join(words)
