"""What a file really is, from its bytes (never from its extension).

Archives hold ``.doc`` files that are DOCX, ``.docx`` files that are PDFs, WPS files
that are OLE2 spreadsheets, and Word "documents" that are HTML saved with a ``.doc``
name. :func:`sniff_format` decides from the first bytes plus, for zips, the member
names and, for OLE2 compound files, the stream names in the OLE directory.

An OLE2 file with a ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream is an Excel 97-2003
spreadsheet, whatever its extension: ``.xls`` and WPS 表格's ``.et`` both look like
this and are ``"xls"``.

:func:`ole_stream_names` is a deliberately small reader of the OLE2 (Compound File
Binary) directory: enough to tell a Word 97-2003 document (``WordDocument`` stream)
from an Excel or WPS file, and a password-protected OOXML package
(``EncryptionInfo`` + ``EncryptedPackage``) from both.
"""

from __future__ import annotations

import logging
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jixiao.errors import display_path

logger = logging.getLogger(__name__)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
PDF_MAGIC = b"%PDF-"
RTF_MAGIC = b"{\\rtf"
HEAD_BYTES = 4096

_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_XLSX_MEMBERS = (b"xl/workbook.xml", b"xl/worksheets/", b"xl/styles.xml", b"xl/theme/")
_UTF16_WORDDOCUMENT = "WordDocument".encode("utf-16-le")
SPREADSHEET_STREAMS = frozenset({"Workbook", "Book"})  # BIFF8, BIFF5
_UTF16_SPREADSHEET_STREAMS = tuple(
    (name + "\0").encode("utf-16-le") for name in sorted(SPREADSHEET_STREAMS)
)

# OLE2 sector ids with a meaning (everything >= MAXREGSECT ends a chain).
_MAXREGSECT = 0xFFFFFFFA
_MAX_DIR_ENTRIES = 100_000


def sniff_format(
    head: bytes,
    zip_names: Iterable[str] | None = None,
    *,
    ole_names: Iterable[str] | None = None,
) -> str | None:
    """The format the bytes are: ``"docx"``, ``"pdf"``, ``"doc"``, ``"ole"``, ``"rtf"``,
    ``"odt"``, ``"xlsx"``, ``"xls"``, ``"pptx"``, ``"zip"``, ``"html"``, ``"wordml"`` or
    ``None``.

    ``head`` is the start of the file (4 KiB is plenty). ``zip_names`` are the member
    names when the file is a zip; without them a zip is only told apart by what its
    first local header shows. ``ole_names`` are the OLE2 directory's stream names;
    without them the head is searched for the UTF-16 name ``WordDocument`` (which
    finds it when ``head`` is the whole file). An OLE2 file is ``"doc"`` only with a
    ``WordDocument`` stream, ``"xls"`` with a ``Workbook`` or ``Book`` stream (Excel, WPS
    表格); anything else (encrypted OOXML, PowerPoint) is ``"ole"``.
    """
    if not head:
        return None
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(head, zip_names)
    if head.startswith(OLE_MAGIC):
        if ole_names is not None:
            names = set(ole_names)
            if "WordDocument" in names:
                return "doc"
            return "xls" if names & SPREADSHEET_STREAMS else "ole"
        if _UTF16_WORDDOCUMENT in head:
            return "doc"
        return "xls" if any(name in head for name in _UTF16_SPREADSHEET_STREAMS) else "ole"
    # A PDF header may be preceded by junk (the spec allows it within 1 KiB).
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    text_start = _text_start(head)
    if text_start.startswith(RTF_MAGIC):
        return "rtf"
    lowered = text_start[:2048].lower()
    if lowered.startswith(b"<?xml") and b"w:worddocument" in lowered:
        return "wordml"  # Word 2003 XML
    if lowered.startswith((b"<!doctype html", b"<html")) or (
        lowered.startswith(b"<?xml") and b"<html" in lowered
    ):
        return "html"  # "Save as Web page" with a .doc name
    if lowered.startswith(b"mime-version:") and b"multipart/related" in lowered:
        return "html"  # MHTML (single-file web page)
    return None


def _sniff_zip(head: bytes, zip_names: Iterable[str] | None) -> str:
    if zip_names is not None:
        names = set(zip_names)
        if "word/document.xml" in names or (
            "[Content_Types].xml" in names
            and any(n.startswith("word/") and n.endswith(".xml") for n in names)
        ):
            return "docx"  # some writers name the main part word/document2.xml
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if "mimetype" in names and _ODT_MIME in head:
            return "odt"
        return "zip"
    # Without the directory: the first members' local headers are all the head shows.
    if head[30:38] == b"mimetype" and _ODT_MIME in head[:200]:
        return "odt"
    if b"word/" not in head and any(name in head for name in _XLSX_MEMBERS):
        return "xlsx"  # a truncated workbook: its reader reports the damage
    return "zip"


