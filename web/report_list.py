"""The reports list: filters, sort and pages, without loading the whole table.

Filters and the sort run on ``reports`` (indexed: fiscal_year, region) joined with its
document; the page's ids are then looked up in ``v_report_summary`` for budget, spent,
rate and check counts. Sorting by a fund column (budget, spent, rate) reads the
total fund row (a correlated subquery per report: slower on a large database, still
one query).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    case,
    column,
    exists,
    func,
    literal,
    or_,
    select,
    table,
)

from jixiao.load.corrections import unit_column
from jixiao.load.models import CHILD_TABLES, DocumentRow, ReportRow
from jixiao.load.review_models import CorrectionRow, ReviewRow

_R = ReportRow.__table__
_D = DocumentRow.__table__
_CHECKS = CHILD_TABLES["checks"].__table__
_REVIEWS = ReviewRow.__table__
_CORR = CorrectionRow.__table__
SUMMARY_COLUMNS = (
    "report_id",
    "path",
    "budget",
    "spent",
    "execution_rate",
    "checks_error",
    "checks_warning",
    "checks_info",
)
_SUMMARY = table("v_report_summary", *(column(name) for name in SUMMARY_COLUMNS))
GRADE_LEVELS = ("excellent", "good", "fair", "poor")
_F = CHILD_TABLES["funds"].__table__
_F2 = _F.alias("f_count")


def _total_fund(value: Any) -> Any:
    """``value`` of the report's total fund row, chosen as ``v_report_summary`` does (the
    first ``total`` row, or the only row) but without the view's other subqueries."""
    only_row = (
        select(func.count()).select_from(_F2).where(_F2.c.report_id == _R.c.id).scalar_subquery()
    )
    return (
        select(value)
        .where(_F.c.report_id == _R.c.id, or_(_F.c.source == "total", only_row == 1))
        .order_by(case((_F.c.source == "total", 0), else_=1), _F.c.ordinal)
        .limit(1)
        .scalar_subquery()
    )


_RATE = func.coalesce(
    _F.c.execution_rate,
    case(
        (
            func.coalesce(_F.c.budget, _F.c.planned) != 0,
            _F.c.spent * 1.0 / func.coalesce(_F.c.budget, _F.c.planned),
        )
    ),
)
SORTS = {
    "id": _R.c.id,
    "year": _R.c.fiscal_year,
    "region": _R.c.region,
    "project": _R.c.project_name,
    "unit": _R.c.project_unit,
    "score": _R.c.total_score,
    "budget": _total_fund(_F.c.budget),
    "spent": _total_fund(_F.c.spent),
    "rate": _total_fund(_RATE),
}


@dataclass(frozen=True)
class ListQuery:
    """The list's URL parameters, checked."""

    year: int | None = None
    region: str | None = None
    unit: str | None = None
    kind: str | None = None
    grade: str | None = None
    severity: str | None = None  # reports with at least one check of this severity
    reviewed: str | None = None  # "yes" | "no"
    coverage_below: float | None = None  # only where reports have a coverage column
    q: str | None = None  # part of the project name or title
    sort: str = "id"
    descending: bool = True
    page: int = 1

    @classmethod
    def from_params(cls, params: Any) -> ListQuery:
        def text(name: str) -> str | None:
            value = (params.get(name) or "").strip()
            return value[:200] or None

        def number(name: str, kind: type) -> Any:
            value = text(name)
            try:
                return kind(value) if value is not None else None
            except ValueError:
                return None

        sort = text("sort") or "id"
        return cls(
            year=number("year", int),
            region=text("region"),
            unit=text("unit"),
            kind=text("kind"),
            grade=text("grade"),
            severity=text("severity") if text("severity") in ("error", "warning", "info") else None,
            reviewed=text("reviewed") if text("reviewed") in ("yes", "no") else None,
            coverage_below=number("coverage_below", float),
            q=text("q"),
            sort=sort if sort in SORTS else "id",
            descending=text("dir") != "asc",
            page=max(1, number("page", int) or 1),
        )


