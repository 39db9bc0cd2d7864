"""PDF pages → page images (pypdfium2, which pdfplumber already brings).

One page is rendered at a time and the caller drops it after OCR, so memory stays
flat however long the document. :func:`ink` turns an RGB scan into the greyscale image
OCR and ruling detection work on: the red channel, in which red official seals
(公章) and red ink fade to near white while black text stays black.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jixiao.errors import CorruptDocumentError, EncryptedDocumentError
from jixiao.extract.limits import check_page_size, note_page

#: resolution for a page whose scan resolution cannot be told (no page-sized image)
DEFAULT_DPI = 200.0
#: a scan is rendered at its own resolution within these bounds. Below MIN_DPI it is
#: upsampled: a 150-dpi scan read at 150 dpi lost an indicator table of a sample (a
#: column of ≥ signs read as "=" broke the header match), so small print keeps the
#: resolution the reader was tuned at. Above MAX_DPI pixels cost time and memory and
#: OCR reads no better.
MIN_DPI = DEFAULT_DPI
MAX_DPI = 300.0
#: an image counts as the page's scan if it covers this much of the page
SCAN_COVER = 0.5
POINTS_PER_INCH = 72.0
#: how much a pixel's redness lightens it (red seals fade out, see :func:`ink`)
RED_LIFT = 1.0
#: tones lighter than this fraction of the paper tone are paper
PAPER_CUT = 0.85


@dataclass(frozen=True)
class PageImage:
    """A rendered page: ``pixels`` (H×W×3 uint8 RGB) and the pixel-per-point scale."""

    number: int  # 1-based
    pixels: np.ndarray
    scale: float  # pixels per PDF point
    width_pt: float
    height_pt: float


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF with pypdfium2, mapping its errors to document errors."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise EncryptedDocumentError("PDF is encrypted and needs a password") from exc
        raise CorruptDocumentError(f"damaged PDF: {exc}") from exc
    try:
        yield pdf
    finally:
        pdf.close()


def page_numbers(n_pages: int, pages: Sequence[int] | None) -> list[int]:
    """The 1-based pages to read (all when ``pages`` is None), validated."""
    if pages is None:
        return list(range(1, n_pages + 1))
    bad = [p for p in pages if not 1 <= p <= n_pages]
    if bad:
        raise ValueError(f"page(s) {bad} out of range 1–{n_pages}")
    return sorted(set(pages))


def scan_dpi(pdf: pdfium.PdfDocument, number: int) -> float:
    """The resolution to render page ``number`` at: that of the scanned image covering
    most of it (pixels per inch of page, whatever the image is scaled or turned by),
    within [:data:`MIN_DPI`, :data:`MAX_DPI`]; :data:`DEFAULT_DPI` without one."""
    try:
        page = pdf[number - 1]
    except pdfium.PdfiumError:
        return DEFAULT_DPI  # render_page says what is wrong with it
    try:
        width, height = page.get_size()
        best_area, best_dpi = SCAN_COVER * width * height, 0.0
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
            px_w, px_h = obj.get_px_size()
            m = obj.get_matrix()  # the unit square → page points: its sides are the image's
            side_w, side_h = math.hypot(m.a, m.b), math.hypot(m.c, m.d)
            if side_w * side_h > best_area and min(px_w, px_h, side_w, side_h) > 0:
                best_area = side_w * side_h
                best_dpi = min(px_w / side_w, px_h / side_h) * POINTS_PER_INCH
    except pdfium.PdfiumError:
        return DEFAULT_DPI
    finally:
        page.close()
    if best_dpi <= 0:
        return DEFAULT_DPI
    return min(max(best_dpi, MIN_DPI), MAX_DPI)


def render_page(pdf: pdfium.PdfDocument, number: int, dpi: float = DEFAULT_DPI) -> PageImage:
    """Render page ``number`` (1-based) to RGB at ``dpi``, honouring its /Rotate."""
    scale = dpi / POINTS_PER_INCH
    try:
        page = pdf[number - 1]
        try:
            check_page_size(*page.get_size(), number)  # before a bitmap of gigabytes
            note_page(number)
            bitmap = page.render(scale=scale, rotation=0, rev_byteorder=True)  # RGB
            try:
                pixels = np.array(bitmap.to_numpy()[:, :, :3], copy=True)
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"damaged PDF: page {number} cannot be rendered: {exc}") from exc
    # the page as displayed (after /Rotate), in points
    height, width = pixels.shape[0] / scale, pixels.shape[1] / scale
    return PageImage(number, np.ascontiguousarray(pixels), scale, width, height)


def ink(rgb: np.ndarray, seals: bool = False) -> np.ndarray:
    """Greyscale for reading: red seals removed (unless ``seals``), paper white, ink black.

    The tone is the red channel lifted by the pixel's redness (red minus the larger of
    green and blue, times :data:`RED_LIFT`): red seal ink, even where JPEG's coarse
    chroma has dulled it to a dark pink, turns as light as paper, while black text (no
    redness) keeps its tone, and so does black text printed under a seal. Then levels:
    the paper tone (the 90th percentile, pages are mostly paper) and anything lighter
    than :data:`PAPER_CUT` of it become white, which also removes the grey of old paper.

    With ``seals`` the tone is the darkest channel instead: everything printed or
    stamped is ink. Table rulings are found on that image, because the thin parts of a
    ruling that runs under a seal are as red as the seal and would vanish with it.
    """
    if rgb.ndim == 2:
        gray = rgb.astype(np.float32)
    elif seals:
        gray = rgb.min(axis=2).astype(np.float32)
    else:
        channels = rgb.astype(np.float32)
        red = channels[:, :, 0]
        redness = np.maximum(red - np.maximum(channels[:, :, 1], channels[:, :, 2]), 0.0)
        gray = red + RED_LIFT * redness
    paper = max(float(np.percentile(gray[::4, ::4], 90)), 64.0)
    out = np.clip(gray * (255.0 / (PAPER_CUT * paper)), 0, 255)
    return np.ascontiguousarray(out.astype(np.uint8))
