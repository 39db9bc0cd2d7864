"""``implausible_date``: dates that cannot be right.

A date field outside ``earliest_year`` .. (current year + 1), an impossible day
(``2019-02-30``), a period that ends before it starts, a fiscal year after the report
was written, and years written in the expenditure rows' text (a payment ``2108年``).
Narrative sections are not scanned: plans legitimately name future years (2035年).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from jixiao.normalize.canonical import CanonicalReport, Check
from jixiao.normalize.check_rules.common import field_path, make_check
from jixiao.normalize.check_rules.options import CheckOptions

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEAR_IN_TEXT = re.compile(r"(?<![\d.])([12]\d{3})\s*年")
_DATE_FIELDS: tuple[tuple[str, str], ...] = (
    ("report_date", "报告日期"),
    ("period_start", "项目开始时间"),
    ("period_end", "项目完成时间"),
)
_EXPENDITURE_TEXT_FIELDS: tuple[str, ...] = ("item", "note", "voucher", "payee")


def _parts(value: str) -> tuple[int, ...] | None:
    """``2019-01-24`` → (2019, 1, 24); ``2018-01`` → (2018, 1); not ISO → ``None``."""
    match = _ISO.match(value.strip())
    if match is None:
        return None
    return tuple(int(g) for g in match.groups() if g is not None)


def _valid(parts: tuple[int, ...]) -> bool:
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def check_dates(report: CanonicalReport, options: CheckOptions) -> Iterator[Check]:
    latest = options.current_year if options.current_year is not None else dt.date.today().year
    latest += 1
    earliest = options.earliest_year
    span = f"应在 {earliest}–{latest} 年之间"
    head = report.report
    parsed: dict[str, tuple[int, ...]] = {}
    for name, label in _DATE_FIELDS:
        value = getattr(head, name)
        parts = _parts(value) if value is not None else None
        if parts is None:
            continue
        if not _valid(parts) or not earliest <= parts[0] <= latest:
            yield make_check(
                "implausible_date", "warning", f"{label} {value} 不合理 ({span})", f"report.{name}"
            )
            continue
        parsed[name] = parts
    start, end = parsed.get("period_start"), parsed.get("period_end")
    if start is not None and end is not None:
        common = min(len(start), len(end))
        if end[:common] < start[:common]:
            yield make_check(
                "implausible_date",
                "warning",
                f"项目完成时间 {head.period_end} 早于开始时间 {head.period_start}",
                "report.period_start",
                "report.period_end",
            )
    reported = parsed.get("report_date")
    if end is not None and reported is not None:
        common = min(len(end), len(reported))
        if end[:common] > reported[:common]:
            yield make_check(
                "period_ends_after_report",
                "info",
                f"项目完成时间 {head.period_end} 晚于报告日期 {head.report_date}: 评价时项目尚未完成?",
                "report.period_end",
                "report.report_date",
            )
    year = head.fiscal_year
    if year is not None and end is not None and end[0] < year - 1:
        yield make_check(
            "period_before_fiscal_year",
            "info",
            f"项目起止时间 {head.period_start or ''}–{head.period_end} 早于评价年度 {year}"
            " (可能填写的是建设期而非评价年度)",
            "report.period_end",
            "report.fiscal_year",
        )
    if year is not None:
        if not earliest <= year <= latest:
            yield make_check(
                "implausible_date",
                "warning",
                f"评价年度 {year} 不合理 ({span})",
                "report.fiscal_year",
            )
        elif reported is not None and year > reported[0]:
            yield make_check(
                "implausible_date",
                "warning",
                f"评价年度 {year} 晚于报告日期 {head.report_date}",
                "report.fiscal_year",
                "report.report_date",
            )
    for i, fund in enumerate(report.funds):
        if fund.year is not None and not earliest <= fund.year <= latest:
            yield make_check(
                "implausible_date",
                "warning",
                f"资金「{fund.label}」的年度 {fund.year} 不合理 ({span})",
                field_path("funds", i, "year"),
            )
    for i, row in enumerate(report.expenditures):
        for name in _EXPENDITURE_TEXT_FIELDS:
            text = getattr(row, name)
            if text is None:
                continue
            for match in _YEAR_IN_TEXT.finditer(text):
                written = int(match.group(1))
                if not earliest <= written <= latest:
                    yield make_check(
                        "implausible_date",
                        "warning",
                        f"支出明细中的年份 {written}年 不合理 ({span}): …{_around(text, match)}…",
                        field_path("expenditures", i, name),
                    )


def _around(text: str, match: re.Match[str], width: int = 12) -> str:
    return text[max(0, match.start() - width) : match.end() + width]
