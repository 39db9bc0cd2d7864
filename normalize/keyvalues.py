"""Key–value pairs wherever a form puts them.

Layouts seen: a label cell followed by its value cell (``项目负责人 | 谢芳茂 | 联系电话 |
8882009``), ``label：value`` inside one cell or paragraph (``报告日期：2019 年1月24日``),
several pairs on one line separated by runs of spaces (``填报人（签名）：   黎朝阳
联系电话：18073019060``), a label and its value separated only by spaces (``项目名称
岳阳市 “互联网+政务服务”一体化平台项目``), and a label whose value is the next paragraph
(``填报单位名称：`` / ``韶关市政务服务数据管理局``).

The output is raw: (context, field, value text, provenance) in document order. Typing
the values is the report mapper's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from jixiao.extract.model import Cell, Document, Heading, Paragraph, Provenance, Table
from jixiao.normalize.amounts import Unit
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.regions import label_candidate
from jixiao.normalize.text import clean_label, is_blank

# Contexts a key–value label may belong to, in the order they are tried.
KV_CONTEXTS = ("report", "goal_column", "fund_column", "fund_row")
# Pairs on one line are separated by a run of spaces, or by one space before the
# next ``label：`` (``项目单位：平江县水利局 主管部门：平江县水利局``).
_SEGMENTS = re.compile(
    r"[ \t\u3000\u00a0]{2,}|\t|[ \u3000\u00a0](?=[\u4e00-\u9fff（）()、/]{2,14}[：:])"
)
_COLON = re.compile(r"[：:]")
MAX_VALUE_PARAGRAPH = 60
_CHECK_BOXES = "□☐√☑■✓✔☒"


@dataclass(frozen=True)
class Pair:
    context: str
    field: str
    label: str
    value: str
    provenance: Provenance
    label_cell: Cell | None = None
    value_cell: Cell | None = None
    unit: Unit | None = None  # the money unit of the table or note the pair sits under


def match_label(labels: LabelDictionary, text: str) -> tuple[str, str] | None:
    """(context, field) of a label, or None. Only short texts are labels."""
    if not label_candidate(text):
        return None
    for context in KV_CONTEXTS:
        hit = labels.match(context, text)
        if hit is not None:
            return context, hit.field
    return None


def table_pairs(
    table: Table, labels: LabelDictionary, skip_rows: set[int], unit: Unit | None = None
) -> Iterator[Pair]:
    """Label cell → next value cell, and ``label：value`` inside cells."""
    for row in range(table.n_rows):
        if row in skip_rows:
            continue
        # A label merged down over several rows labels each row's own value cell.
        cells = list(table.row_cells(row))
        i = 0
        while i < len(cells):
            cell = cells[i]
            hit = match_label(labels, cell.text)
            if hit is not None:
                value = _next_value(cells, i, labels)
                if value is not None and value.row == row:
                    yield Pair(
                        *hit,
                        clean_label(cell.text),
                        value.text,
                        value.provenance,
                        cell,
                        value,
                        unit,
                    )
                    i += 2
                    continue
            elif cell.row == row and not is_blank(cell.text):
                nxt = _next_value(cells, i, labels)
                combined = _combined_pairs(labels, cell, nxt, unit) if nxt is not None else []
                if combined and nxt is not None and nxt.row == row:
                    yield from combined
                    i += 2
                    continue
                yield from text_pairs(cell.text, cell.provenance, labels, cell=cell, unit=unit)
            i += 1


def _next_value(cells: list[Cell], i: int, labels: LabelDictionary) -> Cell | None:
    if i + 1 >= len(cells):
        return None
    nxt = cells[i + 1]
    if is_blank(nxt.text) or match_label(labels, nxt.text) is not None:
        return None
    return nxt


def text_pairs(
    text: str,
    provenance: Provenance,
    labels: LabelDictionary,
    *,
    cell: Cell | None = None,
    unit: Unit | None = None,
) -> Iterator[Pair]:
    """Pairs inside one line of text (a paragraph or a cell)."""
    for line in text.split("\n"):
        # A line of check boxes (评价类型：A□   B√□) is one value, however it is spaced.
        if any(box in line for box in _CHECK_BOXES):
            segments = [line.strip()]
        else:
            segments = [s for s in _SEGMENTS.split(line.strip()) if s]
        for pair in _segment_pairs(segments, provenance, labels, cell):
            yield replace(pair, unit=unit)


def _segment_pairs(
    segments: list[str], provenance: Provenance, labels: LabelDictionary, cell: Cell | None
) -> Iterator[Pair]:
    i = 0
    while i < len(segments):
        segment = segments[i]
        label, colon, value = _split_colon(segment)
        if colon:
            hit = match_label(labels, label)
            if hit is not None:
                if not value and i + 1 < len(segments) and _split_colon(segments[i + 1])[1] == "":
                    value = segments[i + 1]
                    i += 1
                if value:
                    yield Pair(*hit, clean_label(label), value, provenance, None, cell)
                else:
                    yield Pair(*hit, clean_label(label), "", provenance, None, cell)
            i += 1
            continue
        hit = match_label(labels, segment)
        if hit is not None and i + 1 < len(segments):
            nxt = segments[i + 1]
            if match_label(labels, nxt) is None and not _split_colon(nxt)[1]:
                yield Pair(*hit, clean_label(segment), nxt, provenance, None, cell)
                i += 2
                continue
        if hit is None and len(segments) == 1:
            glued = _label_prefix(labels, segment)
            if glued is not None:
                label, value = glued
                hit = match_label(labels, label)
                if hit is not None:
                    yield Pair(*hit, clean_label(label), value, provenance, None, cell)
        i += 1


# ``项目负责人及电话``: two labels joined by a connector, one value cell holding both.
_CONNECTOR = re.compile(r"(?:及|和|与|、|/|／)")
_PHONE = re.compile(r"(?:\+?86[-\s]?)?(?:1[3-9]\d{9}|(?:0\d{2,3}[-－—\s]?)?\d{7,8})")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPLITTERS = {"contact_phone": _PHONE, "contact_email": _EMAIL}


def _combined_pairs(
    labels: LabelDictionary, cell: Cell, value: Cell, unit: Unit | None
) -> list[Pair]:
    """``项目负责人及电话 | 黄志明 13907712345`` → contact_person and contact_phone.

    Only two labels, one of them a phone or e-mail, whose value is found by its shape;
    the rest of the value cell belongs to the other label.
    """
    text = clean_label(cell.text)
    parts = [p for p in _CONNECTOR.split(text) if p]
    if len(parts) != 2 or match_label(labels, text) is not None:
        return []
    hits = [match_label(labels, part) for part in parts]
    if any(hit is None or hit[0] != "report" for hit in hits):
        return []
    fields = [hit[1] for hit in hits if hit is not None]
    shaped = [f for f in fields if f in _SPLITTERS]
    if len(shaped) != 1 or len(set(fields)) != 2:
        return []
    found = _SPLITTERS[shaped[0]].search(value.text)
    if found is None:
        return []
    rest = (value.text[: found.start()] + " " + value.text[found.end() :]).strip(" ，,;；/、\u3000")
    out: list[Pair] = []
    for part, field in zip(parts, fields, strict=True):
        got = found.group(0) if field in _SPLITTERS else rest
        if got:
            out.append(Pair("report", field, part, got, value.provenance, cell, value, unit))
    return out


@lru_cache(maxsize=8)
def _report_variants(labels: LabelDictionary) -> tuple[str, ...]:
    """Every report label as written, longest first (computed once per dictionary)."""
    variants = [v for f in labels.fields("report") for v in labels.variants("report", f)]
    return tuple(sorted(variants, key=len, reverse=True))


def _label_prefix(labels: LabelDictionary, line: str) -> tuple[str, str] | None:
    """``项目名称岳阳市…`` / ``项目单位 岳阳市…``: a cover line whose label and value lost
    the spaces between them (PDF text layers often do). Only for short, non-sentence
    lines that start with a report label as written in the dictionary."""
    text = line.strip()
    if len(text) > MAX_VALUE_PARAGRAPH or "。" in text or _COLON.search(text):
        return None
    compact = re.sub(r"\s+", "", text)
    best = next((v for v in _report_variants(labels) if compact.startswith(v)), None)
    if best is None or len(compact) - len(best) < 2:
        return None
    rest = compact[len(best) :]
    joined = _CONNECTOR.match(rest)
    if joined is not None and match_label(labels, rest[joined.end() :]) is not None:
        return None  # ``项目负责人及电话``: two labels, no value
    # Cut the original line after as many non-space characters as the label has.
    seen = 0
    for index, ch in enumerate(text):
        if not ch.isspace():
            seen += 1
        if seen == len(best):
            return best, text[index + 1 :].strip()
    return None


def _split_colon(segment: str) -> tuple[str, str, str]:
    found = _COLON.search(segment)
    if found is None or found.start() == 0 or found.start() > 20:
        return segment, "", ""
    return segment[: found.start()], found.group(0), segment[found.end() :].strip()


def paragraph_pairs(doc: Document, labels: LabelDictionary) -> Iterator[Pair]:
    """Pairs in paragraphs; an empty ``label：`` takes the next short paragraph as value."""
    blocks = [b for b in doc.blocks if isinstance(b, (Paragraph, Heading))]
    for index, block in enumerate(blocks):
        for pair in text_pairs(block.text, block.provenance, labels):
            if pair.value:
                yield pair
                continue
            following = _next_paragraph_value(blocks[index + 1 :], labels)
            if following is not None:
                yield Pair(
                    pair.context, pair.field, pair.label, following.text, following.provenance
                )


def _next_paragraph_value(
    following: Iterable[Paragraph | Heading], labels: LabelDictionary
) -> Paragraph | Heading | None:
    for block in following:
        text = block.text.strip()
        if not text:
            continue
        if len(text) > MAX_VALUE_PARAGRAPH or _COLON.search(text) or match_label(labels, text):
            return None
        return block
    return None
