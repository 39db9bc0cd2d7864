"""Corrections a reviewer makes, applied to the stored rows and re-applied after a re-parse.

Design: a correction is written to the ``corrections`` table (document SHA-256,
report unit, field path, the extracted and the corrected value, who, when) AND applied
to the stored row in the same transaction, so every view, export, ``compare`` and
``frames`` sees the corrected value with no change of their own; ``v_corrections``
says which values were corrected and what was extracted. The report's checks are
re-run on the corrected values.

When the store loads a document again (re-ingest, ``--reprocess``, a newer parser), it
calls :func:`apply_corrections` for each report it writes: a correction is applied
again while the extractor still reads what it read when the reviewer corrected it;
when the target is gone or the extractor now reads something else, the correction is
marked ``orphaned`` (kept, listed by ``jixiao corrections --orphaned`` and in the web
application) for a person to resolve — never silently dropped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, literal, select, update

from jixiao.load.field_values import (
    FieldPath,
    column_of,
    parse_input,
    parse_path,
    stored_value,
    value_text,
)
from jixiao.load.models import DocumentPathRow, DocumentRow, ReportRow
from jixiao.load.rechecks import report_from_rows, rerun_checks
from jixiao.load.review_models import CorrectionRow, ReviewRow
from jixiao.normalize.canonical import CanonicalReport
from jixiao.normalize.grades import grade_level

log = logging.getLogger(__name__)

ACTIONS = ("correct", "confirm", "absent")
_CORR = CorrectionRow.__table__
_REVIEWS = ReviewRow.__table__
_REPORTS = ReportRow.__table__
_DOCS = DocumentRow.__table__
_PATHS = DocumentPathRow.__table__


@dataclass(frozen=True)
class Correction:
    id: int
    sha256: str
    unit_index: int
    field_path: str
    action: str
    old_value: str | None
    new_value: str | None
    note: str | None
    user_name: str
    created_at: datetime
    status: str
    status_reason: str | None
    report_id: int | None = None
    path: str | None = None  # the document's latest path


def _now() -> datetime:
    return datetime.now(timezone.utc)


def unit_column() -> Any:
    """The report's unit index (a report without a unit is unit 1)."""
    column = _REPORTS.c.get("unit_index")
    return literal(1) if column is None else func.coalesce(column, 1)


def report_key(conn: Connection, report_id: int) -> tuple[str, int]:
    """(document sha256, unit index) of a stored report; KeyError when there is none."""
    row = conn.execute(
        select(_DOCS.c.sha256, unit_column().label("unit"))
        .join(_REPORTS, _REPORTS.c.document_id == _DOCS.c.id)
        .where(_REPORTS.c.id == report_id)
    ).first()
    if row is None:
        raise KeyError(f"no report {report_id}")
    return row.sha256, int(row.unit or 1)


def _target(conn: Connection, report_id: int, field: FieldPath) -> tuple[Any, int] | None:
    """(table, row id) holding ``field`` in the report, or None when it has no such row."""
    table = field.table
    if field.list_name is None:
        return table, report_id
    row_id = conn.execute(
        select(table.c.id).where(table.c.report_id == report_id, table.c.ordinal == field.ordinal)
    ).scalar()
    return None if row_id is None else (table, int(row_id))


def _read(conn: Connection, target: tuple[Any, int], field: FieldPath) -> Any:
    table, row_id = target
    return conn.execute(select(table.c[field.column]).where(table.c.id == row_id)).scalar()


def _write(conn: Connection, target: tuple[Any, int], field: FieldPath, value: Any) -> None:
    """Set the value; a corrected grade also sets the grade level derived from it."""
    table, row_id = target
    values = {field.column: value}
    if field.list_name is None and field.column == "grade":
        values["grade_level"] = grade_level(value)
    conn.execute(update(table).where(table.c.id == row_id).values(values))


def _as_correction(row: Any) -> Correction:
    values = dict(row._mapping)
    return Correction(**{k: v for k, v in values.items() if k in Correction.__dataclass_fields__})


