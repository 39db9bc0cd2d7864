"""Shared reportlab furniture for the PDF samples: fonts, styles, page decorations.

Every sample uses the CID font ``STSong-Light`` (UniGB-UCS2-H, not embedded): pdfminer
maps it back to Unicode, so the samples have a real text layer. Documents are built
with ``invariant=1`` so rebuilding gives identical bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = ParagraphStyle(
    "body",
    fontName=FONT,
    fontSize=12,
    leading=21,
    firstLineIndent=24,
    alignment=TA_JUSTIFY,
    wordWrap="CJK",
    spaceAfter=0,
)
TITLE = ParagraphStyle(
    "title", fontName=FONT, fontSize=18, leading=28, alignment=TA_CENTER, spaceAfter=14
)
HEADING = ParagraphStyle("heading", fontName=FONT, fontSize=12, leading=21, firstLineIndent=24)
CAPTION = ParagraphStyle("caption", fontName=FONT, fontSize=12, leading=20, alignment=TA_CENTER)
RIGHT = ParagraphStyle("right", fontName=FONT, fontSize=10.5, leading=16, alignment=TA_RIGHT)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12.5, wordWrap="CJK")
CELL_CENTER = ParagraphStyle("cell_center", parent=CELL, alignment=TA_CENTER)

PageDecorator = Callable[[Canvas, SimpleDocTemplate], None]


def para(text: str, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(text, style)


def cell(text: str, style: ParagraphStyle = CELL) -> Paragraph | str:
    """A wrapping table cell (empty text stays an empty string)."""
    return Paragraph(text, style) if text else ""


def ruled_table(
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    spans: Sequence[tuple[int, int, int, int]] = (),
    repeat_rows: int = 0,
    header_rows: int = 0,
    split_in_row: bool = False,
) -> Table:
    """A fully ruled grid; ``spans`` are (col0, row0, col1, row1) like reportlab's SPAN."""
    table = Table(
        [list(r) for r in rows],
        colWidths=list(col_widths),
        repeatRows=repeat_rows,
        splitInRow=int(split_in_row),
        hAlign="CENTER",
    )
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 9),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#e8e8e8")))
    style += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in spans]
    table.setStyle(TableStyle(style))
    return table


def page_number_footer(style: str, header: str | None = None) -> PageDecorator:
    """Decorate each page: a page number (``dash`` "- 3 -" or ``of`` "第 3 页 共 N 页")."""

    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width, _height = canvas._pagesize
        canvas.saveState()
        canvas.setFont(FONT, 10)
        number = canvas.getPageNumber()
        total = getattr(doc, "total_pages", 0)
        label = f"- {number} -" if style == "dash" else f"第 {number} 页 共 {total} 页"
        canvas.drawCentredString(width / 2, 28, label)
        if header and number > 1:
            canvas.drawRightString(width - doc.rightMargin, _height - 36, header)
            canvas.setLineWidth(0.4)
            canvas.line(doc.leftMargin, _height - 40, width - doc.rightMargin, _height - 40)
        canvas.restoreState()

    return draw


def build(
    path: Path,
    story: list[Flowable],
    decorate: PageDecorator,
    pagesize: tuple[float, float] = A4,
    total_pages: int = 0,
    margins: float = 64,
) -> None:
    """Render ``story`` to ``path`` deterministically."""
    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=margins,
        rightMargin=margins,
        topMargin=60,
        bottomMargin=56,
        invariant=1,
        title=path.stem,
        author="jixiao samples",
        creator="reportlab",
    )
    doc.total_pages = total_pages  # type: ignore[attr-defined]
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
