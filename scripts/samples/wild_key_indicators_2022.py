"""A 2022 自评表 (Gansu county health bureau) with ★-marked key indicators
(``★群众满意度``), nested 其中 rows in the funds block (当年财政拨款 split into
``其中：中央补助`` / ``其中：省级补助`` / ``其中：市县配套``, which must not be added to the
total twice) and fractional indicator scores (``7.85``, ``5.84``).

All figures are consistent: the three subsidy rows add up to 当年财政拨款, which equals
年度资金总额; indicator scores add up to the stated total.
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
    total,
)

PROJECT = "2022年基本公共卫生服务项目"
UNIT = "天水市秦州区卫生健康局"
DEPT = "天水市秦州区卫生健康局"
GRADE = "优"
FILE_NAME = "wild_key_indicators_2022_jiben_gongwei.docx"

# Sub-rows of 当年财政拨款: (label, 年初预算数, 全年预算数, 全年执行数) in 万元.
SUBSIDIES: list[tuple[str, str, str, str]] = [
    ("其中：中央补助", "1590.00", "1610.40", "1580.20"),
    ("其中：省级补助", "480.00", "486.00", "470.35"),
    ("其中：市县配套", "316.40", "316.40", "311.40"),
]

# (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "★65岁及以上老年人健康管理率", "≥62%", "64.8%", "8", "8", ""),
    ("产出指标", "数量指标", "★0-6岁儿童健康管理率", "≥90%", "91.6%", "8", "8", ""),
    (
        "产出指标",
        "数量指标",
        "高血压患者基层规范管理服务率",
        "≥62%",
        "60.3%",
        "6",
        "5.84",
        "部分患者外出务工失访；加强村医随访和信息化追踪",
    ),
    ("产出指标", "数量指标", "2型糖尿病患者基层规范管理服务率", "≥62%", "63.1%", "6", "6", ""),
    (
        "产出指标",
        "质量指标",
        "★居民电子健康档案建档率",
        "≥90%",
        "88.3%",
        "8",
        "7.85",
        "流动人口建档不及时；与公安、社区共享人口信息，动态更新档案",
    ),
    ("产出指标", "质量指标", "孕产妇系统管理率", "≥90%", "92.5%", "6", "6", ""),
    ("产出指标", "时效指标", "资金拨付及时率", "100%", "100%", "4", "4", ""),
    ("产出指标", "成本指标", "人均基本公共卫生服务经费补助标准", "84元", "84元", "4", "4", ""),
    (
        "效益指标",
        "社会效益指标",
        "★城乡居民公共卫生差距",
        "不断缩小",
        "逐步缩小",
        "10",
        "9.5",
        "农村地区服务能力仍有差距；继续实施乡村医生能力提升培训",
    ),
    ("效益指标", "社会效益指标", "居民健康素养水平", "≥25%", "26.8%", "10", "10", ""),
    (
        "效益指标",
        "可持续影响指标",
        "基本公共卫生服务水平",
        "不断提高",
        "稳步提高",
        "10",
        "9.6",
        "基层人员流动性大；落实绩效工资倾斜政策",
    ),
    ("满意度指标", "服务对象满意度指标", "★群众满意度", "≥85%", "87.62%", "10", "10", ""),
]


def _sums() -> tuple[str, str, str]:
    return (
        money(total(d(s[1]) for s in SUBSIDIES)),
        money(total(d(s[2]) for s in SUBSIDIES)),
        money(total(d(s[3]) for s in SUBSIDIES)),
    )


PLANNED, BUDGET, SPENT = _sums()
EXEC_SCORE = score_text(rate_score(d(SPENT), d(BUDGET), d(10)))
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(row[6]) for row in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2022, TOTAL_SCORE, GRADE, len(INDICATORS))


def _funds_rows() -> list[list[str]]:
    exec_rate = rate(d(SPENT), d(BUDGET))
    rows = [
        [
            "项目资金\n（万元）",
            FW,
            LEFT,
            "年初\n预算数",
            "全年\n预算数",
            "全年\n执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [UP, "年度资金总额", LEFT, PLANNED, BUDGET, SPENT, "10", exec_rate, EXEC_SCORE],
        [UP, "其中：当年财政拨款", LEFT, PLANNED, BUDGET, SPENT, "—", exec_rate, "—"],
    ]
    for label, planned, budget, spent in SUBSIDIES:
        rows.append([UP, label, LEFT, planned, budget, spent, "—", rate(d(spent), d(budget)), "—"])
    rows.append([UP, "上年结转资金", LEFT, FW, FW, FW, "—", FW, "—"])
    rows.append([UP, "其他资金", LEFT, FW, FW, FW, "—", FW, "—"])
    return rows


def _indicator_rows() -> list[list[str]]:
    def label(name: str) -> str:
        weight = total(d(r[5]) for r in INDICATORS if r[0] == name)
        return f"{name}\n（{score_text(weight)}分）"

    header = [
        "绩\n效\n指\n标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度\n指标值",
        "实际\n完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    body = [[label(r[0]), *r[1:7], r[7] or FW] for r in INDICATORS]
    return [header] + [[UP, *row] for row in merge_down(body, 2)]


def build(path: Path) -> None:
    doc = start()
    title(doc, "项目支出绩效自评表")
    aligned(doc, "（2022年度）", align="center", size=12)
    head = [
        ["项目名称", PROJECT, *[LEFT] * 7],
        ["主管部门", DEPT, LEFT, LEFT, "实施单位", LEFT, UNIT, LEFT, LEFT],
    ]
    goals = [
        ["年度\n总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            "为辖区常住居民免费提供12类基本公共卫生服务，重点人群健康管理率达到国家"
            "考核要求，城乡居民公共卫生服务差距不断缩小。",
            LEFT,
            LEFT,
            LEFT,
            "全年累计管理65岁及以上老年人4.86万人、高血压患者3.12万人、2型糖尿病患者"
            "0.94万人，电子健康档案建档率88.3%，群众满意度87.62%。",
            LEFT,
            LEFT,
            LEFT,
        ],
    ]
    tail = [
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", TOTAL_SCORE, FW],
        ["自评\n结论", "综合得分" + TOTAL_SCORE + "分，自评等级：" + GRADE, *[LEFT] * 7],
    ]
    rows = head + _funds_rows() + goals + _indicator_rows() + tail
    widths = [1.1, 1.8, 2.0, 3.3, 1.6, 1.6, 1.3, 1.5, 2.6]
    fix_widths(table(doc, rows, widths_cm=widths), widths)
    aligned(doc, "注：标“★”的为核心绩效指标。", align="left", size=9)
    aligned(
        doc, "填报人：杨晓红　　联系电话：0938-8213367　　填报日期：2023年3月10日", align="left"
    )
    save(doc, path, author="秦州区卫生健康局")
