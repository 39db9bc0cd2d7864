"""Whitespace and width normalisation for labels, names and prose.

Chinese layout puts spaces *inside* words (``项 目 名 称``, ``单  位``) and PDF cells wrap
a name over several lines (``湖南科创信\\n息技术``). That whitespace is layout, never
meaning, between two CJK characters; between two Latin words or numbers it is meaning
(``100M 互联网``). Each cleaner here applies that rule for one kind of text:

* :func:`clean_label` - a label (form or column header): all whitespace goes.
* :func:`clean_name` - a name or short value: layout whitespace goes, word spaces stay.
* :func:`clean_prose` - narrative: line structure stays, indentation goes.
* :func:`label_key` - the key labels are matched on (see :mod:`jixiao.normalize.labels`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal

# Every character that is whitespace in these documents, incl. ideographic space,
# no-break space, zero-width space and the BOM (which Word sometimes leaves in cells).
_WS_CHARS = " \t\n\r\f\v\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS = re.compile(f"[{_WS_CHARS}]+")
_TRAILING_COLON = re.compile(r"[：:]+$")

# "Not filled in" markers. Dash-like and slash-like runs of any length are blanks too.
_BLANK_WORDS = frozenset({"无", "空", "n/a", "na", "none", "null", "暂无", "不适用"})
_BLANK_MARKS = re.compile(r"^[-—–－‐‒―/／\\＼*＊_＿·.。…~～]+$")


def _is_word_char(ch: str) -> bool:
    """Latin letters and digits (any width): the characters whose spacing is meaning."""
    return ch.isalnum() and (ch.isascii() or "\uff10" <= ch <= "\uff5a")


@functools.lru_cache(maxsize=32768)
def clean_label(text: str) -> str:
    """A label with all whitespace removed and a trailing colon dropped (cached: every
    pass over a table asks again for the same cells).

    ``"项 目 名 称："`` → ``"项目名称"``; ``"经济效\\n益指标"`` → ``"经济效益指标"``.
    Characters are kept as written (no width folding; see :func:`label_key`).
    """
    return _TRAILING_COLON.sub("", _WS.sub("", text))


def clean_name(text: str) -> str:
    """A name or value with layout whitespace removed and word spaces kept.

    A whitespace run is kept (as one space) only when it separates a Latin letter or
    digit from another character that is not punctuation on that side, e.g.
    ``"100M 互联网"`` stays; it is removed between two CJK characters or next to
    punctuation: ``"岳阳市 “互联网+政务服务”一体化平台项目"`` →
    ``"岳阳市“互联网+政务服务”一体化平台项目"``.
    """
    text = _WS.sub(" ", text).strip()
    out: list[str] = []
    parts = text.split(" ")
    for i, part in enumerate(parts):
        if i and out and part:
            left, right = out[-1][-1], part[0]
            if _keeps_space(left, right):
                out.append(" ")
        out.append(part)
    return "".join(out)


def _keeps_space(left: str, right: str) -> bool:
    if _is_punct(left) or _is_punct(right):
        return False
    return _is_word_char(left) or _is_word_char(right)


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def clean_prose(text: str) -> str:
    """Narrative text: each line stripped (incl. ``\\u3000`` indentation), blank lines dropped.

    Paragraphs end up separated by exactly one ``\\n``; spaces inside a line are kept
    (a run of them becomes one space), since between words they may be meaning.
    """
    lines = (_strip_ws(line) for line in re.split(r"\r\n|[\n\r\u2028\u2029]", text))
    return "\n".join(line for line in lines if line)


def _strip_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


_SPLIT_DIGITS = re.compile(f"[\\d０-９][{_WS_CHARS}]+[\\d０-９]")


def has_split_digits(text: str) -> bool:
    """Digits separated by whitespace (``"52 26"``): two numbers, never one."""
    return _SPLIT_DIGITS.search(text) is not None


@functools.lru_cache(maxsize=32768)
def is_blank(text: str | None) -> bool:
    """True when a cell means "not filled in": empty, whitespace, 无, /, —, -, *, N/A, 空."""
    if text is None:
        return True
    compact = _WS.sub("", text)
    if not compact:
        return True
    return compact.lower() in _BLANK_WORDS or bool(_BLANK_MARKS.match(compact))


# ---------------------------------------------------------------- matching keys

_OPEN = re.escape("(（[【〔")
_CLOSE = re.escape(")）]】〕")
# A trailing parenthetical that qualifies rather than names: a unit, a weight, a
# formula letter, a stamp. ``(万元)``, ``（50分）``, ``(%)``, ``(A)``, ``(B/A)``, ``（公章）``.
_QUALIFIER = re.compile(
    rf"[{_OPEN}]"
    r"(?:单位[:：]?)?"
    r"(?:[千万亿]?元|[\d.]*分|%|％|百分比|百分率|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ/+\-*×÷]*"
    r"|公章|盖章|签章|签字|签名|签字盖章|个|人|次|天|月|年)"
    rf"[{_CLOSE}]$"
)
# A circled column number with its formula: ``小计③=①+②``, ``支出实现率(%)⑤=④/③``.
_CIRCLED_FORMULA = re.compile(r"[①-⑳](?:[=＝][①-⑳+\-*/×÷()（）]+)?$")
_PREFIX_QIZHONG = re.compile(r"^其中[：:]?")
_NUMBERING = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]"
    r"|[一二三四五六七八九十]+[、.．]"
    r"|\d+(?:[.．]\d+)*[、.．](?!\d)"
    r"|[①-⑳])"
)


# Full-width ASCII (U+FF01–U+FF5E) to its half-width form, and the ideographic space.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def fold_width(text: str) -> str:
    """Full-width ASCII (letters, digits, brackets, colon, %) → half-width; CJK untouched."""
    return text.translate(_HALF_WIDTH)


@functools.lru_cache(maxsize=32768)
def label_key(text: str) -> str:
    """The key a label is matched on (cached: forms repeat their labels).

    Whitespace removed, width folded, ``其中：`` prefix, leading numbering (``1.``,
    ``一、``, ``（一）``), ★ and trailing qualifiers (``（万元）``, ``(50分)``, ``(%)``,
    ``(A)``, ``（公章）``) dropped, Latin lower-cased. ``"其中：中央财政（万元）"`` →
    ``"中央财政"``.
    """
    key = clean_label(text).replace("★", "").replace("☆", "").replace("*", "")
    key = _TRAILING_COLON.sub("", key)
    key = _NUMBERING.sub("", key, count=1)
    key = _PREFIX_QIZHONG.sub("", key, count=1)
    while True:
        stripped = _TRAILING_COLON.sub("", _QUALIFIER.sub("", _CIRCLED_FORMULA.sub("", key)))
        if stripped == key or not stripped:
            break
        key = stripped
    if "、" in key:  # ``省、地`` is the label ``省地``: an enumeration comma between words
        key = _ENUM_COMMA.sub("", key)
    return fold_width(key).lower()


_ENUM_COMMA = re.compile(r"(?<=[\u4e00-\u9fff])、(?=[\u4e00-\u9fff])")


_WEIGHT = re.compile(
    rf"[{_OPEN}]\s*(?:权重|分值|满分)?[:：]?\s*(\d+(?:\.\d+)?)\s*(?:分[^{_CLOSE}]*)?[{_CLOSE}]$"
)
# A bare weight glued to a level label: ``产出指标40分``, ``效益指标 30 分``.
_BARE_WEIGHT = re.compile(r"(?<=[\u4e00-\u9fff])\s*(\d+(?:\.\d+)?)\s*分$")


def strip_weight(text: str) -> tuple[str, Decimal | None]:
    """Split a trailing weight off a level label.

    ``"产出指标（50分）"`` → ``("产出指标", Decimal(50))``;
    ``"满意度\\n指标\\n（10分）"`` → ``("满意度指标", Decimal(10))``;
    ``"产出指标40分"`` → ``("产出指标", Decimal(40))``; a formula holding the weight,
    ``"得分（20分*执行率）"`` → ``("得分", Decimal(20))``; no weight → ``None``.
    """
    label = clean_label(text)
    folded = fold_width(label)
    found = _WEIGHT.search(folded) or _BARE_WEIGHT.search(folded)
    if found is None:
        return label, None
    return _TRAILING_COLON.sub("", label[: found.start()]), Decimal(found.group(1))
