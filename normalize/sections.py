"""The narrative → :class:`~jixiao.normalize.canonical.Section` rows, in document order.

Narrative lives in several places, all giving the same sections:

- heading and body paragraphs (most reports), including a numbered paragraph whose
  first clause is its heading (``一、项目基本情况。为解决…``);
- a long multi-paragraph cell of a form (``五、评价报告综述（文字部分）`` followed by
  the whole report inside one cell);
- ``heading | text`` rows of a two-column form (``（一）项目用款单位简要情况。 | 市政务
  服务…``), and ``label | prose`` rows (``存在问题及改进措施 | 一是…``).

What is not narrative stays out of section text: table captions (``…明细表``,
``单位：万元``), the signature block (signer and date), attachment lines
(``附件1：…``, which open a section of their own).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from jixiao.extract.headings import detect_heading, numbering_of
from jixiao.extract.model import Block, Cell, Heading, Paragraph, Provenance, Table
from jixiao.normalize.canonical import Section
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.text import clean_label, clean_name, clean_prose, is_blank

NARRATIVE_CELL_CHARS = 200  # a cell this long with several lines is narrative
PROSE_ROW_CHARS = 40  # a label | prose row needs this much prose
MAX_CLAUSE_HEADING = 25  # 一、项目基本情况。… : the clause before 。 is the heading
_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("problems", ("问题", "不足", "短板")),
    ("suggestions", ("建议", "改进", "意见", "措施", "下一步")),
    ("conclusion", ("结论", "综合评价", "自评结果", "评价结果", "评分", "等级")),
    ("funds", ("资金", "预算", "支出", "财务")),
    ("goals", ("目标", "绩效指标", "产出", "效益", "绩效情况", "绩效分析", "完成情况", "满意")),
    ("overview", ("概况", "基本情况", "简要情况", "项目情况", "实施情况", "工作开展")),
)
# Topics a sub-section inherits whatever its own words say: the children of
# 存在的问题 are problems even when they are about 资金 or 目标.
_INHERITED = frozenset({"problems", "suggestions"})
_ATTACHMENT = re.compile(r"^(附件|附表)\s*[\d一二三四五六七八九十]*\s*[：:]?")
_CAPTION = re.compile(r"(表|清单|明细)$|^[（(]?(金额)?单位[:：]")
MAX_CAPTION_CHARS = 40


def topic_of(heading: str) -> str:
    if re.search(r"(报告|自评表|评价表|信息表)$", heading):
        return "overview"  # a (second) title: 市级财政支出项目绩效自评报告
    for topic, words in _TOPICS:
        if any(word in heading for word in words):
            return topic
    return "other"


@dataclass
class _Open:
    heading: str
    level: int
    provenance: Provenance
    lines: list[str] = field(default_factory=list)

    def close(self) -> Section:
        text = clean_prose("\n".join(self.lines)) or None
        heading = clean_name(self.heading)
        return Section(
            heading=heading,
            level=self.level,
            text=text,
            topic=topic_of(heading),
            provenance={"heading": self.provenance},
        )


def sections_of(
    blocks: tuple[Block, ...],
    title: str | None = None,
    *,
    labels: LabelDictionary | None = None,
    exclude: frozenset[Provenance] = frozenset(),
) -> list[Section]:
    """Sections in document order.

    The report's title (a heading in a PDF, often a plain paragraph in Word) opens the
    preamble. The preamble is a section (topic ``overview``) only when it is prose:
    it has sentences of its own and is not a cover page of ``label：value`` lines.
    ``exclude`` names blocks that are not narrative (the signature lines).
    """
    if title is not None:
        blocks = tuple(
            Heading(b.text, 1, b.provenance)
            if isinstance(b, Paragraph) and clean_name(b.text) == title
            else b
            for b in blocks
        )
    out: list[Section] = []
    for section in _inherit_topics(_repair_levels(_sections(blocks, labels, exclude))):
        if title is not None and section.heading == title:
            if not _is_prose(section.text):
                continue
            section = replace(section, topic="overview")
        out.append(section)
    return out


def _is_prose(text: str | None) -> bool:
    if not text:
        return False
    lines = [line for line in text.split("\n") if line.strip()]
    sentences = [line for line in lines if "。" in line and len(line) > 30]
    return len(sentences) * 2 >= len(lines)


_CN_ORDINALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _ordinal(heading: str) -> int | None:
    """The number a heading's numbering says: ``三、`` → 3, ``（3）`` → 3, ``2、`` → 2."""
    found = numbering_of(heading)
    if found is None:
        return None
    digits = re.sub(r"[^\d一二三四五六七八九十]", "", found[1])
    if digits.isdigit():
        return int(digits)
    if len(digits) == 1:
        return _CN_ORDINALS.get(digits)
    if len(digits) == 2 and digits[0] == "十":
        return 10 + _CN_ORDINALS.get(digits[1], 0)
    return None


