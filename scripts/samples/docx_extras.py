"""Small additions to ``docx_kit`` for the form-like samples.

The kit writes the grid; these helpers give the result the look of a real filled-in
government form: column widths that respect merged cells, bold section rows, centred
short labels, underlined fill-in blanks on a cover page, a Word bookmark, and the
empty paragraph Word always keeps after a final table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from scripts.samples.docx_kit import HEADING_FONT

_FIELD = re.compile(r"^(\s*\S+\s+)(.*)$", re.DOTALL)


def fix_widths(tbl: Table, widths_cm: Sequence[float]) -> None:
    """Set the grid columns and every cell's width to the sum of the columns it spans.

    (The kit sets a merged cell's width to its last column only; LibreOffice then draws
    narrow merged cells.)
    """
    grid = tbl._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for tr in tbl._tbl.tr_lst:
        position = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Cm(sum(widths_cm[position : position + span]))
            position += span
    tbl.autofit = False


def bold_rows(tbl: Table, rows: Iterable[int]) -> None:
    """Bold every run of the given rows (section rows such as ``一、项目基本概况``)."""
    for r in rows:
        for cell in tbl.rows[r].cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True


def centre_short_cells(tbl: Table, *, max_len: int = 16) -> None:
    """Centre labels and short values, as form templates do; prose and cells laid out
    with typed spaces (signature blocks) stay left."""
    seen: set[object] = set()  # holding the elements keeps lxml's proxies (and ids) stable
    for row in tbl.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            texts = [p.text for p in cell.paragraphs]
            hand_spaced = any(t[:2].isspace() for t in texts)  # the typist aligned it
            if not hand_spaced and all(len(t.strip()) <= max_len for t in texts):
                for paragraph in cell.paragraphs:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def line(
    doc: Document,
    text: str,
    *,
    size: float = 10.5,
    bold: bool = False,
    font: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
) -> Paragraph:
    """One paragraph with one run; ``text`` is kept exactly (spaces included)."""
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * size)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    if font:
        run.font.name = font
        run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return paragraph


def heading_line(doc: Document, text: str, *, size: float = 12) -> Paragraph:
    """A heading typed as a bold 黑体 body paragraph (no Word heading style)."""
    return line(doc, text, size=size, bold=True, font=HEADING_FONT)


def field_line(doc: Document, text: str, *, size: float = 14) -> Paragraph:
    """A cover-page field: the label as typed, the value (and its padding) underlined.

    ``"项目单位        岳阳市政务服务中心      "`` becomes two runs whose text joins back
    to the input, so a text dump of the paragraph is unchanged.
    """
    paragraph = doc.add_paragraph()
    match = _FIELD.match(text)
    parts = [(match.group(1), False), (match.group(2), True)] if match else [(text, False)]
    for part, underline in parts:
        if not part:
            continue
        run = paragraph.add_run(part)
        run.font.size = Pt(size)
        run.underline = underline
    return paragraph


def add_bookmark(paragraph: Paragraph, name: str, bookmark_id: int = 0) -> None:
    """An empty bookmark at the start of ``paragraph`` (Word's ``_GoBack`` cursor mark)."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    ppr = paragraph._p.pPr
    index = 1 if ppr is not None else 0
    paragraph._p.insert(index, end)
    paragraph._p.insert(index, start)


def final_paragraph(doc: Document) -> None:
    """The paragraph Word keeps after a table that ends the document."""
    doc.add_paragraph()
