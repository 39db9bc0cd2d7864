"""What a block is, for segmentation: a report's start, or a part that is no report.

Titles are compared by their ending (``2023年度XX局部门整体支出绩效自评表`` ends with
``部门整体支出绩效自评表``) against the ``report_unit`` and ``not_report`` contexts of
the label dictionary; tables without a title are judged by their header block:

- ``form``: 项目名称 (or 单位名称) + fund columns + indicator columns with actuals or
  scores — a self-evaluation form;
- ``target``: indicator columns with targets but no actual value and no score — a
  绩效目标表 (filled in before the year), not a self-evaluation;
- ``budget``: a budget/final-accounts table (科目编码, 功能分类科目 …);
- ``results``: a list of projects with score and grade (a 财政评价结果公告);
- ``summary``: a list of projects with a score and no grade (a 决算's 自评分数 list).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.extract.model import Block, Heading, Paragraph, Table
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.text import clean_name, label_key

# Kinds that end a report unit (in a publication), and those that make a document a
# publication. A contents page alone does not (long evaluation reports have one), nor
# a 绩效目标表 (a self-evaluation report may attach its target form).
STOP_KINDS = frozenset({"budget", "target", "contents", "summary", "chapter", "results"})
PUBLICATION_KINDS = frozenset({"budget", "summary"})

_MAX_TITLE = 60
_HEADER_ROWS = 8
_TRAILING_BRACKET = re.compile(r"[(（][^()（）]*[)）]$")
_PART_PREFIX = re.compile(r"^(第[一二三四五六七八九十\d]+部分|附件\d*|附表\d*|表\d+)[:：、.\s]*")
_SENTENCE = re.compile(r"[，。；;,]")
_FUND_VALUES = frozenset({"planned", "budget", "received", "spent", "execution_rate"})


@dataclass(frozen=True)
class Mark:
    kind: str  # form report results budget target contents summary chapter
    title: str | None = None
    from_header: bool = False  # judged by a table's header block, not by a title


def title_kind(text: str, labels: LabelDictionary) -> str | None:
    """The kind of part a title line names, or None when it is no such title."""
    name = clean_name(text)
    if not (2 <= len(name) <= _MAX_TITLE) or _SENTENCE.search(name):
        return None
    key = label_key(name)
    key = _TRAILING_BRACKET.sub("", key).strip()
    bare = _PART_PREFIX.sub("", key)
    not_report = "not_report"
    if bare in _keys(labels, not_report, "contents"):
        return "contents"
    if bare in _keys(labels, not_report, "chapter"):
        return "chapter"
    for field, kind in (("budget_table", "budget"), ("target_table", "target")):
        if any(key.endswith(v) for v in _keys(labels, not_report, field)):
            return kind
    for field, kind in (
        ("self_evaluation_form", "form"),
        ("evaluation_report", "report"),
        ("evaluation_result", "results"),
    ):
        if any(key.endswith(v) for v in _keys(labels, "report_unit", field)):
            return kind
    return None


def _keys(labels: LabelDictionary, context: str, field: str) -> tuple[str, ...]:
    return tuple(label_key(v) for v in labels.variants(context, field))


def mark_block(block: Block, labels: LabelDictionary) -> Mark | None:
    """What ``block`` is (a unit start, a part that is no report), or None."""
    if isinstance(block, (Heading, Paragraph)):
        kind = title_kind(block.text, labels)
        return Mark(kind, clean_name(block.text)) if kind else None
    for title in table_titles(block):
        kind = title_kind(title, labels)
        if kind:
            return Mark(kind, clean_name(title))
    kind = header_kind(block, labels)
    return Mark(kind, None, from_header=True) if kind else None


def table_titles(table: Table) -> list[str]:
    """The caption and the first rows that are one cell across the table (a title row)."""
    out = [table.caption] if table.caption else []
    for row in range(min(2, table.n_rows)):
        cells = [c for c in table.row_cells(row) if c.text.strip()]
        if len(cells) == 1 and (table.n_cols == 1 or cells[0].col_span >= table.n_cols - 1):
            out.append(cells[0].text)
    return out


def header_kind(table: Table, labels: LabelDictionary) -> str | None:
    """form / target / budget / results / summary from the table's header block."""
    texts = [c.text for r in range(min(_HEADER_ROWS, table.n_rows)) for c in table.row_cells(r)]
    budget = _keys(labels, "not_report", "budget_header")
    if any(label_key(t) in budget for t in texts):
        return "budget"
    indicator = _fields(texts, labels, "indicator_column")
    funds = _fields(texts, labels, "fund_column")
    report = _fields(texts, labels, "report")
    has_subject = bool({"project_name", "project_unit"} & report)
    has_indicators = bool({"level1", "level2", "name"} & indicator) and "target" in indicator
    if has_indicators and not ({"actual", "score"} & indicator):
        return "target"
    if has_subject and has_indicators and (funds & _FUND_VALUES):
        return "form"
    return list_kind(table, labels)


