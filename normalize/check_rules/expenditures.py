"""Checks on the itemised expenditures (项目支出明细): totals rows against their items,
and the expenditure total against the report's ``spent``.

Which items a total row sums is not written down anywhere: a 小计 covers its project
group, a 合计 the table (or everything since the previous 合计), a grand total may be
built from subtotals, and a PDF table continues over pages as several tables. A total
is reported only when *no* such reading makes it agree with the items.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.normalize.canonical import CanonicalReport, Check, Expenditure
from jixiao.normalize.check_rules.common import (
    ZERO,
    amount_tolerance,
    close,
    field_path,
    make_check,
    yuan,
)
from jixiao.normalize.check_rules.funds import total_spent
from jixiao.normalize.check_rules.options import CheckOptions


@dataclass(frozen=True)
class ExpenditureTotal:
    amount: Decimal
    fields: tuple[str, ...]
    terms: tuple[Decimal, ...]  # the printed numbers the total rests on
    stated: bool  # a total row as written, not a sum computed here


def check_expenditures(report: CanonicalReport, options: CheckOptions) -> Iterator[Check]:
    yield from _totals_vs_items(report.expenditures, options)
    yield from _total_vs_spent(report, options)


def _table_of(row: Expenditure) -> int | None:
    tables = sorted({p.table for p in row.provenance.values() if p.table is not None})
    return tables[0] if tables else None


def _has_amount(row: Expenditure) -> bool:
    return row.amount is not None


def _amount(row: Expenditure) -> Decimal:
    return row.amount if row.amount is not None else ZERO


def _items_between(
    rows: tuple[Expenditure, ...], start: int, stop: int, project: str | None
) -> tuple[int, ...]:
    return tuple(
        i
        for i in range(start, stop)
        if not rows[i].is_total
        and _has_amount(rows[i])
        and (project is None or rows[i].project == project)
    )


def _after_last(
    rows: tuple[Expenditure, ...], stop: int, match: Callable[[Expenditure], bool]
) -> int:
    """Index after the last total row before ``stop`` that ``match`` accepts (0 if none)."""
    for i in range(stop - 1, -1, -1):
        if rows[i].is_total and match(rows[i]):
            return i + 1
    return 0


def _any_total(row: Expenditure) -> bool:
    return True


def _grand_total(row: Expenditure) -> bool:
    """A total of everything above it, not of one group: no project, not a 小计."""
    return row.project is None and "小计" not in (row.item or "")


def _table_start(rows: tuple[Expenditure, ...], k: int) -> int | None:
    table = _table_of(rows[k])
    if table is None:
        return None
    start = k
    while start > 0 and _table_of(rows[start - 1]) == table:
        start -= 1
    return start


def _readings(rows: tuple[Expenditure, ...], k: int) -> list[tuple[int, ...]]:
    """Every plausible set of rows whose amounts the total row ``k`` sums."""
    project = rows[k].project
    starts = {
        _after_last(rows, k, _grand_total),  # since the previous grand total
        _after_last(rows, k, _any_total),  # since the previous total of any kind
        0,
    }
    if project is not None:  # since the previous subtotal of the same group
        starts.add(_after_last(rows, k, lambda row: row.project == project))
    table_start = _table_start(rows, k)
    if table_start is not None:
        starts.add(table_start)
    readings = [_items_between(rows, start, k, project) for start in sorted(starts)]
    if _grand_total(rows[k]):
        for start in sorted(starts):
            subtotals = [i for i in range(start, k) if rows[i].is_total and _has_amount(rows[i])]
            if subtotals:
                tail = _items_between(rows, subtotals[-1] + 1, k, None)
                readings.append((*subtotals, *tail))
    return [r for r in readings if r]


def _agrees(
    rows: tuple[Expenditure, ...], reading: tuple[int, ...], total: Decimal, options: CheckOptions
) -> bool:
    terms = [_amount(rows[i]) for i in reading]
    return close(sum(terms, ZERO), total, amount_tolerance([total, *terms], options))


def _totals_vs_items(rows: tuple[Expenditure, ...], options: CheckOptions) -> Iterator[Check]:
    for k, total_row in enumerate(rows):
        if not total_row.is_total or total_row.amount is None:
            continue
        total = total_row.amount
        main = _items_between(rows, _after_last(rows, k, _grand_total), k, total_row.project)
        if not main:
            continue
        if any(_agrees(rows, reading, total, options) for reading in _readings(rows, k)):
            continue
        item_sum = sum((_amount(rows[i]) for i in main), ZERO)
        label = total_row.item or "合计"
        yield make_check(
            "expenditure_total_mismatch",
            "error",
            f"支出明细 {len(main)} 项合计 {yuan(item_sum)} ≠ 「{label}」{yuan(total)}"
            f" (差 {yuan(abs(item_sum - total))})",
            field_path("expenditures", k, "amount"),
            *(field_path("expenditures", i, "amount") for i in main),
        )


def expenditure_total(rows: tuple[Expenditure, ...]) -> ExpenditureTotal | None:
    """The one total of all itemised spending: the single grand-total row (with no
    items after it), else the sum of the items when no row is a total. ``None`` when
    there are several tables' totals or only group subtotals."""
    items = [i for i, row in enumerate(rows) if not row.is_total]
    grand = [
        i for i, row in enumerate(rows) if row.is_total and _grand_total(row) and _has_amount(row)
    ]
    if grand:
        if len(grand) != 1 or any(i > grand[0] for i in items):
            return None
        # A total row speaks for its own table only: items in other tables (another
        # project's contract list) are not under it.
        if len({_table_of(row) for row in rows}) > 1:
            return None
        row = rows[grand[0]]
        return ExpenditureTotal(
            _amount(row), (field_path("expenditures", grand[0], "amount"),), (_amount(row),), True
        )
    if any(row.is_total and _has_amount(row) for row in rows):
        return None
    if not items or not all(_has_amount(rows[i]) for i in items):
        return None
    terms = tuple(_amount(rows[i]) for i in items)
    fields = tuple(field_path("expenditures", i, "amount") for i in items)
    return ExpenditureTotal(sum(terms, ZERO), fields, terms, False)


def _total_vs_spent(report: CanonicalReport, options: CheckOptions) -> Iterator[Check]:
    found = expenditure_total(report.expenditures)
    spent = total_spent(report.funds, options)
    if found is None or spent is None:
        return
    tolerance = amount_tolerance([*found.terms, spent.amount], options)
    if close(found.amount, spent.amount, tolerance):
        return
    what = "支出明细合计" if found.stated else "支出明细逐项合计"
    yield make_check(
        "expenditure_vs_spent",
        "error" if found.stated else "warning",
        f"{what} {yuan(found.amount)} ≠ {spent.description} {yuan(spent.amount)}"
        f" (差 {yuan(abs(found.amount - spent.amount))})",
        *found.fields,
        *spent.fields,
    )
