"""Invariants every extracted sample must satisfy, whatever its layout.

Cheap and general: they catch what golden files miss. Where a document's own numbers
break an identity (a real report may), the matching audit check must say so; the
invariant is "the arithmetic holds, or a check reports that it does not".
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
from sample_reports import extracted_reports, sample_files

from jixiao.normalize.canonical import CanonicalReport
from jixiao.normalize.serialize import canonical_to_json_obj
from jixiao.normalize.text import is_blank

MONEY = ("planned", "budget", "received", "spent", "balance")
TOLERANCE = Decimal("100")  # 0.01 万元: the precision most forms print


def reports() -> list[tuple[Path, CanonicalReport]]:
    """Every report of every sample (a bundle holds several: each is checked alone)."""
    return [(sample, report) for sample in sample_files() for report in extracted_reports(sample)]


REPORTS = reports()
IDS = [
    p.name if r.unit is None or r.unit.of == 1 else f"{p.name}#{r.unit.index}" for p, r in REPORTS
]


def rules(report: CanonicalReport) -> set[str]:
    return {c.rule for c in report.checks}


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_every_indicator_has_a_real_name(sample: Path, report: CanonicalReport) -> None:
    for indicator in report.indicators:
        assert indicator.name and not is_blank(indicator.name), indicator
        assert indicator.name not in {indicator.level1, indicator.level2}


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_scores_within_weights_or_flagged(sample: Path, report: CanonicalReport) -> None:
    over = [
        i
        for i in report.indicators
        if i.score is not None and i.weight is not None and i.score > i.weight
    ]
    assert not over or "indicator_score_exceeds_weight" in rules(report)


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_every_fund_row_has_a_value_and_balance_holds_or_is_flagged(
    sample: Path, report: CanonicalReport
) -> None:
    for fund in report.funds:
        assert any(getattr(fund, m) is not None for m in (*MONEY, "execution_rate", "score")), fund
        assert all(getattr(fund, m) is None or getattr(fund, m) >= 0 for m in MONEY), fund
        if None not in (fund.balance, fund.received, fund.spent):
            holds = abs(fund.received - fund.spent - fund.balance) <= TOLERANCE
            assert holds or "balance_mismatch" in rules(report), fund


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_expenditure_items_add_up_to_their_total_or_are_flagged(
    sample: Path, report: CanonicalReport
) -> None:
    items = [e for e in report.expenditures if not e.is_total and e.amount is not None]
    totals = [e for e in report.expenditures if e.is_total and e.amount is not None]
    if len(totals) == 1 and items and all(e.project is None for e in report.expenditures):
        holds = abs(sum(e.amount for e in items) - totals[0].amount) <= TOLERANCE
        assert holds or "expenditure_total_mismatch" in rules(report)


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_every_value_says_where_it_came_from(sample: Path, report: CanonicalReport) -> None:
    records = [report.report, *report.funds, *report.expenditures, *report.indicators]
    records += [*report.goals, *report.evaluators]
    for record in records:
        for f in fields(record):
            if f.name in ("provenance", "source", "is_total", "grade_level", "kind"):
                continue
            if getattr(record, f.name) is not None and f.name not in record.provenance:
                if f.name in ("label", "region", "fiscal_year", "project_name", "unit"):
                    continue  # derived from other fields that carry provenance
                pytest.fail(f"{sample.name}: {type(record).__name__}.{f.name} has no provenance")


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_json_money_has_at_most_two_decimals(sample: Path, report: CanonicalReport) -> None:
    obj = canonical_to_json_obj(report)
    for fund in obj["funds"]:
        for m in MONEY:
            value = fund[m]
            if value is not None:
                assert round(value, 2) == value


@pytest.mark.parametrize(("sample", "report"), REPORTS, ids=IDS)
def test_grade_level_follows_grade(sample: Path, report: CanonicalReport) -> None:
    r = report.report
    assert (r.grade is None) == (r.grade_level is None)
