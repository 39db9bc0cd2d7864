"""Stage 3: store canonical reports in SQLite or PostgreSQL.

:class:`Store` is the API the ingest and the CLI use; :func:`upgrade` runs the
Alembic migrations (``jixiao db upgrade``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jixiao.load.database import current_revision, head_revision, upgrade
    from jixiao.load.records import DocumentInfo, FailureInfo, RunCounts, RunInfo
    from jixiao.load.rows import ReportRows, report_to_rows
    from jixiao.load.store import Store

# Imported on first use: ``jixiao runs`` does not pay for Alembic, nor a script using
# ``report_to_rows`` for the store.
_LAZY = {
    "current_revision": "database",
    "head_revision": "database",
    "upgrade": "database",
    "DocumentInfo": "records",
    "FailureInfo": "records",
    "RunCounts": "records",
    "RunInfo": "records",
    "ReportRows": "rows",
    "report_to_rows": "rows",
    "Store": "store",
}

__all__ = [
    "DocumentInfo",
    "FailureInfo",
    "ReportRows",
    "RunCounts",
    "RunInfo",
    "Store",
    "current_revision",
    "head_revision",
    "report_to_rows",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
