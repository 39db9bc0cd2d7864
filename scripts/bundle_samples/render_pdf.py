"""Render a bundle ``Sample`` straight to PDF with reportlab (the "drawn" producer).

Fonts: the CID font ``STSong-Light`` from ``scripts.pdf_samples.common`` (not embedded,
so files stay small; pdfminer maps it back to Unicode). Two page templates, portrait and
landscape A4. The contents page is filled in a second pass with the page numbers the
first pass recorded; the same pass records the pages of the unit markers, which the
builder writes into the ground truth.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus import Spacer as RLSpacer

from scripts.bundle_samples import blocks as b
from scripts.pdf_samples.common import FONT

MARGIN = 62
_ALIGN = {"justify": TA_JUSTIFY, "center": TA_CENTER, "right": TA_RIGHT, "left": TA_LEFT}


def _style(size: float, *, align: int = TA_JUSTIFY, indent: bool = False, leading: float = 0):
    return ParagraphStyle(
        f"s{size}{align}{indent}",
        fontName=FONT,
        fontSize=size,
        leading=leading or size * 1.65,
        alignment=align,
        firstLineIndent=2 * size if indent else 0,
        wordWrap="CJK",
    )


class Marker(Flowable):
    """A zero-size flowable whose page the template records (headings, unit bounds)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class TocLine(Flowable):
    """``第一部分 部门概况 ……………… 3``: text, dotted leader, right-aligned page number."""

    def __init__(self, text: str, page: int, level: int) -> None:
        super().__init__()
        self.text, self.page, self.level = text, page, level
        self.size = 12 if level == 1 else 11

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.size * 2

    def draw(self) -> None:
        c = self.canv
        c.setFont(FONT, self.size)
        x0 = 0 if self.level == 1 else 2 * self.size
        c.drawString(x0, 4, self.text)
        number = str(self.page)
        c.drawRightString(self.width, 4, number)
        start = x0 + stringWidth(self.text, FONT, self.size) + 4
        end = self.width - stringWidth(number, FONT, self.size) - 4
        dot = stringWidth("·", FONT, self.size)
        count = int((end - start) / dot)
        if count > 0:
            c.drawRightString(end, 4, "·" * count)


@dataclass
class _Pass:
    pages: dict[str, int] = field(default_factory=dict)


class _Doc(BaseDocTemplate):
    def __init__(self, target: object, record: _Pass, sample: b.Sample, **kw: object) -> None:
        super().__init__(target, **kw)
        self.record = record
        self.sample = sample
        portrait_frame = Frame(MARGIN, 56, A4[0] - 2 * MARGIN, A4[1] - 116, id="p")
        lw, lh = landscape(A4)
        land_frame = Frame(48, 50, lw - 96, lh - 100, id="l")
        self.addPageTemplates(
            [
                PageTemplate("portrait", [portrait_frame], onPage=self._decorate, pagesize=A4),
                PageTemplate(
                    "landscape", [land_frame], onPage=self._decorate, pagesize=landscape(A4)
                ),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Marker):
            self.record.pages.setdefault(flowable.key, self.page)

    def _decorate(self, canvas: object, doc: object) -> None:
        number = canvas.getPageNumber()  # type: ignore[attr-defined]
        if number == 1:
            return
        width, height = canvas._pagesize  # type: ignore[attr-defined]
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(FONT, 10)  # type: ignore[attr-defined]
        canvas.drawCentredString(width / 2, 26, f"- {number} -")  # type: ignore[attr-defined]
        if self.sample.header:
            canvas.setFont(FONT, 9)  # type: ignore[attr-defined]
            canvas.drawRightString(width - 48, height - 34, self.sample.header)  # type: ignore[attr-defined]
            canvas.setLineWidth(0.4)  # type: ignore[attr-defined]
            canvas.line(48, height - 38, width - 48, height - 38)  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]


def _cell(text: str, size: float, align: int, bold: bool) -> Paragraph | str:
    if not text:
        return ""
    style = _style(size, align=align, leading=size * 1.35)
    body = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br/>")
    if bold:
        body = f"<b>{body}</b>"
    return Paragraph(body, style)


def _table(grid: b.Grid, rows: list[list[str]], width: float, repeat: int) -> Table:
    n_cols = len(grid.widths)
    scale = width / sum(grid.widths)
    widths = [w * scale for w in grid.widths]
    cells = []
    for r, row in enumerate(rows):
        out = []
        for c, text in enumerate(row + [""] * (n_cols - len(row))):
            if text in (b.LEFT, b.UP):
                out.append("")
                continue
            if b.is_number(text) and r >= grid.header_rows:
                align = TA_RIGHT
            elif c in grid.left_cols or len(text) > 14:
                align = TA_LEFT
            else:
                align = TA_CENTER
            out.append(_cell(text, grid.font_size, align, r in grid.bold_rows))
        cells.append(out)
    table = Table(cells, colWidths=widths, repeatRows=repeat, hAlign="CENTER")
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, grid.font_size),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), grid.padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), grid.padding),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in b.spans(rows)]
    table.setStyle(TableStyle(style))
    return table


