"""Forms nobody had seen, round two (issue 10, section 2): one general weakness per test."""

from __future__ import annotations

from decimal import Decimal

from doc_factory import LEFT, document

from jixiao.normalize import normalize
from jixiao.normalize.dates import parse_date
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.text import strip_weight

HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def _rules(report: object) -> dict[str, str]:
    return {c.rule: c.severity for c in report.checks}  # type: ignore[attr-defined]


# 1. brackets that are neither unit nor weight


def test_bracketed_alias_and_formula_headers_are_matched() -> None:
    labels = LabelDictionary.default()
    assert labels.match("indicator_column", "指标名称（三级指标）").field == "name"  # type: ignore[union-attr]
    assert labels.match("fund_column", "得分（20分*执行率）").field == "score"  # type: ignore[union-attr]
    assert strip_weight("得分（20分*执行率）") == ("得分", Decimal(20))


def test_weight_inside_a_formula_header_goes_to_the_total_fund_row() -> None:
    doc = document(
        "项目名称：某项目",
        [
            ["资金来源", "预算数（万元）", "执行数（万元）", "执行率", "得分（10分*执行率）"],
            ["合计", "100", "90", "90%", "9"],
        ],
    )
    [fund] = normalize(doc).funds
    assert (fund.weight, fund.score) == (Decimal(10), Decimal(9))


# 2. dictionary and matcher gaps


def test_new_wordings_and_two_character_heads_are_known() -> None:
    labels = LabelDictionary.default()
    cases = {
        ("fund_column", "下达资金"): "budget",
        ("fund_column", "实际支付"): "spent",
        ("fund_column", "支付完成率"): "execution_rate",
        ("indicator_column", "参考分值"): "weight",
        ("indicator_column", "自评分"): "score",
        ("indicator_column", "复核分"): "score",
        ("indicator_column", "本项分值"): "weight",  # a two-character head, contained
        ("fund_row", "年度财政资金总额"): "total",
        ("report", "部门"): "project_unit",
    }
    for (context, text), field in cases.items():
        hit = labels.match(context, text)
        assert hit is not None and hit.field == field, (context, text, hit)
    assert labels.match("report", "2020年度") is None


# 4. placeholder rows


def test_placeholder_indicator_rows_are_not_indicators() -> None:
    doc = document(
        "项目名称：某项目",
        [
            HEADER,
            ["产出指标", "数量指标", "培训人数", "100人", "120人", "10", "10"],
            ["^", "^", "指标1：", "", "", "", ""],
            ["^", "^", "指标2", "", "", "", ""],
            ["总分", LEFT, LEFT, LEFT, LEFT, "10", "10"],
        ],
    )
    report = normalize(doc)
    assert [i.name for i in report.indicators] == ["培训人数"]
    assert report.coverage is not None and report.coverage.rows_unread == 0


# 6. phantom rows from a ruling in the block-label column only


def test_name_cell_spanning_two_rows_is_one_indicator() -> None:
    doc = document(
        "项目名称：某项目",
        [
            HEADER,
            ["产出指标", "数量指标", "培训人数", "100人", "120人", "10", "10"],
            ["^", "质量指标", "^", "^", "^", "^", "^"],
            ["总分", LEFT, LEFT, LEFT, LEFT, "10", "10"],
        ],
    )
    assert [i.name for i in normalize(doc).indicators] == ["培训人数"]


# 9. the 总分 row ends the indicator grid


def test_rows_below_the_total_row_are_read_as_form_fields() -> None:
    doc = document(
        "项目名称：某项目",
        [
            HEADER,
            ["产出指标", "数量指标", "培训人数", "100人", "120人", "100", "95"],
            ["总分", LEFT, LEFT, LEFT, LEFT, "100", "95"],
            ["评价等级：优", LEFT, LEFT, "填报人：李四", LEFT, LEFT, LEFT],
        ],
    )
    report = normalize(doc)
    assert report.report.grade == "优"
    assert report.report.contact_person == "李四"


# 10. combined labels


