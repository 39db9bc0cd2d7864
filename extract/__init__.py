"""Stage 1: read DOCX, PDF, legacy Word and spreadsheet files into one document model.

:func:`read_document` is the entry point: it decides what a file is from its bytes
(a ``.doc`` that is really a DOCX goes straight to the DOCX reader), fingerprints it
and dispatches to the reader for that format (imported lazily: the DOCX reader needs
lxml, the PDF reader pdfplumber). Every failure a file can cause is a
:class:`~jixiao.errors.DocumentError` with a one-line ``reason``; raw ``zipfile`` or
``lxml`` exceptions never escape.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from pathlib import Path

from jixiao.errors import (
    CorruptDocumentError,
    DocumentError,
    EncryptedDocumentError,
    InfrastructureError,
    NoTextLayerError,
    UnsupportedFormatError,
    display_path,
)
from jixiao.extract.model import Document, SourceInfo
from jixiao.extract.sniff import (
    describe_head,
    ole_streams,
    sniff_path,
    word_document_encrypted,
    workbook_encrypted,
)

logger = logging.getLogger(__name__)

__all__ = ["read_document", "sha256_file"]

_CHUNK = 1024 * 1024
# Formats LibreOffice turns into DOCX for the DOCX reader.
CONVERTED_FORMATS = frozenset({"doc", "rtf", "odt", "html", "wordml"})


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of the file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path | str) -> Document:
    """Read one file into a :class:`Document` (format sniffed from the bytes)."""
    path = Path(path)
    try:
        return _read(path)
    except DocumentError as exc:
        located = exc.with_path(str(path))
        if located is exc:
            raise
        raise located from exc


def _read(path: Path) -> Document:
    try:
        if not path.is_file():
            raise DocumentError("no such file" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        if size == 0:
            raise CorruptDocumentError("empty file (0 bytes)")
        sniffed = sniff_path(path)
        sha256 = sha256_file(path)
    except PermissionError as exc:
        raise DocumentError("cannot read file: permission denied") from exc
    except FileNotFoundError as exc:
        raise DocumentError("the file vanished before it could be read") from exc
    except OSError as exc:
        raise InfrastructureError(
            f"{display_path(path)}: cannot read file: {exc.strerror or exc}"
        ) from exc

    fmt = sniffed.format
    if fmt is None:
        raise UnsupportedFormatError(
            f"not a DOCX, PDF or Word document ({describe_head(sniffed.head)})"
        )
    source = SourceInfo(path=str(path), sha256=sha256, format=fmt, size=size)
    logger.debug("%s: sniffed %s (%d bytes)", display_path(path), fmt, size)

    if fmt == "docx":
        from jixiao.extract.docx_reader import read_docx

        return read_docx(path, source)
    if fmt == "pdf":
        return _read_pdf(path, source)
    if fmt == "xlsx":
        from jixiao.extract.xlsx_reader import read_xlsx

        return read_xlsx(path, source)
    if fmt == "xls":
        return _read_converted_workbook(path, source)
    if fmt in CONVERTED_FORMATS:
        return _read_converted(path, source)
    if fmt == "ole":
        names = set(sniffed.ole_names or ())
        if {"EncryptionInfo", "EncryptedPackage"} <= names:
            raise EncryptedDocumentError("password-protected Office document")
        raise UnsupportedFormatError(
            "OLE2 file without a WordDocument or Workbook stream: not a Word document "
            "or spreadsheet (a PowerPoint or other Office file)"
        )
    if fmt == "zip" and sniffed.zip_names is None:
        raise CorruptDocumentError("damaged DOCX: truncated or corrupt zip archive")
    if fmt in ("zip", "pptx"):
        detail = "" if fmt == "zip" else f" (it is a {fmt} file)"
        raise UnsupportedFormatError(f"zip archive without word/document.xml: not a DOCX{detail}")
    raise UnsupportedFormatError(f"{fmt} files are not supported")


def _read_pdf(path: Path, source: SourceInfo) -> Document:
    """The PDF reader; scanned pages (no text layer) are OCR'd when OCR is installed."""
    from jixiao.extract.ocr import INSTALL_HINT, fill_scanned_pages, ocr_available, ocr_pdf
    from jixiao.extract.pdf import read_pdf

    try:
        doc = read_pdf(path, source)
    except NoTextLayerError as exc:
        if not ocr_available():
            raise NoTextLayerError(f"{exc.reason} {INSTALL_HINT}", page=exc.page) from exc
        logger.info("%s: %s; reading it by OCR", display_path(path), exc.reason)
        return ocr_pdf(path, source)
    if isinstance(doc, Document) and ocr_available():
        return fill_scanned_pages(doc, path)  # pages without a text layer, if any
    return doc


def _read_converted(path: Path, source: SourceInfo) -> Document:
    from jixiao.extract.docx_reader import read_docx
    from jixiao.extract.legacy import converted_to_docx

    if source.format == "doc" and _doc_encrypted(path):
        raise EncryptedDocumentError("password-protected Word document")
    with converted_to_docx(path, source_format=source.format) as docx_path:
        return read_docx(docx_path, source, via="libreoffice")


def _read_converted_workbook(path: Path, source: SourceInfo) -> Document:
    """Excel 97-2003 / WPS 表格 (.xls, .et): LibreOffice makes an XLSX of it."""
    from jixiao.extract.legacy import converted_to_xlsx
    from jixiao.extract.xlsx_reader import read_xlsx

    if _xls_encrypted(path):
        raise EncryptedDocumentError("password-protected spreadsheet")
    with converted_to_xlsx(path) as xlsx_path:
        return read_xlsx(xlsx_path, source, via="libreoffice")


def _xls_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            entry = ole_streams(fh).get("Workbook")
            return entry is not None and workbook_encrypted(fh, entry)
    except (ValueError, struct.error) as exc:
        logger.debug("%s: cannot read the Workbook stream: %s", path, exc)
        return False


def _doc_encrypted(path: Path) -> bool:
    """Whether a Word 97-2003 file says it is encrypted (its FIB's ``fEncrypted``)."""
    try:
        with path.open("rb") as fh:
            entry = ole_streams(fh).get("WordDocument")
            return entry is not None and word_document_encrypted(fh, entry)
    except (ValueError, struct.error) as exc:
        logger.debug("%s: cannot read the Word FIB: %s", display_path(path), exc)
        return False
