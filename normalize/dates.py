"""Dates, project periods and fiscal years, to ISO strings and ints.

A full date becomes ``YYYY-MM-DD``, a month only ``YYYY-MM``; a year alone is not a
date (``parse_year`` reads it). Years 1900-2199 are accepted as dates so that a typo
such as ``2108年`` survives to the checks that flag it; :func:`parse_year` is stricter.
Chinese numerals (``二〇一九年八月``) are read too.
"""

from __future__ import annotations

import re
from datetime import date

from jixiao.normalize.text import clean_label, fold_width, is_blank

_CN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0", "O": "0"}
_CN_NUM = "〇零一二三四五六七八九十"

# Date tokens, most specific first. Named groups: y (year), m (month), d (day).
_YMD_CN = r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?)?"
_YMD_SEP = r"(?P<y2>\d{4})(?P<s>[-./])(?P<m2>\d{1,2})(?:(?P=s)(?P<d2>\d{1,2}))?(?!\d)"
_YMD_COMPACT = r"(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})(?!\d)"
_DATE = re.compile(rf"(?<!\d)(?:{_YMD_CN}|{_YMD_SEP}|{_YMD_COMPACT})")
# In a period the end may leave out the year: "2020年1月至12月".
_MONTH_ONLY = re.compile(r"(?<![\d.\-/])(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]?)?")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")

_MIN_DATE_YEAR, _MAX_DATE_YEAR = 1900, 2199
_MIN_YEAR, _MAX_YEAR = 1949, 2100


def _cn_numerals(text: str) -> str:
    """``二〇一九年八月二十日`` → ``2019年8月20日``; other text is left alone."""

    def number(match: re.Match[str]) -> str:
        word = match.group(0)
        if "十" not in word:
            return "".join(_CN_DIGITS.get(ch, ch) for ch in word)
        tens, _, ones = word.partition("十")
        value = (int(_CN_DIGITS[tens]) if tens else 1) * 10
        return str(value + (int(_CN_DIGITS[ones]) if ones else 0))

    return re.sub(rf"[{_CN_NUM}]+(?=[年月日号])", number, text)


def _compact(text: str) -> str:
    return _cn_numerals(fold_width(clean_label(text)))


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not _MIN_DATE_YEAR <= year <= _MAX_DATE_YEAR:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _parts(found: re.Match[str]) -> tuple[int, int, int | None]:
    groups = found.groupdict()
    for y, m, d in (("y", "m", "d"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if groups.get(y):
            day = groups.get(d)
            return int(groups[y]), int(groups[m]), int(day) if day else None
    raise AssertionError("a date match without a year")  # the pattern guarantees one


_TIME_OF_DAY = re.compile(
    r"(?<=\d)(?:[日号])?\s*([T\s]+)\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?\s*$"
)


def strip_time(text: str) -> str:
    """``2023-05-06 10:21:00`` → ``2023-05-06``: a time of day is no part of the date."""
    found = _TIME_OF_DAY.search(text)
    return text[: found.start(1)] if found else text


def parse_date(text: str | None) -> str | None:
    """The one date in ``text`` as ISO, or ``None``.

    ``"2019 年1月24日"`` → ``"2019-01-24"``, ``"2021年3月"`` → ``"2021-03"``,
    ``"2018.08.10"`` → ``"2018-08-10"``. A year alone (``"2020年度"``), an impossible date
    (``2019-02-30``) or text with two dates (a period) is ``None``.
    """
    if text is None or is_blank(text):
        return None
    matches = list(_DATE.finditer(_compact(strip_time(text))))
    if len(matches) != 1:
        return None
    return _iso(*_parts(matches[0]))


def parse_period(text: str | None) -> tuple[str | None, str | None]:
    """Start and end of a project period, each ISO (day kept when written).

    ``"2018 年 1 月起至 2019 年 7 月止"`` → ``("2018-01", "2019-07")``;
    ``"2020年1月1日-2020年12月31日"`` → ``("2020-01-01", "2020-12-31")``;
    ``"2020.1—2020.12"`` and ``"2020年1月至12月"`` → ``("2020-01", "2020-12")``;
    whole years, ``"2010年至2013年"`` → ``("2010", "2013")`` (ISO 8601 year precision).
    """
    if text is None or is_blank(text):
        return None, None
    compact = _compact(text)
    first = _DATE.search(compact)
    if first is None:
        return _year_period(compact)
    start = _iso(*_parts(first))
    rest = compact[first.end() :]
    second = _DATE.search(rest)
    if second is not None:
        return start, _iso(*_parts(second))
    month = _MONTH_ONLY.search(rest)
    if month is not None:
        day = month.group("d")
        year = _parts(first)[0]
        return start, _iso(year, int(month.group("m")), int(day) if day else None)
    return start, None


def _year_period(compact: str) -> tuple[str | None, str | None]:
    """``2010年至2013年`` / ``2010-2013年``: a period in whole years is ``("2010", "2013")``."""
    years = [int(found.group(1)) for found in _YEAR.finditer(compact)]
    if len(years) != 2 or not all(_MIN_YEAR <= year <= _MAX_YEAR for year in years):
        return None, None
    return str(years[0]), str(years[1])


def parse_year(text: str | None) -> int | None:
    """The first year (1949-2100) written in ``text``: ``"2020年度"`` → 2020."""
    if text is None or is_blank(text):
        return None
    for found in _YEAR.finditer(_compact(text)):
        year = int(found.group(1))
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return year
    return None
