"""The text of one WordprocessingML paragraph, and Word's automatic list labels.

What a reader sees, not what the XML holds: deleted revisions, field codes, hidden
runs and the VML fallback copies of text boxes are left out; inserted revisions,
hyperlinks, smart tags and field results are kept; a content control that still
shows its placeholder prompt contributes nothing. ``w:tab`` becomes ``\\t`` and
``w:br`` ``\\n`` (page and column breaks are layout and are dropped). Check boxes
become text marks: ``w:sym`` glyphs of the Wingdings/Symbol fonts, text typed in those
fonts, ``w14:checkbox`` content controls and legacy ``FORMCHECKBOX`` fields all turn
into ☑ □ √ ☒ so the normaliser can read which box is ticked.

Text boxes (``w:txbxContent``) anchored in a paragraph are not part of its text; they
are returned so the caller can place their paragraphs after the host paragraph.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

logger = logging.getLogger(__name__)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


W_VAL = w("val")
_T, _TAB, _PTAB, _BR, _CR, _SYM = w("t"), w("tab"), w("ptab"), w("br"), w("cr"), w("sym")
_R, _RPR, _PPR, _SDT, _SDTPR, _SDTCONTENT = (
    w("r"),
    w("rPr"),
    w("pPr"),
    w("sdt"),
    w("sdtPr"),
    w("sdtContent"),
)
_TXBX = w("txbxContent")
_VANISH, _RFONTS, _NO_BREAK_HYPHEN = w("vanish"), w("rFonts"), w("noBreakHyphen")
_TYPE, _FONT, _CHAR = w("type"), w("font"), w("char")
_FONT_ATTRS = (w("ascii"), w("hAnsi"), w("eastAsia"), w("cs"))
_FLDCHAR = w("fldChar")
_SKIP = frozenset(
    {
        w("del"),
        w("moveFrom"),
        w("delText"),
        w("instrText"),
        w("delInstrText"),
        _PPR,
        _RPR,
        w("footnoteReference"),
        w("endnoteReference"),
        w("commentReference"),
        w("annotationRef"),
        w("lastRenderedPageBreak"),
    }
)
_MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_MC_CHOICE, _MC_FALLBACK = f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
_W14_CHECKBOX, _W14_CHECKED, _W14_VAL = (
    f"{{{W14_NS}}}checkbox",
    f"{{{W14_NS}}}checked",
    f"{{{W14_NS}}}val",
)

CHECKED, UNCHECKED, TICK, CROSSED = "☑", "□", "√", "☒"

# Glyphs of the symbol fonts forms use for boxes and ticks (code point & 0xFF).
_WINGDINGS = {
    0xFE: CHECKED,
    0xFD: CROSSED,
    0xA8: UNCHECKED,
    0x6F: UNCHECKED,
    0x71: UNCHECKED,
    0x78: CROSSED,
    0xFC: TICK,
    0xFB: "×",
    0x6E: "■",
    0xA1: "○",
}
_WINGDINGS_2 = {
    0x52: CHECKED,
    0x51: CROSSED,
    0x53: CROSSED,
    0x54: CROSSED,
    0xA3: UNCHECKED,
    0x2A: UNCHECKED,
    0x50: TICK,
    0x4F: "×",
}
_SYMBOL = {0xD6: TICK, 0xB4: "×"}
SYMBOL_FONTS: Mapping[str, Mapping[int, str]] = {
    "wingdings": _WINGDINGS,
    "wingdings 2": _WINGDINGS_2,
    "symbol": _SYMBOL,
}
_PRIVATE_USE = re.compile("[\uf000-\uf0ff]")
_TRUE = frozenset({"1", "true", "on"})


def map_symbol(font: str | None, code: int) -> str:
    """The text mark for glyph ``code`` of a symbol font ('' when it means nothing)."""
    table = SYMBOL_FONTS.get((font or "").strip().lower())
    low = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if table is not None:
        return table.get(low, "")
    if 0xF000 <= code <= 0xF0FF:  # private-use glyph with no font named: Wingdings is the norm
        return _WINGDINGS.get(low, "")
    return chr(code)


def _on(el: etree._Element | None, attr: str = W_VAL) -> bool:
    """A Word on/off property: present without a value means on."""
    if el is None:
        return False
    value = el.get(attr)
    return value is None or value.lower() in _TRUE


def _run_symbol_font(rpr: etree._Element) -> str | None:
    """The symbol font (Wingdings, Symbol …) a run's properties ``rpr`` name, if any."""
    fonts = rpr.find(_RFONTS)
    if fonts is None:
        return None
    for attr in _FONT_ATTRS:
        name = fonts.get(attr)
        if name and name.strip().lower() in SYMBOL_FONTS:
            return name
    return None


@dataclass
class ParagraphText:
    """The visible text of a paragraph and the text boxes anchored in it."""

    parts: list[str] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def paragraph_text(p: etree._Element) -> ParagraphText:
    """Collect the visible text of ``p`` (a ``w:p``)."""
    out = ParagraphText()
    _walk(p, out, None)
    return out


