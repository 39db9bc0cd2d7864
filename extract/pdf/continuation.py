"""A table that continues on the next page becomes one table.

Decision (:func:`continues`): the next block after table A is table B on the next page
(nothing but page furniture or a 续表 label between them, so A ends the page and B
starts the next)
and the column rulings match. Joining (:func:`join`): B's repeated header rows are
dropped; a merged cell that runs over the break (B's top cell in that column is empty
and A's cell spans down to its last row) is extended instead of duplicated; a row split
by the break is re-joined (:func:`is_split_row`). A merged cell's text printed again on
the new page (some producers print it in each page's part of the cell) is read once.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .grid import RawCell, RawTable, nearest
from .reflow import join_wrapped

#: column rulings closer than this (points) are the same ruling
X_TOLERANCE = 3.0
#: a whole grid moved sideways by at most this much (points) is the same grid
MAX_SHIFT = 36.0
#: at most this many header rows are recognised as repeated on a continuation page
MAX_HEADER_ROWS = 3
_CONTINUED = re.compile(r"^[（(]?\s*续\s*(?:上\s*)?表\s*\d*\s*[）)]?[:：]?$")


def is_continued_marker(text: str) -> bool:
    """``续表`` / ``（续表）`` / ``续上表``: a label between the two parts of one table."""
    return bool(_CONTINUED.match(text.strip()))


def columns_match(a: tuple[float, ...], b: tuple[float, ...], tol: float = X_TOLERANCE) -> bool:
    """Same outer edges and (almost) the same inner rulings — or B is a coarser grid
    of A: every one of B's (at least three) columns edges is one of A's rulings, as
    when a form's 8-column grid continues with rows that merge its columns in pairs.
    A grid moved sideways as a whole (mirrored page margins: odd and even pages of a
    printed bundle) matches too."""
    if a and b and abs(b[0] - a[0]) <= MAX_SHIFT:
        shift = b[0] - a[0]
        if abs(shift) > tol and abs((b[-1] - a[-1]) - shift) <= tol:
            b = tuple(x - shift for x in b)
    if not a or not b or abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    matched = sum(1 for x in b if min(abs(x - y) for y in a) <= tol)
    if matched == len(b) and len(b) >= 4:
        return True
    return matched >= 0.8 * len(b) and matched >= 0.8 * len(a) - 1


def continues(a: RawTable, b: RawTable) -> bool:
    return b.page == a.end_page + 1 and a.ruled == b.ruled and columns_match(a.xs, b.xs)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_repeated_header(a_first: list[str], b_first: list[str]) -> bool:
    """B's first row repeats A's header. The block-label column on the left (merged
    over header and data, ``绩效指标``) may be blank on the new page."""
    a, b = [_norm(t) for t in a_first], [_norm(t) for t in b_first]
    if not any(a) or len(a) != len(b):
        return False
    lead = 0
    while lead < len(b) - 2 and not b[lead]:
        lead += 1
    return a[lead:] == b[lead:] and sum(1 for t in b[lead:] if t) >= 2


def is_split_row(a_last: list[str], b_first: list[str]) -> bool:
    """Is B's first row the rest of A's last row, cut by the page break?

    Yes when B's first cell is empty, B's non-empty cells all continue non-empty cells
    of A's last row, and B fills at most half as many cells as A (the cells that did not
    fit); a new row with an empty first cell (a group label written once) has most of
    its cells filled and is kept.
    """
    b_filled = [i for i, t in enumerate(b_first) if t.strip()]
    a_filled = [i for i, t in enumerate(a_last) if t.strip()]
    if not b_filled or b_first[0].strip() or not a_filled:
        return False
    if any(not a_last[i].strip() for i in b_filled if i < len(a_last)):
        return False
    return len(b_filled) <= max(1, len(a_filled) // 2)


def join(a: RawTable, b: RawTable) -> RawTable:
    """A followed by B's rows (B's columns mapped onto A's rulings)."""
    xs = list(a.xs)
    mapped: list[RawCell] = []
    for cell in b.cells:
        c0 = nearest(xs, b.xs[cell.col])
        c1 = nearest(xs, b.xs[min(cell.col + cell.col_span, len(b.xs) - 1)])
        mapped.append(replace(cell, col=c0, col_span=max(1, c1 - c0)))
    b_cells = mapped
    b_rows = b.n_rows
    view = replace(b, cells=tuple(b_cells), n_cols=a.n_cols, xs=a.xs)
    repeated = 0
    while repeated < min(MAX_HEADER_ROWS, b_rows - 1, a.n_rows) and is_repeated_header(
        a.row_texts(repeated), view.row_texts(repeated)
    ):
        repeated += 1
    for _ in range(repeated):
        b_cells = [c for c in (_drop_first_row(c) for c in b_cells) if c is not None]
        b_rows -= 1
    a_cells = list(a.cells)
    last = a.n_rows - 1
    extended: list[int] = []  # A's merged cells that run on over the break
    # merged cells running over the break
    for cell in list(b_cells):
        if cell.row != 0:
            continue
        above = next((c for c in a_cells if c.covers(last, cell.col)), None)
        # B's top cell is empty, or repeats the merged cell's text (some producers
        # print a merged cell's text again on each page it runs over)
        if cell.text.strip() and (above is None or _norm(above.text) != _norm(cell.text)):
            continue
        if (
            above is not None
            and above.row < last
            and above.col == cell.col
            and above.col_span == cell.col_span
        ):
            extended.append(a_cells.index(above))
            a_cells[extended[-1]] = replace(above, row_span=above.row_span + cell.row_span)
            b_cells.remove(cell)
    view = replace(b, cells=tuple(b_cells), n_cols=a.n_cols, n_rows=b_rows, xs=a.xs)
    a_view = replace(a, cells=tuple(a_cells))
    if b_rows >= 1 and is_split_row(_row_texts_full(a_view, last), _unrepeated_first(a_view, view)):
        for i in extended:  # B's first row is A's last row: it was counted twice
            a_cells[i] = replace(a_cells[i], row_span=a_cells[i].row_span - 1)
        for cell in [c for c in b_cells if c.row == 0]:
            target = next((c for c in a_cells if c.covers(last, cell.col)), None)
            if target is not None and _norm(target.text) == _norm(cell.text):
                # a merged cell's text printed again: read it once; when the cell runs on
                # below the cut row, it is one cell spanning both pages
                if cell.row_span > 1 and (target.col, target.col_span) == (
                    cell.col,
                    cell.col_span,
                ):
                    a_cells[a_cells.index(target)] = replace(
                        target, row_span=target.row_span + cell.row_span - 1
                    )
                    b_cells.remove(cell)
                continue
            if target is not None and cell.text.strip():
                joined = join_wrapped(target.text, cell.text)
                a_cells[a_cells.index(target)] = replace(target, text=joined)
        b_cells = [c for c in (_drop_first_row(c) for c in b_cells) if c is not None]
        b_rows -= 1
    cells = a_cells + [replace(c, row=c.row + a.n_rows) for c in b_cells]
    return replace(a, n_rows=a.n_rows + b_rows, cells=tuple(cells), last_page=b.end_page)


