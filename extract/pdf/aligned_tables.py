"""Unruled tables: columns made only by text alignment.

Only where the layout makes the columns clear: at least :data:`MIN_ANCHORS` consecutive
lines that each split into ≥ 3 segments (runs of words separated by a wide gap) whose
horizontal extents fall into the same ≥ 3 columns. Wrapped continuation lines between
or right after such lines join the table when every segment fits a column. Anything
else stays prose.

A header row is often set tighter than the data: its cells (``年初预算数``, ``全年预算数``)
are wider than the amounts below and nearly touch, so the wide-gap rule sees one run of
words. The line right above the data is taken as the header when each of its words
(pdfplumber splits at any real gap) sits inside one column and the words head at least
three columns; otherwise it would be re-flowed into prose, glued to a ``金额单位：万元``
line above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .grid import RawCell, RawTable
from .layout import Line, Word, split_segments, union_bbox, words_text
from .reflow import join_wrapped

MIN_ANCHORS = 3
MIN_COLUMNS = 3
#: wrapped lines allowed between two aligned lines of one table
MAX_WRAP = 3
#: header lines (set tighter than the data) taken in above the first aligned line
MAX_HEADER_LINES = 2

#: the segments of one line, each with its column
Placed = list[tuple[int, tuple[Word, ...]]]


@dataclass(frozen=True)
class AlignedRun:
    """Lines ``start``..``end`` (exclusive) of the input form one table."""

    start: int
    end: int
    table: RawTable


def _columns(segments: Sequence[Sequence[tuple[Word, ...]]], tol: float) -> list[list[float]]:
    """Merge the x-extents of all segments into column intervals."""
    spans = sorted((s[0].x0, max(w.x1 for w in s)) for line in segments for s in line)
    cols: list[list[float]] = []
    for x0, x1 in spans:
        if cols and x0 <= cols[-1][1] + tol:
            cols[-1][1] = max(cols[-1][1], x1)
        else:
            cols.append([x0, x1])
    return cols


def _column_of(seg: tuple[Word, ...], cols: list[list[float]], tol: float) -> int | None:
    x0, x1 = seg[0].x0, max(w.x1 for w in seg)
    for i, (c0, c1) in enumerate(cols):
        if x0 >= c0 - tol and x1 <= c1 + tol:
            return i
    return None


def _fits(line_segs: Sequence[tuple[Word, ...]], cols: list[list[float]], tol: float) -> bool:
    return all(_column_of(s, cols, tol) is not None for s in line_segs)


def find_aligned(lines: Sequence[Line]) -> list[AlignedRun]:
    """Runs of lines (in reading order) that form text-aligned tables."""
    segs = [split_segments(line) for line in lines]
    runs: list[AlignedRun] = []
    i = 0
    while i < len(lines):
        if len(segs[i]) < MIN_COLUMNS:
            i += 1
            continue
        anchors = [i]
        k = i + 1
        while k < len(lines) and lines[k].page == lines[i].page and k - anchors[-1] <= MAX_WRAP + 1:
            if len(segs[k]) >= MIN_COLUMNS:
                anchors.append(k)
            k += 1
        grown = _grow(lines, segs, anchors) if len(anchors) >= MIN_ANCHORS else None
        if grown is None:
            i += 1
            continue
        start, end, cols, tol = grown
        floor = runs[-1].end if runs else 0
        header = _header_above(lines, start, floor, cols, tol)
        placed = header + [_place(line_segs, cols, tol) for line_segs in segs[start:end]]
        first = start - len(header)
        runs.append(AlignedRun(first, end, _to_table(lines[first:end], placed, cols)))
        i = end
    return runs


def _grow(
    lines: Sequence[Line], segs: list[list[tuple[Word, ...]]], anchors: list[int]
) -> tuple[int, int, list[list[float]], float] | None:
    """The run's lines (start, end), its columns and the tolerance used to fit them."""
    start, end = anchors[0], anchors[-1] + 1
    tol = 0.5 * lines[start].size
    cols = _columns([segs[k] for k in anchors], tol)
    if len(cols) < MIN_COLUMNS or not all(_fits(segs[k], cols, tol) for k in range(start, end)):
        return None
    pitch = min(
        (lines[k + 1].top - lines[k].top for k in range(start, end - 1)), default=lines[start].size
    )
    # wrapped continuation lines right after the last anchor
    while end < len(lines) and lines[end].page == lines[start].page:
        line, prev = lines[end], lines[end - 1]
        if line.top - prev.top > 1.6 * pitch or not _fits(segs[end], cols, tol):
            break
        if len(segs[end]) == 1 and _column_of(segs[end][0], cols, tol) == 0:
            break  # a lone line in the first column after the table reads as prose
        end += 1
    return start, end, cols, tol


