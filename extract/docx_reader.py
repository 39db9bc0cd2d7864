"""DOCX → :class:`~jixiao.extract.model.Document`, with zipfile + lxml.

The body is walked in reading order: paragraphs and tables, looking through content
controls (``w:sdt``) and custom XML; headers, footers, comments and footnotes are not
read. Text boxes anchored in a paragraph follow it as their own blocks.

A paragraph is a :class:`Heading` when its style says so (the style's name or its
outline level, following the ``basedOn`` chain, so ``标题 2`` and a custom style based
on ``heading 2`` both count), when it has an outline level of its own, or when
:func:`~jixiao.extract.headings.detect_heading` recognises Chinese numbering. Word's
automatic list labels (``一、`` generated from ``numbering.xml``) are written in front
of the text, as the page shows them. Table-of-contents entries stay paragraphs.

Table indexes: top-level tables are numbered 0, 1, … in document order; tables
nested inside cells continue the same counter after the last top-level table, so
every table has a distinct index. A nested table's provenance and its cells' carry
the block index of the top-level table that holds it.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import CorruptDocumentError, UnsupportedFormatError
from jixiao.extract.docx_tables import build_table
from jixiao.extract.docx_text import MC_NS, W_NS, W_VAL, Numbering, paragraph_text, w
from jixiao.extract.headings import detect_heading, numbering_of, style_level
from jixiao.extract.model import (
    Block,
    Document,
    ExtractNote,
    Heading,
    Paragraph,
    Provenance,
    SourceInfo,
    Table,
)
from jixiao.extract.zip_safety import check_zip
from lxml import etree

logger = logging.getLogger(__name__)

_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_P, _TBL, _PPR = w("p"), w("tbl"), w("pPr")
_BLOCK_TAGS = frozenset({_P, _TBL, w("altChunk")})
_WRAPPERS = frozenset({w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")})
_TOC_STYLE = re.compile(r"^(toc|目录)\s*\d|^(toc heading|table of contents)$", re.IGNORECASE)
_CAPTION_HINT = re.compile(r"单位\s*[:：]|表\s*$|^表\s*\d")
_MAX_CAPTION_CHARS = 60
_NOT_A_DOCX = "zip archive without word/document.xml: not a DOCX"
_DAMAGED_ZIP = "damaged DOCX: truncated or corrupt zip archive"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


@dataclass(frozen=True)
class StyleInfo:
    name: str | None
    based_on: str | None
    outline: int | None  # 0-based outline level; 9 means body text
    num: tuple[str, int] | None  # (numId, ilvl) the style applies


class Styles:
    """Paragraph styles by id, with heading levels resolved along ``basedOn``."""

    def __init__(self, root: etree._Element | None) -> None:
        self._by_id: dict[str, StyleInfo] = {}
        self.default_id: str | None = None
        if root is None:
            return
        for node in root.iterchildren(w("style")):
            if node.get(w("type"), "paragraph") != "paragraph":
                continue
            style_id = node.get(w("styleId"), "")
            ppr = node.find(_PPR)
            self._by_id[style_id] = StyleInfo(
                name=_val(node.find(w("name"))),
                based_on=_val(node.find(w("basedOn"))),
                outline=_outline(ppr),
                num=_num_pr(ppr),
            )
            if node.get(w("default")) in ("1", "true"):
                self.default_id = style_id

    def _chain(self, style_id: str | None) -> Iterator[StyleInfo]:
        seen: set[str] = set()
        current = style_id if style_id is not None else self.default_id
        while current is not None and current not in seen and current in self._by_id:
            seen.add(current)
            info = self._by_id[current]
            yield info
            current = info.based_on

    def name(self, style_id: str | None) -> str | None:
        info = next(self._chain(style_id), None)
        if info is not None and info.name:
            return info.name
        return style_id

    def heading_level(self, style_id: str | None) -> int | None:
        """1-based level from the style's name or outline level (first found wins)."""
        for info in self._chain(style_id):
            level = style_level(info.name)
            if level is not None:
                return level
            if info.outline is not None:
                return None if info.outline >= 9 else info.outline + 1
        return None

    def is_toc(self, style_id: str | None) -> bool:
        return any(_TOC_STYLE.match((info.name or "").strip()) for info in self._chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        for info in self._chain(style_id):
            if info.num is not None:
                return info.num
        return None


def _val(node: etree._Element | None) -> str | None:
    return None if node is None else node.get(W_VAL)


def _outline(ppr: etree._Element | None) -> int | None:
    value = _val(ppr.find(w("outlineLvl"))) if ppr is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _num_pr(ppr: etree._Element | None) -> tuple[str, int] | None:
    num_pr = ppr.find(w("numPr")) if ppr is not None else None
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(w("numId")))
    if num_id is None:
        return None
    try:
        ilvl = int(_val(num_pr.find(w("ilvl"))) or 0)
    except ValueError:
        ilvl = 0
    return num_id, ilvl


