"""Evaluation-result notices (财政评价结果公告): one report per project row.

A notice lists projects with their score and grade (optionally the amount evaluated
and the unit) in one table. Each row becomes a canonical report of kind
``evaluation_result`` carrying the notice's title, region, fiscal year and date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from types import MappingProxyType

from jixiao.extract.model import Document, Heading, Paragraph, Provenance, Table
from jixiao.normalize.amounts import parse_amount, unit_in
from jixiao.normalize.canonical import CanonicalReport, Report, ReportUnit, Source
from jixiao.normalize.dates import parse_date
from jixiao.normalize.grades import find_grade, grade_level
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.numbers import parse_number
from jixiao.normalize.prose import most_common_fiscal_year, region_of, year_of_title
from jixiao.normalize.relevance import Mark, list_columns
from jixiao.normalize.tables import table_infos
from jixiao.normalize.text import clean_name

KIND = "evaluation_result"
_TOTAL_ROW = re.compile(r"^(合计|小计|总计|平均|平均分)$")
_DATE_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*$")


def results_reports(
    doc: Document, labels: LabelDictionary, marks: Sequence[Mark | None]
) -> tuple[CanonicalReport, ...]:
    """One report per project row of the document's results tables; () when none."""
    tables = [
        (b, m)
        for b, m in zip(doc.blocks, marks, strict=True)
        if isinstance(b, Table) and m is not None and m.kind == "results"
    ]
    if not tables:
        return ()
    title = _notice_title(doc, marks)
    text = doc.plain_text()
    year = (year_of_title(title.value) if title else None) or most_common_fiscal_year(text)
    region = _region(doc, title)
    date = _notice_date(doc)
    units = {info.table.index: info.unit for info in table_infos(doc)}
    source = Source(
        file=doc.source.path,
        sha256=doc.source.sha256,
        format=doc.source.format,
        pages=doc.source.pages,
        size=doc.source.size,
    )
    rows: list[Report] = []
    wheres: list[Provenance] = []
    for table, _ in tables:
        columns = list_columns(table, labels)
        if columns is None:
            continue
        header = columns.pop("header")
        amount_unit = None
        if "amount" in columns:
            amount_unit = unit_in(table.row_texts(header)[columns["amount"]])
            amount_unit = amount_unit or units.get(table.index)
        for r in range(header + 1, table.n_rows):
            report = _row_report(table, r, columns, amount_unit)
            if report is None:
                continue
            common = {
                "title": title.value if title else None,
                "region": region,
                "fiscal_year": year,
                "report_date": date.value if date else None,
            }
            provenance = dict(report.provenance)
            if title:
                provenance["title"] = title.provenance
            if date:
                provenance["report_date"] = date.provenance
            rows.append(_with(report, common, provenance))
            wheres.append(table.cell_at(r, columns["project_name"]).provenance)  # type: ignore[union-attr]
    total = len(rows)
    return tuple(
        CanonicalReport(
            source=source,
            report=report,
            unit=_unit(n, total, report.project_name, where),
        )
        for n, (report, where) in enumerate(zip(rows, wheres, strict=True), start=1)
    )


def _row_report(
    table: Table, row: int, columns: dict[str, int], amount_unit: str | None
) -> Report | None:
    def cell(field: str) -> tuple[str, Provenance] | None:
        if field not in columns:
            return None
        found = table.cell_at(row, columns[field])
        if found is None or found.row != row and found.row_span == 1:
            return None
        text = clean_name(found.text)
        return (text, found.provenance) if text else None

    name = cell("project_name")
    score = cell("score")
    if name is None or _TOTAL_ROW.match(name[0]) or score is None:
        return None
    value = parse_number(score[0])
    if value is None:
        return None
    fields: dict[str, object] = {"project_name": name[0], "total_score": value}
    provenance: dict[str, Provenance] = {"project_name": name[1], "total_score": score[1]}
    grade = cell("grade")
    if grade is not None:
        written = find_grade(grade[0]) or grade[0]
        fields["grade"] = written
        fields["grade_level"] = grade_level(written)
        provenance["grade"] = grade[1]
    unit = cell("unit")
    if unit is not None:
        fields["project_unit"] = unit[0]
        provenance["project_unit"] = unit[1]
    amount = cell("amount")
    if amount is not None:
        money = parse_amount(amount[0], amount_unit or "元")
        if money is not None:
            fields["evaluated_amount"] = money
            provenance["evaluated_amount"] = amount[1]
    return Report(kind=KIND, provenance=MappingProxyType(provenance), **fields)  # type: ignore[arg-type]


def _with(report: Report, common: dict[str, object], provenance: dict[str, Provenance]) -> Report:
    from dataclasses import replace

    return replace(report, **common, provenance=MappingProxyType(provenance))  # type: ignore[arg-type]


class _Found:
    def __init__(self, value: str, provenance: Provenance) -> None:
        self.value = value
        self.provenance = provenance


def _notice_title(doc: Document, marks: Sequence[Mark | None]) -> _Found | None:
    """The notice's title: the first line named a results notice, else the first heading."""
    for block, mark in zip(doc.blocks, marks, strict=True):
        if mark is not None and mark.kind == "results" and not isinstance(block, Table):
            return _Found(clean_name(block.text), block.provenance)
    for block in doc.blocks[:5]:
        if isinstance(block, (Heading, Paragraph)) and 4 <= len(clean_name(block.text)) <= 60:
            return _Found(clean_name(block.text), block.provenance)
    return None


_UP_TO_YEAR = re.compile(r"^.*?\d{4}\s*年度?")
_SIGNER_LINES = 4  # short lines at the end: the issuing body, the date


def _region(doc: Document, title: _Found | None) -> str | None:
    """The region: named in the title after its year (``常德市2022年度…``,
    ``关于2022年度市级…`` names none), or by the issuing body under the notice."""
    texts: list[str] = []
    if title is not None:
        texts += [title.value.split("关于")[0], _UP_TO_YEAR.sub("", title.value)]
    lines = [b.text for b in doc.blocks if isinstance(b, (Heading, Paragraph))]
    texts += [t for t in lines[-_SIGNER_LINES:] if len(clean_name(t)) <= 30]
    return region_of(*texts)


def _notice_date(doc: Document) -> _Found | None:
    """The date line under the notice (the last line that is only a date)."""
    for block in reversed(doc.blocks):
        if isinstance(block, (Heading, Paragraph)) and _DATE_LINE.match(block.text):
            date = parse_date(block.text)
            if date:
                return _Found(date, block.provenance)
    return None


def _unit(index: int, of: int, title: str | None, where: Provenance) -> ReportUnit:
    if where.page is not None:
        return ReportUnit(index=index, of=of, title=title, pages=(where.page, where.page))
    return ReportUnit(index=index, of=of, title=title, tables=(where.table or 0,))