def _walk(el: etree._Element, out: ParagraphText, symbol_font: str | None) -> None:
    has_choice = False
    for child in el:
        tag = child.tag
        if tag in (_T, _MATH_T):
            text = child.text or ""
            if symbol_font is not None or _PRIVATE_USE.search(text):
                text = "".join(map_symbol(symbol_font, ord(ch)) for ch in text)
            out.parts.append(text)
        elif tag in _SKIP:
            continue
        elif tag == _R:
            rpr = child.find(_RPR)
            font = None
            if rpr is not None:
                if _on(rpr.find(_VANISH)):
                    continue  # hidden text is not what the reader of the page sees
                font = _run_symbol_font(rpr)
            _walk(child, out, font)
        elif tag in (_TAB, _PTAB):
            out.parts.append("\t")
        elif tag == _BR:
            if child.get(_TYPE) not in ("page", "column"):
                out.parts.append("\n")
        elif tag == _CR:
            out.parts.append("\n")
        elif tag == _SYM:
            out.parts.append(map_symbol(child.get(_FONT), _hex(child.get(_CHAR))))
        elif tag == _NO_BREAK_HYPHEN:
            out.parts.append("-")
        elif tag == _FLDCHAR:
            mark = _form_checkbox(child)
            if mark:
                out.parts.append(mark)
        elif tag == _TXBX:
            out.boxes.append(child)
        elif tag == _SDT:
            mark = _sdt_checkbox(child)
            if mark:
                out.parts.append(mark)
            elif not showing_placeholder(child):
                content = child.find(_SDTCONTENT)
                if content is not None:
                    _walk(content, out, symbol_font)
        elif tag == _MC_CHOICE:
            has_choice = True
            _walk(child, out, symbol_font)
        elif tag == _MC_FALLBACK:
            if not has_choice:  # the fallback repeats the choice (VML copy of a text box)
                _walk(child, out, symbol_font)
        elif isinstance(tag, str):
            _walk(child, out, symbol_font)


def _hex(value: str | None) -> int:
    try:
        return int(value or "", 16)
    except ValueError:
        return 0


def showing_placeholder(sdt: etree._Element) -> bool:
    """Whether a content control shows its placeholder ("单击此处输入文字") not content."""
    props = sdt.find(_SDTPR)
    return props is not None and props.find(w("showingPlcHdr")) is not None


def _sdt_checkbox(sdt: etree._Element) -> str | None:
    props = sdt.find(_SDTPR)
    if props is None:
        return None
    box = props.find(_W14_CHECKBOX)
    if box is None:
        return None
    checked = box.find(_W14_CHECKED)
    return CHECKED if checked is not None and _on(checked, _W14_VAL) else UNCHECKED


def _form_checkbox(fld_char: etree._Element) -> str | None:
    """The mark of a legacy ``FORMCHECKBOX`` field (``w:ffData/w:checkBox``)."""
    box = fld_char.find(f"{w('ffData')}/{w('checkBox')}")
    if box is None:
        return None
    checked = box.find(w("checked"))
    if checked is None:
        checked = box.find(w("default"))
    return CHECKED if _on(checked) else UNCHECKED


# --- automatic numbering (numbering.xml) --------------------------------------------

_CN = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
        strict=True,
    )
)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (the way list labels count)."""
    if n <= 0:
        return _CN[0]
    if n >= 10000:
        return str(n)
    out: list[str] = []
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    zero_pending = False
    for value, unit in units:
        digit = (n // value) % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        if not (value == 10 and digit == 1 and not out):
            out.append(_CN[digit])
        out.append(unit)
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` (unknown formats fall back to decimal)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return chinese_number(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(ch) + 0xFEE0) for ch in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        out, rest = [], n
        for value, sym in _ROMAN:
            while rest >= value:
                out.append(sym)
                rest -= value
        roman = "".join(out)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart when this (0-based) level or a higher one is used;
    # None = whenever any higher level is used, -1 = never


class Numbering:
    """Word's list numbering: turns ``(numId, ilvl)`` into labels like ``一、`` in order.

    Counters advance as paragraphs are labelled, so :meth:`label` must be called for
    numbered paragraphs in document order. Bullets yield no label.
    """

    def __init__(self, root: etree._Element | None) -> None:
        self._levels: dict[str, dict[int, Level]] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._counters: dict[str, list[int | None]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        for node in root.iterchildren(w("abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in node.iterchildren(w("lvl")):
                levels[_int(lvl.get(w("ilvl")), 0)] = Level(
                    start=_int(_child_val(lvl, "start"), 1),
                    fmt=_child_val(lvl, "numFmt") or "decimal",
                    text=_child_val(lvl, "lvlText") or "",
                    restart=_restart(_child_val(lvl, "lvlRestart")),
                )
            abstract[node.get(w("abstractNumId"), "")] = levels
        for num in root.iterchildren(w("num")):
            num_id = num.get(w("numId"), "")
            self._levels[num_id] = abstract.get(_child_val(num, "abstractNumId") or "", {})
            overrides: dict[int, int] = {}
            for override in num.iterchildren(w("lvlOverride")):
                start = _child_val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(w("ilvl")), 0)] = _int(start, 1)
            self._overrides[num_id] = overrides

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance list ``num_id`` at level ``ilvl`` and return the rendered label."""
        levels = self._levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        level = levels[ilvl]
        counters = self._counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        start = self._overrides.get(num_id, {}).get(ilvl, level.start)
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            deeper_level = levels.get(deeper)
            if deeper_level is None or deeper_level.restart is None or ilvl <= deeper_level.restart:
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""
        label = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in label:
                value = counters[k]
                k_level = levels.get(k, Level())
                if value is None:
                    value = self._overrides.get(num_id, {}).get(k, k_level.start)
                label = label.replace(token, format_number(value, k_level.fmt))
        return label


def _child_val(node: etree._Element, tag: str) -> str | None:
    child = node.find(w(tag))
    return None if child is None else child.get(W_VAL)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _restart(value: str | None) -> int | None:
    """``w:lvlRestart`` is 1-based (0 = never restart); keep it 0-based here."""
    if value is None:
        return None
    number = _int(value, 0)
    return number - 1 if number > 0 else -1
