"""Source sub-columns under an amount column of a funds grid.

::

    资金来源 | 全年预算数 ─────────────────────────── | 全年执行数 | 执行率 | 分值 | 得分
             | 合计 | 中央 | 省、地 | 本级 | 其他   |            |        |      |
    项目资金 | 560  | 200  | 180    | 150  | 30     | 532        | 95%    | 10   | 9.5

The sub-headers under ``全年预算数`` that name a fund *source* (``中央``, ``省、地``,
``本级``, ``其他``) are not the budget column: each is the budget of one source. Left to
the role binder, the first of them would take the group's role and the others would go
unread. ``合计`` under the group is the group's own column (the total) and stays there.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.extract.model import Cell, Table
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.text import clean_label, is_blank

_AMOUNT_ROLES = frozenset({"planned", "budget", "received", "spent", "balance"})
_MAX_LABEL_CHARS = 30


@dataclass(frozen=True)
class SourceColumn:
    """One source's column under an amount group header."""

    col: int
    role: str  # the group's amount role (``budget`` for 全年预算数)
    source: str  # the fund_row field of the sub-header (``central``, ``own_level`` …)
    header: Cell  # the sub-header (its text is the fund's label)
    group: Cell  # the group header above (may state the unit)


def _short(text: str) -> bool:
    return 0 < len(clean_label(text)) <= _MAX_LABEL_CHARS


def source_column(labels: LabelDictionary, table: Table, cell: Cell) -> SourceColumn | None:
    """``cell`` as a source sub-header under a wider amount header, or ``None``."""
    if cell.row == 0 or not _short(cell.text):
        return None
    group = table.cell_at(cell.row - 1, cell.col)
    if group is None or group.col_span <= cell.col_span or is_blank(group.text):
        return None
    if not _short(group.text):
        return None
    role = labels.match("fund_column", group.text)
    if role is None or role.field not in _AMOUNT_ROLES:
        return None
    source = labels.match("fund_row", cell.text)
    if source is None or source.field == "total":
        return None
    return SourceColumn(cell.col, role.field, source.field, cell, group)
