"""Bounds on what pdfminer can be made to do by one PDF.

- :func:`declared_pages`: the page count the document's page tree declares
  (``/Pages /Count``), read before pdfplumber walks the tree, so a 2,000-page PDF is
  refused in a second instead of after every page was parsed.
- Flate streams are decompressed with a cap (:func:`bounded_decompress`, installed
  into pdfminer by :func:`install`): a FlateDecode bomb (a few kB inflating to
  gigabytes) stops at the per-stream limit of :mod:`jixiao.extract.limits` with a
  reason, instead of exhausting the worker's memory. pdfminer calls
  ``zlib.decompress`` from ``pdfminer.pdftypes``; that module's ``zlib`` is replaced by
  a namespace whose ``decompress`` is bounded and whose other names are zlib's.
- :func:`reraise_budget_errors`: pdfplumber wraps whatever pdfminer raises in
  ``PdfminerException``; a limit error or a ``MemoryError`` inside must come out as
  itself, not as "damaged PDF".
"""

from __future__ import annotations

import types
import zlib
from typing import Any

import pdfminer.pdftypes
from pdfminer.pdftypes import resolve1

from jixiao.errors import OverLimitError
from jixiao.extract.limits import check_stream, limits

_CHUNK = 1 << 20


def declared_pages(pdf: Any) -> int | None:
    """``/Count`` of the catalog's page tree (None when absent or not a number)."""
    try:
        tree = resolve1(pdf.doc.catalog.get("Pages"))
        count = resolve1(tree.get("Count")) if isinstance(tree, dict) else None
    except Exception:  # a damaged catalog: pdfplumber reports it when it walks the tree
        return None
    return count if isinstance(count, int) and count >= 0 else None


def bounded_decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
    """``zlib.decompress`` that stops at the per-stream limit."""
    allowed = limits().max_stream
    inflater = zlib.decompressobj(wbits)
    out = inflater.decompress(data, allowed + 1)
    if len(out) > allowed or inflater.unconsumed_tail:
        check_stream(allowed + 1)
    out += inflater.flush()
    if not inflater.eof:
        # zlib.decompress raises on an incomplete stream; pdfminer then tries to
        # salvage the data (decompress_corrupted), as it would without this wrapper.
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


_BOUNDED_ZLIB = types.SimpleNamespace(
    **{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")}
)
_BOUNDED_ZLIB.decompress = bounded_decompress


def install() -> None:
    """Make pdfminer decompress Flate streams through :func:`bounded_decompress`."""
    pdfminer.pdftypes.zlib = _BOUNDED_ZLIB  # type: ignore[attr-defined]


def reraise_budget_errors(exc: BaseException) -> None:
    """Raise the limit error or MemoryError wrapped inside ``exc``, if there is one."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, (OverLimitError, MemoryError)):
            raise cause
        nxt = cause.args[0] if cause.args and isinstance(cause.args[0], BaseException) else None
        cause = cause.__cause__ or cause.__context__ or nxt


install()
