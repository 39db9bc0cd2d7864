"""部门整体支出绩效自评表 (2021, Anhui district bureau), landscape.

Funds: 年初预算数 | 全年（调整）预算数 | 全年执行数 | 执行率(%) | 执行率权重 | 执行率得分,
rows 年度资金总额, 按支出类型 (基本支出 / 项目支出) and 按资金来源 (财政拨款 / 其他资金):
two breakdowns of the same total, so a summer must not add all five rows. Rates are
written without ``%`` (the header says ``(%)``).

Indicators: 一级指标 | 二级指标 | 指标名称 | 计量单位 | 指标性质 | 年初指标值 | 调整指标值 |
全年完成值 | 得分系数(%) | 指标权重(分) | 指标得分(分) | 是否核心指标; 指标得分 = 系数 × 权重.
The target was adjusted mid-year for one indicator (1800 → 2000 批次). All consistent.
"""

from __future__ import annotations

from pathlib import Path

from scripts.samples.docx_kit import LEFT, UP, save, start, table, title
from scripts.samples.wild_kit import (
    SampleFacts,
    aligned,
    d,
    fix_widths,
    merge_down,
    money,
    rate,
    rate_score,
    score_text,
    total,
    two_sided,
)

DEPT = "芜湖市鸠江区市场监督管理局"
PROJECT = DEPT  # a department-wide form: the department is the "project"
GRADE = "优"
FILE_NAME = "wild_department_overall_2021_jiujiang_shijianju.docx"

# (label, 年初预算数, 全年（调整）预算数, 全年执行数) in 万元.
BY_TYPE = [
    ("基本支出", "2156.30", "2248.75", "2231.62"),
    ("项目支出", "865.00", "1032.40", "948.17"),
]
BY_SOURCE = [
    ("财政拨款", "2931.30", "3176.15", "3082.39"),
    ("其他资金", "90.00", "105.00", "97.40"),
]

# (一级, 二级, 指标名称, 计量单位, 指标性质, 年初指标值, 调整指标值, 全年完成值,
#  得分系数(%), 指标权重(分), 是否核心指标)
INDICATORS: list[tuple[str, ...]] = [
    (
        "产出指标",
        "数量指标",
        "食品安全监督抽检",
        "批次",
        "≥",
        "1800",
        "2000",
        "2136",
        "100",
        "8",
        "是",
    ),
    ("产出指标", "数量指标", "特种设备定期检验率", "%", "≥", "98", "98", "99.2", "100", "6", "否"),
    ("产出指标", "数量指标", "新登记市场主体", "户", "≥", "6000", "6000", "7425", "100", "6", "否"),
    ("产出指标", "质量指标", "食品安全抽检合格率", "%", "≥", "97", "97", "97.8", "100", "8", "是"),
    ("产出指标", "质量指标", "投诉举报按时办结率", "%", "=", "100", "100", "98.6", "90", "6", "否"),
    (
        "产出指标",
        "时效指标",
        "行政许可事项按时办结率",
        "%",
        "=",
        "100",
        "100",
        "100",
        "100",
        "8",
        "是",
    ),
    (
        "产出指标",
        "成本指标",
        "“三公”经费预算控制率",
        "%",
        "≤",
        "100",
        "100",
        "86.4",
        "100",
        "8",
        "否",
    ),
    (
        "效益指标",
        "经济效益指标",
        "减免企业登记注册费用",
        "万元",
        "≥",
        "50",
        "50",
        "63.2",
        "100",
        "6",
        "否",
    ),
    ("效益指标", "社会效益指标", "重大食品安全事故", "起", "=", "0", "0", "0", "100", "10", "是"),
    (
        "效益指标",
        "社会效益指标",
        "药品安全抽检覆盖率",
        "%",
        "≥",
        "95",
        "95",
        "93.1",
        "80",
        "6",
        "否",
    ),
    (
        "效益指标",
        "可持续影响指标",
        "企业信用风险分类监管覆盖率",
        "%",
        "≥",
        "90",
        "90",
        "92.5",
        "100",
        "8",
        "否",
    ),
    (
        "满意度指标",
        "服务对象满意度指标",
        "服务对象满意度",
        "%",
        "≥",
        "90",
        "90",
        "94.7",
        "100",
        "10",
        "是",
    ),
]