class FormGrid(Flowable):
    """A form table that splits at any row, even inside vertically merged cells.

    reportlab will not split a table inside a row span, and a form's 绩效指标 column
    spans every indicator row. This flowable cuts the grid itself: the rows that fit
    stay on the page; on the next page a merged cell continues empty (as Word prints
    it), below a copy of the indicator header row when ``grid.repeat_from`` is set.
    """

    def __init__(self, grid: b.Grid, rows: list[list[str]], width: float) -> None:
        super().__init__()
        self.grid, self.rows, self.width_avail = grid, rows, width
        self.table = _table(grid, rows, width, 0)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(aw, ah)
        return self.width, self.height

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.table.wrap(aw, ah)
        heights = self.table._rowHeights
        used, n = 0.0, 0
        while n < len(heights) and used + heights[n] <= ah:
            used += heights[n]
            n += 1
        first_table = None
        while n >= 3:
            first_table = _table(self.grid, self.rows[:n], self.width_avail, 0)
            if first_table.wrap(aw, ah)[1] <= ah:
                break
            n -= 1
        if n < 3 or n >= len(self.rows) or first_table is None:
            return []
        rest = [list(r) for r in self.rows[n:]]
        for c, text in enumerate(rest[0]):
            if text == b.UP:
                rest[0][c] = ""
        repeat = self.grid.repeat_from
        if repeat is not None and repeat < n and self.rows[n][0] == b.UP:
            rest[0][0] = b.UP  # the 绩效指标 label continues the repeated header's cell
            rest = [list(self.rows[repeat]), *rest]
        return [first_table, FormGrid(self.grid, rest, self.width_avail)]


def _grid(grid: b.Grid, width: float) -> list[Flowable]:
    rows = [list(r) for r in grid.rows]
    if grid.form:
        return [FormGrid(grid, rows, width)]
    return [_table(grid, rows, width, grid.header_rows)]


def _story(sample: b.Sample, toc: dict[str, int]) -> list[Flowable]:
    story: list[Flowable] = []
    landscape_now = False
    width = A4[0] - 2 * MARGIN
    headings = 0
    for block in sample.blocks:
        if isinstance(block, b.Cover):
            story.append(RLSpacer(1, 150))
            for text in block.titles:
                story.append(Paragraph(text, _style(24, align=TA_CENTER, leading=44)))
            story.append(RLSpacer(1, 260))
            for text in block.lines:
                story.append(Paragraph(text, _style(15, align=TA_CENTER, leading=30)))
        elif isinstance(block, b.Contents):
            story.append(Paragraph(block.title, _style(18, align=TA_CENTER, leading=40)))
            for key, (text, level) in _toc_entries(sample).items():
                story.append(TocLine(text, toc.get(key, 0), level))
        elif isinstance(block, b.Heading):
            headings += 1
            key = f"h{headings}"
            size = {1: 16, 2: 13}.get(block.level, 12)
            align = TA_CENTER if block.center or block.level == 1 else TA_LEFT
            text = f"<b>{block.text}</b>" if block.level > 1 else block.text
            story.append(Marker(key))
            story.append(
                Paragraph(text, _style(size, align=align, indent=block.level > 1, leading=size * 2))
            )
        elif isinstance(block, b.Para):
            text = f"<b>{block.text}</b>" if block.bold else block.text
            style = _style(
                block.size, align=_ALIGN[block.align], indent=block.indent, leading=block.size * 1.9
            )
            story.append(Paragraph(text, style))
        elif isinstance(block, b.NoteLine):
            w = landscape(A4)[0] - 96 if landscape_now else width
            t = Table(
                [
                    [
                        Paragraph(block.left, _style(10)),
                        Paragraph(block.right, _style(10, align=TA_RIGHT)),
                    ]
                ],
                colWidths=[w * 0.7, w * 0.3],
            )
            t.setStyle(
                TableStyle(
                    [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
                )
            )
            story.append(t)
        elif isinstance(block, b.Grid):
            w = landscape(A4)[0] - 96 if landscape_now else width
            story.extend(_grid(block, w))
        elif isinstance(block, b.PageBreak):
            landscape_now = block.landscape
            story.append(NextPageTemplate("landscape" if block.landscape else "portrait"))
            story.append(PageBreak())
        elif isinstance(block, b.Spacer):
            story.append(RLSpacer(1, block.height))
        elif isinstance(block, b.UnitStart):
            story.append(Marker(f"start:{block.key}"))
        elif isinstance(block, b.UnitEnd):
            story.append(Marker(f"end:{block.key}"))
    return story


def _toc_entries(sample: b.Sample) -> dict[str, tuple[str, int]]:
    entries = {}
    n = 0
    for block in sample.blocks:
        if isinstance(block, b.Heading):
            n += 1
            if block.toc:
                entries[f"h{n}"] = (block.text, block.level)
    return entries


def render(sample: b.Sample, path: Path) -> dict[str, int]:
    """Write ``path``; return the page of every marker (``start:KEY``/``end:KEY``, ``hN``)."""
    first = _Pass()
    _build(sample, io.BytesIO(), first, {})
    final = _Pass()
    _build(sample, str(path), final, first.pages)
    if final.pages != first.pages:
        raise RuntimeError("contents page changed the pagination; rerun with a fixed TOC")
    return final.pages


def _build(sample: b.Sample, target: object, record: _Pass, toc: dict[str, int]) -> None:
    doc = _Doc(
        target,
        record,
        sample,
        pagesize=A4,
        invariant=1,
        title=sample.stem,
        author="jixiao samples",
        creator="reportlab",
    )
    doc.build(_story(sample, toc))
