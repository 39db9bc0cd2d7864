"""Write spreadsheet forms (XLSX) from the same grid specs the DOCX kit uses.

A sheet is a :class:`SheetSpec`: the lines above the grid (a title merged across the
width, ``金额单位：万元``) and the grid rows, written as a person reads them, with the
DOCX kit's ``LEFT``/``UP`` markers for merged cells. So one spec gives both a workbook
and its Word twin (:func:`write_docx_twin`), and a test can check that both read the
same.

Numbers are stored the way finance staff store them: a text that reads as a number
(``120.00``, ``1,234.50``, ``96.35%``) becomes a numeric cell with the number format
that shows exactly that text (``0.00``, ``#,##0.00``, ``0.00%``). A :class:`Formula`
cell holds a formula *and* the value Excel caches for it when saving; openpyxl cannot
compute formulas, so the cached value is written into the sheet XML afterwards
(``<f>`` … ``<v>``), from the text the spec says the cell shows.

Workbooks are saved deterministically (fixed document properties and zip timestamps).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from scripts.samples.docx_kit import LEFT, UP, save, start, table, title

FIXED_TIME = dt.datetime(2023, 3, 1, 9, 0, 0)
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.(\d+))?(%?)$")
_THIN = Side(style="thin")


@dataclass(frozen=True)
class Formula:
    """A formula cell (``=F7/E7``) and the text it shows once calculated (``96.35%``)."""

    expression: str
    shown: str


CellSpec = str | Formula


@dataclass(frozen=True)
class SheetSpec:
    """One worksheet: title lines above the grid, then the grid (DOCX kit markers)."""

    name: str
    lines: tuple[str, ...]
    rows: Sequence[Sequence[CellSpec]]
    first_col: int = 1  # 2 leaves column A empty, as many templates do
    hidden_rows: tuple[int, ...] = ()  # grid row indexes (0-based) hidden in the sheet
    widths: tuple[float, ...] = field(default=())


def shown(cell: CellSpec) -> str:
    """The text a cell shows."""
    return cell.shown if isinstance(cell, Formula) else cell


def typed(text: str) -> tuple[object, str]:
    """(stored value, number format) that shows ``text``; text stays text."""
    match = _NUMBER.match(text)
    if match is None:
        return text, "General"
    digits = len(match.group(4) or "")
    thousands = "," in text
    percent = match.group(5) == "%"
    number = Decimal(text.replace(",", "").rstrip("%"))
    if percent:
        number /= 100
    fmt = ("#,##0" if thousands else "0") + ("." + "0" * digits if digits else "")
    if percent:
        fmt += "%"
    elif not digits and not thousands:
        return int(number), "General"
    return float(number), fmt


def write_workbook(path: Path, sheets: Sequence[SheetSpec]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    cached: dict[str, dict[str, str]] = {}
    for index, spec in enumerate(sheets, start=1):
        ws = wb.create_sheet(spec.name)
        cached[f"xl/worksheets/sheet{index}.xml"] = _write_sheet(ws, spec)
    wb.properties.creator = "jixiao samples"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    _deterministic_zip(buffer.getvalue(), path, cached)


def _write_sheet(ws, spec: SheetSpec) -> dict[str, str]:  # type: ignore[no-untyped-def]
    n_cols = max(len(r) for r in spec.rows)
    first, last = spec.first_col, spec.first_col + n_cols - 1
    for i, line in enumerate(spec.lines, start=1):
        ws.cell(i, first, line).font = Font(bold=i == 1, size=16 if i == 1 else 11)
        ws.cell(i, first).alignment = Alignment(horizontal="center" if i == 1 else "right")
        ws.merge_cells(start_row=i, start_column=first, end_row=i, end_column=last)
    top = len(spec.lines) + 1
    grid = [list(r) + [""] * (n_cols - len(r)) for r in spec.rows]
    cached: dict[str, str] = {}
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            target = ws.cell(top + r, first + c)
            target.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
            target.alignment = Alignment(wrap_text=True, vertical="center")
            if cell in (LEFT, UP):
                continue
            value, fmt = typed(shown(cell))
            if isinstance(cell, Formula):
                cached[target.coordinate] = repr(value)
                target.value = cell.expression
            else:
                target.value = value
            target.number_format = fmt
    for r0, c0, r1, c1 in _merges(grid):
        if (r0, c0) != (r1, c1):
            ws.merge_cells(
                start_row=top + r0, start_column=first + c0, end_row=top + r1, end_column=first + c1
            )
    for r in spec.hidden_rows:
        ws.row_dimensions[top + r].hidden = True
    for c, width in enumerate(spec.widths):
        ws.column_dimensions[get_column_letter(first + c)].width = width
    return cached


def _merges(grid: list[list[CellSpec]]) -> list[tuple[int, int, int, int]]:
    """Rectangles (r0, c0, r1, c1) each origin covers with LEFT/UP markers."""
    out = []
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell in (LEFT, UP):
                continue
            c1 = c
            while c1 + 1 < len(row) and row[c1 + 1] == LEFT:
                c1 += 1
            r1 = r
            while r1 + 1 < len(grid) and grid[r1 + 1][c] == UP:
                r1 += 1
            out.append((r, c, r1, c1))
    return out


def _deterministic_zip(data: bytes, path: Path, cached: dict[str, dict[str, str]]) -> None:
    """Rewrite the package with fixed timestamps and the formulas' cached values."""
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info.filename)
            for ref, value in cached.get(info.filename, {}).items():
                body, count = re.subn(
                    rf'(<c r="{ref}"[^>]*>)<f>(.*?)</f><v\s*/?>(?:</v>)?'.encode(),
                    rf"\1<f>\2</f><v>{value}</v>".encode(),
                    body,
                )
                assert count == 1, (info.filename, ref)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    body,
                )
            out = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            out.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(out, body)


def write_docx_twin(path: Path, sheets: Sequence[SheetSpec]) -> None:
    """The same forms as a Word document: title lines as paragraphs, grid as a table."""
    doc = start(landscape=True)
    for spec in sheets:
        for line in spec.lines:
            title(doc, line, size=16 if line == spec.lines[0] else 11)
        visible = [row for i, row in enumerate(spec.rows) if i not in spec.hidden_rows]
        table(doc, [[shown(c) if isinstance(c, Formula) else c for c in row] for row in visible])
    save(doc, path)
