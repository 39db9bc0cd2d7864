"""赣州市 2022年度 农村饮水安全巩固提升项目: a narrative report with two attachments.

Unlike the seeds, headings use Word's ``Heading 1`` / ``Heading 2`` styles, section 二
uses Word auto-numbering (``List Number``: the digits are not in the text) and section
五 numbers its paragraphs by hand (``1.``). The score and the grade appear only in
prose (``自评得分为88.5分，评价等级为“良”``). After a page break come 附件1 (an indicator
table without weights in the level-1 labels and with 分值 before 年度指标值) and 附件2
(itemised expenditures in 元 with a 合计 row).

Facts a golden file can rely on:
- 预算 15,800,000 元 (市级 10,800,000 + 中央 5,000,000), 到位 15,800,000, 支出
  15,010,000, 结余 790,000, 执行率 95%.
- 9 indicators, weights 100, scores 88.5 (= total score); grade 良.
- 6 expenditure items summing to the 合计 15,010,000.00 元 (= 支出).
"""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.samples import docx_extras as ex
from scripts.samples.docx_kit import LEFT, UP, heading, page_break, save, start, table, title

PROJECT = "赣州市农村饮水安全巩固提升项目"
DEPT = "赣州市水利局"
UNIT = "赣州市农村供水管理站"
INDICATOR_GRID_CM = (2.2, 2.4, 3.8, 1.4, 2.6, 3.2, 1.4)
EXPENSE_GRID_CM = (6.0, 3.6, 3.6, 3.8)

SECTIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (1, "一、项目基本情况", ()),
    (
        2,
        "（一）项目概况",
        (
            "为巩固农村饮水安全脱贫攻坚成果，2022年我市实施农村饮水安全巩固提升项目，由赣州市农村供水管理站组织实施，计划新建和改造农村集中供水工程25处，配套建设水质检测能力，解决约4.5万农村人口的饮水提质问题。",
        ),
    ),
    (
        2,
        "（二）项目资金情况",
        (
            "2022年项目预算安排1580万元，其中市级财政资金1080万元、中央水利发展资金500万元。截至2022年12月31日，资金实际到位1580万元，实际支出1501万元，结余79万元，预算执行率为95%。结余资金为工程质保金及部分工程尾款，将按合同约定于2023年支付。",
        ),
    ),
    (
        2,
        "（三）项目绩效目标",
        (
            "新建改造集中供水工程不少于25处，受益人口不少于4.5万人，水质检测合格率不低于95%，工程按期完工率达到100%，单处工程平均造价不超过60万元，农村自来水普及率达到90%以上，受益群众满意度不低于90%。",
        ),
    ),
    (1, "二、绩效自评工作开展情况", ()),
)
STEPS = (
    "成立自评工作小组。由局分管领导任组长，规划计划科、财务科和农村供水管理站相关人员参加，明确职责分工。",
    "收集核查资料。收集项目立项、资金拨付、招投标、合同、验收等资料，核对资金支付凭证。",
    "开展现场核查。抽查10处已建工程的运行及水质情况，走访受益群众120户。",
    "综合评分。对照绩效目标逐项打分，形成自评结论。",
)
ANALYSIS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (1, "三、绩效目标完成情况分析", ()),
    (
        2,
        "（一）产出情况",
        (
            "全年新建改造集中供水工程26处，受益人口4.62万人，超额完成数量目标；水质抽检合格率93.8%，低于95%的目标，主要原因是2处山区工程水源浊度季节性超标；26处工程中24处按期完工，按期完工率92%；单处工程平均造价47.94万元，控制在目标以内。",
        ),
    ),
    (
        2,
        "（二）效益情况",
        (
            "项目实施后全市农村自来水普及率提高到91.2%，较上年提高2.1个百分点。工程运行管护机制已经建立，但部分乡镇管护经费尚未落实到位。",
        ),
    ),
    (
        2,
        "（三）满意度情况",
        (
            "通过入户走访和问卷调查，受益群众满意度为85%，低于90%的目标，群众反映主要集中在部分工程停水检修通知不及时。",
        ),
    ),
    (
        1,
        "四、综合评价结论",
        (
            "项目立项依据充分，资金管理规范，主要产出目标基本完成，社会效益明显。经综合评价，该项目自评得分为88.5分，评价等级为“良”。",
        ),
    ),
    (
        1,
        "五、存在的问题及改进措施",
        (
            "1. 水质保障仍有短板。个别山区工程水源受季节影响，需增设净化消毒设施。",
            "2. 工程进度管理有待加强。2处工程因征地协调滞后未能按期完工，今后将把前期工作前置。",
            "3. 管护经费落实不到位。将督促县（市、区）将管护经费纳入本级预算。",
        ),
    ),
    (
        1,
        "六、自评结果应用",
        ("自评结果将作为2023年度项目预算安排的重要依据，并按要求在单位门户网站公开。",),
    ),
)


