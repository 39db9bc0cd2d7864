"""Format sniffing from bytes, and OLE2 (.doc / .xls / encrypted) detection."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx
import pytest

from jixiao.errors import EncryptedDocumentError, UnsupportedFormatError
from jixiao.extract import read_document
from jixiao.extract.sniff import ole_streams, sniff_format, sniff_path

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _dir_entry(name: str, kind: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM)
        + b"\0" * 16  # clsid
        + b"\0" * 4  # state bits
        + b"\0" * 16  # times
        + struct.pack("<IQ", start, size)
    )


def write_ole(path: Path, streams: dict[str, bytes]) -> Path:
    """A minimal version-3 compound file: one FAT sector, one directory sector, and
    each stream (padded to at least 4 KiB so it lives in regular sectors)."""
    sector = 512
    data_sectors: list[bytes] = []
    entries = [_dir_entry("Root Entry", 5, END, 0)]
    fat = [FATSECT, END]
    for name, content in streams.items():
        content = content.ljust(4096, b"\0")
        n = -(-len(content) // sector)
        first = 2 + len(data_sectors)
        for i in range(n):
            data_sectors.append(content[i * sector : (i + 1) * sector].ljust(sector, b"\0"))
            fat.append(first + i + 1 if i < n - 1 else END)
        entries.append(_dir_entry(name, 2, first, len(content)))
    assert len(entries) <= 4 and len(fat) <= 128
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # FAT sectors, first dir sector
    struct.pack_into("<IIIII", header, 0x38, 4096, END, 0, END, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([FREE] * 108))
    fat_sector = struct.pack("<128I", *(fat + [FREE] * (128 - len(fat))))
    directory = b"".join(entries).ljust(sector, b"\0")
    path.write_bytes(bytes(header) + fat_sector + directory + b"".join(data_sectors))
    return path


def fib(encrypted: bool) -> bytes:
    flags = 0x0100 if encrypted else 0
    return struct.pack("<HHHHHH", 0xA5EC, 0xC1, 0, 0, 0, flags)


@pytest.mark.parametrize(
    ("head", "names", "expected"),
    [
        (b"%PDF-1.7\n", None, "pdf"),
        (b"\xef\xbb\xbf  {\\rtf1\\ansi", None, "rtf"),
        (b"PK\x03\x04rest", ["[Content_Types].xml", "word/document.xml"], "docx"),
        (b"PK\x03\x04rest", ["xl/workbook.xml"], "xlsx"),
        (b"PK\x03\x04rest", ["ppt/presentation.xml"], "pptx"),
        (b"PK\x03\x04rest", ["a.txt"], "zip"),
        (
            b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text",
            None,
            "odt",
        ),
        (b"<html xmlns:w='urn:schemas-microsoft-com:office:word'>", None, "html"),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x", None, "html"),
        (b'<?xml version="1.0"?><w:wordDocument xmlns:w="x">', None, "wordml"),
        (b"\x89PNG\r\n\x1a\n", None, None),
        (b"", None, None),
        (b"hello world", None, None),
    ],
)
def test_sniff_format(head: bytes, names: list[str] | None, expected: str | None) -> None:
    assert sniff_format(head, names) == expected


def test_ole_with_and_without_word_stream() -> None:
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert sniff_format(magic, ole_names=["WordDocument", "1Table"]) == "doc"
    assert sniff_format(magic, ole_names=["Workbook"]) == "xls"
    assert sniff_format(magic, ole_names=["PowerPoint Document"]) == "ole"
    # without a directory listing, a whole-file head is searched for the stream name
    assert sniff_format(magic + "WordDocument".encode("utf-16-le")) == "doc"
    assert sniff_format(magic + b"\0" * 100) == "ole"


def test_ole_directory_is_read(tmp_path: Path) -> None:
    path = write_ole(tmp_path / "x.doc", {"WordDocument": fib(False), "1Table": b"t"})
    with path.open("rb") as fh:
        streams = ole_streams(fh)
    assert set(streams) == {"WordDocument", "1Table"}
    assert streams["WordDocument"].size == 4096
    assert sniff_path(path).format == "doc"


def test_other_ole_file_is_neither_word_nor_spreadsheet(tmp_path: Path) -> None:
    path = write_ole(tmp_path / "slides.doc", {"PowerPoint Document": b"x"})
    assert sniff_path(path).format == "ole"
    with pytest.raises(UnsupportedFormatError) as info:
        read_document(path)
    assert info.value.reason == (
        "OLE2 file without a WordDocument or Workbook stream: not a Word document "
        "or spreadsheet (a PowerPoint or other Office file)"
    )


def test_password_protected_docx_package(tmp_path: Path) -> None:
    path = write_ole(tmp_path / "secret.docx", {"EncryptionInfo": b"i", "EncryptedPackage": b"p"})
    with pytest.raises(EncryptedDocumentError) as info:
        read_document(path)
    assert info.value.reason == "password-protected Office document"


def test_password_protected_doc_is_refused_before_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")  # must not be needed
    path = write_ole(tmp_path / "secret.doc", {"WordDocument": fib(True), "1Table": b"t"})
    with pytest.raises(EncryptedDocumentError) as info:
        read_document(path)
    assert info.value.reason == "password-protected Word document"


def test_doc_that_is_really_a_docx_is_read_directly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")  # no conversion allowed
    document = docx.Document()
    document.add_paragraph("一、项目基本概况")
    document.add_table(rows=1, cols=2).cell(0, 1).text = "898.7"
    path = tmp_path / "report.doc"
    document.save(path)
    doc = read_document(path)
    assert doc.source.format == "docx"
    assert doc.tables[0].cell_at(0, 1).text == "898.7"
    assert doc.tables[0].cells[0].provenance.via is None


def test_pdf_named_docx_goes_to_the_pdf_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jixiao.extract.pdf as pdf_package

    seen: list[tuple[Path, str]] = []

    def fake_read_pdf(path: Path, source: object) -> str:
        seen.append((path, source.format))  # type: ignore[attr-defined]
        return "read"

    monkeypatch.setattr(pdf_package, "read_pdf", fake_read_pdf, raising=False)
    path = tmp_path / "scan.docx"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert read_document(path) == "read"
    assert seen == [(path, "pdf")]


def test_sniff_path_reads_the_zip_directory(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    sniffed = sniff_path(path)
    assert sniffed.format == "docx"
    assert sniffed.zip_names == ("word/document.xml",)


def test_odt_with_mimetype_not_first(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", "<x/>")
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert sniff_path(path).format == "odt"