def _repair_levels(sections: list[Section]) -> list[Section]:
    """A heading numbered in the wrong style keeps its place in the sequence.

    ``一、… 2、绩效自评工作开展情况 三、…`` — the ``2、`` continues the top level (its
    style alone says level 3); ``（一）（二）（3）`` — the ``（3）`` is the third
    sub-section. When a heading's number is the successor of the last number seen at
    a higher level, and not of its own level's, it takes that higher level.
    """
    last: dict[int, int] = {}
    out: list[Section] = []
    for section in sections:
        number = _ordinal(section.heading)
        level = section.level
        if number is not None and number > 1 and last.get(level) != number - 1:
            higher = [lvl for lvl in range(1, level) if last.get(lvl) == number - 1]
            if higher:
                level = max(higher)
                section = replace(section, level=level)
        if number is not None:
            last[level] = number
            for deeper in [lvl for lvl in last if lvl > level]:
                del last[deeper]
        out.append(section)
    return out


def _inherit_topics(sections: list[Section]) -> list[Section]:
    out: list[Section] = []
    parents: dict[int, Section] = {}
    for section in sections:
        parent = next(
            (parents[level] for level in range(section.level - 1, 0, -1) if level in parents),
            None,
        )
        if parent is not None and (parent.topic in _INHERITED or section.topic == "other"):
            section = replace(section, topic=parent.topic)
        parents[section.level] = section
        for deeper in [lvl for lvl in parents if lvl > section.level]:
            del parents[deeper]
        out.append(section)
    return out


def _sections(
    blocks: tuple[Block, ...], labels: LabelDictionary | None, exclude: frozenset[Provenance]
) -> list[Section]:
    out: list[Section] = []
    current: _Open | None = None

    def start(text: str, level: int, provenance: Provenance) -> None:
        nonlocal current
        if current is not None:
            out.append(current.close())
        current = _Open(text, level, provenance)

    def add(text: str) -> None:
        if current is not None and text.strip():
            current.lines.append(text)

    for index, block in enumerate(blocks):
        if block.provenance in exclude:
            continue
        if isinstance(block, Heading):
            start(block.text, block.level, block.provenance)
        elif isinstance(block, Paragraph):
            if _ATTACHMENT.match(block.text.strip()):
                start(block.text.strip(), 1, block.provenance)
            elif _is_caption(block, blocks[index + 1 : index + 3]):
                continue
            elif (split := _clause_heading(block.text)) is not None:
                heading, level, rest = split
                start(heading, level, block.provenance)
                add(rest)
            else:
                add(block.text)
        else:
            for heading, level, provenance, text in _table_narrative(block, labels):
                if heading is not None:
                    start(heading, level, provenance)
                add(text)
    if current is not None:
        out.append(current.close())
    return out


def _is_caption(block: Paragraph, following: tuple[Block, ...]) -> bool:
    """A short title or unit line right before a table (``…明细表``, ``单位：万元``)."""
    text = clean_label(block.text)
    if len(text) > MAX_CAPTION_CHARS or not _CAPTION.search(text):
        return False
    return any(isinstance(b, Table) for b in following)


def _clause_heading(text: str) -> tuple[str, int, str] | None:
    """``一、项目基本情况。为解决…`` → (``一、项目基本情况``, 1, ``为解决…``)."""
    stripped = text.strip()
    numbered = numbering_of(stripped)
    if numbered is None or numbered[0] > 2 or detect_heading(stripped) is not None:
        return None
    head, sep, rest = stripped.partition("。")
    if not sep or not rest.strip() or len(head) > MAX_CLAUSE_HEADING:
        return None
    return head, numbered[0], rest.strip()


def _table_narrative(
    table: Table, labels: LabelDictionary | None
) -> Iterator[tuple[str | None, int, Provenance, str]]:
    """(heading or None, level, provenance, text) for each narrative piece of a table."""
    for r in range(table.n_rows):
        cells = [c for c in table.row_cells(r) if c.row == r]
        for cell in cells:
            if _is_narrative_cell(cell):
                for line in cell.text.split("\n"):
                    found = detect_heading(line)
                    if found is not None:
                        yield line.strip(), found[0], cell.provenance, ""
                    else:
                        yield None, 0, cell.provenance, line
        if len(cells) != 2 or is_blank(cells[0].text) or _is_narrative_cell(cells[1]):
            continue
        first_line = cells[0].text.strip().split("\n")[0]
        if len(first_line) <= 60 and numbering_of(first_line) is not None:
            text = "" if is_blank(cells[1].text) else cells[1].text
            yield cells[0].text, _level(first_line), cells[0].provenance, text
        elif _is_prose_row(cells, labels):
            yield cells[0].text, 1, cells[0].provenance, cells[1].text


def _is_prose_row(cells: list[Cell], labels: LabelDictionary | None) -> bool:
    """``存在问题及改进措施 | 一是…。``: an unknown short label beside prose."""
    label, text = clean_label(cells[0].text), cells[1].text.strip()
    if not 2 <= len(label) <= 20 or len(text) < PROSE_ROW_CHARS or "。" not in text:
        return False
    if labels is None:
        return True
    return all(labels.match(c, cells[0].text) is None for c in ("report", "goal_column"))


def _level(text: str) -> int:
    found = detect_heading(text.split("\n")[0])
    return found[0] if found else 2


def _is_narrative_cell(cell: Cell) -> bool:
    return (
        len(cell.text) >= NARRATIVE_CELL_CHARS
        and cell.text.count("\n") >= 2
        and any(detect_heading(line) for line in cell.text.split("\n"))
    )
