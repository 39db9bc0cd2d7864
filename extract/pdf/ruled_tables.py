"""Tables drawn with rulings (Word forms exported to PDF).

pdfplumber's table finder (lines strategy) gives each cell's rectangle. The grid is the
set of distinct x and y rulings of those rectangles; a rectangle covering several grid
columns or rows is a merged cell with spans. Words are assigned to cells by their
centre, and each cell's lines are re-flowed (:func:`reflow.cell_text`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .grid import RawCell, RawTable, cluster, nearest
from .layout import BBox, Word, group_lines
from .reflow import cell_text

TABLE_SETTINGS: dict[str, object] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def grid_cells(
    boxes: Sequence[BBox],
) -> tuple[list[float], list[float], list[tuple[int, int, int, int]]]:
    """Column/row boundaries and (row, col, row_span, col_span) for each cell box."""
    xs = cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    placed: list[tuple[int, int, int, int]] = []
    for x0, top, x1, bottom in boxes:
        c0, c1 = nearest(xs, x0), nearest(xs, x1)
        r0, r1 = nearest(ys, top), nearest(ys, bottom)
        placed.append((r0, c0, max(1, r1 - r0), max(1, c1 - c0)))
    return xs, ys, placed


def build_table(boxes: Sequence[BBox], words: Sequence[Word], page: int) -> RawTable | None:
    """One ruled table from its cell boxes and the page's words (None: not a table)."""
    if len(boxes) < 2:
        return None
    xs, ys, placed = grid_cells(boxes)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2:
        return None
    owner: dict[tuple[int, int], int] = {}
    for i, (r, c, rs, cs) in enumerate(placed):
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                owner.setdefault((rr, cc), i)
    members: list[list[Word]] = [[] for _ in boxes]
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        col, row = bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1
        i = owner.get((row, col))
        if i is not None:
            members[i].append(word)
    cells = tuple(
        RawCell(
            text=cell_text(group_lines(members[i], page)),
            row=r,
            col=c,
            row_span=rs,
            col_span=cs,
            page=page,
            bbox=tuple(round(v, 2) for v in boxes[i]),  # type: ignore[arg-type]
        )
        for i, (r, c, rs, cs) in sorted(enumerate(placed), key=lambda t: (t[1][0], t[1][1]))
        if owner.get((r, c)) == i
    )
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return RawTable(page, bbox, n_rows, n_cols, cells, tuple(xs))


def inside(word: Word, bbox: BBox, pad: float = 1.0) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return bbox[0] - pad <= cx <= bbox[2] + pad and bbox[1] - pad <= cy <= bbox[3] + pad
