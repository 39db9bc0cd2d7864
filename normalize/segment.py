"""Report units: where in a document each report starts and ends.

A file holds 0..N reports. A unit starts at a self-evaluation form's title
(…项目支出绩效自评表, 部门整体支出绩效自评表, a 绩效评价报告/自评报告 title — in a
heading, a paragraph, a table caption or a table's first rows), at a form table whose
header carries its own 项目名称 + funds + indicators when the unit so far already has
one, or where the spreadsheet sheet changes. It runs until the next unit starts, so a
form continued across pages stays whole with its 总分/评价等级/填报人 rows; in a
publication (budget tables, 绩效目标表, a contents page) it also ends where such a
part begins (:mod:`.relevance` says what each block is).

A document with no such part and at most one start is one unit: the whole document,
as before segmentation existed.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.extract.model import Block, Table
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.relevance import PUBLICATION_KINDS, STOP_KINDS, Mark, mark_block

START_KINDS = frozenset({"form", "report"})
_SHORT_LINE = 60  # a title, a 填报单位 line, a date: not a body paragraph


@dataclass(frozen=True)
class Span:
    """A report unit's blocks: ``blocks[start:end]`` of the document."""

    start: int
    end: int
    title: str | None
    kind: str  # form | report | document (the whole document, no title seen)


@dataclass(frozen=True)
class Segmentation:
    spans: tuple[Span, ...]
    marks: tuple[Mark | None, ...]  # one per block

    @property
    def is_publication(self) -> bool:
        """Budget tables, 绩效目标表 or a score summary are present."""
        return any(m is not None and m.kind in PUBLICATION_KINDS for m in self.marks)


def segment(blocks: tuple[Block, ...], labels: LabelDictionary) -> Segmentation:
    """The candidate report units of ``blocks`` (relevance is judged per unit later)."""
    marks = tuple(mark_block(block, labels) for block in blocks)
    starts, titles = _starts(blocks, marks)
    publication = any(m is not None and m.kind in PUBLICATION_KINDS for m in marks)
    if not publication and len(starts) <= 1:
        title = titles[starts[0]] if starts else None
        kind = marks[starts[0]].kind if starts else "document"  # type: ignore[union-attr]
        return Segmentation((Span(0, len(blocks), title, kind),) if blocks else (), marks)
    spans: list[Span] = []
    # A standalone report's cover page belongs to it; a document-wide title over
    # several forms (XX局2022年度绩效自评表, then each form's own title) does not.
    first_mark = next(i for i, m in enumerate(marks) if m is not None)
    for n, start in enumerate(starts):
        limit = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        end = _end(marks, start, limit, publication)
        first = 0 if n == 0 and not publication and start == first_mark else start
        mark = marks[start]
        assert mark is not None
        spans.append(Span(first, end, titles[start], mark.kind))
    return Segmentation(tuple(spans), marks)


def _starts(
    blocks: tuple[Block, ...], marks: tuple[Mark | None, ...]
) -> tuple[list[int], dict[int, str | None]]:
    """Block indexes where a unit starts, and each unit's title.

    A form table right after its title is part of the unit the title started; a form
    table starts a unit of its own only when the current unit already holds a form
    table (three project tables one after another, untitled). A change of sheet
    (spreadsheets) starts a unit where the new sheet holds a form.
    """
    starts: list[int] = []
    titles: dict[int, str | None] = {}
    unit_has_form_table = False
    sheet: str | None = None
    for index, (block, mark) in enumerate(zip(blocks, marks, strict=True)):
        block_sheet = getattr(block.provenance, "sheet", None)
        new_sheet = block_sheet is not None and sheet is not None and block_sheet != sheet
        sheet = block_sheet if block_sheet is not None else sheet
        if mark is None:
            if new_sheet:
                unit_has_form_table = False
            continue
        if mark.kind not in START_KINDS:
            if mark.kind in STOP_KINDS:
                unit_has_form_table = False
            continue
        is_table = isinstance(block, Table)
        if is_table and mark.from_header:
            if (
                unit_has_form_table
                or new_sheet
                or not starts
                or _stopped_since(marks, starts, index)
            ):
                starts.append(index)
                titles[index] = None
            unit_has_form_table = True
            continue
        if starts and _only_titles_since(blocks, starts[-1], index):
            # the same unit's title again (a chapter line, the form's title line, the
            # table's title row): the one nearest the form names the unit
            unit_has_form_table = unit_has_form_table or is_table
            if is_table:
                titles[starts[-1]] = titles[starts[-1]] or mark.title
            else:  # the unit starts at its nearest title line (not at a chapter heading)
                titles[index] = mark.title
                starts[-1] = index
            continue
        starts.append(index)
        titles[index] = mark.title
        unit_has_form_table = is_table
    return starts, titles


def _only_titles_since(blocks: tuple[Block, ...], start: int, index: int) -> bool:
    """Nothing but short lines between the last start and ``index``."""
    between = blocks[start:index]
    if any(isinstance(b, Table) for b in between):
        return False
    return all(len(b.text) <= _SHORT_LINE for b in between if not isinstance(b, Table))


def _stopped_since(marks: tuple[Mark | None, ...], starts: list[int], index: int) -> bool:
    """A non-report part came between the last start and ``index`` (the form table
    there is a new unit)."""
    return any(m is not None and m.kind in STOP_KINDS for m in marks[starts[-1] + 1 : index])


def _end(marks: tuple[Mark | None, ...], start: int, limit: int, publication: bool) -> int:
    """Where the unit starting at ``start`` ends: the next start, or in a publication
    the first part that is not a report."""
    if not publication:
        return limit
    for index in range(start + 1, limit):
        mark = marks[index]
        if mark is not None and mark.kind in STOP_KINDS:
            return index
    return limit
