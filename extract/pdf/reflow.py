"""Re-flow wrapped lines into paragraphs (narrative) and into cell text (tables).

Joining rule for a wrap: no space between CJK characters (``2018年支`` + ``付金额``), a
space between two Latin/digit words (``Hello`` + ``world``). A new paragraph starts where
the layout says so: the previous line ends short (typically after 。 or ：), the line is
indented, or there is a blank gap.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

from .layout import Line, is_ascii_alnum

#: a line ending this many ems before the right edge ends its paragraph. Line-breaking
#: rules (no line may start with ，。、) can leave a wrapped line up to two characters short.
SHORT_EMS = 2.5
#: narrative with fewer characters than this share of the tables' is a form's title and
#: captions: its sizes say nothing about the body text
FORM_ONLY_SHARE = 0.2
_SENTENCE_END = "。！？；：:!?;"


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def join_wrapped(before: str, after: str, filled: bool = False) -> str:
    """Join two wrapped fragments of one paragraph.

    ``filled``: the first fragment's line runs to the right edge, so the break was forced
    inside a token (``0751-887771`` + ``6``) rather than at a word space.
    """
    if not before:
        return after
    if not after:
        return before
    if is_ascii_alnum(before[-1]) and is_ascii_alnum(after[0]) and not filled:
        return f"{before} {after}"
    return before + after


def cell_text(lines: Sequence[Line]) -> str:
    """The text of one table cell: wrapped lines joined, evident paragraph breaks kept.

    A break is evident when the vertical gap before a line is clearly larger than the
    cell's usual line gap, or when the previous line ends well short of the cell's right
    edge of text although the next line's first character would have fitted (a CJK
    character) or after sentence punctuation.
    """
    if not lines:
        return ""
    right = max(line.x1 for line in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False)]
    usual = min(gaps) if gaps else 0.0
    out = lines[0].text
    for prev, line, gap in zip(lines, lines[1:], gaps, strict=False):
        size = max(prev.size, line.size)
        prev_text = prev.text
        text = line.text
        ended = prev_text[-1:] in _SENTENCE_END or is_cjk(text[:1])
        short = prev.x1 < right - SHORT_EMS * size and ended
        if gap > usual + 0.8 * size or short:
            out += "\n" + text
        else:
            out = join_wrapped(out, text, filled=prev.x1 >= right - 0.8 * size)
    return out


@dataclass(frozen=True)
class Margins:
    """The body text frame: left edge, right edge, typical font size and line gap.

    ``body`` is the smallest font size that carries a fair share (≥ 20 %) of the
    narrative's characters: headings set in a clearly larger size stand out against it
    even when a short document has more title text than body text. In a form-only
    document (:data:`FORM_ONLY_SHARE`) the narrative is little more than the title, so
    ``size`` and ``body`` are measured on the tables' text too: a wrapped title must
    stand out against the form, not against itself.
    """

    left: float
    right: float
    size: float
    line_gap: float
    body: float = 0.0

    def centered(self, line: Line) -> bool:
        """Centred in the text frame (and not a full-width line)."""
        middle = (self.left + self.right) / 2
        return (
            line.x0 > self.left + 0.25 * line.size
            and abs((line.x0 + line.x1) / 2 - middle) < 1.5 * line.size
        )

    @classmethod
    def of(cls, lines: Sequence[Line], table_chars: Mapping[float, int] | None = None) -> Margins:
        """Estimate from all narrative lines of a document (most common left edge, etc.);
        ``table_chars``: characters per font size inside the document's tables."""
        if not lines:
            return cls(0.0, 0.0, 10.0, 0.0, 10.0)
        size = median(line.size for line in lines)
        chars: dict[float, int] = {}
        for line in lines:
            key = round(line.size, 1)
            chars[key] = chars.get(key, 0) + len(line.text)
        total = sum(chars.values())
        in_tables = sum(table_chars.values()) if table_chars else 0
        form_only = total < FORM_ONLY_SHARE * in_tables
        if form_only and table_chars:  # (never empty when form_only: for the type checker)
            for key, n in table_chars.items():
                chars[key] = chars.get(key, 0) + n
            total += in_tables
        # the smallest size set in a fair share of the text (else the most used one: a
        # form-only page has few lines, each in its own place and size)
        body = min(
            (k for k, n in chars.items() if n >= 0.2 * total),
            default=max(chars, key=lambda k: chars[k]),
        )
        lefts = [round(line.x0) for line in lines]
        # the leftmost edge shared by a fair share of lines: with short paragraphs the
        # indented first lines can outnumber the others; with no shared edge at all (the
        # lines of an unruled table), the leftmost line's
        left = float(
            min((x for x in set(lefts) if lefts.count(x) >= 0.2 * len(lefts)), default=min(lefts))
        )
        rights = sorted(line.x1 for line in lines)
        # the 90th percentile ignores the odd overlong line; a short text has too few
        right = rights[int(0.9 * (len(rights) - 1))] if len(rights) >= 20 else rights[-1]
        gaps = [
            b.top - a.bottom
            for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page and 0 <= b.top - a.bottom < 3 * size
        ]
        line_gap = median(gaps) if gaps else 0.4 * size
        return cls(left, right, min(size, body) if form_only else size, line_gap, body)


