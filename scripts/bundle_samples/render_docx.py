"""Render a bundle ``Sample`` as a Word document (python-docx), the second producer.

Real Word structures: ``Heading 1/2`` paragraphs, tables with ``w:gridSpan``/``w:vMerge``
merges (``docx_kit``), repeated header rows (``w:tblHeader``), a section per change of
orientation, a ``PAGE`` field in the footer, a 目录 typed as paragraphs with a dotted
right tab (page numbers filled in from a first LibreOffice pass by the builder).
Returns, per unit key, the indexes of the tables the unit spans.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from scripts.bundle_samples import blocks as b
from scripts.samples import docx_extras as ex
from scripts.samples.docx_kit import HEADING_FONT, page_break, save, start, table

PORTRAIT_TEXT_CM = 17.0
LANDSCAPE_TEXT_CM = 25.7
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
}


def _field(paragraph: object, instr: str) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (
        ("begin", None),
        (None, instr),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instr} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _decorate(doc: Document, header: str | None) -> None:
    section = doc.sections[-1]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    _field(footer, "PAGE")
    footer.add_run(" -")
    if header:
        para = section.header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        para.add_run(header).font.size = Pt(9)


def _new_section(doc: Document, landscape: bool) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    width, height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def _heading(doc: Document, block: b.Heading) -> None:
    para = doc.add_heading(level=block.level)
    para.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER if block.level == 1 or block.center else WD_ALIGN_PARAGRAPH.LEFT
    )
    run = para.add_run(block.text)
    run.font.size = Pt(16 if block.level == 1 else 14)
    run.font.color.rgb = RGBColor(0, 0, 0)
    run.font.name = HEADING_FONT
    run.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), HEADING_FONT)


def _toc(doc: Document, sample: b.Sample, toc: dict[str, int], title: str) -> None:
    ex.line(doc, title, size=18, bold=True, font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    n = 0
    for block in sample.blocks:
        if not isinstance(block, b.Heading):
            continue
        n += 1
        if not block.toc:
            continue
        para = doc.add_paragraph()
        fmt = para.paragraph_format
        fmt.tab_stops.add_tab_stop(Cm(PORTRAIT_TEXT_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if block.level > 1:
            fmt.left_indent = Cm(0.85)
        page = toc.get(f"h{n}")
        para.add_run(f"{block.text}\t{page if page else ''}").font.size = Pt(
            12 if block.level == 1 else 11
        )


def _grid(doc: Document, grid: b.Grid, landscape: bool) -> None:
    text_cm = LANDSCAPE_TEXT_CM if landscape else PORTRAIT_TEXT_CM
    scale = text_cm / sum(grid.widths)
    widths = [w * scale for w in grid.widths]
    # Word forms are typed in 10 pt: taller rows than the drawn PDF's.
    size = max(grid.font_size, 10) if grid.form else grid.font_size
    tbl = table(doc, [list(r) for r in grid.rows], font_size=size)
    ex.fix_widths(tbl, widths)
    ex.centre_short_cells(tbl, max_len=14)
    if grid.bold_rows:
        ex.bold_rows(tbl, grid.bold_rows)
    if grid.form:  # a form's row never breaks across pages (Word's "allow row to break" off)
        for row in tbl.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for r in range(grid.header_rows):
        tr_pr = tbl.rows[r]._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)
    for row in tbl.rows:  # numbers right-aligned, as finance tables print them
        for cell in row.cells:
            if b.is_number(cell.text) and row._index >= grid.header_rows:
                for p in cell.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render(
    sample: b.Sample, path: Path, toc: dict[str, int] | None = None
) -> dict[str, tuple[int, int]]:
    """Write ``path``; return ``{unit key: (first table index, last table index)}``."""
    doc = start()
    _decorate(doc, sample.header)
    landscape = False
    tables = 0
    units: dict[str, tuple[int, int]] = {}
    for block in sample.blocks:
        if isinstance(block, b.Cover):
            for _ in range(6):
                doc.add_paragraph()
            for text in block.titles:
                ex.line(
                    doc,
                    text,
                    size=26,
                    bold=True,
                    font=HEADING_FONT,
                    align=WD_ALIGN_PARAGRAPH.CENTER,
                )
            for _ in range(10):
                doc.add_paragraph()
            for text in block.lines:
                ex.line(doc, text, size=15, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif isinstance(block, b.Contents):
            _toc(doc, sample, toc or {}, block.title)
        elif isinstance(block, b.Heading):
            _heading(doc, block)
        elif isinstance(block, b.Para):
            para = ex.line(
                doc,
                block.text,
                size=block.size,
                bold=block.bold,
                align=_ALIGN[block.align],
                indent=block.indent,
            )
            para.paragraph_format.line_spacing = Pt(block.size * 1.7)
        elif isinstance(block, b.NoteLine):
            para = doc.add_paragraph()
            text_cm = LANDSCAPE_TEXT_CM if landscape else PORTRAIT_TEXT_CM
            para.paragraph_format.tab_stops.add_tab_stop(Cm(text_cm), WD_TAB_ALIGNMENT.RIGHT)
            para.add_run(f"{block.left}\t{block.right}").font.size = Pt(10)
        elif isinstance(block, b.Grid):
            _grid(doc, block, landscape)
            tables += 1
        elif isinstance(block, b.PageBreak):
            if block.landscape != landscape:
                _new_section(doc, block.landscape)
                landscape = block.landscape
            else:
                page_break(doc)
        elif isinstance(block, b.Spacer):
            doc.add_paragraph()
        elif isinstance(block, b.UnitStart):
            units[block.key] = (tables, -1)
        elif isinstance(block, b.UnitEnd):
            units[block.key] = (units[block.key][0], tables - 1)
    ex.final_paragraph(doc)
    save(doc, path, author="jixiao samples")
    return units
