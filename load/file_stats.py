"""The stat keys recorded per (document, path): which files a re-run may skip unread.

See :mod:`jixiao.file_stat` for what a key is and why equal keys mean unchanged bytes.
At most one row per path holds a key (recording one clears the others at that path),
so a path's key always belongs to the document last hashed there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, bindparam, select, update

from jixiao.load.models import DocumentPathRow, DocumentRow

LOOKUP_CHUNK = 500  # paths per IN (...) lookup

_DOCS = DocumentRow.__table__
_PATHS = DocumentPathRow.__table__


@dataclass(frozen=True)
class KnownFile:
    """A path's recorded stat key and the document whose bytes were there."""

    path_id: int  # document_paths.id
    document_id: int
    sha256: str
    status: str
    parser_version: int
    stat_key: str


def known_files(conn: Connection, paths: Sequence[str]) -> dict[tuple[str, str], KnownFile]:
    """(path, stat key) → what was recorded, for the given stored paths that have a key."""
    found: dict[tuple[str, str], KnownFile] = {}
    query = (
        select(
            _PATHS.c.id,
            _PATHS.c.path,
            _PATHS.c.file_stat,
            _DOCS.c.id.label("document_id"),
            _DOCS.c.sha256,
            _DOCS.c.status,
            _DOCS.c.parser_version,
        )
        .join(_DOCS, _DOCS.c.id == _PATHS.c.document_id)
        .where(_PATHS.c.path.in_(bindparam("paths", expanding=True)))
        .where(_PATHS.c.file_stat.is_not(None))
    )
    for start in range(0, len(paths), LOOKUP_CHUNK):
        rows = conn.execute(query, {"paths": list(paths[start : start + LOOKUP_CHUNK])})
        for row in rows:
            found[(row.path, row.file_stat)] = KnownFile(
                row.id, row.document_id, row.sha256, row.status, row.parser_version, row.file_stat
            )
    return found


def touch_known(
    conn: Connection, known: Sequence[KnownFile], now: datetime, run_id: int | None
) -> None:
    """Files skipped by their stat key: seen now, by this run (two updates per chunk)."""
    for start in range(0, len(known), LOOKUP_CHUNK):
        chunk = known[start : start + LOOKUP_CHUNK]
        conn.execute(
            update(_PATHS).where(_PATHS.c.id.in_([k.path_id for k in chunk])).values(last_seen=now)
        )
        conn.execute(
            update(_DOCS)
            .where(_DOCS.c.id.in_(sorted({k.document_id for k in chunk})))
            .values(last_seen=now, run_id=run_id)
        )


def record_keys(conn: Connection, keys: Iterable[tuple[int, str, str | None]]) -> None:
    """(document id, path, key or None): the key of that document's row at ``path``;
    other documents' rows at the path lose theirs (they no longer hold its bytes)."""
    params = [{"d": d, "p": p, "k": k} for d, p, k in keys]
    if not params:
        return
    conn.execute(
        update(_PATHS)
        .where(_PATHS.c.document_id == bindparam("d"), _PATHS.c.path == bindparam("p"))
        .values(file_stat=bindparam("k")),
        params,
    )
    conn.execute(
        update(_PATHS)
        .where(
            and_(
                _PATHS.c.path == bindparam("p"),
                _PATHS.c.document_id != bindparam("d"),
                _PATHS.c.file_stat.is_not(None),
            )
        )
        .values(file_stat=None),
        [{"d": q["d"], "p": q["p"]} for q in params],
    )
