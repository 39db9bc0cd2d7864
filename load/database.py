"""Engines, schema revisions and migrations.

A database is either empty (created at the head revision on first use), at the head
revision this jixiao knows (used as is), at an older revision (refused until
``jixiao db upgrade``), or at a revision this jixiao does not know: written by a
newer jixiao, refused so an old binary never writes rows a newer schema does not
expect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from jixiao.errors import InfrastructureError, SchemaVersionError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Tables whose presence says "this is (or was) a jixiao database".
_JIXIAO_TABLES = frozenset({"documents", "reports", "ingest_runs"})


def normalize_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3 (the driver we ship)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except sa_exc.ArgumentError:
        return url


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; ``None`` for in-memory or non-SQLite databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    url = normalize_url(url)
    try:
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as exc:
        raise InfrastructureError(f"not a usable database URL {display_url(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


@contextmanager
def db_errors(url: str) -> Iterator[None]:
    """Turn driver failures (server down, disk full, locked) into InfrastructureError."""
    try:
        yield
    except (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError) as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InfrastructureError(f"database {display_url(url)}: {detail}") from exc


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    head = _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package ships revision 0001
        raise SchemaVersionError("jixiao ships no schema migrations")
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or ``None`` when there is none."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _run_upgrade(engine: Engine, revision: str) -> None:
    _migrate(engine, lambda config: command.upgrade(config, revision))


def _migrate(engine: Engine, step: Callable[[Config], None]) -> None:
    """Run ``step`` in one transaction; on SQLite with foreign keys off.

    SQLite's batch mode rebuilds a table by dropping it, and dropping a parent table
    with foreign keys on deletes every child row (ON DELETE CASCADE). The pragma only
    takes effect outside a transaction, so it is set first; references are checked
    with ``PRAGMA foreign_key_check`` before the transaction commits.
    """
    config = _alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                step(config)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise SchemaVersionError(
                            f"the migration left {len(broken)} broken references "
                            f"(first: {tuple(broken[0])}); nothing was changed"
                        )
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def _refuse_unknown(url: str, revision: str | None) -> None:
    if revision is not None and revision not in known_revisions():
        from jixiao import __version__

        raise SchemaVersionError(
            f"database {display_url(url)} has schema revision {revision!r}, newer than "
            f"this jixiao {__version__} knows (its newest is {head_revision()!r}); "
            "upgrade jixiao to write to it"
        )


def ensure_schema(engine: Engine, *, create: bool) -> None:
    """Check the database's revision; create the schema in an empty database."""
    url = engine.url.render_as_string(hide_password=False)
    with db_errors(url):
        revision = current_revision(engine)
        _refuse_unknown(url, revision)
        if revision == head_revision():
            return
        if revision is None:
            tables = set(inspect(engine).get_table_names())
            if tables & _JIXIAO_TABLES:
                raise SchemaVersionError(
                    f"database {display_url(url)} has jixiao tables but no schema revision; "
                    "it was not created by jixiao's migrations"
                )
            if not create:
                raise SchemaVersionError(
                    f"database {display_url(url)} has no jixiao schema; "
                    "run `jixiao db upgrade` to create it"
                )
            log.info(
                "creating the jixiao schema (revision %s) in %s", head_revision(), display_url(url)
            )
            _run_upgrade(engine, "head")
            return
        raise SchemaVersionError(
            f"database {display_url(url)} is at schema revision {revision!r}, this jixiao "
            f"needs {head_revision()!r}: run `jixiao db upgrade`"
        )


def upgrade(url: str, revision: str = "head") -> str:
    """Migrate the database at ``url`` to ``revision`` (default: the newest). Returns it.

    An empty database gets the whole schema. A database at a revision this jixiao does
    not know is refused with :class:`SchemaVersionError`.
    """
    url = normalize_url(url)
    engine = make_engine(url)
    try:
        with db_errors(url):
            _refuse_unknown(url, current_revision(engine))
            _run_upgrade(engine, revision)
            reached = current_revision(engine)
    finally:
        engine.dispose()
    log.info("database %s is at schema revision %s", display_url(url), reached)
    return reached or ""


def downgrade(url: str, revision: str) -> str | None:
    """Migrate the database at ``url`` back to ``revision`` (``"base"``: drop everything)."""
    url = normalize_url(url)
    engine = make_engine(url)
    try:
        with db_errors(url):
            _refuse_unknown(url, current_revision(engine))
            _migrate(engine, lambda config: command.downgrade(config, revision))
            return current_revision(engine)
    finally:
        engine.dispose()
