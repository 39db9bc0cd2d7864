"""Read a PDF into the neutral document model.

The outline, per page: check the text layer (:mod:`text_quality`), take pdfplumber's
words once, find ruled tables (:mod:`ruled_tables`), group the remaining words into
lines. Then, over the whole document: drop page furniture (:mod:`page_furniture`),
find text-aligned tables (:mod:`aligned_tables`), join tables continued over a page
break (:mod:`continuation`) and re-flow the narrative into headings and paragraphs
(:mod:`reflow`).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from jixiao.errors import (
    CorruptDocumentError,
    DocumentError,
    EncryptedDocumentError,
    NoTextLayerError,
    UnreadableTextError,
    display_path,
)
from jixiao.extract.headings import detect_heading
from jixiao.extract.limits import check_page_size, check_pages, note_page, note_pages
from jixiao.extract.model import (
    Block,
    Document,
    ExtractNote,
    Heading,
    Paragraph,
    Provenance,
    SourceInfo,
)

from .aligned_tables import find_aligned
from .bounded import declared_pages, reraise_budget_errors
from .continuation import continues, is_continued_marker, join
from .grid import RawTable, to_model
from .layout import Line, Word, group_lines, to_words, union_bbox
from .page_furniture import furniture
from .reflow import Margins, paragraph_text, reflow
from .rotation import upright
from .ruled_tables import TABLE_SETTINGS, build_table, inside
from .text_quality import PageText, classify_text, format_pages

log = logging.getLogger(__name__)

WORD_SETTINGS: dict[str, object] = {
    "x_tolerance": 1.5,
    "y_tolerance": 2,
    "keep_blank_chars": False,
    "use_text_flow": False,
    "extra_attrs": ["size"],
}
#: a line this much larger than the body font is a title (level-1 heading)
TITLE_RATIO = 1.3
MAX_TITLE_CHARS = 60
_CAPTION = re.compile(r"(单位\s*[:：]|表\s*$|明细表|一览表)")

Item = Line | RawTable


@dataclass(frozen=True)
class PageContent:
    """One page's text lines and tables, read from its text layer or by OCR."""

    number: int
    height: float
    width: float
    lines: tuple[Line, ...]
    tables: tuple[RawTable, ...]
    #: (font size, characters) of the text inside ``tables``
    table_chars: tuple[tuple[float, int], ...] = ()


def read_pdf(path: Path, source: SourceInfo) -> Document:
    """Read ``path``; raise a :class:`~jixiao.errors.DocumentError` subclass if it cannot be."""
    try:
        with pdfplumber.open(path) as pdf:
            declared = declared_pages(pdf)
            if declared is not None:
                check_pages(declared)  # refused before the page tree is walked
            n_pages = len(pdf.pages)
            note_pages(n_pages)
            pages, notes = _read_pages(pdf)
    except DocumentError:
        raise
    except (PdfminerException, PDFSyntaxError, PSException, PDFEncryptionError) as exc:
        reraise_budget_errors(exc)
        raise _classify_error(exc) from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        # pdfminer reports broken object streams as plain Python errors; keep the
        # traceback in the log in case it is a reader bug rather than a damaged file
        log.warning(
            "%s: treating %s as a damaged PDF",
            display_path(path),
            type(exc).__name__,
            exc_info=True,
        )
        raise CorruptDocumentError(f"damaged PDF: {type(exc).__name__}: {exc}") from exc
    blocks = assemble_pages(pages)
    info = replace(source, pages=n_pages)
    return Document(source=info, blocks=tuple(blocks), notes=tuple(notes))


def _classify_error(exc: Exception) -> DocumentError:
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, PDFPasswordIncorrect):
            return EncryptedDocumentError("PDF is encrypted and needs a password")
        if isinstance(cause, PDFEncryptionError):
            return EncryptedDocumentError(f"PDF encryption not supported: {cause}")
        nxt = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = cause.__cause__ or cause.__context__ or nxt
    detail = str(exc).strip() or type(exc).__name__
    return CorruptDocumentError(f"damaged PDF: {detail}")


def _read_pages(pdf: pdfplumber.PDF) -> tuple[list[PageContent], list[ExtractNote]]:
    pages: list[PageContent] = []
    empty: list[int] = []  # images but no text: scanned pages
    blank: list[int] = []  # nothing at all (an intentionally blank page)
    unreadable: list[int] = []
    for original in pdf.pages:
        number = original.page_number
        note_page(number)
        page = upright(pdf, original)
        try:
            quality = classify_text("".join(c["text"] for c in page.chars))
            if quality is PageText.OK:
                pages.append(_read_page(page, number))
            elif quality is PageText.EMPTY:
                if page.images:  # a scan, for OCR: refuse a page too large to render
                    check_page_size(float(page.width), float(page.height), number)
                (empty if page.images else blank).append(number)
            else:
                unreadable.append(number)
        finally:
            page.close()
            original.close()
    if not pages:
        if unreadable:
            raise UnreadableTextError(f"unreadable font encoding on {format_pages(unreadable)}")
        if empty or blank:
            where = format_pages(empty or blank)
            raise NoTextLayerError(f"scanned PDF: no text layer on {where}")
        raise CorruptDocumentError("PDF has no pages")
    notes = [
        ExtractNote("pdf_no_text_page", f"page {n} has no text layer (scanned image?)", page=n)
        for n in empty
    ] + [
        ExtractNote("pdf_unreadable_page", f"page {n}: unreadable font encoding", page=n)
        for n in unreadable
    ]
    notes.sort(key=lambda note: note.page or 0)
    return pages, notes