def starts_paragraph(prev: Line | None, line: Line, m: Margins) -> bool:
    """Does ``line`` start a new paragraph after ``prev`` (None: after a table / start)?"""
    if prev is None or line.page > prev.page + 1:
        return True  # after a table, at the start, or across a page without text
    size = max(m.size, min(prev.size, line.size))
    big = 1.2 * m.size
    if prev.size >= big and line.size >= big and abs(prev.size - line.size) < 0.5:
        # a title set in a large font over two lines stays one block
        if line.page != prev.page or line.top - prev.bottom > m.line_gap + size:
            return True
        return not ((m.centered(prev) and m.centered(line)) or prev.x1 >= m.right - 1.5 * size)
    if abs(prev.size - line.size) > 0.2 * m.size:
        return True
    if prev.x1 < m.right - SHORT_EMS * size and not _latin_wrap(prev, line, m.right):
        return True  # the previous line ends short: end of paragraph or a heading
    if line.x0 > m.left + 1.2 * size or line.x0 < m.left - 1.2 * size:
        return True  # indented (first line) or outdented
    # a blank gap
    return line.page == prev.page and line.top - prev.bottom > m.line_gap + 0.8 * size


def _latin_wrap(prev: Line, line: Line, right: float) -> bool:
    """Did ``line``'s leading Latin/number token wrap because it did not fit on ``prev``?

    Word wraps ``1,200.00`` or ``96.55%`` as a whole, which can leave the previous line
    several characters short without ending the paragraph.
    """
    first = line.words[0]
    if not first.text or not is_ascii_alnum(first.text[0]):
        return False
    prefix = len(first.text) - len(first.text.lstrip("".join(_ascii_run(first.text))))
    width = (first.x1 - first.x0) * prefix / len(first.text)
    return right - prev.x1 < width + 0.5 * line.size


def _ascii_run(text: str) -> str:
    run = ""
    for ch in text:
        if ord(ch) >= 0x2E80:
            break
        run += ch
    return run


def reflow(lines: Sequence[Line], m: Margins) -> list[list[Line]]:
    """Group consecutive narrative lines (any pages) into paragraphs."""
    paragraphs: list[list[Line]] = []
    prev: Line | None = None
    for line in lines:
        if starts_paragraph(prev, line, m):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
        prev = line
    return paragraphs


def paragraph_text(lines: Sequence[Line], right: float) -> str:
    """Join a paragraph's lines; ``right`` is the text frame's right edge."""
    text = ""
    prev: Line | None = None
    for line in lines:
        filled = prev is not None and prev.x1 >= right - 0.8 * prev.size
        text = join_wrapped(text, line.text, filled=filled)
        prev = line
    return text
