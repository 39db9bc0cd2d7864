"""Compare a project or a unit across fiscal years, and list self-assessments that their
own numbers do not support.

The money of one report is read from its ``funds`` rows: the row marked
``source = 'total'`` when there is one, else the sum of the rows that are not a
breakdown of another (``appropriation``/``carryover`` rows are 其中 lines of the total).
The rate shown is ``spent / budget`` (``planned`` where no budget is stated), falling
back to the rate the report states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from jixiao import frames

_SPACE = re.compile(r"\s+")
_BREAKDOWN_SOURCES = frozenset({"appropriation", "carryover", "total"})
_RATE_PLACES = Decimal("0.0001")

#: Check rules (ids from jixiao.normalize.check_rules) meaning "the score or grade is not
#: what the report's own numbers give".
CONSISTENCY_RULES = frozenset(
    {
        "grade_score_mismatch",  # grade outside the band of the total score
        "indicator_scores_vs_total",  # indicator scores do not add up to the total
        "indicator_weights_vs_max",  # indicator weights do not add up to full marks
        "missed_target_full_marks",  # a target missed, yet full marks
        "indicator_score_exceeds_weight",
        "fund_score_exceeds_weight",
    }
)


def is_consistency_rule(rule: str) -> bool:
    return rule in CONSISTENCY_RULES


@dataclass(frozen=True)
class YearRow:
    """One report in a comparison: a project's or unit's figures for one fiscal year."""

    report_id: int
    file: str | None
    project_name: str | None
    project_unit: str | None
    fiscal_year: int | None
    budget: Decimal | None
    spent: Decimal | None
    rate: Decimal | None
    total_score: Decimal | None
    grade: str | None
    checks: int


@dataclass(frozen=True)
class Inconsistency:
    report_id: int
    file: str | None
    project_name: str | None
    fiscal_year: int | None
    total_score: Decimal | None
    grade: str | None
    rule: str
    severity: str
    message: str


def squash(value: str | None) -> str:
    """Whitespace removed and case folded: how names are matched."""
    return _SPACE.sub("", value or "").casefold()


def compare_project(
    name: str, url: str | None = None, *, all_versions: bool = False
) -> list[YearRow]:
    """Reports whose project name contains ``name`` (whitespace-insensitive), by year.

    Each report once (its best copy) unless ``all_versions``."""
    return _compare("project_name", name, url, all_versions)


def compare_unit(unit: str, url: str | None = None, *, all_versions: bool = False) -> list[YearRow]:
    """Reports whose project unit contains ``unit`` (whitespace-insensitive), by year."""
    return _compare("project_unit", unit, url, all_versions)


def _counted(url: str | None, all_versions: bool) -> set[int] | None:
    return None if all_versions else frames.best_report_ids(url)


def _compare(column: str, needle: str, url: str | None, all_versions: bool) -> list[YearRow]:
    wanted = squash(needle)
    if not wanted:
        raise ValueError("give a non-empty name to compare")
    labels = frames.report_labels(url)
    counted = _counted(url, all_versions)
    ids = [
        rid
        for rid, label in labels.items()
        if wanted in squash(label[column]) and (counted is None or rid in counted)
    ]
    if not ids:
        return []
    funds = frames.funds(url, all_versions=True)
    rows = []
    for rid in ids:
        label = labels[rid]
        budget, spent, stated_rate = report_money(funds[funds.report_id == rid])
        rows.append(
            YearRow(
                report_id=rid,
                file=label["file"],
                project_name=label["project_name"],
                project_unit=label["project_unit"],
                fiscal_year=label["fiscal_year"],
                budget=budget,
                spent=spent,
                rate=execution_rate(budget, spent, stated_rate),
                total_score=label["total_score"],
                grade=label["grade"],
                checks=label["checks"],
            )
        )
    return sorted(rows, key=lambda r: (r.fiscal_year is None, r.fiscal_year or 0, r.report_id))


def report_money(
    funds: pd.DataFrame,
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(budget, spent, stated execution rate) of one report's ``funds`` rows (exact)."""
    if funds.empty:
        return None, None, None
    ordered = funds.sort_values("ordinal") if "ordinal" in funds.columns else funds
    totals = ordered[ordered.source == "total"]
    if not totals.empty:
        row = totals.iloc[0]
        budget = row.budget if row.budget is not None else row.planned
        return budget, row.spent, row.execution_rate
    parts = ordered[~ordered.source.isin(_BREAKDOWN_SOURCES)]
    budgets = [b if b is not None else p for b, p in zip(parts.budget, parts.planned, strict=True)]
    return _sum(budgets), _sum(parts.spent), None


def execution_rate(
    budget: Decimal | None, spent: Decimal | None, stated: Decimal | None
) -> Decimal | None:
    if budget is not None and spent is not None and budget != 0:
        return (spent / budget).quantize(_RATE_PLACES)
    return stated


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def consistency(url: str | None = None, *, all_versions: bool = False) -> list[Inconsistency]:
    """Every check saying a report's score or grade is not supported by its own numbers.

    One line per report, not per copy of it (the DOCX, its PDF and its scan are one
    report) unless ``all_versions``."""
    checks = frames.checks(url, all_versions=all_versions)
    if checks.empty:
        return []
    flagged = checks[[is_consistency_rule(r) for r in checks.rule]]
    if flagged.empty:
        return []
    labels = frames.report_labels(url, sorted({int(r) for r in flagged.report_id}))
    out = []
    for row in flagged.itertuples(index=False):
        label = labels.get(int(row.report_id), {})
        out.append(
            Inconsistency(
                report_id=int(row.report_id),
                file=label.get("file"),
                project_name=label.get("project_name"),
                fiscal_year=label.get("fiscal_year"),
                total_score=label.get("total_score"),
                grade=label.get("grade"),
                rule=row.rule,
                severity=row.severity,
                message=row.message,
            )
        )
    severity_order = {"error": 0, "warning": 1, "info": 2}
    return sorted(
        out,
        key=lambda i: (severity_order.get(i.severity, 3), i.fiscal_year or 0, i.report_id, i.rule),
    )
