"""CanonicalReport → plain row dicts, one per table.

The result (:class:`ReportRows`) holds only dicts, lists, strings, numbers and
``Decimal``: it pickles, so worker processes build it and the parent writes it
(canonical dataclasses carry ``MappingProxyType`` provenance, which does not pickle).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Numeric, Table

from jixiao.errors import DocumentError
from jixiao.load.models import CHILD_TABLES, ReportRow
from jixiao.normalize.canonical import CanonicalReport

log = logging.getLogger(__name__)

Row = dict[str, Any]

# Columns the store fills itself, never taken from a dataclass.
_MANAGED = frozenset({"id", "report_id", "document_id", "ordinal", "schema_version"})


@dataclass(frozen=True)
class ReportRows:
    """Everything the store writes for one canonical report."""

    sha256: str
    format: str | None
    size: int | None
    pages: int | None
    file: str
    schema_version: int
    report: Row
    children: Mapping[str, tuple[Row, ...]]  # table name → rows in list order


def provenance_json(provenance: Any) -> dict[str, Any] | None:
    """``{field: Provenance}`` → ``{field: {"table": 0, …}}``; ``None`` when empty."""
    if not provenance:
        return None
    out: dict[str, Any] = {}
    for name, where in provenance.items():
        if hasattr(where, "to_dict"):
            out[str(name)] = where.to_dict()
        elif isinstance(where, Mapping):
            out[str(name)] = dict(where)
        else:
            out[str(name)] = str(where)
    return out


def _value(value: Any, column: Column[Any], where: str) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise DocumentError(f"cannot store the non-finite number {value} in {where}")
        kind = column.type
        if isinstance(kind, Numeric) and kind.precision is not None:
            # The same refusal on both dialects (SQLite would silently round a REAL).
            limit = Decimal(10) ** (kind.precision - (kind.scale or 0))
            if abs(value) >= limit:
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


def _record_row(record: Any, table: Table, where: str) -> Row:
    row: Row = {}
    for f in dataclasses.fields(record):
        if f.name in _MANAGED:
            continue
        value = getattr(record, f.name)
        if f.name == "provenance":
            row["provenance"] = provenance_json(value)
        elif f.name in table.c:
            row[f.name] = _value(value, table.c[f.name], f"{where}.{f.name}")
        else:
            log.warning("no column for %s.%s: value not stored", where, f.name)
    if "provenance" in table.c and "provenance" not in row:
        row["provenance"] = None
    return row


def report_to_rows(report: CanonicalReport) -> ReportRows:
    """The rows of one report; raises DocumentError for a value no database can hold."""
    children: dict[str, tuple[Row, ...]] = {}
    for list_name, model in CHILD_TABLES.items():
        table = model.__table__
        records = getattr(report, list_name)
        rows = []
        for ordinal, record in enumerate(records):
            row = _record_row(record, table, f"{list_name}[{ordinal}]")
            row["ordinal"] = ordinal
            rows.append(row)
        children[model.__tablename__] = tuple(rows)
    source = report.source
    return ReportRows(
        sha256=source.sha256,
        format=source.format,
        size=source.size,
        pages=source.pages,
        file=source.file,
        schema_version=report.schema_version,
        report={**_record_row(report.report, ReportRow.__table__, "report"), **_unit_row(report)},
        children=children,
    )


def _unit_row(report: CanonicalReport) -> Row:
    """The unit and coverage columns of ``reports`` (``unit_pages`` "31-33")."""
    unit, coverage = report.unit, report.coverage
    row: Row = {
        "unit_index": unit.index if unit else None,
        "unit_of": unit.of if unit else None,
        "unit_title": unit.title if unit else None,
        "unit_pages": None,
        "unit_tables": None,
        "unit_sheet": unit.sheet if unit else None,
        "tables_rows_read": coverage.tables_rows_read if coverage else None,
        "rows_unread": coverage.rows_unread if coverage else None,
        "coverage": coverage.coverage if coverage else None,
    }
    if unit is not None and unit.pages is not None:
        row["unit_pages"] = f"{unit.pages[0]}-{unit.pages[1]}"
    if unit is not None and unit.tables is not None:
        row["unit_tables"] = ",".join(str(t) for t in unit.tables)
    table = ReportRow.__table__
    return {k: _value(v, table.c[k], f"unit.{k}") for k, v in row.items()}
