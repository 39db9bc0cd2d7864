"""XLSX → :class:`~jixiao.extract.model.Document`, with openpyxl.

Each visible worksheet with cells becomes, in workbook order, the lines above its grid
(a merged title row ``2022年度项目支出绩效自评表``, ``金额单位：万元``) as paragraphs and
the grid itself as one :class:`Table`, so the normaliser reads a sheet exactly as it
reads a Word form: the same title paragraphs, the same caption on the table, the same
merged cells.

- Values are shown as the sheet shows them (:mod:`jixiao.extract.xlsx_format`): a
  rate stored as ``0.8875`` with a percent format reads ``88.75%``. Formula cells give
  the value Excel/WPS cached when saving; a formula saved without one is a note.
- Hidden rows, hidden columns and hidden sheets are not read; rows and columns with
  nothing in them (not even a merged cell's text) are dropped, so a sheet's margins
  and blank spacer lines do not become empty table rows.
- Merged ranges become row/column spans over the kept rows and columns.
- Provenance: ``sheet`` and ``cell`` (``Sheet1``, ``D12``) besides table/row/col;
  every block of a sheet carries its sheet name, so a change of sheet marks where one
  report can end and the next begin.

Before openpyxl loads anything, the package is checked like a DOCX (zip bomb limits)
and each worksheet is streamed once (:mod:`jixiao.extract.xlsx_scan`): a sheet with
more rows or cells than any form has is refused without being loaded.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl.utils import get_column_letter  # cached: one string per column

from jixiao.errors import CorruptDocumentError, DocumentError
from jixiao.extract.headings import detect_heading
from jixiao.extract.model import (
    Block,
    Cell,
    Document,
    ExtractNote,
    Heading,
    Paragraph,
    Provenance,
    SourceInfo,
    Table,
)
from jixiao.extract.xlsx_format import CJK_BUILTIN_DATE_FORMATS, display_text
from jixiao.extract.xlsx_scan import (
    DEFAULT_SHEET_LIMITS,
    SheetLimits,
    SheetScan,
    scan_sheet,
    sheet_parts,
)
from jixiao.extract.zip_safety import check_zip

logger = logging.getLogger(__name__)

__all__ = ["read_xlsx"]

# The caption rule of the DOCX reader: title/unit lines right above a table.
_CAPTION_HINT = re.compile(r"单位\s*[:：]|表\s*$|^表\s*\d")
_MAX_CAPTION_CHARS = 60


@dataclass(frozen=True)
class _Span:
    """A merged range in sheet coordinates (1-based, inclusive)."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int


def read_xlsx(
    path: Path,
    source: SourceInfo,
    *,
    via: str | None = None,
    limits: SheetLimits = DEFAULT_SHEET_LIMITS,
) -> Document:
    """Read an XLSX workbook (``via`` names a conversion it came through)."""
    scans = _scan(path, limits)
    oversized = {scan.part for scan in scans.values() if scan.over_limit}
    workbook = _load(_without_parts(path, oversized) if oversized else path)
    notes: list[ExtractNote] = []
    blocks: list[Block] = []
    n_tables = 0
    too_large: list[str] = []
    try:
        for worksheet in workbook.worksheets:
            scan = scans.get(worksheet.title)
            if scan is not None and scan.over_limit:
                too_large.append(_too_large(scan, limits))
                notes.append(ExtractNote("xlsx_sheet_too_large", too_large[-1]))
                continue
            if worksheet.sheet_state != "visible":
                logger.info("%s: hidden sheet %r not read", path, worksheet.title)
                continue
            reader = _SheetReader(worksheet, workbook.epoch, via)
            worksheet._cells.clear()  # the shown texts are read: free openpyxl's cells
            n_rows, n_cols = reader.grid_size()
            if n_rows * n_cols > limits.max_grid_cells:  # a few cells spread far apart
                too_large.append(
                    f"sheet {worksheet.title!r} spreads its cells over {n_rows:,} rows × "
                    f"{n_cols:,} columns, more than {limits.max_grid_cells:,} grid cells; not read"
                )
                notes.append(ExtractNote("xlsx_sheet_too_large", too_large[-1]))
                continue
            sheet_blocks = reader.blocks(first_block=len(blocks), table_index=n_tables)
            blocks.extend(sheet_blocks)
            n_tables += sum(isinstance(b, Table) for b in sheet_blocks)
            if scan is not None:
                notes.extend(_formula_notes(scan))
    finally:
        workbook.close()
    if not blocks:
        if too_large:
            raise CorruptDocumentError(f"refusing XLSX: {too_large[0]}")
        raise DocumentError("no readable cells in any visible sheet (empty or chart-only workbook)")
    return Document(source=source, blocks=tuple(blocks), notes=tuple(notes))


