"""The intermediate table shape the PDF reader builds before the neutral model.

A :class:`RawTable` is a grid on one page (or, after continuation joining, several):
cells placed at their top-left grid position with spans, each with its own page and
bbox. ``xs`` are the column boundaries, used to match a table continued on the next page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.extract.model import Cell, Provenance, Table

from .layout import BBox


@dataclass(frozen=True)
class RawCell:
    text: str
    row: int
    col: int
    row_span: int
    col_span: int
    page: int
    bbox: BBox | None

    def covers(self, row: int, col: int) -> bool:
        return (
            self.row <= row < self.row + self.row_span
            and self.col <= col < self.col + self.col_span
        )


@dataclass(frozen=True)
class RawTable:
    page: int
    bbox: BBox
    n_rows: int
    n_cols: int
    cells: tuple[RawCell, ...]
    xs: tuple[float, ...]
    ruled: bool = True
    caption: str | None = None
    last_page: int = 0  # the page the table ends on (0: same as ``page``)

    @property
    def end_page(self) -> int:
        return self.last_page or self.page

    def cell_at(self, row: int, col: int) -> RawCell | None:
        for cell in self.cells:
            if cell.covers(row, col):
                return cell
        return None

    def row_starting(self, row: int) -> list[RawCell]:
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.col)

    def row_texts(self, row: int) -> list[str]:
        out: list[str] = []
        for col in range(self.n_cols):
            cell = self.cell_at(row, col)
            out.append(cell.text if cell is not None and cell.row == row else "")
        return out


def cluster(values: Iterable[float], tol: float = 2.0) -> list[float]:
    """Sorted distinct values, merging those within ``tol`` (kept: the cluster mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def nearest(boundaries: list[float], value: float) -> int:
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - value))


def to_model(raw: RawTable, index: int) -> Table:
    """The neutral-model table (cells row-major, provenance with table/row/col)."""
    cells = tuple(
        Cell(
            text=c.text,
            row=c.row,
            col=c.col,
            row_span=c.row_span,
            col_span=c.col_span,
            provenance=Provenance(table=index, row=c.row, col=c.col, page=c.page, bbox=c.bbox),
        )
        for c in sorted(raw.cells, key=lambda c: (c.row, c.col))
    )
    return Table(
        index=index,
        n_rows=raw.n_rows,
        n_cols=raw.n_cols,
        cells=cells,
        provenance=Provenance(table=index, page=raw.page, bbox=raw.bbox),
        caption=raw.caption,
    )
