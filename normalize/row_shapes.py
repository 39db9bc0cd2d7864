"""Shapes of a table row that matched column labels: a header, label/value pairs of a
form, a paired funds header (``label | amount | label | amount``), a list header, or a
full-width row that ends a region. Used by :mod:`jixiao.normalize.regions`."""

from __future__ import annotations

from jixiao.extract.model import Cell, Table
from jixiao.normalize.amounts import parse_amount
from jixiao.normalize.text import clean_label, is_blank


def is_paired(table: Table, row: int, found: dict[Cell, str]) -> dict[int, int] | None:
    """value col → label col when each matched cell is followed by a value cell."""
    cells = table.row_cells(row)
    pairs: dict[int, int] = {}
    for i, cell in enumerate(cells):
        if cell not in found or i + 1 >= len(cells):
            continue
        nxt = cells[i + 1]
        if nxt in found:
            return None
        if is_blank(nxt.text) or parse_amount(nxt.text, "元") is not None:
            pairs[nxt.col] = cell.col
    return pairs if len(pairs) >= 2 and len(pairs) == len(found) else None


def is_key_value_row(table: Table, row: int, found: dict[Cell, str]) -> bool:
    """``label | value | label | value`` with text values: a form row, not a header.

    (Amount values make a paired funds header instead; see :func:`_is_paired`.)
    """
    if is_paired(table, row, found) is not None:
        return False
    cells = table.row_cells(row)
    for i, cell in enumerate(cells):
        if cell not in found:
            continue
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is None or nxt in found or is_blank(nxt.text) or nxt.row != row:
            return False
    return True


_SHORT_HEADER_CHARS = 10


def is_list_header(table: Table, row: int, found: dict[Cell, str]) -> bool:
    """A row of short labels with numbers below its known columns is a list's header
    (``支出内容 | 合同编号 | 支付金额 | 支付日期``), however its cells alternate."""
    cells = [c for c in table.row_cells(row) if c.row == row and not is_blank(c.text)]
    if any(len(clean_label(c.text)) > _SHORT_HEADER_CHARS for c in cells):
        return False
    if any(parse_amount(c.text, "元") is not None for c in cells):
        return False  # a value in the row: label | value pairs
    if row + 1 >= table.n_rows:
        return False
    below = [table.cell_at(row + 1, cell.col) for cell in found]
    return any(
        c is not None and c.row == row + 1 and parse_amount(c.text, "元") is not None for c in below
    )


def is_full_width(table: Table, row: int) -> bool:
    cells = table.row_cells(row)
    return len(cells) == 1 and cells[0].col_span >= max(2, table.n_cols - 1)
