"""Word tables (``w:tbl``) to grids with merged cells resolved.

Word stores a table as rows of ``w:tc`` elements, not as a grid: a horizontal merge
is one ``w:tc`` with ``w:gridSpan``, a vertical merge is a ``w:vMerge="restart"`` cell
followed by ``w:vMerge`` (continue) cells in the rows below, and rows may skip grid
columns at either end (``w:gridBefore`` / ``w:gridAfter``) or just stop early. The
layout here works on the ``w:tc`` level only (python-docx's ``row.cells`` repeats a
merged cell once per grid column it covers, which is exactly what must not happen).

Rules:

- a vertical "continue" cell extends the cell directly above it that starts in the
  same grid column and itself carries ``w:vMerge``; with no merge there to continue
  (a broken file), it starts a new cell, i.e. it is read as a restart;
- the legacy ``w:hMerge`` continue extends the cell on its left;
- a "continue" cell that still holds text keeps it (appended to the merged cell);
- rows deleted in a tracked revision are left out; positions no cell covers stay
  ``None`` in :meth:`Table.cell_at`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from jixiao.extract.docx_text import MC_NS, W_VAL, w
from jixiao.extract.model import Cell, Provenance, Table

_TBL, _TR, _TC, _TRPR, _TCPR = w("tbl"), w("tr"), w("tc"), w("trPr"), w("tcPr")
_WRAPPERS = frozenset({w("sdt"), w("customXml"), w("sdtContent"), f"{{{MC_NS}}}AlternateContent"})

_TAGS = {name: w(name) for name in ("gridBefore", "gridAfter", "gridSpan", "vMerge", "hMerge")}

# Reads one w:tc: (its text, the tables nested in it).
CellReader = Callable[[etree._Element], tuple[str, tuple[Table, ...]]]


@dataclass
class _Slot:
    """A cell being laid out (mutable while the rows are walked)."""

    row: int
    col: int
    col_span: int
    row_span: int = 1
    vertical: bool = False  # carries w:vMerge, so a "continue" below may extend it
    elements: list[etree._Element] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    n_rows: int
    n_cols: int
    slots: tuple[_Slot, ...]


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _first_children(props: etree._Element | None) -> dict[object, etree._Element]:
    """The first child of each tag of a property element (what ``find`` would return),
    in one pass: a cell's properties are read for three tags."""
    found: dict[object, etree._Element] = {}
    if props is not None:
        for child in props:
            found.setdefault(child.tag, child)
    return found


def _prop_int(props: dict[object, etree._Element], tag: str, default: int) -> int:
    node = props.get(_TAGS[tag])
    if node is None:
        return default
    try:
        return max(int(node.get(W_VAL, default)), 0)
    except ValueError:
        return default


def _merge_state(props: dict[object, etree._Element], tag: str) -> str | None:
    """``"restart"``, ``"continue"`` or ``None`` for ``w:vMerge`` / ``w:hMerge``."""
    node = props.get(_TAGS[tag])
    if node is None:
        return None
    return "restart" if node.get(W_VAL) == "restart" else "continue"


def layout_table(tbl: etree._Element) -> Layout:
    """Place every ``w:tc`` of ``tbl`` on the grid (nested tables are not entered)."""
    grid = tbl.find(w("tblGrid"))
    n_grid = 0 if grid is None else len(grid.findall(w("gridCol")))
    slots: list[_Slot] = []
    # (grid column where a cell starts) -> the cell, for the row above
    above: dict[int, _Slot] = {}
    n_cols = n_grid
    rows = [tr for tr in _children(tbl, _TR) if not _row_deleted(tr)]
    for r, tr in enumerate(rows):
        tr_props = _first_children(tr.find(_TRPR))
        col = _prop_int(tr_props, "gridBefore", 0)
        current: dict[int, _Slot] = {}
        last: _Slot | None = None
        for tc in _children(tr, _TC):
            props = _first_children(tc.find(_TCPR))
            span = max(_prop_int(props, "gridSpan", 1), 1)
            if _merge_state(props, "hMerge") == "continue" and last is not None:
                last.col_span += span
                last.elements.append(tc)
                col += span
                continue
            v_merge = _merge_state(props, "vMerge")
            if v_merge == "continue" and col in above and above[col].vertical:
                slot = above[col]
                slot.row_span += 1
                slot.elements.append(tc)
            else:
                slot = _Slot(row=r, col=col, col_span=span, vertical=v_merge is not None)
                slot.elements.append(tc)
                slots.append(slot)
            current[col] = slot
            last = slot
            col += span
        n_cols = max(n_cols, col + _prop_int(tr_props, "gridAfter", 0))
        above = current
    slots.sort(key=lambda s: (s.row, s.col))
    return Layout(len(rows), n_cols, tuple(slots))


def _row_deleted(tr: etree._Element) -> bool:
    props = tr.find(_TRPR)
    return props is not None and props.find(w("del")) is not None


def build_table(
    tbl: etree._Element,
    *,
    index: int,
    block: int,
    via: str | None,
    read_cell: CellReader,
    caption: str | None = None,
) -> Table:
    """The :class:`Table` for ``tbl``; ``read_cell`` supplies each ``w:tc``'s content.

    A merged cell's text is the text of its first ``w:tc`` plus any text Word left in
    the ``w:tc`` elements it absorbed, joined with ``\\n``.
    """
    layout = layout_table(tbl)
    cells: list[Cell] = []
    for slot in layout.slots:
        texts: list[str] = []
        nested: list[Table] = []
        for tc in slot.elements:
            text, inner = read_cell(tc)
            if text:
                texts.append(text)
            nested.extend(inner)
        cells.append(
            Cell(
                text="\n".join(texts),
                row=slot.row,
                col=slot.col,
                provenance=Provenance(
                    block=block, table=index, row=slot.row, col=slot.col, via=via
                ),
                row_span=slot.row_span,
                col_span=slot.col_span,
                nested=tuple(nested),
            )
        )
    caption = _tbl_caption(tbl) or caption
    return Table(
        index=index,
        n_rows=layout.n_rows,
        n_cols=layout.n_cols,
        cells=tuple(cells),
        provenance=Provenance(block=block, table=index, via=via),
        caption=caption,
    )


def _tbl_caption(tbl: etree._Element) -> str | None:
    """The table's own caption property (``w:tblPr/w:tblCaption``), if set."""
    props = tbl.find(w("tblPr"))
    if props is None:
        return None
    node = props.find(w("tblCaption"))
    value = None if node is None else node.get(W_VAL)
    return value.strip() or None if value else None
