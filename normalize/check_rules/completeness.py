"""``missing_core_fields``: an info check naming the core values a report lacks, so
auditors can find weak extractions (a template nobody had seen, a scanned page)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.normalize.canonical import CanonicalReport, Check
from jixiao.normalize.check_rules.common import make_check

_CORE_REPORT_FIELDS: tuple[tuple[str, str], ...] = (
    ("project_name", "项目名称"),
    ("fiscal_year", "评价年度"),
    ("total_score", "总分"),
    ("grade", "评价等次"),
)


def check_completeness(report: CanonicalReport) -> Iterator[Check]:
    missing = [
        (f"report.{name}", label)
        for name, label in _CORE_REPORT_FIELDS
        if getattr(report.report, name) is None
    ]
    # A row of a results notice (evaluation_result) states a score and a grade only.
    listed = report.report.kind == "evaluation_result"
    if not report.funds and not listed:
        missing.append(("funds", "资金情况"))
    if not report.indicators and not listed:
        missing.append(("indicators", "绩效指标"))
    if not missing:
        return
    labels = "、".join(f"{label} ({path})" for path, label in missing)
    yield make_check(
        "missing_core_fields",
        "info",
        f"未找到 (文档未填写或版式未识别): {labels}",
        *(path for path, _ in missing),
    )
