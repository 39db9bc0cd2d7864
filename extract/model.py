"""The neutral document model every reader produces.

A :class:`Document` is a sequence of blocks in reading order: :class:`Heading`,
:class:`Paragraph` and :class:`Table`. Tables are grids whose merged cells are
resolved: each :class:`Cell` appears once, at its top-left grid position, with its
row and column span. Everything carries a :class:`Provenance` so that any value the
normaliser takes can say where it came from.

Nothing here knows about reports, labels or databases.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeAlias


@dataclass(frozen=True)
class Provenance:
    """Where a piece of text sits in its source file.

    DOCX: ``block`` (index in :attr:`Document.blocks`), and for table cells ``table``
    (0-based table index in the document), ``row`` and ``col`` (0-based grid
    position). PDF: ``page`` (1-based) and ``bbox`` (x0, top, x1, bottom in PDF
    points, origin top-left, as pdfplumber reports them), plus table/row/col for
    cells. Spreadsheets: ``sheet`` (the worksheet's name) and ``cell`` (its A1
    reference, ``D12``) beside the table/row/col grid position. ``via`` names a
    conversion the text went through (``"libreoffice"``, ``"ocr"``).
    """

    block: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    via: str | None = None
    sheet: str | None = None
    cell: str | None = None

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name in ("block", "table", "row", "col", "page"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.bbox is not None:
            out["bbox"] = [round(v, 1) for v in self.bbox]
        for name in ("sheet", "cell"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.via is not None:
            out["via"] = self.via
        return out


@dataclass(frozen=True)
class Heading:
    """A heading: from a Word heading style or from Chinese numbering (一、 （一） 1、)."""

    text: str
    level: int
    provenance: Provenance
    numbering: str | None = None  # the numbering as written: "一、", "（一）", "1、"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of body text. Line breaks inside it are kept as ``\\n``."""

    text: str
    provenance: Provenance
    style: str | None = None


@dataclass(frozen=True)
class Cell:
    """One (possibly merged) table cell, placed at its top-left grid position.

    ``text`` keeps the cell's own paragraph / line breaks as ``\\n``; check-box
    marks (□ √ ☑ ■) are kept as text. ``nested`` holds tables inside the cell.
    """

    text: str
    row: int
    col: int
    provenance: Provenance
    row_span: int = 1
    col_span: int = 1
    nested: tuple[Table, ...] = ()

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1


@dataclass(frozen=True)
class Table:
    """A grid of ``n_rows`` × ``n_cols`` with merged cells resolved.

    ``cells`` holds each cell once (row-major by top-left position). Grid positions
    a merged cell covers map back to it through :meth:`cell_at`; positions no cell
    covers (ragged rows) are ``None``.
    """

    index: int
    n_rows: int
    n_cols: int
    cells: tuple[Cell, ...]
    provenance: Provenance
    caption: str | None = None  # a title/unit line the reader saw attached to the table

    @cached_property
    def _grid(self) -> tuple[tuple[Cell | None, ...], ...]:
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    grid[r][c] = cell
        return tuple(tuple(row) for row in grid)

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), merged or not."""
        if 0 <= row < self.n_rows and 0 <= col < self.n_cols:
            return self._grid[row][col]
        return None

    def row_cells(self, row: int) -> tuple[Cell, ...]:
        """Distinct cells covering ``row``, left to right.

        A cell merged vertically from a row above is included (its ``row`` is
        smaller than ``row``); a cell merged horizontally appears once.
        """
        out: list[Cell] = []
        for cell in self._grid[row]:
            if cell is not None and (not out or out[-1] is not cell):
                out.append(cell)
        return tuple(out)

    def row_texts(self, row: int) -> tuple[str, ...]:
        """One text per grid column (a merged cell's text repeats across its span)."""
        return tuple(c.text if c is not None else "" for c in self._grid[row])

    def rows(self) -> Iterator[tuple[Cell, ...]]:
        for r in range(self.n_rows):
            yield self.row_cells(r)


Block: TypeAlias = "Heading | Paragraph | Table"


@dataclass(frozen=True)
class SourceInfo:
    """The file a document came from."""

    path: str
    sha256: str
    format: str  # "docx", "pdf", "doc" (the detected format, not the extension)
    size: int
    pages: int | None = None


@dataclass(frozen=True)
class ExtractNote:
    """Something the reader noticed that an auditor should know (becomes a check).

    ``code`` is a stable id, e.g. ``pdf_unreadable_page``, ``pdf_no_text_page``.
    """

    code: str
    message: str
    page: int | None = None


@dataclass(frozen=True)
class Document:
    """A whole file in reading order."""

    source: SourceInfo
    blocks: tuple[Block, ...]
    notes: tuple[ExtractNote, ...] = field(default=())

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))

    def plain_text(self) -> str:
        """All text in reading order, tables row by row (cells tab-separated)."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                for r in range(block.n_rows):
                    parts.append("\t".join(c.text for c in block.row_cells(r)))
            else:
                parts.append(block.text)
        return "\n".join(parts)