def _write_sections(doc: Document, sections: tuple[tuple[int, str, tuple[str, ...]], ...]) -> None:
    for level, text, body in sections:
        heading(doc, text, level=level)
        for paragraph in body:
            ex.line(doc, paragraph, size=12, indent=True)


def _indicator_rows() -> list[list[str]]:
    return [
        ["项目名称", PROJECT, *(LEFT,) * 5],
        ["主管部门", DEPT, LEFT, "实施单位", LEFT, UNIT, LEFT],
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分"],
        ["产出指标", "数量指标", "新建改造集中供水工程", "15", "≥25处", "26处", "15"],
        [UP, UP, "受益人口", "10", "≥4.5万人", "4.62万人", "10"],
        [UP, "质量指标", "水质检测合格率", "15", "≥95%", "93.8%", "12"],
        [UP, "时效指标", "工程按期完工率", "10", "100%", "92%", "8"],
        [UP, "成本指标", "单处工程平均造价", "10", "≤60万元", "47.94万元", "10"],
        ["效益指标", "社会效益指标", "农村自来水普及率", "10", "≥90%", "91.2%", "10"],
        [
            UP,
            "可持续影响指标",
            "工程运行管护机制",
            "10",
            "建立",
            "已建立，部分乡镇管护经费未落实",
            "8",
        ],
        ["满意度指标", "服务对象满意度指标", "受益群众满意度", "10", "≥90%", "85%", "6"],
        ["预算执行", "预算执行率", "年度预算执行率", "10", "100%", "95%", "9.5"],
    ]


EXPENSES = (
    ("26处集中供水工程施工费", "12,463,850.00", "记-2022-11-036", "按合同进度支付"),
    ("水质检测设备购置", "865,400.00", "记-2022-07-012", "政府采购"),
    ("工程监理费", "498,600.00", "记-2022-12-041", ""),
    ("勘察设计费", "612,300.00", "记-2022-04-008", ""),
    ("水质检测服务费", "325,750.00", "记-2022-12-045", "第三方检测"),
    ("管护人员培训费", "244,100.00", "记-2022-09-027", "培训6期"),
)


def _expense_rows() -> list[list[str]]:
    rows = [["支出内容", "支出金额（元）", "凭证号", "备注"]]
    rows.extend(list(item) for item in EXPENSES)
    rows.append(["合计", "15,010,000.00", "", ""])
    return rows


def build(path: Path) -> None:
    doc = start()
    title(doc, "赣州市2022年度农村饮水安全巩固提升项目绩效自评报告", size=18)
    ex.line(
        doc,
        "根据《赣州市财政局关于开展2022年度市级预算项目支出绩效自评工作的通知》要求，"
        f"{DEPT}组织对{PROJECT}开展了绩效自评，现将有关情况报告如下。",
        size=12,
        indent=True,
    )
    _write_sections(doc, SECTIONS)
    for step in STEPS:
        doc.add_paragraph(step, style="List Number")
    _write_sections(doc, ANALYSIS)
    ex.line(doc, "赣州市水利局", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    ex.line(doc, "2023年3月10日", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    page_break(doc)
    ex.heading_line(doc, "附件1：项目支出绩效自评表", size=14)
    indicators = table(doc, _indicator_rows(), font_size=10)
    ex.fix_widths(indicators, INDICATOR_GRID_CM)
    ex.centre_short_cells(indicators)
    doc.add_paragraph()
    ex.heading_line(doc, "附件2：项目支出明细表", size=14)
    expenses = table(doc, _expense_rows(), font_size=10)
    ex.fix_widths(expenses, EXPENSE_GRID_CM)
    ex.centre_short_cells(expenses)
    ex.final_paragraph(doc)
    save(doc, path)
