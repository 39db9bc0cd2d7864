"""Words and lines: the geometry every other module works on.

pdfplumber gives words (runs of characters); this module groups them into lines and
turns a line back into text, deciding where a space belongs: between Latin/digit words,
or where the gap is wide enough to be a deliberate space, but not between CJK
characters that a justified line merely spread apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Line:
    """One visual line on one page (words left to right)."""

    page: int
    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def text(self) -> str:
        return words_text(self.words)


def is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def words_text(words: Sequence[Word]) -> str:
    """Join the words of one line, with a space only where the gap means one."""
    if not words:
        return ""
    parts = [words[0].text]
    for prev, word in zip(words, words[1:], strict=False):
        gap = word.x0 - prev.x1
        size = max(prev.size, word.size)
        latin = is_ascii_alnum(prev.text[-1]) or is_ascii_alnum(word.text[0])
        if gap >= 0.8 * size or (latin and gap > 0.12 * size):
            parts.append(" ")
        parts.append(word.text)
    return "".join(parts)


def to_words(raw: Iterable[dict[str, object]]) -> list[Word]:
    """pdfplumber word dicts → :class:`Word` (upright text only)."""
    out: list[Word] = []
    for w in raw:
        if not w.get("upright", True):
            continue
        out.append(
            Word(
                text=str(w["text"]),
                x0=float(w["x0"]),  # type: ignore[arg-type]
                top=float(w["top"]),  # type: ignore[arg-type]
                x1=float(w["x1"]),  # type: ignore[arg-type]
                bottom=float(w["bottom"]),  # type: ignore[arg-type]
                size=float(w.get("size", w["bottom"] - w["top"])),  # type: ignore[arg-type, operator]
            )
        )
    return out


def group_lines(words: Iterable[Word], page: int) -> list[Line]:
    """Cluster words into lines by vertical overlap, top to bottom, left to right."""
    ordered = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in ordered:
        if lines:
            current = lines[-1]
            ref_top = min(w.top for w in current)
            ref_bottom = max(w.bottom for w in current)
            overlap = min(ref_bottom, word.bottom) - max(ref_top, word.top)
            if overlap > 0.5 * min(ref_bottom - ref_top, word.bottom - word.top):
                current.append(word)
                continue
        lines.append([word])
    return [Line(page, tuple(sorted(ws, key=lambda w: w.x0))) for ws in lines]


def split_segments(line: Line, min_gap_ratio: float = 1.0) -> list[tuple[Word, ...]]:
    """Split a line where the gap between words is at least ``min_gap_ratio`` × size."""
    segments: list[list[Word]] = [[line.words[0]]]
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 >= min_gap_ratio * max(prev.size, word.size):
            segments.append([word])
        else:
            segments[-1].append(word)
    return [tuple(s) for s in segments]


def union_bbox(boxes: Iterable[BBox]) -> BBox:
    bs = list(boxes)
    return (
        min(b[0] for b in bs),
        min(b[1] for b in bs),
        max(b[2] for b in bs),
        max(b[3] for b in bs),
    )
