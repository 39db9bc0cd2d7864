"""Hand-built canonical reports and fake `process` functions for the load tests.

The fakes are module-level so worker processes (spawn) can import them. A fake file
is UTF-8 text: its first line is the project name; a line ``FAIL: reason`` makes the
fake raise DocumentError, ``BUG`` a ValueError, ``CRASH`` kills the worker process;
``INTERRUPT`` raises KeyboardInterrupt, ``INFRA`` InfrastructureError; ``SLOW <seconds>``
sleeps; ``REPORTS n`` makes it hold n reports, ``NOREPORT: reason`` none.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.errors import DocumentError, InfrastructureError, NotAReportError
from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import (
    CanonicalReport,
    Check,
    Evaluator,
    Expenditure,
    Fund,
    Goal,
    Indicator,
    Report,
    ReportUnit,
    Section,
    Source,
)

D = Decimal
SPENT = D("8987000.00")
TOTAL_SCORE = D("92.5")

# How many rows of each list make_report builds (the kill -9 test counts them).
CHILD_COUNTS = {
    "funds": 2,
    "expenditures": 3,
    "goals": 1,
    "indicators": 4,
    "evaluators": 2,
    "sections": 2,
    "checks": 3,
}


def make_report(
    sha256: str = "a" * 64,
    *,
    file: str = "report.docx",
    project_name: str = "互联网+政务服务一体化平台",
    region: str = "岳阳市",
    fiscal_year: int = 2019,
    spent: Decimal = SPENT,
    total_score: Decimal = TOTAL_SCORE,
) -> CanonicalReport:
    cell = Provenance(table=0, row=3, col=2)
    return CanonicalReport(
        source=Source(file=file, sha256=sha256, format="docx", pages=None, size=1234),
        report=Report(
            title="岳阳市财政支出项目绩效评价自评报告",
            kind="self_evaluation",
            region=region,
            fiscal_year=fiscal_year,
            project_name=project_name,
            project_unit="岳阳市政务服务中心",
            supervising_dept="岳阳市人民政府办公室",
            report_date="2019-01-24",
            period_start="2018-01",
            total_score=total_score,
            max_score=D("100"),
            grade="优",
            grade_level="excellent",
            evaluated_amount=D("123456789012.34"),
            provenance={"project_name": cell, "total_score": Provenance(page=2, bbox=(1, 2, 3, 4))},
        ),
        funds=(
            Fund(
                label="年度资金总额",
                source="total",
                planned=D("10000000"),
                budget=D("9000000.00"),
                received=D("9000000"),
                spent=spent,
                balance=D("13000.00"),
                execution_rate=D("0.998556"),
                weight=D("10"),
                score=D("9.5"),
                provenance={"spent": cell},
            ),
            Fund(label="其中：中央财政", source="central", planned=D("2696100.00")),
        ),
        expenditures=(
            Expenditure(item="软件开发", amount=D("6290900.00"), voucher="记-12"),
            Expenditure(item="硬件", amount=D("0.01"), payee="某公司", contract_amount=D("1.10")),
            Expenditure(item="支出合计", amount=D("6290900.01"), is_total=True),
        ),
        goals=(Goal(expected="建成平台", actual="已建成", achieved=True, label="年度总体目标"),),
        indicators=(
            Indicator(
                name="平台覆盖率",
                level1="产出指标",
                level2="数量指标",
                target="≥95%",
                actual="96%",
                target_value=D("95"),
                actual_value=D("96"),
                unit="%",
                comparator=">=",
                weight=D("10"),
                score=D("10"),
                is_key=True,
            ),
            Indicator(
                name="满意度",
                level1="满意度指标",
                target="≥95%",
                actual="94%",
                target_value=D("95"),
                actual_value=D("94"),
                comparator=">=",
                deviation_reason="宣传不足",
            ),
            Indicator(name="社会效益", level1="效益指标", target="明显", actual="明显"),
            Indicator(
                name="节省财政资金",
                target="200万",
                actual="1000万",
                target_value=D("2000000"),
                actual_value=D("10000000"),
                unit="元",
            ),
        ),
        evaluators=(Evaluator(name="张三", title="高级会计师"), Evaluator(name="李四")),
        sections=(
            Section(heading="一、项目基本概况", level=1, text="……", topic="overview"),
            Section(heading="五、存在的问题", level=1, text=None, topic="problems"),
        ),
        checks=(
            Check(
                rule="expenditures_sum",
                severity="error",
                message="支出明细合计 629.09 ≠ 实际支出 898.7",
                fields=("expenditures", "funds.spent"),
            ),
            Check(rule="grade_band", severity="warning", message="等次与得分不符"),
            Check(rule="expenditures_sum", severity="info", message="note"),
        ),
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fake_process(path: Path, options: Any) -> tuple[CanonicalReport, ...]:
    """A stand-in for jixiao.process.process_file driven by the file's text.

    ``REPORTS n``: the file holds n reports; ``NOREPORT: reason``: it holds none.
    """
    lines = path.read_text(encoding="utf-8").splitlines() or [""]
    count = 1
    for line in lines[1:]:
        if line.startswith("REPORTS "):
            count = int(line.split()[1])
        elif line.startswith("NOREPORT: "):
            raise NotAReportError(line[len("NOREPORT: ") :])
        elif line.startswith("SLOW "):
            time.sleep(float(line.split()[1]))
        elif line.startswith("FAIL: "):
            raise DocumentError(line[len("FAIL: ") :])
        elif line == "BUG":
            raise ValueError("boom")
        elif line == "CRASH":
            os._exit(3)
        elif line == "INTERRUPT":
            raise KeyboardInterrupt
        elif line == "INFRA":
            raise InfrastructureError("the converter service is down")
    report = make_report(_sha(path), file=str(path), project_name=lines[0])
    return tuple(
        dataclasses.replace(
            report,
            report=dataclasses.replace(report.report, project_name=f"{lines[0]} {i}"),
            unit=ReportUnit(index=i, of=count, title=f"{lines[0]} {i}", pages=(i, i)),
        )
        if count > 1
        else report
        for i in range(1, count + 1)
    )


def lenient_process(path: Path, options: Any) -> tuple[CanonicalReport, ...]:
    """Like a newer parser that reads what fake_process refused."""
    lines = path.read_text(encoding="utf-8").splitlines() or [""]
    return (make_report(_sha(path), file=str(path), project_name=lines[0]),)
