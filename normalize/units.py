"""A document → its canonical reports, one per report unit (CANONICAL.md: 0..N).

:mod:`.segment` finds the candidate units; each is normalised on its own blocks (so
its checks never compare numbers of two reports) and kept when it holds report
content. A unit with no 项目名称 of its own (or the same one) after a unit is that
unit's continuation; outside a publication, so is a form after a narrative report
(a 自评报告 and its attached 自评表 are one report). A document with no unit but a
list of projects with score and grade is a results notice (:mod:`.results`); with
neither it raises :class:`NotAReportError` saying what the document is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from jixiao.errors import NotAReportError
from jixiao.extract.model import Block, Document, Table
from jixiao.normalize.canonical import CanonicalReport, ReportUnit
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.relevance import describe
from jixiao.normalize.results import results_reports
from jixiao.normalize.segment import Segmentation, Span, segment

NormalizeOne = Callable[[Document], CanonicalReport]
NO_REPORT = "no performance report in this document"
NOT_READ = frozenset({"budget", "target"})  # tables of these kinds are never report content


def reports_of(
    doc: Document,
    labels: LabelDictionary,
    normalize_one: NormalizeOne,
    check_one: Callable[[CanonicalReport], CanonicalReport],
) -> tuple[CanonicalReport, ...]:
    """The reports of ``doc`` in document order, each with its unit.

    ``normalize_one`` reads one unit (checks included); ``check_one`` adds the checks
    to a report read another way (a results-notice row)."""
    found = segment(doc.blocks, labels)
    if all(span.kind == "document" for span in found.spans):
        notice = results_reports(doc, labels, found.marks)
        if notice:
            return tuple(check_one(r) for r in notice)
    units: list[tuple[Span, CanonicalReport]] = []
    for span in found.spans:
        report = _read(doc, found, span, normalize_one, strict=found.is_publication)
        if report is None:
            continue
        if units and (
            _continues(units[-1][1], report)
            or (not found.is_publication and units[-1][0].kind == "report")
        ):
            merged = Span(units[-1][0].start, span.end, units[-1][0].title, units[-1][0].kind)
            report = _read(doc, found, merged, normalize_one, strict=False) or units[-1][1]
            units[-1] = (merged, report)
            continue
        units.append((span, report))
    if not units:
        known = any(m is not None for m in found.marks)
        if not known and len(found.spans) == 1 and found.spans[0].kind == "document":
            normalize_one(doc)  # raises NotAReportError with the normaliser's reason
        raise NotAReportError(f"{NO_REPORT} ({describe(found.marks, doc.blocks)})")
    total = len(units)
    whole = len(found.spans) == 1 and found.spans[0].start == 0 and total == 1
    return tuple(
        replace(
            report,
            unit=unit_of(
                doc.blocks[span.start : span.end],
                n,
                total,
                _title(report) if whole else span.title or _title(report),
            ),
        )
        for n, (span, report) in enumerate(units, start=1)
    )


def _read(
    doc: Document,
    found: Segmentation,
    span: Span,
    normalize_one: NormalizeOne,
    *,
    strict: bool,
) -> CanonicalReport | None:
    """The report of one span, or None when it holds no report content.

    Budget tables and 绩效目标表 inside the span (a report's attached target form) are
    not read: their rows are no funds or indicators of the self-evaluation.
    ``strict`` (in a publication): a unit needs evidence of a self-evaluation (an
    indicator's actual value or score, a total score or a grade), not just a 项目名称.
    """
    blocks = tuple(
        block
        for block, mark in zip(
            doc.blocks[span.start : span.end], found.marks[span.start : span.end], strict=True
        )
        if not (isinstance(block, Table) and mark is not None and mark.kind in NOT_READ)
    )
    part = Document(source=doc.source, blocks=blocks, notes=_notes(doc, span))
    try:
        report = normalize_one(part)
    except NotAReportError:
        return None
    if strict and not _evaluated(report):
        return None
    if span.kind == "document" and not (_evaluated(report) or report.report.kind):
        return None  # no title says 自评/评价 and nothing was scored: not a report
    return report


def _notes(doc: Document, span: Span) -> tuple:
    """The reader's notes that belong to this span's pages (all of them for a whole doc)."""
    if span.start == 0 and span.end == len(doc.blocks):
        return doc.notes
    pages = {p for b in doc.blocks[span.start : span.end] for p in _pages(b)}
    return tuple(n for n in doc.notes if n.page is None or n.page in pages)


def _evaluated(report: CanonicalReport) -> bool:
    r = report.report
    if r.total_score is not None or r.grade is not None:
        return True
    return any(i.actual is not None or i.score is not None for i in report.indicators)


def _continues(previous: CanonicalReport, report: CanonicalReport) -> bool:
    """``report`` is the rest of ``previous``: it names no project, or the same one."""
    name = report.report.project_name
    return name is None or name == previous.report.project_name


def _title(report: CanonicalReport) -> str | None:
    return report.report.title or report.report.project_name


def unit_of(blocks: tuple[Block, ...], index: int, of: int, title: str | None) -> ReportUnit:
    """The unit record of ``blocks``: pages (first, last) when paged, else table indexes."""
    pages = [p for b in blocks for p in _pages(b)]
    if pages:
        return ReportUnit(index=index, of=of, title=title, pages=(min(pages), max(pages)))
    tables = tuple(b.index for b in blocks if isinstance(b, Table))
    sheets = [getattr(b.provenance, "sheet", None) for b in blocks]
    sheet = next((s for s in sheets if s), None)
    if sheet is not None:
        return ReportUnit(index=index, of=of, title=title, sheet=sheet)
    return ReportUnit(index=index, of=of, title=title, tables=tables)


def _pages(block: Block) -> list[int]:
    out = [block.provenance.page] if block.provenance.page is not None else []
    if isinstance(block, Table):
        out += [c.provenance.page for c in block.cells if c.provenance.page is not None]
    return out


__all__ = ["NO_REPORT", "Segmentation", "reports_of", "unit_of"]
