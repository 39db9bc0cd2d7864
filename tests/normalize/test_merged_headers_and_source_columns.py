"""Forms nobody had seen, round two (issue 10): merged header cells that started rows
above (item 5) and funds grids whose source columns mix 省、地 / 本级 / 其他 (item 2)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from doc_factory import LEFT, UP, document

from jixiao.normalize import normalize
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.own_level import unit_level

TOP = ["一级指标", "二级指标", "三级指标", "指标值", LEFT, "分值", "得分"]
LOW = [UP, UP, UP, "年度指标值", "实际完成值", UP, UP]
ONE = ["产出指标", "数量指标", "培训人数", "100人", "120人", "50", "50"]
TWO = ["效益指标", "社会效益指标", "满意率", "≥95%", "96%", "50", "50"]


def _names(doc: object) -> list[str | None]:
    return [i.name for i in normalize(doc).indicators]  # type: ignore[arg-type]


# item 5: a header cell that started in an earlier row never takes a column role


def test_block_label_reaching_into_a_repeated_header_takes_no_column_role() -> None:
    """``绩效指标`` (merged down from page 1) ends on the repeated header row: it is the
    block's label, not the indicator-name column (三级指标 is)."""
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    doc = document(
        "项目名称：某项目",
        [["绩效指标", *header], [UP, *ONE], [UP, *header], ["", *TWO]],
    )
    assert _names(doc) == ["培训人数", "满意率"]


def test_two_row_header_reached_by_the_block_label_keeps_its_roles() -> None:
    """The same on a two-row header: the block label ends on the repeated header's lower
    row, whose cells merged over both header rows keep their roles."""
    doc = document(
        "项目名称：某项目",
        [
            ["绩效指标", *TOP],
            [UP, *LOW],
            [UP, *ONE],
            [UP, *TOP],
            [UP, *LOW],
            ["", *TWO],
        ],
    )
    indicators = normalize(doc).indicators
    assert [(i.level1, i.name, i.target, i.actual, i.weight) for i in indicators] == [
        ("产出指标", "培训人数", "100人", "120人", Decimal(50)),
        ("效益指标", "满意率", "≥95%", "96%", Decimal(50)),
    ]


def test_upper_row_of_a_repeated_two_row_header_is_not_an_indicator() -> None:
    doc = document("项目名称：某项目", [TOP, LOW, ONE, TOP, LOW, TWO])
    assert _names(doc) == ["培训人数", "满意率"]


def test_two_row_header_on_the_first_page_still_binds_its_merged_cells() -> None:
    doc = document("项目名称：某项目", [TOP, LOW, ONE])
    [indicator] = normalize(doc).indicators
    assert (indicator.level1, indicator.level2, indicator.score) == (
        "产出指标",
        "数量指标",
        Decimal(50),
    )


# item 2: source columns 省、地 / 本级 / 其他 beside 合计 / 执行数 / 执行率

FUNDS = [
    ["资金来源", "全年预算数", LEFT, LEFT, LEFT, LEFT, "全年执行数", "执行率", "分值", "得分"],
    [UP, "合计", "中央", "省、地", "本级", "其他", UP, UP, UP, UP],
    ["项目资金", "560", "200", "180", "150", "30", "532", "95%", "10", "9.5"],
]


def _funds_report(unit: str, rows: list[list[str]] = FUNDS) -> object:
    return normalize(document("项目名称：某项目", f"实施单位：{unit}", "金额单位：万元", rows))


def test_source_columns_under_an_amount_header_are_read_by_source() -> None:
    report = _funds_report("霍山县农业农村局")
    funds = report.funds  # type: ignore[attr-defined]
    assert [(f.label, f.source, f.budget) for f in funds] == [
        ("项目资金", "total", Decimal("5600000")),
        ("中央", "central", Decimal("2000000")),
        ("省、地", "municipal", Decimal("1800000")),
        ("本级", "county", Decimal("1500000")),
        ("其他", "other", Decimal("300000")),
    ]
    head = funds[0]
    assert (head.spent, head.execution_rate, head.weight, head.score) == (
        Decimal("5320000"),
        Decimal("0.95"),
        Decimal(10),
        Decimal("9.5"),
    )
    assert not [c for c in report.checks if c.severity == "error"]  # type: ignore[attr-defined]


def test_first_source_column_never_takes_the_amount_of_its_group() -> None:
    """No 合计 under 全年预算数: 中央 is the central budget, not the row's budget."""
    rows = [
        ["资金来源", "全年预算数", LEFT, LEFT, LEFT, "全年执行数", "执行率", "分值", "得分"],
        [UP, "中央", "省、地", "本级", "其他", UP, UP, UP, UP],
        ["项目资金", "200", "180", "150", "30", "532", "95%", "10", "9.5"],
    ]
    funds = _funds_report("霍山县农业农村局", rows).funds  # type: ignore[attr-defined]
    assert [(f.label, f.source, f.budget) for f in funds] == [
        ("项目资金", "total", None),
        ("中央", "central", Decimal("2000000")),
        ("省、地", "municipal", Decimal("1800000")),
        ("本级", "county", Decimal("1500000")),
        ("其他", "other", Decimal("300000")),
    ]
    assert funds[0].spent == Decimal("5320000")


def test_source_columns_that_do_not_add_up_are_an_error() -> None:
    rows = [list(r) for r in FUNDS]
    rows[2][2] = "210"  # 中央 210: the sources add up to 570, not 560
    report = _funds_report("霍山县农业农村局", rows)
    rules = {c.rule: c.severity for c in report.checks}  # type: ignore[attr-defined]
    assert rules.get("fund_parts_exceed_total") == "error"


def test_own_level_without_a_place_in_the_unit_name_stays_unnamed() -> None:
    funds = _funds_report("农业农村局").funds  # type: ignore[attr-defined]
    assert {f.label: f.source for f in funds}["本级"] is None


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("省、地", "municipal"),
        ("省地资金", "municipal"),
        ("本级", "own_level"),
        ("本级支出", "own_level"),
    ],
)
def test_mixed_source_labels_are_known(text: str, field: str) -> None:
    hit = LabelDictionary.default().match("fund_row", text)
    assert hit is not None and hit.field == field


@pytest.mark.parametrize(
    ("unit", "level"),
    [
        ("霍山县农业农村局", "county"),
        ("南宁市武鸣区乡村振兴局", "county"),
        ("酒泉市肃州区水务局", "county"),
        ("肃州区水务局", "county"),
        ("酒泉市水务局", "municipal"),
        ("长沙市市场监督管理局", "municipal"),
        ("湘西土家族苗族自治州民政局", "municipal"),
        ("甘肃省水利厅", "provincial"),
        ("广西壮族自治区财政厅", "provincial"),
        ("市场监管局", None),
        ("", None),
    ],
)
def test_unit_level_from_the_place_prefix(unit: str, level: str | None) -> None:
    assert unit_level(unit) == level
