"""How much of its tables a report read: never miss silently.

Every row of every table is one of

* **read** — a canonical value (a fund, an indicator, a report field …) or a
  key–value pair the dictionary knows was taken from one of its cells;
* **furniture** — a region header, a row of known labels with nothing filled in, a
  short caption or unit note across the table, a note such as ``填表说明``;
* **unread** — a row that holds text or numbers and produced nothing.

Blank rows and rows covered only by cells merged down from above hold nothing and
are not counted. ``coverage`` is read / (read + unread): the share of content rows
the report took values from. Unread rows become a ``rows_unread`` warning that names
them (first cells, table, row, page), and an error-severity check whose inputs come
from a table with unread rows is softened to ``info``: its inconsistency may be a
value we failed to read rather than one in the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields, is_dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from jixiao.extract.model import Cell, Provenance, Table
from jixiao.normalize.canonical import CanonicalReport, Check, Coverage
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.text import clean_label, clean_name, is_blank, strip_weight

__all__ = ["TableRows", "coverage_checks", "report_coverage", "soften_errors", "table_rows"]

_MAX_LISTED = 6  # unread rows named in one check
_FIRST_CELLS = 3
_CELL_CHARS = 16
_CAPTION_CHARS = 30
# Notes and captions that belong to the template, not to the data.
_TEMPLATE_NOTE = re.compile(
    r"^(?:填表说明|说明|注|备注|附表|附件|单位|金额单位|计量单位)[\d一二三四五六七八九十]*[：:]?"
)
_NUMBER = re.compile(r"\d")
RULE_INPUTS: dict[str, tuple[str, ...]] = {
    # The fund row's score may be part of the total; a lost one breaks the sum.
    "indicator_scores_vs_total": ("funds",),
    "indicator_weights_vs_max": ("funds",),
}


@dataclass(frozen=True)
class TableRows:
    """The rows of one table, classified."""

    table: Table
    read: tuple[int, ...]
    furniture: tuple[int, ...]
    unread: tuple[int, ...]


def _origin_cells(table: Table, row: int) -> list[Cell]:
    return [c for c in table.row_cells(row) if c.row == row and not is_blank(c.text)]


def _is_label(labels: LabelDictionary, text: str) -> bool:
    cleaned = clean_label(text)
    if not cleaned or len(cleaned) > _CAPTION_CHARS:
        return False
    candidates = {text, strip_weight(text)[0]}
    return any(
        labels.match(context, candidate) is not None
        for candidate in candidates
        for context in labels.contexts()
    )


def _is_furniture_row(labels: LabelDictionary, table: Table, cells: list[Cell]) -> bool:
    """Known labels only, a caption or note across the table, or a template note."""
    texts = [clean_name(c.text) for c in cells]
    if any(_TEMPLATE_NOTE.match(t) for t in texts[:1]):
        return True
    if len(cells) == 1 and cells[0].col_span >= max(2, table.n_cols - 1):
        text = clean_label(cells[0].text)
        if len(text) <= _CAPTION_CHARS and not _NUMBER.search(text):
            return True
    # A short cell spanning down over the rows below names their block (``资金概况``).
    return all(
        _is_label(labels, c.text) or (c.row_span > 1 and len(clean_label(c.text)) <= 12)
        for c in cells
    )


def table_rows(
    table: Table,
    labels: LabelDictionary,
    read: frozenset[tuple[int, int]],
    furniture: frozenset[tuple[int, int]],
) -> TableRows:
    """Classify the content rows of ``table`` (``read``/``furniture``: (table, row))."""
    got: dict[str, list[int]] = {"read": [], "furniture": [], "unread": []}
    for row in range(table.n_rows):
        cells = _origin_cells(table, row)
        if not cells:
            continue
        key = (table.index, row)
        if key in read:
            got["read"].append(row)
        elif key in furniture or _is_furniture_row(labels, table, cells):
            got["furniture"].append(row)
        else:
            got["unread"].append(row)
    return TableRows(table, tuple(got["read"]), tuple(got["furniture"]), tuple(got["unread"]))


def provenances(records: Iterable[object]) -> Iterable[Provenance]:
    """Every provenance held by canonical records (and the records inside them)."""
    for record in records:
        if not is_dataclass(record) or isinstance(record, type):
            continue
        for f in fields(record):
            value = getattr(record, f.name)
            if f.name == "provenance":
                yield from value.values()
            elif isinstance(value, tuple):
                yield from provenances(value)
            elif is_dataclass(value):
                yield from provenances((value,))


def read_positions(provs: Iterable[Provenance | None]) -> frozenset[tuple[int, int]]:
    return frozenset(
        (p.table, p.row)
        for p in provs
        if p is not None and p.table is not None and p.row is not None
    )


def report_coverage(rows: Iterable[TableRows]) -> Coverage | None:
    rows = list(rows)
    if not rows:
        return None
    read = sum(len(r.read) for r in rows)
    unread = sum(len(r.unread) for r in rows)
    furniture = sum(len(r.furniture) for r in rows)
    share = None
    if read + unread:
        share = (Decimal(read) / Decimal(read + unread)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
    return Coverage(
        tables_rows_read=read, rows_unread=unread, rows_furniture=furniture, coverage=share
    )


def _where(table: Table, row: int) -> str:
    cells = _origin_cells(table, row)
    first = "｜".join(clean_name(c.text)[:_CELL_CHARS] for c in cells[:_FIRST_CELLS])
    page = cells[0].provenance.page if cells else None
    on_page = f"，第{page}页" if page is not None else ""
    return f"第{row + 1}行「{first}」{on_page}"


def coverage_checks(rows: Iterable[TableRows]) -> list[Check]:
    """One ``rows_unread`` warning per table with rows that produced nothing."""
    checks: list[Check] = []
    for got in rows:
        if not got.unread:
            continue
        t = got.table.index
        content = len(got.read) + len(got.unread)
        listed = "；".join(_where(got.table, r) for r in got.unread[:_MAX_LISTED])
        more = f" 等 {len(got.unread)} 行" if len(got.unread) > _MAX_LISTED else ""
        if not got.read:
            head = f"表格 {t} 未能读取 (0/{content} 行有内容的行被读取)"
        else:
            head = f"表格 {t} 有 {len(got.unread)}/{content} 行有内容却未读取"
        checks.append(
            Check(
                rule="rows_unread",
                severity="warning",
                message=f"{head}: {listed}{more} (rows with content that produced no value)",
                fields=(),
            )
        )
    return checks


_PATH = re.compile(r"^(\w+)(?:\[(\d+)\])?(?:\.(\w+))?$")


def _tables_of(report: CanonicalReport, path: str) -> set[int]:
    """The tables the value at a check's field path (and its collection) was read from."""
    match = _PATH.match(path)
    if match is None:
        return set()
    collection, _index, name = match.groups()
    if collection == "report":
        prov = report.report.provenance.get(name or "")
        return {prov.table} if prov is not None and prov.table is not None else set()
    records = getattr(report, collection, ())
    if not isinstance(records, tuple):
        return set()
    # Any record of the collection: a lost row of the same table breaks a sum too.
    return {p.table for p in provenances(records) if p.table is not None}


def soften_errors(
    report: CanonicalReport, checks: Iterable[Check], rows: Iterable[TableRows]
) -> tuple[Check, ...]:
    """Error checks whose inputs come from a partly unread table become ``info``."""
    partial = {r.table.index for r in rows if r.unread}
    out: list[Check] = []
    for check in checks:
        if check.severity != "error" or not partial:
            out.append(check)
            continue
        tables: set[int] = set()
        for path in check.fields:
            tables |= _tables_of(report, path)
        for collection in RULE_INPUTS.get(check.rule, ()):
            tables |= _tables_of(report, collection)
        hit = sorted(tables & partial)
        if hit:
            note = "、".join(str(t) for t in hit)
            check = replace(
                check,
                severity="info",
                message=f"{check.message} (输入来自有未读行的表格 {note}，可能是漏读而非文档不一致)",
            )
        out.append(check)
    return tuple(out)
