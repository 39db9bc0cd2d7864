"""Document versions: new bytes at a known path supersede the old document.

A corrected report saved over the old file is a new document (its SHA-256 differs);
the old one is kept (its history, its failures) but is no longer *current*:
``documents.is_current`` is false, and the views count the current version. A
document is current again when its bytes are loaded at that path again.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from jixiao.load.models import DocumentPathRow, DocumentRow

_DOCS = DocumentRow.__table__
_PATHS = DocumentPathRow.__table__


def supersede(conn: Connection, document_id: int, path: str) -> int:
    """``document_id`` was just loaded at ``path``: it is current, and every other
    document seen at ``path`` is not. Returns how many documents were superseded."""
    conn.execute(update(_DOCS).where(_DOCS.c.id == document_id).values(is_current=True))
    others = select(_PATHS.c.document_id).where(
        _PATHS.c.path == path, _PATHS.c.document_id != document_id
    )
    result = conn.execute(
        update(_DOCS)
        .where(_DOCS.c.id.in_(others), _DOCS.c.is_current.is_(True))
        .values(is_current=False)
    )
    return int(result.rowcount or 0)