def _text_start(head: bytes) -> bytes:
    """The head without a byte-order mark and leading whitespace (UTF-16 decoded)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        usable = len(head) - (len(head) % 2)
        head = head[2:usable].decode(encoding, errors="ignore").encode("utf-8")
    elif head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()


@dataclass(frozen=True)
class OleEntry:
    """One stream of an OLE2 compound file."""

    name: str
    start_sector: int
    size: int


def ole_streams(fh: BinaryIO) -> dict[str, OleEntry]:
    """The streams in an OLE2 file's directory, by name (storages are skipped).

    Raises :class:`ValueError` when the structure is damaged.
    """
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512 or not header.startswith(OLE_MAGIC):
        raise ValueError("not an OLE2 compound file")
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise ValueError(f"bad OLE2 sector shift {sector_shift}")
    sector_size = 1 << sector_shift
    n_fat, first_dir = struct.unpack_from("<II", header, 0x2C)
    first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < _MAXREGSECT]
    sector = first_difat
    for _ in range(min(n_difat, 10_000)):
        if sector >= _MAXREGSECT:
            break
        block = _read_sector(fh, sector, sector_size)
        entries = struct.unpack(f"<{sector_size // 4}I", block)
        fat_sectors.extend(s for s in entries[:-1] if s < _MAXREGSECT)
        sector = entries[-1]
    fat: list[int] = []
    for fat_sector in fat_sectors[:n_fat]:
        block = _read_sector(fh, fat_sector, sector_size)
        fat.extend(struct.unpack(f"<{sector_size // 4}I", block))

    streams: dict[str, OleEntry] = {}
    seen: set[int] = set()
    sector = first_dir
    while sector < _MAXREGSECT and sector not in seen and len(seen) * 32 < _MAX_DIR_ENTRIES:
        seen.add(sector)
        block = _read_sector(fh, sector, sector_size)
        for offset in range(0, sector_size, 128):
            entry = block[offset : offset + 128]
            name_len, kind = struct.unpack_from("<HB", entry, 0x40)
            if kind != 2 or not 2 <= name_len <= 64:
                continue
            name = entry[: name_len - 2].decode("utf-16-le", errors="replace")
            start, size = struct.unpack_from("<IQ", entry, 0x74)
            if sector_shift == 9:
                size &= 0xFFFFFFFF  # version 3 files: the high half may be garbage
            streams[name] = OleEntry(name, start, size)
        if sector >= len(fat):
            break
        sector = fat[sector]
    return streams


def _read_sector(fh: BinaryIO, sector: int, sector_size: int) -> bytes:
    fh.seek((sector + 1) * sector_size)
    block = fh.read(sector_size)
    if len(block) != sector_size:
        raise ValueError(f"OLE2 sector {sector} lies beyond the end of the file")
    return block


def word_document_encrypted(fh: BinaryIO, entry: OleEntry) -> bool:
    """Whether a Word 97-2003 ``WordDocument`` stream has ``fEncrypted`` set in its FIB.

    The stream is always larger than the 4 KiB mini-stream cut-off, so its first
    sector is a regular sector; the flag is bit 8 of the 16-bit word at offset 0x0A.
    """
    fh.seek(0)
    header = fh.read(512)
    sector_size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
    if entry.size < 4096 or entry.start_sector >= _MAXREGSECT:
        return False
    fib = _read_sector(fh, entry.start_sector, sector_size)
    flags = struct.unpack_from("<H", fib, 0x0A)[0]
    return bool(flags & 0x0100)


def workbook_encrypted(fh: BinaryIO, entry: OleEntry) -> bool:
    """Whether an Excel 97-2003 ``Workbook`` stream is password-protected.

    BIFF8 puts a ``FILEPASS`` record (0x002F) right after the first ``BOF`` (0x0809).
    Only a stream in regular sectors (4 KiB or more, as every real workbook is) is
    looked at.
    """
    fh.seek(0)
    header = fh.read(512)
    sector_size = 1 << struct.unpack_from("<H", header, 0x1E)[0]
    if entry.size < 4096 or entry.start_sector >= _MAXREGSECT:
        return False
    block = _read_sector(fh, entry.start_sector, sector_size)
    kind, length = struct.unpack_from("<HH", block, 0)
    if kind != 0x0809 or 4 + length + 4 > len(block):
        return False
    return struct.unpack_from("<H", block, 4 + length)[0] == 0x002F


@dataclass(frozen=True)
class Sniffed:
    """What :func:`sniff_path` found: the format plus the names it looked at."""

    format: str | None
    head: bytes
    zip_names: tuple[str, ...] | None = None
    ole_names: tuple[str, ...] | None = None


def sniff_path(path: Path) -> Sniffed:
    """Sniff a file on disk, reading the zip or OLE2 directory when there is one.

    A damaged zip or OLE2 directory is not an error here: the format is then decided
    from the head alone and the reader reports the damage.
    """
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        zip_names: tuple[str, ...] | None = None
        ole_names: tuple[str, ...] | None = None
        if head.startswith(ZIP_MAGICS):
            try:
                with zipfile.ZipFile(fh) as archive:
                    zip_names = tuple(archive.namelist())
                    if "mimetype" in zip_names and _ODT_MIME not in head:
                        # the mimetype member should come first, but not every writer obeys
                        with archive.open("mimetype") as member:
                            head = head + b"\n" + member.read(len(_ODT_MIME) + 8)
            except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError) as exc:
                logger.debug("%s: zip directory unreadable: %s", display_path(path), exc)
        elif head.startswith(OLE_MAGIC):
            try:
                ole_names = tuple(ole_streams(fh))
            except (ValueError, struct.error, OSError) as exc:
                logger.debug("%s: OLE2 directory unreadable: %s", display_path(path), exc)
    fmt = sniff_format(head, zip_names, ole_names=ole_names)
    return Sniffed(fmt, head, zip_names, ole_names)


# What a file that is not a document is, by its magic number (for error messages).
_KNOWN_HEADS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows program"),
    (b"%!PS", "a PostScript file"),
)


def describe_head(head: bytes) -> str:
    """What the first bytes say a file is, without quoting them: an error message must
    never echo a file's content (a link to ``/etc/passwd`` would print its first line).
    """
    for magic, what in _KNOWN_HEADS:
        if head.startswith(magic):
            return what
    sample = head[:HEAD_BYTES]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = sample[: exc.start].decode("utf-8") if exc.start > len(sample) - 4 else ""
    if text and all(c.isprintable() or c in "\r\n\t\f" for c in text):
        return "plain text"
    return "unrecognised binary data"
