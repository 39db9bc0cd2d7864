"""OCR the scanned pages of a PDF that otherwise has a text layer.

A filed report is sometimes a text PDF with a scanned page or two (a signed
signature page, a stamped attachment). The PDF reader reads the text pages and notes
the others (``pdf_no_text_page``); this module OCRs those pages and puts their blocks
in page order among the text pages' blocks, renumbering tables.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from jixiao.errors import display_path
from jixiao.extract.model import Block, Document, ExtractNote, Table

from .reader import OcrOptions, ocr_pdf

log = logging.getLogger(__name__)

NO_TEXT_NOTE = "pdf_no_text_page"


def scanned_pages(doc: Document) -> list[int]:
    """The pages the PDF reader found without a text layer."""
    return sorted({n.page for n in doc.notes if n.code == NO_TEXT_NOTE and n.page is not None})


def fill_scanned_pages(doc: Document, path: Path, options: OcrOptions | None = None) -> Document:
    """``doc`` with its text-less pages OCR'd and merged in (unchanged if there are none)."""
    pages = scanned_pages(doc)
    if not pages:
        return doc
    log.info("%s: OCR of page(s) %s without a text layer", display_path(path), pages)
    scanned = ocr_pdf(path, doc.source, pages, options)
    blocks = merge_blocks(doc.blocks, scanned.blocks)
    notes = [
        ExtractNote(n.code, f"{n.message}: read by OCR", n.page)
        if n.code == NO_TEXT_NOTE and n.page in pages
        else n
        for n in doc.notes
    ]
    notes += scanned.notes
    notes.sort(key=lambda n: n.page or 0)
    return replace(doc, blocks=tuple(blocks), notes=tuple(notes))


def _page(block: Block) -> int:
    return block.provenance.page or 0


def merge_blocks(text: tuple[Block, ...], ocr: tuple[Block, ...]) -> list[Block]:
    """Both block sequences in page order (stable), tables renumbered in the result."""
    merged: list[Block] = []
    i = j = 0
    while i < len(text) or j < len(ocr):
        take_ocr = j < len(ocr) and (i >= len(text) or _page(ocr[j]) < _page(text[i]))
        if take_ocr:
            merged.append(ocr[j])
            j += 1
        else:
            merged.append(text[i])
            i += 1
    out: list[Block] = []
    index = 0
    for block in merged:
        if isinstance(block, Table):
            block = _renumbered(block, index)
            index += 1
        out.append(block)
    return out


def _renumbered(table: Table, index: int) -> Table:
    if table.index == index:
        return table
    cells = tuple(replace(c, provenance=replace(c.provenance, table=index)) for c in table.cells)
    return replace(
        table, index=index, cells=cells, provenance=replace(table.provenance, table=index)
    )
