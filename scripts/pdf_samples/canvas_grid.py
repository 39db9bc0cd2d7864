"""Forms drawn straight on a reportlab canvas from a spec: text lines and table grids.

platypus cannot split a merged row over a page break, nor print a merged cell's text
again on the next page, as some reporting systems do; drawing the cells from a spec
can. Coordinates are measured from the top of the page (``top``), as pdfplumber does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .common import FONT

PAD = 3.0
#: the glyph box of STSong-Light sits this fraction of the size above the baseline
ASCENT = 0.86


@dataclass(frozen=True)
class GridCell:
    """One cell at its top-left grid position, spanning ``rows`` × ``cols``."""

    text: str
    row: int
    col: int
    rows: int = 1
    cols: int = 1
    align: str = "center"  # center | left | right
    valign: str = "middle"  # middle | top


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy CJK line breaking: as many characters as fit, explicit ``\\n`` kept."""
    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and stringWidth(line + ch, FONT, size) > width:
                out.append(line)
                line = ch
            else:
                line += ch
        out.append(line)
    return out


def draw_line(
    c: Canvas, text: str, top: float, size: float, *, x: float, align: str = "left"
) -> None:
    """One text line whose glyph box starts at ``top``; ``x`` is its left, centre or
    right edge as ``align`` says."""
    height = c._pagesize[1]
    baseline = height - top - ASCENT * size
    c.setFont(FONT, size)
    if align == "center":
        c.drawCentredString(x, baseline, text)
    elif align == "right":
        c.drawRightString(x, baseline, text)
    else:
        c.drawString(x, baseline, text)


def draw_text_box(
    c: Canvas,
    text: str,
    box: tuple[float, float, float, float],
    size: float,
    leading: float,
    align: str = "center",
    valign: str = "middle",
) -> None:
    """``text`` wrapped into ``box`` (x0, top, x1, bottom), vertically centred or at the
    top."""
    x0, top, x1, bottom = box
    lines = wrap(text, x1 - x0 - 2 * PAD, size) if text else []
    block = len(lines) * leading - (leading - size)
    first = top + PAD + 1 if valign == "top" else top + (bottom - top - block) / 2
    for k, line in enumerate(lines):
        where = {"center": (x0 + x1) / 2, "left": x0 + PAD, "right": x1 - PAD}[align]
        draw_line(c, line, first + k * leading, size, x=where, align=align)


def row_heights(
    widths: Sequence[float],
    n_rows: int,
    cells: Sequence[GridCell],
    size: float,
    leading: float,
    minimum: float,
) -> list[float]:
    """Each row tall enough for its single-row cells' wrapped text."""
    heights = [minimum] * n_rows
    for cell in cells:
        if cell.rows != 1 or not cell.text:
            continue
        width = sum(widths[cell.col : cell.col + cell.cols]) - 2 * PAD
        lines = len(wrap(cell.text, width, size))
        heights[cell.row] = max(heights[cell.row], lines * leading + 2 * PAD + 2)
    return heights


def draw_grid(
    c: Canvas,
    x: float,
    top: float,
    widths: Sequence[float],
    heights: Sequence[float],
    cells: Sequence[GridCell],
    size: float,
    leading: float,
    *,
    ruled: bool = True,
    line_width: float = 0.6,
) -> float:
    """Draw a table (every cell ruled, or only a top and a bottom rule); return its
    bottom."""
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for h in heights:
        ys.append(ys[-1] + h)
    height = c._pagesize[1]
    c.setLineWidth(line_width)
    if not ruled:
        c.line(xs[0], height - ys[0], xs[-1], height - ys[0])
        c.line(xs[0], height - ys[-1], xs[-1], height - ys[-1])
    for cell in cells:
        box = (xs[cell.col], ys[cell.row], xs[cell.col + cell.cols], ys[cell.row + cell.rows])
        if ruled:
            c.rect(box[0], height - box[3], box[2] - box[0], box[3] - box[1])
        draw_text_box(c, cell.text, box, size, leading, cell.align, cell.valign)
    return ys[-1]
