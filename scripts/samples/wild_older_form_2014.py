"""An older (2014) 财政支出项目绩效自评报告 from a Hebei city: three separate tables
(表一 基本情况, 表二 资金情况 with 计划投资额 | 实际到位资金 | 实际使用情况 in 万元 under a
``单位：万元`` caption, 表三 评分表) and the pre-2018 scoring split 项目决策 20 / 项目管理 25 /
项目绩效 55 with 二级 and 三级 scoring rows; total 86, grade 良; then a short narrative.

All figures are consistent: 财政拨款 is the sum of its 其中 rows (中央财政 left empty),
合计 = 财政拨款 + 其他资金; the scores add up to 86.
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from scripts.samples.docx_kit import LEFT, heading, para, save, start, table, title
from scripts.samples.wild_kit import (
    FW,
    SampleFacts,
    aligned,
    d,
    fix_widths,
    merge_down,
    money,
    rate,
    score_text,
    signature_lines,
    total,
)

PROJECT = "邢台市区集中供热管网改造项目"
UNIT = "邢台市住房和城乡建设局"
DEPT = "邢台市人民政府"
GRADE = "良"
FILE_NAME = "wild_older_form_2014_gongre_guanwang.docx"

# Sub-rows of 财政拨款: (label, 计划投资额, 实际到位资金, 实际使用情况) in 万元; None = empty.
FISCAL_PARTS: list[tuple[str, str | None, str | None, str | None]] = [
    ("其中：中央财政", None, None, None),
    ("省财政", "500", "500", "500"),
    ("市财政", "1300", "1150", "1086.4"),
]
OTHER = ("其他资金（企业自筹）", "400", "320", "320")

# (一级, 二级, 三级, 分值, 自评得分, 扣分原因)
SCORING: list[tuple[str, ...]] = [
    ("项目决策", "项目目标", "目标内容", "4", "4", ""),
    ("项目决策", "决策过程", "决策依据", "3", "3", ""),
    ("项目决策", "决策过程", "决策程序", "5", "4", "可研批复晚于开工"),
    ("项目决策", "资金分配", "分配办法", "4", "3", "未制定资金分配办法"),
    ("项目决策", "资金分配", "分配结果", "4", "4", ""),
    ("项目管理", "资金到位", "到位率", "5", "4", "到位率89.55%"),
    ("项目管理", "资金到位", "到位时效", "3", "2", "市级资金分三次拨付"),
    ("项目管理", "资金管理", "资金使用", "8", "7", "部分支出附件不全"),
    ("项目管理", "资金管理", "财务管理", "4", "4", ""),
    ("项目管理", "组织实施", "组织机构", "1", "1", ""),
    ("项目管理", "组织实施", "管理制度执行", "4", "3", "监理日志记录不全"),
    ("项目绩效", "项目产出", "实际完成率", "10", "9", "计划45公里，完成42公里"),
    ("项目绩效", "项目产出", "完成及时性", "6", "4", "推迟至11月底完工"),
    ("项目绩效", "项目产出", "质量达标率", "8", "8", ""),
    ("项目绩效", "项目产出", "成本节约率", "6", "5", "管材涨价"),
    ("项目绩效", "项目效益", "经济效益", "5", "4", "热损失率降幅低于预期"),
    ("项目绩效", "项目效益", "社会效益", "8", "7", "新增供热面积未达目标"),
    ("项目绩效", "项目效益", "环境效益", "6", "5", ""),
    ("项目绩效", "项目效益", "可持续影响", "3", "3", ""),
    ("项目绩效", "项目效益", "服务对象满意度", "3", "2", "满意度85.2%"),
]

TOTAL_SCORE = score_text(total(d(r[4]) for r in SCORING))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2014, TOTAL_SCORE, GRADE, len(SCORING))


def _col(parts: list[tuple[str, str | None, str | None, str | None]], col: int) -> str:
    return money(total(d(p[col]) for p in parts if p[col]))


def _funds_table(doc: Document) -> None:
    fiscal = [_col(FISCAL_PARTS, c) for c in (1, 2, 3)]
    rows = [["资金来源", "计划投资额", "实际到位资金", "实际使用情况"], ["财政拨款", *fiscal]]
    for label, *values in FISCAL_PARTS:
        rows.append([label, *[money(d(v)) if v else FW for v in values]])
    rows.append([OTHER[0], *[money(d(v)) for v in OTHER[1:]]])
    rows.append(["合计", *[money(d(f) + d(o)) for f, o in zip(fiscal, OTHER[1:], strict=True)]])
    widths = [4.6, 3.8, 3.8, 3.8]
    fix_widths(table(doc, rows, widths_cm=widths, font_size=10.5), widths)


def _scoring_table(doc: Document) -> None:
    def label(name: str) -> str:
        weight = total(d(r[3]) for r in SCORING if r[0] == name)
        return f"{name}\n（{score_text(weight)}分）"

    rows = [["一级指标", "二级指标", "三级指标", "分值", "自评得分", "扣分原因"]]
    rows += merge_down([[label(r[0]), *r[1:5], r[5] or FW] for r in SCORING], 2)
    rows.append(["合计", LEFT, LEFT, "100", TOTAL_SCORE, FW])
    rows.append(["自评等级", LEFT, LEFT, GRADE, LEFT, LEFT])
    widths = [2.6, 2.4, 3.4, 1.5, 1.8, 5.3]
    fix_widths(table(doc, rows, widths_cm=widths, font_size=10), widths)


def build(path: Path) -> None:
    doc = start()
    title(doc, "2014年度财政支出项目绩效自评报告", size=18)
    aligned(doc, f"项目单位（盖章）：{UNIT}", align="left")
    aligned(doc, "表一　项目基本情况", align="left")
    basic = [
        ["项目名称", PROJECT, LEFT, LEFT],
        ["项目单位", UNIT, "主管部门", DEPT],
        ["项目负责人", "杨建华", "联系电话", "0319-2235871"],
        ["项目起止时间", "2014年3月至2014年11月", LEFT, LEFT],
    ]
    fix_widths(
        table(doc, basic, widths_cm=[3.2, 5.2, 2.8, 4.8], font_size=10.5), [3.2, 5.2, 2.8, 4.8]
    )
    aligned(doc, "表二　项目资金情况", align="left")
    aligned(doc, "单位：万元", align="right")
    _funds_table(doc)
    aligned(doc, "表三　项目绩效自评评分表", align="left")
    _scoring_table(doc)
    heading(doc, "项目绩效自评综述", level=1)
    para(
        doc,
        "一、项目基本情况。为解决市区老旧供热管网跑冒滴漏、热损失大的问题，市政府决定对"
        "市区一次、二次供热管网进行改造，计划改造管网45公里。",
    )
    fiscal_received = _col(FISCAL_PARTS, 2)
    para(
        doc,
        f"二、资金使用情况。项目计划投资2200.00万元，实际到位1970.00万元（其中财政拨款"
        f"{fiscal_received}万元），到位率{rate(d('1970'), d('2200'))}；实际使用1906.40万元。",
    )
    para(
        doc,
        "三、绩效目标完成情况。完成管网改造42公里，新增供热面积86万平方米，热损失率由"
        "18%降至13%，每个采暖季减少燃煤约1.2万吨。",
    )
    para(doc, f"四、自评结论。经自评，该项目得分{TOTAL_SCORE}分，自评等级为“{GRADE}”。")
    para(doc, "五、存在问题及建议。市级配套资金到位不及时，建议按工程进度足额拨付。")
    signature_lines(doc, [f"{UNIT}（盖章）", "2015年3月20日"])
    save(doc, path, author="邢台市住建局")
