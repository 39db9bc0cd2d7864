"""Stage 2: the neutral document model → the canonical report (CANONICAL.md).

:func:`normalize` reads every table region (funds, indicators, expenditures, goals,
evaluators), every key–value pair of the forms and the prose, then runs the audit
checks. Chinese labels become canonical fields only through the label dictionary
(:mod:`jixiao.normalize.labels`), which users extend with their own YAML files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from jixiao.errors import NotAReportError
from jixiao.extract.model import Document
from jixiao.normalize.amounts import unit_in
from jixiao.normalize.canonical import (
    CanonicalReport,
    Check,
    Evaluator,
    Expenditure,
    Fund,
    Goal,
    Indicator,
    Report,
    Source,
)
from jixiao.normalize.checks import CheckOptions, run_checks
from jixiao.normalize.coverage import (
    TableRows,
    coverage_checks,
    provenances,
    read_positions,
    report_coverage,
    soften_errors,
    table_rows,
)
from jixiao.normalize.derived import derive
from jixiao.normalize.evaluators import evaluators_from_region
from jixiao.normalize.expenditures import expenditures_from_region
from jixiao.normalize.fund_sources import funds_by_source_columns
from jixiao.normalize.funds import funds_from_pairs, funds_from_region
from jixiao.normalize.goals import goals_from_pairs, goals_from_region
from jixiao.normalize.indicators import ScoreTotals, indicators_from_region, is_placeholder_row
from jixiao.normalize.keyvalues import Pair, paragraph_pairs, table_pairs
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.own_level import resolve_own_level
from jixiao.normalize.prose import (
    Found,
    all_titles,
    find_title,
    prose_grade,
    prose_score,
    report_kind,
    signature,
)
from jixiao.normalize.regions import Region, find_regions
from jixiao.normalize.report_fields import ReportBuilder, offer_pairs
from jixiao.normalize.sections import sections_of
from jixiao.normalize.tables import TableInfo, table_infos

__all__ = ["NormalizeOptions", "normalize", "normalize_units"]


@dataclass(frozen=True)
class NormalizeOptions:
    labels: LabelDictionary | None = None
    checks: CheckOptions | None = None


@dataclass
class _Collected:
    funds: list[Fund] = field(default_factory=list)
    expenditures: list[Expenditure] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    evaluators: list[Evaluator] = field(default_factory=list)
    totals: list[ScoreTotals] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    unstated_units: list[int] = field(default_factory=list)
    furniture: set[tuple[int, int]] = field(default_factory=set)  # (table, row)
    tables: list[TableInfo] = field(default_factory=list)
    signature: tuple[Found | None, Found | None] = (None, None)


def normalize_units(
    doc: Document, options: NormalizeOptions | None = None
) -> tuple[CanonicalReport, ...]:
    """One canonical report per report unit of ``doc`` (see :mod:`.segment`).

    Raises NotAReportError when the document holds no performance report. Each unit is
    normalised on its own blocks only, so its checks never mix two reports.
    """
    from jixiao.normalize.units import reports_of

    options = options or NormalizeOptions()
    labels = options.labels or LabelDictionary.default()
    normalize_options = replace(options, labels=labels)
    try:
        return reports_of(
            doc,
            labels,
            lambda part: normalize(part, normalize_options),
            lambda report: _with_checks(report, run_checks(report, options.checks)),
        )
    finally:
        labels.flush_memo()  # once per document: what the next worker need not score


def normalize(doc: Document, options: NormalizeOptions | None = None) -> CanonicalReport:
    """The canonical report of ``doc``; raises NotAReportError when it holds none."""
    options = options or NormalizeOptions()
    labels = options.labels or LabelDictionary.default()
    got = _Collected()
    for info in table_infos(doc):
        got.tables.append(info)
        _read_table(info, labels, got)
    got.pairs.extend(paragraph_pairs(doc, labels))
    got.signature = signature(doc.blocks)
    report = _report(doc, got)
    not_narrative = frozenset(f.provenance for f in got.signature if f is not None)
    goals = got.goals + goals_from_pairs(got.pairs)
    funds = got.funds
    if not any(f.source == "total" for f in funds):
        funds = [*funds_from_pairs(got.pairs, labels), *funds]
    funds = resolve_own_level(funds, report.project_unit, report.supervising_dept)
    canonical = CanonicalReport(
        source=Source(
            file=doc.source.path,
            sha256=doc.source.sha256,
            format=doc.source.format,
            pages=doc.source.pages,
            size=doc.source.size,
        ),
        report=report,
        funds=tuple(funds),
        expenditures=tuple(got.expenditures),
        goals=tuple(goals),
        indicators=tuple(got.indicators),
        evaluators=tuple(got.evaluators),
        sections=tuple(sections_of(doc.blocks, report.title, labels=labels, exclude=not_narrative)),
    )
    rows = _table_rows(canonical, got, labels)
    _require_report(canonical, doc)
    notes = tuple(_extraction_checks(doc, got)) + tuple(coverage_checks(rows))
    found = soften_errors(canonical, run_checks(canonical, options.checks), rows)
    canonical = replace(canonical, coverage=report_coverage(rows))
    return _with_checks(canonical, notes + found)


def _table_rows(
    canonical: CanonicalReport, got: _Collected, labels: LabelDictionary
) -> list[TableRows]:
    """Every table's rows classified read / furniture / unread (see coverage.py)."""
    records = (
        canonical.report,
        *canonical.funds,
        *canonical.expenditures,
        *canonical.goals,
        *canonical.indicators,
        *canonical.evaluators,
        *canonical.sections,  # narrative rows of a table are read as sections
    )
    provs = list(provenances(records))
    for pair in got.pairs:
        provs.append(pair.provenance)
        for cell in (pair.label_cell, pair.value_cell):
            if cell is not None:
                provs.append(cell.provenance)
    for totals in got.totals:
        provs.extend(totals.provenance.values())
    read = read_positions(provs)
    furniture = frozenset(got.furniture)
    return [table_rows(info.table, labels, read, furniture) for info in got.tables]