class _Package:
    """The parts of an open DOCX zip that the reader needs."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.names = set(archive.namelist())

    def read(self, name: str) -> bytes:
        try:
            return self.archive.read(name)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            raise CorruptDocumentError(_DAMAGED_ZIP) from exc
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
        raise UnsupportedFormatError(_NOT_A_DOCX)

    def pages(self) -> int | None:
        app = self.xml("docProps/app.xml", required=False)
        if app is None:
            return None
        for node in app.iter("{*}Pages"):
            text = (node.text or "").strip()
            return int(text) if text.isdigit() and int(text) > 0 else None
        return None


def read_docx(path: Path, source: SourceInfo, *, via: str | None = None) -> Document:
    """Read the DOCX at ``path``; ``source`` describes the original file.

    ``via`` is recorded in every provenance (``"libreoffice"`` when ``path`` is a
    conversion of a legacy file). Raises :class:`CorruptDocumentError` or
    :class:`UnsupportedFormatError` with a one-line reason.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptDocumentError(_DAMAGED_ZIP) from exc
    with archive:
        check_zip(archive)
        package = _Package(archive)
        main = package.main_part()
        root = package.xml(main, required=True)
        rels = package.relationships(main)
        styles = Styles(_optional(package, rels.get("styles")))
        numbering = Numbering(_optional(package, rels.get("numbering")))
        pages = package.pages() if source.pages is None else source.pages
    assert root is not None  # required=True never returns None for a listed part
    body = root.find(w("body"))
    if body is None:
        raise CorruptDocumentError(f"damaged DOCX: {main} has no w:body")
    reader = _BodyReader(styles, numbering, via)
    reader.read(body)
    if pages != source.pages:
        source = dataclasses.replace(source, pages=pages)
    return Document(source=source, blocks=tuple(reader.blocks), notes=tuple(reader.notes))


def _optional(package: _Package, name: str | None) -> etree._Element | None:
    return package.xml(name, required=False) if name else None


def _content(container: etree._Element) -> Iterator[etree._Element]:
    """``w:p``, ``w:tbl`` and ``w:altChunk`` children in order, through wrappers."""
    for child in container:
        tag = child.tag
        if tag in _BLOCK_TAGS:
            yield child
        elif tag in _WRAPPERS:
            yield from _content(child)


