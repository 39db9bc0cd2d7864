"""The source files of documents, found only through the database.

No request names a path: it names a document id, the path comes from
``document_paths`` (newest first), and a file is used only while its SHA-256 is still
the document's. A moved or edited file is "not available", never a different file.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from jixiao.load.models import DocumentPathRow, DocumentRow

_DOCS = DocumentRow.__table__
_PATHS = DocumentPathRow.__table__
_CHUNK = 1 << 20


@dataclass(frozen=True)
class SourceFile:
    document_id: int
    sha256: str
    format: str | None
    path: Path


class FileHashes:
    """SHA-256 of files, remembered while their size and modification time stay."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int, int], str] = {}
        self._lock = threading.Lock()

    def sha256(self, path: Path) -> str | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            known = self._known.get(key)
        if known is not None:
            return known
        digest = hashlib.sha256()
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(_CHUNK):
                    digest.update(chunk)
        except OSError:
            return None
        with self._lock:
            self._known[key] = digest.hexdigest()
        return digest.hexdigest()


def source_file(engine: Engine, document_id: int, hashes: FileHashes) -> SourceFile | None:
    """The recorded file of a document whose bytes are still the document's, or None."""
    with engine.connect() as conn:
        doc = conn.execute(
            select(_DOCS.c.id, _DOCS.c.sha256, _DOCS.c.format).where(_DOCS.c.id == document_id)
        ).first()
        if doc is None:
            return None
        paths = conn.execute(
            select(_PATHS.c.path)
            .where(_PATHS.c.document_id == document_id)
            .order_by(_PATHS.c.last_seen.desc(), _PATHS.c.id.desc())
        ).scalars()
        candidates = [Path(p) for p in paths]
    for path in candidates:
        if path.is_file() and hashes.sha256(path) == doc.sha256:
            return SourceFile(doc.id, doc.sha256, doc.format, path)
    return None
