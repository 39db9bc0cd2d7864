"""The reviewer's tables: corrections and review marks (migration 0004_review).

Both are keyed by what survives a re-parse — the document's SHA-256, the report unit
(1 for a standalone report) and, for a correction, the field path
(``report.total_score``, ``funds[2].spent``) — never by a row id: the store deletes and
re-inserts a report's rows whenever the document is parsed again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.load.models import Base


class CorrectionRow(Base):
    """One reviewer's verdict on one extracted value.

    ``action``: ``correct`` (the value is ``new_value``), ``confirm`` (the extracted
    value is right) or ``absent`` (the document does not state it: the value is NULL).
    ``old_value`` is what the extractor read when the reviewer judged it (as text);
    a re-parse re-applies the correction only while the extractor still reads that.
    ``status``: ``active``, ``orphaned`` (the target is gone or the extractor now reads
    something else: a person must look again) or ``superseded`` (a later correction
    of the same value replaced it).
    """

    __tablename__ = "corrections"
    __table_args__ = (Index(None, "sha256", "unit_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    unit_index: Mapped[int] = mapped_column(Integer)
    field_path: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(16))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)


class ReviewRow(Base):
    """A report a person has reviewed (every value checked against its source)."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("sha256", "unit_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    unit_index: Mapped[int] = mapped_column(Integer)
    user_name: Mapped[str] = mapped_column(String(200))
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
