"""A third-party 绩效评价报告 (2019, by an accounting firm for a Guangxi city bureau)
covering three projects: a cover page, a funds table of the three projects with a 合计
row, one section per project with its own funds line and its own score and grade in
prose (91.8 优秀, 78.5 中, 85 良), an overall conclusion (average 85.1, 良), the
evaluation team and the firm's signature block.

All figures are consistent: 结余 = 到位 − 已支付, 执行率 = 已支付 / 到位 (the table note
says so), 合计 is the column sum, the average is the mean of the three scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from docx.document import Document

from scripts.samples.docx_kit import heading, page_break, para, save, start, table, title
from scripts.samples.wild_kit import (
    SampleFacts,
    aligned,
    d,
    fix_widths,
    money,
    rate,
    score_text,
    signature_lines,
    total,
)

CLIENT = "柳州市农业农村局"
EVALUATOR = "柳州明信会计师事务所有限公司"
PROGRAMME = f"{CLIENT}2019年度专项资金"
FILE_NAME = "wild_third_party_multi_2019_liuzhou_nongye.docx"


@dataclass(frozen=True)
class Project:
    name: str
    unit: str
    budget: Decimal  # 万元
    received: Decimal
    paid: Decimal
    score: str
    grade: str
    achievements: str
    problems: str


PROJECTS: tuple[Project, ...] = (
    Project(
        "农村人居环境整治专项资金",
        "柳州市农村人居环境整治工作领导小组办公室",
        d("1200.00"),
        d("1200.00"),
        d("1158.60"),
        "91.8",
        "优秀",
        "全市完成农村改厕1.86万户，新建村级垃圾收集点426个，建成农村生活污水处理设施38套，"
        "村庄保洁覆盖率达到100%。",
        "个别县区污水处理设施建成后运行维护经费未落实。",
    ),
    Project(
        "农产品质量安全监管专项资金",
        "柳州市农产品质量安全检测中心",
        d("360.00"),
        d("360.00"),
        d("262.80"),
        "78.5",
        "中",
        "完成农产品定量检测2310批次、快速检测3.2万批次，主要农产品质量安全监测合格率98.6%。",
        "检测设备采购延迟至12月，资金执行率仅73.00%；追溯平台入驻主体数量未达目标。",
    ),
    Project(
        "动物疫病防控专项资金",
        "柳州市动物疫病预防控制中心",
        d("540.00"),
        d("520.00"),
        d("489.50"),
        "85",
        "良",
        "完成重大动物疫病强制免疫1260万头（羽）次，免疫抗体合格率均在70%以上，"
        "全年未发生区域性重大动物疫情。",
        "省级补助资金20.00万元未按计划到位，部分乡镇防疫员补助发放滞后。",
    ),
)

AVERAGE = score_text(total(d(p.score) for p in PROJECTS) / len(PROJECTS))
GRADE = "良"
FACTS = SampleFacts(FILE_NAME, PROGRAMME, CLIENT, 2019, AVERAGE, GRADE, 0)


def _funds_table(doc: Document) -> None:
    rows = [
        [
            "序号",
            "项目名称",
            "预算金额\n（万元）",
            "到位金额\n（万元）",
            "已支付金额\n（万元）",
            "结余金额\n（万元）",
            "执行率",
            "评价得分",
            "评价等级",
        ]
    ]
    for i, p in enumerate(PROJECTS, start=1):
        rows.append(
            [
                str(i),
                p.name,
                money(p.budget, thousands=True),
                money(p.received, thousands=True),
                money(p.paid, thousands=True),
                money(p.received - p.paid, thousands=True),
                rate(p.paid, p.received),
                p.score,
                p.grade,
            ]
        )
    budget = total(p.budget for p in PROJECTS)
    received = total(p.received for p in PROJECTS)
    paid = total(p.paid for p in PROJECTS)
    rows.append(
        [
            "合计",
            "",
            money(budget, thousands=True),
            money(received, thousands=True),
            money(paid, thousands=True),
            money(received - paid, thousands=True),
            rate(paid, received),
            "—",
            "—",
        ]
    )
    widths = [1.0, 3.6, 1.8, 1.8, 2.0, 1.8, 1.7, 1.3, 1.3]
    fix_widths(table(doc, rows, widths_cm=widths), widths)
    aligned(doc, "注：执行率＝已支付金额÷到位金额，数据截至2019年12月31日。", align="left", size=9)


def _project_section(doc: Document, index: str, p: Project) -> None:
    para(doc, f"（{index}）{p.name}", indent=True, bold=True)
    para(
        doc,
        f"该项目由{p.unit}具体实施。2019年预算安排{money(p.budget, thousands=True)}万元，"
        f"实际到位{money(p.received, thousands=True)}万元，截至2019年12月31日已支付"
        f"{money(p.paid, thousands=True)}万元，结余{money(p.received - p.paid, thousands=True)}万元，"
        f"预算执行率{rate(p.paid, p.received)}。",
    )
    para(doc, f"主要绩效：{p.achievements}")
    para(doc, f"主要问题：{p.problems}")
    para(doc, f"经评价，该项目综合得分{p.score}分，评价等级为“{p.grade}”。")


def _cover(doc: Document) -> None:
    for _ in range(4):
        doc.add_paragraph()
    title(doc, f"{PROGRAMME}绩效评价报告", size=20)
    aligned(doc, "（农村人居环境整治、农产品质量安全监管、动物疫病防控）", align="center", size=12)
    for _ in range(6):
        doc.add_paragraph()
    aligned(doc, "报告编号：柳明信绩评字〔2020〕第017号", align="center", size=12)
    aligned(doc, f"委托单位：{CLIENT}", align="center", size=12)
    aligned(doc, f"评价机构：{EVALUATOR}", align="center", size=12)
    aligned(doc, "二〇二〇年四月", align="center", size=12)
    page_break(doc)


def build(path: Path) -> None:
    doc = start()
    _cover(doc)
    title(doc, f"{PROGRAMME}绩效评价报告")
    para(
        doc,
        f"受{CLIENT}委托，{EVALUATOR}（以下简称“我所”）组成评价组，对{CLIENT}2019年度"
        "农村人居环境整治、农产品质量安全监管、动物疫病防控三个专项资金开展了绩效评价。"
        "现将评价情况报告如下：",
    )
    heading(doc, "一、评价对象基本情况", level=1)
    para(doc, "2019年三个专项资金预算安排及执行情况如下表：")
    _funds_table(doc)
    heading(doc, "二、评价工作开展情况", level=1)
    para(
        doc,
        "评价组于2020年3月2日至4月10日，采取资料核查、现场勘查、问卷调查和座谈访谈"
        "相结合的方式开展评价，共抽查项目点42个，发放满意度调查问卷600份，收回有效问卷573份。",
    )
    para(doc, "评价组成员如下：", indent=True)
    team = [
        ["姓名", "职称/职务", "单位", "分工"],
        ["覃国华", "注册会计师/项目负责人", EVALUATOR, "总体负责"],
        ["韦丽娟", "高级会计师", EVALUATOR, "财务核查"],
        ["梁志勇", "高级农艺师", "广西农业职业技术大学", "专家评审"],
        ["莫晓东", "审计员", EVALUATOR, "现场勘查"],
    ]
    fix_widths(table(doc, team, widths_cm=[2.2, 4.4, 6.0, 2.6]), [2.2, 4.4, 6.0, 2.6])
    heading(doc, "三、分项目评价情况", level=1)
    for index, project in zip("一二三", PROJECTS, strict=True):
        _project_section(doc, index, project)
    heading(doc, "四、综合评价结论", level=1)
    scores = "、".join(f"{p.score}分" for p in PROJECTS)
    para(
        doc,
        f"三个项目综合得分分别为{scores}，平均得分{AVERAGE}分，{PROGRAMME}整体评价等级为"
        f"“{GRADE}”。项目决策依据充分，资金管理总体规范，但农产品质量安全监管项目资金"
        "执行进度偏慢，动物疫病防控项目省级补助资金未足额到位。",
    )
    heading(doc, "五、存在的主要问题", level=1)
    para(doc, "（一）部分项目预算执行进度偏慢，年底集中支付现象较为突出。")
    para(doc, "（二）绩效目标设置不够细化，部分指标缺少可衡量的量化值。")
    para(doc, "（三）项目建成后的长效管护机制和运行经费保障不足。")
    heading(doc, "六、意见和建议", level=1)
    para(doc, "（一）加快预算执行，建立按月通报和约谈机制。")
    para(doc, "（二）科学设定绩效目标，将评价结果与下年度预算安排挂钩。")
    para(doc, "（三）落实污水处理设施等项目的运行维护经费。")
    doc.add_paragraph()
    signature_lines(doc, [EVALUATOR, "项目负责人：覃国华", "2020年4月28日"])
    save(doc, path, author=EVALUATOR)