def list_kind(table: Table, labels: LabelDictionary) -> str | None:
    """``results`` (project, score, grade columns) or ``summary`` (project and score
    only) when the table's first row heads a list of at least two projects."""
    columns = list_columns(table, labels)
    if columns is None:
        return None
    return "results" if "grade" in columns else "summary"


def list_columns(table: Table, labels: LabelDictionary) -> dict[str, int] | None:
    """Column index per ``results_column`` field, when the header row names a project
    column and a score column and at least two rows follow; else None."""
    for header in range(min(3, table.n_rows)):
        columns: dict[str, int] = {}
        for col, text in enumerate(table.row_texts(header)):
            found = labels.match("results_column", text) if text.strip() else None
            if found is not None and found.exact and found.field not in columns:
                columns[found.field] = col
        if {"project_name", "score"} <= set(columns) and table.n_rows - header - 1 >= 2:
            return {"header": header, **columns}
    return None


def _fields(texts: Sequence[str], labels: LabelDictionary, context: str) -> set[str]:
    out: set[str] = set()
    for text in texts:
        if text.strip() and len(text) <= 30:
            found = labels.match(context, text)
            if found is not None:
                out.add(found.field)
    return out


_DESCRIBE = {
    "budget": "budget tables",
    "target": "绩效目标表",
    "summary": "score summaries without a form",
    "results": "result lists",
    "contents": "contents pages",
    "chapter": "explanatory chapters",
}


_PARTS = frozenset({"budget", "target", "summary", "results"})
_LOOKBACK = 3  # a table's title may sit above a unit line and a subtitle


def _title_before(blocks: Sequence[Block], marks: Sequence[Mark | None], index: int) -> str | None:
    """The kind of the title line just above a table (over at most a few short lines)."""
    for k in range(index - 1, max(-1, index - 1 - _LOOKBACK), -1):
        if isinstance(blocks[k], Table):
            return None
        mark = marks[k]
        if mark is not None:
            return mark.kind
    return None


def describe(marks: Sequence[Mark | None], blocks: Sequence[Block]) -> str:
    """What a document without a report is: ``a budget publication: 12 budget tables,
    1 绩效目标表`` (the reason of its NotAReportError)."""
    counts: Counter[str] = Counter()
    for index, (block, mark) in enumerate(zip(blocks, marks, strict=True)):
        if isinstance(block, Table):
            kind = mark.kind if mark is not None else _title_before(blocks, marks, index)
            if kind in _PARTS:
                counts[kind] += 1
        elif mark is not None and mark.kind in _DESCRIBE and mark.kind not in _PARTS:
            counts[mark.kind] += 1  # contents pages, chapters: titles without a table
    n_tables = sum(isinstance(b, Table) for b in blocks)
    if counts["budget"] or counts["target"]:
        what = "a budget publication"
    elif counts["summary"]:
        what = "a list of projects and scores"
    elif n_tables:
        what = f"{n_tables} tables, none a self-evaluation form"
    else:
        what = "text only, no self-evaluation form or report title"
    parts = [f"{counts[k]} {_DESCRIBE[k]}" for k in _DESCRIBE if counts[k]]
    return what + (": " + ", ".join(parts) if parts else "")