def _row_texts_full(table: RawTable, row: int) -> list[str]:
    """Per column, the text of the cell that starts there in ``row`` ("" elsewhere).

    A cell merged over several columns counts once, at its first column: a split row
    is judged by how many *cells* it fills, not how many columns they span.
    """
    out: list[str] = []
    for col in range(table.n_cols):
        cell = table.cell_at(row, col)
        starts_here = cell is not None and cell.row == row and cell.col == col
        out.append(cell.text if starts_here else "")
    return out


def _unrepeated_first(a: RawTable, b: RawTable) -> list[str]:
    """B's first-row texts (:func:`_row_texts_full`), blank where a merged cell that runs
    on below repeats the text of A's cell in the same columns on A's last row: a
    producer printing a merged label again on the new page does not make a new row."""
    out = _row_texts_full(b, 0)
    for cell in b.row_starting(0):
        above = a.cell_at(a.n_rows - 1, cell.col)
        if (
            cell.row_span > 1
            and above is not None
            and (above.col, above.col_span) == (cell.col, cell.col_span)
            and _norm(above.text) == _norm(cell.text)
        ):
            out[cell.col] = ""
    return out


def _drop_first_row(cell: RawCell) -> RawCell | None:
    if cell.row > 0:
        return replace(cell, row=cell.row - 1)
    if cell.row_span > 1:
        return replace(cell, row_span=cell.row_span - 1)
    return None
