"""Open a DOCX package safely: refuse zip bombs, parse XML without entity tricks.

A DOCX is a zip; a hostile or broken one can declare gigabytes of XML behind a few
kilobytes (a zip bomb) or hold millions of members. The checks read only the central
directory. Members are never extracted to disk, and :mod:`zipfile` stops reading a
member at its declared size, so the declared sizes checked here bound what the
reader can be made to decompress.

:class:`DocxPackage` reads parts of an open package: every zip, zlib and XML failure
comes out as a :class:`CorruptDocumentError` with a one-line reason, XML is parsed
without entity expansion or network access, and ISO "strict" OOXML is read under the
usual transitional namespace.
"""

from __future__ import annotations

import logging
import posixpath
import zipfile
import zlib
from dataclasses import dataclass

from lxml import etree

from jixiao.errors import CorruptDocumentError, UnsupportedFormatError

logger = logging.getLogger(__name__)

_MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """The limits :func:`check_zip` applies (defaults suit any real report)."""

    max_total_uncompressed: int = 200 * _MB
    max_members: int = 10_000
    max_ratio: float = 200.0
    ratio_applies_above: int = 10 * _MB  # small members may compress as well as they like


DEFAULT_LIMITS = ZipLimits()


def _mb(n: int) -> str:
    return f"{n / _MB:.1f} MB"


def check_zip(
    archive: zipfile.ZipFile, limits: ZipLimits = DEFAULT_LIMITS, *, kind: str = "DOCX"
) -> None:
    """Raise :class:`CorruptDocumentError` when ``archive`` is not safe to parse.

    ``kind`` names the package in the reason (``DOCX``, ``XLSX``).
    """
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise CorruptDocumentError(
            f"refusing {kind}: {len(infos)} zip members exceeds limit {limits.max_members}"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_total_uncompressed:
        raise CorruptDocumentError(
            f"refusing {kind}: uncompressed size {_mb(total)} exceeds limit "
            f"{_mb(limits.max_total_uncompressed)}"
        )
    for info in infos:
        if info.file_size <= limits.ratio_applies_above:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise CorruptDocumentError(
                f"refusing {kind}: member {info.filename} expands {ratio:.0f}:1 to "
                f"{_mb(info.file_size)}, exceeds limit {limits.max_ratio:.0f}:1"
            )


DAMAGED_ZIP = "damaged DOCX: truncated or corrupt zip archive"
NOT_A_DOCX = "zip archive without word/document.xml: not a DOCX"
_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,  # no entity expansion: "billion laughs" stays inert
        no_network=True,
        huge_tree=True,  # long text nodes are legal; check_zip already bounds the size
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


class DocxPackage:
    """The parts of an open DOCX zip that the reader needs."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())

    def read(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise CorruptDocumentError(DAMAGED_ZIP) from exc
        except (NotImplementedError, RuntimeError) as exc:  # encrypted or exotic member
            raise CorruptDocumentError(f"damaged DOCX: cannot decompress {name} ({exc})") from exc

    def xml(self, name: str, *, required: bool) -> etree._Element | None:
        if name not in self.names:
            return None
        data = self.read(name).replace(_STRICT_NS, _TRANSITIONAL_NS)
        try:
            return etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            if not required:
                logger.warning("ignoring malformed %s: %s", name, exc)
                return None
            line = exc.lineno if exc.lineno is not None else "?"
            raise CorruptDocumentError(
                f"damaged DOCX: {name} is not well-formed (line {line})"
            ) from exc

    def relationships(self, part: str) -> dict[str, str]:
        """Relationship type (last path segment) → target part name, for ``part``."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"), required=False)
        out: dict[str, str] = {}
        if rels is None:
            return out
        for rel in rels.iterchildren(f"{{{_REL_NS}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External" or not target or kind in out:
                continue
            resolved = (
                target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            )
            out[kind] = posixpath.normpath(resolved)
        return out

    def main_part(self) -> str:
        target = self.relationships("").get("officeDocument")
        if target in self.names and target is not None and target.endswith(".xml"):
            return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise UnsupportedFormatError(NOT_A_DOCX)

    def pages(self) -> int | None:
        """The page count Word stored, or None when the statistics are stale.

        A producer that never laid the document out (python-docx, many generators)
        leaves the template's ``<Pages>1</Pages>`` beside ``<Words>0</Words>`` and
        ``<Characters>0</Characters>``; such a count says nothing.
        """
        app = self.xml("docProps/app.xml", required=False)
        if app is None:
            return None
        counts = [
            (node.text or "").strip()
            for name in ("Words", "Characters")
            for node in app.iter(f"{{*}}{name}")
        ]
        if counts and all(c == "0" for c in counts):
            return None
        for node in app.iter("{*}Pages"):
            text = (node.text or "").strip()
            return int(text) if text.isdigit() and int(text) > 0 else None
        return None