def record_correction(
    conn: Connection,
    report_id: int,
    path: str,
    action: str,
    value: str | None = None,
    *,
    note: str | None = None,
    user: str,
) -> Correction:
    """Record a reviewer's verdict on one value and apply it, checks re-run.

    ``correct``: the value is ``value`` (typed as a reviewer writes it: ``898.7万``);
    ``confirm``: the value shown is right; ``absent``: the document does not state it.
    Raises ValueError (a message for the reviewer) for a bad path, action or value.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}: one of {', '.join(ACTIONS)}")
    field = parse_path(path)
    target = _target(conn, report_id, field)
    if target is None:
        raise ValueError(f"report {report_id} has no {field}")
    sha256, unit = report_key(conn, report_id)
    current = _read(conn, target, field)
    earlier = conn.execute(
        select(_CORR).where(
            _CORR.c.sha256 == sha256,
            _CORR.c.unit_index == unit,
            _CORR.c.field_path == str(field),
            _CORR.c.status == "active",
        )
    ).first()
    extracted = earlier.old_value if earlier is not None else value_text(current)
    if action == "correct":
        new: Any = parse_input(field, value or "")
    elif action == "absent":
        if not column_of(field).nullable:
            raise ValueError(f"{field} cannot be empty: correct it instead")
        new = None
    else:
        new = current
    before = report_from_rows(conn, report_id) if value_text(new) != value_text(current) else None
    conn.execute(
        update(_CORR)
        .where(
            _CORR.c.sha256 == sha256,
            _CORR.c.unit_index == unit,
            _CORR.c.field_path == str(field),
            _CORR.c.status.in_(("active", "orphaned")),
        )
        .values(status="superseded")
    )
    created = conn.execute(
        insert(_CORR).values(
            sha256=sha256,
            unit_index=unit,
            field_path=str(field),
            action=action,
            old_value=extracted,
            new_value=value_text(new),
            note=(note or "").strip() or None,
            user_name=user,
            created_at=_now(),
            status="active",
            status_reason=None,
        )
    )
    if before is not None:
        _write(conn, target, field, new)
        rerun_checks(conn, report_id, before)
    row = conn.execute(select(_CORR).where(_CORR.c.id == created.inserted_primary_key[0])).one()
    return _as_correction(row)


def apply_corrections(conn: Connection, report_id: int) -> tuple[Correction, ...]:
    """Re-apply the corrections of a freshly loaded report; returns those orphaned.

    Called by the Store inside the transaction that wrote the report.
    """
    sha256, unit = report_key(conn, report_id)
    rows = conn.execute(
        select(_CORR)
        .where(
            _CORR.c.sha256 == sha256,
            _CORR.c.unit_index == unit,
            _CORR.c.status.in_(("active", "orphaned")),
        )
        .order_by(_CORR.c.id)
    ).all()
    if not rows:
        return ()
    before: CanonicalReport | None = None
    orphaned: list[Correction] = []
    for row in rows:
        status, reason = "active", None
        try:
            field = parse_path(row.field_path)
        except ValueError as exc:
            field, status, reason = None, "orphaned", str(exc)
        target = _target(conn, report_id, field) if field is not None else None
        if field is not None and target is None:
            status, reason = "orphaned", f"the report has no {field} any more"
        if field is not None and target is not None:
            now_text = value_text(_read(conn, target, field))
            if now_text == row.old_value:
                if row.new_value != row.old_value:
                    if before is None:
                        before = report_from_rows(conn, report_id)
                    _write(conn, target, field, stored_value(field, row.new_value))
            elif now_text != row.new_value:
                status = "orphaned"
                reason = (
                    f"the document now gives {now_text!r} for {field} "
                    f"(it gave {row.old_value!r} when it was corrected)"
                )
        if (status, reason) != (row.status, row.status_reason):
            conn.execute(
                update(_CORR)
                .where(_CORR.c.id == row.id)
                .values(status=status, status_reason=reason)
            )
        if status == "orphaned":
            found = _as_correction(row)
            orphaned.append(
                Correction(**{**found.__dict__, "status": status, "status_reason": reason})
            )
            log.warning(
                "document %s report %d: the correction of %s no longer matches: %s "
                "(see `jixiao corrections --orphaned`)",
                sha256[:12],
                unit,
                row.field_path,
                reason,
            )
    if before is not None:
        rerun_checks(conn, report_id, before)
    return tuple(orphaned)


def corrections_for(conn: Connection, report_id: int) -> dict[str, Correction]:
    """Active and orphaned corrections of a report, by field path."""
    sha256, unit = report_key(conn, report_id)
    rows = conn.execute(
        select(_CORR)
        .where(
            _CORR.c.sha256 == sha256,
            _CORR.c.unit_index == unit,
            _CORR.c.status.in_(("active", "orphaned")),
        )
        .order_by(_CORR.c.id)
    ).all()
    return {row.field_path: _as_correction(row) for row in rows}


def list_corrections(conn: Connection, *, orphaned_only: bool = False) -> list[Correction]:
    """Every correction not superseded, with its report (if any) and document path.

    A correction whose report unit no longer exists in its document (a re-parse split
    the file differently) counts as orphaned too.
    """
    latest_path = (
        select(_PATHS.c.path)
        .join(_DOCS, _DOCS.c.id == _PATHS.c.document_id)
        .where(_DOCS.c.sha256 == _CORR.c.sha256)
        .order_by(_PATHS.c.last_seen.desc(), _PATHS.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    report = (
        select(_REPORTS.c.id)
        .join(_DOCS, _DOCS.c.id == _REPORTS.c.document_id)
        .where(_DOCS.c.sha256 == _CORR.c.sha256, unit_column() == _CORR.c.unit_index)
        .limit(1)
        .scalar_subquery()
    )
    query = select(_CORR, report.label("report_id"), latest_path.label("path")).where(
        _CORR.c.status.in_(("active", "orphaned"))
    )
    found = []
    for row in conn.execute(query.order_by(_CORR.c.created_at, _CORR.c.id)).all():
        item = _as_correction(row)
        if row.report_id is None and item.status == "active":
            item = Correction(
                **{
                    **item.__dict__,
                    "status": "orphaned",
                    "status_reason": f"the document has no report unit {item.unit_index} any more",
                }
            )
        if not orphaned_only or item.status == "orphaned":
            found.append(item)
    return found


def withdraw(conn: Connection, correction_id: int) -> None:
    """Drop an orphaned correction a person has resolved (kept as ``superseded``)."""
    conn.execute(
        update(_CORR)
        .where(_CORR.c.id == correction_id, _CORR.c.status == "orphaned")
        .values(status="superseded", status_reason="resolved by a reviewer")
    )


def set_reviewed(conn: Connection, report_id: int, user: str, reviewed: bool = True) -> None:
    """Mark a report reviewed (or not); kept across re-parses like a correction."""
    sha256, unit = report_key(conn, report_id)
    where = and_(_REVIEWS.c.sha256 == sha256, _REVIEWS.c.unit_index == unit)
    conn.execute(delete(_REVIEWS).where(where))
    if reviewed:
        conn.execute(
            insert(_REVIEWS).values(
                sha256=sha256, unit_index=unit, user_name=user, reviewed_at=_now()
            )
        )


def reviewed_report_ids(conn: Connection) -> set[int]:
    """Ids of the stored reports a person marked reviewed."""
    query = (
        select(_REPORTS.c.id)
        .join(_DOCS, _DOCS.c.id == _REPORTS.c.document_id)
        .join(
            _REVIEWS,
            and_(_REVIEWS.c.sha256 == _DOCS.c.sha256, _REVIEWS.c.unit_index == unit_column()),
        )
    )
    return set(conn.execute(query).scalars())
