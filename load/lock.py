"""One ingest at a time per database.

PostgreSQL: a session-level advisory lock on a connection held for the whole run; the
holder names itself in ``application_name`` so a second ingest can say who holds it.
SQLite: ``fcntl.flock`` on ``<database>-lock`` next to the database file, holding the
holder's pid and start time. Both are released by the operating system or the server
when the process dies (even by ``kill -9``), so a crash never leaves a stale lock.

The PostgreSQL lock's connection is handed to the caller: the Store writes through
that very session, so a session the server ended (restart, ``pg_terminate_backend``)
takes the lock AND the writer with it; nothing reconnects behind the lock's back.
``wait`` seconds: how long to wait for another holder to finish (0: refuse at once).
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from jixiao.errors import InfrastructureError, IngestLockedError
from jixiao.load.database import db_errors, display_url, sqlite_path

log = logging.getLogger(__name__)

# "jixiao" as a 64-bit advisory lock key, split the way pg_locks shows it.
ADVISORY_KEY = 0x6A697869616F
_KEY_HI, _KEY_LO = ADVISORY_KEY >> 32, ADVISORY_KEY & 0xFFFFFFFF
_HOLDER = re.compile(r"pid (\d+) since (\S+)")
_POLL_SECONDS = 0.2


def _holder_line() -> str:
    since = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return f"jixiao ingest pid {os.getpid()} since {since}"


def _locked_message(target: str, holder: str | None) -> str:
    match = _HOLDER.search(holder or "")
    who = f"pid {match.group(1)}, since {match.group(2)}" if match else "holder unknown"
    return f"another jixiao ingest is writing to {target} ({who})"


def lock_path(database: Path) -> Path:
    """``jixiao.db-lock``: named like SQLite's own ``-wal`` and ``-shm`` companions."""
    return database.with_name(database.name + "-lock")


def _retrying(try_once: Callable[[], bool], wait: float) -> bool:
    """``try_once()`` until it succeeds or ``wait`` seconds have passed."""
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        if try_once():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(_POLL_SECONDS)


def _flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextmanager
def sqlite_lock(database: Path, wait: float = 0.0) -> Iterator[None]:
    path = lock_path(database)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InfrastructureError(
            f"database {database}: cannot open the lock file {path}: {exc.strerror or exc}"
        ) from exc
    try:
        if not _retrying(lambda: _flock(fd), wait):
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace")
            raise IngestLockedError(_locked_message(str(database), holder)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (_holder_line() + "\n").encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


_HOLDER_SQL = text(
    """
    SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :hi AND l.objid = :lo
      AND l.objsubid = 1
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    """
)


def _try_advisory(conn: Connection) -> bool:
    got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar())
    conn.commit()  # a session lock outlives the transaction; end it
    return got


@contextmanager
def postgres_lock(engine: Engine, wait: float = 0.0) -> Iterator[Connection]:
    """The advisory lock; yields the (transactional) connection that holds it."""
    url = engine.url.render_as_string(hide_password=False)
    with db_errors(url):
        conn = engine.connect()
    try:
        with db_errors(url):
            if not _retrying(lambda: _try_advisory(conn), wait):
                holder = conn.execute(_HOLDER_SQL, {"hi": _KEY_HI, "lo": _KEY_LO}).scalar()
                conn.rollback()
                raise IngestLockedError(_locked_message(display_url(url), holder))
            conn.execute(
                text("SELECT set_config('application_name', :n, false)"), {"n": _holder_line()}
            )
            conn.commit()
        try:
            yield conn
        finally:
            _unlock(conn, url)
    finally:
        conn.close()


def reacquire(conn: Connection) -> bool:
    """Take the lock again on ``conn`` after its session was closed by this process
    (an interrupt during a query invalidates it): False when someone else has it."""
    if not _try_advisory(conn):
        conn.rollback()
        return False
    conn.execute(text("SELECT set_config('application_name', :n, false)"), {"n": _holder_line()})
    conn.commit()
    return True


def _unlock(conn: Connection, url: str) -> None:
    if conn.invalidated:
        return  # the session is gone, and the server released its locks with it
    try:
        with db_errors(url):
            conn.rollback()
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            conn.commit()
    except InfrastructureError as exc:
        # The session is gone, and the server released its locks with it.
        log.warning("could not release the ingest lock explicitly: %s", exc)


def database_lock(engine: Engine, wait: float = 0.0) -> AbstractContextManager[Connection | None]:
    """The ingest lock for ``engine``'s database (a no-op for in-memory SQLite).

    Yields the connection that holds it (PostgreSQL), or ``None``.
    """
    if engine.dialect.name == "postgresql":
        return postgres_lock(engine, wait)
    if engine.dialect.name == "sqlite":
        database = sqlite_path(engine.url.render_as_string(hide_password=False))
        return sqlite_lock(database, wait) if database is not None else nullcontext()
    log.warning("no ingest lock for the %s dialect", engine.dialect.name)
    return nullcontext()
