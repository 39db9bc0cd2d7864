"""Stage 3: store canonical reports in SQLite or PostgreSQL.

:class:`Store` is the API the ingest and the CLI use; :func:`upgrade` runs the
Alembic migrations (``jixiao db upgrade``).
"""

from __future__ import annotations

# Registers the review tables on the models' metadata (migrations compare against it).
from jixiao.load import review_models  # noqa: F401
from jixiao.load.database import current_revision, head_revision, upgrade
from jixiao.load.records import DocumentInfo, FailureInfo, RunCounts, RunInfo
from jixiao.load.rows import ReportRows, report_to_rows
from jixiao.load.store import Store

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
