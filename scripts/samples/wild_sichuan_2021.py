"""Sichuan-style 项目支出绩效自评表 (2021): 金额单位 caption, funds by 财政资金 /
财政专户管理资金 / 单位资金 / 其他资金 with a 合计 row, and indicators with separate
指标性质 (=, ≥, ≤, 定性) and 度量单位 columns. Budget 10 + indicators 90.

All figures are consistent: the 合计 row is the sum of the source rows, rates are
执行数 / 调整后预算数, the execution score is rate × 10 and the total is the sum.
"""

from __future__ import annotations

from pathlib import Path

from scripts.samples.docx_kit import LEFT, UP, save, start, table, title
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
    signature_lines,
    total,
    two_sided,
)

PROJECT = "2021年农村饮水安全巩固提升工程"
UNIT = "绵阳市游仙区水利局"
DEPT = "绵阳市游仙区人民政府"
GRADE = "优"

# (label, 年初预算, 调整后预算数, 预算执行数) in 万元; None = the row is left empty.
FUNDS: list[tuple[str, str | None, str | None, str | None]] = [
    ("财政资金", "850.00", "920.00", "896.50"),
    ("财政专户管理资金", None, None, None),
    ("单位资金", "30.00", "30.00", "28.60"),
    ("其他资金", None, None, None),
]
FUNDS_REASON = "部分管网工程尾款按合同约定于2022年质保期满后支付"

# (一级, 二级, 三级, 指标性质, 指标值, 度量单位, 完成值, 权重, 得分, 未完成原因分析)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "新建集中供水工程", "=", "6", "处", "6", "10", "10", ""),
    ("产出指标", "数量指标", "新建及改造供水管网", "≥", "48", "公里", "51.3", "10", "10", ""),
    ("产出指标", "数量指标", "受益农村人口", "≥", "2.6", "万人", "2.71", "5", "5", ""),
    ("产出指标", "质量指标", "工程验收合格率", "=", "100", "%", "100", "10", "10", ""),
    (
        "产出指标",
        "质量指标",
        "农村集中供水水质达标率",
        "≥",
        "90",
        "%",
        "88.5",
        "5",
        "4",
        "2处新建水厂消毒设备调试期内水质抽检未达标，已于12月完成整改复检",
    ),
    ("产出指标", "时效指标", "工程完工及时率", "=", "100", "%", "100", "5", "5", ""),
    ("产出指标", "成本指标", "单位管网改造成本", "≤", "12", "万元/公里", "11.6", "5", "5", ""),
    ("效益指标", "社会效益指标", "农村自来水普及率", "≥", "92", "%", "93.4", "10", "10", ""),
    ("效益指标", "社会效益指标", "解决季节性缺水户数", "≥", "3200", "户", "3350", "5", "5", ""),
    (
        "效益指标",
        "生态效益指标",
        "划定水源地保护区",
        "=",
        "6",
        "个",
        "5",
        "5",
        "4",
        "1处水源地保护区划定方案待区政府批复",
    ),
    ("效益指标", "可持续影响指标", "工程运行管护机制", "定性", "健全", "—", "健全", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", "90", "%", "95.2", "10", "10", ""),
]

FILE_NAME = "wild_sichuan_2021_nongcun_yinshui.docx"


def _scores() -> tuple[str, str]:
    budget = total(d(row[2]) for row in FUNDS if row[2])
    spent = total(d(row[3]) for row in FUNDS if row[3])
    exec_score = rate_score(spent, budget, d(10))
    overall = exec_score + total(d(row[8]) for row in INDICATORS)
    return score_text(exec_score), score_text(overall)


EXEC_SCORE, TOTAL_SCORE = _scores()
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2021, TOTAL_SCORE, GRADE, len(INDICATORS))


