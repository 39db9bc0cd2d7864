"""A 2020 自评表 (Shandong district) with amounts in 元, not 万元: the caption says
``金额单位：元`` and cells hold ``5,234,500.00``. Empty cells are filled three ways
(``—``, ``/``, ``*``), as different clerks do; none of them is a value.

Deliberate: the year's execution (5,234,500.00) exceeds the adjusted budget
(5,120,000.00), rate 102.24%; the execution score is capped at its weight 10.
The 当年财政拨款 row alone executes 102.36%. Indicator scores are fractional.
"""

from __future__ import annotations

from pathlib import Path

from scripts.form_vocabulary import NATIONAL_INDICATOR_HEAD
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

PROJECT = "2020年城乡环卫一体化运营补助项目"
UNIT = "济宁市兖州区综合行政执法局"
DEPT = "济宁市兖州区综合行政执法局"
GRADE = "优"
FILE_NAME = "wild_yuan_units_2020_huanwei_yitihua.docx"

# (label, 年初预算数, 全年预算数, 全年执行数) in 元; "—"/"*" are how the clerk left it empty.
FUNDS_PARTS: list[tuple[str, str, str, str]] = [
    ("其中：当年财政拨款", "4860000", "4860000", "4974500"),
    ("上年结转资金", "—", "260000", "260000"),
    ("其他资金", "*", "*", "*"),
]

# (一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "道路清扫保洁面积", "≥620万平方米", "648.5万平方米", "10", "10", "/"),
    ("产出指标", "数量指标", "配置分类垃圾桶", "1500个", "1500个", "5", "5", "—"),
    ("产出指标", "数量指标", "生活垃圾日均清运量", "≥260吨", "271.4吨", "5", "5", "/"),
    ("产出指标", "质量指标", "生活垃圾无害化处理率", "100%", "100%", "10", "10", "/"),
    (
        "产出指标",
        "质量指标",
        "主次干道保洁达标率",
        "≥95%",
        "93.6%",
        "10",
        "9.85",
        "城郊结合部路段机械化清扫覆盖不足，已增购洗扫车2台",
    ),
    (
        "产出指标",
        "时效指标",
        "生活垃圾日产日清率",
        "100%",
        "99.2%",
        "5",
        "4.96",
        "雨雪天气个别村庄清运延迟，已调整清运班次",
    ),
    ("产出指标", "成本指标", "每平方米年保洁成本", "≤8.5元", "8.07元", "5", "5", "/"),
    (
        "效益指标",
        "社会效益指标",
        "城乡环境卫生综合考评排名",
        "全市前3名",
        "全市第4名",
        "10",
        "7.5",
        "农村垃圾分类宣传不到位，下年度纳入镇街考核",
    ),
    (
        "效益指标",
        "生态效益指标",
        "生活垃圾分类覆盖率",
        "≥60%",
        "54.3%",
        "10",
        "9.05",
        "部分行政村分类设施尚未配齐，2021年上半年补齐",
    ),
    ("效益指标", "可持续影响指标", "环卫一体化长效运行机制", "建立健全", "已建立", "10", "10", "—"),
    (
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥90%",
        "88.75%",
        "10",
        "9.86",
        "对收运时间有意见，已公布收运时刻表",
    ),
]


def _is_amount(value: str) -> bool:
    return value.isdigit()


def _col_sum(col: int) -> str:
    return money(total(d(p[col]) for p in FUNDS_PARTS if _is_amount(p[col])), thousands=True)


PLANNED, BUDGET, SPENT = _col_sum(1), _col_sum(2), _col_sum(3)
EXEC_SCORE = score_text(rate_score(d(SPENT), d(BUDGET), d(10)))
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(row[6]) for row in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2020, TOTAL_SCORE, GRADE, len(INDICATORS))


def _funds_rows() -> list[list[str]]:
    rows = [
        ["项目资金", "/", LEFT, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [
            UP,
            "年度资金总额",
            LEFT,
            PLANNED,
            BUDGET,
            SPENT,
            "10",
            rate(d(SPENT), d(BUDGET)),
            EXEC_SCORE,
        ],
    ]
    for label, planned, budget, spent in FUNDS_PARTS:
        cells = [
            money(d(v), thousands=True) if _is_amount(v) else v for v in (planned, budget, spent)
        ]
        r = rate(d(spent), d(budget)) if _is_amount(spent) and _is_amount(budget) else "/"
        rows.append([UP, label, LEFT, *cells, "/", r, "/"])
    return rows


def _indicator_rows() -> list[list[str]]:
    header = ["绩效指标", *NATIONAL_INDICATOR_HEAD]
    body = [list(r) for r in INDICATORS]
    return [header] + [[UP, *row] for row in merge_down(body, 2)]


def build(path: Path) -> None:
    doc = start()
    title(doc, "项目支出绩效自评表")
    aligned(doc, "（2020年度）", align="center", size=12)
    two_sided(doc, f"单位名称：{UNIT}", "金额单位：元", gap=40)
    head = [
        ["项目名称", PROJECT, *[LEFT] * 7],
        ["主管部门", DEPT, LEFT, LEFT, "实施单位", LEFT, UNIT, LEFT, LEFT],
    ]
    goals = [
        ["年度总体目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            "实现城乡环卫一体化全覆盖，道路清扫保洁面积620万平方米以上，生活垃圾无害化"
            "处理率100%，垃圾分类覆盖率达到60%。",
            LEFT,
            LEFT,
            LEFT,
            "清扫保洁面积648.5万平方米，生活垃圾无害化处理率100%，垃圾分类覆盖率54.3%，"
            "因清运车辆更新提前支付，全年执行超出预算。",
            LEFT,
            LEFT,
            LEFT,
        ],
    ]
    tail = [
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", TOTAL_SCORE, "*"],
        ["自评等级", LEFT, LEFT, LEFT, LEFT, LEFT, GRADE, LEFT, LEFT],
    ]
    rows = head + _funds_rows() + goals + _indicator_rows() + tail
    widths = [1.2, 1.7, 1.9, 2.8, 2.3, 2.3, 1.0, 1.6, 2.2]
    fix_widths(table(doc, rows, widths_cm=widths, font_size=8.5), widths)
    aligned(doc, "单位负责人：孔令军　　财务负责人：颜丽　　填表人：曲晓东", align="left")
    aligned(doc, "联系电话：0537-3412578　　　填报时间：2021年3月26日", align="left")
    save(doc, path, author="兖州区综合行政执法局")
