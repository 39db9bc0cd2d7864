"""Coverage: every report says how much of its tables it read, and never misses silently."""

from __future__ import annotations

from decimal import Decimal

import pytest
from doc_factory import document

from jixiao.errors import NotAReportError
from jixiao.normalize import normalize
from jixiao.normalize.serialize import canonical_to_json_obj

INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def _indicator_table(rows: list[list[str]]) -> list[list[str]]:
    return [INDICATOR_HEADER, *rows, ["总分", "<", "<", "<", "<", "20", "20"]]


def test_fully_read_table_has_full_coverage() -> None:
    doc = document(
        "项目名称：某某项目",
        _indicator_table(
            [
                ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"],
                ["^", "质量指标", "合格率", "≥90%", "95%", "10", "10"],
            ]
        ),
    )
    report = normalize(doc)
    assert report.coverage is not None
    assert report.coverage.tables_rows_read == 3  # two indicators and the 总分 row
    assert report.coverage.rows_unread == 0
    assert report.coverage.rows_furniture == 1  # the header
    assert report.coverage.coverage == Decimal(1)
    assert not [c for c in report.checks if c.rule == "rows_unread"]
    assert canonical_to_json_obj(report)["coverage"] == {
        "tables_rows_read": 3,
        "rows_unread": 0,
        "rows_furniture": 1,
        "coverage": 1,
    }


def test_rows_that_produce_nothing_are_counted_and_named() -> None:
    doc = document(
        "项目名称：某某项目",
        [
            ["项目名称", "某某项目"],
            ["考核维度", "考核要点"],  # a header the dictionary does not know
            ["组织管理", "制度健全，执行有效"],
            ["资金管理", "专款专用，核算规范"],
        ],
    )
    report = normalize(doc)
    assert report.coverage is not None
    assert (report.coverage.tables_rows_read, report.coverage.rows_unread) == (1, 3)
    assert report.coverage.coverage == Decimal("0.25")
    [check] = [c for c in report.checks if c.rule == "rows_unread"]
    assert check.severity == "warning"
    assert "第3行「组织管理｜制度健全，执行有效」" in check.message
    assert "表格 0" in check.message


def test_titled_report_with_unmapped_tables_is_emitted_not_refused() -> None:
    doc = document(
        "2022年度某某专项资金绩效自评报告",
        [
            ["考核维度", "考核要点", "评分"],
            ["组织管理", "制度健全", "8"],
            ["资金管理", "专款专用", "9"],
        ],
    )
    report = normalize(doc)
    assert report.report.title == "2022年度某某专项资金绩效自评报告"
    assert report.coverage is not None and report.coverage.coverage == Decimal(0)
    [check] = [c for c in report.checks if c.rule == "rows_unread"]
    assert "表格 0 未能读取" in check.message


def test_document_without_performance_content_is_still_refused() -> None:
    doc = document("会议通知", [["时间", "地点"], ["上午九点", "三楼会议室"]])
    with pytest.raises(NotAReportError):
        normalize(doc)


def test_error_check_fed_by_a_partly_unread_table_is_softened_to_info() -> None:
    rows = [
        ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"],
        ["^", "质量指标", "合格率", "≥90%", "95%", "10", "10"],
        # A row the reader cannot place: its score is lost, so the sum cannot agree.
        ["其他事项说明", "另有考核项目见附件", "", "", "", "", "8"],
    ]
    table = [INDICATOR_HEADER, *rows, ["总分", "<", "<", "<", "<", "20", "28"]]
    report = normalize(document("项目名称：某某项目", table))
    sums = [c for c in report.checks if c.rule == "indicator_scores_vs_total"]
    assert sums and all(c.severity == "info" for c in sums)
    assert "未读" in sums[0].message
    assert not [c for c in report.checks if c.severity == "error"]


def test_error_check_on_fully_read_tables_stays_an_error() -> None:
    table = _indicator_table(
        [
            ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10"],
            ["^", "质量指标", "合格率", "≥90%", "95%", "10", "12"],
        ]
    )
    report = normalize(document("项目名称：某某项目", table))
    assert "indicator_score_exceeds_weight" in {
        c.rule for c in report.checks if c.severity == "error"
    }


@pytest.mark.parametrize("text", ["", "—", "——", "/", "／", "-", "－"])
def test_blank_rate_cell_is_null_not_zero(text: str) -> None:
    from jixiao.normalize.numbers import parse_rate

    assert parse_rate(text) is None
