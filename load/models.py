"""The database schema as typed SQLAlchemy 2.x ORM models.

One table per list of the canonical report (CANONICAL.md), column names equal to the
dataclass field names of :mod:`jixiao.normalize.canonical`. Money is ``Numeric(20, 2)``,
scores and weights ``Numeric(12, 4)``, rates ``Numeric(12, 6)``: never ``Float``.

The same models serve SQLite and PostgreSQL. Alembic's revision 0001 creates exactly
these tables (a test compares the two); change a model only together with a new
migration.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from jixiao.load.exact import ExactNumeric

# Explicit constraint names, so that the migration and the models agree on every dialect.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Exact on both databases (scaled integers on SQLite: load/exact.py).
Money = ExactNumeric(20, 2)
Score = ExactNumeric(12, 4)
Rate = ExactNumeric(12, 6)
Quantity = ExactNumeric(20, 4)  # indicator values: a percentage, a count or yuan


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _tz() -> DateTime:
    return DateTime(timezone=True)


class IngestRunRow(Base):
    """One `jixiao ingest` invocation."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(_tz())
    finished_at: Mapped[datetime | None] = mapped_column(_tz())
    arguments: Mapped[Any] = mapped_column(JSON)
    jixiao_version: Mapped[str] = mapped_column(String(32))
    parser_version: Mapped[int] = mapped_column(Integer)
    pid: Mapped[int | None] = mapped_column(Integer)
    loaded: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    no_report: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status: Mapped[str] = mapped_column(String(16))  # running | finished | interrupted


class DocumentRow(Base):
    """One file content (by SHA-256) ever seen, loaded or failed."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str | None] = mapped_column(String(16))
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int | None] = mapped_column(Integer)
    # ok (1..N reports) | no_report (read fine, holds no performance report) | failed
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)  # the reason (failed, no_report)
    parser_version: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime] = mapped_column(_tz())
    last_seen: Mapped[datetime] = mapped_column(_tz())
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingest_runs.id", ondelete="SET NULL"), index=True
    )
    # 0003: false once new bytes were loaded at a path this document was seen at
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class DocumentPathRow(Base):
    """Where a document was seen: a moved file keeps its document, gains a path."""

    __tablename__ = "document_paths"
    __table_args__ = (UniqueConstraint("document_id", "path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    path: Mapped[str] = mapped_column(Text, index=True)
    first_seen: Mapped[datetime] = mapped_column(_tz())
    last_seen: Mapped[datetime] = mapped_column(_tz())
    # 0005: the file's stat when its bytes were last hashed here (jixiao.file_stat);
    # a re-run whose stat matches skips the file without reading it. NULL: hash next time.
    file_stat: Mapped[str | None] = mapped_column(String(100))


class ReportRow(Base):
    """One report unit of a document (a document holds 0..N: a bundle holds many)."""

    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    schema_version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(32))
    region: Mapped[str | None] = mapped_column(Text, index=True)
    fiscal_year: Mapped[int | None] = mapped_column(Integer, index=True)
    project_name: Mapped[str | None] = mapped_column(Text)
    project_unit: Mapped[str | None] = mapped_column(Text)
    supervising_dept: Mapped[str | None] = mapped_column(Text)
    evaluation_type: Mapped[str | None] = mapped_column(Text)
    evaluation_method: Mapped[str | None] = mapped_column(Text)
    evaluator: Mapped[str | None] = mapped_column(Text)
    report_date: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[str | None] = mapped_column(Text)
    period_end: Mapped[str | None] = mapped_column(Text)
    contact_person: Mapped[str | None] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(Text)
    contact_email: Mapped[str | None] = mapped_column(Text)
    total_score: Mapped[Decimal | None] = mapped_column(Score)
    max_score: Mapped[Decimal | None] = mapped_column(Score)
    grade: Mapped[str | None] = mapped_column(Text)
    grade_level: Mapped[str | None] = mapped_column(String(16))
    project_address: Mapped[str | None] = mapped_column(Text)
    postal_code: Mapped[str | None] = mapped_column(Text)
    evaluated_amount: Mapped[Decimal | None] = mapped_column(Money)
    provenance: Mapped[Any] = mapped_column(JSON, nullable=True)
    # the unit (CanonicalReport.unit): report unit_index of unit_of in its document
    unit_index: Mapped[int | None] = mapped_column(Integer)
    unit_of: Mapped[int | None] = mapped_column(Integer)
    unit_title: Mapped[str | None] = mapped_column(Text)
    unit_pages: Mapped[str | None] = mapped_column(Text)  # "31-33"
    unit_tables: Mapped[str | None] = mapped_column(Text)  # "0,1,2"
    unit_sheet: Mapped[str | None] = mapped_column(Text)
    # coverage (CanonicalReport.coverage, issue 10)
    tables_rows_read: Mapped[int | None] = mapped_column(Integer)
    rows_unread: Mapped[int | None] = mapped_column(Integer)
    coverage: Mapped[Decimal | None] = mapped_column(Rate)
    # identity (0003, load/identity.py): what report this is, and which copy
    report_key: Mapped[str | None] = mapped_column(Text, index=True)
    stable_key: Mapped[str | None] = mapped_column(String(80), index=True)
    is_scan: Mapped[bool | None] = mapped_column(Boolean)


class _Child:
    """Columns every child table of ``reports`` has."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, sort_order=-3)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), sort_order=-2
    )
    ordinal: Mapped[int] = mapped_column(Integer, sort_order=-1)  # position in the list
    # {field name: {"table": 0, "row": 3, "col": 2} or {"page": 2, "bbox": [...]}}
    provenance: Mapped[Any] = mapped_column(JSON, nullable=True, sort_order=1)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[UniqueConstraint]:
        # Also the index that finds a report's rows (report_id leads).
        return (UniqueConstraint("report_id", "ordinal"),)


