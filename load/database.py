"""Engines, schema revisions and migrations.

A database is either empty (created at the head revision on first use), at the head
revision this jixiao knows (used as is), at an older revision (refused until
``jixiao db upgrade``), or at a revision this jixiao does not know: written by a
newer jixiao, refused so an old binary never writes rows a newer schema does not
expect.

Creating or migrating the schema is serialised by the ingest lock (the caller passes
it; the revision is read again once it is held) and runs in ONE transaction on both
dialects: on SQLite the driver's implicit transaction handling would commit each
``CREATE`` on its own, so migrations run on a connection that issues ``BEGIN
IMMEDIATE`` itself. A kill or Ctrl-C during creation leaves no schema or all of it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from jixiao.errors import DatabaseURLError, InfrastructureError, SchemaVersionError

# alembic is imported where it is used: `jixiao runs` and `--help` must start fast.
if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: The newest revision in migrations/versions (a test keeps it equal to Alembic's head):
#: a database stamped with it is used without importing Alembic (a fixed cost of every
#: ingest, most of them nightly re-runs).
SHIPPED_HEAD = "0005"
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


class SQLiteFileError(InfrastructureError):
    """The SQLite file cannot be opened, read or written (permissions, disk full)."""


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; ``None`` for in-memory or non-SQLite databases."""
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        return None
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


SUPPORTED = "jixiao supports SQLite (sqlite:///file.db) and PostgreSQL (postgresql://user@host/db)"


def check_url(url: str) -> None:
    """Refuse, with :class:`DatabaseURLError`, a URL that cannot name a jixiao database:
    malformed, another database system, or a SQLite file in a missing or read-only folder.
    """
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError:
        raise DatabaseURLError(f"not a database URL: {url!r}; {SUPPORTED}") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseURLError(f"unsupported database {backend!r} in --db; {SUPPORTED}")
    path = sqlite_path(url)
    if path is None or path.exists():
        return
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseURLError(f"cannot create the SQLite database {path}: no folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseURLError(
            f"cannot create the SQLite database {path}: folder {folder} is not writable"
        )


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    url = normalize_url(url)
    check_url(url)
    try:
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError) as exc:
        raise DatabaseURLError(f"not a usable database URL {display_url(url)}: {exc}") from exc
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
        path = sqlite_path(normalize_url(url))
        if path is not None:  # a file, not a server: say so (no "is the server running")
            raise SQLiteFileError(f"SQLite database {path}: {detail}") from exc
        raise InfrastructureError(f"database {display_url(url)}: {detail}") from exc


