"""DOCX tables: merged cells, ragged rows, nested tables, reading order."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx

from jixiao.extract import read_document
from jixiao.extract.model import Paragraph, Table

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def write_docx(path: Path, body: str) -> Path:
    """A minimal DOCX whose body is the given WordprocessingML."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
    return path


def p(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def tbl(rows: list[str], n_grid: int, tr_props: tuple[str, ...] = ()) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(n_grid))
    trs = "".join(
        f"<w:tr><w:trPr>{tr_props[i] if i < len(tr_props) else ''}</w:trPr>{row}</w:tr>"
        for i, row in enumerate(rows)
    )
    return f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>"


def only_table(path: Path) -> Table:
    tables = read_document(path).tables
    assert len(tables) == 1
    return tables[0]


def test_python_docx_merges_resolve_to_one_cell_each(tmp_path: Path) -> None:
    doc = docx.Document()
    table = doc.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "项目名称"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "产出指标"
    table.cell(1, 1).merge(table.cell(2, 2)).text = "数量指标"
    for r in range(1, 4):
        table.cell(r, 3).text = f"v{r}"
    doc.save(tmp_path / "m.docx")

    t = only_table(tmp_path / "m.docx")
    assert (t.n_rows, t.n_cols) == (4, 4)
    spans = {c.text: (c.row, c.col, c.row_span, c.col_span) for c in t.cells if c.text}
    assert spans["项目名称"] == (0, 0, 1, 4)
    assert spans["产出指标"] == (1, 0, 3, 1)
    assert spans["数量指标"] == (1, 1, 2, 2)
    texts = [c.text for c in t.cells]
    assert texts.count("项目名称") == texts.count("产出指标") == texts.count("数量指标") == 1
    # every grid position is covered by exactly the cell that spans it
    assert t.cell_at(3, 0) is t.cell_at(1, 0)
    assert t.cell_at(2, 2).text == "数量指标"
    assert t.cell_at(0, 3).text == "项目名称"
    assert t.row_texts(2) == ("产出指标", "数量指标", "数量指标", "v2")
    assert [c.text for c in t.row_cells(2)] == ["产出指标", "数量指标", "v2"]


def test_cells_carry_table_provenance(tmp_path: Path) -> None:
    body = p("前言") + tbl([tc("a") + tc("b")], 2)
    t = only_table(write_docx(tmp_path / "x.docx", body))
    b = t.cell_at(0, 1)
    assert b is not None
    assert b.provenance.to_dict() == {"block": 1, "table": 0, "row": 0, "col": 1}
    assert t.provenance.block == 1 and t.provenance.table == 0


def test_vmerge_continue_without_restart_starts_a_cell(tmp_path: Path) -> None:
    rows = [
        tc("orphan", "<w:vMerge/>") + tc("x"),
        tc("", "<w:vMerge/>") + tc("y"),
        tc("new", '<w:vMerge w:val="restart"/>') + tc("z"),
    ]
    t = only_table(write_docx(tmp_path / "v.docx", tbl(rows, 2)))
    first = t.cell_at(0, 0)
    assert first is not None and first.text == "orphan"
    assert (first.row_span, first.col_span) == (2, 1)
    third = t.cell_at(2, 0)
    assert third is not None and third.text == "new" and third.row == 2
    assert len(t.cells) == 5


def test_vmerge_continue_under_an_unmerged_cell_starts_a_cell(tmp_path: Path) -> None:
    rows = [tc("plain"), tc("", "<w:vMerge/>"), tc("", "<w:vMerge/>")]
    t = only_table(write_docx(tmp_path / "v.docx", tbl(rows, 1)))
    assert [(c.row, c.row_span, c.text) for c in t.cells] == [(0, 1, "plain"), (1, 2, "")]


def test_continue_cell_with_leftover_text_keeps_it(tmp_path: Path) -> None:
    rows = [tc("上", '<w:vMerge w:val="restart"/>'), tc("下", "<w:vMerge/>")]
    t = only_table(write_docx(tmp_path / "v.docx", tbl(rows, 1)))
    assert len(t.cells) == 1
    assert t.cells[0].text == "上\n下" and t.cells[0].row_span == 2


