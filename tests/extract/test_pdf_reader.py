"""The PDF reader on the committed samples (built by scripts/build_pdf_samples.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.extract.model import Document, Heading, Paragraph, SourceInfo, Table
from jixiao.extract.pdf import read_pdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CHANGSHA = SAMPLES / "changsha_2018_egov_special_funds_evaluation.pdf"
SHAOGUAN = SAMPLES / "shaoguan_2020_12345_hotline_basic_info.pdf"
WATER = SAMPLES / "pingjiang_2021_rural_water_three_page_table.pdf"
PAGE_NUMBER = re.compile(r"^(- \d+ -|第 \d+ 页 共 \d+ 页)$")


def read(path: Path) -> Document:
    return read_pdf(path, SourceInfo(str(path), "0" * 64, "pdf", path.stat().st_size))


@pytest.fixture(scope="module")
def changsha() -> Document:
    return read(CHANGSHA)


@pytest.fixture(scope="module")
def shaoguan() -> Document:
    return read(SHAOGUAN)


@pytest.fixture(scope="module")
def water() -> Document:
    return read(WATER)


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if not isinstance(b, Table)]


def test_changsha_headings_in_order(changsha: Document) -> None:
    headings = [b for b in changsha.blocks if isinstance(b, Heading)]
    assert headings[0].text == "2018年长沙市人民政府电子政务管理办公室专项资金绩效评价报告"
    level1 = [h.numbering for h in headings if h.level == 1 and h.numbering]
    assert level1 == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、"]
    assert any(h.level == 2 and h.text == "（一）项目资金使用情况" for h in headings)


def test_changsha_paragraphs_reflowed_without_furniture(changsha: Document) -> None:
    body = texts(changsha)
    conclusion = next(t for t in body if "综合评分" in t)
    assert "项目综合评分为 77.48 分，评价等次为“中”。" in conclusion
    assert "\n" not in conclusion
    # the paragraph that runs from page 1 onto page 2 is one paragraph
    funds = next(t for t in body if t.startswith("2018年长沙市人民政府电子政务管理办公室纳入"))
    assert funds.endswith("“我的长沙”APP项目资金119.05万元。具体情况详见下表：")
    assert not any(PAGE_NUMBER.match(t) for t in body)
    assert "长沙市财政局绩效评价报告" not in body  # the running header
    assert body[-2:] == ["长沙市财政局", "2018 年 8 月 10 日"]


def test_changsha_unruled_funds_table(changsha: Document) -> None:
    funds = changsha.tables[0]
    assert (funds.n_rows, funds.n_cols) == (8, 6)
    assert funds.row_texts(0) == (
        "项目名称",
        "指标文号",
        "总指标金额",
        "已支付金额",
        "结余金额",
        "执行率",
    )
    assert funds.row_texts(2)[0] == "网站群、网络平台、微信微博及相关系统的运维项目"
    assert funds.row_texts(7) == ("合计", "", "2,324.67", "2,053.30", "271.37", "88.33%")
    assert funds.caption is not None and "单位：万元" in funds.caption


def test_changsha_contract_table_crosses_a_page_as_one_table(changsha: Document) -> None:
    assert len(changsha.tables) == 3
    ops = changsha.tables[1]
    headers = [r for r in range(ops.n_rows) if ops.row_texts(r)[0] == "项目名称"]
    assert headers == [0]  # the repeated header on the next page is dropped
    pages = {c.provenance.page for c in ops.cells}
    assert pages == {3, 4}
    assert ops.provenance.page == 3
    office = ops.cell_at(1, 0)
    assert office is not None and office.text == "长沙市政府协同办公系统运维项目"
    assert office.row_span == 13
    note = ops.cell_at(2, 5)
    assert note is not None and note.text.startswith(
        "2018年续签合同总价款39.70万元,第一季度支付30%"
    )
    subtotals = [ops.row_texts(r)[3] for r in range(ops.n_rows) if ops.row_texts(r)[2] == "小计"]
    assert subtotals == ["71.80", "28.40", "130.20", "5.84"]


def test_changsha_smallbiz_table_keeps_the_2108_typo(changsha: Document) -> None:
    smallbiz = changsha.tables[2]
    unit = smallbiz.cell_at(3, 0)
    assert unit is not None and unit.text == "广州市泰富信通科技有限公司" and unit.row_span == 8
    assert "2108 年支付 217 万元" in smallbiz.cell_at(1, 4).text  # type: ignore[union-attr]


def test_cells_carry_provenance(changsha: Document) -> None:
    for table in changsha.tables:
        for cell in table.cells:
            prov = cell.provenance
            assert (prov.table, prov.row, prov.col) == (table.index, cell.row, cell.col)
            assert prov.page is not None
    for block in changsha.blocks:
        if isinstance(block, (Heading, Paragraph)):
            assert block.provenance.page and block.provenance.bbox


def test_shaoguan_merged_row_headers_and_wrapped_cells(shaoguan: Document) -> None:
    form = shaoguan.tables[0]
    assert (form.n_rows, form.n_cols) == (25, 9)
    spans = {c.text: (c.row_span, c.col_span) for c in form.cells if c.text}
    assert spans["基本情况"] == (4, 1)
    assert spans["资金概况"] == (7, 1)
    assert spans["绩效目标情况"] == (3, 1)
    assert spans["绩效指标情况"] == (10, 1)  # on the page after the break
    assert spans["预算安排额度"] == (1, 5)
    assert "0751-8877716" in spans
    assert any(
        t.startswith("对原12345政府服务热线和网络问政平台进行整合升级,建成一套平台") for t in spans
    )
    assert form.caption == "金额单位：万元"


def test_shaoguan_self_evaluation_form(shaoguan: Document) -> None:
    report = shaoguan.tables[1]
    assert report.n_cols == 2
    labels = [report.row_texts(r)[0] for r in range(report.n_rows)]
    row = labels.index("（三）简述项目自评等级和分数，并对照佐证材料逐一分析。")
    text = report.row_texts(row)[1]
    assert text.startswith("该项目自评等级为优，分数为99.98，下面逐一分析。\n一、项目立项\n")


def test_three_page_table_is_one_table(water: Document) -> None:
    assert len(water.tables) == 1
    table = water.tables[0]
    assert {c.provenance.page for c in table.cells} == {1, 2, 3}
    assert table.n_cols == 8
    assert table.n_rows == 1 + 27 + 1  # header, 27 indicators, 总分
    firsts = [table.row_texts(r)[2] for r in range(table.n_rows)]
    assert firsts.count("三级指标") == 1
    assert "" not in firsts[1:-1]  # no split-row fragments left as rows
    scores = [float(table.row_texts(r)[6]) for r in range(1, table.n_rows - 1)]
    assert sum(scores) == float(table.row_texts(table.n_rows - 1)[6])
    split = table.row_texts(firsts.index("水费收缴率"))[7]
    assert split.endswith("并将剩余工程量纳入下一年度计划，确保按期完工。")
    assert not any(PAGE_NUMBER.match(t) for t in texts(water))
