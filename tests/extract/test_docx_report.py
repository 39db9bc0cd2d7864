"""A whole report in the shape of the archived Word forms, read end to end.

The document imitates the 自评报告 form (cover fields, a check-box line, a funds table
with labels broken over paragraphs, an indicator table whose level-1 label is merged
down many rows and written one character per line) and then checks invariants that
any reading must satisfy, not a golden copy.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from jixiao.extract import read_document
from jixiao.extract.model import Document, Heading, Paragraph, Table

INDICATORS = [
    ("数量指标", "平台建设数量", "1个", "1个", "10", "10"),
    ("数量指标", "接入部门数", "≥40个", "45个", "10", "10"),
    ("质量指标", "系统可用率", "≥99%", "99.5%", "10", "10"),
    ("时效指标", "完成时间", "2019年7月", "2019年7月", "10", "10"),
]


def add_symbol(paragraph: docx.text.paragraph.Paragraph, char: str) -> None:
    run = paragraph.add_run()
    sym = OxmlElement("w:sym")
    sym.set(qn("w:font"), "Wingdings")
    sym.set(qn("w:char"), char)
    run._r.append(sym)


def build(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("岳阳市财政支出项目绩效评价自评报告")
    line = document.add_paragraph("评价类型：项目实施过程评价")
    add_symbol(line, "F0A8")
    line.add_run("   项目完成结果评价")
    add_symbol(line, "F0FE")
    document.add_paragraph("报告日期：2019 年1月24日")
    document.add_heading("一、项 目 基 本 概 况", 1)

    funds = document.add_table(rows=3, cols=8)
    labels = [
        "计划安排资金\n\n（万元）",
        "实际到位资金\n\n（万元）",
        "实际支出\n\n（万元）",
        "结余（万元）",
    ]
    values = ["898.7", "898.7", "898.7", "0"]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        funds.cell(0, 2 * i).text = label
        funds.cell(0, 2 * i + 1).text = value
        funds.cell(1, 2 * i).text = "其中：中央财政"
    funds.cell(2, 0).merge(funds.cell(2, 7)).text = "二、绩 效 目 标"

    document.add_paragraph("金额单位：万元")
    indicators = document.add_table(rows=1 + len(INDICATORS), cols=7)
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    for c, text in enumerate(header):
        indicators.cell(0, c).text = text
    level1 = indicators.cell(1, 0).merge(indicators.cell(len(INDICATORS), 0))
    level1.text = "产\n出\n指\n标"
    for r, row in enumerate(INDICATORS, start=1):
        for c, text in enumerate(row, start=1):
            indicators.cell(r, c).text = text
    indicators.cell(1, 1).merge(indicators.cell(2, 1)).text = "数量指标"
    document.add_paragraph("三、综合评价结论")
    document.add_paragraph(
        "项目依照要求决策，依据充分、目标明确，绩效自评得分92分，绩效评价等级为“优秀”。"
    )
    document.save(path)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return read_document(build(tmp_path_factory.mktemp("report") / "自评报告.docx"))


def test_every_grid_position_is_covered_once(report: Document) -> None:
    for table in report.tables:
        seen: dict[tuple[int, int], int] = {}
        for cell in table.cells:
            for r in range(cell.row, cell.last_row + 1):
                for c in range(cell.col, cell.last_col + 1):
                    key = (r, c)
                    assert key not in seen, f"table {table.index}: {key} covered twice"
                    seen[key] = 1
                    assert table.cell_at(r, c) is cell
            assert cell.provenance.table == table.index
            assert (cell.provenance.row, cell.provenance.col) == (cell.row, cell.col)
            assert cell.provenance.block == table.provenance.block
        assert list(table.cells) == sorted(table.cells, key=lambda x: (x.row, x.col))


def test_blocks_are_in_reading_order_with_block_provenance(report: Document) -> None:
    for i, block in enumerate(report.blocks):
        assert block.provenance.block == i
    kinds = [type(b).__name__ for b in report.blocks]
    assert kinds == [
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Paragraph",
        "Heading",
        "Table",
        "Paragraph",
        "Table",
        "Heading",
        "Paragraph",
    ]
    assert [t.index for t in report.tables] == [0, 1]


def test_cover_check_boxes(report: Document) -> None:
    line = report.blocks[2]
    assert isinstance(line, Paragraph)
    assert line.text == "评价类型：项目实施过程评价□   项目完成结果评价☑"


def test_headings(report: Document) -> None:
    headings = [b for b in report.blocks if isinstance(b, Heading)]
    assert [(h.text, h.level, h.numbering) for h in headings] == [
        ("一、项 目 基 本 概 况", 1, "一、"),
        ("三、综合评价结论", 1, "三、"),
    ]


def test_funds_table(report: Document) -> None:
    funds: Table = report.tables[0]
    assert (funds.n_rows, funds.n_cols) == (3, 8)
    assert funds.row_texts(0)[:2] == ("计划安排资金\n\n（万元）", "898.7")
    banner = funds.cell_at(2, 5)
    assert banner is not None and banner.text == "二、绩 效 目 标" and banner.col_span == 8
    assert funds.caption is None


def test_indicator_table(report: Document) -> None:
    table = report.tables[1]
    assert table.caption == "金额单位：万元"
    level1 = table.cell_at(len(INDICATORS), 0)
    assert level1 is not None and level1.text == "产\n出\n指\n标"
    assert (level1.row, level1.row_span) == (1, len(INDICATORS))
    quantity = table.cell_at(2, 1)
    assert quantity is not None and quantity.text == "数量指标" and quantity.row_span == 2
    for r, row in enumerate(INDICATORS, start=1):
        assert table.row_texts(r)[2:] == row[1:]
    assert sum(1 for c in table.cells if c.text == "产\n出\n指\n标") == 1


def test_page_count_from_stale_statistics_is_not_trusted(tmp_path: Path) -> None:
    """python-docx leaves the template's <Pages>1</Pages> beside <Words>0</Words>."""
    from docx import Document

    from jixiao.extract import read_document

    doc = Document()
    for _ in range(3):
        doc.add_paragraph("项目名称：某某项目。" * 40)
        doc.add_page_break()
    path = tmp_path / "generated.docx"
    doc.save(path)
    assert read_document(path).source.pages is None
