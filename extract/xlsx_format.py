"""A cell's value as a person sees it in Excel or WPS 表格, from its number format.

openpyxl gives the stored value (``0.8875``) and the format code (``0.00%``) but does
not apply one to the other; reports are read from what the sheet shows (``88.75%``,
``1,234.50``, ``2022年3月31日``), so :func:`display_text` does. It covers what budget
tables use: ``General``, fixed decimals, thousands separators, percentages, quoted
literal text (``0.00"万元"``), the accounting format's padding (``_ * #,##0.00_ ``),
sections for negative and zero values (``#,##0;-#,##0;"-"``), colours and locale tags
(ignored) and dates and times (``yyyy"年"m"月"d"日"``, ``yyyy/m/d h:mm``). Anything
stranger (fractions, scientific notation, Chinese numerals ``[DBNum1]``) falls back to
the General display of the value, which never loses a digit.

Rounding is Excel's: half away from zero on the shortest decimal form of the double
(``2.675`` with ``0.00`` shows ``2.68``), done in :class:`~decimal.Decimal`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

__all__ = ["CJK_BUILTIN_DATE_FORMATS", "display_text", "general_text"]

# Built-in format ids whose code depends on the locale; what zh-CN Excel shows for them.
# openpyxl resolves 14 to ``mm-dd-yy`` and does not know 27-36 / 50-58 at all.
CJK_BUILTIN_DATE_FORMATS: dict[int, str] = {
    14: "yyyy/m/d",
    22: "yyyy/m/d h:mm",
    **dict.fromkeys((27, 36, 50, 52, 57), 'yyyy"年"m"月"'),
    **dict.fromkeys((28, 29, 51, 53, 54, 58), 'm"月"d"日"'),
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    **dict.fromkeys((34, 55), '上午/下午h"时"mm"分"'),
    **dict.fromkeys((35, 56), '上午/下午h"时"mm"分"ss"秒"'),
}

_BRACKET = re.compile(r"\[[^\]]*\]")
_DIGIT_PLACEHOLDERS = "0#?"
_QUOTED = re.compile(r'"[^"]*"|\\.')
_UNSUPPORTED = re.compile(r"[eE][+-]|/|\[DBNum", re.IGNORECASE)


def display_text(value: object, number_format: str | None) -> str:
    """``value`` (as openpyxl reads it) shown through ``number_format``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return format_datetime(value, number_format or "")
    if isinstance(value, dt.timedelta):
        return _timedelta_text(value)
    if isinstance(value, (int, float)):
        return format_number(value, number_format or "General")
    return str(value)


def general_text(value: float | int) -> str:
    """The General display: at most 15 significant digits, no exponent, no trailing zeros."""
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        return "#NUM!"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_number(value: float | int, number_format: str) -> str:
    """A number through a number format code (see the module docstring)."""
    sections = _sections(number_format)
    section, signed = sections[0], True
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        section, signed = sections[1], False
    elif value == 0 and len(sections) >= 3:
        section = sections[2]
    plan = _plan(section)
    if plan is None:
        return general_text(value)
    if isinstance(plan, str):  # literal text only, e.g. a zero section "-"
        return plan or general_text(value)
    number = plan.render(abs(Decimal(general_text(value))))
    negative = value < 0 and signed and any(ch in "123456789" for ch in number)
    return (("-" if negative else "") + plan.prefix + number + plan.suffix).strip()


@dataclass(frozen=True)
class _NumberPlan:
    """What one format section does to a number, worked out once per section."""

    prefix: str
    suffix: str
    places: int  # digit placeholders after the point
    required: int  # of which 0 (always shown)
    min_int: int  # 0 placeholders before the point
    thousands: bool
    point: bool
    scale: Decimal  # ×100 per %, ÷1000 per trailing comma

    def render(self, magnitude: Decimal) -> str:
        try:
            rounded = (magnitude * self.scale).quantize(
                Decimal(1).scaleb(-self.places), rounding=ROUND_HALF_UP
            )
        except InvalidOperation:
            return general_text(float(magnitude))
        whole, _, fraction = f"{rounded:f}".partition(".")
        fraction = fraction.rstrip("0").ljust(self.required, "0") if self.places else ""
        whole = whole.lstrip("0").rjust(self.min_int, "0")
        if self.thousands and whole:
            whole = f"{int(whole):,}"
        return whole + ("." + fraction if self.point else "")


@lru_cache(maxsize=256)
def _sections(code: str) -> tuple[str, ...]:
    return tuple(_split_sections(code))


@lru_cache(maxsize=1024)
def _plan(section: str) -> _NumberPlan | str | None:
    """None: show General; a str: show that literal text; else how to show the number."""
    section = _BRACKET.sub("", section)
    if _is_general(section) or _UNSUPPORTED.search(_QUOTED.sub("", section)):
        return None
    code = _unquoted(section)
    if not any(ch in _DIGIT_PLACEHOLDERS for ch in code):
        text = _literals(section).strip()
        return None if text in ("", "@") else text
    first = min(code.find(ch) for ch in _DIGIT_PLACEHOLDERS if ch in code)
    last = max(code.rfind(ch) for ch in _DIGIT_PLACEHOLDERS)
    body = code[first : last + 1]
    integer_part, _, fraction_part = body.partition(".")
    trailing_commas = len(code[last + 1 :]) - len(code[last + 1 :].lstrip(","))
    prefix, suffix = _affixes(section)
    return _NumberPlan(
        prefix=prefix,
        suffix=suffix,
        places=sum(ch in _DIGIT_PLACEHOLDERS for ch in fraction_part),
        required=sum(ch == "0" for ch in fraction_part),
        min_int=sum(ch == "0" for ch in integer_part),
        thousands="," in integer_part.strip(","),
        point="." in body,
        scale=(Decimal(100) ** code.count("%")) / (Decimal(1000) ** trailing_commas),
    )


