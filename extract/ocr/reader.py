"""Read a scanned (image-only) PDF into the neutral document model by OCR.

The outline, per page: render at the scan's resolution (:mod:`render`), take the
red-free greyscale, estimate and remove the skew (:mod:`deskew`), detect the text lines
(:mod:`engine`) and turn a page scanned sideways or upside down upright
(:mod:`orientation`), read the lines, find ruled tables (:mod:`grid`), turn boxes into
the PDF reader's words, lines and tables (:mod:`layout`). The pages then go through
the PDF reader's own assembly, so a scan and the text PDF it was printed from give the
same blocks. Every provenance says
``via="ocr"``; the page image is dropped as soon as the page is read.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from jixiao.extract.limits import note_ocr_pages
from jixiao.extract.model import (
    Block,
    Cell,
    Document,
    ExtractNote,
    Provenance,
    SourceInfo,
    Table,
)
from jixiao.extract.pdf.reader import PageContent, assemble_pages

from .deskew import deskew, estimate_skew
from .engine import OcrBox, OcrEngine, StagedEngine, get_engine
from .grid import find_tables
from .layout import LOW_CONFIDENCE, OcrPage, confidence_notes, page_layout
from .orientation import quarter_turns
from .render import ink, open_pdf, page_numbers, render_page, scan_dpi

log = logging.getLogger(__name__)

VIA = "ocr"
ENV_DPI = "JIXIAO_OCR_DPI"


@dataclass(frozen=True)
class OcrOptions:
    """How to OCR: engine name (None: env ``JIXIAO_OCR_ENGINE``), resolution (None: each
    scan's own), low-confidence threshold."""

    engine: str | None = None
    dpi: float | None = None
    low_confidence: float = LOW_CONFIDENCE

    @classmethod
    def from_env(cls) -> OcrOptions:
        """Defaults, with the resolution from env ``JIXIAO_OCR_DPI`` if set (72–600)."""
        raw = os.environ.get(ENV_DPI, "").strip()
        if not raw:
            return cls()
        try:
            dpi = float(raw)
        except ValueError:
            log.warning("ignoring %s=%r: not a number", ENV_DPI, raw)
            return cls()
        return cls(dpi=min(max(dpi, 72.0), 600.0))


def ocr_pdf(
    path: Path,
    source: SourceInfo,
    pages: Sequence[int] | None = None,
    options: OcrOptions | None = None,
) -> Document:
    """OCR ``pages`` (1-based; None: all) of the PDF at ``path`` into a :class:`Document`."""
    options = options or OcrOptions.from_env()
    engine = get_engine(options.engine)
    read: list[OcrPage] = []
    with open_pdf(Path(path)) as pdf:
        n_pages = len(pdf)
        numbers = page_numbers(n_pages, pages)
        note_ocr_pages(len(numbers))
        for number in numbers:
            read.append(ocr_page(pdf, number, engine, options.dpi))
    blocks, notes = assemble(read, options.low_confidence)
    return Document(source=replace(source, pages=n_pages), blocks=tuple(blocks), notes=notes)


def ocr_page(
    pdf: pdfium.PdfDocument, number: int, engine: OcrEngine, dpi: float | None = None
) -> OcrPage:
    """Render, turn upright, deskew, find tables and OCR one page (the image is freed on
    return). ``dpi`` None: the scan's own resolution (:func:`scan_dpi`)."""
    started = time.perf_counter()
    image = render_page(pdf, number, dpi or scan_dpi(pdf, number))
    width, height, scale = image.width_pt, image.height_pt, image.scale
    gray, seals = ink(image.pixels), ink(image.pixels, seals=True)
    del image  # the RGB page is the largest object here
    turns, angle, boxes, gray = _read_upright(engine, gray)
    if turns:
        seals = np.ascontiguousarray(np.rot90(seals, turns))
        if turns % 2:
            width, height = height, width
    tables = find_tables(gray, scale, borders=deskew(seals, angle), texts=[b.bbox for b in boxes])
    del seals, gray
    log.debug(
        "page %d: %d° turned, skew %.2f°, %d tables, %d boxes in %.2fs",
        number,
        90 * turns,
        angle,
        len(tables),
        len(boxes),
        time.perf_counter() - started,
    )
    return OcrPage(
        number=number,
        width_pt=width,
        height_pt=height,
        scale=scale,
        boxes=tuple(boxes),
        tables=tuple(tables),
    )


def _read_upright(
    engine: OcrEngine, gray: np.ndarray
) -> tuple[int, float, list[OcrBox], np.ndarray]:
    """OCR the page the right way up: (quarter turns applied, skew removed, boxes, the
    upright deskewed image). An engine without stages reads the page as it lies."""
    angle = estimate_skew(gray)
    straight = deskew(gray, angle)
    if not isinstance(engine, StagedEngine):
        return 0, angle, engine.recognize(cv2.cvtColor(straight, cv2.COLOR_GRAY2RGB)), straight
    lines = engine.detect(straight)
    turns = quarter_turns(engine, lines)
    if turns:
        gray = np.ascontiguousarray(np.rot90(gray, turns))
        angle = estimate_skew(gray)
        straight = deskew(gray, angle)
        lines = engine.detect(straight)
    return turns, angle, engine.read(lines), straight


def assemble(
    pages: Sequence[OcrPage], low_confidence: float = LOW_CONFIDENCE
) -> tuple[list[Block], tuple[ExtractNote, ...]]:
    """Blocks (through the PDF reader's assembly) and notes of OCR'd pages."""
    built: list[PageContent] = []
    notes: list[ExtractNote] = []
    for page in pages:
        lines, tables = page_layout(page)
        built.append(PageContent(page.number, page.height_pt, page.width_pt, lines, tables))
        notes += confidence_notes(page, low_confidence)
    blocks = [via_ocr(block) for block in assemble_pages(built)] if built else []
    return blocks, tuple(notes)


def via_ocr(block: Block) -> Block:
    """The block with ``via="ocr"`` on its provenance and on each cell's."""
    if isinstance(block, Table):
        cells = tuple(_cell_via(c) for c in block.cells)
        return replace(block, cells=cells, provenance=_prov(block.provenance))
    return replace(block, provenance=_prov(block.provenance))


def _cell_via(cell: Cell) -> Cell:
    return replace(cell, provenance=_prov(cell.provenance))


def _prov(prov: Provenance) -> Provenance:
    return replace(prov, via=VIA)
