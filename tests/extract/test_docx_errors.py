"""Bad DOCX inputs fail with a DocumentError and an exact one-line reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from jixiao.errors import CorruptDocumentError, DocumentError, UnsupportedFormatError
from jixiao.extract import read_document, sha256_file
from jixiao.extract.docx_reader import read_docx
from jixiao.extract.model import SourceInfo
from jixiao.extract.zip_safety import ZipLimits, check_zip

MB = 1024 * 1024


def real_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("一、项目基本概况")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目名称"
    document.save(path)
    return path


def reason_of(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        read_document(path)
    return info.value


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    error = reason_of(path)
    assert isinstance(error, CorruptDocumentError)
    assert error.reason == "empty file (0 bytes)"
    assert error.path == str(path)


def test_missing_file(tmp_path: Path) -> None:
    assert reason_of(tmp_path / "nope.docx").reason == "no such file"


def test_truncated_docx(tmp_path: Path) -> None:
    data = real_docx(tmp_path / "ok.docx").read_bytes()
    path = tmp_path / "half.docx"
    path.write_bytes(data[: len(data) // 2])
    error = reason_of(path)
    assert isinstance(error, CorruptDocumentError)
    assert error.reason == "damaged DOCX: truncated or corrupt zip archive"


def test_png_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "photo.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    error = reason_of(path)
    assert isinstance(error, UnsupportedFormatError)
    assert error.reason == "not a DOCX, PDF or Word document (a PNG image)"


def test_zip_without_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    error = reason_of(path)
    assert isinstance(error, UnsupportedFormatError)
    assert error.reason == "zip archive without word/document.xml: not a DOCX"
    # the reader refuses it the same way when called directly
    source = SourceInfo(str(path), sha256_file(path), "docx", path.stat().st_size)
    with pytest.raises(UnsupportedFormatError) as info:
        read_docx(path, source)
    assert info.value.reason == "zip archive without word/document.xml: not a DOCX"


def test_xlsx_named_docx_is_read_as_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert reason_of(path).reason == (
        "damaged XLSX: There is no item named '[Content_Types].xml' in the archive"
    )


def test_pptx_named_docx_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "slides.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ppt/presentation.xml", "<presentation/>")
    assert reason_of(path).reason == (
        "zip archive without word/document.xml: not a DOCX (it is a pptx file)"
    )


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/blob.bin", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(chunk)
    assert path.stat().st_size < 3 * MB
    error = reason_of(path)
    assert isinstance(error, CorruptDocumentError)
    assert error.reason == "refusing DOCX: uncompressed size 300.0 MB exceeds limit 200.0 MB"


def _archive(members: dict[str, bytes]) -> zipfile.ZipFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


def test_compression_ratio_limit() -> None:
    archive = _archive({"word/document.xml": b"\0" * (11 * MB)})
    with pytest.raises(CorruptDocumentError) as info:
        check_zip(archive)
    assert info.value.reason.startswith("refusing DOCX: member word/document.xml expands ")
    assert info.value.reason.endswith("to 11.0 MB, exceeds limit 200:1")
    # small members may compress as well as they like
    check_zip(_archive({"word/document.xml": b"\0" * MB}))


def test_member_count_limit() -> None:
    archive = _archive({f"m{i}.xml": b"x" for i in range(5)})
    with pytest.raises(CorruptDocumentError) as info:
        check_zip(archive, ZipLimits(max_members=4))
    assert info.value.reason == "refusing DOCX: 5 zip members exceeds limit 4"


def test_malformed_document_xml_names_the_line(tmp_path: Path) -> None:
    good = real_docx(tmp_path / "ok.docx")
    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = b'<?xml version="1.0"?>\n<w:document xmlns:w="x">\n<w:body><w:p>\n</w:body>'
            dst.writestr(item, data)
    error = reason_of(path)
    assert isinstance(error, CorruptDocumentError)
    assert error.reason == "damaged DOCX: word/document.xml is not well-formed (line 4)"


def test_corrupt_member_data_is_a_document_error(tmp_path: Path) -> None:
    good = real_docx(tmp_path / "ok.docx")
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("word/document.xml")
    # flip bytes inside the compressed document.xml (after its 30-byte local header)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    for i in range(start, start + 40):
        data[i] ^= 0xFF
    path = tmp_path / "crc.docx"
    path.write_bytes(bytes(data))
    error = reason_of(path)
    assert isinstance(error, CorruptDocumentError)
    assert error.reason.startswith("damaged DOCX: ")


def test_good_docx_source_info(tmp_path: Path) -> None:
    path = real_docx(tmp_path / "ok.docx")
    doc = read_document(str(path))
    assert doc.source.path == str(path)
    assert doc.source.format == "docx"
    assert doc.source.size == path.stat().st_size
    assert doc.source.sha256 == sha256_file(path)
    assert len(doc.source.sha256) == 64
    assert doc.plain_text().startswith("一、项目基本概况\n项目名称")


def test_main_part_found_through_relationships(tmp_path: Path) -> None:
    good = real_docx(tmp_path / "ok.docx")
    path = tmp_path / "renamed.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            name = item.filename
            if name == "word/document.xml":
                name = "word/document2.xml"
            elif name == "word/_rels/document.xml.rels":
                name = "word/_rels/document2.xml.rels"
            elif name in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"/document.xml", b"/document2.xml")
            dst.writestr(name, data)
    doc = read_document(path)
    assert doc.source.format == "docx"
    assert doc.plain_text().startswith("一、项目基本概况")


def test_directory_is_not_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert reason_of(folder).reason == "not a regular file"
