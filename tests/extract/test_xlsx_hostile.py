"""Hostile and broken spreadsheets: one line of reason each, never a traceback or a hang."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_sniff import write_ole

from jixiao.errors import CorruptDocumentError, DocumentError, EncryptedDocumentError
from jixiao.extract import read_document

MB = 1024 * 1024
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _small_workbook(tmp_path: Path) -> dict[str, bytes]:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "项目名称"
    path = tmp_path / "base.xlsx"
    wb.save(path)
    return _members(path)


def _write(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_bomb_is_refused_before_openpyxl_sees_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in _small_workbook(tmp_path).items():
            archive.writestr(name, data)
        with archive.open("xl/media/blob.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(b"\0" * MB)
    assert path.stat().st_size < 3 * MB
    with pytest.raises(CorruptDocumentError) as info:
        read_document(path)
    assert info.value.reason == "refusing XLSX: uncompressed size 300.0 MB exceeds limit 200.0 MB"


def test_billion_laughs_shared_strings_are_refused(tmp_path: Path) -> None:
    members = _small_workbook(tmp_path)
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(rb'<c r="A1".*?</c>', b'<c r="A1" t="s"><v>0</v></c>', members[sheet])
    assert b't="s"' in members[sheet]
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    rels = "xl/_rels/workbook.xml.rels"
    members[rels] = members[rels].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    members["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">{entities}]>'
        f'<sst xmlns="{SHEET_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    ).encode()
    with pytest.raises(CorruptDocumentError) as info:
        read_document(_write(tmp_path / "lol.xlsx", members))
    assert info.value.reason == (
        "refusing XLSX: XML with entity or DTD declarations (a possible billion-laughs attack)"
    )


def _sheet_with_rows(n_rows: int) -> bytes:
    out = io.BytesIO()
    out.write(f'<worksheet xmlns="{SHEET_NS}"><sheetData>'.encode())
    for r in range(1, n_rows + 1):
        out.write(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r))
    out.write(b"</sheetData></worksheet>")
    return out.getvalue()


def test_a_million_used_rows_are_refused_without_loading_them(tmp_path: Path) -> None:
    members = _small_workbook(tmp_path)
    members["xl/worksheets/sheet1.xml"] = _sheet_with_rows(1_048_576)
    with pytest.raises(CorruptDocumentError) as info:
        read_document(_write(tmp_path / "huge.xlsx", members))
    assert info.value.reason == (
        "refusing XLSX: sheet 'Sheet' has more than 100,000 rows or 1,000,000 cells; not read"
    )


def test_an_oversized_sheet_beside_a_form_is_skipped_with_a_note(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["项目名称", "测试项目"])
    wb.create_sheet("明细")["A1"] = 1
    base = tmp_path / "two.xlsx"
    wb.save(base)
    members = _members(base)
    members["xl/worksheets/sheet2.xml"] = _sheet_with_rows(100_001)
    doc = read_document(_write(tmp_path / "with_detail.xlsx", members))
    assert [t.row_texts(0) for t in doc.tables] == [("项目名称", "测试项目")]
    assert [n.code for n in doc.notes] == ["xlsx_sheet_too_large"]


def test_password_protected_workbook(tmp_path: Path) -> None:
    # Excel 2007+ encrypts the whole package into an OLE2 file
    path = write_ole(tmp_path / "secret.xlsx", {"EncryptionInfo": b"i", "EncryptedPackage": b"p"})
    with pytest.raises(EncryptedDocumentError) as info:
        read_document(path)
    assert info.value.reason == "password-protected Office document"


def test_password_protected_xls_is_refused_before_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")  # must not be needed
    bof = struct.pack("<HH", 0x0809, 16) + b"\0" * 16
    filepass = struct.pack("<HH", 0x002F, 4) + b"\1\0\1\0"
    path = write_ole(tmp_path / "secret.et", {"Workbook": bof + filepass})
    with pytest.raises(EncryptedDocumentError) as info:
        read_document(path)
    assert info.value.reason == "password-protected spreadsheet"


def test_truncated_xlsx(tmp_path: Path) -> None:
    whole = _write(tmp_path / "whole.xlsx", _small_workbook(tmp_path)).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptDocumentError) as info:
        read_document(path)
    assert "truncated or corrupt zip archive" in info.value.reason


def test_worksheet_that_is_not_xml(tmp_path: Path) -> None:
    members = _small_workbook(tmp_path)
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row>"
    with pytest.raises(CorruptDocumentError) as info:
        read_document(_write(tmp_path / "bad.xlsx", members))
    assert info.value.reason == "damaged XLSX: xl/worksheets/sheet1.xml is not well-formed"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_xls_that_libreoffice_cannot_read_fails_in_one_line(tmp_path: Path) -> None:
    path = write_ole(tmp_path / "junk.xls", {"Workbook": b"\x09\x08" + b"\xff" * 600})
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert "\n" not in info.value.reason


def test_cells_spread_far_apart_do_not_make_a_huge_grid(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for i in range(1, 1601):  # a diagonal: 1,600 cells, a 1,600 × 1,600 grid
        ws.cell(i, i, i)
    with pytest.raises(CorruptDocumentError) as info:
        wb.save(tmp_path / "diagonal.xlsx")
        read_document(tmp_path / "diagonal.xlsx")
    assert info.value.reason == (
        "refusing XLSX: sheet 'Sheet' spreads its cells over 1,600 rows × 1,600 columns, "
        "more than 2,000,000 grid cells; not read"
    )


def test_a_merged_range_over_the_whole_sheet_is_refused_before_loading(tmp_path: Path) -> None:
    members = _small_workbook(tmp_path)
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(
        b"</sheetData>",
        b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
    )
    assert b"XFD1048576" in members[sheet]
    with pytest.raises(CorruptDocumentError) as info:
        read_document(_write(tmp_path / "merged.xlsx", members))
    assert info.value.reason == (
        "refusing XLSX: sheet 'Sheet' has more than 100,000 rows or 1,000,000 cells; not read"
    )