def _read_page(page: pdfplumber.page.Page, number: int) -> PageContent:
    spaces = [(c["top"], c["x0"]) for c in page.chars if c["text"] == " "]
    words = to_words(page.extract_words(**WORD_SETTINGS), spaces)
    tables: list[RawTable] = []
    for found in page.find_tables(TABLE_SETTINGS):
        inner = [w for w in words if inside(w, found.bbox)]
        table = build_table(found.cells, inner, number)
        if table is not None:
            tables.append(table)
    free: list[Word] = []
    held: list[Word] = []
    for w in words:
        (held if any(inside(w, t.bbox) for t in tables) else free).append(w)
    lines = tuple(group_lines(free, number))
    return PageContent(
        number, float(page.height), float(page.width), lines, tuple(tables), _chars_by_size(held)
    )


def _chars_by_size(words: Iterable[Word]) -> tuple[tuple[float, int], ...]:
    counts: Counter[float] = Counter()
    for w in words:
        counts[round(w.size, 1)] += len(w.text)
    return tuple(sorted(counts.items()))


def assemble_pages(pages: Sequence[PageContent]) -> list[Block]:
    """Pages → blocks in reading order: furniture dropped, continued tables joined,
    paragraphs re-flowed. Shared by the text-layer reader and the OCR reader."""
    heights = {p.number: p.height for p in pages}
    all_lines = [line for p in pages for line in p.lines]
    drop = furniture(all_lines, heights)
    items: list[Item] = []
    table_chars: Counter[float] = Counter()
    for page in pages:
        table_chars.update(dict(page.table_chars))
        lines = [ln for ln in page.lines if ln not in drop]
        runs = find_aligned(lines)
        covered = {k for run in runs for k in range(run.start, run.end)}
        table_chars.update(dict(_chars_by_size(w for k in covered for w in lines[k].words)))
        page_items: list[Item] = [ln for k, ln in enumerate(lines) if k not in covered]
        page_items += [run.table for run in runs]
        page_items += list(page.tables)
        page_items.sort(key=lambda it: it.bbox[1])
        items += _with_captions(page_items)
    items = _join_continued(items)
    narrative = [it for it in items if isinstance(it, Line)]
    centres = {p.number: p.width / 2 for p in pages}
    return _blocks(items, Margins.of(narrative, table_chars), centres)


def _with_captions(items: list[Item]) -> list[Item]:
    """Attach up to two short unit/title lines right above a table as its caption."""
    out = list(items)
    for k, item in enumerate(out):
        if not isinstance(item, RawTable):
            continue
        found: list[str] = []
        j = k - 1
        while j >= 0 and len(found) < 2 and isinstance(out[j], Line):
            line = out[j]
            assert isinstance(line, Line)
            if len(line.text) > 40 or not _CAPTION.search(line.text):
                break
            found.insert(0, line.text)
            j -= 1
        if found:
            out[k] = replace(item, caption="\n".join(found))
    return out


def _join_continued(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for k, item in enumerate(items):
        prev = out[-1] if out else None
        after = items[k + 1] if k + 1 < len(items) else None
        if (
            isinstance(item, Line)
            and isinstance(prev, RawTable)
            and isinstance(after, RawTable)
            and is_continued_marker(item.text)
            and continues(prev, after)
        ):
            continue  # a 续表 label between the parts of one table

        if isinstance(item, RawTable) and isinstance(prev, RawTable) and continues(prev, item):
            out[-1] = join(prev, item)
        else:
            out.append(item)
    return out


def _blocks(items: Sequence[Item], margins: Margins, centres: dict[int, float]) -> list[Block]:
    blocks: list[Block] = []
    table_index = 0
    run: list[Line] = []
    largest: dict[int, float] = {}
    for item in items:
        if isinstance(item, Line):
            largest[item.page] = max(largest.get(item.page, 0.0), item.size)

    def flush() -> None:
        blocks.extend(_text_block(para, margins, largest, centres) for para in reflow(run, margins))
        run.clear()

    for item in items:
        if isinstance(item, Line):
            run.append(item)
            continue
        flush()
        blocks.append(to_model(item, table_index))
        table_index += 1
    flush()
    return blocks


def _text_block(
    lines: Sequence[Line], m: Margins, largest: dict[int, float], centres: dict[int, float]
) -> Heading | Paragraph:
    """A paragraph, or a heading: numbered (:func:`detect_heading`) or a title.

    A title is short, centred, set in the largest font of its page and clearly larger
    than the body text.
    """
    text = paragraph_text(lines, m.right)
    first = lines[0]
    bbox = union_bbox(ln.bbox for ln in lines if ln.page == first.page)
    prov = Provenance(page=first.page, bbox=tuple(round(v, 2) for v in bbox))  # type: ignore[arg-type]
    if len(lines) == 1:
        found = detect_heading(text)
        if found is not None:
            level, numbering = found
            return Heading(text=text, level=level, provenance=prov, numbering=numbering)
    if (
        first.size >= TITLE_RATIO * m.body
        and first.size >= largest.get(first.page, 0.0) - 0.5
        and (
            m.centered(first)
            or abs((first.x0 + first.x1) / 2 - centres[first.page]) < 2 * first.size
        )
        and len(lines) <= 2
        and len(text) <= MAX_TITLE_CHARS
    ):
        return Heading(text=text, level=1, provenance=prov)
    return Paragraph(text=text, provenance=prov)
