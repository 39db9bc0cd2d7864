"""Look at an XLSX package before openpyxl loads it: which sheets, how big, which formulas.

openpyxl's full (not read-only) mode is needed for merged cells, row heights and hidden
columns, and it holds every cell in memory. So each worksheet's XML is streamed once
first (lxml ``iterparse``, entities never expanded, elements freed as they pass) to
count its rows and cells, stopping as soon as a sheet passes the limits: a sheet with
a million used rows is refused after reading just past the limit, never loaded. The
same pass notes formula cells saved without a cached value (``<f>`` without ``<v>``),
which openpyxl's ``data_only`` mode shows as empty, and adds up the area of merged
ranges: openpyxl makes one object per merged position, so ``A1:XFD1048576`` in a
few bytes of XML would otherwise cost it seventeen billion.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree
from openpyxl.utils.cell import range_boundaries

from jixiao.errors import CorruptDocumentError

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAX_FORMULA_NOTES = 50


@dataclass(frozen=True)
class SheetLimits:
    """What one worksheet may hold before it is refused (real forms hold a few hundred)."""

    max_rows: int = 100_000
    max_cells: int = 1_000_000
    max_grid_cells: int = 2_000_000  # rows × columns of the table, empty positions included


DEFAULT_SHEET_LIMITS = SheetLimits()


@dataclass(frozen=True)
class SheetScan:
    """What the streaming pass saw in one worksheet part."""

    name: str
    part: str
    rows: int
    cells: int
    over_limit: bool
    formulas_without_value: tuple[str, ...] = ()  # A1 references, the first 50


def _parser_kwargs() -> dict[str, bool]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False}


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        data = archive.read(name)
        return etree.fromstring(data, etree.XMLParser(**_parser_kwargs()))
    except KeyError as exc:
        raise CorruptDocumentError(f"damaged XLSX: {name} is missing") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocumentError("damaged XLSX: truncated or corrupt zip archive") from exc
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(f"damaged XLSX: {name} is not well-formed") from exc


def sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, worksheet part) in workbook order; chart sheets are left out."""
    workbook = "xl/workbook.xml"
    root = _xml(archive, workbook)
    rels_name = "xl/_rels/workbook.xml.rels"
    targets: dict[str, str] = {}
    if rels_name in archive.namelist():
        for rel in _xml(archive, rels_name).iterchildren(f"{{{_REL_NS}}}Relationship"):
            target = rel.get("Target", "")
            if not rel.get("Type", "").endswith("/worksheet") or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            targets[rel.get("Id", "")] = posixpath.normpath(resolved)
    out: list[tuple[str, str]] = []
    for sheet in root.iter("{*}sheet"):
        part = targets.get(sheet.get(f"{{{_DOC_REL_NS}}}id", ""))
        if part is not None:
            out.append((sheet.get("name", ""), part))
    return out


def scan_sheet(
    archive: zipfile.ZipFile, name: str, part: str, limits: SheetLimits = DEFAULT_SHEET_LIMITS
) -> SheetScan:
    """Stream one worksheet part, counting rows and cells up to the limits."""
    rows = cells = 0
    formulas: list[str] = []
    try:
        with archive.open(part) as stream:
            for _, element in etree.iterparse(
                stream, events=("end",), tag=("{*}row", "{*}c", "{*}mergeCell"), **_parser_kwargs()
            ):
                if element.tag.endswith("}mergeCell"):
                    cells += _area(element.get("ref", ""))
                    if cells > limits.max_cells:
                        return SheetScan(name, part, rows, cells, True)
                    continue
                if element.tag.endswith("}row"):
                    rows += 1
                    element.clear()
                    parent = element.getparent()
                    while parent is not None and element.getprevious() is not None:
                        del parent[0]  # rows already counted: keep memory flat
                    if rows > limits.max_rows:
                        return SheetScan(name, part, rows, cells, True)
                    continue
                cells += 1
                if cells > limits.max_cells:
                    return SheetScan(name, part, rows, cells, True)
                if len(formulas) < _MAX_FORMULA_NOTES and _formula_without_value(element):
                    formulas.append(element.get("r", "?"))
    except KeyError as exc:
        raise CorruptDocumentError(f"damaged XLSX: {part} is missing") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise CorruptDocumentError("damaged XLSX: truncated or corrupt zip archive") from exc
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(f"damaged XLSX: {part} is not well-formed") from exc
    return SheetScan(name, part, rows, cells, False, tuple(formulas))


def _area(ref: str) -> int:
    """Cells a merged range (``B5:B9``) covers; 0 for a reference that is not one."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    if None in (min_col, min_row, max_col, max_row):
        return 0
    return (max_col - min_col + 1) * (max_row - min_row + 1)  # type: ignore[operator]


def _formula_without_value(cell: etree._Element) -> bool:
    has_formula = has_value = False
    for child in cell:
        local = etree.QName(child).localname
        if local == "f":
            has_formula = True
        elif local == "v" and (child.text or "").strip() or local == "is":
            has_value = True
    return has_formula and not has_value