def _too_large(scan: SheetScan, limits: SheetLimits) -> str:
    return (
        f"sheet {scan.name!r} has more than {limits.max_rows:,} rows or "
        f"{limits.max_cells:,} cells; not read"
    )


def _formula_notes(scan: SheetScan) -> Iterable[ExtractNote]:
    for ref in scan.formulas_without_value:
        yield ExtractNote(
            "xlsx_formula_without_value",
            f"{scan.name}!{ref}: formula saved without a calculated value (reads as empty; "
            "open and save the file in Excel or WPS to store the values)",
        )


def _scan(path: Path, limits: SheetLimits) -> dict[str, SheetScan]:
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, kind="XLSX")
            return {
                name: scan_sheet(archive, name, part, limits) for name, part in sheet_parts(archive)
            }
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocumentError("damaged XLSX: truncated or corrupt zip archive") from exc


_EMPTY_SHEET = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData/></worksheet>"
)


def _without_parts(path: Path, parts: set[str]) -> io.BytesIO:
    """The package in memory with the given worksheets emptied (never loaded)."""
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
            for info in source.infolist():
                data = _EMPTY_SHEET if info.filename in parts else source.read(info)
                target.writestr(info, data, compress_type=zipfile.ZIP_STORED)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocumentError("damaged XLSX: truncated or corrupt zip archive") from exc
    buffer.seek(0)
    return buffer


def _load(path: Path | io.BytesIO):  # type: ignore[no-untyped-def]  # openpyxl's Workbook
    import openpyxl

    try:
        # a file object, not a name: openpyxl refuses names not ending .xlsx (WPS's .et)
        with warnings.catch_warnings(), _opened(path) as stream:
            warnings.simplefilter("ignore")  # "unknown extension", "data validation"…
            return openpyxl.load_workbook(
                stream, read_only=False, data_only=True, keep_links=False, rich_text=False
            )
    except DocumentError:
        raise
    except Exception as exc:  # openpyxl raises anything from KeyError to TypeError
        if _from_defusedxml(exc):
            raise CorruptDocumentError(
                "refusing XLSX: XML with entity or DTD declarations (a possible "
                "billion-laughs attack)"
            ) from exc
        text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        detail = text.splitlines()[0][:160] if text.strip() else type(exc).__name__
        raise CorruptDocumentError(f"damaged XLSX: {detail}") from exc


def _opened(source: Path | io.BytesIO) -> contextlib.AbstractContextManager[BinaryIO]:
    if isinstance(source, io.BytesIO):
        return contextlib.nullcontext(source)
    return source.open("rb")


