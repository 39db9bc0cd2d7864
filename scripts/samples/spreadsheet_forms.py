"""Self-evaluation forms as finance staff fill them in Excel / WPS 表格: the specs.

Two layouts, each a function from facts to a :class:`~scripts.samples.xlsx_kit.SheetSpec`:

- :func:`project_form`: the national 项目支出绩效自评表 (项目资金 block 年初预算数 |
  全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, 年度总体目标, the 绩效指标 block with
  一级/二级 indicators merged down). 执行率, the fund score and 总分 are formulas with
  their cached values, rates are percent-formatted numbers.
- :func:`department_form`: the 部门整体支出绩效自评表 with the numbered funds block
  ``年初部门预算安排金额① | 年中调整金额② | 小计③=①+② | 年度拨付金额④ |
  支出实现率(%)⑤=④/③ | 本年度结余金额⑥=③-④ | 资金结余率(%)⑦=⑥/③ | 分值 | 得分`` over
  合计 / 财政资金小计 / ①中央财政资金 / ②省级财政资金 / ③地方财政资金 / 其他资金小计.

Every figure is computed here from the inputs (Decimal, half-up), so the facts a golden
file shows are internally consistent: totals add up, rates are spent / budget, scores
are rate × weight capped at the weight, 总分 is the fund score plus indicator scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from scripts.samples.docx_kit import LEFT, UP
from scripts.samples.wild_kit import (
    IndicatorRow as Indicator,
)
from scripts.samples.wild_kit import (
    d,
    merge_down,
    money,
    rate,
    rate_score,
    score_text,
    total,
)
from scripts.samples.xlsx_kit import CellSpec, Formula, SheetSpec

DASH = "—"
FUND_WEIGHT = Decimal(10)


@dataclass(frozen=True)
class ProjectFacts:
    year: int
    project: str
    department: str
    unit: str
    # (label, 年初预算数, 全年预算数, 全年执行数) in 万元; the first row is the total
    funds: Sequence[tuple[str, str, str, str]]
    expected: str
    actual: str
    indicators: Sequence[Indicator]
    grade: str
    sheet: str = "Sheet1"


def _letters(first_col: int, n: int) -> dict[str, str]:
    from openpyxl.utils import get_column_letter

    return {f"c{i}": get_column_letter(first_col + i) for i in range(n)}


def _ref(expression: str, first_col: int, n_cols: int, row: int, rows: dict[str, int]) -> str:
    """Fill ``{c3}`` (column letter of grid column 3), ``{r}`` and named rows."""
    return expression.format(r=row, **_letters(first_col, n_cols), **rows)


def project_form(facts: ProjectFacts, *, first_col: int = 1) -> SheetSpec:
    lines = (f"{facts.year}年度项目支出绩效自评表",)
    top = len(lines) + 1  # sheet row of grid row 0
    n_cols = 9
    rows: list[list[CellSpec]] = [
        ["项目名称", facts.project, *(LEFT,) * 7],
        ["主管部门", facts.department, LEFT, LEFT, "实施单位", LEFT, facts.unit, LEFT, LEFT],
        [
            "项目资金\n（万元）",
            "",
            LEFT,
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
    ]
    for i, (label, planned, budget, spent) in enumerate(facts.funds):
        row = top + len(rows)
        is_total = i == 0
        has_budget = bool(budget) and d(budget) != 0
        rate_cell: CellSpec = ""
        if has_budget:
            rate_cell = Formula(
                _ref("=ROUND({c5}{r}/{c4}{r},4)", first_col, n_cols, row, {}),
                rate(d(spent or "0"), d(budget)),
            )
        score_cell: CellSpec = DASH
        if is_total:
            score = rate_score(d(spent), d(budget), FUND_WEIGHT)
            score_cell = Formula(
                _ref("=ROUND(MIN({c7}{r},1)*{c6}{r},2)", first_col, n_cols, row, {}),
                score_text(score),
            )
        rows.append(
            [
                UP,
                label,
                LEFT,
                planned,
                budget,
                spent,
                score_text(FUND_WEIGHT) if is_total else DASH,
                rate_cell,
                score_cell,
            ]
        )
    rows += [
        ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [UP, facts.expected, LEFT, LEFT, LEFT, facts.actual, LEFT, LEFT, LEFT],
    ]
    header = ["绩\n效\n指\n标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值"]
    rows.append([*header, "分值", "得分", "偏差原因分析及改进措施"])
    first_indicator = top + len(rows)
    body = merge_down(
        [
            [i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation]
            for i in facts.indicators
        ],
        2,
    )
    rows += [[UP, *row] for row in body]
    last_indicator = top + len(rows) - 1
    fund_score = rate_score(d(facts.funds[0][3]), d(facts.funds[0][2]), FUND_WEIGHT)
    weights = total(d(i.weight) for i in facts.indicators) + FUND_WEIGHT
    scores = total(d(i.score) for i in facts.indicators) + fund_score
    fund_row = top + 3
    rows.append(
        [
            "总分",
            *(LEFT,) * 5,
            score_text(weights),
            Formula(
                _ref(
                    "={c8}{fund}+SUM({c7}{a}:{c7}{b})",
                    first_col,
                    n_cols,
                    0,
                    {"fund": fund_row, "a": first_indicator, "b": last_indicator},
                ),
                score_text(scores),
            ),
            "",
        ]
    )
    rows.append(["评价等次", *(LEFT,) * 5, facts.grade, LEFT, LEFT])
    return SheetSpec(facts.sheet, lines, rows, first_col=first_col)


@dataclass(frozen=True)
class DepartmentFacts:
    year: int
    department: str
    # (label, 年初部门预算安排金额①, 年中调整金额②, 年度拨付金额④) in 万元, by source;
    # the 合计 and 小计 rows are computed
    central: tuple[str, str, str]
    provincial: tuple[str, str, str]
    local: tuple[str, str, str]
    other: tuple[str, str, str]
    expected: str
    actual: str
    indicators: Sequence[Indicator]
    grade: str
    sheet: str = "部门整体"


FUND_HEADER = (
    "年初部门预算安排金额①",
    "年中调整金额②",
    "小计③=①+②",
    "年度拨付金额④",
    "支出实现率(%)⑤=④/③",
    "本年度结余金额⑥=③-④",
    "资金结余率(%)⑦=⑥/③",
    "分值",
    "得分",
)


def _sum3(rows: Sequence[tuple[str, str, str]]) -> tuple[Decimal, Decimal, Decimal]:
    return (
        total(d(r[0]) for r in rows),
        total(d(r[1]) for r in rows),
        total(d(r[2]) for r in rows),
    )


def department_form(facts: DepartmentFacts, *, first_col: int = 1) -> SheetSpec:
    lines = (f"{facts.year}年度部门整体支出绩效自评表", "金额单位：万元")
    top = len(lines) + 1
    n_cols = 11
    fiscal = _sum3([facts.central, facts.provincial, facts.local])
    other = tuple(d(v) for v in facts.other)
    grand = tuple(a + b for a, b in zip(fiscal, other, strict=True))
    blocks: list[tuple[str, tuple[Decimal, ...]]] = [
        ("合计", grand),
        ("财政资金小计", fiscal),
        ("①中央财政资金", tuple(d(v) for v in facts.central)),
        ("②省级财政资金", tuple(d(v) for v in facts.provincial)),
        ("③地方财政资金", tuple(d(v) for v in facts.local)),
        ("其他资金小计", other),
    ]
    rows: list[list[CellSpec]] = [
        ["部门（单位）名称", facts.department, *(LEFT,) * 9],
        ["年度预算执行情况", "资金来源", *FUND_HEADER],
    ]
    for i, (label, (planned, adjusted, paid)) in enumerate(blocks):
        row = top + len(rows)
        subtotal = planned + adjusted
        balance = subtotal - paid
        ref = lambda e, row=row: _ref(e, first_col, n_cols, row, {})  # noqa: E731
        is_total = i == 0
        rows.append(
            [
                UP,
                label,
                money(planned),
                money(adjusted),
                Formula(ref("={c2}{r}+{c3}{r}"), money(subtotal)),
                money(paid),
                Formula(ref("=ROUND({c5}{r}/{c4}{r},4)"), rate(paid, subtotal)),
                Formula(ref("={c4}{r}-{c5}{r}"), money(balance)),
                Formula(ref("=ROUND({c7}{r}/{c4}{r},4)"), rate(balance, subtotal)),
                score_text(FUND_WEIGHT) if is_total else DASH,
                Formula(
                    ref("=ROUND(MIN({c6}{r},1)*{c9}{r},2)"),
                    score_text(rate_score(paid, subtotal, FUND_WEIGHT)),
                )
                if is_total
                else DASH,
            ]
        )
    rows += [
        [
            "年度总体目标",
            "预期目标",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            "实际完成情况",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ],
        [UP, facts.expected, LEFT, LEFT, LEFT, LEFT, facts.actual, LEFT, LEFT, LEFT, LEFT],
    ]
    rows.append(
        [
            "绩\n效\n指\n标",
            "一级指标",
            "二级指标",
            "三级指标",
            LEFT,
            "年度指标值",
            "实际完成值",
            LEFT,
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
    )
    body = merge_down(
        [
            [
                i.level1,
                i.level2,
                i.name,
                LEFT,
                i.target,
                i.actual,
                LEFT,
                i.weight,
                i.score,
                i.deviation,
            ]
            for i in facts.indicators
        ],
        2,
    )
    rows += [[UP, *row] for row in body]
    fund_score = rate_score(grand[2], grand[0] + grand[1], FUND_WEIGHT)
    weights = total(d(i.weight) for i in facts.indicators) + FUND_WEIGHT
    scores = total(d(i.score) for i in facts.indicators) + fund_score
    rows.append(["总分", *(LEFT,) * 7, score_text(weights), score_text(scores), ""])
    rows.append(["评价等次", *(LEFT,) * 7, facts.grade, LEFT, LEFT])
    return SheetSpec(facts.sheet, lines, rows, first_col=first_col)


def half_up(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)
