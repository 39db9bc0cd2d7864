"""PDF pages → page images (pypdfium2, which pdfplumber already brings).

One page is rendered at a time and the caller drops it after OCR, so memory stays
flat however long the document. :func:`ink` turns an RGB scan into the greyscale image
OCR and ruling detection work on: the red channel, in which red official seals
(公章) and red ink fade to near white while black text stays black.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from jixiao.errors import CorruptDocumentError, EncryptedDocumentError

#: default rendering resolution: 150–200 dpi is what archive scans are made at
DEFAULT_DPI = 200.0
POINTS_PER_INCH = 72.0


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


def render_page(pdf: pdfium.PdfDocument, number: int, dpi: float = DEFAULT_DPI) -> PageImage:
    """Render page ``number`` (1-based) to RGB at ``dpi``, honouring its /Rotate."""
    page = pdf[number - 1]
    try:
        width, height = page.get_size()
        scale = dpi / POINTS_PER_INCH
        bitmap = page.render(scale=scale, rotation=0, rev_byteorder=True)  # RGB
        try:
            pixels = np.array(bitmap.to_numpy()[:, :, :3], copy=True)
        finally:
            bitmap.close()
    finally:
        page.close()
    return PageImage(number, np.ascontiguousarray(pixels), scale, float(width), float(height))


def ink(rgb: np.ndarray) -> np.ndarray:
    """Greyscale for reading: the red channel (red seals vanish, black ink stays)."""
    if rgb.ndim == 2:
        return rgb
    return np.ascontiguousarray(rgb[:, :, 0])
