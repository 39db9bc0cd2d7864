"""Unchanged files skipped unread: ``document_paths.file_stat``.

The stat (size, mtime_ns, ctime_ns, inode) of a file when its bytes were hashed at
that path (:mod:`jixiao.file_stat`). A nightly re-run finding the same stat at
the same path skips the file without reading it; existing rows start empty (NULL),
so the first run after the upgrade hashes every file once, as before, and fills them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from jixiao.load.review_views import VIEWS_0004
from jixiao.load.schema_docs import apply_comments
from jixiao.load.views import VIEWS_0003, create_views, drop_views

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document_paths") as batch:
        batch.add_column(sa.Column("file_stat", sa.String(length=100), nullable=True))
    apply_comments(op.get_bind())  # PostgreSQL: what the new column means


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table: the views reading it go first.
    bind = op.get_bind()
    drop_views(bind, {**VIEWS_0003, **VIEWS_0004})
    with op.batch_alter_table("document_paths") as batch:
        batch.drop_column("file_stat")
    create_views(bind, VIEWS_0003, scaled=True)  # as 0003 and 0004 created them
    create_views(bind, VIEWS_0004)
