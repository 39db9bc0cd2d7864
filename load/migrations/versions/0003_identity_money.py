"""Each report counted once: report identity, document versions, stored target status.

- ``reports`` gains ``report_key`` (what the report is: region + unit + project +
  fiscal year + kind, normalised), ``stable_key`` (which copy: document SHA-256 +
  unit index; survives re-processing) and ``is_scan`` (read by OCR); see
  :mod:`jixiao.load.identity`.
- ``documents`` gains ``is_current``: false once newer bytes were loaded at a path
  the document was seen at (:mod:`jixiao.load.versions`).
- ``report_key_overrides``: a user's correction of a report's identity key.
- ``indicators`` gains ``target_status`` (met / not_met / unknown), the judgement of
  :func:`jixiao.normalize.target_status.target_status`, so that ``v_indicator_gaps``
  and the ``indicator_missed_target`` check agree on both databases.
- Views: ``v_report_versions``, ``v_report_duplicates``, ``v_report_summary_all``,
  ``v_indicator_gaps_all`` added; ``v_report_summary``, ``v_indicator_gaps``,
  ``v_fund_execution`` and ``v_checks_by_rule`` count each report once.

Existing rows get every new column computed from what they hold (no data is lost).

- Exact numbers on SQLite: every money, score, rate and indicator-value column holds a
  scaled integer (fen for money; :mod:`jixiao.load.exact`); existing values are
  converted, and the views divide once after integer arithmetic. PostgreSQL's NUMERIC
  is unchanged.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import op

from jixiao.load.identity import report_key, stable_key
from jixiao.load.schema_docs import apply_comments
from jixiao.load.views import VIEWS_0002, VIEWS_0003, create_views, drop_views

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INDICATOR_FIELDS = (
    "name",
    "level1",
    "level2",
    "target",
    "actual",
    "target_value",
    "actual_value",
    "comparator",
)


def upgrade() -> None:
    bind = op.get_bind()
    drop_views(bind, VIEWS_0002)
    op.add_column(
        "documents",
        sa.Column("is_current", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column("reports", sa.Column("report_key", sa.Text(), nullable=True))
    op.add_column("reports", sa.Column("stable_key", sa.String(length=80), nullable=True))
    op.add_column("reports", sa.Column("is_scan", sa.Boolean(), nullable=True))
    op.create_index(op.f("ix_reports_report_key"), "reports", ["report_key"], unique=False)
    op.create_index(op.f("ix_reports_stable_key"), "reports", ["stable_key"], unique=False)
    op.add_column("indicators", sa.Column("target_status", sa.String(length=16), nullable=True))
    op.create_table(
        "report_key_overrides",
        sa.Column("stable_key", sa.String(length=80), nullable=False),
        sa.Column("report_key", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("stable_key", name=op.f("pk_report_key_overrides")),
    )
    _fill_identity(bind)
    _fill_target_status(bind)
    _fill_is_current(bind)
    if bind.dialect.name == "sqlite":
        _rescale(bind, up=True)
    create_views(bind, VIEWS_0003, scaled=True)
    apply_comments(bind)  # PostgreSQL: what every table, column and view means


def _json(value: Any) -> Any:
    if isinstance(value, str):
        import json

        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _ocr(provenance: Any) -> bool:
    data = _json(provenance)
    return isinstance(data, dict) and any(
        isinstance(p, dict) and p.get("via") == "ocr" for p in data.values()
    )


def _fill_identity(bind: sa.Connection) -> None:
    rows = bind.execute(
        sa.text(
            "SELECT r.id, d.sha256, r.region, r.project_unit, r.project_name, "
            "r.fiscal_year, r.kind, r.unit_index, r.provenance "
            "FROM reports r JOIN documents d ON d.id = r.document_id"
        )
    ).mappings()
    scanned = {
        row.report_id
        for table in ("indicators", "funds")
        for row in bind.execute(sa.text(f"SELECT report_id, provenance FROM {table}"))
        if _ocr(row.provenance)
    }
    updates = [
        {
            "i": row["id"],
            "rk": report_key(row),
            "sk": stable_key(row["sha256"], row["unit_index"]),
            "scan": row["id"] in scanned or _ocr(row["provenance"]),
        }
        for row in rows
    ]
    if updates:
        bind.execute(
            sa.text(
                "UPDATE reports SET report_key = :rk, stable_key = :sk, is_scan = :scan "
                "WHERE id = :i"
            ).bindparams(sa.bindparam("scan", type_=sa.Boolean())),
            updates,
        )


def _fill_target_status(bind: sa.Connection) -> None:
    # imported here: loading the migration scripts (every start-up) must not load normalize/
    from jixiao.normalize.target_status import target_status

    columns = ", ".join(_INDICATOR_FIELDS)
    rows = bind.execute(sa.text(f"SELECT id, {columns} FROM indicators")).mappings()
    updates = [
        {
            "i": row["id"],
            "s": target_status(SimpleNamespace(**{f: row[f] for f in _INDICATOR_FIELDS})),
        }
        for row in rows
    ]
    if updates:
        bind.execute(sa.text("UPDATE indicators SET target_status = :s WHERE id = :i"), updates)


def _fill_is_current(bind: sa.Connection) -> None:
    """A document seen at a path where a later document was also seen is not current."""
    bind.execute(
        sa.text(
            "UPDATE documents SET is_current = :no WHERE EXISTS ("
            " SELECT 1 FROM document_paths p1"
            " JOIN document_paths p2 ON p2.path = p1.path AND p2.document_id <> p1.document_id"
            " JOIN documents d2 ON d2.id = p2.document_id"
            " WHERE p1.document_id = documents.id AND d2.first_seen > documents.first_seen"
            " AND d2.status = 'ok')"
        ).bindparams(sa.bindparam("no", value=False, type_=sa.Boolean()))
    )


#: The exact columns at this revision and their scales (frozen: later models may differ).
SCALED: dict[str, dict[str, int]] = {
    "reports": {"total_score": 4, "max_score": 4, "evaluated_amount": 2, "coverage": 6},
    "funds": {
        "planned": 2,
        "budget": 2,
        "received": 2,
        "spent": 2,
        "balance": 2,
        "execution_rate": 6,
        "weight": 4,
        "score": 4,
    },
    "expenditures": {"amount": 2, "contract_amount": 2},
    "indicators": {"target_value": 4, "actual_value": 4, "weight": 4, "score": 4},
}


def _rescale(bind: sa.Connection, *, up: bool) -> None:
    """SQLite: doubles → scaled integers (``up``), or back."""
    for table, columns in SCALED.items():
        sets = ", ".join(
            f"{c} = CAST(ROUND({c} * {10**s}) AS INTEGER)" if up else f"{c} = {c} / {10**s}.0"
            for c, s in columns.items()
        )
        bind.execute(sa.text(f"UPDATE {table} SET {sets}"))


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind, VIEWS_0003)
    if bind.dialect.name == "sqlite":
        _rescale(bind, up=False)
    op.drop_table("report_key_overrides")
    with op.batch_alter_table("indicators") as batch:
        batch.drop_column("target_status")
    with op.batch_alter_table("reports") as batch:
        batch.drop_index(op.f("ix_reports_stable_key"))
        batch.drop_index(op.f("ix_reports_report_key"))
        batch.drop_column("is_scan")
        batch.drop_column("stable_key")
        batch.drop_column("report_key")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("is_current")
    create_views(bind, VIEWS_0002)
