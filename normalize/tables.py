"""What the normaliser knows about each table before reading it: its money unit.

The unit of a table's amounts is stated in one of a few places, most specific first:
the cell itself (``269.61万元``), the column header (``合同金额 (万元)``), the row label
(``计划安排资金（万元）``), a block label (``项目资金（万元）``), a note inside the table
(``金额单位：万元`` in a row of its own), the table caption, or a note just before the
table (``单位：万元``, ``金额单位：元``). When none says, amounts are read as yuan and
the report gets an ``amount_unit_not_stated`` check so an auditor can verify.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.extract.model import Block, Document, Table
from jixiao.normalize.amounts import Unit, unit_in

_NOTE_LOOKBACK = 3  # blocks before a table that may hold its unit note


@dataclass(frozen=True)
class TableInfo:
    table: Table
    unit: Unit | None  # from the caption, a preceding note or a note cell


def table_infos(doc: Document) -> list[TableInfo]:
    infos: list[TableInfo] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            before = _paragraphs_before(doc.blocks, index)
            infos.append(TableInfo(table=block, unit=_table_unit(block, before)))
    return infos


def _paragraphs_before(blocks: Sequence[Block], index: int) -> list[str]:
    texts: list[str] = []
    for block in reversed(blocks[max(0, index - _NOTE_LOOKBACK) : index]):
        if isinstance(block, Table):
            break
        texts.append(block.text)
    return texts


def _table_unit(table: Table, before: Iterable[str]) -> Unit | None:
    if table.caption:
        unit = _note_unit(table.caption)
        if unit:
            return unit
    for cell in table.cells:
        if "单位" in cell.text:
            unit = _note_unit(cell.text)
            if unit:
                return unit
    for text in before:
        unit = _note_unit(text)
        if unit:
            return unit
    return None


def _note_unit(text: str) -> Unit | None:
    """A unit named by a note (``单位：万元``), not by any text that happens to say 元."""
    if "单位" not in text and "（" not in text and "(" not in text:
        return None
    return unit_in(text) if len(text) <= 40 or "单位" in text else None


def first_unit(*texts: str | None) -> Unit | None:
    """The unit named by the first text that names one."""
    for text in texts:
        if text:
            unit = unit_in(text)
            if unit:
                return unit
    return None
