"""What a value was read from, as HTML: a table with the cell marked, or a paragraph.

DOCX, XLSX and converted documents are read again with
:func:`jixiao.extract.read_document` (a few documents kept in memory); the table the
provenance names is drawn with its merged cells and the value's cell highlighted.
Every text goes through :func:`markupsafe.escape`: document text is hostile input.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

from markupsafe import Markup, escape

from jixiao.extract import read_document
from jixiao.extract.model import Document, Heading, Paragraph, Table

_KEEP = 8


class DocumentCache:
    """The last few documents read, by SHA-256 (re-reading a DOCX costs ~0.1–1 s)."""

    def __init__(self) -> None:
        self._docs: OrderedDict[str, Document] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, sha256: str, path: Path) -> Document:
        with self._lock:
            if sha256 in self._docs:
                self._docs.move_to_end(sha256)
                return self._docs[sha256]
        document = read_document(path)
        with self._lock:
            self._docs[sha256] = document
            while len(self._docs) > _KEEP:
                self._docs.popitem(last=False)
        return document


def _tables(tables: tuple[Table, ...]) -> Iterator[Table]:
    for table in tables:
        yield table
        for cell in table.cells:
            yield from _tables(cell.nested)


def find_table(document: Document, index: int) -> Table | None:
    for table in _tables(document.tables):
        if table.index == index:
            return table
    return None


def table_html(table: Table, row: int | None, col: int | None) -> Markup:
    """The table as HTML, merged cells spanning, the cell covering (row, col) marked."""
    target = table.cell_at(row, col) if row is not None and col is not None else None
    parts = ['<table class="source-table">']
    for r in range(table.n_rows):
        parts.append("<tr>")
        for cell in table.row_cells(r):
            if cell.row != r:
                continue  # drawn by the row it starts in
            attrs = ""
            if cell.row_span > 1:
                attrs += f' rowspan="{cell.row_span}"'
            if cell.col_span > 1:
                attrs += f' colspan="{cell.col_span}"'
            if cell is target:
                attrs += ' class="highlight" id="source-cell"'
            text = escape(cell.text).replace("\n", Markup("<br>"))
            parts.append(f"<td{attrs}>{text}</td>")
        parts.append("</tr>")
    parts.append("</table>")
    return Markup("".join(parts))


def paragraph_html(document: Document, block: int, phrase: str | None) -> Markup | None:
    """The paragraph (or heading) at ``block`` with ``phrase`` marked where it occurs."""
    if not 0 <= block < len(document.blocks):
        return None
    found = document.blocks[block]
    if not isinstance(found, (Paragraph, Heading)):
        return None
    text = found.text
    if phrase and phrase in text:
        start = text.index(phrase)
        body = (
            escape(text[:start])
            + Markup('<mark class="highlight">')
            + escape(phrase)
            + Markup("</mark>")
            + escape(text[start + len(phrase) :])
        )
    else:
        body = Markup('<mark class="highlight">') + escape(text) + Markup("</mark>")
    return Markup('<p class="source-paragraph">') + body + Markup("</p>")
