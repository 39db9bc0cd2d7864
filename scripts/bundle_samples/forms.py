"""Self-evaluation forms in the central (财政部) format, as data → grid blocks.

项目支出绩效自评表 and 部门整体支出绩效自评表 share one 9-column grid:
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
偏差原因分析及改进措施. The funds block (年初预算数/全年预算数/全年执行数/分值/执行率/
得分) sits on columns 3–8; its first row carries the 10 points of the execution rate.
Derived figures (执行率, its score, 总分) are computed here with ``Decimal``; a form may
override one of them on purpose (``rate_text``/``total_text``): those are the deliberate
inconsistencies the spec documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from scripts.bundle_samples import blocks as b
from scripts.samples.wild_kit import IndicatorRow as Indicator
from scripts.samples.wild_kit import d, rate, rate_score, score_text, total

WIDTHS = (1.1, 1.4, 1.5, 2.4, 2.2, 2.2, 1.2, 2.0, 2.3)
FUND_WEIGHT = Decimal(10)


@dataclass(frozen=True)
class FundRow:
    label: str
    initial: str
    full: str
    spent: str


@dataclass(frozen=True)
class Form:
    """One self-evaluation form; ``key`` names it in the ground truth."""

    key: str
    title: str  # e.g. 项目支出绩效自评表
    year: int
    name_label: str  # 项目名称 | 部门（单位）名称
    name: str
    department: str  # 主管部门
    implementer: str  # 实施单位
    funds: tuple[FundRow, ...]
    goal_expected: str
    goal_actual: str
    indicators: tuple[Indicator, ...]
    rate_text: str | None = None  # deliberate: an execution rate that is not spent/full
    total_text: str | None = None  # deliberate: a 总分 that is not the sum of 得分
    repeat_header: bool | None = None  # PDF: repeat the indicator header on a new page
    unit_label: str = "（万元）"

    @property
    def fund_score(self) -> Decimal:
        first = self.funds[0]
        return rate_score(d(first.spent), d(first.full), FUND_WEIGHT)

    @property
    def total_score(self) -> str:
        """The 总分 the form shows (the stated one, even when it is wrong)."""
        if self.total_text is not None:
            return self.total_text
        return score_text(self.fund_score + total(d(i.score) for i in self.indicators))

    def check(self) -> None:
        weights = total(d(i.weight) for i in self.indicators)
        if weights + FUND_WEIGHT != 100:
            raise ValueError(f"{self.key}: weights add up to {weights} + 10")
        for i in self.indicators:
            if d(i.score) > d(i.weight):
                raise ValueError(f"{self.key}: {i.name} scores above its weight")


def _fund_row(form: Form, row: FundRow, first: bool) -> tuple[str, ...]:
    if not row.full:
        return ("^", row.label, "<", row.initial, row.full, row.spent, "—", "—", "—")
    rate_text = rate(d(row.spent), d(row.full))
    if first:
        weight, score = "10", score_text(form.fund_score)
        rate_text = form.rate_text or rate_text
    else:
        weight, score = "—", "—"
    return ("^", row.label, "<", row.initial, row.full, row.spent, weight, rate_text, score)


def form_rows(form: Form) -> tuple[list[tuple[str, ...]], int]:
    """The grid of a form and the index of its indicator header row."""
    rows: list[tuple[str, ...]] = [
        (form.name_label, form.name, "<", "<", "<", "<", "<", "<", "<"),
        ("主管部门", form.department, "<", "<", "实施单位", form.implementer, "<", "<", "<"),
        (
            f"项目资金\n{form.unit_label}",
            "",
            "<",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ),
    ]
    rows += [_fund_row(form, row, i == 0) for i, row in enumerate(form.funds)]
    rows += [
        ("年度总体目标", "预期目标", "<", "<", "<", "实际完成情况", "<", "<", "<"),
        ("^", form.goal_expected, "<", "<", "<", form.goal_actual, "<", "<", "<"),
    ]
    header_at = len(rows)
    rows.append(
        (
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        )
    )
    previous: Indicator | None = None
    for ind in form.indicators:
        same1 = previous is not None and previous.level1 == ind.level1
        same2 = same1 and previous is not None and previous.level2 == ind.level2
        rows.append(
            (
                "^",
                "^" if same1 else ind.level1,
                "^" if same2 else ind.level2,
                ind.name,
                ind.target,
                ind.actual,
                ind.weight,
                ind.score,
                ind.deviation,
            )
        )
        previous = ind
    rows.append(("总分", "<", "<", "<", "<", "<", "100", form.total_score, ""))
    return rows, header_at


def form_blocks(form: Form, *, page_break: bool = True, landscape: bool = False) -> list[b.Block]:
    """Title, year line, unit note and the grid of one form, between unit markers."""
    form.check()
    rows, header_at = form_rows(form)
    out: list[b.Block] = [b.PageBreak(landscape=landscape)] if page_break else []
    out += [
        b.UnitStart(form.key),
        b.Para(form.title, indent=False, align="center", size=16, bold=True),
        b.Para(f"（{form.year}年度）", indent=False, align="center", size=12),
        b.Grid(
            tuple(rows),
            WIDTHS,
            repeat_from=header_at if form.repeat_header else None,
            font_size=8.5,
            left_cols=(8,),
            form=True,
        ),
        b.UnitEnd(form.key),
    ]
    return out


def indicators(rows: Sequence[tuple[str, ...]]) -> tuple[Indicator, ...]:
    return tuple(Indicator(*r) for r in rows)
