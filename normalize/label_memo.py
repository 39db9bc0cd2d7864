"""Fuzzy label answers kept on disk, shared by every worker that uses the same dictionary.

Forms repeat their labels across files, and each ingest worker (recycled every few
hundred files) would otherwise score the same texts again. Fuzzy answers (a label key
in a context → a field, or none) are written to an SQLite file under the cache
directory (:func:`jixiao.normalize.words.cache_dir`), one file per :func:`memo_key`: a
hash of the effective dictionary (packaged plus ``--labels`` files, in order) and of
the matcher itself (its source files and jieba's dictionary), so a changed dictionary,
matcher or word list starts a new file and an answer never differs from a cold match.

Workers share the file in WAL mode and add rows with ``INSERT OR IGNORE`` (two workers
that score one text write the same row). Rows are flushed once per document (see
:meth:`LabelMemo.flush`); the file keeps at most :data:`MAX_ROWS` rows (the oldest go)
and the folder the :data:`KEEP_FILES` newest memo files. A cache that cannot be opened
or written turns the memo off for the process, with one debug line: matching goes on
as before.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import importlib.util
import logging
import os
import sqlite3
import threading
import weakref
from pathlib import Path

from jixiao.normalize.label_types import LabelMatch
from jixiao.normalize.words import cache_dir

log = logging.getLogger(__name__)

MAX_ROWS = 50_000  # a worker reads them all when it starts (about 1 µs each)
KEEP_FILES = 8
MAX_KEY_CHARS = 64
_FLUSH_EVERY = 512
_BUSY_SECONDS = 2.0
# The modules whose code decides an answer; their source is part of the memo key.
_MATCHER_MODULES = ("labels", "label_fuzzy", "label_types", "text", "words")


Answer = LabelMatch | None
_Row = tuple[str, str, str | None, str | None, float | None, int]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answer (
    context TEXT NOT NULL,
    key TEXT NOT NULL,
    field TEXT,
    variant TEXT,
    score REAL,
    exact INTEGER,
    PRIMARY KEY (context, key)
)
"""


def memo_key(dictionary_digest: str) -> str | None:
    """The memo file's key for a dictionary, or ``None`` when the matcher is unknown."""
    matcher = _matcher_identity()
    if matcher is None:
        return None
    return hashlib.sha256(f"{dictionary_digest}|{matcher}".encode()).hexdigest()[:24]