def _split_sections(code: str) -> list[str]:
    sections, current, quoted, escaped = [], [], False, False
    for ch in code:
        if escaped:
            current.append(ch)
            escaped = False
        elif ch == "\\":
            current.append(ch)
            escaped = True
        elif ch == '"':
            quoted = not quoted
            current.append(ch)
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
        else:
            current.append(ch)
    sections.append("".join(current))
    return sections


def _is_general(section: str) -> bool:
    return section.strip().lower() in ("", "general", "g/通用格式", "@")


def _unquoted(section: str) -> str:
    """The section with literal text (quoted, escaped, ``_x``/``*x``) removed."""
    return "".join(ch for ch, literal in _scan(section) if not literal)


def _scan(section: str) -> list[tuple[str, bool]]:
    """(character, is_literal) pairs; padding (``_x``) and fill (``*x``) are dropped."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            out.extend((c, True) for c in section[i + 1 : end])
            i = end + 1
            continue
        if ch == "\\" and i + 1 < len(section):
            out.append((section[i + 1], True))
            i += 2
            continue
        if ch in "_*" and i + 1 < len(section):
            i += 2
            continue
        out.append((ch, ch not in "0#?.,%"))
        i += 1
    return out


def _literals(section: str) -> str:
    return "".join(ch for ch, literal in _scan(section) if literal)


def _affixes(section: str) -> tuple[str, str]:
    """Literal text before the first and after the last digit placeholder (and ``%``)."""
    scanned = _scan(section)
    positions = [
        i for i, (ch, literal) in enumerate(scanned) if not literal and ch in _DIGIT_PLACEHOLDERS
    ]
    first, last = positions[0], positions[-1]
    prefix = "".join(ch for ch, literal in scanned[:first] if literal or ch == "%")
    suffix = "".join(ch for ch, literal in scanned[last + 1 :] if literal or ch == "%")
    return prefix, suffix


# --- dates and times -------------------------------------------------------------------

_DATE_TOKEN = re.compile(
    r'"[^"]*"|\\.|_.|\*.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|aaaa|aaa'
    r"|hh|h|ss|s|AM/PM|A/P|上午/下午|\.0+|.",
    re.IGNORECASE | re.DOTALL,
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS_ZH = "一二三四五六日"


def format_datetime(value: dt.datetime | dt.date | dt.time, number_format: str) -> str:
    """A date/time through a date format code; ISO form when the code has no date parts."""
    code = _BRACKET.sub("", _split_sections(number_format)[0])
    tokens = [] if _is_general(code) else _DATE_TOKEN.findall(code)
    if not any(t.lower()[0] in "ydmhs" for t in tokens if t[0] not in '"\\_*'):
        return _iso(value)
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        moment = dt.datetime.combine(dt.date(1899, 12, 31), value)
    twelve_hour = any(t.upper() in ("AM/PM", "A/P", "上午/下午") for t in tokens)
    out: list[str] = []
    for i, token in enumerate(tokens):
        out.append(_date_token(token, i, tokens, moment, twelve_hour))
    return "".join(out).strip()


def _date_token(
    token: str, i: int, tokens: list[str], moment: dt.datetime, twelve_hour: bool
) -> str:
    lower = token.lower()
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token[0] in "_*" and len(token) == 2:
        return ""
    if lower == "yyyy":
        return f"{moment.year:04d}"
    if lower == "yy":
        return f"{moment.year % 100:02d}"
    if lower in ("m", "mm") and _is_minute(i, tokens):
        return f"{moment.minute:02d}" if lower == "mm" else str(moment.minute)
    if lower in ("m", "mm"):
        return f"{moment.month:02d}" if lower == "mm" else str(moment.month)
    if lower in ("mmm", "mmmm", "mmmmm"):
        name = _MONTHS[moment.month - 1]
        return {"mmm": name[:3], "mmmm": name, "mmmmm": name[0]}[lower]
    if lower in ("d", "dd"):
        return f"{moment.day:02d}" if lower == "dd" else str(moment.day)
    if lower in ("ddd", "dddd"):
        name = moment.strftime("%A")
        return name[:3] if lower == "ddd" else name
    if lower in ("aaa", "aaaa"):
        day = _WEEKDAYS_ZH[moment.weekday()]
        return day if lower == "aaa" else f"星期{day}"
    if lower in ("h", "hh"):
        hour = moment.hour % 12 or 12 if twelve_hour else moment.hour
        return f"{hour:02d}" if lower == "hh" else str(hour)
    if lower in ("s", "ss"):
        return f"{moment.second:02d}" if lower == "ss" else str(moment.second)
    if lower.startswith(".0"):
        return "." + f"{moment.microsecond:06d}"[: len(token) - 1]
    if token.upper() in ("AM/PM", "A/P"):
        am = moment.hour < 12
        return ("AM" if am else "PM") if len(token) > 3 else ("A" if am else "P")
    if token == "上午/下午":
        return "上午" if moment.hour < 12 else "下午"
    return token


def _iso(value: dt.datetime | dt.date | dt.time) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    return value.isoformat()


def _is_minute(i: int, tokens: list[str]) -> bool:
    """``m``/``mm`` right after an hour or right before seconds is minutes, not month."""
    for j in range(i - 1, -1, -1):
        lower = tokens[j].lower()
        if lower in ("h", "hh"):
            return True
        if lower[0].isalpha():
            break
    for j in range(i + 1, len(tokens)):
        lower = tokens[j].lower()
        if lower in ("s", "ss"):
            return True
        if lower[0].isalpha():
            break
    return False


def _timedelta_text(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
