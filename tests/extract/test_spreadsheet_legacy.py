"""Excel 97-2003 and WPS 表格 files: converted by LibreOffice, then read as XLSX."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_sniff import write_ole

from jixiao.errors import DocumentError, MissingToolError
from jixiao.extract import read_document
from jixiao.extract.sniff import sniff_format, sniff_path

ROOT = Path(__file__).resolve().parents[2]
XLSX = ROOT / "samples" / "xlsx_2022_changde_smart_water_national_form.xlsx"
XLS = ROOT / "samples" / "xlsx_2022_changde_smart_water_national_form.xls"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _require_libreoffice() -> None:
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed: sudo make system-deps")


def test_ole_with_a_workbook_stream_is_a_spreadsheet(tmp_path: Path) -> None:
    assert sniff_format(OLE_MAGIC, ole_names=["Workbook", "SummaryInformation"]) == "xls"
    assert sniff_format(OLE_MAGIC, ole_names=["Book"]) == "xls"  # Excel 5/95
    assert sniff_format(OLE_MAGIC + "Workbook\0".encode("utf-16-le")) == "xls"
    path = write_ole(tmp_path / "budget.doc", {"Workbook": b"x"})  # whatever its name
    assert sniff_path(path).format == "xls"


@pytest.mark.parametrize("suffix", [".xls", ".et"])
def test_legacy_workbook_reads_like_its_xlsx(tmp_path: Path, suffix: str) -> None:
    _require_libreoffice()
    legacy = tmp_path / f"自评表{suffix}"  # WPS 表格 saves .et in the same OLE2 format
    shutil.copyfile(XLS, legacy)
    doc = read_document(legacy)
    original = read_document(XLSX)
    assert doc.source.format == "xls"
    assert [t.row_texts(r) for t in doc.tables for r in range(t.n_rows)] == [
        t.row_texts(r) for t in original.tables for r in range(t.n_rows)
    ]
    cell = doc.tables[0].cell_at(3, 7)
    assert cell is not None and cell.text == "96.35%"
    assert (cell.provenance.via, cell.provenance.sheet, cell.provenance.cell) == (
        "libreoffice",
        "项目自评表",
        "I5",
    )


def test_zip_based_et_is_read_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")  # no conversion allowed
    path = tmp_path / "自评表.et"  # newer WPS saves .et as an OOXML package
    shutil.copyfile(XLSX, path)
    doc = read_document(path)
    assert doc.source.format == "xlsx"
    assert doc.tables[0].cells[0].provenance.via is None


def test_truncated_workbook_is_told_from_a_truncated_docx(tmp_path: Path) -> None:
    head = XLSX.read_bytes()[:3000]
    assert sniff_format(head) == "xlsx"
    path = tmp_path / "cut.xlsx"
    path.write_bytes(head)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert info.value.reason == "damaged XLSX: truncated or corrupt zip archive"


def test_missing_libreoffice_says_what_a_spreadsheet_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(MissingToolError) as info:
        read_document(XLS)
    assert info.value.reason == (
        "JIXIAO_SOFFICE=/nonexistent/soffice is not an executable LibreOffice: spreadsheets "
        "(.xls, .et) need LibreOffice Calc: apt-get install libreoffice-calc-nogui "
        "(or set JIXIAO_SOFFICE)"
    )
