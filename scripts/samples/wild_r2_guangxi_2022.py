"""Guangxi-style self-evaluation (2022), round two of the forms nobody had seen: a short
report signed *before* its attached 自评表, the signature dated with a time of day, and
a form whose headers and rows use wordings the first round did not have.

What it exercises (issue 10, section 2):

- headers with brackets that are not units: ``指标名称（三级指标）`` (an alias) and
  ``得分（10分×支付完成率）`` (a formula holding the weight);
- wordings: 下达资金 / 实际支付 / 支付完成率, 参考分值 / 自评分, 年度财政资金总额,
  自治区财政;
- placeholder indicator rows (``指标1：``, ``……``) left blank by the unit;
- level labels with a bare weight (``产出指标40分``);
- rows under the 总分 row: 评价等级 ``优（S≧90）``, 填报人 / 联系电话;
- a combined label ``项目负责人及电话`` whose value holds a name and a phone;
- a cost target ``≤3843.67万元`` whose actual is written as a bare ``4262.96``;
- an indicator scored without a weight (not scored), which the score sum skips;
- ``年度预算数（万元）`` over the row-label column: a caption, not an amount column.

Deliberate: 帮扶脱贫户数 misses its target (1150 of 1200 户, no comparator written) yet
gets full marks — the auditor must be told (``missed_target_full_marks``). The cost
target is missed too (with a reason and points lost). Everything else is consistent.
"""

from __future__ import annotations

from pathlib import Path

from scripts.samples.docx_kit import LEFT, UP, heading, para, save, start, table, title
from scripts.samples.wild_kit import (
    FW,
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
)

PROJECT = "2022年武鸣区乡村振兴衔接资金产业发展项目"
UNIT = "南宁市武鸣区乡村振兴局"
DEPT = "南宁市武鸣区人民政府"
GRADE = "优"
FILE_NAME = "wild_r2_guangxi_2022_xiangcun_zhenxing.docx"
FUND_WEIGHT = d(10)

# (label, 下达资金, 实际支付) in 万元.
FUNDS_PARTS: list[tuple[str, str, str]] = [
    ("其中：中央财政", "300.00", "295.00"),
    ("自治区财政", "150.00", "140.00"),
    ("市县配套", "50.00", "45.00"),
]

# (一级, 二级, 指标名称, 年度指标值, 全年实际值, 参考分值, 自评分, 偏差原因)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "帮扶脱贫户数", "1200户", "1150户", "10", "10", ""),
    ("产出指标", "数量指标", "新建产业路", "≥12公里", "12.5公里", "10", "10", ""),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", "10", "10", ""),
    ("产出指标", "时效指标", "资金拨付及时率", "≥95%", "96%", "5", "5", ""),
    (
        "产出指标",
        "成本指标",
        "项目总成本控制",
        "≤3843.67万元",
        "4262.96",
        "5",
        "3",
        "原材料价格上涨，超出成本控制目标",
    ),
    ("效益指标", "经济效益指标", "脱贫人口人均纯收入增幅", "≥8%", "9.2%", "10", "10", ""),
    ("效益指标", "社会效益指标", "带动就业人数", "≥300人", "326人", "10", "10", ""),
    ("效益指标", "可持续影响指标", "长效管护机制建立", "建立", "已建立", "10", "10", ""),
    ("效益指标", "生态效益指标", "农村人居环境改善", "明显改善", "明显改善", "", "", ""),
    ("满意度指标", "服务对象满意度指标", "脱贫户满意度", "≥90%", "94%", "20", "19", ""),
]
# Template rows the unit left blank: not indicators.
PLACEHOLDERS: list[tuple[str, ...]] = [
    ("满意度指标", "服务对象满意度指标", "指标1：", "", "", "", "", ""),
    ("满意度指标", "服务对象满意度指标", "……", "", "", "", "", ""),
]


def _funds() -> tuple[str, str, str, str]:
    budget = total(d(b) for _, b, _ in FUNDS_PARTS)
    spent = total(d(s) for _, _, s in FUNDS_PARTS)
    return (
        money(budget),
        money(spent),
        rate(spent, budget),
        score_text(rate_score(spent, budget, FUND_WEIGHT)),
    )