def test_grid_before_after_and_ragged_rows(tmp_path: Path) -> None:
    rows = [
        tc("a") + tc("b") + tc("c"),
        tc("mid"),  # gridBefore 1, gridAfter 1
        tc("short"),  # ragged: one cell in a three-column grid
        tc("wide", '<w:gridSpan w:val="2"/>') + tc("end"),
    ]
    props = ("", '<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>')
    t = only_table(write_docx(tmp_path / "g.docx", tbl(rows, 3, props)))
    assert (t.n_rows, t.n_cols) == (4, 3)
    assert t.cell_at(1, 0) is None and t.cell_at(1, 2) is None
    mid = t.cell_at(1, 1)
    assert mid is not None and (mid.row, mid.col) == (1, 1)
    assert t.cell_at(2, 0).text == "short" and t.cell_at(2, 1) is None
    wide = t.cell_at(3, 1)
    assert wide is not None and wide.text == "wide" and wide.col_span == 2
    assert t.cell_at(3, 2).text == "end"


def test_rows_wider_than_the_grid_widen_the_table(tmp_path: Path) -> None:
    rows = [tc("a") + tc("b") + tc("c"), tc("d")]
    t = only_table(write_docx(tmp_path / "w.docx", tbl(rows, 1)))
    assert t.n_cols == 3
    assert t.row_texts(1) == ("d", "", "")


def test_legacy_hmerge_extends_the_cell_on_the_left(tmp_path: Path) -> None:
    rows = [tc("合并", '<w:hMerge w:val="restart"/>') + tc("", "<w:hMerge/>") + tc("x")]
    t = only_table(write_docx(tmp_path / "h.docx", tbl(rows, 3)))
    merged = t.cell_at(0, 1)
    assert merged is not None and merged.text == "合并" and merged.col_span == 2
    assert len(t.cells) == 2


def test_nested_table_is_kept_apart_and_indexed_after_top_level(tmp_path: Path) -> None:
    inner = tbl([tc("内1") + tc("内2")], 2)
    outer_cell = f"<w:tc>{p('外')}{inner}<w:p/></w:tc>"
    body = tbl([outer_cell + tc("b")], 2) + p("之间") + tbl([tc("second")], 1)
    doc = read_document(write_docx(tmp_path / "n.docx", body))
    first, second = doc.tables
    assert (first.index, second.index) == (0, 1)
    host = first.cell_at(0, 0)
    assert host is not None and host.text == "外"
    (nested,) = host.nested
    assert nested.index == 2
    assert [c.text for c in nested.cells] == ["内1", "内2"]
    assert nested.cells[1].provenance.to_dict() == {"block": 0, "table": 2, "row": 0, "col": 1}


def test_reading_order_and_heading_like_table_row_stays_in_table(tmp_path: Path) -> None:
    body = (
        p("前言段落")
        + tbl(
            [tc("一、项 目 基 本 概 况", '<w:gridSpan w:val="2"/>'), tc("项目负责人") + tc("张三")],
            2,
        )
        + p("二、绩效目标")
        + tbl([tc("x")], 1)
    )
    doc = read_document(write_docx(tmp_path / "o.docx", body))
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Heading", "Table"]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.cell_at(0, 1).text == "一、项 目 基 本 概 况"
    assert table.cell_at(1, 1).text == "张三"


def test_cell_paragraphs_join_with_newlines(tmp_path: Path) -> None:
    cell = f"<w:tc>{p('计划安排资金')}<w:p/>{p('（万元）')}</w:tc>"
    t = only_table(write_docx(tmp_path / "c.docx", tbl([cell], 1)))
    assert t.cells[0].text == "计划安排资金\n\n（万元）"


def test_rows_in_content_controls_and_deleted_rows(tmp_path: Path) -> None:
    sdt_row = f"<w:sdt><w:sdtContent><w:tr>{tc('in sdt')}</w:tr></w:sdtContent></w:sdt>"
    deleted = f'<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>{tc("gone")}</w:tr>'
    body = f'<w:tbl><w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>{deleted}{sdt_row}</w:tbl>'
    t = only_table(write_docx(tmp_path / "s.docx", body))
    assert [c.text for c in t.cells] == ["in sdt"]
    assert t.n_rows == 1


def test_caption_from_unit_line_above(tmp_path: Path) -> None:
    body = p("2020年度项目支出绩效自评表") + p("金额单位：万元") + tbl([tc("x")], 1)
    doc = read_document(write_docx(tmp_path / "cap.docx", body))
    assert doc.tables[0].caption == "2020年度项目支出绩效自评表\n金额单位：万元"
    assert isinstance(doc.blocks[1], Paragraph)  # the lines stay blocks too
