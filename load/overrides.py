"""User corrections of report identity: "these two rows are (not) the same report".

An override is keyed by the report's ``stable_key`` (document SHA-256 + unit index),
so it survives re-processing; the views use its ``report_key`` instead of the one
computed from the report's fields (``jixiao identity set``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, insert, select

from jixiao.errors import ConfigurationError
from jixiao.load.database import db_errors, ensure_schema, make_engine, normalize_url
from jixiao.load.identity import normalise
from jixiao.load.models import ReportKeyOverrideRow, ReportRow

_OVERRIDES = ReportKeyOverrideRow.__table__
_REPORTS = ReportRow.__table__


@dataclass(frozen=True)
class Override:
    stable_key: str
    report_key: str
    note: str | None
    report_ids: tuple[int, ...]  # the rows it applies to now


def _stable_key(conn: object, report_id: int) -> str:
    row = conn.execute(  # type: ignore[attr-defined]
        select(_REPORTS.c.stable_key).where(_REPORTS.c.id == report_id)
    ).first()
    if row is None or row.stable_key is None:
        raise ConfigurationError(f"there is no report {report_id} (`jixiao export` lists them)")
    return str(row.stable_key)


def set_override(url: str, report_id: int, key: str, note: str | None = None) -> str:
    """Report ``report_id`` is the report named ``key`` (normalised like every key;
    give another report's ``identity_key`` to merge them, a new word to split one
    off). Returns the stored key."""
    stored = "|".join(normalise(part) for part in key.split("|"))
    if not stored.strip("|"):
        raise ConfigurationError("give a non-empty identity key")
    engine = make_engine(normalize_url(url))
    try:
        ensure_schema(engine, create=False)
        with db_errors(url), engine.begin() as conn:
            stable = _stable_key(conn, report_id)
            conn.execute(delete(_OVERRIDES).where(_OVERRIDES.c.stable_key == stable))
            conn.execute(
                insert(_OVERRIDES).values(
                    stable_key=stable,
                    report_key=stored,
                    note=note,
                    created_at=datetime.now(timezone.utc),
                )
            )
    finally:
        engine.dispose()
    return stored


def clear_override(url: str, report_id: int) -> bool:
    """Remove the override of ``report_id``; False when it had none."""
    engine = make_engine(normalize_url(url))
    try:
        ensure_schema(engine, create=False)
        with db_errors(url), engine.begin() as conn:
            stable = _stable_key(conn, report_id)
            result = conn.execute(delete(_OVERRIDES).where(_OVERRIDES.c.stable_key == stable))
            return bool(result.rowcount)
    finally:
        engine.dispose()


def list_overrides(url: str) -> list[Override]:
    engine = make_engine(normalize_url(url))
    try:
        ensure_schema(engine, create=False)
        with db_errors(url), engine.connect() as conn:
            rows = conn.execute(select(_OVERRIDES).order_by(_OVERRIDES.c.created_at)).all()
            out = []
            for row in rows:
                ids = conn.execute(
                    select(_REPORTS.c.id).where(_REPORTS.c.stable_key == row.stable_key)
                ).scalars()
                out.append(Override(row.stable_key, row.report_key, row.note, tuple(ids)))
            return out
    finally:
        engine.dispose()
