"""A 自评表 whose indicator block puts the 分值 column before the target:
一级 | 二级 | 三级 | 分值 | 年度指标值 | 实际完成值 | 得分 | 未完成原因及拟采取的改进措施
(Jiangxi county style, 2021). Funds columns follow the national order. Budget 10 +
indicators 90; level-1 weights written with half-width parentheses ``产出指标(50分)``.

All figures are consistent; the grade 良 matches the total under the usual bands.
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

PROJECT = "章贡区城区智慧停车系统建设项目"
UNIT = "赣州市章贡区城市管理局"
DEPT = "赣州市章贡区人民政府"
GRADE = "良"
FILE_NAME = "wild_weight_first_2021_zhihui_tingche.docx"

# (label, 年初预算数, 全年预算数, 全年执行数) in 万元; None = left empty.
FUNDS_PARTS: list[tuple[str, str | None, str | None, str | None]] = [
    ("其中：财政拨款", "540", "500", "471.2"),
    ("上年结转资金", "100", "100", "100"),
    ("其他资金", None, None, None),
]

# (一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 得分, 未完成原因及拟采取的改进措施)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "新增智慧泊位", "10", "2000个", "2150个", "10", ""),
    ("产出指标", "数量指标", "安装高位视频识别设备", "5", "120套", "120套", "5", ""),
    ("产出指标", "质量指标", "车牌识别准确率", "10", "≥98%", "98.6%", "10", ""),
    (
        "产出指标",
        "质量指标",
        "系统平台正常运行率",
        "5",
        "≥99%",
        "97.2%",
        "4",
        "7月雷雨季节2次断电导致平台停机；拟为机房加装UPS不间断电源",
    ),
    (
        "产出指标",
        "时效指标",
        "项目竣工验收时间",
        "10",
        "2021年10月31日前",
        "2021年12月20日",
        "7",
        "高位视频设备到货延迟；今后在合同中明确供货期限及违约责任",
    ),
    ("产出指标", "成本指标", "单泊位建设成本", "10", "≤2800元", "2656元", "10", ""),
    (
        "效益指标",
        "经济效益指标",
        "年停车收费收入",
        "10",
        "≥300万元",
        "212.6万元",
        "4",
        "系统8月起试运行，当年运营不足5个月；2022年按全年运营考核",
    ),
    (
        "效益指标",
        "社会效益指标",
        "主城区平均寻位时间缩短比例",
        "10",
        "≥30%",
        "27%",
        "8",
        "部分路段诱导屏尚未接入；2022年一季度完成全部接入",
    ),
    ("效益指标", "可持续影响指标", "系统持续稳定运行年限", "10", "≥5年", "5年", "10", ""),
    ("满意度指标", "服务对象满意度指标", "市民满意度", "10", "≥85%", "91.3%", "10", ""),
]


def _amount(value: str | None) -> str:
    return money(d(value)) if value else FW


def _funds_rows() -> tuple[list[list[str]], str]:
    filled = [p for p in FUNDS_PARTS if p[2] and p[3]]
    planned = total(d(p[1]) for p in filled if p[1])
    budget = total(d(p[2]) for p in filled if p[2])
    spent = total(d(p[3]) for p in filled if p[3])
    score = score_text(rate_score(spent, budget, d(10)))
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
        [
            UP,
            "年度资金总额",
            LEFT,
            money(planned),
            money(budget),
            money(spent),
            "10",
            rate(spent, budget),
            score,
        ],
    ]
    for label, p, b, s in FUNDS_PARTS:
        r = rate(d(s), d(b)) if b and s else FW
        rows.append([UP, label, LEFT, _amount(p), _amount(b), _amount(s), FW, r, FW])
    return rows, score


FUNDS_ROWS, EXEC_SCORE = _funds_rows()
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(row[6]) for row in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2021, TOTAL_SCORE, GRADE, len(INDICATORS))


def _indicator_rows() -> list[list[str]]:
    def label(name: str) -> str:
        weight = total(d(r[3]) for r in INDICATORS if r[0] == name)
        return f"{name}\n({score_text(weight)}分)"

    header = [
        "绩效\n指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "年度\n指标值",
        "实际\n完成值",
        "得分",
        "未完成原因及拟采取的改进措施",
    ]
    body = [[label(r[0]), *r[1:7], r[7] or FW] for r in INDICATORS]
    return [header] + [[UP, *row] for row in merge_down(body, 2)]


def build(path: Path) -> None:
    doc = start()
    title(doc, "2021年度项目支出绩效自评表")
    aligned(doc, f"填报单位（盖章）：{UNIT}", align="left")
    head = [
        ["项目名称", PROJECT, *[LEFT] * 7],
        ["主管部门", DEPT, LEFT, LEFT, "实施单位", LEFT, UNIT, LEFT, LEFT],
        ["项目负责人", "钟卫东", LEFT, LEFT, "联系电话", LEFT, "0797-8236051", LEFT, LEFT],
    ]
    goals = [
        ["年度总体\n目标", "预期目标", LEFT, LEFT, LEFT, "实际完成情况", LEFT, LEFT, LEFT],
        [
            UP,
            "在主城区新增智慧泊位2000个，建成集泊位感知、车牌识别、在线缴费、停车诱导"
            "于一体的城区智慧停车管理平台，缓解停车难问题。",
            LEFT,
            LEFT,
            LEFT,
            "新增智慧泊位2150个，安装高位视频设备120套，平台于2021年8月试运行，"
            "12月20日通过竣工验收。",
            LEFT,
            LEFT,
            LEFT,
        ],
    ]
    tail = [
        ["总分", LEFT, LEFT, LEFT, "100", LEFT, LEFT, TOTAL_SCORE, FW],
        ["评价等次", LEFT, LEFT, LEFT, GRADE, LEFT, LEFT, LEFT, LEFT],
    ]
    rows = head + FUNDS_ROWS + goals + _indicator_rows() + tail
    widths = [1.1, 1.8, 1.9, 2.6, 1.5, 1.8, 1.8, 1.6, 2.9]
    fix_widths(table(doc, rows, widths_cm=widths), widths)
    aligned(doc, "填表人：曾丽萍　　　　联系电话：0797-8236051", align="left")
    aligned(doc, "单位负责人：黄志明", align="left")
    aligned(doc, "2022年2月25日", align="right")
    save(doc, path, author="章贡区城市管理局")
