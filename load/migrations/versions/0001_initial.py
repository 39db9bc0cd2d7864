"""Initial schema: documents, paths, reports and their lists, ingest runs, views.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.load.views import VIEWS_0001, create_views, drop_views

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _documents_report_fk(*, inline: bool) -> list[sa.ForeignKeyConstraint]:
    if not inline:
        return []
    return [
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_documents_report_id_reports"),
            ondelete="SET NULL",
        )
    ]


def upgrade() -> None:
    # documents.report_id and reports.document_id reference each other: SQLite takes the
    # constraint inline (it checks references lazily), PostgreSQL gets it by ALTER below.
    sqlite = op.get_context().dialect.name == "sqlite"
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arguments", sa.JSON(), nullable=False),
        sa.Column("jixiao_version", sa.String(length=32), nullable=False),
        sa.Column("parser_version", sa.Integer(), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("loaded", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_runs")),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("parser_version", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        *_documents_report_fk(inline=sqlite),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["ingest_runs.id"],
            name=op.f("fk_documents_run_id_ingest_runs"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("sha256", name=op.f("uq_documents_sha256")),
    )
    op.create_index(op.f("ix_documents_run_id"), "documents", ["run_id"], unique=False)
    op.create_table(
        "document_paths",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_paths_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_paths")),
        sa.UniqueConstraint("document_id", "path", name=op.f("uq_document_paths_document_id_path")),
    )
    op.create_index(op.f("ix_document_paths_path"), "document_paths", ["path"], unique=False)
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("fiscal_year", sa.Integer(), nullable=True),
        sa.Column("project_name", sa.Text(), nullable=True),
        sa.Column("project_unit", sa.Text(), nullable=True),
        sa.Column("supervising_dept", sa.Text(), nullable=True),
        sa.Column("evaluation_type", sa.Text(), nullable=True),
        sa.Column("evaluation_method", sa.Text(), nullable=True),
        sa.Column("evaluator", sa.Text(), nullable=True),
        sa.Column("report_date", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Text(), nullable=True),
        sa.Column("period_end", sa.Text(), nullable=True),
        sa.Column("contact_person", sa.Text(), nullable=True),
        sa.Column("contact_phone", sa.Text(), nullable=True),
        sa.Column("contact_email", sa.Text(), nullable=True),
        sa.Column("total_score", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("max_score", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("grade", sa.Text(), nullable=True),
        sa.Column("grade_level", sa.String(length=16), nullable=True),
        sa.Column("project_address", sa.Text(), nullable=True),
        sa.Column("postal_code", sa.Text(), nullable=True),
        sa.Column("evaluated_amount", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_reports_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("document_id", name=op.f("uq_reports_document_id")),
    )
    op.create_index(op.f("ix_reports_fiscal_year"), "reports", ["fiscal_year"], unique=False)
    op.create_index(op.f("ix_reports_region"), "reports", ["region"], unique=False)
    op.create_table(
        "checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_checks_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checks")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_checks_report_id_ordinal")),
    )
    op.create_index(op.f("ix_checks_rule"), "checks", ["rule"], unique=False)
    op.create_table(
        "evaluators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_evaluators_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluators")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_evaluators_report_id_ordinal")),
    )
    op.create_table(
        "expenditures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("item", sa.Text(), nullable=True),
        sa.Column("amount", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("voucher", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("payee", sa.Text(), nullable=True),
        sa.Column("contract_amount", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("project", sa.Text(), nullable=True),
        sa.Column("is_total", sa.Boolean(), nullable=False),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_expenditures_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expenditures")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_expenditures_report_id_ordinal")),
    )
    op.create_table(
        "funds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=True),
        sa.Column("planned", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("budget", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("received", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("spent", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("balance", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("execution_rate", sa.Numeric(precision=12, scale=6), nullable=True),
        sa.Column("weight", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("score", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("document_no", sa.Text(), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_funds_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funds")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_funds_report_id_ordinal")),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=True),
        sa.Column("actual", sa.Text(), nullable=True),
        sa.Column("achieved", sa.Boolean(), nullable=True),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_goals_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_goals_report_id_ordinal")),
    )
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level1", sa.Text(), nullable=True),
        sa.Column("level2", sa.Text(), nullable=True),
        sa.Column("formula", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("actual", sa.Text(), nullable=True),
        sa.Column("target_value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("actual_value", sa.Numeric(precision=20, scale=4), nullable=True),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("comparator", sa.String(length=8), nullable=True),
        sa.Column("weight", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("score", sa.Numeric(precision=12, scale=4), nullable=True),
        sa.Column("deviation_reason", sa.Text(), nullable=True),
        sa.Column("is_key", sa.Boolean(), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_indicators_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_indicators_report_id_ordinal")),
    )
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("heading", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("topic", sa.String(length=32), nullable=True),
        sa.Column("provenance", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_sections_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sections")),
        sa.UniqueConstraint("report_id", "ordinal", name=op.f("uq_sections_report_id_ordinal")),
    )
    if not sqlite:
        op.create_foreign_key(
            op.f("fk_documents_report_id_reports"),
            "documents",
            "reports",
            ["report_id"],
            ["id"],
            ondelete="SET NULL",
        )
    create_views(op.get_bind(), VIEWS_0001)


def downgrade() -> None:
    drop_views(op.get_bind(), VIEWS_0001)
    if op.get_context().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_documents_report_id_reports"), "documents", type_="foreignkey")
    op.drop_table("sections")
    op.drop_table("indicators")
    op.drop_table("goals")
    op.drop_table("funds")
    op.drop_table("expenditures")
    op.drop_table("evaluators")
    op.drop_index(op.f("ix_checks_rule"), table_name="checks")
    op.drop_table("checks")
    op.drop_index(op.f("ix_reports_region"), table_name="reports")
    op.drop_index(op.f("ix_reports_fiscal_year"), table_name="reports")
    op.drop_table("reports")
    op.drop_index(op.f("ix_document_paths_path"), table_name="document_paths")
    op.drop_table("document_paths")
    op.drop_index(op.f("ix_documents_run_id"), table_name="documents")
    op.drop_table("documents")
    op.drop_table("ingest_runs")
