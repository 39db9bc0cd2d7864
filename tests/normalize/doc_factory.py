"""Build small neutral-model documents by hand for normaliser tests.

A table is written as rows of strings with ``"<"`` (merged into the cell on the left)
and ``"^"`` (merged into the cell above) markers, like the sample kit's grid spec.
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.extract.headings import detect_heading
from jixiao.extract.model import (
    Block,
    Cell,
    Document,
    Heading,
    Paragraph,
    Provenance,
    SourceInfo,
    Table,
)

LEFT, UP = "<", "^"


def table(rows: Sequence[Sequence[str]], *, index: int = 0, block: int = 0) -> Table:
    n_rows, n_cols = len(rows), max(len(r) for r in rows)
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    cells: list[Cell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            if grid[r][c] in (LEFT, UP):
                continue
            col_span = 1
            while c + col_span < n_cols and grid[r][c + col_span] == LEFT:
                col_span += 1
            row_span = 1
            while r + row_span < n_rows and grid[r + row_span][c] == UP:
                row_span += 1
            cells.append(
                Cell(
                    text=grid[r][c],
                    row=r,
                    col=c,
                    row_span=row_span,
                    col_span=col_span,
                    provenance=Provenance(block=block, table=index, row=r, col=c),
                )
            )
    return Table(
        index=index,
        n_rows=n_rows,
        n_cols=n_cols,
        cells=tuple(cells),
        provenance=Provenance(block=block, table=index),
    )


def document(*parts: str | Sequence[Sequence[str]]) -> Document:
    """Paragraph strings (numbered ones become headings) and table specs, in order."""
    blocks: list[Block] = []
    tables = 0
    for i, part in enumerate(parts):
        if isinstance(part, str):
            found = detect_heading(part)
            if found:
                blocks.append(Heading(part, found[0], Provenance(block=i), found[1]))
            else:
                blocks.append(Paragraph(part, Provenance(block=i)))
        else:
            blocks.append(table(part, index=tables, block=i))
            tables += 1
    return Document(
        source=SourceInfo(path="t.docx", sha256="0" * 64, format="docx", size=1),
        blocks=tuple(blocks),
    )
