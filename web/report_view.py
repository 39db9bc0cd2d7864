"""One stored report laid out as a person reads the form: header, funds, indicators…

Every value becomes a :class:`Value` carrying its field path (``funds[0].spent``), its
text as shown, whether a reviewer corrected or confirmed it, and whether it has a
recorded source. Money is shown in yuan with thousands separators, rates as percent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from jixiao.load.corrections import Correction, corrections_for, unit_column
from jixiao.load.field_values import MONEY, RATES
from jixiao.load.models import CHILD_TABLES, DocumentPathRow, DocumentRow, ReportRow
from jixiao.load.review_models import ReviewRow

HEADER_FIELDS = (
    "title",
    "kind",
    "region",
    "fiscal_year",
    "project_name",
    "project_unit",
    "supervising_dept",
    "evaluation_type",
    "evaluation_method",
    "evaluator",
    "report_date",
    "period_start",
    "period_end",
    "contact_person",
    "contact_phone",
    "total_score",
    "max_score",
    "grade",
    "evaluated_amount",
)
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "funds": (
        "label",
        "source",
        "planned",
        "budget",
        "received",
        "spent",
        "balance",
        "execution_rate",
        "weight",
        "score",
    ),
    "indicators": (
        "level1",
        "level2",
        "name",
        "target",
        "actual",
        "weight",
        "score",
        "deviation_reason",
    ),
    "goals": ("label", "expected", "actual", "achieved"),
    "expenditures": ("item", "amount", "contract_amount", "payee", "voucher", "note"),
    "evaluators": ("name", "title", "unit"),
}
LIST_TITLES = {
    "funds": "资金 Funds",
    "indicators": "绩效指标 Indicators",
    "goals": "绩效目标 Goals",
    "expenditures": "支出明细 Expenditures",
    "evaluators": "评价人员 Evaluators",
}
_R = ReportRow.__table__
_D = DocumentRow.__table__
_P = DocumentPathRow.__table__
_REVIEWS = ReviewRow.__table__


def show(column: str, value: Any) -> str:
    """A stored value as a reviewer reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if column in RATES:
            return f"{value * 100:.2f}%"
        if column in MONEY:
            return f"{value:,.2f}"
        return (
            format(value.normalize(), "f")
            if value != value.to_integral_value()
            else str(int(value))
        )
    return str(value)


@dataclass(frozen=True)
class Value:
    path: str
    column: str
    text: str
    has_source: bool
    correction: Correction | None

    @property
    def corrected(self) -> bool:
        return (
            self.correction is not None
            and self.correction.status == "active"
            and (self.correction.action != "confirm")
        )

    @property
    def confirmed(self) -> bool:
        c = self.correction
        return c is not None and c.status == "active" and c.action == "confirm"

    @property
    def orphaned(self) -> bool:
        return self.correction is not None and self.correction.status == "orphaned"


@dataclass(frozen=True)
class ReportView:
    id: int
    document_id: int
    sha256: str
    unit_index: int
    unit: str  # "report 2 of 5: 项目支出绩效自评表, pages 31-33"
    format: str | None
    path: str | None
    header: list[tuple[str, Value]]
    lists: dict[str, list[list[Value]]]
    sections: list[dict[str, Any]]
    checks: list[dict[str, Any]]
    corrections: dict[str, Correction]
    reviewed: Any
    provenance: dict[str, Any]  # field path → provenance dict

    def value(self, path: str) -> Value | None:
        for _, value in self.header:
            if value.path == path:
                return value
        for rows in self.lists.values():
            for row in rows:
                for value in row:
                    if value.path == path:
                        return value
        return None


def _prov(raw: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        import json

        raw = json.loads(raw)
    return raw if isinstance(raw, dict) else {}


def _unit_text(row: Any, unit: int) -> str:
    """Which part of its file the report is, as far as the row says."""
    text = f"report {unit}" + (f" of {row['unit_of']}" if row.get("unit_of") else "")
    details = [row.get("unit_title")]
    if row.get("unit_pages"):
        details.append(f"pages {row['unit_pages']}")
    if row.get("unit_tables"):
        details.append(f"tables {row['unit_tables']}")
    if row.get("unit_sheet"):
        details.append(f"sheet {row['unit_sheet']}")
    shown = [d for d in details if d]
    return text + (": " + ", ".join(shown) if shown else "")


def load_report(conn: Connection, report_id: int) -> ReportView | None:
    row = conn.execute(
        select(_R, _D.c.sha256, _D.c.format, unit_column().label("unit_index_"))
        .join(_D, _D.c.id == _R.c.document_id)
        .where(_R.c.id == report_id)
    ).first()
    if row is None:
        return None
    fixes = corrections_for(conn, report_id)
    provenance: dict[str, Any] = {}
    report_prov = _prov(row.provenance)
    header = []
    for name in HEADER_FIELDS:
        path = f"report.{name}"
        if report_prov.get(name):
            provenance[path] = report_prov[name]
        value = Value(
            path, name, show(name, getattr(row, name)), name in report_prov, fixes.get(path)
        )
        header.append((name, value))
    lists: dict[str, list[list[Value]]] = {}
    for list_name, columns in LIST_COLUMNS.items():
        table = CHILD_TABLES[list_name].__table__
        rows = conn.execute(
            select(table).where(table.c.report_id == report_id).order_by(table.c.ordinal)
        ).all()
        shown = []
        for child in rows:
            prov = _prov(child.provenance)
            values = []
            for name in columns:
                path = f"{list_name}[{child.ordinal}].{name}"
                if prov.get(name):
                    provenance[path] = prov[name]
                values.append(
                    Value(
                        path, name, show(name, getattr(child, name)), name in prov, fixes.get(path)
                    )
                )
            shown.append(values)
        lists[list_name] = shown
    sections_table = CHILD_TABLES["sections"].__table__
    sections = [
        dict(r._mapping)
        for r in conn.execute(
            select(sections_table.c.heading, sections_table.c.level, sections_table.c.text)
            .where(sections_table.c.report_id == report_id)
            .order_by(sections_table.c.ordinal)
        )
    ]
    checks_table = CHILD_TABLES["checks"].__table__
    checks = []
    for r in conn.execute(
        select(checks_table)
        .where(checks_table.c.report_id == report_id)
        .order_by(checks_table.c.ordinal)
    ):
        fields = r.fields
        if isinstance(fields, str):
            import json

            fields = json.loads(fields)
        checks.append(
            {
                "rule": r.rule,
                "severity": r.severity,
                "message": r.message,
                "fields": list(fields or []),
            }
        )
    unit = int(row.unit_index_ or 1)
    reviewed = conn.execute(
        select(_REVIEWS).where(_REVIEWS.c.sha256 == row.sha256, _REVIEWS.c.unit_index == unit)
    ).first()
    path = conn.execute(
        select(_P.c.path)
        .where(_P.c.document_id == row.document_id)
        .order_by(_P.c.last_seen.desc(), _P.c.id.desc())
        .limit(1)
    ).scalar()
    return ReportView(
        id=row.id,
        document_id=row.document_id,
        sha256=row.sha256,
        unit_index=unit,
        unit=_unit_text(row._mapping, unit),
        format=row.format,
        path=path,
        header=header,
        lists=lists,
        sections=sections,
        checks=checks,
        corrections=fixes,
        reviewed=reviewed,
        provenance=provenance,
    )
