"""Checks on the funds table: each row's own arithmetic, parts against the total row,
and low budget execution.

Row arithmetic accepts any of the usual bases before it complains (a 结余 may be
到位 − 支出 in one template and 预算 − 支出 in another): a rule fires only when no
reading the report could have meant makes the numbers agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.normalize.canonical import Check, Fund
from jixiao.normalize.check_rules.common import (
    ZERO,
    amount_tolerance,
    close,
    field_path,
    make_check,
    number,
    percent,
    rate_half_unit,
    rounding_quantum,
    yuan,
)
from jixiao.normalize.check_rules.options import CheckOptions

AMOUNT_FIELDS: tuple[str, ...] = ("planned", "budget", "received", "spent", "balance")
FIELD_LABELS: dict[str, str] = {
    "planned": "计划安排资金",
    "budget": "全年预算数",
    "received": "实际到位资金",
    "spent": "实际支出",
    "balance": "结余",
}
# Families of sources that partition a total: by level of government, or (national
# 自评表) by kind of money. ``other`` belongs to both. Rows of one table mixing the
# families overlap (当年财政拨款 includes 市财政), so they are never summed.
_DISJOINT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"central", "provincial", "municipal", "county", "other"}),
    frozenset({"appropriation", "carryover", "other"}),
)
# Bases a balance or an execution rate may have been computed from, preferred first.
_BALANCE_BASES: tuple[str, ...] = ("received", "budget", "planned")
_RATE_BASES: tuple[str, ...] = ("budget", "planned", "received")


@dataclass(frozen=True)
class SpentTotal:
    """The report's total spending and where it was read from."""

    amount: Decimal
    fields: tuple[str, ...]
    description: str


def headline_fund(funds: tuple[Fund, ...]) -> int | None:
    """Index of the row holding the project's totals: the one ``total`` row, or the
    only row. ``None`` when it cannot be told (several total rows, or several rows
    and none a total)."""
    totals = [i for i, f in enumerate(funds) if f.source == "total"]
    if len(totals) == 1:
        return totals[0]
    if not totals and len(funds) == 1:
        return 0
    return None


def _is_disjoint(sources: list[str | None]) -> bool:
    if not sources or None in sources or len(set(sources)) != len(sources):
        return False
    return any(set(sources) <= family for family in _DISJOINT_FAMILIES)


def total_spent(funds: tuple[Fund, ...], options: CheckOptions) -> SpentTotal | None:
    """The report's total ``spent``, or ``None`` if it cannot be bound unambiguously."""
    head = headline_fund(funds)
    if head is not None:
        spent = funds[head].spent
        if spent is None:
            return None
        return SpentTotal(spent, (field_path("funds", head, "spent"),), "实际支出")
    if any(f.source == "total" for f in funds):
        return None
    if not _is_disjoint([f.source for f in funds]) or any(f.spent is None for f in funds):
        return None
    amounts = [f.spent for f in funds if f.spent is not None]
    paths = tuple(field_path("funds", i, "spent") for i in range(len(funds)))
    return SpentTotal(sum(amounts, ZERO), paths, "各来源实际支出之和")


def check_funds(funds: tuple[Fund, ...], options: CheckOptions) -> Iterator[Check]:
    for i, fund in enumerate(funds):
        yield from _spent_vs_received(i, fund, options)
        yield from _spent_vs_budget(i, fund, options)
        yield from _balance(i, fund, options)
        yield from _execution_rate(i, fund, options)
        yield from _score_vs_weight(i, fund, options)
    yield from _parts_vs_total(funds, options)
    yield from _low_execution(funds, options)


def _spent_above(
    i: int, fund: Fund, options: CheckOptions, *, rule: str, base: str, label: str, rate: bool
) -> Iterator[Check]:
    """``spent`` above the fund's ``base`` amount (beyond rounding)."""
    spent, amount = fund.spent, getattr(fund, base)
    if spent is None or amount is None or (rate and amount == 0):
        return
    if spent - amount > amount_tolerance([spent, amount], options):
        executed = f"，执行率 {spent / amount:.2%}" if rate else ""
        yield make_check(
            rule,
            "warning",
            f"「{fund.label}」实际支出 {yuan(spent)} > {label} {yuan(amount)}"
            f" (超出 {yuan(spent - amount)}{executed})",
            field_path("funds", i, "spent"),
            field_path("funds", i, base),
        )


def _spent_vs_received(i: int, fund: Fund, options: CheckOptions) -> Iterator[Check]:
    yield from _spent_above(
        i,
        fund,
        options,
        rule="spent_exceeds_received",
        base="received",
        label="实际到位资金",
        rate=False,
    )


def _spent_vs_budget(i: int, fund: Fund, options: CheckOptions) -> Iterator[Check]:
    """Spending above the (adjusted) budget, or above the plan where no budget is given."""
    base, label = ("budget", "全年预算数") if fund.budget is not None else ("planned", "计划数")
    yield from _spent_above(
        i, fund, options, rule="spent_exceeds_budget", base=base, label=label, rate=True
    )


def _balance(i: int, fund: Fund, options: CheckOptions) -> Iterator[Check]:
    balance, spent = fund.balance, fund.spent
    if balance is None or spent is None:
        return
    bases = [(name, getattr(fund, name)) for name in _BALANCE_BASES]
    bases = [(name, value) for name, value in bases if value is not None]
    if not bases:
        return
    for _, base in bases:
        if close(balance, base - spent, amount_tolerance([balance, base, spent], options)):
            return
    name, base = bases[0]
    expected = base - spent
    yield make_check(
        "balance_mismatch",
        "error",
        f"「{fund.label}」结余 {yuan(balance)} ≠ {FIELD_LABELS[name]} {yuan(base)}"
        f" − 实际支出 {yuan(spent)} = {yuan(expected)} (差 {yuan(abs(balance - expected))})",
        field_path("funds", i, "balance"),
        field_path("funds", i, name),
        field_path("funds", i, "spent"),
    )


