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
HEIGHT_PER_EM = 1.5
#: the detector pads a text line by about this many ems on every side
PAD_EMS = 0.25
#: sorted CJK-pitch size estimates closer than this ratio are one font size
SAME_SIZE = 1.05
#: a height-based estimate this close (relative) to a font size on the page takes it
SNAP = 0.6
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


def pitch_size(box: OcrBox, scale: float) -> float | None:
    """Font size (points) from the character pitch, for mostly-CJK text (square glyphs,
    one em each, less the detector's padding); None where the pitch says little."""
    units = text_units(box.text)
    wide = sum(1 for ch in box.text if unicodedata.east_asian_width(ch) in "WF")
    if units < 3 or wide < 0.6 * len(box.text):
        return None
    return (box.bbox[2] - box.bbox[0]) / scale / (units + 2 * PAD_EMS)


def height_size(box: OcrBox, scale: float) -> float:
    """Font size (points) from the box height: rougher, short boxes vary most."""
    return (box.bbox[3] - box.bbox[1]) / scale / HEIGHT_PER_EM


def font_size(box: OcrBox, scale: float) -> float:
    """One box's font size estimate (points); :func:`page_sizes` does better per page."""
    by_height = height_size(box, scale)
    by_pitch = pitch_size(box, scale)
    return by_height if by_pitch is None else min(by_pitch, 1.15 * by_height)


def to_word(box: OcrBox, scale: float, size: float | None = None) -> Word:
    """A box as a word in points: the detector's padding removed, one em high."""
    size = size or font_size(box, scale)
    x0, top, x1, bottom = (v / scale for v in box.bbox)
    pad = min(PAD_EMS * size, (x1 - x0) / 4)
    middle = (top + bottom) / 2
    return Word(
        text=box_text(box.text),
        x0=x0 + pad,
        top=middle - size / 2,
        x1=x1 - pad,
        bottom=middle + size / 2,
        size=size,
    )


def clusters(values: Sequence[float], step: float = SAME_SIZE) -> list[list[float]]:
    """Sorted values split where one is more than ``step`` times the one before."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v <= step * out[-1][-1]:
            out[-1].append(v)
        else:
            out.append([v])
    return out


def page_sizes(boxes: Sequence[OcrBox], scale: float) -> list[float]:
    """Font sizes for all boxes of a page, consistent across the page.

    Estimates scatter by a few percent, and the assembly compares sizes (a two-line
    title must match, a heading must be larger than the body, a paragraph breaks where
    the size changes), so the lines of one font must get one size. The pitch of CJK
    text is the reliable estimate: those sizes are clustered and each takes its
    cluster's median. A box without a usable pitch (a number, two characters) gets a
    height estimate calibrated on the page's reliable boxes, snapped to the most used
    font size near it (short boxes are mostly body text and table values).
    """
    pitches = [pitch_size(b, scale) for b in boxes]
    heights = [height_size(b, scale) for b in boxes]
    reliable = [(p, h) for p, h in zip(pitches, heights, strict=True) if p is not None]
    if not reliable:
        return heights
    ratios = sorted(p / h for p, h in reliable)
    calibration = min(ratios[len(ratios) // 2], 1.15)
    fonts = [(c[len(c) // 2], len(c)) for c in clusters([p for p, _ in reliable])]

    def snapped(size: float, tolerance: float) -> float:
        """The most used font size within ``tolerance`` of ``size`` (else ``size``)."""
        near = [(n, m) for m, n in fonts if abs(m - size) <= tolerance * m]
        return max(near)[1] if near else size

    return [
        snapped(p, 0.08) if p is not None else snapped(h * calibration, SNAP)
        for p, h in zip(pitches, heights, strict=True)
    ]


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
    parts = [part for box in page.boxes for part in split_at_rulings(box, page.tables, s)]
    sizes = page_sizes(parts, s)
    words = [to_word(part, s, size) for part, size in zip(parts, sizes, strict=True)]
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
