"""Pages whose text runs sideways or upside down are turned so that it reads normally.

A landscape table is often drawn rotated on a portrait page (or a page carries a
``/Rotate`` that does not match its content). pdfplumber then reports the characters as
not upright, and neither words nor the table grid make sense. When most characters
share one rotated direction, the page is re-opened with the extra rotation that makes
them upright: pdfminer applies ``/Rotate`` to the whole page, rulings included.
"""

from __future__ import annotations

import logging
from collections import Counter

import pdfplumber
from pdfplumber.page import Page

log = logging.getLogger(__name__)

#: characters looked at to decide a page's text direction (evenly spaced)
SAMPLE = 200


def text_turn(chars: list[dict[str, object]]) -> int:
    """Extra clockwise rotation (0, 90, 180, 270) that makes most characters read normally."""
    if not chars:
        return 0
    turns: Counter[int] = Counter()
    sample = chars[:: max(1, len(chars) // SAMPLE)]
    for char in sample:
        a, b, _c, _d, _e, _f = char["matrix"]  # type: ignore[misc]
        if abs(a) >= abs(b):
            turns[0 if a > 0 else 180] += 1
        else:
            turns[90 if b > 0 else 270] += 1
    turn, count = turns.most_common(1)[0]
    return turn if count > len(sample) / 2 else 0


def upright(pdf: pdfplumber.PDF, page: Page) -> Page:
    """``page`` itself, or a re-opened copy rotated so that its text reads normally."""
    turn = text_turn(page.chars)
    if turn == 0:
        return page
    rotation = (page.rotation + turn) % 360
    log.debug("page %d: text is rotated, turning the page by %d°", page.page_number, turn)
    page.close()
    page.page_obj.attrs["Rotate"] = rotation
    page.page_obj.rotate = rotation
    return Page(
        pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop
    )
