"""Property: any grid with any merged ranges reads back as the same table, every
position covered by exactly one cell, each merged range one cell with its spans."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.extract import read_document

Rect = tuple[int, int, int, int]  # r0, c0, r1, c1 (0-based, inclusive)


@st.composite
def grids(draw: st.DrawFn) -> tuple[int, int, list[Rect]]:
    n_rows = draw(st.integers(2, 6))
    n_cols = draw(st.integers(2, 5))
    merges: list[Rect] = []
    taken: set[tuple[int, int]] = set()
    for _ in range(draw(st.integers(0, 4))):
        r0 = draw(st.integers(1, n_rows - 1))  # row 0 stays a plain header row
        c0 = draw(st.integers(0, n_cols - 1))
        r1 = draw(st.integers(r0, n_rows - 1))
        c1 = draw(st.integers(c0, n_cols - 1))
        cells = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if len(cells) > 1 and not cells & taken:
            merges.append((r0, c0, r1, c1))
            taken |= cells
    return n_rows, n_cols, merges


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids(), st.integers(1, 3), st.integers(1, 3))
def test_merged_ranges_become_spans(grid: tuple[int, int, list[Rect]], top: int, left: int) -> None:
    n_rows, n_cols, merges = grid
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in range(n_rows):
        for c in range(n_cols):
            ws.cell(top + r, left + c, f"v{r}-{c}")
    covering: dict[tuple[int, int], Rect] = {}
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(
            start_row=top + r0, start_column=left + c0, end_row=top + r1, end_column=left + c1
        )
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                covering[(r, c)] = (r0, c0, r1, c1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "grid.xlsx"
        wb.save(path)
        (table,) = read_document(path).blocks
    assert (table.n_rows, table.n_cols) == (n_rows, n_cols)
    for r in range(n_rows):
        for c in range(n_cols):
            r0, c0, r1, c1 = covering.get((r, c), (r, c, r, c))
            cell = table.cell_at(r, c)
            assert cell is not None
            assert (cell.row, cell.col, cell.row_span, cell.col_span) == (
                r0,
                c0,
                r1 - r0 + 1,
                c1 - c0 + 1,
            )
            assert cell.text == f"v{r0}-{c0}"
    assert len(table.cells) == n_rows * n_cols - sum(
        (r1 - r0 + 1) * (c1 - c0 + 1) - 1 for r0, c0, r1, c1 in merges
    )
