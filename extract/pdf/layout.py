"""Words and lines: the geometry every other module works on.

pdfplumber gives words (runs of characters); this module groups them into lines and
turns a line back into text, deciding where a space belongs: between Latin/digit words,
or where the gap is wide enough to be a deliberate space, but not between CJK
characters that a justified line merely spread apart.
"""

from __future__ import annotations

from bisect import bisect_left
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
    space_after: bool = False  # the PDF has a real space character right after the word


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
    """Join the words of one line, with a space only where one was written.

    A space is kept where the PDF has a space character, or where the gap is wide (an
    em or more). Without a space character, a narrow gap only means a space between two
    Latin/digit words (some producers position words instead of writing spaces); between
    CJK and Latin it is typesetting (LibreOffice's CJK/Latin auto-spacing, ``第 1 项``).
    """
    if not words:
        return ""
    parts = [words[0].text]
    for prev, word in zip(words, words[1:], strict=False):
        gap = word.x0 - prev.x1
        size = max(prev.size, word.size)
        latin = is_ascii_alnum(prev.text[-1]) and is_ascii_alnum(word.text[0])
        if prev.space_after or gap >= 0.8 * size or (latin and gap > 0.12 * size):
            parts.append(" ")
        parts.append(word.text)
    return "".join(parts)


def to_words(
    raw: Iterable[dict[str, object]], spaces: Iterable[tuple[float, float]] = ()
) -> list[Word]:
    """pdfplumber word dicts → :class:`Word` (upright text only).

    ``spaces`` are (top, x0) of the page's space characters: a word followed by one is
    marked ``space_after``.
    """
    by_row: dict[int, list[float]] = {}
    for top, x0 in spaces:
        by_row.setdefault(round(top), []).append(x0)
    for xs in by_row.values():
        xs.sort()
    out: list[Word] = []
    for w in raw:
        if not w.get("upright", True):
            continue
        x1, top = float(w["x1"]), float(w["top"])  # type: ignore[arg-type]
        out.append(
            Word(
                text=str(w["text"]),
                x0=float(w["x0"]),  # type: ignore[arg-type]
                top=top,
                x1=x1,
                bottom=float(w["bottom"]),  # type: ignore[arg-type]
                size=float(w.get("size", w["bottom"] - w["top"])),  # type: ignore[arg-type, operator]
                space_after=_space_at(by_row, top, x1),
            )
        )
    return out


def _space_at(by_row: dict[int, list[float]], top: float, x: float) -> bool:
    for row in (round(top) - 1, round(top), round(top) + 1):
        xs = by_row.get(row)
        if xs:
            i = bisect_left(xs, x - 1.0)
            if i < len(xs) and xs[i] <= x + 1.0:
                return True
    return False


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