def test_combined_label_splits_name_and_phone_from_the_value() -> None:
    doc = document("某项目绩效自评表", [["项目负责人及电话", "黄志明 13907712345"]])
    report = normalize(doc).report
    assert (report.contact_person, report.contact_phone) == ("黄志明", "13907712345")


# 11. signature before an attached form; a date with a time of day


def test_date_with_time_of_day_is_a_full_date() -> None:
    assert parse_date("2023-05-06 10:21:00") == "2023-05-06"
    assert parse_date("2023/5/6 10:21") == "2023-05-06"


def test_signature_above_an_attached_form_is_found() -> None:
    doc = document(
        "某项目绩效自评报告",
        "项目名称：某项目",
        "某某县农业农村局",
        "2023-05-06 10:21:00",
        "附件",
        [["项目名称", "某项目"], ["自评得分", "90"]],
    )
    report = normalize(doc).report
    assert report.report_date == "2023-05-06"
    assert report.evaluator == "某某县农业农村局"


# 13. units inside one indicator row


def test_bare_actual_takes_the_unit_of_its_target() -> None:
    doc = document(
        "项目名称：某项目",
        [
            HEADER,
            ["产出指标", "成本指标", "项目总成本", "≤3843.67万元", "4262.96", "10", "6"],
        ],
    )
    [indicator] = normalize(doc).indicators
    assert indicator.target_value == Decimal("38436700")
    assert indicator.actual_value == Decimal("42629600")
    assert "indicator_missed_target" in _rules(normalize(doc))


# 15. grade with a band note


def test_grade_with_a_band_note_is_the_grade() -> None:
    doc = document("某项目绩效自评表", [["项目名称", "某项目"], ["评价等级", "优（S≧90）"]])
    report = normalize(doc).report
    assert (report.grade, report.grade_level) == ("优", "excellent")


# 16. bare weight suffixes


def test_bare_weight_suffix_is_stripped_from_level_labels() -> None:
    assert strip_weight("产出指标40分") == ("产出指标", Decimal(40))
    doc = document(
        "项目名称：某项目",
        [HEADER, ["产出指标40分", "数量指标", "培训人数", "100人", "120人", "40", "40"]],
    )
    assert normalize(doc).indicators[0].level1 == "产出指标"


# 17. check rules


def test_quantity_target_missed_with_full_marks_is_an_error() -> None:
    doc = document(
        "项目名称：某项目",
        [HEADER, ["产出指标", "数量指标", "帮扶户数", "1200户", "1150户", "10", "10"]],
    )
    assert _rules(normalize(doc)).get("missed_target_full_marks") == "error"


def test_cost_and_duration_targets_without_comparator_are_ceilings() -> None:
    doc = document(
        "项目名称：某项目",
        [
            HEADER,
            ["产出指标", "成本指标", "单位造价", "150元", "140元", "10", "10"],
            ["^", "时效指标", "响应时间", "2小时", "1小时", "10", "10"],
        ],
    )
    assert "indicator_missed_target" not in _rules(normalize(doc))


def test_score_sum_skips_unscored_rows_instead_of_stopping() -> None:
    doc = document(
        "项目名称：某项目",
        [
            HEADER,
            ["产出指标", "数量指标", "培训人数", "100人", "120人", "50", "50"],
            ["^", "质量指标", "群众评价", "良好", "良好", "", ""],
            ["^", "时效指标", "完成时间", "12月", "12月", "50", "40"],
            ["总分", LEFT, LEFT, LEFT, LEFT, "100", "95"],
        ],
    )
    assert _rules(normalize(doc)).get("indicator_scores_vs_total") == "error"


# 3. a list header with only two known cells


def test_list_header_with_amounts_below_is_a_header_not_pairs() -> None:
    doc = document(
        "项目名称：某项目",
        [
            ["支出内容", "合同编号", "支付金额", "支付日期"],
            ["材料采购", "HT-018", "412.50", "2021-06-30"],
            ["工程施工", "HT-022", "455.50", "2021-11-15"],
        ],
    )
    items = [(e.item, e.amount) for e in normalize(doc).expenditures]
    assert items == [("材料采购", Decimal("412.50")), ("工程施工", Decimal("455.50"))]


