"""Word splitting for fuzzy label matching: jieba, without loading its whole dictionary.

jieba's dictionary (350 k words) costs about 1.5 CPU-seconds and 70 MB in every
process that loads it, while label matching splits a few dozen short texts per
document. jieba splits a text using only the dictionary entries that are substrings
of it (words and word prefixes) and the dictionary's total frequency. So its prefix
dictionary is written once, per jieba dictionary file, to an SQLite file under the
cache directory (``$JIXIAO_CACHE_DIR``, else ``$XDG_CACHE_HOME/jixiao``, else
``~/.cache/jixiao``), and each new text fetches only its own substrings' entries
into a tokenizer that otherwise starts empty: the same words, for a few milliseconds.
If the cache cannot be written, the full dictionary is loaded as before.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)

__all__ = ["cache_dir", "import_jieba", "lcut", "warm_up"]

_QUERY_CHUNK = 500  # SQLite's default limit on bound parameters is 999


def import_jieba():  # -> the jieba module
    """jieba, imported without ``pkg_resources`` when nothing has imported that yet.

    jieba's ``_compat`` reads its bundled files through ``pkg_resources`` if it can be
    imported, else with plain ``open()`` on the same paths. Importing ``pkg_resources``
    scans every installed distribution (about 0.1-0.3 CPU-s, a third of a cold
    ``jixiao extract``) and is deprecated; hiding it for this one import makes jieba
    take its own fallback. The same files are read either way.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # → ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def warm_up() -> None:
    """Prepare word splitting now (an ingest worker, before its first file's budget)."""
    jieba = import_jieba()
    jieba.setLogLevel(logging.WARNING)
    lcut("预算执行率")


def lcut(text: str) -> list[str]:
    """jieba's words of ``text`` (no HMM), the same as with its full dictionary loaded."""
    lookup = _lookup()
    if lookup is None:
        return _full().lcut(text, HMM=False)
    return lookup.lcut(text)


class _LookupTokenizer:
    """A jieba tokenizer whose prefix dictionary is filled from SQLite text by text."""

    def __init__(self, path: Path) -> None:
        jieba = import_jieba()

        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        (total,) = self._db.execute("SELECT freq FROM meta WHERE name = 'total'").fetchone()
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.FREQ = {}
        self._tokenizer.total = total
        self._tokenizer.initialized = True
        self._asked: set[str] = set()

    def lcut(self, text: str) -> list[str]:
        fragments = {
            text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)
        } - self._asked
        if fragments:
            wanted = sorted(fragments)
            for start in range(0, len(wanted), _QUERY_CHUNK):
                chunk = wanted[start : start + _QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT word, freq FROM freq WHERE word IN ({marks})", chunk
                )
                self._tokenizer.FREQ.update(rows)
            self._asked |= fragments
        return self._tokenizer.lcut(text, HMM=False)


@functools.lru_cache(maxsize=1)
def _full() -> jieba.Tokenizer:
    """jieba with its whole dictionary in memory (about a second to load)."""
    jieba = import_jieba()

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@functools.lru_cache(maxsize=1)
def _lookup() -> _LookupTokenizer | None:
    jieba = import_jieba()

    jieba.setLogLevel(logging.WARNING)
    full = Path(jieba.__file__).resolve().parent / "dict.txt"
    try:
        return _LookupTokenizer(_prefix_database(full))
    except (OSError, sqlite3.Error) as error:
        log.debug("no jieba prefix database (%s); loading the full dictionary", error)
        return None


def cache_dir() -> Path:
    """Where jixiao keeps its caches (the jieba word index, the label memo)."""
    explicit = os.environ.get("JIXIAO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jixiao"


def _prefix_database(full: Path) -> Path:
    """The SQLite copy of jieba's prefix dictionary for ``full``, written if missing."""
    jieba = import_jieba()

    stat = full.stat()
    key = f"{full}|{stat.st_size}|{stat.st_mtime_ns}|{jieba.__version__}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    path = cache_dir() / f"jieba-prefix-{digest}.sqlite3"
    if path.exists():
        return path
    with full.open("rb") as source:
        freq, total = jieba.Tokenizer.gen_pfdict(source)  # jieba's own reading: same entries
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".jieba-", suffix=".tmp")
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        with db:
            db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, freq INTEGER)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
            db.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
        db.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path
