"""Table grids from the ruling lines of a page image.

The chain: ink mask → horizontal and vertical rulings (morphological opening with a
long thin kernel keeps only long straight strokes, never text) → table regions
(connected rulings) → the distinct ruling positions of each region (the grid) → for
each grid unit, whether a ruling separates it from its right and lower neighbours.
Units not separated are one merged cell; each cell gets its row/column span.

All coordinates are pixels of the (deskewed) page image.
"""

from __future__ import annotations

from collections.abc import Sequence
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
BORDER_COVERAGE = 0.85
#: contrast (grey levels) at which a pixel counts as ruling ink in border checks
FAINT = 8
#: half-width of the band a ruling is looked for in (points)
BAND_PT = 0.7
#: width of the strips beside a border that must be free of ink (points)
FLANK_PT = 1.1
#: breaks up to this long in a scanned ruling are bridged (points)
GAP_PT = 2.5


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


def _strip(mask: np.ndarray, along: slice, lo: int, hi: int, axis: int) -> np.ndarray:
    """Pixels of a strip parallel to a border: shape (length along, width across)."""
    lo, hi = max(lo, 0), max(hi, 0)
    return mask[lo:hi, along].T if axis == 0 else mask[along, lo:hi]


def _has_border(
    closed: np.ndarray, raw: np.ndarray, along: slice, at: float, tol: int, flank: int, axis: int
) -> bool:
    """Whether a ruling is drawn along a border line.

    ``axis`` 0: a horizontal border at row ``at`` spanning columns ``along``; 1: a
    vertical border at column ``at`` spanning rows ``along``. A position counts when
    the band ``at ± tol`` has ink (in ``closed``, small breaks bridged) and the ink is
    thin there: one of the flanking strips just beside the band is empty in ``raw``.
    A character lying on the line has strokes on both sides of it; a ruling does not.
    """
    mid = int(round(at))
    band = _strip(closed, along, mid - tol, mid + tol + 1, axis)
    if band.size == 0:
        return False
    inked = band.max(axis=1) > 0
    before = _strip(raw, along, mid - tol - flank, mid - tol, axis)
    after = _strip(raw, along, mid + tol + 1, mid + tol + 1 + flank, axis)
    before_empty = before.max(axis=1) == 0 if before.size else np.ones_like(inked)
    after_empty = after.max(axis=1) == 0 if after.size else np.ones_like(inked)
    hits = inked & (before_empty | after_empty)
    return float(np.count_nonzero(hits)) / hits.size >= BORDER_COVERAGE


def _crossed(texts: Sequence[BBox], x: float, top: float, bottom: float) -> bool:
    """Whether a text line centred between ``top`` and ``bottom`` runs across ``x``.

    It must reach a character width (its height) past ``x`` on both sides, so a line
    whose edge merely touches the ruling does not count.
    """
    for x0, t, x1, b in texts:
        margin = b - t
        if top < (t + b) / 2 < bottom and x0 + margin < x < x1 - margin:
            return True
    return False


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@dataclass(frozen=True)
class BorderInk:
    """The masks a border check reads (see :func:`_has_border`)."""

    along_h: np.ndarray  # ruling ink, breaks bridged horizontally
    along_v: np.ndarray  # ruling ink, breaks bridged vertically
    beside: np.ndarray  # all ink that is not a seal: text beside a border
    tol: int  # half-width of the band a ruling is looked for in (pixels)
    flank: int  # width of the strips beside it (pixels)

    @classmethod
    def of(cls, rulings_ink: np.ndarray, text_ink: np.ndarray, px_per_pt: float) -> BorderInk:
        gap = max(3, round(GAP_PT * px_per_pt))
        return cls(
            along_h=cv2.morphologyEx(rulings_ink, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8)),
            along_v=cv2.morphologyEx(rulings_ink, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8)),
            beside=text_ink,
            tol=max(2, round(BAND_PT * px_per_pt)),
            flank=max(2, round(FLANK_PT * px_per_pt)),
        )


