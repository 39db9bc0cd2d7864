"""The neutral block model of a bundle sample, rendered by one builder per producer.

A sample is a list of blocks (cover, contents, headings, paragraphs, ruled grids, page
breaks, unit markers). ``render_pdf`` draws them with reportlab, ``render_docx`` writes
them with python-docx (then LibreOffice may convert the DOCX to PDF), so the same
content reaches the reader through two producers.

Grids use the ``docx_kit`` convention: a string is a cell's text (``\\n`` breaks a line),
``LEFT`` (``"<"``) merges into the cell on the left, ``UP`` (``"^"``) into the cell above.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from scripts.samples.docx_kit import LEFT, UP

__all__ = ["LEFT", "UP"]


@dataclass(frozen=True)
class Cover:
    """A cover page: big title lines, then issuer and date lower on the page."""

    titles: tuple[str, ...]
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contents:
    """A 目录 page listing every ``Heading`` with ``toc=True``, dotted leaders, page numbers."""

    title: str = "目　录"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1
    toc: bool = True
    center: bool = False


@dataclass(frozen=True)
class Para:
    text: str
    indent: bool = True
    align: str = "justify"  # justify | center | right | left
    size: float = 15
    bold: bool = False


@dataclass(frozen=True)
class NoteLine:
    """One line with text flush left and flush right (``编制单位：…    金额单位：万元``)."""

    left: str
    right: str


@dataclass(frozen=True)
class Grid:
    """A ruled table.

    ``widths`` are relative (scaled to the text width). ``header_rows`` repeat at the
    top of every continuation page. A ``form`` grid may break at any row (merged cells
    continue empty on the next page); ``repeat_from`` names a header row in its middle
    (the indicator header) that the PDF renderer repeats on the continuation page. Word
    gets one table either way (it can only repeat rows at the top).
    """

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    header_rows: int = 0
    repeat_from: int | None = None
    font_size: float = 9
    padding: float = 3
    bold_rows: tuple[int, ...] = ()
    left_cols: tuple[int, ...] = ()  # columns whose text is never centred
    form: bool = False  # a self-evaluation form: split anywhere, even inside merged cells


@dataclass(frozen=True)
class PageBreak:
    """Start a new page; ``landscape`` chooses the orientation of the pages that follow."""

    landscape: bool = False


@dataclass(frozen=True)
class Spacer:
    height: float = 12


@dataclass(frozen=True)
class UnitStart:
    """Ground truth: a report unit starts on the page where this marker is drawn."""

    key: str


@dataclass(frozen=True)
class UnitEnd:
    key: str


Block = (
    Cover | Contents | Heading | Para | NoteLine | Grid | PageBreak | Spacer | UnitStart | UnitEnd
)


@dataclass
class Sample:
    """A sample document: its blocks and where it goes."""

    stem: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = "dash"  # page-number style for the PDF renderer
    header: str | None = None  # running header text (right-aligned), pages 2…

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def extend(self, blocks: Sequence[Block]) -> None:
        self.blocks.extend(blocks)


def spans(rows: Sequence[Sequence[str]]) -> list[tuple[int, int, int, int]]:
    """(col0, row0, col1, row1) rectangles of the merged cells of a grid."""
    out = []
    n_rows, n_cols = len(rows), max(len(r) for r in rows)
    grid = [list(r) + [""] * (n_cols - len(r)) for r in rows]
    for r in range(n_rows):
        for c in range(n_cols):
            if grid[r][c] in (LEFT, UP):
                continue
            c1 = c
            while c1 + 1 < n_cols and grid[r][c1 + 1] == LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < n_rows and grid[r1 + 1][c] == UP:
                r1 += 1
            if (r1, c1) != (r, c):
                out.append((c, r, c1, r1))
    return out


def is_number(text: str) -> bool:
    t = text.strip().replace(",", "").rstrip("%")
    if not t:
        return False
    try:
        float(t)
    except ValueError:
        return False
    return True
