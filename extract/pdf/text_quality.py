"""Is a page's text layer usable? Scans (no text) and broken font encodings.

A page is *empty* when it has (almost) no characters: a scanned image. It is
*unreadable* when a large share of its characters are ``(cid:N)`` placeholders (a font
without a Unicode mapping), private-use glyphs, U+FFFD, or otherwise outside the
scripts a Chinese report uses.
"""

from __future__ import annotations

import enum
import re

#: fewer visible characters than this and the page counts as having no text layer
MIN_CHARS = 5
#: above this share of bad characters the page's text is garbage
MAX_BAD_SHARE = 0.3

_CID = re.compile(r"\(cid:\d+\)")
# Characters a Chinese budget report plausibly contains: ASCII, Latin-1, Greek/Cyrillic,
# general punctuation to dingbats (≥ ≤ √ □ ■ ① …), CJK punctuation, kana, CJK ideographs,
# compatibility ideographs and forms, full-width forms.
_BAD_CHAR = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\xff\u0370-\u04ff\u2000-\u27bf\u2e80-\u2fdf"
    "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


class PageText(enum.Enum):
    OK = "ok"
    EMPTY = "empty"
    UNREADABLE = "unreadable"


def classify_text(text: str) -> PageText:
    """Classify the concatenated characters of one page (pdfplumber's ``char["text"]``)."""
    cids = len(_CID.findall(text))
    rest = _CID.sub("", text)
    visible = "".join(rest.split())
    total = len(visible) + cids
    if total < MIN_CHARS:
        return PageText.EMPTY
    bad = cids + len(_BAD_CHAR.findall(visible))
    return PageText.UNREADABLE if bad / total > MAX_BAD_SHARE else PageText.OK


def format_pages(pages: list[int]) -> str:
    """``[1, 2, 3, 5]`` → ``"pages 1–3, 5"``; ``[2]`` → ``"page 2"``."""
    ordered = sorted(set(pages))
    if len(ordered) == 1:
        return f"page {ordered[0]}"
    parts: list[str] = []
    start = prev = ordered[0]
    for number in [*ordered[1:], None]:
        if number is not None and number == prev + 1:
            prev = number
            continue
        parts.append(f"{start}–{prev}" if prev > start else str(start))
        if number is not None:
            start = prev = number
    return "pages " + ", ".join(parts)
