"""OCR text boxes → the PDF reader's words, lines and ruled tables.

The OCR engine reads text lines in pixels; the PDF reader's assembly (page furniture,
aligned tables, continued tables, re-flow into headings and paragraphs) works on
:class:`~jixiao.extract.pdf.layout.Word` in PDF points. This module converts one into
the other, so a scanned page goes through the very same assembly as a text page:


* coordinates are scaled from pixels to points;
* a box that crosses a column ruling of a table is split there (the engine sometimes
  reads two adjacent cells as one line);
* the font size, which pdfplumber knows and OCR does not, is estimated from the
  character pitch (CJK glyphs are square) or the box height;
* spaces the recogniser reads into CJK text (``342 人次``) and specks read as a point
  before a number (``.85%``) are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jixiao.extract.model import ExtractNote
from jixiao.extract.pdf.grid import RawTable
from jixiao.extract.pdf.layout import Line, Word, group_lines
from jixiao.extract.pdf.ruled_tables import build_table, inside

from .engine import OcrBox
from .grid import GridTable

#: a box height is about this many times the font size (detector padding)
HEIGHT_PER_EM = 1.3
#: below this recogniser confidence a value gets an ``ocr_low_confidence`` note
LOW_CONFIDENCE = 0.8
#: a box is split at a ruling only if at least this many ems lie on each side
MIN_SPLIT_EMS = 0.6


@dataclass(frozen=True)
class OcrPage:
    """What OCR found on one page: boxes and ruled tables, in pixels."""

    number: int
    width_pt: float
    height_pt: float
    scale: float  # pixels per point
    boxes: tuple[OcrBox, ...]
    tables: tuple[GridTable, ...]


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3000" <= ch <= "\u303f"


def text_units(text: str) -> float:
    """Width of ``text`` in ems: full-width characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


_SPECK = re.compile(r"^[.·,'`]+(?=\d)")


def box_text(text: str) -> str:
    """A box's text cleaned of what scanning, not the writer, put there.

    Layout spaces go (:func:`layout_spaces`), and so does a dot or comma before the
    first digit of a box (``.85%``): a speck of dirt next to a number reads as a point,
    while a number written ``.85`` does not occur in these reports.
    """
    return _SPECK.sub("", layout_spaces(text))


def layout_spaces(text: str) -> str:
    """Drop spaces the recogniser put between CJK and other characters.

    A gap it reads as a space next to a CJK character is typesetting (CJK/Latin
    auto-spacing, justified lines: ``342 人次``); a space between two Latin or digit
    words is a real one and stays.
    """
    out: list[str] = []
    stripped = text.strip()
    for i, ch in enumerate(stripped):
        if ch == " ":
            before = out[-1] if out else ""
            after = stripped[i + 1] if i + 1 < len(stripped) else ""
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                continue
            if before == " ":
                continue
        out.append(ch)
    return "".join(out)


def font_size(box: OcrBox, scale: float) -> float:
    """Estimated font size (points) of a box's text."""
    x0, top, x1, bottom = box.bbox
    by_height = (bottom - top) / scale / HEIGHT_PER_EM
    units = text_units(box.text)
    if units >= 3:
        by_pitch = (x1 - x0) / scale / units
        return min(by_pitch, by_height * 1.15)
    return by_height


def to_word(box: OcrBox, scale: float) -> Word:
    """A box as a word in points; top/bottom tightened to one em around its middle."""
    size = font_size(box, scale)
    x0, top, x1, bottom = (v / scale for v in box.bbox)
    middle = (top + bottom) / 2
    return Word(
        text=box_text(box.text),
        x0=x0,
        top=middle - size / 2,
        x1=x1,
        bottom=middle + size / 2,
        size=size,
    )


def split_at_rulings(box: OcrBox, tables: Sequence[GridTable], scale: float) -> list[OcrBox]:
    """Split a box that crosses a drawn column boundary of a table into its cells' parts."""
    x0, top, x1, bottom = box.bbox
    cy = (top + bottom) / 2
    em = font_size(box, scale) * scale
    cuts: list[float] = []
    for table in tables:
        if not table.ys[0] <= cy <= table.ys[-1]:
            continue
        for cell in table.cells:
            cx0, ctop, cx1, cbottom = cell.bbox
            if ctop <= cy <= cbottom:
                for edge in (cx0, cx1):
                    if x0 + MIN_SPLIT_EMS * em < edge < x1 - MIN_SPLIT_EMS * em:
                        cuts.append(edge)
    if not cuts:
        return [box]
    out: list[OcrBox] = []
    units = [text_units(ch) for ch in box.text]
    total = sum(units) or 1.0
    width = x1 - x0
    start_x, start_i, acc = x0, 0, 0.0
    bounds = iter(sorted(set(cuts)))
    cut = next(bounds, None)
    for i, u in enumerate(units):
        mid = x0 + (acc + u / 2) / total * width
        if cut is not None and mid > cut:
            out.append(replace(box, text=box.text[start_i:i], bbox=(start_x, top, cut, bottom)))
            start_x, start_i = cut, i
            cut = next(bounds, None)
        acc += u
    out.append(replace(box, text=box.text[start_i:], bbox=(start_x, top, x1, bottom)))
    return [b for b in out if b.text.strip()]


def page_layout(page: OcrPage) -> tuple[tuple[Line, ...], tuple[RawTable, ...]]:
    """The page's free lines and ruled tables, in points, as the PDF reader builds them."""
    s = page.scale
    words = [
        to_word(part, s) for box in page.boxes for part in split_at_rulings(box, page.tables, s)
    ]
    raw_tables: list[RawTable] = []
    for table in page.tables:
        boxes = [tuple(v / s for v in cell.bbox) for cell in table.cells]
        bbox = tuple(v / s for v in table.bbox)
        inner = [w for w in words if inside(w, bbox)]  # type: ignore[arg-type]
        built = build_table(boxes, inner, page.number)  # type: ignore[arg-type]
        if built is not None:
            raw_tables.append(built)
    free = [w for w in words if not any(inside(w, t.bbox) for t in raw_tables)]
    return tuple(group_lines(free, page.number)), tuple(raw_tables)


def confidence_notes(page: OcrPage, threshold: float = LOW_CONFIDENCE) -> list[ExtractNote]:
    """One ``ocr_low_confidence`` note per box read with confidence below ``threshold``."""
    return [
        ExtractNote(
            "ocr_low_confidence",
            f"page {page.number}: {box.text!r} read with confidence {box.confidence:.2f}",
            page=page.number,
        )
        for box in page.boxes
        if box.confidence < threshold
    ]
