"""Review: corrections keyed by document + report unit + field path, review marks, views.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.load.review_views import VIEWS_0004
from jixiao.load.schema_docs import apply_comments
from jixiao.load.views import create_views, drop_views

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("unit_index", sa.Integer(), nullable=False),
        sa.Column("field_path", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_corrections")),
    )
    op.create_index(
        op.f("ix_corrections_sha256_unit_index"), "corrections", ["sha256", "unit_index"]
    )
    op.create_index(op.f("ix_corrections_status"), "corrections", ["status"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("unit_index", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=200), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("sha256", "unit_index", name=op.f("uq_reviews_sha256_unit_index")),
    )
    create_views(op.get_bind(), VIEWS_0004)
    apply_comments(op.get_bind())  # PostgreSQL: what the review tables and views mean


def downgrade() -> None:
    drop_views(op.get_bind(), VIEWS_0004)
    op.drop_table("reviews")
    op.drop_index(op.f("ix_corrections_status"), table_name="corrections")
    op.drop_index(op.f("ix_corrections_sha256_unit_index"), table_name="corrections")
    op.drop_table("corrections")
