"""The normaliser on hand-built documents: one layout feature per test."""

from __future__ import annotations

from decimal import Decimal

import pytest
from doc_factory import LEFT, UP, document

from jixiao.errors import NotAReportError
from jixiao.normalize import normalize


def test_paired_funds_grid_gives_total_and_source_rows() -> None:
    doc = document(
        "项目名称：某某项目",
        [
            [
                "计划安排资金\n（万元）",
                "898.7",
                "实际到位资金（万元）",
                "898.7",
                "实际支出（万元）",
                "898.7",
                "结余（万元）",
                "0",
            ],
            [
                "其中：中央财政",
                "",
                "其中：中央财政",
                "",
                "其中：中央财政",
                "",
                "其中：中央财政",
                "",
            ],
            ["市财政", "898.7", "市财政", "898.7", "市财政", "898.7", "市财政", "0"],
        ],
    )
    report = normalize(doc)
    assert [(f.label, f.source) for f in report.funds] == [
        ("计划安排资金", "total"),
        ("市财政", "municipal"),
    ]
    total = report.funds[0]
    assert (total.planned, total.received, total.spent, total.balance) == (
        Decimal("8987000"),
        Decimal("8987000"),
        Decimal("8987000"),
        Decimal("0"),
    )
    assert report.funds[1].provenance["spent"].row == 2


def test_column_funds_take_unit_from_block_label_and_skip_empty_rows() -> None:
    doc = document(
        "项目名称：某某项目",
        [
            [
                "项目资金\n（万元）",
                "",
                "年初\n预算数",
                "全年\n预算数",
                "全年\n执行数",
                "分值",
                "执行率",
                "得分",
            ],
            [UP, "年度资金总额", "918", "918", "918", "10", "100%", "10"],
            [UP, "其中：当年财政拨款", "918", "918", "918", "10", "100%", "10"],
            [UP, "上年结转资金", "\u3000", "\u3000", "", "", "", ""],
        ],
    )
    funds = normalize(doc).funds
    assert [(f.label, f.source) for f in funds] == [
        ("年度资金总额", "total"),
        ("其中：当年财政拨款", "appropriation"),
    ]
    assert funds[0].planned == Decimal("9180000")
    assert funds[0].execution_rate == Decimal("1")
    assert funds[0].weight == Decimal("10")


def test_indicators_carry_levels_strip_weights_and_read_total_row() -> None:
    doc = document(
        "项目名称：某某项目",
        [
            [
                "绩\n效\n指\n标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
            ],
            [UP, "产出指标\n(50分)", "数量指标", "新增机房", "≥2个", "3个", "30", "30"],
            [UP, UP, "", "无", "", "", "", ""],
            [UP, UP, "经济效\n益指标", "节约资金", "≤90万元", "95万元", "20", "15"],
            ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", "45"],
        ],
    )
    report = normalize(doc)
    names = [(i.name, i.level1, i.level2) for i in report.indicators]
    assert names == [("新增机房", "产出指标", "数量指标"), ("节约资金", "产出指标", "经济效益指标")]
    saving = report.indicators[1]
    assert (saving.target_value, saving.actual_value, saving.unit, saving.comparator) == (
        Decimal("900000"),
        Decimal("950000"),
        "元",
        "<=",
    )
    assert (report.report.max_score, report.report.total_score) == (Decimal("100"), Decimal("45"))


def test_cover_lines_give_report_fields() -> None:
    doc = document(
        "岳阳市财政支出项目绩效评价自评报告",
        "评价类型：项目实施过程评价□   项目完成结果评价√□",
        "项目名称  岳阳市 “互联网+政务服务”一体化平台项目",
        "项目单位        岳阳市政务服务中心",
        "报告日期：2019 年1月24日",
        [
            ["项目起止时间", "2018   年   1  月起至   2019  年   7  月止"],
            ["绩效自评综合得分", "100"],
            ["评价等次", "优秀"],
        ],
        "填报人（签名）：   黎朝阳                     联系电话：18073019060",
    )
    r = normalize(doc).report
    assert r.title == "岳阳市财政支出项目绩效评价自评报告"
    assert r.kind == "self_evaluation"
    assert r.region == "岳阳市"
    assert r.evaluation_type == "项目完成结果评价"
    assert r.project_name == "岳阳市“互联网+政务服务”一体化平台项目"
    assert r.project_unit == "岳阳市政务服务中心"
    assert r.report_date == "2019-01-24"
    assert (r.period_start, r.period_end) == ("2018-01", "2019-07")
    assert (r.total_score, r.grade, r.grade_level) == (Decimal("100"), "优秀", "excellent")
    assert r.contact_person == "黎朝阳"
    assert r.contact_phone == "18073019060"


