"""Offline OCR for scanned PDFs: :func:`ocr_pdf` reads an image-only PDF.

Importing this package is cheap (no OpenCV, no models): :func:`ocr_available` tells
whether the optional ``jixiao[ocr]`` dependencies are installed; the reader and the
engine load on first use.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .engine import INSTALL_HINT, OcrBox, OcrEngine, engine_name, get_engine, register_engine
from .engine import ocr_available as _engine_available

if TYPE_CHECKING:
    from jixiao.extract.model import Document, SourceInfo

    from .reader import OcrOptions

__all__ = [
    "INSTALL_HINT",
    "OcrBox",
    "OcrEngine",
    "engine_name",
    "fill_scanned_pages",
    "get_engine",
    "ocr_available",
    "ocr_pdf",
    "register_engine",
]


def ocr_available(engine: str | None = None) -> bool:
    """Whether scanned PDFs can be OCR'd here (OpenCV and the selected engine installed)."""
    return importlib.util.find_spec("cv2") is not None and _engine_available(engine)


def fill_scanned_pages(doc: Document, path: Path) -> Document:
    """``doc`` with pages the PDF reader found without text OCR'd and merged in."""
    if not any(note.code == "pdf_no_text_page" for note in doc.notes):
        return doc  # nothing to OCR: do not even import OpenCV
    from .pages import fill_scanned_pages as _fill

    return _fill(doc, path)


def ocr_pdf(
    path: Path,
    source: SourceInfo,
    pages: Sequence[int] | None = None,
    options: OcrOptions | None = None,
) -> Document:
    """OCR a PDF (see :func:`jixiao.extract.ocr.reader.ocr_pdf`)."""
    from .reader import ocr_pdf as _ocr_pdf

    return _ocr_pdf(path, source, pages, options)