BUDGET_TOTAL, SPENT_TOTAL, RATE_TOTAL, EXEC_SCORE = _funds()
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(row[6]) for row in INDICATORS if row[6]))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2022, TOTAL_SCORE, GRADE, len(INDICATORS))


def _level1_label(name: str) -> str:
    weight = total(d(row[5]) for row in INDICATORS if row[0] == name and row[5])
    return f"{name}{score_text(weight)}分"


def _form_rows() -> list[list[str]]:
    rows: list[list[str]] = [
        ["项目名称", PROJECT, *[LEFT] * 6],
        ["主管部门", DEPT, LEFT, LEFT, "实施单位", UNIT, LEFT, LEFT],
        ["项目负责人及电话", "黄志明　13907712345", LEFT, LEFT, "联系人", "韦丽华", LEFT, LEFT],
        [
            "年度预算数（万元）",  # a caption over the row labels, not an amount column
            LEFT,
            "下达资金",
            "实际支付",
            "支付完成率",
            LEFT,
            "得分（10分×支付完成率）",
            LEFT,
        ],
        ["年度财政资金总额", LEFT, BUDGET_TOTAL, SPENT_TOTAL, RATE_TOTAL, LEFT, EXEC_SCORE, LEFT],
    ]
    for label, budget, spent in FUNDS_PARTS:
        rows.append([label, LEFT, budget, spent, rate(d(spent), d(budget)), LEFT, "—", LEFT])
    rows.append(
        [
            "一级指标",
            "二级指标",
            "指标名称（三级指标）",
            "年度指标值",
            "全年实际值",
            "参考分值",
            "自评分",
            "偏差原因",
        ]
    )
    body = [
        [_level1_label(r[0]), r[1], r[2], r[3], r[4], r[5] or FW, r[6] or FW, r[7] or FW]
        for r in [*INDICATORS, *PLACEHOLDERS]
    ]
    rows += merge_down(body, 2)
    rows += [
        ["总分", LEFT, LEFT, LEFT, LEFT, "100", TOTAL_SCORE, FW],
        ["评价等级", LEFT, LEFT, LEFT, LEFT, f"{GRADE}（S≧90）", LEFT, LEFT],
        ["填报人", "韦丽华", LEFT, LEFT, "联系电话", "0771-6201234", LEFT, LEFT],
    ]
    return rows


def build(path: Path) -> None:
    doc = start()
    title(doc, f"{PROJECT}绩效自评报告")
    heading(doc, "一、项目基本情况", level=1)
    para(
        doc,
        f"{PROJECT}由{UNIT}组织实施，全年下达资金{BUDGET_TOTAL}万元，其中中央财政300.00万元、"
        "自治区财政150.00万元、市县配套50.00万元，用于产业路建设和脱贫户产业帮扶。",
    )
    heading(doc, "二、绩效自评结论", level=1)
    para(
        doc,
        f"全年实际支付{SPENT_TOTAL}万元，支付完成率{RATE_TOTAL}。经自评，该项目综合得分"
        f"{TOTAL_SCORE}分，评价等级为“{GRADE}”。",
    )
    heading(doc, "三、存在问题及改进措施", level=1)
    para(doc, "一是原材料价格上涨致成本超支；二是部分帮扶户退出，帮扶户数未达计划。")
    aligned(doc, UNIT, align="right")
    aligned(doc, "2023-05-06 10:21:00", align="right")
    doc.add_page_break()
    aligned(doc, "附件", align="left")
    title(doc, "项目支出绩效自评表", size=15)
    aligned(doc, "（2022年度）", align="center", size=12)
    aligned(doc, "金额单位：万元", align="right")
    widths = [2.2, 2.2, 3.0, 2.0, 2.0, 1.6, 1.6, 2.4]
    fix_widths(table(doc, _form_rows(), widths_cm=widths, font_size=8.5), widths)
    aligned(doc, "注：本表由项目实施单位填报。", align="left")
    save(doc, path, author="武鸣区乡村振兴局")


__all__ = ["FACTS", "FILE_NAME", "INDICATORS", "build", "UP"]