@lru_cache(maxsize=1)
def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

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
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _sqlite_autocommit(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver begins nothing on its own


def _foreign_keys_off(dbapi_connection: Any, _record: Any) -> None:
    # Batch mode rebuilds a table by dropping it; with foreign keys on, dropping a
    # parent table deletes every child row (ON DELETE CASCADE). Checked before commit.
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")


def _begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def _migration_engine(engine: Engine) -> Iterator[Engine]:
    """An engine whose transactions also cover DDL (SQLite: explicit BEGIN IMMEDIATE)."""
    if engine.dialect.name != "sqlite" or sqlite_path(str(engine.url)) is None:
        yield engine  # PostgreSQL DDL is transactional as is; in-memory: one connection
        return
    migrating = create_engine(engine.url, poolclass=NullPool)
    event.listen(migrating, "connect", _sqlite_pragmas)
    event.listen(migrating, "connect", _foreign_keys_off)
    event.listen(migrating, "connect", _sqlite_autocommit)
    event.listen(migrating, "begin", _begin_immediate)
    try:
        yield migrating
    finally:
        migrating.dispose()


def _run_upgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    _migrate(engine, lambda config: command.upgrade(config, revision))


def _migrate(engine: Engine, step: Callable[[Config], None]) -> None:
    """Run ``step`` (every migration it takes) in one transaction: all or nothing.

    On SQLite with foreign keys off (see :func:`_foreign_keys_off`); references are
    checked with ``PRAGMA foreign_key_check`` before the transaction commits.
    """
    config = _alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with _migration_engine(engine) as migrating, migrating.connect() as conn:
        shared = sqlite and migrating is engine  # in-memory: the pragma by hand
        if shared:
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
            if shared:
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


LockFactory = Callable[[], AbstractContextManager[object]]


def ensure_schema(engine: Engine, *, create: bool, lock: LockFactory | None = None) -> None:
    """Check the database's revision; create the schema in an empty database.

    ``lock`` makes the ingest lock for the database (``None``: the caller holds it).
    Creation happens only under it, after reading the revision again: of several
    first runs started at once exactly one creates the schema.
    """
    if _at_shipped_head(engine):
        return
    url = engine.url.render_as_string(hide_password=False)
    with db_errors(url):
        revision = current_revision(engine)
        _refuse_unknown(url, revision)
        if revision == head_revision():
            return
        if revision is None and create:
            with lock() if lock is not None else nullcontext():
                _create_schema(engine, url)
            return
        if revision is None:
            _create_schema(engine, url, create=False)
            return
        raise SchemaVersionError(
            f"database {display_url(url)} is at schema revision {revision!r}, this jixiao "
            f"needs {head_revision()!r}: run `jixiao db upgrade`"
        )


def _at_shipped_head(engine: Engine) -> bool:
    """Whether the database is stamped with :data:`SHIPPED_HEAD` (read with plain SQL;
    any doubt, even an error, is False: the caller then asks Alembic)."""
    try:
        with engine.connect() as conn:
            stamped = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except sa_exc.DBAPIError:
        return False
    return [row[0] for row in stamped] == [SHIPPED_HEAD]


def _create_schema(engine: Engine, url: str, *, create: bool = True) -> None:
    """Create the schema in an empty database (the lock is held); refuse anything else."""
    with db_errors(url):
        revision = current_revision(engine)  # another run may have created it meanwhile
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


def _clear_unfinished_creation(engine: Engine, url: str) -> None:
    """Drop what an older jixiao left when its first run was killed while creating the
    schema on SQLite (tables committed one by one, no revision stamped): only when
    every table is one of jixiao's and all of them are empty, so nothing is lost."""
    from jixiao.load.models import Base

    if engine.dialect.name != "sqlite" or current_revision(engine) is not None:
        return
    found = inspect(engine)
    tables = set(found.get_table_names())
    if not tables & _JIXIAO_TABLES or not tables <= set(Base.metadata.tables) | {"alembic_version"}:
        return
    with _migration_engine(engine) as migrating, migrating.begin() as conn:
        if any(conn.exec_driver_sql(f'SELECT 1 FROM "{t}" LIMIT 1').first() for t in tables):
            return
        log.warning("removing the empty tables of an interrupted schema creation in %s", url)
        conn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for view in found.get_view_names():
            conn.exec_driver_sql(f'DROP VIEW "{view}"')
        for table in tables:
            conn.exec_driver_sql(f'DROP TABLE "{table}"')


def upgrade(url: str, revision: str = "head", *, wait_lock: float = 0.0) -> str:
    """Migrate the database at ``url`` to ``revision`` (default: the newest). Returns it.

    An empty database gets the whole schema. A database at a revision this jixiao does
    not know is refused with :class:`SchemaVersionError`. Runs under the ingest lock
    (waiting up to ``wait_lock`` seconds for it): never beside a running ingest.
    """
    from jixiao.load.lock import database_lock

    url = normalize_url(url)
    engine = make_engine(url)
    try:
        with db_errors(url), database_lock(engine, wait=wait_lock):
            _refuse_unknown(url, current_revision(engine))
            _clear_unfinished_creation(engine, url)
            _run_upgrade(engine, revision)
            reached = current_revision(engine)
    finally:
        engine.dispose()
    log.info("database %s is at schema revision %s", display_url(url), reached)
    return reached or ""


def downgrade(url: str, revision: str) -> str | None:
    """Migrate the database at ``url`` back to ``revision`` (``"base"``: drop everything)."""
    from jixiao.load.lock import database_lock

    url = normalize_url(url)
    engine = make_engine(url)
    try:
        with db_errors(url), database_lock(engine):
            _refuse_unknown(url, current_revision(engine))
            from alembic import command

            _migrate(engine, lambda config: command.downgrade(config, revision))
            return current_revision(engine)
    finally:
        engine.dispose()