def test_score_and_grade_from_prose_and_signature_block() -> None:
    doc = document(
        "2018年长沙市人民政府电子政务管理办公室 专项资金绩效评价报告",
        "一、评价情况",
        "评价组对专项资金共计2,053.30万元进行了现场绩效评价。",
        "九、综合评价情况及评价结论",
        "综合评分为 77.48 分，评价等次为“中”。",
        "长沙市财政局",
        "2018 年 8 月 10 日",
    )
    report = normalize(doc)
    r = report.report
    assert (r.kind, r.fiscal_year, r.region) == ("evaluation", 2018, "长沙市")
    assert (r.total_score, r.grade, r.grade_level) == (Decimal("77.48"), "中", "fair")
    assert (r.evaluator, r.report_date) == ("长沙市财政局", "2018-08-10")
    assert [s.heading for s in report.sections] == ["一、评价情况", "九、综合评价情况及评价结论"]
    assert report.sections[1].topic == "conclusion"


def test_two_different_prose_scores_give_none() -> None:
    doc = document(
        "某项目绩效评价报告", "项目名称：甲", "甲项目综合得分91.8分。", "乙项目综合得分78.5分。"
    )
    assert normalize(doc).report.total_score is None


def test_expenditure_total_row_is_marked_and_mismatch_flagged() -> None:
    doc = document(
        "项目名称：某某项目",
        [
            [
                "计划安排资金（万元）",
                "898.7",
                "实际到位资金（万元）",
                "898.7",
                "实际支出（万元）",
                "898.7",
                "结余（万元）",
                "0",
            ],
            ["支出内容", LEFT, "实际支出数", LEFT, "会计凭证号", LEFT, "备注", LEFT],
            ["项目支出", LEFT, "269.61万元", LEFT, "12月份3号", LEFT, "", LEFT],
            ["项目支出", LEFT, "359.48万元", LEFT, "12月份10号", LEFT, "", LEFT],
            ["支出合计", LEFT, "629.09万", LEFT, "", LEFT, "", LEFT],
        ],
    )
    report = normalize(doc)
    assert [(e.amount, e.is_total) for e in report.expenditures] == [
        (Decimal("2696100"), False),
        (Decimal("3594800"), False),
        (Decimal("6290900"), True),
    ]
    rules = {c.rule for c in report.checks}
    assert "expenditure_vs_spent" in rules
    assert "expenditure_total_mismatch" not in rules


def test_unknown_unit_is_read_as_yuan_with_a_check() -> None:
    doc = document(
        "项目名称：某某项目", [["资金来源", "全年预算数", "执行数"], ["合计", "100", "90"]]
    )
    report = normalize(doc)
    assert report.funds[0].budget == Decimal("100")
    assert "amount_unit_not_stated" in {c.rule for c in report.checks}


def test_document_without_report_content_is_refused() -> None:
    doc = document("会议纪要", "今天开会讨论了食堂的菜单。")
    with pytest.raises(NotAReportError, match="no performance report in this document"):
        normalize(doc)


def test_a_heading_numbered_in_the_wrong_style_keeps_its_place() -> None:
    doc = document(
        "项目名称：某某项目",
        "一、项目概况",
        "项目于2020年实施。",
        "2、绩效自评工作开展情况",
        "（一）绩效评价目的",
        "（二）绩效评价过程",
        "（3）绩效指标完成情况分析",
        "三、综合评价结论",
    )
    levels = [(s.heading, s.level) for s in normalize(doc).sections]
    assert levels == [
        ("一、项目概况", 1),
        ("2、绩效自评工作开展情况", 1),
        ("（一）绩效评价目的", 2),
        ("（二）绩效评价过程", 2),
        ("（3）绩效指标完成情况分析", 2),
        ("三、综合评价结论", 1),
    ]


def test_a_header_split_over_two_rows_reads_sub_headers_with_their_group() -> None:
    doc = document(
        "项目名称：某某项目",
        [
            ["一级指标", "二级指标", "三级指标", "指标值", LEFT, "全年完成值", "分值", "得分"],
            [UP, UP, UP, "年初", "调整", UP, UP, UP],
            ["产出指标", "数量指标", "抽检批次", "1800", "2000", "2136", "8", "8"],
        ],
    )
    [indicator] = normalize(doc).indicators
    assert (indicator.name, indicator.target, indicator.actual) == ("抽检批次", "2000", "2136")
    assert (indicator.weight, indicator.score) == (Decimal(8), Decimal(8))