class _BodyReader:
    """Turns body content into blocks; holds the counters reading order needs."""

    def __init__(self, styles: Styles, numbering: Numbering, via: str | None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.via = via
        self.blocks: list[Block] = []
        self.notes: list[ExtractNote] = []
        self._top_tables = 0
        self._nested_ids: Iterator[int] = itertools.count()

    def read(self, body: etree._Element) -> None:
        # Top-level tables (body and text boxes outside cells) come first; nested ones
        # continue the counter. Fallback copies of text boxes are never read.
        n_top = int(
            body.xpath(
                "count(.//w:tbl[not(ancestor::w:tc)][not(ancestor::mc:Fallback)])",
                namespaces={"w": W_NS, "mc": MC_NS},
            )
        )
        self._nested_ids = itertools.count(n_top)
        self._read_items(list(_content(body)))

    def _read_items(self, items: list[etree._Element]) -> None:
        for item in items:
            if item.tag == _P:
                self._read_paragraph(item)
            elif item.tag == _TBL:
                block = len(self.blocks)
                index = self._top_tables
                self._top_tables += 1
                self.blocks.append(
                    build_table(
                        item,
                        index=index,
                        block=block,
                        via=self.via,
                        read_cell=lambda tc, b=block: self._read_cell(tc, b),
                        caption=self._caption_before(),
                    )
                )
            else:
                self.notes.append(
                    ExtractNote(
                        "docx_altchunk", "the document embeds a foreign chunk (altChunk) not read"
                    )
                )

    def _paragraph_label(self, p: etree._Element, style_id: str | None) -> str:
        ppr = p.find(_PPR)
        num = _num_pr(ppr) or self.styles.numbering(style_id)
        if num is None:
            return ""
        label = self.numbering.label(*num)
        if label and (label[-1].isalnum()):
            label += " "
        return label

    def _read_paragraph(self, p: etree._Element) -> None:
        ppr = p.find(_PPR)
        style_id = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        collected = paragraph_text(p)
        label = self._paragraph_label(p, style_id)  # advances the list even when empty
        if collected.text.strip():
            text = (label + collected.text).strip()
            self.blocks.append(self._classify(text, ppr, style_id))
        for box in collected.boxes:  # text boxes follow their host paragraph
            self._read_items(list(_content(box)))

    def _classify(
        self, text: str, ppr: etree._Element | None, style_id: str | None
    ) -> Heading | Paragraph:
        provenance = Provenance(block=len(self.blocks), via=self.via)
        style_name = self.styles.name(style_id)
        if self.styles.is_toc(style_id):
            return Paragraph(text=text, provenance=provenance, style=style_name)
        own_outline = _outline(ppr)
        if own_outline is not None:
            level = None if own_outline >= 9 else own_outline + 1
        else:
            level = self.styles.heading_level(style_id)
        if level is not None:
            numbered = numbering_of(text)
            return Heading(text, level, provenance, numbering=numbered[1] if numbered else None)
        detected = detect_heading(text, None)
        if detected is not None:
            return Heading(text, detected[0], provenance, numbering=detected[1])
        return Paragraph(text=text, provenance=provenance, style=style_name)

    def _read_cell(self, tc: etree._Element, block: int) -> tuple[str, tuple[Table, ...]]:
        lines: list[str] = []
        nested: list[Table] = []
        for item in _content(tc):
            if item.tag == _P:
                self._cell_paragraph(item, lines, nested, block)
            elif item.tag == _TBL:
                nested.append(self._nested_table(item, block))
        return "\n".join(lines).strip(), tuple(nested)

    def _cell_paragraph(
        self, p: etree._Element, lines: list[str], nested: list[Table], block: int
    ) -> None:
        ppr = p.find(_PPR)
        style_id = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        collected = paragraph_text(p)
        lines.append(self._paragraph_label(p, style_id) + collected.text)
        for box in collected.boxes:
            for item in _content(box):
                if item.tag == _P:
                    self._cell_paragraph(item, lines, nested, block)
                elif item.tag == _TBL:
                    nested.append(self._nested_table(item, block))

    def _nested_table(self, tbl: etree._Element, block: int) -> Table:
        return build_table(
            tbl,
            index=next(self._nested_ids),
            block=block,
            via=self.via,
            read_cell=lambda tc: self._read_cell(tc, block),
        )

    def _caption_before(self) -> str | None:
        """Title / unit lines right above a table (``单位：万元``, ``…自评表``)."""
        lines: list[str] = []
        for block in reversed(self.blocks[-2:]):
            if not isinstance(block, Paragraph):
                break
            text = block.text.strip()
            if len(text) > _MAX_CAPTION_CHARS or not _CAPTION_HINT.search(text):
                break
            lines.insert(0, text)
        return "\n".join(lines) or None
