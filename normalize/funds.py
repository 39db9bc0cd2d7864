"""Funds grids → :class:`~jixiao.normalize.canonical.Fund` rows.

Three shapes reach here (see :mod:`jixiao.normalize.regions`): a column grid (roles in
the header, one row per source or project), a paired grid (``计划安排资金（万元） | 898.7
| 实际到位资金（万元） | 898.7 …`` with source rows below repeating the pattern), and
single key–value rows of a form (``实际支出（元） | 1,234,567.89``), which the report
mapper collects and hands to :func:`fund_from_pairs`.

A row none of whose amounts, rates or scores is filled in is a template row and is not
emitted. Amounts take the most specific unit stated (see :mod:`jixiao.normalize.tables`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from jixiao.extract.model import Cell, Provenance
from jixiao.normalize.amounts import Unit, parse_amount
from jixiao.normalize.canonical import Fund
from jixiao.normalize.dates import parse_year
from jixiao.normalize.keyvalues import Pair
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.numbers import parse_number, parse_rate
from jixiao.normalize.regions import Region, role_cell, row_label_cell
from jixiao.normalize.tables import TableInfo, first_unit
from jixiao.normalize.text import clean_name, is_blank, label_key, strip_weight

AMOUNT_ROLES = ("planned", "budget", "received", "spent", "balance")
NUMBER_ROLES = ("weight", "score")
VALUE_ROLES = (*AMOUNT_ROLES, "execution_rate", *NUMBER_ROLES)
# The label of a total whose form names no row at all.
DERIVED_TOTAL_LABEL = "合计"


@dataclass(frozen=True)
class ValueCell:
    """A value cell with the header/label texts that may name its unit."""

    cell: Cell
    unit_hints: tuple[str, ...]


def parse_fund_value(role: str, value: ValueCell, table_unit: Unit | None) -> object | None:
    """The typed value of ``role`` from a cell, or ``None`` when blank / not a value."""
    text = value.cell.text
    if is_blank(text):
        return None
    if role in AMOUNT_ROLES:
        unit = first_unit(*value.unit_hints) or table_unit or "元"
        return parse_amount(text, unit)
    if role == "execution_rate":
        return parse_rate(text)
    if role in NUMBER_ROLES:
        return parse_number(text)
    if role == "year":
        return parse_year(text)
    if role == "document_no":
        return clean_name(text)
    return None


def fund_from_values(
    label: str,
    label_cell: Cell | None,
    values: Mapping[str, ValueCell],
    labels: LabelDictionary,
    table_unit: Unit | None,
    *,
    source: str | None = None,
) -> Fund | None:
    """One Fund from role → value cells; ``None`` when nothing is filled in."""
    fields: dict[str, object] = {}
    provenance: dict[str, Provenance] = {}
    for role, value in values.items():
        parsed = parse_fund_value(role, value, table_unit)
        if parsed is not None:
            fields[role] = parsed
            provenance[role] = value.cell.provenance
    if not any(role in fields for role in VALUE_ROLES):
        return None
    if label_cell is not None:
        provenance["label"] = label_cell.provenance
    if source is None:
        hit = labels.match("fund_row", label)
        source = hit.field if hit else None
    return Fund(label=label, source=source, provenance=provenance, **fields)  # type: ignore[arg-type]


def funds_from_region(region: Region, info: TableInfo, labels: LabelDictionary) -> list[Fund]:
    if region.paired:
        return _paired(region, info, labels)
    return _columns(region, info, labels)


def _columns(region: Region, info: TableInfo, labels: LabelDictionary) -> list[Fund]:
    funds: list[Fund] = []
    block_hints = tuple(c.text for c in region.block_cells)
    label_header = region.header_cells.get("label")
    if label_header is not None:  # 年度预算数（万元） over the row labels states the unit
        block_hints = (*block_hints, label_header.text)
    roles = sorted(set(region.roles.values()) - {"label"})
    only_row = len(region.data_rows) == 1
    for row in region.data_rows:
        label_cell = role_cell(region, row, "label")
        if label_cell is None or is_blank(label_cell.text):
            label_cell = row_label_cell(region, row)  # 合计 written in the 序号 column
        if label_cell is not None and _is_number(label_cell.text):
            label_cell = None  # a number is a value, never a row's label
        label = clean_name(label_cell.text) if label_cell is not None else None
        source: str | None = None
        if not label:
            if not only_row:
                continue
            # A grid with one unlabelled data row states the totals.
            label, source = DERIVED_TOTAL_LABEL, "total"
        values: dict[str, ValueCell] = {}
        for role in roles:
            cell = role_cell(region, row, role)
            if cell is None or cell.row != row or cell is label_cell:
                continue  # merged from the row above: its value belongs to that row
            header = region.header_cells.get(role)
            hints = (header.text if header else "", label, *block_hints)
            values[role] = ValueCell(cell, hints)
        if region.source_columns and (only_row or _is_total(label, labels)):
            source = "total"  # the row its source columns break down
        fund = fund_from_values(label, label_cell, values, labels, info.unit, source=source)
        if fund is not None:
            funds.append(fund)
        if source == "total":
            funds.extend(_source_parts(region, row, info, labels, block_hints))
    return _weight_from_score_header(region, funds)


def _is_total(label: str, labels: LabelDictionary) -> bool:
    hit = labels.match("fund_row", label)
    return hit is not None and hit.field == "total"


def _source_parts(
    region: Region, row: int, info: TableInfo, labels: LabelDictionary, hints: tuple[str, ...]
) -> list[Fund]:
    """The total row's shares by source column (``中央 | 省、地 | 本级 | 其他`` under
    ``全年预算数``), one Fund per source named as its sub-header is written."""
    groups: dict[tuple[str, str], tuple[Cell, dict[str, ValueCell]]] = {}
    for column in region.source_columns:
        cell = region.table.cell_at(row, column.col)
        if cell is None or cell.row != row or cell.col != column.col:
            continue  # merged from above or across: not this source's own value
        label = clean_name(column.header.text)
        _, values = groups.setdefault((column.source, label), (column.header, {}))
        values.setdefault(
            column.role, ValueCell(cell, (column.header.text, column.group.text, *hints))
        )
    parts = (
        fund_from_values(label, header, values, labels, info.unit, source=source)
        for (source, label), (header, values) in groups.items()
    )
    return [part for part in parts if part is not None]


def _is_number(text: str) -> bool:
    return parse_number(text) is not None or parse_rate(text) is not None


def _weight_from_score_header(region: Region, funds: list[Fund]) -> list[Fund]:
    """``得分（20分）`` with no 分值 column: the total row's weight is in the header."""
    header = region.header_cells.get("score")
    if header is None or "weight" in region.roles.values():
        return funds
    weight = strip_weight(header.text)[1]
    totals = [i for i, f in enumerate(funds) if f.source == "total"]
    if weight is None or len(totals) != 1:
        return funds
    head = funds[totals[0]]
    provenance = {**head.provenance, "weight": header.provenance}
    funds[totals[0]] = replace(head, weight=weight, provenance=provenance)
    return funds


