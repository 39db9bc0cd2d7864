"""Report fields a document implies rather than states.

Each rule is a fallback, applied only when no form field or prose stated the value:

- fiscal year: a year in the title (``2020年度…``, ``平江县2021年…工程``), then in any
  other title line (``（2021年度）``), then the ``YYYY年度`` the text names most
  often, then — for a self-evaluation dated in January–June — the year before the
  report date (self-evaluations of year N are filed in the first half of N+1);
- project name: a bracketed subtitle under the title (``（——<project>）``, the unit
  then from the title's prefix), else the title minus year and form words; for a department-wide report
  (部门整体支出) the department itself;
- region: the chain of place names (绵阳市游仙区) in the unit, department, title;
- contact person: dropped from a third-party report when it is one of the evaluators
  (the evaluation firm's 项目负责人 is not the project's contact).
"""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.extract.model import Document, Provenance
from jixiao.normalize.canonical import Evaluator
from jixiao.normalize.prose import (
    most_common_fiscal_year,
    project_from_title,
    region_of,
    subtitle_project,
    texts_with_provenance,
    unit_from_title,
    year_of_title,
)
from jixiao.normalize.report_fields import ReportBuilder

_REGION_SOURCES = ("project_unit", "supervising_dept", "title", "evaluator", "project_name")


def where_year_is(doc: Document, year: int) -> Provenance | None:
    """The first paragraph or cell that names ``year`` (for provenance)."""
    for text, provenance in texts_with_provenance(doc.blocks):
        if f"{year}年" in text.replace(" ", ""):
            return provenance
    return None


def derive(builder: ReportBuilder, doc: Document, evaluators: Sequence[Evaluator]) -> None:
    _fiscal_year(builder, doc)
    title = builder.get("title")
    if isinstance(title, str):
        subtitle = subtitle_project(doc.blocks, title)
        if subtitle is not None:
            builder.offer("project_name", subtitle.value, subtitle.provenance)
            builder.offer("project_unit", unit_from_title(title), builder.provenance["title"])
        builder.offer("project_name", project_from_title(title), builder.provenance["title"])
        if "部门整体" in title and "project_unit" in builder.values:
            unit = builder.values["project_unit"]
            builder.offer("project_name", unit, builder.provenance["project_unit"])
    for name in _REGION_SOURCES:
        value = builder.get(name)
        region = region_of(value) if isinstance(value, str) else None
        if region:
            builder.offer("region", region, builder.provenance[name])
            break
    contact = builder.get("contact_person")
    if builder.get("kind") == "evaluation" and contact in {e.name for e in evaluators}:
        builder.values.pop("contact_person")
        builder.provenance.pop("contact_person", None)


def _fiscal_year(builder: ReportBuilder, doc: Document) -> None:
    if "fiscal_year" in builder.values:
        return
    title = builder.get("title")
    candidates: list[int | None] = [year_of_title(title) if isinstance(title, str) else None]
    candidates.append(most_common_fiscal_year(doc.plain_text()))
    for year in candidates:
        if year is not None:
            provenance = where_year_is(doc, year)
            if provenance is not None:
                builder.offer("fiscal_year", year, provenance)
                return
    report_date = builder.get("report_date")
    if builder.get("kind") == "self_evaluation" and isinstance(report_date, str):
        year, _, month = report_date.partition("-")
        if month and int(month[:2]) <= 6:
            builder.offer("fiscal_year", int(year) - 1, builder.provenance["report_date"])
