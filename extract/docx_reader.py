"""DOCX → :class:`~jixiao.extract.model.Document`, with zipfile + lxml.

The body is walked in reading order: paragraphs and tables, looking through content
controls (``w:sdt``) and custom XML; headers, footers, comments and footnotes are not
read. Text boxes anchored in a paragraph follow it as their own blocks.

A paragraph is a :class:`Heading` when its style says so (the style's name or its
outline level, following the ``basedOn`` chain, so ``标题 2`` and a custom style based
on ``heading 2`` both count), when it has an outline level of its own, or when
:func:`~jixiao.extract.headings.detect_heading` recognises Chinese numbering. An
outline level without a heading style name only counts for heading-like (short,
single-sentence) text. Word's
automatic list labels (``一、`` generated from ``numbering.xml``) are written in front
of the text, as the page shows them. Table-of-contents entries stay paragraphs.

Table indexes: top-level tables are numbered 0, 1, … in document order; tables
nested inside cells continue the same counter after the last top-level table, so
every table has a distinct index. A nested table's provenance and its cells' carry
the block index of the top-level table that holds it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from jixiao.errors import CorruptDocumentError
from jixiao.extract.docx_limits import check_docx_size
from jixiao.extract.docx_tables import build_table
from jixiao.extract.docx_text import (
    MC_NS,
    W_NS,
    W_VAL,
    Numbering,
    paragraph_text,
    showing_placeholder,
    w,
)
from jixiao.extract.headings import (
    detect_heading,
    looks_like_heading_text,
    numbering_of,
    style_level,
)
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
from jixiao.extract.zip_safety import DAMAGED_ZIP, DocxPackage, check_zip

logger = logging.getLogger(__name__)

_P, _TBL, _PPR = w("p"), w("tbl"), w("pPr")
_BLOCK_TAGS = frozenset({_P, _TBL, w("altChunk")})
_SDT = w("sdt")
_PSTYLE, _NUMPR, _NUMID, _ILVL = w("pStyle"), w("numPr"), w("numId"), w("ilvl")
_WRAPPERS = frozenset({_SDT, w("sdtContent"), w("customXml"), w("smartTag")})
_TOC_STYLE = re.compile(r"^(toc|目录)\s*\d|^(toc heading|table of contents)$", re.IGNORECASE)
_CAPTION_HINT = re.compile(r"单位\s*[:：]|表\s*$|^表\s*\d")
_MAX_CAPTION_CHARS = 60


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
        self._num_cache: dict[str | None, tuple[str, int] | None] = {}
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

    def heading_level(self, style_id: str | None) -> tuple[int | None, bool]:
        """(1-based level, whether it comes from a heading style's *name*).

        A name (``heading 2``, ``标题 2``) is trusted; an outline level alone is not,
        because templates set one on body styles (see :meth:`_BodyReader._classify`).
        """
        for info in self._chain(style_id):
            level = style_level(info.name)
            if level is not None:
                return level, True
            if info.outline is not None:
                return (None if info.outline >= 9 else info.outline + 1), False
        return None, False

    def is_toc(self, style_id: str | None) -> bool:
        return any(_TOC_STYLE.match((info.name or "").strip()) for info in self._chain(style_id))

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        if style_id not in self._num_cache:
            self._num_cache[style_id] = next(
                (info.num for info in self._chain(style_id) if info.num is not None), None
            )
        return self._num_cache[style_id]


def _val(node: etree._Element | None) -> str | None:
    return None if node is None else node.get(W_VAL)


def _outline(ppr: etree._Element | None) -> int | None:
    value = _val(ppr.find(w("outlineLvl"))) if ppr is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _num_pr(ppr: etree._Element | None) -> tuple[str, int] | None:
    num_pr = ppr.find(_NUMPR) if ppr is not None else None
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(_NUMID))
    if num_id is None:
        return None
    try:
        ilvl = int(_val(num_pr.find(_ILVL)) or 0)
    except ValueError:
        ilvl = 0
    return num_id, ilvl


def read_docx(path: Path, source: SourceInfo, *, via: str | None = None) -> Document:
    """Read the DOCX at ``path``; ``source`` describes the original file.

    ``via`` is recorded in every provenance (``"libreoffice"`` when ``path`` is a
    conversion of a legacy file). Raises :class:`CorruptDocumentError` or
    :class:`UnsupportedFormatError` with a one-line reason.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise CorruptDocumentError(DAMAGED_ZIP) from exc
    with archive:
        check_zip(archive)
        package = DocxPackage(archive)
        main = package.main_part()
        root = package.xml(main, required=True)
        rels = package.relationships(main)
        folder = main.rpartition("/")[0]
        styles = _styles(package, rels.get("styles", f"{folder}/styles.xml"))
        numbering = Numbering(_optional(package, rels.get("numbering", f"{folder}/numbering.xml")))
        pages = package.pages() if source.pages is None else source.pages
    body = None if root is None else root.find(w("body"))
    if body is None:
        raise CorruptDocumentError(f"damaged DOCX: {main} has no w:body")
    check_docx_size(body)  # before any recursive walk or table grid
    reader = _BodyReader(styles, numbering, via)
    reader.read(body)
    if pages != source.pages:
        source = dataclasses.replace(source, pages=pages)
    return Document(source=source, blocks=tuple(reader.blocks), notes=tuple(reader.notes))


# Parsed style sheets by content hash: a batch from one office repeats a few templates.
_STYLES: dict[bytes, Styles] = {}
_STYLES_KEPT = 64


def _styles(package: DocxPackage, name: str) -> Styles:
    name = name.lstrip("/")
    if name not in package.names:
        return Styles(None)
    digest = hashlib.sha256(package.read(name)).digest()
    styles = _STYLES.get(digest)
    if styles is None:
        styles = Styles(package.xml(name, required=False))
        if len(_STYLES) >= _STYLES_KEPT:
            _STYLES.clear()
        _STYLES[digest] = styles
    return styles


def _optional(package: DocxPackage, name: str) -> etree._Element | None:
    return package.xml(name.lstrip("/"), required=False)


def _content(container: etree._Element) -> Iterator[etree._Element]:
    """``w:p``, ``w:tbl`` and ``w:altChunk`` children in order, through wrappers."""
    for child in container:
        tag = child.tag
        if tag in _BLOCK_TAGS:
            yield child
        elif tag in _WRAPPERS and not (tag == _SDT and showing_placeholder(child)):
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

    def _paragraph(
        self, p: etree._Element
    ) -> tuple[str, list[etree._Element], etree._Element | None, str | None]:
        """(text with its list label, anchored text boxes, w:pPr, style id) of ``p``.

        The list counter advances even for an empty paragraph, as in Word, but an
        empty paragraph gets no label.
        """
        ppr = p.find(_PPR)
        style_id = _val(ppr.find(_PSTYLE)) if ppr is not None else None
        collected = paragraph_text(p)
        num = _num_pr(ppr) or self.styles.numbering(style_id)
        label = self.numbering.label(*num) if num is not None else ""
        text = collected.text
        if label and text.strip():
            text = label + (" " if label[-1].isalnum() else "") + text
        return text, collected.boxes, ppr, style_id

    def _read_paragraph(self, p: etree._Element) -> None:
        text, boxes, ppr, style_id = self._paragraph(p)
        if text.strip():
            self.blocks.append(self._classify(text.strip(), ppr, style_id))
        for box in boxes:  # text boxes follow their host paragraph
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
            level, by_name = (None if own_outline >= 9 else own_outline + 1), False
        else:
            level, by_name = self.styles.heading_level(style_id)
        # An outline level on a long, sentence-like paragraph is a template accident
        # (whole paragraphs then show in Word's navigation pane); treat it as text.
        if level is not None and (by_name or looks_like_heading_text(text)):
            numbered = numbering_of(text)
            return Heading(text, level, provenance, numbering=numbered[1] if numbered else None)
        detected = detect_heading(text, None)
        if detected is not None:
            return Heading(text, detected[0], provenance, numbering=detected[1])
        return Paragraph(text=text, provenance=provenance, style=style_name)

    def _read_cell(self, tc: etree._Element, block: int) -> tuple[str, tuple[Table, ...]]:
        lines: list[str] = []
        nested: list[Table] = []
        self._collect_cell(tc, lines, nested, block)
        return "\n".join(lines).strip(), tuple(nested)

    def _collect_cell(
        self, container: etree._Element, lines: list[str], nested: list[Table], block: int
    ) -> None:
        """Cell paragraphs (and those of text boxes in them) as lines; tables apart."""
        for item in _content(container):
            if item.tag == _P:
                text, boxes, _, _ = self._paragraph(item)
                lines.append(text)
                for box in boxes:
                    self._collect_cell(box, lines, nested, block)
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
