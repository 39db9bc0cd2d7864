"""Funds grids with the sources as *columns* (Guangdong's 自评基础信息表 and kin).

::

    资金安排情况 | 年度 | 预算安排额度 ───────────────────────────────────────
                 |      | 中央及省级资金 | 市本级资金 | 转移支付至县（市、区） | 资金合计
                 | 2020年 |              | 100        |                        | 100
    实际明细支出 | 年度 | 中央及省级支出 | 市本级支出 | 转移支付县（市、区）支出 | 资金合计
                 | 2020年 |              | 100        |                        | 100

A header row where at least two cells name fund *sources* turns the grid around: each
source column becomes a Fund, the role of its values (planned, spent …) comes from the
fund-column label on that header row's left or on the row above, and each data row
below is a year. Grids for several roles merge into the same Fund per source and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.extract.model import Cell, Provenance, Table
from jixiao.normalize.canonical import Fund
from jixiao.normalize.dates import parse_year
from jixiao.normalize.funds import AMOUNT_ROLES, ValueCell, parse_fund_value
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.regions import label_candidate
from jixiao.normalize.tables import TableInfo
from jixiao.normalize.text import clean_name, is_blank


@dataclass
class _Acc:
    label: str
    source: str | None
    label_cell: Cell
    year: int | None
    values: dict[str, object] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)


def _source_cells(table: Table, row: int, labels: LabelDictionary) -> dict[int, tuple[Cell, str]]:
    out: dict[int, tuple[Cell, str]] = {}
    for cell in table.row_cells(row):
        if cell.row != row or not label_candidate(cell.text):
            continue
        hit = labels.match("fund_row", cell.text)
        if hit is not None:
            out[cell.col] = (cell, hit.field)
    return out


def _only_sources_right(table: Table, row: int, sources: dict[int, tuple[Cell, str]]) -> bool:
    """A source header row holds nothing but source names right of its first one."""
    first = min(sources)
    return all(
        cell.col in sources or is_blank(cell.text)
        for cell in table.row_cells(row)
        if cell.col >= first
    )


def _role(table: Table, row: int, first_col: int, labels: LabelDictionary) -> str | None:
    """The amount role named left of the source headers, or in the row above."""
    candidates = [c for c in table.row_cells(row) if c.last_col < first_col]
    if row > 0:
        candidates += [c for c in table.row_cells(row - 1) if c.row == row - 1]
    for cell in reversed(candidates):
        if not label_candidate(cell.text):
            continue
        hit = labels.match("fund_column", cell.text)
        if hit is not None and hit.field in AMOUNT_ROLES:
            return hit.field
    return None


def funds_by_source_columns(
    info: TableInfo, labels: LabelDictionary, skip_rows: set[int]
) -> tuple[list[Fund], set[int]]:
    """Funds read from source-column grids, and the rows they used."""
    table = info.table
    acc: dict[tuple[str, int | None], _Acc] = {}
    used: set[int] = set()
    for row in range(table.n_rows):
        if row in skip_rows:
            continue
        sources = _source_cells(table, row, labels)
        distinct = {source for _cell, source in sources.values()}
        if len(distinct) < 2 or not _only_sources_right(table, row, sources):
            continue
        role = _role(table, row, min(sources), labels)
        if role is None:
            continue
        used.add(row)
        for data_row in range(row + 1, table.n_rows):
            if _source_cells(table, data_row, labels) or not _read_row(
                table, data_row, sources, role, info, acc
            ):
                break
            used.add(data_row)
    return [_fund(a) for a in acc.values() if a.values], used


def _read_row(
    table: Table,
    row: int,
    sources: dict[int, tuple[Cell, str]],
    role: str,
    info: TableInfo,
    acc: dict[tuple[str, int | None], _Acc],
) -> bool:
    """Read one year row; False when the row is not a data row of this grid."""
    first = min(sources)
    left = [c for c in table.row_cells(row) if c.last_col < first and c.row == row]
    year_cell = next((c for c in reversed(left) if parse_year(c.text)), None)
    year = parse_year(year_cell.text) if year_cell is not None else None
    values = {
        col: table.cell_at(row, col) for col in sources if table.cell_at(row, col) is not None
    }
    if year is None and all(c is None or is_blank(c.text) for c in values.values()):
        return False
    for col, cell in values.items():
        if cell is None or cell.row != row or is_blank(cell.text):
            continue
        header, source = sources[col]
        hints = (header.text,)
        value = parse_fund_value(role, ValueCell(cell, hints), info.unit)
        if value is None:
            return False  # text where an amount belongs: not this grid's row
        key = (source, year)
        entry = acc.setdefault(key, _Acc(clean_name(header.text), source, header, year))
        entry.values.setdefault(role, value)
        entry.provenance.setdefault(role, cell.provenance)
        if year_cell is not None:
            entry.provenance.setdefault("year", year_cell.provenance)
    return True


def _fund(entry: _Acc) -> Fund:
    provenance = {"label": entry.label_cell.provenance, **entry.provenance}
    return Fund(
        label=entry.label,
        source=entry.source,
        year=entry.year,
        provenance=provenance,
        **entry.values,  # type: ignore[arg-type]
    )