@dataclass(frozen=True)
class ListPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(query: ListQuery) -> list[Any]:
    where: list[Any] = []
    if query.year is not None:
        where.append(_R.c.fiscal_year == query.year)
    if query.region:
        where.append(_R.c.region == query.region)
    if query.unit:
        where.append(_R.c.project_unit.like(_like(query.unit), escape="\\"))
    if query.kind:
        where.append(_R.c.kind == query.kind)
    if query.grade:
        if query.grade in GRADE_LEVELS:
            where.append(_R.c.grade_level == query.grade)
        else:
            where.append(_R.c.grade == query.grade)
    if query.q:
        pattern = _like(query.q)
        where.append(
            or_(_R.c.project_name.like(pattern, escape="\\"), _R.c.title.like(pattern, escape="\\"))
        )
    if query.severity:
        where.append(
            exists().where(_CHECKS.c.report_id == _R.c.id, _CHECKS.c.severity == query.severity)
        )
    if query.reviewed:
        reviewed = exists().where(
            _REVIEWS.c.sha256 == _D.c.sha256, _REVIEWS.c.unit_index == unit_column()
        )
        where.append(reviewed if query.reviewed == "yes" else ~reviewed)
    coverage = _R.c.get("coverage")
    if query.coverage_below is not None and coverage is not None:
        where.append(coverage < query.coverage_below)
    return where


def has_coverage() -> bool:
    return "coverage" in _R.c


def list_reports(conn: Connection, query: ListQuery, per_page: int) -> ListPage:
    """One page of the list and the number of reports the filters match."""
    base = select(_R.c.id).select_from(_R.join(_D, _D.c.id == _R.c.document_id))
    base = base.where(*_conditions(query))
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar_one()
    pages = max(1, -(-total // per_page))
    page = min(query.page, pages)
    key = SORTS[query.sort]
    ordered = base
    direction = key.desc() if query.descending else key.asc()
    tie = _R.c.id.desc() if query.descending else _R.c.id.asc()
    ids = list(
        conn.execute(
            ordered.order_by(direction.nulls_last(), tie)
            .limit(per_page)
            .offset((page - 1) * per_page)
        ).scalars()
    )
    return ListPage(rows=_details(conn, ids), total=total, page=page, pages=pages)


def _details(conn: Connection, ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    reports = {
        row.id: dict(row._mapping)
        for row in conn.execute(
            select(
                _R.c.id,
                _R.c.fiscal_year,
                _R.c.region,
                _R.c.project_name,
                _R.c.project_unit,
                _R.c.kind,
                _R.c.total_score,
                _R.c.grade,
                _D.c.sha256,
                unit_column().label("unit_index"),
                (_R.c.unit_of if "unit_of" in _R.c else literal(None)).label("unit_of"),
            )
            .join(_D, _D.c.id == _R.c.document_id)
            .where(_R.c.id.in_(ids))
        )
    }
    for row in conn.execute(select(_SUMMARY).where(_SUMMARY.c.report_id.in_(ids))):
        reports[row.report_id].update(dict(row._mapping))
    shas = {r["sha256"] for r in reports.values()}
    reviewed = {
        (row.sha256, row.unit_index)
        for row in conn.execute(
            select(_REVIEWS.c.sha256, _REVIEWS.c.unit_index).where(_REVIEWS.c.sha256.in_(shas))
        )
    }
    corrected: dict[tuple[str, int], int] = {}
    for row in conn.execute(
        select(_CORR.c.sha256, _CORR.c.unit_index, _CORR.c.status).where(
            _CORR.c.sha256.in_(shas), _CORR.c.status.in_(("active", "orphaned"))
        )
    ):
        corrected[(row.sha256, row.unit_index)] = corrected.get((row.sha256, row.unit_index), 0) + 1
    out = []
    for report_id in ids:
        row = reports[report_id]
        key = (row["sha256"], int(row["unit_index"] or 1))
        row["reviewed"] = key in reviewed
        row["corrections"] = corrected.get(key, 0)
        out.append(row)
    return out


def filter_choices(conn: Connection) -> dict[str, list[Any]]:
    """Distinct years, regions and kinds for the filter menus (indexed columns)."""
    return {
        "years": list(
            conn.execute(
                select(_R.c.fiscal_year)
                .where(_R.c.fiscal_year.is_not(None))
                .distinct()
                .order_by(_R.c.fiscal_year.desc())
            ).scalars()
        ),
        "regions": list(
            conn.execute(
                select(_R.c.region)
                .where(_R.c.region.is_not(None))
                .distinct()
                .order_by(_R.c.region)
                .limit(500)
            ).scalars()
        ),
        "kinds": list(
            conn.execute(
                select(_R.c.kind).where(_R.c.kind.is_not(None)).distinct().order_by(_R.c.kind)
            ).scalars()
        ),
    }
