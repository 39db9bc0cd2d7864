"""The canonical report (see CANONICAL.md in the README): the contract with users.

Field names are fixed by the contract; fields may be added, never renamed. Money is
``Decimal`` yuan; rates are ``Decimal`` fractions; dates are ISO strings (``2019-01-24``
or ``2018-01`` for a month). Missing is ``None``.

Each record carries ``provenance``: a mapping from a field name to the
:class:`~jixiao.extract.model.Provenance` of the text it was read from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from jixiao.extract.model import Provenance

SCHEMA_VERSION = 1

ProvenanceMap = Mapping[str, Provenance]


def _no_provenance() -> ProvenanceMap:
    return MappingProxyType({})


@dataclass(frozen=True)
class Report:
    title: str | None = None
    kind: str | None = None  # self_evaluation | evaluation | basic_info | evaluation_result
    region: str | None = None
    fiscal_year: int | None = None
    project_name: str | None = None
    project_unit: str | None = None
    supervising_dept: str | None = None
    evaluation_type: str | None = None
    evaluation_method: str | None = None
    evaluator: str | None = None
    report_date: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    total_score: Decimal | None = None
    max_score: Decimal | None = None
    grade: str | None = None
    grade_level: str | None = None  # excellent | good | fair | poor
    # additions beyond the contract's minimum
    project_address: str | None = None
    postal_code: str | None = None
    evaluated_amount: Decimal | None = None  # 评价金额, yuan
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Fund:
    label: str
    source: str | None = (
        None  # total central provincial municipal county other appropriation carryover
    )
    planned: Decimal | None = None
    budget: Decimal | None = None
    received: Decimal | None = None
    spent: Decimal | None = None
    balance: Decimal | None = None
    execution_rate: Decimal | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    year: int | None = None  # a 年度 column, where the table has one
    document_no: str | None = None  # 指标文号
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Expenditure:
    item: str | None = None
    amount: Decimal | None = None
    voucher: str | None = None
    note: str | None = None
    payee: str | None = None
    contract_amount: Decimal | None = None
    project: str | None = None  # the group a row belongs to (a merged 项目名称 cell)
    is_total: bool = False  # a 合计 / 小计 / 支出合计 row: kept, marked, never summed
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Goal:
    expected: str | None = None
    actual: str | None = None
    achieved: bool | None = None
    label: str | None = None  # 年度总体目标, 预期阶段性目标 …
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Indicator:
    name: str
    level1: str | None = None
    level2: str | None = None
    formula: str | None = None
    target: str | None = None
    actual: str | None = None
    target_value: Decimal | None = None
    actual_value: Decimal | None = None
    unit: str | None = None
    comparator: str | None = None  # >= <= = > <
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    is_key: bool | None = None  # ★ / 是否核心指标
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Evaluator:
    name: str
    title: str | None = None
    unit: str | None = None
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Section:
    heading: str
    level: int
    text: str | None = None
    topic: str | None = None  # overview funds goals conclusion problems suggestions other
    provenance: ProvenanceMap = field(default_factory=_no_provenance)


@dataclass(frozen=True)
class Check:
    rule: str
    severity: str  # error | warning | info
    message: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    file: str
    sha256: str
    format: str
    pages: int | None = None
    size: int | None = None


@dataclass(frozen=True)
class ReportUnit:
    """Which part of its file a report came from (a file holds 0..N reports).

    ``index`` is 1-based among the file's ``of`` reports; ``pages`` (first, last) for
    a paged source, ``tables`` (table indexes) for DOCX, ``sheet`` for a spreadsheet.
    """

    index: int
    of: int
    title: str | None = None
    pages: tuple[int, int] | None = None
    tables: tuple[int, ...] | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class Coverage:
    """How much of a report's table content was read (issue 10 computes it)."""

    tables_rows_read: int
    rows_unread: int
    rows_furniture: int
    coverage: Decimal | None = None  # fraction of content rows read


@dataclass(frozen=True)
class CanonicalReport:
    source: Source
    report: Report
    funds: tuple[Fund, ...] = ()
    expenditures: tuple[Expenditure, ...] = ()
    goals: tuple[Goal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    evaluators: tuple[Evaluator, ...] = ()
    sections: tuple[Section, ...] = ()
    checks: tuple[Check, ...] = ()
    schema_version: int = SCHEMA_VERSION
    unit: ReportUnit | None = None
    coverage: Coverage | None = None