class FundRow(_Child, Base):
    __tablename__ = "funds"

    label: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(32))
    planned: Mapped[Decimal | None] = mapped_column(Money)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    received: Mapped[Decimal | None] = mapped_column(Money)
    spent: Mapped[Decimal | None] = mapped_column(Money)
    balance: Mapped[Decimal | None] = mapped_column(Money)
    execution_rate: Mapped[Decimal | None] = mapped_column(Rate)
    weight: Mapped[Decimal | None] = mapped_column(Score)
    score: Mapped[Decimal | None] = mapped_column(Score)
    year: Mapped[int | None] = mapped_column(Integer)
    document_no: Mapped[str | None] = mapped_column(Text)


class ExpenditureRow(_Child, Base):
    __tablename__ = "expenditures"

    item: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    voucher: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    payee: Mapped[str | None] = mapped_column(Text)
    contract_amount: Mapped[Decimal | None] = mapped_column(Money)
    project: Mapped[str | None] = mapped_column(Text)
    is_total: Mapped[bool] = mapped_column(Boolean)


class GoalRow(_Child, Base):
    __tablename__ = "goals"

    expected: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    achieved: Mapped[bool | None] = mapped_column(Boolean)
    label: Mapped[str | None] = mapped_column(Text)


class IndicatorRow(_Child, Base):
    __tablename__ = "indicators"

    name: Mapped[str] = mapped_column(Text)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    formula: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    target_value: Mapped[Decimal | None] = mapped_column(Quantity)
    actual_value: Mapped[Decimal | None] = mapped_column(Quantity)
    unit: Mapped[str | None] = mapped_column(Text)
    comparator: Mapped[str | None] = mapped_column(String(8))
    weight: Mapped[Decimal | None] = mapped_column(Score)
    score: Mapped[Decimal | None] = mapped_column(Score)
    deviation_reason: Mapped[str | None] = mapped_column(Text)
    is_key: Mapped[bool | None] = mapped_column(Boolean)
    # met | not_met | unknown (0003): normalize.target_status, stored at load time
    target_status: Mapped[str | None] = mapped_column(String(16))


class EvaluatorRow(_Child, Base):
    __tablename__ = "evaluators"

    name: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)


class SectionRow(_Child, Base):
    __tablename__ = "sections"

    heading: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    topic: Mapped[str | None] = mapped_column(String(32))


class CheckRow(_Child, Base):
    __tablename__ = "checks"

    rule: Mapped[str] = mapped_column(String(64), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    fields: Mapped[Any] = mapped_column(JSON, nullable=True)


class ReportKeyOverrideRow(Base):
    """A user's correction of a report's identity key (``jixiao identity set``)."""

    __tablename__ = "report_key_overrides"

    stable_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    report_key: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(_tz())


# The child tables in the order of the canonical report's lists, keyed by list name.
CHILD_TABLES: dict[str, type[Base]] = {
    "funds": FundRow,
    "expenditures": ExpenditureRow,
    "goals": GoalRow,
    "indicators": IndicatorRow,
    "evaluators": EvaluatorRow,
    "sections": SectionRow,
    "checks": CheckRow,
}


# The review tables (corrections, reviews; issue 13) live in their own module; importing
# it here registers them on the one metadata that migrations, comments and tests use.
from jixiao.load import review_models  # noqa: E402, F401


def _describe() -> None:
    """Table and column comments (PostgreSQL ``COMMENT``s, set by migration 0003) from
    :mod:`jixiao.load.schema_docs`, so that the models and the migrated schema agree."""
    from jixiao.load.schema_docs import TABLES

    for table in Base.metadata.sorted_tables:
        about, columns = TABLES[table.name]
        table.comment = about
        for column in table.columns:
            column.comment = columns.get(column.name)


_describe()
