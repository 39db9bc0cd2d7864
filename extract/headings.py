"""Heading detection shared by every reader.

Chinese reports number their headings rather than style them: ``一、`` (level 1),
``（一）`` (level 2), ``1、`` / ``1.`` (level 3), ``(1)`` / ``①`` (level 4), and
``第一是…`` / ``一是…`` openers that act as level-3 headings in prose. A Word heading
style (``Heading 2``, ``标题 2``) wins when present.

A numbered *line* is only a heading when it is short: ``1、做好前期准备。抽调专人…`` is a
numbered paragraph, not a heading. The cut-off is deliberately simple (length and
terminal punctuation) because long numbered paragraphs are common.
"""

from __future__ import annotations

import re

_CN_DIGITS = "一二三四五六七八九十百零〇两"

# (pattern, level): the numbering must be at the start; group 1 is the numbering.
_NUMBERING: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^\s*(第[{_CN_DIGITS}]+(?:章|部分|节))\s*"), 1),
    (re.compile(r"^\s*(第?[一二三四五六七八九十]{1,3}是)"), 3),
    (re.compile(rf"^\s*([{_CN_DIGITS}]+\s*[、.．])\s*"), 1),
    (re.compile(rf"^\s*([（(]\s*[{_CN_DIGITS}]+\s*[）)])\s*"), 2),
    (re.compile(r"^\s*(\d{1,2}\s*[、．](?!\d))\s*"), 3),
    (re.compile(r"^\s*(\d{1,2}\.(?!\d))\s*"), 3),
    (re.compile(r"^\s*([（(]\s*\d{1,2}\s*[）)])\s*"), 4),
    (re.compile(r"^\s*([①-⑳])\s*"), 4),
)

_STYLE_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)

# A heading is short and does not read like a sentence that goes on.
MAX_HEADING_CHARS = 40
_SENTENCE_INSIDE = re.compile(r"[。；;！？!?]")


def style_level(style: str | None) -> int | None:
    """The level a Word paragraph style implies (``Heading 2`` → 2, ``Title`` → 1)."""
    if not style:
        return None
    lowered = style.strip().lower()
    if lowered in {"title", "标题"}:
        return 1
    match = _STYLE_LEVEL.search(lowered)
    if match:
        return max(1, min(int(match.group(1)), 6))
    return None


def numbering_of(text: str) -> tuple[int, str] | None:
    """(level, numbering as written) when ``text`` starts with Chinese/Arabic numbering."""
    for pattern, level in _NUMBERING:
        match = pattern.match(text)
        if match:
            return level, re.sub(r"\s+", "", match.group(1))
    return None


def looks_like_heading_text(text: str) -> bool:
    """Short, single-line and not a run-on sentence."""
    stripped = text.strip()
    if not stripped or "\n" in stripped or len(stripped) > MAX_HEADING_CHARS:
        return False
    body = stripped.rstrip("。：:")
    return not _SENTENCE_INSIDE.search(body)


def detect_heading(text: str, style: str | None = None) -> tuple[int, str | None] | None:
    """(level, numbering) if ``text`` (a paragraph) is a heading, else ``None``."""
    stripped = text.strip()
    if not stripped:
        return None
    level = style_level(style)
    numbered = numbering_of(stripped)
    if level is not None:
        return level, numbered[1] if numbered else None
    if numbered is None or not looks_like_heading_text(stripped):
        return None
    level, numbering = numbered
    rest = stripped[len(stripped) - len(stripped.lstrip()) :]
    if len(re.sub(r"\s+", "", rest)) <= len(numbering):
        return None  # a bare "一、" is not a heading
    return level, numbering
