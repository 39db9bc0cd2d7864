"""What the store hands back: small frozen records, no ORM objects escape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any


def utc(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes for timezone-aware columns: they are UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class RunCounts:
    loaded: int = 0
    skipped: int = 0
    failed: int = 0
    no_report: int = 0  # read fine, no performance report in it


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    sha256: str
    format: str | None
    size: int
    pages: int | None
    status: str  # ok | no_report | failed
    error: str | None
    parser_version: int
    first_seen: datetime
    last_seen: datetime
    report_ids: tuple[int, ...]  # 0..N, in unit order
    run_id: int | None
    paths: tuple[str, ...]  # most recently seen first


@dataclass(frozen=True)
class RunInfo:
    id: int
    started_at: datetime
    finished_at: datetime | None
    arguments: Any
    jixiao_version: str
    parser_version: int
    pid: int | None
    counts: RunCounts
    status: str  # running | finished | interrupted


@dataclass(frozen=True)
class FailureInfo:
    document_id: int
    sha256: str
    path: str | None  # the most recently seen path
    format: str | None
    size: int
    # failed; no_report; or ok when a re-parse failed and the earlier reports were kept
    status: str
    reason: str
    run_id: int | None
    parser_version: int
    last_seen: datetime
