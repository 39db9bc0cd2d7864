"""Page headers, footers and page numbers: recognised and dropped.

A line is furniture when it sits in the top or bottom band of its page and either
looks like a page number (``- 3 -``, ``第 3 页 共 9 页``, ``3``, ``3/9``, ``Page 3``) or
repeats (digits ignored) in that band on most pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .layout import Line

#: share of the page height at the top and bottom where furniture lives
BAND = 0.1

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–−]\s*\d{1,4}\s*[-—–−]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}(?:\s*/\s*\d{1,4})?"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def in_band(line: Line, page_height: float) -> bool:
    return line.bottom <= page_height * BAND or line.top >= page_height * (1 - BAND)


def furniture(
    lines: Sequence[Line], page_heights: dict[int, float], min_share: float = 0.5
) -> set[Line]:
    """The lines (of all pages) that are page headers, footers or numbers."""
    banded = [ln for ln in lines if in_band(ln, page_heights[ln.page])]
    pages_with: dict[str, set[int]] = {}
    for line in banded:
        pages_with.setdefault(_key(line.text), set()).add(line.page)
    n_pages = len(page_heights)
    repeated = {
        key
        for key, pages in pages_with.items()
        if n_pages >= 2 and len(pages) >= max(2, min_share * n_pages)
    }
    return {ln for ln in banded if is_page_number(ln.text) or _key(ln.text) in repeated}
