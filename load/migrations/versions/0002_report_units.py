"""A document holds 0..N reports: unit and coverage columns, the ``no_report`` status.

- ``reports.document_id`` is no longer unique (indexed instead): a 部门决算 bundle
  holds one report per self-evaluation form.
- ``reports`` gains the unit (``unit_index``, ``unit_of``, ``unit_title``,
  ``unit_pages`` "31-33", ``unit_tables`` "0,1,2", ``unit_sheet``) and the coverage
  columns of issue 10 (``tables_rows_read``, ``rows_unread``, ``coverage``).
- ``documents.report_id`` (one report per document) is dropped; a document's reports
  are ``reports.document_id``. ``documents.status`` may now be ``no_report``.
- ``ingest_runs.no_report`` counts documents that hold no report.
- The views are re-created with the unit columns.

Existing rows keep everything: each existing report becomes unit 1 of 1.

SQLite rebuilds ``documents`` and ``reports`` (batch mode). The migration runs with
foreign keys off on SQLite (:func:`jixiao.load.database._run_upgrade`): dropping a
parent table with them on would cascade-delete every child row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.load.views import VIEWS_0001, VIEWS_0002, create_views, drop_views

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_UNIT_COLUMNS = (
    ("unit_index", sa.Integer()),
    ("unit_of", sa.Integer()),
    ("unit_title", sa.Text()),
    ("unit_pages", sa.Text()),
    ("unit_tables", sa.Text()),
    ("unit_sheet", sa.Text()),
    ("tables_rows_read", sa.Integer()),
    ("rows_unread", sa.Integer()),
    ("coverage", sa.Numeric(precision=12, scale=6)),
)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    drop_views(bind, VIEWS_0001)
    with op.batch_alter_table("documents") as batch:
        if not sqlite:  # SQLite's inline constraint goes with the rebuilt table
            batch.drop_constraint(op.f("fk_documents_report_id_reports"), type_="foreignkey")
        batch.drop_column("report_id")
    with op.batch_alter_table("reports") as batch:
        batch.drop_constraint(op.f("uq_reports_document_id"), type_="unique")
        for name, type_ in _UNIT_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.create_index(op.f("ix_reports_document_id"), ["document_id"], unique=False)
    op.add_column(
        "ingest_runs",
        sa.Column("no_report", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute(
        "UPDATE reports SET unit_index = 1, unit_of = 1, unit_title = title "
        "WHERE unit_index IS NULL"
    )
    create_views(bind, VIEWS_0002)


def downgrade() -> None:
    bind = op.get_bind()
    drop_views(bind, VIEWS_0002)
    op.drop_column("ingest_runs", "no_report")
    # 0001 holds one report per document: keep each document's first one.
    op.execute(
        "DELETE FROM reports WHERE id NOT IN "
        "(SELECT MIN(r2.id) FROM reports r2 GROUP BY r2.document_id)"
    )
    op.execute("UPDATE documents SET status = 'failed' WHERE status = 'no_report'")
    with op.batch_alter_table("reports") as batch:
        batch.drop_index(op.f("ix_reports_document_id"))
        for name, _ in reversed(_UNIT_COLUMNS):
            batch.drop_column(name)
        batch.create_unique_constraint(op.f("uq_reports_document_id"), ["document_id"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("report_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_documents_report_id_reports"),
            "reports",
            ["report_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.execute(
        "UPDATE documents SET report_id = "
        "(SELECT r.id FROM reports r WHERE r.document_id = documents.id)"
    )
    create_views(bind, VIEWS_0001)