def _rate_tolerance(rate: Decimal, spent: Decimal, base: Decimal, options: CheckOptions) -> Decimal:
    """Printed precision of the rate + the rounding of spent and base, propagated
    through the division, + the configured slack."""
    half_quantum = rounding_quantum([spent, base], options.max_rounding_quantum) / 2
    propagated = half_quantum * (1 + abs(spent / base)) / abs(base)
    return rate_half_unit(rate) + propagated + options.rate_tolerance


def _execution_rate(i: int, fund: Fund, options: CheckOptions) -> Iterator[Check]:
    rate, spent = fund.execution_rate, fund.spent
    if rate is None or spent is None:
        return
    bases = [(name, getattr(fund, name)) for name in _RATE_BASES]
    bases = [(name, value) for name, value in bases if value is not None and value != 0]
    if not bases:
        return
    for _, base in bases:
        if close(rate, spent / base, _rate_tolerance(rate, spent, base, options)):
            return
    name, base = bases[0]
    yield make_check(
        "execution_rate_mismatch",
        "error",
        f"「{fund.label}」执行率 {percent(rate)} ≠ 实际支出 {yuan(spent)} / "
        f"{FIELD_LABELS[name]} {yuan(base)} = {percent(spent / base)}",
        field_path("funds", i, "execution_rate"),
        field_path("funds", i, "spent"),
        field_path("funds", i, name),
    )


def _score_vs_weight(i: int, fund: Fund, options: CheckOptions) -> Iterator[Check]:
    if fund.score is None or fund.weight is None:
        return
    if fund.score - fund.weight > options.score_tolerance:
        yield make_check(
            "fund_score_exceeds_weight",
            "error",
            f"「{fund.label}」得分 {number(fund.score)} > 分值 {number(fund.weight)}",
            field_path("funds", i, "score"),
            field_path("funds", i, "weight"),
        )


def _table_key(fund: Fund) -> tuple[int | None, int | None]:
    """Rows are compared only with rows of the same table and the same year."""
    tables = sorted({p.table for p in fund.provenance.values() if p.table is not None})
    return (tables[0] if tables else None, fund.year)


def _parts_vs_total(funds: tuple[Fund, ...], options: CheckOptions) -> Iterator[Check]:
    groups: dict[tuple[int | None, int | None], list[int]] = {}
    for i, fund in enumerate(funds):
        groups.setdefault(_table_key(fund), []).append(i)
    for members in groups.values():
        totals = [i for i in members if funds[i].source == "total"]
        parts = [i for i in members if funds[i].source != "total"]
        if len(totals) != 1 or not parts or not _is_disjoint([funds[i].source for i in parts]):
            continue
        yield from _compare_parts(funds, totals[0], parts, options)


def _compare_parts(
    funds: tuple[Fund, ...], total_index: int, parts: list[int], options: CheckOptions
) -> Iterator[Check]:
    total_row = funds[total_index]
    names = " + ".join(funds[i].label for i in parts)
    for name in AMOUNT_FIELDS:
        total = getattr(total_row, name)
        values = [getattr(funds[i], name) for i in parts]
        if total is None or any(v is None for v in values):
            continue
        part_sum = sum((v for v in values if v is not None), ZERO)
        tolerance = amount_tolerance([total, *[v for v in values if v is not None]], options)
        if close(part_sum, total, tolerance):
            continue
        rule, severity = (
            ("fund_parts_exceed_total", "error")
            if part_sum > total
            else ("fund_parts_mismatch", "warning")
        )
        yield make_check(
            rule,
            severity,
            f"{FIELD_LABELS[name]}: 各来源 ({names}) 合计 {yuan(part_sum)} ≠ "
            f"「{total_row.label}」{yuan(total)} (差 {yuan(abs(part_sum - total))})",
            field_path("funds", total_index, name),
            *(field_path("funds", i, name) for i in parts),
        )


def _effective_rate(fund: Fund) -> tuple[Decimal, str] | None:
    """The stated execution rate, else spent over budget (or planned)."""
    if fund.execution_rate is not None:
        return fund.execution_rate, "execution_rate"
    if fund.spent is None:
        return None
    for name in ("budget", "planned"):
        base = getattr(fund, name)
        if base is not None and base > 0:
            return fund.spent / base, "spent"
    return None


def _low_execution(funds: tuple[Fund, ...], options: CheckOptions) -> Iterator[Check]:
    """The headline row (warning) and rows that are named items, e.g. the projects of
    a multi-project table (info). Rows by source repeat the headline: skipped."""
    head = headline_fund(funds)
    threshold = options.low_execution_threshold
    for i, fund in enumerate(funds):
        if i != head and fund.source is not None:
            continue
        found = _effective_rate(fund)
        if found is None or found[0] >= threshold:
            continue
        rate, source_field = found
        how = "" if source_field == "execution_rate" else " (按实际支出/预算计算)"
        yield make_check(
            "low_execution",
            "warning" if i == head else "info",
            f"「{fund.label}」执行率 {percent(rate)}{how} 低于 {percent(threshold)}",
            field_path("funds", i, source_field),
        )
