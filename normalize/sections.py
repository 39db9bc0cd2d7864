"""The narrative → :class:`~jixiao.normalize.canonical.Section` rows, in document order.

Narrative lives in three places: heading and body paragraphs (most reports), a long
multi-paragraph cell of a form (``五、评价报告综述（文字部分）`` followed by the whole
report inside one cell), and two-column ``heading | text`` rows (``（一）项目用款单位
简要情况。 | 市政务服务…``). All three give the same sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from jixiao.extract.headings import detect_heading, numbering_of
from jixiao.extract.model import Block, Cell, Heading, Paragraph, Provenance, Table
from jixiao.normalize.canonical import Section
from jixiao.normalize.text import clean_name, clean_prose, is_blank

NARRATIVE_CELL_CHARS = 200  # a cell this long with several lines is narrative
_TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("problems", ("问题", "不足", "短板")),
    ("suggestions", ("建议", "改进", "意见", "措施", "下一步")),
    ("conclusion", ("结论", "综合评价", "自评结果", "评价结果", "评分", "等级")),
    ("funds", ("资金", "预算", "支出", "财务")),
    ("goals", ("目标", "绩效指标", "产出", "效益", "绩效情况", "绩效分析", "完成情况")),
    ("overview", ("概况", "基本情况", "简要情况", "项目情况", "实施情况", "工作开展")),
)


def topic_of(heading: str) -> str:
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


def sections_of(blocks: tuple[Block, ...], title: str | None = None) -> list[Section]:
    """Sections in document order.

    The report's title (a heading in a PDF, often a plain paragraph in Word) opens the
    preamble. The preamble is a section (topic ``overview``) only when it is prose:
    it has a sentence of its own (。) and is not a cover page of ``label：value`` lines.
    """
    if title is not None:
        blocks = tuple(
            Heading(b.text, 1, b.provenance)
            if isinstance(b, Paragraph) and clean_name(b.text) == title
            else b
            for b in blocks
        )
    out: list[Section] = []
    for section in _sections(blocks):
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


def _sections(blocks: tuple[Block, ...]) -> list[Section]:
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

    for block in blocks:
        if isinstance(block, Heading):
            start(block.text, block.level, block.provenance)
        elif isinstance(block, Paragraph):
            add(block.text)
        else:
            for cell in _narrative_cells(block):
                for line in cell.text.split("\n"):
                    found = detect_heading(line)
                    if found is not None:
                        start(line.strip(), found[0], cell.provenance)
                    else:
                        add(line)
            for heading_cell, text_cell in _heading_text_rows(block):
                start(heading_cell.text, _level(heading_cell.text), heading_cell.provenance)
                add(text_cell.text)
    if current is not None:
        out.append(current.close())
    return out


def _level(text: str) -> int:
    found = detect_heading(text.split("\n")[0])
    return found[0] if found else 2


def _narrative_cells(table: Table) -> list[Cell]:
    return [
        c
        for c in table.cells
        if len(c.text) >= NARRATIVE_CELL_CHARS
        and c.text.count("\n") >= 2
        and any(detect_heading(line) for line in c.text.split("\n"))
    ]


def _heading_text_rows(table: Table) -> list[tuple[Cell, Cell]]:
    """``heading | text`` rows: a numbered short first cell and a prose second cell."""
    rows: list[tuple[Cell, Cell]] = []
    for r in range(table.n_rows):
        cells = [c for c in table.row_cells(r) if c.row == r]
        if len(cells) != 2 or is_blank(cells[0].text):
            continue
        first_line = cells[0].text.strip().split("\n")[0]
        if len(first_line) > 60 or not _numbered(first_line):
            continue
        if len(cells[1].text.strip()) >= 20:
            rows.append((cells[0], cells[1]))
    return rows


def _numbered(text: str) -> bool:
    return numbering_of(text) is not None