class LabelMemo:
    """The on-disk answers of one dictionary; every failure means "not stored"."""

    def __init__(self, key: str | None) -> None:
        self._key = key
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._off = key is None
        self._pending: list[_Row] = []
        self._pending_pid = os.getpid()
        self._written = 0  # rows written since the last trim
        self._lock = threading.Lock()
        _OPEN.add(self)

    def __getstate__(self) -> dict[str, object]:
        """Pickled (a dictionary sent to another process): the key only."""
        return {"key": self._key}

    def __setstate__(self, state: dict[str, object]) -> None:
        key = state["key"]
        self.__init__(key if isinstance(key, str) else None)  # type: ignore[misc]

    def stored(self) -> dict[tuple[str, str], Answer]:
        """Every stored answer by (context, key), read in one query (a worker's start)."""
        with self._lock:
            db = self._connect()
            if db is None:
                return {}
            try:
                rows = db.execute("SELECT context, key, field, variant, score, exact FROM answer")
                return {
                    (context, key): None
                    if field is None
                    else LabelMatch(field, variant, score, bool(exact))
                    for context, key, field, variant, score, exact in rows
                }
            except sqlite3.Error as error:
                self._turn_off(error)
                return {}

    def put(self, context: str, key: str, answer: Answer) -> None:
        if self._off or not _storable(key):
            return
        if answer is None:
            row: _Row = (context, key, None, None, None, 0)
        else:
            row = (context, key, answer.field, answer.variant, answer.score, int(answer.exact))
        with self._lock:
            if self._pending_pid != os.getpid():  # a forked child: the parent writes its own
                self._pending, self._pending_pid = [], os.getpid()
            self._pending.append(row)
            full = len(self._pending) >= _FLUSH_EVERY
        if full:
            self.flush()

    def flush(self) -> None:
        """Write the answers found since the last flush (one short transaction)."""
        if not self._pending or self._pending_pid != os.getpid():
            return
        with self._lock:
            rows, self._pending = self._pending, []
            db = self._connect()
            if db is None:
                return
            try:
                with db:
                    db.executemany("INSERT OR IGNORE INTO answer VALUES (?, ?, ?, ?, ?, ?)", rows)
                self._written += len(rows)
                if self._written >= MAX_ROWS // 4:
                    _trim(db)
                    self._written = 0
            except sqlite3.Error as error:
                self._turn_off(error)

    def _connect(self) -> sqlite3.Connection | None:
        if self._off:
            return None
        if self._db is not None and self._pid == os.getpid():
            return self._db
        # First use, or a forked child: a connection must not cross a fork, so the
        # inherited one is left alone.
        self._db = None
        try:
            folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"labels-memo-{self._key}.sqlite3"
            fresh = not path.exists()
            db = sqlite3.connect(path, timeout=_BUSY_SECONDS, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            with db:
                db.execute(_SCHEMA)
            _trim(db)
            if fresh:
                _prune(folder, keep=path)
        except (OSError, sqlite3.Error) as error:
            self._turn_off(error)
            return None
        self._db, self._pid = db, os.getpid()
        return db

    def _turn_off(self, error: Exception) -> None:
        global _LOGGED
        if not _LOGGED:
            log.debug("label memo off (%s); matching without it", error)
            _LOGGED = True
        self._off, self._db, self._pending = True, None, []


def _storable(key: str) -> bool:
    return len(key) <= MAX_KEY_CHARS and "\x00" not in key and key.isprintable()


def _trim(db: sqlite3.Connection) -> None:
    """Keep the newest :data:`MAX_ROWS` rows less a quarter once the file outgrows it."""
    (count,) = db.execute("SELECT count(*) FROM answer").fetchone()
    if count > MAX_ROWS:
        with db:
            db.execute(
                "DELETE FROM answer WHERE rowid IN "
                "(SELECT rowid FROM answer ORDER BY rowid LIMIT ?)",
                (count - MAX_ROWS * 3 // 4,),
            )


def _prune(folder: Path, keep: Path) -> None:
    """Delete all but the :data:`KEEP_FILES` newest memo files (old dictionaries').

    Another worker may be pruning too: a file gone meanwhile is no error.
    """
    files = sorted(folder.glob("labels-memo-*.sqlite3"), key=_mtime, reverse=True)
    for old in files[KEEP_FILES:]:
        if old == keep:
            continue
        for part in (old, Path(f"{old}-wal"), Path(f"{old}-shm")):
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@functools.lru_cache(maxsize=1)
def _matcher_identity() -> str | None:
    """A hash of the matching code and of jieba's dictionary file (without importing it)."""
    digest = hashlib.sha256()
    try:
        folder = Path(__file__).resolve().parent
        for name in _MATCHER_MODULES:
            digest.update((folder / f"{name}.py").read_bytes())
        spec = importlib.util.find_spec("jieba")
        if spec is None or spec.origin is None:
            return None
        jieba_dir = Path(spec.origin).resolve().parent
        for name in ("__init__.py", "dict.txt"):
            stat = (jieba_dir / name).stat()
            digest.update(f"|{name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    except OSError:
        return None
    return digest.hexdigest()


_OPEN: weakref.WeakSet[LabelMemo] = weakref.WeakSet()
_LOGGED = False  # one line per process, however many dictionaries turn it off


@atexit.register
def _flush_all() -> None:
    for memo in list(_OPEN):
        memo.flush()
