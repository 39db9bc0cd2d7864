"""CanonicalReport → plain row dicts, one per table, built where the report is parsed.

The result (:class:`ReportRows`) holds only dicts, lists, strings, numbers and
``Decimal``: it pickles, so worker processes build it and the driver writes it
(canonical dataclasses carry ``MappingProxyType`` provenance, which does not pickle).
This module imports nothing of the database side, so a parse worker never loads
SQLAlchemy: the rows are checked against the columns (lengths, precision, unknown
fields) by the driver, in :func:`jixiao.load.rows.checked_rows`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.normalize.canonical import CanonicalReport

Row = dict[str, Any]

#: canonical report list → child table (jixiao.load.models.CHILD_TABLES; a test keeps
#: them equal)
LIST_TABLES = {
    "funds": "funds",
    "expenditures": "expenditures",
    "goals": "goals",
    "indicators": "indicators",
    "evaluators": "evaluators",
    "sections": "sections",
    "checks": "checks",
}
# Columns the store fills itself, never taken from a dataclass.
MANAGED = frozenset({"id", "report_id", "document_id", "ordinal", "schema_version"})


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


def record_row(record: Any) -> Row:
    """A canonical record's fields as a row (provenance as JSON), unchecked."""
    row: Row = {}
    for f in dataclasses.fields(record):
        if f.name in MANAGED:
            continue
        value = getattr(record, f.name)
        row[f.name] = provenance_json(value) if f.name == "provenance" else value
    return row


def report_rows(report: CanonicalReport) -> ReportRows:
    """The rows of one report, not yet checked against the columns."""
    from jixiao.normalize.target_status import target_status

    children: dict[str, tuple[Row, ...]] = {}
    for list_name, table_name in LIST_TABLES.items():
        rows = []
        for ordinal, record in enumerate(getattr(report, list_name)):
            row = record_row(record)
            row["ordinal"] = ordinal
            if list_name == "indicators":  # the one met/not met judgement, stored
                row["target_status"] = target_status(record)
            rows.append(row)
        children[table_name] = tuple(rows)
    source = report.source
    return ReportRows(
        sha256=source.sha256,
        format=source.format,
        size=source.size,
        pages=source.pages,
        file=source.file,
        schema_version=report.schema_version,
        report={**record_row(report.report), **unit_row(report)},
        children=children,
    )


#: The columns of ``reports`` that :func:`unit_row` fills.
UNIT_COLUMNS = (
    "unit_index",
    "unit_of",
    "unit_title",
    "unit_pages",
    "unit_tables",
    "unit_sheet",
    "tables_rows_read",
    "rows_unread",
    "coverage",
)


def unit_row(report: CanonicalReport) -> Row:
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
    return row
