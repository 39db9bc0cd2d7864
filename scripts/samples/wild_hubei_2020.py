"""Hubei-style self-evaluation (2020): a short report followed by the 自评表 with
预算数(A) | 执行数(B) | 执行率(B/A) | 得分 funds columns (budget 20 points, the weight
written in the header ``得分（20分）``) and 年初目标值(A) | 实际完成值(B) | 分值 | 得分
indicator columns (indicators 80 points).

Deliberate: the 财政拨款 row executes 103.2% of its budget (carry-over money spent in
2020), while the other-funds row executes only 36.3%; the total row is consistent.
Rates are written with one decimal, as this form does; the score uses the exact rate.
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

PROJECT = "2020年高标准农田建设项目"
UNIT = "襄阳市襄州区农业农村局"
DEPT = "襄阳市襄州区农业农村局"
GRADE = "优"
FILE_NAME = "wild_hubei_2020_gaobiao_nongtian.docx"

# (label, 预算数(A), 执行数(B)) in 万元.
FUNDS_PARTS: list[tuple[str, str, str]] = [
    ("其中：财政拨款", "1700.00", "1754.40"),
    ("其他资金", "160.00", "58.00"),
]

# (一级, 二级, 三级, 年初目标值(A), 实际完成值(B), 分值, 得分, 偏差原因分析及改进措施)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "新建高标准农田面积", "3.2万亩", "3.25万亩", "10", "10", ""),
    ("产出指标", "数量指标", "新建及改造灌排渠道", "≥85公里", "88.6公里", "5", "5", ""),
    ("产出指标", "质量指标", "工程质量验收合格率", "100%", "100%", "10", "10", ""),
    (
        "产出指标",
        "时效指标",
        "项目完工时间",
        "2020年12月底前",
        "2021年3月",
        "5",
        "3",
        "受新冠肺炎疫情影响开工推迟，已于2021年3月全部完工；今后加强工期管理",
    ),
    ("产出指标", "成本指标", "亩均财政投资", "≤1500元/亩", "1480元/亩", "10", "10", ""),
    ("效益指标", "经济效益指标", "项目区粮食亩均增产", "≥50公斤", "56公斤", "10", "10", ""),
    ("效益指标", "社会效益指标", "受益农户", "≥1.2万户", "1.26万户", "5", "5", ""),
    (
        "效益指标",
        "生态效益指标",
        "高效节水灌溉面积占比",
        "≥40%",
        "38%",
        "5",
        "4",
        "部分丘岗地块不具备喷滴灌条件，下年度结合土地整治推进",
    ),
    ("效益指标", "可持续影响指标", "工程管护责任落实率", "100%", "100%", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "93.6%", "10", "10", ""),
]


def _funds() -> tuple[str, str, str, str]:
    budget = total(d(b) for _, b, _ in FUNDS_PARTS)
    spent = total(d(s) for _, _, s in FUNDS_PARTS)
    return (
        money(budget),
        money(spent),
        rate(spent, budget, places="0.1"),
        score_text(rate_score(spent, budget, d(20))),
    )


BUDGET_TOTAL, SPENT_TOTAL, RATE_TOTAL, EXEC_SCORE = _funds()
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(row[6]) for row in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2020, TOTAL_SCORE, GRADE, len(INDICATORS))


def _level1_label(name: str) -> str:
    weight = total(d(row[5]) for row in INDICATORS if row[0] == name)
    return f"{name}\n（{score_text(weight)}分）"


def _form_rows() -> list[list[str]]:
    rows: list[list[str]] = [
        ["项目名称", PROJECT, *[LEFT] * 7],
        ["主管部门", DEPT, LEFT, LEFT, "实施单位", LEFT, UNIT, LEFT, LEFT],
        ["项目属性", "延续性项目", LEFT, LEFT, "项目类型", LEFT, "专项资金", LEFT, LEFT],
        [
            "项目资金\n（万元）",
            FW,
            LEFT,
            "预算数(A)",
            "执行数(B)",
            "执行率(B/A)",
            LEFT,
            "得分（20分）",
            LEFT,
        ],
        [UP, "年度资金总额", LEFT, BUDGET_TOTAL, SPENT_TOTAL, RATE_TOTAL, LEFT, EXEC_SCORE, LEFT],
    ]
    for label, budget, spent in FUNDS_PARTS:
        r = rate(d(spent), d(budget), places="0.1")
        rows.append([UP, label, LEFT, budget, spent, r, LEFT, "—", LEFT])
    rows += [
        ["年度总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            "建设集中连片、旱涝保收高标准农田3.2万亩，配套灌排渠道85公里以上，项目区"
            "粮食综合生产能力明显提升。",
            LEFT,
            LEFT,
            LEFT,
            "建成高标准农田3.25万亩，新建及改造灌排渠道88.6公里，项目区粮食亩均增产"
            "56公斤，工程于2021年3月全部完工。",
            LEFT,
            LEFT,
            LEFT,
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年初目标值\n(A)",
            "实际完成值\n(B)",
            "分值",
            "得分",
            "偏差原因分析\n及改进措施",
        ],
    ]
    body = [[_level1_label(r[0]), *r[1:7], r[7] or FW] for r in INDICATORS]
    rows += [[UP, *row] for row in merge_down(body, 2)]
    rows += [
        ["总分", LEFT, LEFT, LEFT, LEFT, LEFT, "100", TOTAL_SCORE, FW],
        ["自评等级", LEFT, LEFT, LEFT, LEFT, LEFT, GRADE, LEFT, LEFT],
    ]
    return rows


def build(path: Path) -> None:
    doc = start()
    title(doc, f"襄州区{PROJECT}绩效自评报告")
    heading(doc, "一、项目基本情况", level=1)
    para(
        doc,
        f"{PROJECT}由{UNIT}组织实施，计划在黄集镇、伙牌镇、程河镇建设高标准农田3.2万亩。"
        f"项目全年预算{BUDGET_TOTAL}万元，其中财政拨款1700.00万元、村集体及新型经营主体"
        f"自筹160.00万元。",
    )
    heading(doc, "二、绩效自评情况", level=1)
    para(
        doc,
        f"全年实际执行{SPENT_TOTAL}万元，预算执行率{RATE_TOTAL}。其中财政拨款执行1754.40万元，"
        "执行率103.2%，超出部分为使用上年结转资金支付的工程进度款；自筹资金到位不足，"
        "仅执行58.00万元。",
    )
    para(doc, f"经自评，该项目综合得分{TOTAL_SCORE}分，自评等级为“{GRADE}”。")
    heading(doc, "三、存在的问题及改进措施", level=1)
    para(
        doc,
        "一是自筹资金到位率偏低，部分田间道路配套滞后；二是工程完工时间晚于计划。"
        "下一步将督促项目乡镇落实自筹资金，加强施工组织和工期管理。",
    )
    doc.add_page_break()
    aligned(doc, "附件", align="left")
    title(doc, "项目支出绩效自评表", size=15)
    aligned(doc, "（2020年度）", align="center", size=12)
    aligned(doc, f"填报单位：{UNIT}", align="left")
    widths = [1.3, 1.6, 2.0, 2.8, 2.0, 2.0, 1.1, 1.3, 2.9]
    fix_widths(table(doc, _form_rows(), widths_cm=widths, font_size=8.5), widths)
    aligned(doc, "填报人：陈志强　　审核人：刘慧敏　　联系电话：0710-2812356", align="left")
    aligned(doc, "填报日期：2021年4月15日", align="right")
    save(doc, path, author="襄州区农业农村局")
