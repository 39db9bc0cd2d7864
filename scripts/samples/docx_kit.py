"""A small kit for writing realistic Word reports with python-docx.

Tables are written from a grid spec so that merged cells come out as Word makes them
(``w:gridSpan`` for horizontal merges, ``w:vMerge`` restart/continue for vertical
ones):

- a string is the cell text; ``"\\n"`` inside it starts a new paragraph in the cell
  (the way people break ``经济效\\n益指标`` by hand);
- ``LEFT`` (``"<"``) merges the position into the cell on its left;
- ``UP`` (``"^"``) merges the position into the cell above.

Documents are saved deterministically (fixed zip timestamps and core properties) so
that rebuilding a sample yields the same bytes and the same SHA-256.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

LEFT = "<"
UP = "^"
FIXED_TIME = dt.datetime(2021, 1, 1, 8, 0, 0)
BODY_FONT = "宋体"
HEADING_FONT = "黑体"


def start(*, landscape: bool = False) -> Document:
    """A new A4 document with a Chinese body font."""
    doc = new_document()
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    if landscape:
        section.page_width, section.page_height = section.page_height, section.page_width
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    return doc


def title(doc: Document, text: str, *, size: int = 16) -> None:
    """A centred bold title line (a plain paragraph, as most forms have it)."""
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    run.bold = True
    run.font.size = Pt(size)
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEADING_FONT)


def heading(doc: Document, text: str, level: int = 1) -> None:
    """A Word heading style paragraph (``Heading N``)."""
    doc.add_heading(text, level=level)


def para(doc: Document, text: str, *, indent: bool = True, bold: bool = False) -> None:
    """A body paragraph; ``indent`` adds the customary two-character first-line indent."""
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(21)
    run = paragraph.add_run(text)
    run.bold = bold


def paras(doc: Document, texts: Sequence[str], *, indent: bool = True) -> None:
    for text in texts:
        para(doc, text, indent=indent)


def table(
    doc: Document,
    rows: Sequence[Sequence[str]],
    *,
    widths_cm: Sequence[float] | None = None,
    font_size: float = 9,
) -> Table:
    """A bordered table from a grid spec (see the module docstring)."""
    n_cols = max(len(r) for r in rows)
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    tbl = doc.add_table(rows=len(grid), cols=n_cols)
    tbl.style = "Table Grid"
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value in (LEFT, UP):
                continue
            _write_cell(tbl.cell(r, c), value, font_size)
    _merge(tbl, grid)
    if widths_cm:
        for r in range(len(grid)):
            for c, width in enumerate(widths_cm[:n_cols]):
                tbl.rows[r].cells[c].width = Cm(width)
    return tbl


def _write_cell(cell: object, value: str, font_size: float) -> None:
    lines = value.split("\n")
    first = cell.paragraphs[0]  # type: ignore[attr-defined]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()  # type: ignore[attr-defined]
        run = paragraph.add_run(line)
        run.font.size = Pt(font_size)


def _merge(tbl: Table, grid: list[list[str]]) -> None:
    """Merge each origin cell with the LEFT/UP markers that extend it (a rectangle)."""
    n_rows, n_cols = len(grid), len(grid[0])
    for r in range(n_rows):
        for c in range(n_cols):
            if grid[r][c] in (LEFT, UP):
                continue
            last_c = c
            while last_c + 1 < n_cols and grid[r][last_c + 1] == LEFT:
                last_c += 1
            last_r = r
            while last_r + 1 < n_rows and grid[last_r + 1][c] == UP:
                last_r += 1
            if (last_r, last_c) != (r, c):
                text_before = tbl.cell(r, c).text
                merged = tbl.cell(r, c).merge(tbl.cell(last_r, last_c))
                _drop_empty_merge_paragraphs(merged, text_before)


def _drop_empty_merge_paragraphs(cell: object, text_before: str) -> None:
    """python-docx appends the merged cells' (empty) paragraphs; Word keeps one."""
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    keep = max(1, len(text_before.split("\n")))
    for paragraph in paragraphs[keep:]:
        if not paragraph.text:
            paragraph._element.getparent().remove(paragraph._element)


def page_break(doc: Document) -> None:
    doc.add_page_break()


def save(doc: Document, path: Path, *, author: str = "") -> None:
    """Save with fixed metadata and zip timestamps so the bytes are reproducible."""
    props = doc.core_properties
    props.created = props.modified = FIXED_TIME
    props.last_modified_by = props.author = author
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