def _paired(region: Region, info: TableInfo, labels: LabelDictionary) -> list[Fund]:
    """``label | value`` pairs: the header row is the total, rows below are sources."""
    table = region.table
    header_row = region.header_rows[0]
    # The first row states the totals under the column labels; it has no row label of
    # its own, so the total is named after the first of them (``计划安排资金``).
    first_label = table.cell_at(header_row, min(region.pair_labels.values()))
    total_label = label_without_unit(first_label.text) if first_label else DERIVED_TOTAL_LABEL
    funds: list[Fund] = []
    for row in region.data_rows:
        # A source row repeats its label before every value; group the pairs by label.
        groups: dict[str, tuple[Cell | None, dict[str, ValueCell]]] = {}
        for value_col, label_col in sorted(region.pair_labels.items()):
            value_cell = table.cell_at(row, value_col)
            if value_cell is None or value_cell.row != row:
                continue
            label_cell = None if row == header_row else table.cell_at(row, label_col)
            if row != header_row and (label_cell is None or is_blank(label_cell.text)):
                continue
            label = clean_name(label_cell.text) if label_cell else total_label
            role = region.roles[value_col]
            header = region.header_cells.get(role)
            group = groups.setdefault(label_key(label), (label_cell, {}))
            group[1][role] = ValueCell(value_cell, (header.text if header else "", label))
        for label_cell, values in groups.values():
            label = clean_name(label_cell.text) if label_cell else total_label
            source = "total" if row == header_row else None
            named_by = label_cell if label_cell is not None else first_label
            fund = fund_from_values(label, named_by, values, labels, info.unit, source=source)
            if fund is not None:
                funds.append(fund)
    return funds


_UNIT_SUFFIX = re.compile(r"[(（]\s*(?:单位[:：]?)?[千万亿]?元\s*[)）]\s*$")


def label_without_unit(text: str) -> str:
    """``其中：市级财政资金（万元）`` → ``其中：市级财政资金`` (the unit is not the name)."""
    return _UNIT_SUFFIX.sub("", clean_name(text)).strip()


def funds_from_pairs(pairs: Iterable[Pair], labels: LabelDictionary) -> list[Fund]:
    """Funds stated as key–value rows of a form.

    ``预算安排资金（万元） | 450.00`` / ``实际支出（元） | 4,386,520.35`` … make one total;
    a source row right under an amount row (``其中：市级财政资金（万元） | 300.00``) is a
    part of that amount.
    """
    total: dict[str, ValueCell] = {}
    total_label: Cell | None = None
    parts: list[Fund] = []
    last_role: str | None = None
    unit: Unit | None = None
    for pair in pairs:
        if pair.label_cell is None or pair.value_cell is None:
            continue
        unit = unit or pair.unit
        hints = (pair.label_cell.text,)
        if pair.context == "fund_column":
            total.setdefault(pair.field, ValueCell(pair.value_cell, hints))
            total_label = total_label or pair.label_cell
            last_role = pair.field
        elif pair.context == "fund_row" and last_role in AMOUNT_ROLES:
            label = label_without_unit(pair.label_cell.text)
            values = {last_role: ValueCell(pair.value_cell, hints)}
            part = fund_from_values(
                label, pair.label_cell, values, labels, pair.unit, source=pair.field
            )
            if part is not None:
                parts.append(part)
        else:
            last_role = None
    if not total or total_label is None:
        return parts
    label = label_without_unit(total_label.text)
    head = fund_from_values(label, total_label, total, labels, unit, source="total")
    return [head, *parts] if head is not None else parts