# 7. a repeated role binds next to the indicator name


def test_weight_column_next_to_the_name_is_the_indicator_weight() -> None:
    header = [
        "一级指标",
        "分值",
        "二级指标",
        "分值",
        "三级指标",
        "指标值",
        "实际值",
        "分值",
        "得分",
    ]
    doc = document(
        "项目名称：某项目",
        [header, ["产出指标", "50", "数量指标", "20", "培训人数", "100人", "120人", "10", "9"]],
    )
    [indicator] = normalize(doc).indicators
    assert (indicator.weight, indicator.score) == (Decimal(10), Decimal(9))


# 8. funds grids


def test_numbered_department_funds_block_is_read_by_source() -> None:
    header = [
        "资金来源",
        "年初部门预算安排金额①",
        "年中调整金额②",
        "小计③=①+②",
        "年度拨付金额④",
        "支出实现率(%)⑤=④/③",
        "本年度结余金额⑥=③-④",
        "资金结余率(%)⑦=⑥/③",
        "分值",
        "得分",
    ]
    doc = document(
        "项目名称：某项目",
        "金额单位：万元",
        [
            header,
            ["合计", "930", "50", "980", "940", "95.92", "40", "4.08", "10", "9.59"],
            ["财政资金小计", "900", "50", "950", "910", "95.79", "40", "4.21", "", ""],
            ["①中央财政资金", "600", "0", "600", "582", "97.00", "18", "3.00", "", ""],
            ["其他资金小计", "30", "0", "30", "30", "100.00", "0", "0", "", ""],
        ],
    )
    funds = normalize(doc).funds
    assert [(f.label, f.source) for f in funds] == [
        ("合计", "total"),
        ("财政资金小计", "appropriation"),
        ("①中央财政资金", "central"),
        ("其他资金小计", "other"),
    ]
    head = funds[0]
    assert (head.planned, head.budget, head.spent, head.balance) == (
        Decimal("9300000"),
        Decimal("9800000"),
        Decimal("9400000"),
        Decimal("400000"),
    )
    assert (head.execution_rate, head.weight, head.score) == (
        Decimal("0.9592"),
        Decimal(10),
        Decimal("9.59"),
    )


def test_single_unlabelled_funds_row_is_the_total_and_numbers_are_no_labels() -> None:
    doc = document(
        "项目名称：某项目",
        [["序号", "预算数（万元）", "执行数（万元）", "执行率"], ["1", "100", "90", "90%"]],
    )
    [fund] = normalize(doc).funds
    assert (fund.label, fund.source, fund.spent) == ("合计", "total", Decimal("900000"))


# 12. titles


def test_published_title_with_unit_prefix_and_project_subtitle() -> None:
    doc = document(
        "酒泉市水务局2021年度项目支出绩效自评报告公示",
        "（——肃州区农村饮水安全巩固提升工程）",
        [["专项名称", "127部门整体"], ["自评得分", "92"]],
    )
    report = normalize(doc).report
    assert report.title == "酒泉市水务局2021年度项目支出绩效自评报告公示"
    assert report.project_name == "肃州区农村饮水安全巩固提升工程"
    assert report.project_unit == "酒泉市水务局"


def test_amount_caption_over_the_row_label_column_is_the_label_column() -> None:
    doc = document(
        "项目名称：某项目",
        [
            ["年度预算数（万元）", LEFT, "年初预算数", "全年执行数", "执行率"],
            ["年度资金总额", LEFT, "100", "90", "90%"],
            ["其中：财政拨款", LEFT, "80", "72", "90%"],
        ],
    )
    funds = normalize(doc).funds
    assert [(f.label, f.source, f.planned) for f in funds] == [
        ("年度资金总额", "total", Decimal("1000000")),
        ("其中：财政拨款", "appropriation", Decimal("800000")),
    ]
