"""How much one file may make a reader do, and where the reader is in it.

The readers check these limits *before* the work they bound (a page count before the
pages are parsed, table cells and XML nesting before the tables are walked, a stream's
decompressed size while it is decompressed), so a hostile file is refused in seconds
with a reason instead of exhausting the time or memory budget of its worker.

The limits in force are a context variable: ``jixiao extract`` uses the defaults, an
ingest worker sets the ones from its command line (``--max-pages``) with
:func:`using_limits`. :func:`note_page` and :func:`note_pages` record where the reader
is (``page 3``) and how many pages the file has; the ingest worker's budget uses them
for its messages (``over the 2 GB memory limit while reading page 3``) and to give long
documents more time.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from jixiao.errors import OverLimitError

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Per-file limits of the readers (defaults are far above any real report)."""

    max_pages: int = 500
    max_cells: int = 200_000  # table cells in one document (spans counted as cells)
    max_columns: int = 1_000  # grid columns of one table (``gridSpan`` included)
    max_depth: int = 64  # nested tables (a table in a cell of a table …)
    max_xml_depth: int = 256  # element nesting in one XML part
    max_stream: int = 256 * _MB  # one decompressed PDF stream
    max_page_points: float = 14_400.0  # the longer side of a page (200 in)


DEFAULT_LIMITS = ReadLimits()
_limits: contextvars.ContextVar[ReadLimits] = contextvars.ContextVar(
    "jixiao_read_limits", default=DEFAULT_LIMITS
)
# Called with ("page", 3) or ("pages", 12) as the reader advances; set by a budget.
_observer: contextvars.ContextVar[Callable[[str, int], None] | None] = contextvars.ContextVar(
    "jixiao_read_observer", default=None
)


def limits() -> ReadLimits:
    """The limits in force."""
    return _limits.get()


@contextlib.contextmanager
def using_limits(
    read_limits: ReadLimits, observer: Callable[[str, int], None] | None = None
) -> Iterator[None]:
    """Read with ``read_limits`` (and report progress to ``observer``) in this block."""
    token = _limits.set(read_limits)
    observer_token = _observer.set(observer)
    try:
        yield
    finally:
        _observer.reset(observer_token)
        _limits.reset(token)


def note_page(number: int) -> None:
    """The reader starts page ``number`` (1-based)."""
    observer = _observer.get()
    if observer is not None:
        observer("page", number)


def note_pages(count: int) -> None:
    """The document has ``count`` pages; refused when that is over the limit."""
    check_pages(count)
    observer = _observer.get()
    if observer is not None:
        observer("pages", count)


def note_ocr_pages(count: int) -> None:
    """``count`` pages are about to be read by OCR (seconds each: more time)."""
    observer = _observer.get()
    if observer is not None:
        observer("ocr_pages", count)


def check_pages(count: int) -> None:
    allowed = limits().max_pages
    if count > allowed:
        raise OverLimitError(
            f"{count} pages, over the {allowed}-page limit (--max-pages); refused before reading"
        )


def check_cells(count: int, columns: int) -> None:
    """A document's table cells (``count``) and its widest table grid (``columns``)."""
    current = limits()
    if columns > current.max_columns:
        raise OverLimitError(
            f"a table {columns} columns wide (merged cells included), over the "
            f"{current.max_columns}-column limit"
        )
    if count > current.max_cells:
        raise OverLimitError(f"{count} table cells, over the {current.max_cells}-cell limit")


def check_depth(tables: int, elements: int) -> None:
    """Nesting: tables within tables (``tables``) and XML elements (``elements``)."""
    current = limits()
    if tables > current.max_depth:
        raise OverLimitError(
            f"tables nested {tables} deep, over the {current.max_depth}-level limit"
        )
    if elements > current.max_xml_depth:
        raise OverLimitError(
            f"XML nested {elements} elements deep, over the {current.max_xml_depth}-level limit"
        )


def check_stream(size: int) -> None:
    allowed = limits().max_stream
    if size > allowed:
        raise OverLimitError(
            f"a compressed stream expands to over {allowed // _MB} MB (the per-stream limit)"
        )


def check_page_size(width: float, height: float, number: int) -> None:
    allowed = limits().max_page_points
    if max(width, height) > allowed:
        raise OverLimitError(
            f"page {number} is {width:.0f} × {height:.0f} pt, over the "
            f"{allowed:.0f} pt page-size limit"
        )
