"""Unruled tables: columns made only by text alignment.

Only where the layout makes the columns clear: at least :data:`MIN_ANCHORS` consecutive
lines that each split into ≥ 3 segments (runs of words separated by a wide gap) whose
horizontal extents fall into the same ≥ 3 columns. Wrapped continuation lines between
or right after such lines join the table when every segment fits a column. Anything
else stays prose.
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
        run = _grow(lines, segs, anchors) if len(anchors) >= MIN_ANCHORS else None
        if run is None:
            i += 1
            continue
        runs.append(run)
        i = run.end
    return runs


def _grow(
    lines: Sequence[Line], segs: list[list[tuple[Word, ...]]], anchors: list[int]
) -> AlignedRun | None:
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
    return AlignedRun(start, end, _to_table(lines[start:end], segs[start:end], cols, tol))


def _to_table(
    lines: Sequence[Line],
    segs: Sequence[Sequence[tuple[Word, ...]]],
    cols: list[list[float]],
    tol: float,
) -> RawTable:
    rows: list[list[list[tuple[Word, ...]]]] = []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    min_gap = min(gaps, default=0.0)
    for k, (line, line_segs) in enumerate(zip(lines, segs, strict=False)):
        placed = {_column_of(s, cols, tol): s for s in line_segs}
        new_row = (
            k == 0
            or gaps[k - 1] > min_gap + 0.35 * line.size
            or (len(line_segs) >= MIN_COLUMNS and 0 in placed)
        )
        if new_row:
            rows.append([[] for _ in cols])
        for s in line_segs:
            col = _column_of(s, cols, tol)
            if col is not None:
                rows[-1][col].append(s)
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