def _read_table(info: TableInfo, labels: LabelDictionary, got: _Collected) -> None:
    by_source, consumed = funds_by_source_columns(info, labels, set())
    got.funds.extend(by_source)
    for region in find_regions(info.table, labels, frozenset(consumed)):
        consumed.update(region.header_rows)
        consumed.update(region.data_rows)
        got.furniture.update((info.table.index, row) for row in region.header_rows)
        if region.context == "fund_column":
            funds = funds_from_region(region, info, labels)
            got.funds.extend(funds)
            if funds and info.unit is None and not _unit_in_region(region):
                got.unstated_units.append(info.table.index)
        elif region.context == "indicator_column":
            indicators, totals = indicators_from_region(region)
            got.furniture.update(
                (info.table.index, row)
                for row in region.data_rows
                if is_placeholder_row(region, row)
            )
            got.indicators.extend(indicators)
            if totals is not None:
                got.totals.append(totals)
        elif region.context == "expenditure_column":
            got.expenditures.extend(expenditures_from_region(region, info))
        elif region.context == "goal_column":
            got.goals.extend(goals_from_region(region))
        elif region.context == "evaluator_column":
            got.evaluators.extend(evaluators_from_region(region))
    got.pairs.extend(table_pairs(info.table, labels, consumed, info.unit))


def _unit_in_region(region: Region) -> bool:
    texts = [c.text for c in region.header_cells.values()] + [c.text for c in region.block_cells]
    return any(unit_in(t) for t in texts)


def _report(doc: Document, got: _Collected) -> Report:
    builder = ReportBuilder()
    offer_pairs(builder, got.pairs)
    for totals in got.totals:
        for name in ("total_score", "max_score"):
            value = getattr(totals, name)
            if value is not None:
                builder.offer(name, value, totals.provenance[name])
    title = find_title(doc.blocks)
    if title is not None:
        builder.offer("title", title.value, title.provenance)
    titles = all_titles(doc.blocks)
    kind = report_kind(titles)
    if kind:
        builder.offer("kind", kind, title.provenance if title else doc.blocks[0].provenance)
    score = prose_score(doc.blocks)
    if score is not None:
        builder.offer("total_score", score.value, score.provenance)
    grade = prose_grade(doc.blocks)
    if grade is not None:
        builder.offer("grade", grade.value, grade.provenance)
    signer, signed_on = got.signature
    if signer is not None:
        builder.offer("evaluator", signer.value, signer.provenance)
    if signed_on is not None:
        builder.offer("report_date", signed_on.value, signed_on.provenance)
    derive(builder, doc, got.evaluators)
    return builder.build()


def _require_report(canonical: CanonicalReport, doc: Document) -> None:
    """Refuse only a document with no performance content at all.

    Values read, or a title/heading naming a performance report (``…绩效自评报告``,
    ``项目支出绩效自评表``), make a report: one whose tables could not be mapped is
    still emitted, and its ``rows_unread`` checks say which tables went unread.
    """
    r = canonical.report
    if any(
        (
            r.project_name,
            r.total_score,
            r.grade,
            canonical.funds,
            canonical.indicators,
            canonical.goals,
        )
    ):
        return
    if any("绩效" in title for title in (r.title or "", *all_titles(doc.blocks))):
        return
    raise NotAReportError(
        "no performance report in this document (no 项目名称, funds, indicators, goals, "
        "score or grade; or a layout the label dictionary does not know)"
    )


def _extraction_checks(doc: Document, got: _Collected) -> list[Check]:
    checks = [
        Check(rule=note.code, severity="warning", message=note.message, fields=())
        for note in doc.notes
    ]
    for index in got.unstated_units:
        checks.append(
            Check(
                rule="amount_unit_not_stated",
                severity="info",
                message=f"表格 {index} 未注明金额单位，按元读取 (no money unit stated; read as yuan)",
                fields=("funds",),
            )
        )
    return checks


def _with_checks(canonical: CanonicalReport, checks: tuple[Check, ...]) -> CanonicalReport:
    return replace(canonical, checks=checks)
