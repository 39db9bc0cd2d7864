"""Report rows checked against the columns, before the store writes them.

A parse worker builds :class:`~jixiao.report_rows.ReportRows` without the database
side (:mod:`jixiao.report_rows`); :func:`checked_rows` then refuses, in the driver, a
value no database can hold (a number too large for its column, a text too long) with
a DocumentError, drops fields without a column (logged) and strips NUL characters.
"""

from __future__ import annotations

import dataclasses
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Numeric, Table

from jixiao.errors import DocumentError
from jixiao.load.models import CHILD_TABLES, ReportRow
from jixiao.report_rows import UNIT_COLUMNS, ReportRows, Row, provenance_json, report_rows

if TYPE_CHECKING:  # importing normalize/ at run time would load every rule and jieba
    from jixiao.normalize.canonical import CanonicalReport

log = logging.getLogger(__name__)

__all__ = ["ReportRows", "checked_rows", "provenance_json", "report_to_rows"]

_TABLES = {model.__tablename__: model.__table__ for model in CHILD_TABLES.values()}
_LISTS = {model.__tablename__: name for name, model in CHILD_TABLES.items()}


def _value(value: Any, column: Column[Any], where: str) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise DocumentError(f"cannot store the non-finite number {value} in {where}")
        kind = getattr(column.type, "impl", column.type)  # ExactNumeric wraps a Numeric
        if isinstance(kind, Numeric) and kind.precision is not None:
            # The same refusal on both dialects (SQLite would silently round a REAL).
            limit = Decimal(10) ** (kind.precision - (kind.scale or 0))
            # SQLite keeps exact numbers as scaled 64-bit integers (load/exact.py)
            largest = Decimal(2**63 - 1).scaleb(-(kind.scale or 0))
            if abs(value) >= limit or abs(value) > largest:
                raise DocumentError(f"the number {value} in {where} is too large to store")
    elif isinstance(value, str):
        # NUL never means anything in a report, and PostgreSQL refuses it in text.
        value = value.replace("\x00", "")
        length = getattr(column.type, "length", None)
        if length is not None and len(value) > length:
            raise DocumentError(f"{where} is longer than {length} characters: {value[:40]!r}…")
    elif isinstance(value, tuple):
        return [v.replace("\x00", "") if isinstance(v, str) else v for v in value]
    return value


def _checked_row(row: Row, table: Table, where: str) -> Row:
    out: Row = {}
    for name, value in row.items():
        if name == "provenance" or name == "ordinal":
            out[name] = value
        elif name in table.c:
            label = (
                f"unit.{name}"
                if table is ReportRow.__table__ and name in UNIT_COLUMNS
                else f"{where}.{name}"
            )
            out[name] = _value(value, table.c[name], label)
        else:
            log.warning("no column for %s.%s: value not stored", where, name)
    if "provenance" in table.c and "provenance" not in out:
        out["provenance"] = None
    return out


def checked_rows(rows: ReportRows) -> ReportRows:
    """``rows`` fit for the columns; raises DocumentError for a value no database can
    hold. Checking rows twice changes nothing."""
    children = {}
    for table_name, child_rows in rows.children.items():
        table, list_name = _TABLES[table_name], _LISTS[table_name]
        children[table_name] = tuple(
            _checked_row(row, table, f"{list_name}[{i}]") for i, row in enumerate(child_rows)
        )
    report = _checked_row(rows.report, ReportRow.__table__, "report")
    return dataclasses.replace(rows, report=report, children=children)


def report_to_rows(report: CanonicalReport) -> ReportRows:
    """The rows of one report; raises DocumentError for a value no database can hold."""
    return checked_rows(report_rows(report))