def _indicator_score(row: tuple[str, ...]) -> str:
    return score_text(d(row[8]) * d(row[9]) / 100)


def _sum(rows: list[tuple[str, str, str, str]], col: int) -> str:
    return money(total(d(r[col]) for r in rows))


PLANNED, BUDGET, SPENT = (_sum(BY_TYPE, 1), _sum(BY_TYPE, 2), _sum(BY_TYPE, 3))
EXEC_SCORE = score_text(rate_score(d(SPENT), d(BUDGET), d(10)))
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(_indicator_score(r)) for r in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, DEPT, 2021, TOTAL_SCORE, GRADE, len(INDICATORS))


def _funds_rows() -> list[list[str]]:
    def amounts(planned: str, budget: str, spent: str) -> list[str]:
        return [planned, LEFT, budget, LEFT, spent, rate(d(spent), d(budget), sign=False)]

    rows = [
        [
            "年度预算\n执行情况\n（万元）",
            "资金类别",
            LEFT,
            LEFT,
            "年初预算数",
            LEFT,
            "全年（调整）\n预算数",
            LEFT,
            "全年执行数",
            "执行率(%)",
            "执行率权重",
            "执行率得分",
        ],
        [UP, "年度资金总额", LEFT, LEFT, *amounts(PLANNED, BUDGET, SPENT), "10", EXEC_SCORE],
    ]
    for group, parts in (("按支出\n类型", BY_TYPE), ("按资金\n来源", BY_SOURCE)):
        for i, (label, planned, budget, spent) in enumerate(parts):
            rows.append(
                [
                    UP,
                    group if i == 0 else UP,
                    label,
                    LEFT,
                    *amounts(planned, budget, spent),
                    "/",
                    "/",
                ]
            )
    return rows


def _indicator_rows() -> list[list[str]]:
    header = [
        "一级指标",
        "二级指标",
        "指标名称",
        "计量\n单位",
        "指标\n性质",
        "年初\n指标值",
        "调整\n指标值",
        "全年\n完成值",
        "得分系数\n(%)",
        "指标权重\n(分)",
        "指标得分\n(分)",
        "是否核心\n指标",
    ]
    body = [[*r[:10], _indicator_score(r), r[10]] for r in INDICATORS]
    return [header, *merge_down(body, 2)]


def build(path: Path) -> None:
    doc = start(landscape=True)
    title(doc, "2021年度部门整体支出绩效自评表")
    two_sided(doc, f"部门（单位）名称（盖章）：{DEPT}", "填报日期：2022年4月8日", gap=70)
    head = [
        ["部门（单位）\n名称", DEPT, *[LEFT] * 10],
        [
            "联系人",
            "周敏",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            "联系电话",
            LEFT,
            "0553-5869012",
            LEFT,
            LEFT,
            LEFT,
        ],
    ]
    goals = [
        ["年度总体\n目标", "预期目标", LEFT, LEFT, LEFT, LEFT, "实际完成情况", *[LEFT] * 5],
        [
            UP,
            "强化食品、药品、特种设备安全监管，深化商事制度改革，优化营商环境，全年"
            "不发生重大食品药品安全事故。",
            *[LEFT] * 4,
            "完成食品安全监督抽检2136批次，新登记市场主体7425户，全年未发生重大食品"
            "药品安全事故，药品抽检覆盖率93.1%未达年初目标。",
            *[LEFT] * 5,
        ],
    ]
    tail = [
        ["总分", *[LEFT] * 8, "100", TOTAL_SCORE, ""],
        ["自评等级", *[LEFT] * 8, GRADE, LEFT, LEFT],
    ]
    rows = head + _funds_rows() + goals + _indicator_rows() + tail
    widths = [2.0, 2.4, 4.4, 1.5, 1.5, 1.8, 1.8, 1.9, 2.0, 1.9, 1.9, 1.8]
    fix_widths(table(doc, rows, widths_cm=widths, font_size=8.5), widths)
    aligned(doc, "部门负责人：汪立新　　　　财务负责人：宋丽　　　　填表人：周敏", align="left")
    save(doc, path, author="鸠江区市场监督管理局")
