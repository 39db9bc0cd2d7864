"""Re-run the audit checks of a stored report after a person corrected its values.

The stored checks are of two kinds: findings of :func:`run_checks` over the values,
and notes from extraction (an unreadable PDF page, a low OCR confidence, no money
unit stated) that no value change can alter. A re-check keeps the notes, drops the
findings the report's values gave before the change and stores the findings of the
values after it. The national grade bands are used (a custom ``--grade-bands`` table
of the ingest is not recorded in the database).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from jixiao.load.models import CHILD_TABLES, DocumentRow, ReportRow
from jixiao.normalize import canonical
from jixiao.normalize.canonical import CanonicalReport
from jixiao.normalize.checks import run_checks

_RECORDS: dict[str, type[Any]] = {
    "funds": canonical.Fund,
    "expenditures": canonical.Expenditure,
    "goals": canonical.Goal,
    "indicators": canonical.Indicator,
    "evaluators": canonical.Evaluator,
    "sections": canonical.Section,
    "checks": canonical.Check,
}
_CHECKS = CHILD_TABLES["checks"].__table__


def _record(type_: type[Any], row: Any) -> Any:
    values = row._mapping
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(type_):
        if f.name == "provenance" or f.name not in values:
            continue
        value = values[f.name]
        if f.name == "fields":
            value = tuple(value or ())
        elif f.name == "is_total":
            value = bool(value)
        kwargs[f.name] = value
    return type_(**kwargs)


def report_from_rows(conn: Connection, report_id: int) -> CanonicalReport:
    """The stored report as a CanonicalReport (values only, no provenance)."""
    reports, docs = ReportRow.__table__, DocumentRow.__table__
    row = conn.execute(
        select(reports, docs.c.sha256, docs.c.format, docs.c.pages, docs.c.size)
        .join(docs, docs.c.id == reports.c.document_id)
        .where(reports.c.id == report_id)
    ).one()
    lists: dict[str, tuple[Any, ...]] = {}
    for name, model in CHILD_TABLES.items():
        table = model.__table__
        rows = conn.execute(
            select(table).where(table.c.report_id == report_id).order_by(table.c.ordinal)
        ).all()
        lists[name] = tuple(_record(_RECORDS[name], r) for r in rows)
    return CanonicalReport(
        source=canonical.Source(
            file="", sha256=row.sha256, format=row.format or "", pages=row.pages, size=row.size
        ),
        report=_record(canonical.Report, row),
        **lists,
    )


def rerun_checks(conn: Connection, report_id: int, before: CanonicalReport) -> None:
    """Replace the value findings of ``before`` by those of the stored report now."""
    old = {(c.rule, c.message) for c in run_checks(before)}
    notes = [c for c in before.checks if (c.rule, c.message) not in old]
    after = report_from_rows(conn, report_id)
    checks = [*notes, *run_checks(after)]
    conn.execute(delete(_CHECKS).where(_CHECKS.c.report_id == report_id))
    if checks:
        conn.execute(
            insert(_CHECKS),
            [
                {
                    "report_id": report_id,
                    "ordinal": n,
                    "rule": c.rule,
                    "severity": c.severity,
                    "message": c.message,
                    "fields": list(c.fields),
                    "provenance": None,
                }
                for n, c in enumerate(checks)
            ],
        )
