"""Table grids from the ruling lines of a page image.

The chain: ink mask → horizontal and vertical rulings (morphological opening with a
long thin kernel keeps only long straight strokes, never text) → table regions
(connected rulings) → the distinct ruling positions of each region (the grid) → for
each grid unit, whether a ruling separates it from its right and lower neighbours.
Units not separated are one merged cell; each cell gets its row/column span.

All coordinates are pixels of the (deskewed) page image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from .deskew import binarize

BBox = tuple[float, float, float, float]

#: a ruling segment is at least this long (points; scaled by pixels-per-point)
MIN_RULING_PT = 18.0
#: a border between two grid units counts as drawn when this fraction of its whole
#: length, ruling to ruling, has ink. Text never reaches the rulings (cell padding),
#: so a character stroke that happens to lie on a grid line stays below it.
BORDER_COVERAGE = 0.88
#: contrast (grey levels) at which a pixel counts as ruling ink in border checks
FAINT = 8
#: breaks up to this many pixels in a scanned ruling are bridged
GAP_PX = 7


@dataclass(frozen=True)
class GridCell:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: BBox  # pixels


@dataclass(frozen=True)
class GridTable:
    xs: tuple[float, ...]  # column boundaries (pixels), n_cols + 1
    ys: tuple[float, ...]  # row boundaries, n_rows + 1
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def rulings(ink: np.ndarray, min_len: int) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling masks of an ink mask (255 = ink).

    No closing first: bridging gaps would join the strokes of characters stacked in a
    column (vertical text such as ``绩\n效\n指\n标``) into false rulings.
    """
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, min_len), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((min_len, 1), np.uint8))
    return horizontal, vertical


def _positions(profile: np.ndarray, min_count: int, offset: int) -> list[float]:
    """Centres of runs of consecutive indices whose profile reaches ``min_count``."""
    hits = np.flatnonzero(profile >= min_count)
    if hits.size == 0:
        return []
    out: list[float] = []
    start = prev = int(hits[0])
    for i in hits[1:]:
        i = int(i)
        if i - prev > 2:
            out.append(offset + (start + prev) / 2)
            start = i
        prev = i
    out.append(offset + (start + prev) / 2)
    return out


def _has_border(mask: np.ndarray, along: slice, at: float, tol: int, axis: int) -> bool:
    """Whether ``mask`` has ruling ink along a border line.

    ``axis`` 0: a horizontal border at row ``at`` spanning columns ``along``; 1: a
    vertical border at column ``at`` spanning rows ``along``.
    """
    lo, hi = int(round(at)) - tol, int(round(at)) + tol + 1
    if axis == 0:
        band = mask[max(lo, 0) : hi, along]
        hits = band.max(axis=0) if band.size else np.zeros(0)
    else:
        band = mask[along, max(lo, 0) : hi]
        hits = band.max(axis=1) if band.size else np.zeros(0)
    if hits.size == 0:
        return False
    return float(np.count_nonzero(hits)) / hits.size >= BORDER_COVERAGE


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def grid_from_rulings(
    ink: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray, region: BBox, min_len: int
) -> GridTable | None:
    """The grid of one table region (None: not at least 2 × 1 cells).

    Boundary positions come from the long ``horizontal``/``vertical`` rulings; whether a
    boundary is drawn between two particular units is read from the raw ``ink``, so a
    one-row-high border segment shorter than ``min_len`` still counts.
    """
    x0, y0, x1, y1 = (int(v) for v in region)
    h_sub = horizontal[y0:y1, x0:x1]
    v_sub = vertical[y0:y1, x0:x1]
    ys = _positions((h_sub > 0).sum(axis=1), min_len, y0)
    xs = _positions((v_sub > 0).sum(axis=0), min_len, x0)
    if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    tol = 2
    # bridge the small breaks a scanned thin line has, along the line's direction only
    ink_h = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, GAP_PX), np.uint8))
    ink_v = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((GAP_PX, 1), np.uint8))
    parent = list(range(n_rows * n_cols))

    def union(a: int, b: int) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        rows = slice(int(round(ys[r])), int(round(ys[r + 1])) + 1)
        for c in range(n_cols):
            cols = slice(int(round(xs[c])), int(round(xs[c + 1])) + 1)
            if c + 1 < n_cols and not _has_border(ink_v, rows, xs[c + 1], tol, 1):
                union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not _has_border(ink_h, cols, ys[r + 1], tol, 0):
                union(r * n_cols + c, (r + 1) * n_cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            groups.setdefault(_find(parent, r * n_cols + c), []).append((r, c))
    cells = []
    for units in groups.values():
        r0 = min(u[0] for u in units)
        r1 = max(u[0] for u in units)
        c0 = min(u[1] for u in units)
        c1 = max(u[1] for u in units)
        bbox = (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, bbox))
    return _compact(xs, ys, cells)


def _compact(xs: list[float], ys: list[float], cells: list[GridCell]) -> GridTable | None:
    """Drop boundaries no cell starts or ends on (positions found in text, not rulings)."""
    used_x = sorted({c.col for c in cells} | {c.col + c.col_span for c in cells})
    used_y = sorted({c.row for c in cells} | {c.row + c.row_span for c in cells})
    if len(used_x) < 2 or len(used_y) < 2 or (len(used_x) - 1) * (len(used_y) - 1) < 2:
        return None
    col_of = {v: k for k, v in enumerate(used_x)}
    row_of = {v: k for k, v in enumerate(used_y)}
    out = [
        GridCell(
            row=row_of[c.row],
            col=col_of[c.col],
            row_span=row_of[c.row + c.row_span] - row_of[c.row],
            col_span=col_of[c.col + c.col_span] - col_of[c.col],
            bbox=c.bbox,
        )
        for c in cells
    ]
    out.sort(key=lambda cell: (cell.row, cell.col))
    return GridTable(tuple(xs[i] for i in used_x), tuple(ys[i] for i in used_y), tuple(out))


def frame(ink: np.ndarray, min_len: int) -> np.ndarray:
    """The ink of connected shapes at least ``min_len`` wide or high: rulings, not text.

    A table's rulings touch one another, so they form a few large shapes; characters are
    small ones. Border checks on this mask can bridge breaks in a scanned line without
    bridging a character to the ruling next to it.
    """
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    large = (stats[:, cv2.CC_STAT_WIDTH] >= min_len) | (stats[:, cv2.CC_STAT_HEIGHT] >= min_len)
    large[0] = False  # background
    return np.where(large[labels], np.uint8(255), np.uint8(0))


def find_tables(
    gray: np.ndarray, px_per_pt: float, borders: np.ndarray | None = None
) -> list[GridTable]:
    """Ruled tables on a greyscale page image, top to bottom.

    ``borders`` (default: ``gray``) is the image whether a border is drawn is read
    from. A scan passes its seal-free image as ``gray`` (a seal's ring has straight
    enough stretches to pass for rulings) and the image with the seal as ``borders``
    (where a ruling runs under a seal, its thin parts are as red as the seal).
    """
    ink = binarize(gray)
    min_len = max(12, int(MIN_RULING_PT * px_per_pt))
    border_ink = frame(binarize(gray if borders is None else borders, FAINT), min_len)
    horizontal, vertical = rulings(ink, min_len)
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables: list[GridTable] = []
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if w < 2 * min_len or h < min_len:
            continue
        region = (max(x - 2, 0), max(y - 2, 0), x + w + 2, y + h + 2)
        table = grid_from_rulings(border_ink, horizontal, vertical, region, min_len)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: t.ys[0])
    return tables
