"""Field paths (``report.total_score``, ``funds[2].spent``) and values as text.

A correction names its target by path, not by row id, and keeps the values it
compares as text: :func:`value_text` is the one spelling of a stored value
(``Decimal('8987000.00')`` → ``"8987000"``, ``True`` → ``"true"``) so that the value a
re-parse extracts can be compared with the value a reviewer saw.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Integer, Numeric, Table

from jixiao.errors import DocumentError
from jixiao.load.models import CHILD_TABLES, ReportRow
from jixiao.load.rows import _value as checked_value
from jixiao.normalize.amounts import parse_amount

_PATH = re.compile(r"^(?:(report)|([a-z_]+)\[(\d{1,6})\])\.([a-z_]+)$")
#: Columns no reviewer edits: keys, bookkeeping, provenance.
_FIXED = frozenset(
    {"id", "report_id", "document_id", "ordinal", "schema_version", "provenance"}
    # where the report sits in its file and how much of it was read: the extractor's
    | {"unit_index", "unit_of", "unit_title", "unit_pages", "unit_tables", "unit_sheet"}
    | {"tables_rows_read", "rows_unread", "coverage"}
)
#: Lists whose values can be corrected (checks are computed, not read).
EDITABLE_LISTS = tuple(name for name in CHILD_TABLES if name != "checks")
MONEY = frozenset(
    {"planned", "budget", "received", "spent", "balance", "amount", "contract_amount"}
    | {"evaluated_amount"}
)
RATES = frozenset({"execution_rate"})
_TRUE = {"true", "yes", "1", "是", "√", "y", "t"}
_FALSE = {"false", "no", "0", "否", "×", "n", "f"}


@dataclass(frozen=True)
class FieldPath:
    """One value of a report: ``table`` (``reports`` or a list), ``ordinal``, ``column``."""

    list_name: str | None  # None: the report's own fields
    ordinal: int | None
    column: str

    @property
    def table(self) -> Table:
        if self.list_name is None:
            return ReportRow.__table__
        return CHILD_TABLES[self.list_name].__table__

    def __str__(self) -> str:
        if self.list_name is None:
            return f"report.{self.column}"
        return f"{self.list_name}[{self.ordinal}].{self.column}"


def parse_path(path: str) -> FieldPath:
    """``report.total_score`` / ``funds[2].spent`` → FieldPath; ValueError if not one."""
    found = _PATH.match(path.strip())
    if found is None:
        raise ValueError(f"not a field path: {path!r} (like report.total_score or funds[0].spent)")
    if found.group(1):
        field = FieldPath(None, None, found.group(4))
    else:
        if found.group(2) not in EDITABLE_LISTS:
            raise ValueError(f"not a list of corrected values: {found.group(2)!r}")
        field = FieldPath(found.group(2), int(found.group(3)), found.group(4))
    column = field.table.c.get(field.column)
    if column is None or field.column in _FIXED or isinstance(column.type, JSON):
        raise ValueError(f"{path}: no value {field.column!r} to correct there")
    return field


def column_of(field: FieldPath) -> Column[Any]:
    return field.table.c[field.column]


def value_text(value: Any) -> str | None:
    """The one text spelling of a stored value (``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(value.quantize(Decimal(1)))
        return format(value.normalize(), "f")
    return str(value)


def _kind(column: Column[Any]) -> str:
    kind = column.type
    impl = getattr(kind, "impl", None)  # a TypeDecorator (e.g. exact money as text)
    for candidate in (kind, impl):
        if isinstance(candidate, Boolean):
            return "bool"
        if isinstance(candidate, Numeric):
            return "decimal"
        if isinstance(candidate, Integer):
            return "int"
    if column.name in MONEY or column.name in RATES:
        return "decimal"
    return "text"


def stored_value(field: FieldPath, text: str | None) -> Any:
    """A value kept as :func:`value_text` → the column's Python value."""
    if text is None:
        return None
    kind = _kind(column_of(field))
    if kind == "bool":
        return text == "true"
    if kind == "decimal":
        return Decimal(text)
    if kind == "int":
        return int(text)
    return text


def parse_input(field: FieldPath, text: str) -> Any:
    """What a reviewer typed → the column's value; ValueError saying what is wrong.

    Money accepts the units reports write (``898.7万``, ``1,234.5元``: stored in yuan),
    rates a percentage (``62.26%`` → 0.6226), yes/no columns 是/否 or true/false.
    """
    text = text.strip()
    if not text:
        raise ValueError("type the right value (or choose “not in document”)")
    column = column_of(field)
    kind = _kind(column)
    value: Any
    if kind == "bool":
        folded = text.lower()
        if folded not in _TRUE | _FALSE:
            raise ValueError(f"{field}: answer 是 or 否 (true or false), not {text!r}")
        value = folded in _TRUE
    elif kind == "int":
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ValueError(f"{field}: a whole number is needed, not {text!r}")
        value = int(text)
    elif kind == "decimal":
        value = _number(field, text)
    else:
        value = text
    try:
        return checked_value(value, column, str(field))
    except DocumentError as exc:
        raise ValueError(exc.reason) from exc


def _number(field: FieldPath, text: str) -> Decimal:
    if field.column in MONEY:
        amount = parse_amount(text, "元")
        if amount is None:
            raise ValueError(
                f"{field}: an amount is needed (like 898.7万 or 8987000), not {text!r}"
            )
        return amount
    compact = text.replace(",", "").replace("，", "").replace(" ", "")
    percent = compact.endswith(("%", "％"))
    try:
        number = Decimal(compact.rstrip("%％"))
    except InvalidOperation:
        raise ValueError(f"{field}: a number is needed, not {text!r}") from None
    if not number.is_finite():
        raise ValueError(f"{field}: a number is needed, not {text!r}")
    return number / 100 if percent else number
