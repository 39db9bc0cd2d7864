"""Hand-built canonical reports and the Store loader the CLI tests fill databases with.

A plain module (not conftest) so that test modules import it by a name no other test
folder uses.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from jixiao.normalize.canonical import (
    CanonicalReport,
    Check,
    Fund,
    Indicator,
    Report,
    Section,
    Source,
)


def make_report(
    *,
    name: str,
    year: int,
    unit: str,
    budget: str,
    spent: str,
    score: str,
    grade: str,
    sections: tuple[Section, ...] = (),
    checks: tuple[Check, ...] = (),
    file: str | None = None,
) -> CanonicalReport:
    """A small but complete canonical report (money in yuan)."""
    file = file or f"/archive/{year}/{name}.docx"
    sha = hashlib.sha256(f"{file}|{name}|{year}".encode()).hexdigest()
    return CanonicalReport(
        source=Source(file=file, sha256=sha, format="docx", pages=3, size=1234),
        report=Report(
            title=f"{year}年度{name}绩效自评报告",
            kind="self_evaluation",
            region="岳阳市",
            fiscal_year=year,
            project_name=name,
            project_unit=unit,
            total_score=Decimal(score),
            max_score=Decimal(100),
            grade=grade,
        ),
        funds=(
            Fund(
                label="年度资金总额",
                source="total",
                planned=Decimal(budget),
                budget=Decimal(budget),
                spent=Decimal(spent),
                execution_rate=(Decimal(spent) / Decimal(budget)).quantize(Decimal("0.0001")),
            ),
            Fund(label="其中：当年财政拨款", source="appropriation", planned=Decimal(budget)),
        ),
        indicators=(
            Indicator(
                name="平台运行率",
                level1="产出指标",
                level2="质量指标",
                target="≥95%",
                actual="98%",
                target_value=Decimal(95),
                actual_value=Decimal(98),
                unit="%",
                comparator=">=",
                weight=Decimal(20),
                score=Decimal(20),
            ),
        ),
        sections=sections,
        checks=checks,
    )


def sample_reports() -> list[CanonicalReport]:
    platform = "互联网+政务服务一体化平台"
    return [
        make_report(
            name=platform,
            year=2019,
            unit="岳阳市数据资源管理局",
            budget="8987000",
            spent="6290900.50",
            score="100",
            grade="优秀",
            sections=(
                Section(
                    heading="一、项目基本概况",
                    level=1,
                    text="本项目建设电子政务外网，实现政务服务事项一网通办。",
                    topic="overview",
                ),
                Section(
                    heading="五、存在的问题和改进措施",
                    level=1,
                    text="部分县区网络带宽不足，下一步将加强运维保障。",
                    topic="problems",
                ),
            ),
            checks=(
                Check(
                    rule="expenditure_vs_spent",
                    severity="warning",
                    message="支出明细合计 629.09万元 ≠ 实际支出 898.7万元",
                    fields=("spent",),
                ),
            ),
        ),
        make_report(
            name=" 互联网+政务服务 一体化平台 ",
            year=2020,
            unit="岳阳市数据资源管理局",
            budget="5000000",
            spent="4000000",
            score="72",
            grade="优",
            sections=(
                Section(
                    heading="一、项目概况",
                    level=1,
                    text="年度内完成政务服务平台升级改造，网络带宽提升至千兆。",
                ),
            ),
            checks=(
                Check(
                    rule="grade_score_mismatch",
                    severity="error",
                    message="自评等级“优”与得分72分不符（72分应为“中”）",
                    fields=("grade", "total_score"),
                ),
            ),
        ),
        make_report(
            name="12345热线平台整合项目",
            year=2020,
            unit="韶关市政务服务数据管理局",
            budget="1200000",
            spent="1199760",
            score="99.98",
            grade="优",
            sections=(
                Section(
                    heading="（一）绩效目标完成情况",
                    level=2,
                    text="热线接通率达到98%，群众满意度96%。",
                ),
            ),
        ),
    ]


def fill(url: str, reports: list[CanonicalReport]) -> list[int]:
    """Load ``reports`` through the Store (the real write path)."""
    from jixiao import PARSER_VERSION
    from jixiao.load import RunCounts, Store

    with Store(url, create=True) as store:
        run_id = store.start_run({"paths": ["tests"]})
        ids = [
            store.load_report(r, path=r.source.file, run_id=run_id, parser_version=PARSER_VERSION)
            for r in reports
        ]
        store.finish_run(run_id, RunCounts(loaded=len(ids)))
    return ids
