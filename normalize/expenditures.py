"""Itemised spending tables → :class:`~jixiao.normalize.canonical.Expenditure` rows.

Rows labelled 合计 / 小计 / 支出合计 are kept and marked ``is_total`` (the checks compare
them with the items; nobody should sum them). An amount merged vertically over several
items belongs to the first of them only. A group cell merged down (项目名称, 服务单位名称)
is carried to every row it covers.
"""

from __future__ import annotations

from jixiao.extract.model import Provenance
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
    roles = set(region.roles.values())
    block_hints = tuple(c.text for c in region.block_cells)
    for row in region.data_rows:
        fields: dict[str, object] = {}
        prov: dict[str, Provenance] = {}
        for role in _TEXT_ROLES:
            if role not in roles:
                continue
            cell = role_cell(region, row, role)
            if cell is None or is_blank(cell.text):
                continue
            # Group cells carry down; an item/voucher/note belongs to its own row.
            if cell.row != row and role not in ("project", "payee"):
                continue
            fields[role] = clean_name(cell.text)
            prov[role] = cell.provenance
        for role in _AMOUNT_ROLES:
            if role not in roles:
                continue
            cell = role_cell(region, row, role)
            if cell is None or cell.row != row or is_blank(cell.text):
                continue
            header = region.header_cells.get(role)
            unit = first_unit(header.text if header else None, *block_hints) or info.unit or "元"
            amount = parse_amount(cell.text, unit)
            if amount is not None:
                fields[role] = amount
                prov[role] = cell.provenance
        if not any(role in fields for role in ("item", *_AMOUNT_ROLES)):
            continue
        labels = [str(fields.get(role, "")) for role in ("item", "project", "payee")]
        fields["is_total"] = any(text and is_total_label(text) for text in labels)
        out.append(Expenditure(provenance=prov, **fields))  # type: ignore[arg-type]
    return out