def _from_defusedxml(exc: BaseException) -> bool:
    """Whether defusedxml refused the XML somewhere down the chain (openpyxl wraps it)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if type(current).__module__.startswith("defusedxml"):
            return True
        current = current.__cause__ or current.__context__
    return False


class _SheetReader:
    """One worksheet's visible content as paragraphs above a table."""

    def __init__(self, worksheet, epoch, via: str | None) -> None:  # type: ignore[no-untyped-def]
        self.ws = worksheet
        self.epoch = epoch
        self.via = via
        self.name: str = worksheet.title
        self.hidden_rows = {r for r, d in worksheet.row_dimensions.items() if d.hidden}
        self.hidden_cols: set[int] = set()
        for dim in worksheet.column_dimensions.values():
            if dim.hidden and dim.min is not None:
                self.hidden_cols.update(range(dim.min, (dim.max or dim.min) + 1))
        self.texts = self._texts()
        self._by_row: dict[int, list[tuple[int, int]]] | None = None
        self.spans = self._spans()

    def _texts(self) -> dict[tuple[int, int], str]:
        out: dict[tuple[int, int], str] = {}
        # ws._cells holds only the cells the file has; iter_rows would create the rest
        for (row, col), cell in self.ws._cells.items():
            if row in self.hidden_rows or col in self.hidden_cols or cell.value is None:
                continue
            text = self._display(cell).replace("\r\n", "\n").replace("\r", "\n").strip()
            if text:
                out[(row, col)] = text
        return out

    def _display(self, cell) -> str:  # type: ignore[no-untyped-def]
        value, number_format = cell.value, cell.number_format
        locale_format = CJK_BUILTIN_DATE_FORMATS.get(getattr(cell._style, "numFmtId", -1))
        if locale_format is not None:
            number_format = locale_format
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                from openpyxl.utils.datetime import from_excel

                with contextlib.suppress(ValueError, OverflowError):
                    value = from_excel(value, self.epoch)
        return display_text(value, number_format)

    def _spans(self) -> list[_Span]:
        return [
            _Span(r.min_row, r.min_col, r.max_row, r.max_col) for r in self.ws.merged_cells.ranges
        ]

    def _kept(self) -> tuple[list[int], list[int]]:
        rows, cols = set(), set()
        for row, col in self.texts:
            rows.add(row)
            cols.add(col)
        for span in self.spans:
            if (span.min_row, span.min_col) not in self.texts:
                continue  # an empty merged block keeps nothing by itself
            rows.update(r for r in range(span.min_row, span.max_row + 1))
            cols.update(c for c in range(span.min_col, span.max_col + 1))
        rows -= self.hidden_rows
        cols -= self.hidden_cols
        return sorted(rows), sorted(cols)

    def grid_size(self) -> tuple[int, int]:
        """(rows, columns) the sheet's table would have, before any is built."""
        rows, cols = self._kept()
        return len(rows), len(cols)

    def blocks(self, *, first_block: int, table_index: int) -> list[Block]:
        rows, cols = self._kept()
        if not rows or not cols:
            return []
        out: list[Block] = []
        start = 0
        while start < len(rows) and self._single_line(rows[start]):
            row = rows[start]
            out.append(self._line_block(self._line_text(row), first_block + len(out), row))
            start += 1
        rows = rows[start:]
        if rows:
            caption = _caption([b.text for b in out])
            out.append(self._table(rows, cols, first_block + len(out), table_index, caption))
        return out

    def _anchors_in_row(self, row: int) -> list[tuple[int, int]]:
        if self._by_row is None:
            by_row: dict[int, list[tuple[int, int]]] = {}
            for r, c in self.texts:
                by_row.setdefault(r, []).append((r, c))
            self._by_row = {r: sorted(cells) for r, cells in by_row.items()}
        return self._by_row.get(row, [])

    def _single_line(self, row: int) -> bool:
        """A row above the grid holding one piece of text (a title, a unit note)."""
        if len(self._anchors_in_row(row)) != 1:
            return False
        # a cell merged down into the rows below belongs to the grid
        return not any(s.min_row == row and s.max_row > row for s in self.spans)

    def _line_text(self, row: int) -> str:
        return self.texts[self._anchors_in_row(row)[0]]

    def _line_block(self, text: str, block: int, row: int) -> Heading | Paragraph:
        col = self._anchors_in_row(row)[0][1]
        provenance = Provenance(block=block, via=self.via, sheet=self.name, cell=_ref(row, col))
        detected = detect_heading(text, None)
        if detected is not None:
            return Heading(text, detected[0], provenance, numbering=detected[1])
        return Paragraph(text=text, provenance=provenance)

    def _table(
        self, rows: list[int], cols: list[int], block: int, index: int, caption: str | None
    ) -> Table:
        row_at = {r: i for i, r in enumerate(rows)}
        col_at = {c: i for i, c in enumerate(cols)}
        covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for span in self.spans:
            kept_r = [r for r in range(span.min_row, span.max_row + 1) if r in row_at]
            kept_c = [c for c in range(span.min_col, span.max_col + 1) if c in col_at]
            if not kept_r or not kept_c:
                continue
            origin = (row_at[kept_r[0]], col_at[kept_c[0]])
            covered[origin] = (span.min_row, span.min_col, len(kept_r), len(kept_c))
            for r in kept_r:
                for c in kept_c:
                    if (row_at[r], col_at[c]) != origin:
                        covered[(row_at[r], col_at[c])] = (0, 0, 0, 0)
        cells: list[Cell] = []
        for i, row in enumerate(rows):
            for j, col in enumerate(cols):
                merge = covered.get((i, j))
                if merge == (0, 0, 0, 0):
                    continue
                src_row, src_col, row_span, col_span = merge or (row, col, 1, 1)
                cells.append(
                    Cell(
                        text=self.texts.get((src_row, src_col), ""),
                        row=i,
                        col=j,
                        provenance=Provenance(
                            block=block,
                            table=index,
                            row=i,
                            col=j,
                            via=self.via,
                            sheet=self.name,
                            cell=_ref(src_row, src_col),
                        ),
                        row_span=row_span,
                        col_span=col_span,
                    )
                )
        return Table(
            index=index,
            n_rows=len(rows),
            n_cols=len(cols),
            cells=tuple(cells),
            provenance=Provenance(
                block=block, table=index, via=self.via, sheet=self.name, cell=_ref(rows[0], cols[0])
            ),
            caption=caption,
        )


def _ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


def _caption(lines: list[str]) -> str | None:
    """Title / unit lines right above the grid, as the DOCX reader takes them."""
    kept: list[str] = []
    for text in reversed(lines[-2:]):
        if len(text) > _MAX_CAPTION_CHARS or not _CAPTION_HINT.search(text):
            break
        kept.insert(0, text)
    return "\n".join(kept) or None
