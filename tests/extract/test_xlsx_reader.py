"""The XLSX reader: what a sheet shows, in the same document model as a Word form."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from jixiao.errors import DocumentError
from jixiao.extract import read_document
from jixiao.extract.model import Paragraph, Table


def _save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def _form(path: Path) -> Path:
    """A small form: margin column A, merged title, unit note, merged label, rates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws["B1"] = "2022年度项目支出绩效自评表"
    ws.merge_cells("B1:E1")
    ws["B2"] = "金额单位：万元"
    ws.merge_cells("B2:E2")
    ws["B4"] = "项目名称"
    ws["C4"] = "测试项目"
    ws.merge_cells("C4:E4")
    ws["B5"] = "项目资金"
    ws.merge_cells("B5:B6")
    ws["C5"] = "全年预算数"
    ws["D5"] = "全年执行数"
    ws["E5"] = "执行率"
    ws["C6"] = 1234.5
    ws["C6"].number_format = "#,##0.00"
    ws["D6"] = 1096.0
    ws["D6"].number_format = "0.00"
    ws["E6"] = 0.8878
    ws["E6"].number_format = "0.00%"
    ws["B7"] = "隐藏行"
    ws.row_dimensions[7].hidden = True
    ws["F5"] = "隐藏列"
    ws.column_dimensions["F"].hidden = True
    ws["B8"] = "评价等次"
    ws["C8"] = "优"
    ws.merge_cells("C8:E8")
    ws["B20"].number_format = "0.00"  # a styled but empty cell far below: not a row
    return _save(wb, path)


def test_sheet_reads_like_a_word_form(tmp_path: Path) -> None:
    doc = read_document(_form(tmp_path / "form.xlsx"))
    assert doc.source.format == "xlsx"
    title, unit, table = doc.blocks
    assert isinstance(title, Paragraph) and title.text == "2022年度项目支出绩效自评表"
    assert isinstance(unit, Paragraph) and unit.text == "金额单位：万元"
    assert isinstance(table, Table)
    assert table.caption == "2022年度项目支出绩效自评表\n金额单位：万元"
    # the blank row 3, hidden row 7, hidden column F, margin column A and the empty
    # styled cell B20 are not part of the grid
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert table.row_texts(0) == ("项目名称", "测试项目", "测试项目", "测试项目")
    assert table.row_texts(2) == ("项目资金", "1,234.50", "1096.00", "88.78%")
    assert table.row_texts(3) == ("评价等次", "优", "优", "优")
    label = table.cell_at(2, 0)
    assert label is not None and (label.row, label.row_span) == (1, 2)


def test_provenance_is_sheet_and_cell(tmp_path: Path) -> None:
    doc = read_document(_form(tmp_path / "form.xlsx"))
    table = doc.tables[0]
    rate = table.cell_at(2, 3)
    assert rate is not None
    assert rate.provenance.to_dict() == {
        "block": 2,
        "table": 0,
        "row": 2,
        "col": 3,
        "sheet": "自评表",
        "cell": "E6",
    }
    assert doc.blocks[0].provenance.to_dict() == {"block": 0, "sheet": "自评表", "cell": "B1"}


def test_formula_gives_its_cached_value_or_a_note(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["预算", "执行", "执行率"])
    ws.append([100, 80, "=B2/A2"])  # openpyxl saves no cached value
    path = _save(wb, tmp_path / "f.xlsx")
    doc = read_document(path)
    assert doc.tables[0].row_texts(1) == ("100", "80", "")
    (note,) = doc.notes
    assert note.code == "xlsx_formula_without_value"
    assert note.message.startswith("Sheet!C2: formula saved without a calculated value")

    # the same cell with the value Excel caches when saving
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(cached, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<f>B2/A2</f><v></v>", b"<f>B2/A2</f><v>0.8</v>")
                data = data.replace(b"<f>B2/A2</f><v/>", b"<f>B2/A2</f><v>0.8</v>")
            dst.writestr(info, data)
    doc = read_document(cached)
    assert doc.tables[0].row_texts(1) == ("100", "80", "0.8")
    assert doc.notes == ()


def test_each_sheet_is_its_own_table_in_workbook_order(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "项目一"
    first.append(["项目名称", "甲"])
    wb.create_sheet("空白")  # nothing in it: skipped
    hidden = wb.create_sheet("参数")
    hidden.append(["代码", "值"])
    hidden.sheet_state = "hidden"
    second = wb.create_sheet("项目二")
    second.append(["项目名称", "乙"])
    doc = read_document(_save(wb, tmp_path / "two.xlsx"))
    assert [t.index for t in doc.tables] == [0, 1]
    assert [b.provenance.sheet for b in doc.blocks] == ["项目一", "项目二"]
    assert doc.tables[1].row_texts(0) == ("项目名称", "乙")
    assert doc.tables[1].cells[0].provenance.block == 1


def test_locale_date_formats_show_chinese_dates(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["填报日期", dt.datetime(2023, 3, 15)])
    ws["B1"].number_format = 'yyyy"年"m"月"d"日"'
    ws.append(["评价时间", 44926])  # a serial date shown by the zh-CN built-in format 31
    path = _save(wb, tmp_path / "d.xlsx")
    patched = tmp_path / "d31.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/styles.xml":
                data = data.replace(
                    b'<cellXfs count="2">',
                    b'<cellXfs count="3">',
                ).replace(
                    b"</cellXfs>",
                    b'<xf numFmtId="31" fontId="0" fillId="0" borderId="0" '
                    b'applyNumberFormat="1"/></cellXfs>',
                )
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2" t="n">', b'<c r="B2" s="2" t="n">')
            dst.writestr(info, data)
    table = read_document(patched).tables[0]
    assert table.row_texts(0) == ("填报日期", "2023年3月15日")
    assert table.row_texts(1) == ("评价时间", "2022年12月31日")


def test_chart_only_workbook_has_a_clear_reason(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "数据"
    data.sheet_state = "hidden"
    for row in (["年", "金额"], [2021, 10], [2022, 12]):
        data.append(row)
    chart = BarChart()
    chart.add_data(Reference(data, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    wb.create_chartsheet("图表").add_chart(chart)
    empty = wb.create_sheet("空")
    empty["A1"].number_format = "0.00"
    with pytest.raises(DocumentError) as info:
        read_document(_save(wb, tmp_path / "chart.xlsx"))
    assert info.value.reason == (
        "no readable cells in any visible sheet (empty or chart-only workbook)"
    )


def test_a_column_of_single_lines_becomes_paragraphs(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(1, 20_001):  # every row a single line: all of them above any grid
        ws.cell(i, 1, f"第{i}行")
    doc = read_document(_save(wb, tmp_path / "lines.xlsx"))
    assert len(doc.blocks) == 20_000
    assert all(isinstance(b, Paragraph) for b in doc.blocks)
    assert doc.blocks[-1].provenance.cell == "A20000"