def grid_from_rulings(
    ink: BorderInk,
    horizontal: np.ndarray,
    vertical: np.ndarray,
    region: BBox,
    min_len: int,
    texts: Sequence[BBox] = (),
) -> GridTable | None:
    """The grid of one table region (None: not at least 2 × 1 cells).

    Boundary positions come from the long ``horizontal``/``vertical`` rulings; whether a
    boundary is drawn between two particular units is read from the raw ``ink``, so a
    one-row-high border segment shorter than ``min_len`` still counts. ``texts`` are
    the OCR'd text lines: a line running across a column boundary means no ruling is
    drawn there (text never crosses a ruling).
    """
    x0, y0, x1, y1 = (int(v) for v in region)
    h_sub = horizontal[y0:y1, x0:x1]
    v_sub = vertical[y0:y1, x0:x1]
    ys = _positions((h_sub > 0).sum(axis=1), min_len, y0)
    xs = _positions((v_sub > 0).sum(axis=0), min_len, x0)
    if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) < 2:
        return None
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    tol = ink.tol
    parent = list(range(n_rows * n_cols))

    def union(a: int, b: int) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for r in range(n_rows):
        # the border between two units, without the crossing rulings at its ends
        rows = slice(int(round(ys[r])) + tol + 2, int(round(ys[r + 1])) - tol - 1)
        for c in range(n_cols):
            cols = slice(int(round(xs[c])) + tol + 2, int(round(xs[c + 1])) - tol - 1)
            if c + 1 < n_cols and (
                _crossed(texts, xs[c + 1], ys[r], ys[r + 1])
                or not _has_border(ink.along_v, ink.beside, rows, xs[c + 1], tol, ink.flank, 1)
            ):
                union(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not _has_border(
                ink.along_h, ink.beside, cols, ys[r + 1], tol, ink.flank, 0
            ):
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
    gray: np.ndarray,
    px_per_pt: float,
    borders: np.ndarray | None = None,
    texts: Sequence[BBox] = (),
) -> list[GridTable]:
    """Ruled tables on a greyscale page image, top to bottom.

    ``borders`` (default: ``gray``) is the image whether a border is drawn is read
    from. A scan passes its seal-free image as ``gray`` (a seal's ring has straight
    enough stretches to pass for rulings) and the image with the seal as ``borders``
    (where a ruling runs under a seal, its thin parts are as red as the seal).
    ``texts`` are the page's OCR'd text lines in pixels (see :func:`grid_from_rulings`).
    """
    ink = binarize(gray)
    min_len = max(12, int(MIN_RULING_PT * px_per_pt))
    border_ink = BorderInk.of(
        frame(binarize(gray if borders is None else borders, FAINT), min_len),
        binarize(gray, FAINT),
        px_per_pt,
    )
    horizontal, vertical = rulings(ink, min_len)
    joined = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    tables: list[GridTable] = []
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if w < 2 * min_len or h < min_len:
            continue
        region = (max(x - 2, 0), max(y - 2, 0), x + w + 2, y + h + 2)
        table = grid_from_rulings(border_ink, horizontal, vertical, region, min_len, texts)
        if table is not None:
            tables.append(table)
    tables.sort(key=lambda t: _area(t.bbox), reverse=True)
    kept: list[GridTable] = []
    for table in tables:  # a piece cut off a table (by a seal, a fold) is not another
        if not any(_inside(table.bbox, other.bbox) for other in kept):
            kept.append(table)
    kept.sort(key=lambda t: t.ys[0])
    return kept


def _area(b: BBox) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _inside(inner: BBox, outer: BBox) -> bool:
    """Whether most of ``inner`` lies within ``outer``."""
    w = min(inner[2], outer[2]) - max(inner[0], outer[0])
    h = min(inner[3], outer[3]) - max(inner[1], outer[1])
    return w > 0 and h > 0 and w * h >= 0.5 * _area(inner)
