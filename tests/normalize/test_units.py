"""Report units: a file holds 0, 1 or many reports (segment → relevance → one report each)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from doc_factory import LEFT, UP, document

from jixiao.errors import NotAReportError
from jixiao.normalize import normalize_units
from jixiao.normalize.canonical import CanonicalReport


def form(project: str, scores: tuple[str, str], total: str, grade: str) -> list[list[str]]:
    """A central-format 项目支出绩效自评表 (header, funds block, indicators, 总分)."""
    return [
        ["项目名称", project, *(LEFT,) * 7],
        ["主管部门", "某某局", LEFT, LEFT, "实施单位", LEFT, "某某中心", LEFT, LEFT],
        [
            "项目资金（万元）",
            "",
            LEFT,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [UP, "年度资金总额", LEFT, "100.00", "100.00", "90.00", "10", "90%", "9"],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        [UP, "产出指标", "数量指标", f"{project}完成数", "≥10个", "10个", "50", scores[0], ""],
        [
            UP,
            "效益指标",
            "社会效益指标",
            f"{project}受益人数",
            "≥100人",
            "120人",
            "40",
            scores[1],
            "",
        ],
        ["总分", *(LEFT,) * 5, "100", total, ""],
        ["评价等次", *(LEFT,) * 5, grade, LEFT, LEFT],
    ]


BUDGET_TABLE = [
    ["科目编码", "科目名称", "本年收入", "本年支出"],
    ["201", "一般公共服务支出", "1,000.00", "990.00"],
    ["20101", "人大事务", "500.00", "490.00"],
]
TARGET_TABLE = [
    ["项目名称", "某某项目", LEFT, LEFT],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "完成数", "≥10个"],
]


def bundle() -> tuple[str | list[list[str]], ...]:
    return (
        "某某局2023年度部门决算",
        "目录",
        "第一部分 部门概况",
        "一、收入支出决算总表",
        BUDGET_TABLE,
        "二、财政拨款支出决算表",
        BUDGET_TABLE,
        "预算绩效情况说明",
        "本部门组织开展了项目支出绩效自评，自评得分均在90分以上。",
        "2023年度城区道路维护项目支出绩效自评表",
        form("城区道路维护", ("45", "40"), "94", "优"),
        "2023年度社区养老服务项目支出绩效自评表",
        form("社区养老服务", ("40", "30"), "79", "中"),
        "一般公共预算财政拨款“三公”经费支出决算表",
        BUDGET_TABLE,
    )


def test_a_bundle_yields_one_report_per_form_and_nothing_from_budget_tables() -> None:
    reports = normalize_units(document(*bundle()))
    assert [r.report.project_name for r in reports] == ["城区道路维护", "社区养老服务"]
    assert [r.report.total_score for r in reports] == [Decimal("94"), Decimal("79")]
    assert [r.report.grade for r in reports] == ["优", "中"]
    assert [(r.unit.index, r.unit.of) for r in reports if r.unit] == [(1, 2), (2, 2)]
    assert [r.unit.tables for r in reports if r.unit] == [(2,), (3,)]
    assert reports[1].unit is not None
    assert reports[1].unit.title == "2023年度社区养老服务项目支出绩效自评表"
    for report in reports:
        # each report holds its own rows only: no budget-table funds, no other project
        assert [f.label for f in report.funds] == ["年度资金总额"]
        assert all(report.report.project_name in i.name for i in report.indicators)


def test_checks_run_per_report_never_across_two() -> None:
    reports = normalize_units(document(*bundle()))
    for report in reports:
        assert "indicator_scores_vs_total" not in {c.rule for c in report.checks}


def test_untitled_form_tables_one_after_another_are_units() -> None:
    doc = document(
        form("甲项目", ("45", "40"), "94", "优"),
        form("乙项目", ("45", "40"), "94", "优"),
        form("丙项目", ("40", "40"), "89", "良"),
    )
    reports = normalize_units(doc)
    assert [r.report.project_name for r in reports] == ["甲项目", "乙项目", "丙项目"]
    assert [r.unit.tables for r in reports if r.unit] == [(0,), (1,), (2,)]


def test_a_standalone_report_is_one_unit_of_the_whole_document() -> None:
    doc = document(
        "某某项目绩效自评报告",
        "一、项目基本情况",
        "项目于2023年实施。",
        form("某某项目", ("45", "40"), "94", "优"),
    )
    [report] = normalize_units(doc)
    assert report.unit is not None and (report.unit.index, report.unit.of) == (1, 1)
    assert report.unit.tables == (0,)
    assert report.report.title == "某某项目绩效自评报告"


def test_a_report_with_its_attached_form_is_one_report() -> None:
    doc = document(
        "某某项目绩效自评报告",
        "一、项目基本情况",
        "项目于2023年实施，完成了全部建设内容，群众满意度较高，达到了预期目标。" * 2,
        "附件：项目支出绩效自评表",
        form("某某项目", ("45", "40"), "94", "优"),
    )
    [report] = normalize_units(doc)
    assert report.report.project_name == "某某项目"


@pytest.mark.parametrize(
    ("parts", "what"),
    [
        (
            (
                "某某局2024年部门预算",
                "一、收支预算总表",
                BUDGET_TABLE,
                "二、部门预算绩效目标",
                "2024年本部门绩效目标是保障城区道路通行。",
                "项目支出绩效目标表",
                TARGET_TABLE,
            ),
            "a budget publication: 1 budget tables, 1 绩效目标表",
        ),
        (
            (
                "某某局2023年度部门决算",
                "收入支出决算总表",
                BUDGET_TABLE,
                "项目支出绩效自评结果",
                [["项目名称", "自评分数"], ["城区道路维护", "94"], ["社区养老服务", "79"]],
            ),
            "a budget publication: 1 budget tables, 1 score summaries without a form",
        ),
    ],
    ids=["budget_publication", "score_summary_only"],
)
def test_documents_without_a_report_say_what_they_are(parts: tuple, what: str) -> None:
    with pytest.raises(NotAReportError) as info:
        normalize_units(document(*parts))
    assert info.value.reason == f"no performance report in this document ({what})"


def notice_rows() -> list[list[str]]:
    rows = [["序号", "项目名称", "主管部门", "评价金额（万元）", "评价得分", "评价等级"]]
    grades = ["优", "良", "中", "差"]
    for n in range(1, 12):
        score = 95 - 3 * n
        grade = grades[0 if score >= 90 else 1 if score >= 80 else 2 if score >= 60 else 3]
        rows.append([str(n), f"项目{n}", f"部门{n}", f"{n * 10}.5", str(score), grade])
    return rows


def test_a_results_notice_yields_one_report_per_project_row() -> None:
    doc = document(
        "长沙市财政局关于2023年度财政重点绩效评价结果的公告",
        "现将2023年度财政重点绩效评价结果公告如下：",
        notice_rows(),
        "长沙市财政局",
        "2024年6月28日",
    )
    reports = normalize_units(doc)
    assert len(reports) == 11
    first: CanonicalReport = reports[0]
    assert first.report.kind == "evaluation_result"
    assert first.report.title == "长沙市财政局关于2023年度财政重点绩效评价结果的公告"
    assert (first.report.region, first.report.fiscal_year) == ("长沙市", 2023)
    assert first.report.report_date == "2024-06-28"
    assert (first.report.project_name, first.report.project_unit) == ("项目1", "部门1")
    assert (first.report.total_score, first.report.grade) == (Decimal("92"), "优")
    assert first.report.grade_level == "excellent"
    assert first.report.evaluated_amount == Decimal("105000")
    assert first.report.provenance["total_score"].row == 1
    assert [r.unit.index for r in reports if r.unit] == list(range(1, 12))
    assert {r.unit.of for r in reports if r.unit} == {11}


def test_each_sheet_of_a_workbook_holding_a_form_is_a_unit() -> None:
    """Spreadsheet provenance names the sheet (contract item 4): a unit says its sheet."""
    from dataclasses import dataclass, replace

    from jixiao.extract.model import Provenance

    @dataclass(frozen=True)
    class SheetProvenance(Provenance):
        sheet: str | None = None

    doc = document(
        form("甲项目", ("45", "40"), "94", "优"), form("乙项目", ("40", "40"), "89", "良")
    )
    blocks = tuple(
        replace(b, provenance=SheetProvenance(table=b.index, sheet=f"Sheet{b.index + 1}"))
        for b in doc.blocks
    )
    reports = normalize_units(replace(doc, blocks=blocks))
    assert [(r.report.project_name, r.unit.sheet) for r in reports if r.unit] == [
        ("甲项目", "Sheet1"),
        ("乙项目", "Sheet2"),
    ]


def test_a_document_with_a_project_but_nothing_evaluated_is_no_report() -> None:
    doc = document(
        "关于申请城区道路维护经费的请示",
        [["项目名称", "城区道路维护"], ["申请金额（万元）", "100.00"]],
        "妥否，请批示。",
    )
    with pytest.raises(NotAReportError, match=r"^no performance report in this document \("):
        normalize_units(doc)


def test_an_evaluation_report_with_a_contents_page_is_one_report() -> None:
    doc = document(
        "某某项目绩效评价报告",
        "某某会计师事务所",
        "目录",
        "一、项目基本情况",
        "二、绩效评价结论",
        "一、项目基本情况",
        "项目于2023年实施，完成了全部建设内容，群众满意度较高，达到了预期目标。" * 2,
        "二、绩效评价结论",
        "经评价，该项目综合得分为91.5分，评价等级为优。",
    )
    [report] = normalize_units(doc)
    assert (report.report.total_score, report.report.grade) == (Decimal("91.5"), "优")
    assert report.unit is not None and report.unit.tables == ()


def test_a_report_with_its_attached_target_form_reads_only_the_self_evaluation() -> None:
    doc = document(
        "某某项目绩效自评报告",
        "一、项目基本情况",
        "项目于2023年实施，完成了全部建设内容，群众满意度较高，达到了预期目标。" * 2,
        "附件1：项目支出绩效目标表",
        TARGET_TABLE,
        "附件2：项目支出绩效自评表",
        form("某某项目", ("45", "40"), "94", "优"),
    )
    [report] = normalize_units(doc)
    assert [i.name for i in report.indicators] == ["某某项目完成数", "某某项目受益人数"]
    assert report.report.total_score == Decimal("94")


def test_a_document_of_target_forms_only_is_no_report() -> None:
    doc = document("2024年项目支出绩效目标表", TARGET_TABLE)
    with pytest.raises(NotAReportError, match=r"\(a budget publication: 1 绩效目标表\)$"):
        normalize_units(doc)
