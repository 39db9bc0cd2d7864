"""The neutral document model: grids, merged cells, provenance, plain text."""

from __future__ import annotations

from jixiao.extract.model import (
    Cell,
    Document,
    Heading,
    Paragraph,
    Provenance,
    SourceInfo,
    Table,
)


def cell(text: str, row: int, col: int, row_span: int = 1, col_span: int = 1) -> Cell:
    return Cell(text, row, col, Provenance(block=1, table=0, row=row, col=col), row_span, col_span)


def sample_table() -> Table:
    # | 项目名称 (2 wide)   | x |
    # | 产出 (2 tall) | a   | b |
    # |               | c   |   |   <- ragged: (2, 2) uncovered
    cells = (
        cell("项目名称", 0, 0, col_span=2),
        cell("x", 0, 2),
        cell("产出", 1, 0, row_span=2),
        cell("a", 1, 1),
        cell("b", 1, 2),
        cell("c", 2, 1),
    )
    return Table(0, 3, 3, cells, Provenance(block=1, table=0))


def test_cell_at_maps_merged_positions_and_gaps() -> None:
    table = sample_table()
    assert table.cell_at(0, 1) is table.cell_at(0, 0)
    assert table.cell_at(2, 0) is table.cell_at(1, 0)
    assert table.cell_at(2, 2) is None
    assert table.cell_at(5, 0) is None and table.cell_at(-1, 0) is None
    assert table.cell_at(1, 0).last_row == 2
    assert table.cell_at(0, 0).last_col == 1


def test_rows_and_row_texts() -> None:
    table = sample_table()
    assert [c.text for c in table.row_cells(2)] == ["产出", "c"]
    assert table.row_texts(0) == ("项目名称", "项目名称", "x")
    assert table.row_texts(2) == ("产出", "c", "")
    assert [len(r) for r in table.rows()] == [2, 3, 2]


def test_plain_text_and_tables() -> None:
    source = SourceInfo("a.docx", "0" * 64, "docx", 10)
    doc = Document(
        source,
        (
            Heading("一、项目概况", 1, Provenance(block=0), "一、"),
            sample_table(),
            Paragraph("正文", Provenance(block=2)),
        ),
    )
    assert doc.tables == (doc.blocks[1],)
    assert doc.plain_text() == "一、项目概况\n项目名称\tx\n产出\ta\tb\n产出\tc\n正文"


def test_provenance_to_dict() -> None:
    prov = Provenance(page=2, bbox=(1.04, 2.0, 3.0, 4.06), table=1, row=0, col=3, via="ocr")
    assert prov.to_dict() == {
        "table": 1,
        "row": 0,
        "col": 3,
        "page": 2,
        "bbox": [1.0, 2.0, 3.0, 4.1],
        "via": "ocr",
    }
