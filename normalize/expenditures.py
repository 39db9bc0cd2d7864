"""Itemised spending tables → :class:`~jixiao.normalize.canonical.Expenditure` rows.

Rows labelled 合计 / 小计 / 支出合计 are kept and marked ``is_total`` (the checks compare
them with the items; nobody should sum them). An amount merged vertically over several
items belongs to the first of them only. A group cell merged down (项目名称, 服务单位名称)
is carried to every row it covers.
"""

from __future__ import annotations

from jixiao.extract.model import Cell, Provenance
from jixiao.normalize.amounts import parse_amount
from jixiao.normalize.canonical import Expenditure
from jixiao.normalize.regions import Region, role_cell
from jixiao.normalize.tables import TableInfo, first_unit
from jixiao.normalize.text import clean_label, clean_name, is_blank

_TOTAL_WORDS = ("合计", "小计", "总计")
_AMOUNT_ROLES = ("amount", "contract_amount")
_TEXT_ROLES = ("item", "voucher", "note", "payee", "project")


def is_total_label(text: str) -> bool:
    label = clean_label(text)
    return any(label.endswith(word) or label.startswith(word) for word in _TOTAL_WORDS)


def expenditures_from_region(region: Region, info: TableInfo) -> list[Expenditure]:
    out: list[Expenditure] = []
    for row in region.data_rows:
        fields, prov, group = _row_fields(region, info, row)
        if group:
            out.append(_group_payment(fields, prov, group))
        if not any(role in fields for role in ("item", *_AMOUNT_ROLES)):
            continue
        labels = [str(fields.get(role, "")) for role in ("item", "project", "payee")]
        fields["is_total"] = any(text and is_total_label(text) for text in labels)
        out.append(Expenditure(provenance=prov, **fields))  # type: ignore[arg-type]
    return out


def _row_fields(
    region: Region, info: TableInfo, row: int
) -> tuple[dict[str, object], dict[str, Provenance], set[str]]:
    """The row's own fields, and the names of those that belong to its group.

    An amount (or note) cell merged down over several item rows is the payment of
    the whole group (``2018年支付金额`` beside a contract's line items), not of the
    first item: it is set aside for a group row of its own.
    """
    roles = set(region.roles.values())
    block_hints = tuple(c.text for c in region.block_cells)
    fields: dict[str, object] = {}
    prov: dict[str, Provenance] = {}
    group: set[str] = set()
    for role in (*_TEXT_ROLES, *_AMOUNT_ROLES):
        if role not in roles:
            continue
        cell = role_cell(region, row, role)
        if cell is None or is_blank(cell.text):
            continue
        # Group cells carry down; an item/voucher/note/amount belongs to its own row.
        if cell.row != row and role not in ("project", "payee"):
            continue
        if role in _AMOUNT_ROLES:
            header = region.header_cells.get(role)
            unit = first_unit(header.text if header else None, *block_hints) or info.unit or "元"
            value: object = parse_amount(cell.text, unit)
            if value is None:
                continue
        else:
            value = clean_name(cell.text)
        fields[role] = value
        prov[role] = cell.provenance
        if role in ("amount", "note") and cell.row_span > 1 and _spans_items(region, cell):
            group.add(role)
    return fields, prov, group


def _spans_items(region: Region, cell: Cell) -> bool:
    rows = [r for r in region.data_rows if cell.row <= r <= cell.last_row]
    return len(rows) > 1


def _group_payment(
    fields: dict[str, object], prov: dict[str, Provenance], group: set[str]
) -> Expenditure:
    """Move the group's amount/note off the item row into a row of their own."""
    carried = {k: fields[k] for k in ("project", "payee") if k in fields}
    moved = {k: fields.pop(k) for k in sorted(group)}
    provenance = {k: prov.pop(k) for k in sorted(group)}
    provenance.update({k: prov[k] for k in carried})
    return Expenditure(provenance=provenance, **carried, **moved)  # type: ignore[arg-type]
