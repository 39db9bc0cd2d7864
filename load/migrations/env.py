"""Alembic environment for the jixiao schema.

Run through :func:`jixiao.load.database.upgrade`, which passes an open connection in
``config.attributes["connection"]``; a plain ``sqlalchemy.url`` works too (alembic CLI).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from jixiao.load.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("jixiao migrations run online only (pass a database URL)")
run_migrations_online()
