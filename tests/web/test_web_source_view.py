"""The source views escape document text and mark the value's cell or phrase."""

from __future__ import annotations

from jixiao.extract.model import Cell, Document, Paragraph, Provenance, SourceInfo, Table
from jixiao.web.source_view import find_table, paragraph_html, table_html

HOSTILE = "<script>alert(1)</script>"


def _table() -> Table:
    here = Provenance(table=0)
    cells = (
        Cell("项目", 0, 0, here),
        Cell(HOSTILE, 0, 1, here, col_span=2),
        Cell("资金\n(万元)", 1, 0, here, row_span=2),
        Cell("898.7", 1, 1, here),
        Cell("629.09", 1, 2, here),
        Cell("1", 2, 1, here),
        Cell("2", 2, 2, here),
    )
    return Table(index=0, n_rows=3, n_cols=3, cells=cells, provenance=here)


def test_the_table_spans_merged_cells_marks_the_value_and_escapes_text() -> None:
    html = str(table_html(_table(), 1, 2))
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert '<td colspan="2">' in html and '<td rowspan="2">资金<br>(万元)</td>' in html
    assert '<td class="highlight" id="source-cell">629.09</td>' in html
    assert html.count("<td") == 7
    # A merged cell is marked from any grid position it covers.
    assert 'rowspan="2" class="highlight"' in str(table_html(_table(), 2, 0))


def test_the_paragraph_marks_the_phrase_or_the_whole_text() -> None:
    doc = Document(
        source=SourceInfo(path="x.docx", sha256="0" * 64, format="docx", size=1),
        blocks=(Paragraph(f"综合得分92分 {HOSTILE}", Provenance(block=0)), _table()),
    )
    marked = str(paragraph_html(doc, 0, "92"))
    assert '<mark class="highlight">92</mark>' in marked and HOSTILE not in marked
    whole = str(paragraph_html(doc, 0, "优"))
    assert whole.startswith('<p class="source-paragraph"><mark class="highlight">综合得分')
    assert paragraph_html(doc, 1, "x") is None and paragraph_html(doc, 9, "x") is None
    assert find_table(doc, 0) is not None and find_table(doc, 3) is None