def _funds_rows() -> list[list[str]]:
    header = [
        "项目资金",
        "资金来源",
        LEFT,
        "年初预算",
        "调整后\n预算数",
        "预算\n执行数",
        "预算\n执行率",
        "权重",
        "得分",
        "原因",
        LEFT,
    ]
    rows = [header]
    for label, planned, budget, spent in FUNDS:
        if budget and spent:
            cells = [planned or FW, budget, spent, rate(d(spent), d(budget))]
        else:
            cells = [FW, FW, FW, FW]
        rows.append([UP, label, LEFT, *cells, "—", "—", FW, LEFT])
    planned_sum = total(d(r[1]) for r in FUNDS if r[1])
    budget_sum = total(d(r[2]) for r in FUNDS if r[2])
    spent_sum = total(d(r[3]) for r in FUNDS if r[3])
    rows.append(
        [
            UP,
            "合计",
            LEFT,
            money(planned_sum),
            money(budget_sum),
            money(spent_sum),
            rate(spent_sum, budget_sum),
            "10",
            EXEC_SCORE,
            FUNDS_REASON,
            LEFT,
        ]
    )
    return rows


def _indicator_rows() -> list[list[str]]:
    header = [
        "绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标\n性质",
        "指标值",
        "度量\n单位",
        "完成值",
        "权重",
        "得分",
        "未完成原因\n分析",
    ]
    body = [[row[0], row[1], *row[2:9], row[9] or FW] for row in INDICATORS]
    merged = merge_down(body, 2)
    return [header] + [[UP, *row] for row in merged]


def build(path: Path) -> None:
    doc = start(landscape=True)
    title(doc, "项目支出绩效自评表")
    aligned(doc, "（2021年度）", align="center", size=12)
    two_sided(doc, f"填报单位（盖章）：{UNIT}", "金额单位：万元", gap=120)
    head = [
        ["项目名称", PROJECT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
        ["主管部门", DEPT, LEFT, LEFT, LEFT, "实施单位", LEFT, UNIT, LEFT, LEFT, LEFT],
        [
            "项目负责人",
            "王晓丽",
            LEFT,
            LEFT,
            LEFT,
            "联系电话",
            LEFT,
            "0816-2275613",
            LEFT,
            LEFT,
            LEFT,
        ],
    ]
    goals = [
        [
            "年度总体\n目标",
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
        [
            UP,
            "新建集中供水工程6处，新建及改造供水管网48公里以上，巩固提升2.6万农村人口"
            "饮水安全保障水平，农村自来水普及率达到92%以上。",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
            "建成集中供水工程6处，新建及改造供水管网51.3公里，受益农村人口2.71万人，"
            "农村自来水普及率达到93.4%，1处水源地保护区划定方案待批复。",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ],
    ]
    tail = [
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100", TOTAL_SCORE, FW],
        ["自评等级", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, GRADE, LEFT, LEFT],
        [
            "偏差大或目标未完成原因分析",
            LEFT,
            "个别新建水厂水质检测未达标、水源地保护区划定滞后，主要原因是设备调试周期"
            "估计不足、划定方案审批程序较长。",
            *[LEFT] * 8,
        ],
        [
            "改进措施及结果应用方案",
            LEFT,
            "加强水厂运行管理人员培训，建立水质月检制度；加快水源地保护区划定报批；"
            "自评结果作为2022年项目预算安排的重要依据。",
            *[LEFT] * 8,
        ],
    ]
    rows = head + _funds_rows() + goals + _indicator_rows() + tail
    widths = [1.6, 2.2, 2.4, 3.6, 1.8, 1.8, 1.6, 1.8, 1.2, 1.2, 5.2]
    fix_widths(table(doc, rows, widths_cm=widths), widths)
    aligned(
        doc,
        "填表人：李春燕　　　　联系电话：0816-2275613　　　　填报日期：2022年3月18日",
        align="left",
    )
    signature_lines(doc, ["单位负责人（签字）：张建国"])
    save(doc, path, author="游仙区水利局")