def _place(line_segs: Sequence[tuple[Word, ...]], cols: list[list[float]], tol: float) -> Placed:
    placed: Placed = []
    for seg in line_segs:
        col = _column_of(seg, cols, tol)
        if col is not None:
            placed.append((col, seg))
    return placed


def _header_above(
    lines: Sequence[Line], start: int, floor: int, cols: list[list[float]], tol: float
) -> list[Placed]:
    """Up to :data:`MAX_HEADER_LINES` header lines right above line ``start`` (not
    below ``floor``), each placed word by word into ``cols``; [] when there is none."""
    bounds = _bounds(cols)
    found: list[Placed] = []
    below = lines[start]
    k = start - 1
    while k >= floor and len(found) < MAX_HEADER_LINES:
        line = lines[k]
        if line.page != below.page or below.top - line.bottom > 1.5 * below.size:
            break
        placed = _place_words(line, bounds, tol)
        if placed is None or len({col for col, _ in placed}) < MIN_COLUMNS:
            break
        found.insert(0, placed)
        below = line
        k -= 1
    return found


def _bounds(cols: list[list[float]]) -> list[float]:
    """Cell edges: the middles of the gaps between columns, and outer edges as far out
    as the narrowest half gap (a centred head overhangs its amounts on both sides)."""
    middles = [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:], strict=False)]
    half = min(b[0] - a[1] for a, b in zip(cols, cols[1:], strict=False)) / 2
    return [cols[0][0] - half, *middles, cols[-1][1] + half]


def _place_words(line: Line, bounds: list[float], tol: float) -> Placed | None:
    """Each word of ``line`` in the column whose edges hold it (words of one column
    joined); None when a word straddles two columns or lies outside the table."""
    placed: Placed = []
    for word in line.words:
        col = next(
            (
                c
                for c in range(len(bounds) - 1)
                if word.x0 >= bounds[c] - tol and word.x1 <= bounds[c + 1] + tol
            ),
            None,
        )
        if col is None:
            return None
        if placed and placed[-1][0] == col:
            placed[-1] = (col, (*placed[-1][1], word))
        else:
            placed.append((col, (word,)))
    return placed


def _to_table(lines: Sequence[Line], placed: Sequence[Placed], cols: list[list[float]]) -> RawTable:
    rows: list[list[list[tuple[Word, ...]]]] = []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    min_gap = min(gaps, default=0.0)
    for k, (line, line_placed) in enumerate(zip(lines, placed, strict=True)):
        new_row = (
            k == 0
            or gaps[k - 1] > min_gap + 0.35 * line.size
            or (len(line_placed) >= MIN_COLUMNS and any(col == 0 for col, _ in line_placed))
        )
        if new_row:
            rows.append([[] for _ in cols])
        for col, seg in line_placed:
            rows[-1][col].append(seg)
    page = lines[0].page
    cells: list[RawCell] = []
    for r, row in enumerate(rows):
        for c, parts in enumerate(row):
            text = ""
            for part in parts:
                text = join_wrapped(text, words_text(part))
            bbox = (
                union_bbox((w.x0, w.top, w.x1, w.bottom) for p in parts for w in p)
                if parts
                else None
            )
            cells.append(RawCell(text, r, c, 1, 1, page, bbox))
    bbox = union_bbox(line.bbox for line in lines)
    xs = tuple(
        [cols[0][0]]
        + [(a[1] + b[0]) / 2 for a, b in zip(cols, cols[1:], strict=False)]
        + [cols[-1][1]]
    )
    return RawTable(page, bbox, len(rows), len(cols), tuple(cells), xs, ruled=False)
