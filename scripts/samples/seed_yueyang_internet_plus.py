"""Seed 000: 岳阳市 2019 “互联网+政务服务”一体化平台项目 self-evaluation report (附件2).

Recreates the Word original behind the seed dump ``000_*.txt``: a cover page typed as
plain paragraphs, one big bordered form table (sections 一 to 四 and the signature
rows), the 填报人 line as a body paragraph, and a one-cell table holding section 五 and
the whole narrative. The same 岳阳市财政局 template is reused by the 电子政务外网 seed
(``seed_yueyang_egov_extranet``), so the layout lives here as :func:`write_form`.

Choices where the dump is ambiguous (a real Yueyang form is what we aim at):
- Blank lines between cover lines are empty paragraphs; the blank line before the form
  is a page break (the form starts on page 2).
- Sections 一 to 四 and the signature rows are one table on an 8-column grid (the funds
  block needs 8 cells; 4-cell rows span two columns each). The dump cannot show table
  boundaries; the 财政局 template is one continuous table.
- A blank line inside a cell is an empty paragraph (``计划安排资金\\n\\n（万元）``).
- In the indicator block the first column and 一级指标 are vertically merged; 二级指标
  is not merged: the template gives each 二级指标 a second, empty row for an extra
  indicator and people delete the ones they do not need, so the empty rows stay plain
  empty rows exactly where the dump shows them.
- ``绩效自评综合得分`` and ``评价等次`` span the three left columns; the value spans the rest.
- ``填报人（签名）…`` is a body paragraph between the form and the section 五 table (a
  paragraph must separate two tables). Section 五's narrative sits inside that one-cell
  table: all three seed dumps end with the lone paragraph Word keeps after a final table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from scripts.samples import docx_extras as ex
from scripts.samples.docx_kit import HEADING_FONT, LEFT, UP, page_break, save, start, table, title

GRID_CM = (2.4, 2.0, 2.2, 2.0, 2.2, 2.0, 2.2, 2.0)
FULL = (LEFT,) * 7


@dataclass(frozen=True)
class Indicator:
    """One row of the quantitative block; all-empty for a template row left blank."""

    level2: str = ""
    name: str = ""
    target: str = ""
    actual: str = ""


BLANK = Indicator()


@dataclass(frozen=True)
class Cover:
    annex: str
    leading_blank: bool
    project_line: str
    unit_line: str
    dept_line: str
    report_date_line: str


@dataclass(frozen=True)
class YueyangForm:
    """The values of one filled-in 岳阳市财政支出项目绩效评价自评报告."""

    cover: Cover
    leader: str
    phone: str
    address: str
    postcode: str
    period: str
    totals: tuple[str, str, str, str]
    sources: tuple[tuple[str, tuple[str, str, str, str]], ...]
    expenditures: tuple[tuple[str, str, str, str], ...]
    expected_goal: tuple[str, ...]
    actual_goal: tuple[str, ...]
    indicators: tuple[tuple[str, tuple[Indicator, ...]], ...]
    score: str
    grade: str
    evaluators: tuple[tuple[str, str, str], ...]
    signatures: tuple[tuple[str, ...], ...]
    filler_line: str
    blank_after_filler: bool
    narrative: tuple[str, ...]


TITLE = "岳阳市财政支出项目绩效评价自评报告"
EVAL_TYPE = "评价类型：项目实施过程评价□   项目完成结果评价√□"


def sign_block(opinion: str, signer: str, signer_pad: int, date_pad: int) -> tuple[str, ...]:
    """A signature cell as typed: spaces push the signer and the date to the right."""
    date = " " * date_pad + "年   月   日"
    if not signer:
        return (opinion, "", date)
    return (opinion, "", " " * signer_pad + signer, "", date)


def write_form(doc: Document, form: YueyangForm) -> None:
    """Cover page, the form table, the 填报人 line and the section 五 table."""
    _cover(doc, form.cover)
    page_break(doc)
    tbl = table(doc, _form_rows(form))
    ex.fix_widths(tbl, GRID_CM)
    ex.centre_short_cells(tbl)
    ex.bold_rows(tbl, _section_rows(form))
    doc.add_paragraph()
    ex.line(doc, form.filler_line)
    if form.blank_after_filler:
        doc.add_paragraph()
    narrative = table(doc, [["\n".join(form.narrative)]], font_size=10.5)
    ex.fix_widths(narrative, (sum(GRID_CM),))
    narrative.cell(0, 0).paragraphs[0].runs[0].bold = True
    ex.final_paragraph(doc)


def _cover(doc: Document, cover: Cover) -> None:
    if cover.leading_blank:
        doc.add_paragraph()
    ex.line(doc, cover.annex, size=14, font=HEADING_FONT)
    if not cover.leading_blank:
        doc.add_paragraph()
    title(doc, TITLE, size=22)
    doc.add_paragraph()
    ex.line(doc, EVAL_TYPE, size=14)
    ex.field_line(doc, cover.project_line)
    doc.add_paragraph()
    ex.field_line(doc, cover.unit_line)
    ex.field_line(doc, cover.dept_line)
    doc.add_paragraph()
    ex.line(doc, "评价方式：部门（单位）绩效自评", size=14)
    ex.line(doc, "评价机构：部门（单位）评价组   ", size=14)
    ex.line(doc, cover.report_date_line, size=14)
    doc.add_paragraph()
    ex.line(doc, "岳阳市财政局（制）", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)


def _form_rows(form: YueyangForm) -> list[list[str]]:
    rows: list[list[str]] = [["一、项 目 基 本 概 况", *FULL]]
    rows.append(["项目负责人", LEFT, form.leader, LEFT, "联系电话", LEFT, form.phone, LEFT])
    rows.append(["项目地址", LEFT, form.address, LEFT, "邮  编", LEFT, form.postcode, LEFT])
    rows.append(["项目起止时间", LEFT, form.period, *(LEFT,) * 5])
    planned, received, spent, balance = form.totals
    rows.append(
        [
            "计划安排资金\n\n（万元）",
            planned,
            "实际到位资金\n\n（万元）",
            received,
            "实际支出\n\n（万元）",
            spent,
            "结余（万元）",
            balance,
        ]
    )
    for label, values in form.sources:
        rows.append([cell for value in values for cell in (label, value)])
    rows.append(["二、项目支出明细情况", *FULL])
    rows.append(["支出内容", LEFT, "实际支出数", LEFT, "会计凭证号", LEFT, "备注", LEFT])
    for item in form.expenditures:
        rows.append([cell for value in item for cell in (value, LEFT)])
    rows.append(["三、项目绩效自评情况", *FULL])
    rows.append(
        [
            "项目绩效定性目标及实施计划完成情况",
            "预  期 目 标",
            LEFT,
            LEFT,
            LEFT,
            "实际完成",
            LEFT,
            LEFT,
        ]
    )
    expected, actual = "\n".join(form.expected_goal), "\n".join(form.actual_goal)
    rows.append([UP, expected, LEFT, LEFT, LEFT, actual, LEFT, LEFT])
    rows.append(
        [
            "项目绩效定量目标（指标）及完成情况",
            "一级指标",
            "二级指标",
            "指标内容",
            LEFT,
            "指标（目标）值",
            LEFT,
            "实际完成值",
        ]
    )
    for level1, indicators in form.indicators:
        for i, ind in enumerate(indicators):
            first = level1 if i == 0 else UP
            rows.append([UP, first, ind.level2, ind.name, LEFT, ind.target, LEFT, ind.actual])
    rows.append(["绩效自评综合得分", LEFT, LEFT, form.score, *(LEFT,) * 4])
    rows.append(["评价等次", LEFT, LEFT, form.grade, *(LEFT,) * 4])
    rows.append(["四、评价人员", *FULL])
    rows.append(["姓名", LEFT, "职称/职务", LEFT, "单  位", LEFT, "签字", LEFT])
    for name, job, unit in form.evaluators:
        rows.append([name, LEFT, job, LEFT, unit, LEFT, "", LEFT])
    for block in form.signatures:
        rows.append(["\n".join(block), *FULL])
    return rows


def _section_rows(form: YueyangForm) -> Sequence[int]:
    """Row indexes of the 一 … 四 section rows (their position follows the data)."""
    second = 5 + len(form.sources)
    third = second + 2 + len(form.expenditures)
    n_indicators = sum(len(group) for _, group in form.indicators)
    fourth = third + 4 + n_indicators + 2
    return (0, second, third, fourth)


EXPECTED_GOAL = (
    "在省级“互联网+政务服务”一体化平台体系建设的基础上，结合本市的建设现状，依托岳阳市云平台，本市“互联网+政务服务”一体化平台体系的建设应包括以下内容：",
    "",
    "1.3.1市政府门户网站升级改造",
    "",
    "本市政府门户网站即是互联网政务服务门户的入口，实施“一市一平台”的政府网站集约化建设，完成市直部门单位、县市区政府（管委会）网站向市政府门户网站的集约；并按照全省政府网站绩效评估的要求对市本级政府门户网站进行升级改造；依托省级互联网政务服务门户，在市政府门户网站部署全市统一的网上政务服务入口，实现“单点登录、全网通办”。",
    "",
    "1.3.2政务服务多渠道建设",
    "",
    "建设互联网+政务服务APP和微信平台，打造多种互联网+政务服务的移动入口，并将APP和微信与市政府门户网站相融合，实现数据同源、互通和共享。政务服务APP和微信门户，是为公众提供政务服务的重要渠道。主要提供四大方面的功能，包括政务公开、办事服务、便民服务、我的门户四大模块。用户通过政务服务APP或微信门户可以接受推送信息，通过文字、语音、图片查询政策文件、法律法规、办事指南、服务事项等信息，能够快速找到办事入口，定位移动端服务接入的服务事项。同时该APP或微信门户支持与政府门户用户帐号体系的绑定，便于用户直接获得办件信息，投诉、咨询等结果信息的推送，实现“一号登录、一网通办”。",
    "",
    "1.3.3省业务办理系统本地化实施",
    "",
    "将全省通用的业务办理系统和并联审批系统进行本地化实施，对部分市级办理的政务服务事项进行个性化改造，实现部门内部办理和部门之间的并联审批，支持丙方自定义审批流程。主要功能包括网上初审、网上承办、网上审核、网上办结、在办件管理、表单智能填充、工作委托、收费业务管理、打印通知书、任务提醒、业务查询、制证管理、电子证照打印、数据主题分类共享等功能。",
    "",
    "1.3.4建设电子监督和评价考核系统",
    "",
    "通过数据交换共享平台采集业务办理系统、统一受理系统、政务服务门户运行过程中的数据，依据电子监察指标库的指标体系，通过运行规则引擎，实现对政务服务业务运行全过程的监督和绩效评估。",
    "",
    "1.3.5建设全市统一的电子证照库和管理系统",
    "",
    "按照省级统一的标准建设本市的电子证照库和电子证照管理系统。电子证照服务汇集各市直部门、各区县部门的实体电子证照及虚拟电子证照服务的服务接入，并为互联网政务服务门户，统一受理系统、业务办理系统等提供证照服务的支撑。同时将全市电子证照目录汇聚到省电子证照共享服务平台，为跨区域的证照查询、互认、共享服务提供支撑。",
    "",
    "1.3.6建设大数据分析系统",
    "",
    "建设大数据分析系统，结合本市自身服务内容，对申请人的服务需求、服务办理过程提供个性化精准服务，同时为管理机构提供大数据分析。",
    "",
    "1.3.7建设共享基础数据库",
    "",
    "建设政务事项库、电子证照库、办件过程信息库、电子监察库等与“互联网+政务服务”体系密切相关的基础数据库。依托市政务信息资源共享交换平台汇聚省市县各部门政务数据资源和人口、法人、空间地理等公共基础数据库及社会信用、企业信用等专题数据库资源，形成政务服务基础数据，并通过 “互联网+政务服务”体系的持续运行产生的沉淀数据，为政务大数据应用提供支撑。",
    "",
    "1.3.8建设应用支撑平台",
    "",
    "建设应用支撑平台，提供工作流组件、表单组件、报表组件、规则引擎、统一通讯、内容管理、系统管理、平台管理组件、门户组件等功能，为业务系统提供底层的应用支撑服务。",
    "",
    "1.3.9历史数据迁移",
    "",
    "将原湖南省网上政务服务和电子监察系统中岳阳市相关的所有办件、用户等数据迁移至岳阳市本地的互联网+政务服务一体化平台中，实现数据查询和统计的无缝切换。",
    "",
    "1.3.10建设大厅管理系统",
    "",
    "大厅管理系统包括自助办事服务系统、触摸查询系统、排队叫号系统和政务服务中心管理系统等，政务服务中心管理系统可以进行人员管理、考勤管理、大厅智能终端设备管理、部门进驻管理等，对办件情况、入驻情况、服务情况等信息进行统计和查询，并集成大厅视频监控系统、考勤系统、大屏信息显示系统等辅助业务办理及管理。 ",
    "",
    "1.3.11政务服务中心大厅改造",
    "",
    "岳阳市政务中心监控及弱电改造项目结合单位内实际情况及需求， 以平台业务为载体，以展示设备应用为主体，对原有平台数据进行岳阳市区域筛选、展示，并为日常管理提供保障。包括视频监控工程、大厅LED电子显示屏、窗口条屏、联合审批室多媒体工程、工作人员绩效讲评室多媒体工程等。",
)

ACTUAL_GOAL = (
    "按期完成招投标；",
    "",
    "按期完成试运行；",
    "",
    "  按期完成项目验收；",
)

NARRATIVE = (
    "五、评价报告综述（文字部分）",
    "",
    "（一）项目基本概况",
    "",
    '第一是项目的重要意义。为贯彻落实国家“互联网+”发展战略，依据《国务院关于加快推进“互联网+政务服务”工作的指导意见》（国发[2016]55号）、《“互联网+政务服务”技术体系建设指南》（国办函〔2016〕108号），以及《湖南省加快推进"互联网+政务服务"工作实施方案》（湘政发〔2017〕19号）的文件要求，项目建设对高效、快捷地落实电子信息惠民工程，提升我市形象和政务服务整体水平具有重要意义。',
    "",
    "项目的建设目标是建成全市统一入口、部门协同、数据互通、一网办理、高效便捷的市级“互联网+政务服务”一体化平台，建设电子证照库、政务服务管理平台、业务办理系统等，支撑实体政务大厅、网上办事大厅、移动客户端、自助终端等多种形式相结合、相统一的政务服务体系建设。实现本市互联网和政务服务深度融合，全面提升政务服务事项从受理、审批到出件全流程网上办结率，构建跨区域、跨层级、一体化的政务服务体系，大幅提升各级政府政务服务智慧化水平。 ",
    "第二是项目的建设内容。按照省里的统一部署，我省“互联网+政务服务”一体化平台建设采取“统一与分建”相结合的模式实施，由省、市两级建设完成。",
    "",
    "包括如下内容：（1）市政府门户网站升级改造，实施“一市一平台”的政府网站集约化建设，完成市直部门单位、县市区政府（管委会）网站向市政府门户网站的集约；并按照全省政府网站绩效评估的要求对市本级政府门户网站进行升级改造；依托省级互联网政务服务门户，在市政府门户网站部署全市统一的网上政务服务入口，实现“单点登录、全网通办”。（2）政务服务多渠道建设，建设互联网+政务服务APP和微信平台，并将APP和微信与市政府门户网站相融合，实现数据同源、互通和共享。(3)省业务办理系统的本地化实施，将全省通用的业务办理系统和并联审批系统在本地进行部署和实施，并对部分市级办理的政务服务事项进行个性化改造，实现部门内部办理和部门之间的并联审批，支持部门自定义审批流程。(4)建设电子监督和评价考核系统，通过数据交换共享平台采集业务办理系统、统一受理系统、政务服务门户运行过程中的数据，依据电子监察指标库的指标体系，通过运行规则引擎，实现对政务服务业务运行全过程的监督和绩效评估。(5)建设全市统一的电子证照库和管理系统，电子证照服务汇集各市直部门、各区县部门的实体电子证照及虚拟电子证照服务的服务接入，并为互联网政务服务门户，统一受理系统、业务办理系统等提供证照服务的支撑；同时将全市电子证照目录汇聚到省电子证照共享服务平台，为跨区域的证照查询、互认、共享服务提供支撑。(6)建设大数据分析系统，结合本市自身服务内容，对申请人的服务需求、服务办理过程提供个性化精准服务，同时为管理机构提供大数据分析。(7)建设共享基础数据库，包括电子证照库、办件过程信息库、电子监察库等与“互联网+政务服务”体系密切相关的基础数据库。(8)建设应用支撑平台，提供工作流组件、表单组件、报表组件、规则引擎、统一通讯、内容管理、系统管理、平台管理组件、门户组件等功能，为业务系统提供底层的应用支撑服务。(9)历史数据迁移，将原湖南省网上政务服务和电子监察系统中岳阳市相关的所有办件、用户等数据迁移至岳阳市本地的互联网+政务服务一体化平台中，实现数据查询和统计的无缝切换。(10)建设大厅管理系统，集成大厅视频监控系统、大屏信息显示系统等辅助业务办理及管理，并进行人员管理、大厅智能终端设备管理、部门进驻管理等，升级改造大厅LED显示屏、窗口条屏和视频监控系统，对办件情况、入驻情况、服务情况等信息进行统计和查询。(11)政务服务中心大厅改造，结合单位内实际情况及需求，对岳阳市政务中心大厅窗口、视频监控、会议室等地方进行弱电改造，包括视频监控工程、大厅LED电子显示屏、窗口条屏、联合审批室多媒体工程、绩效讲评室多媒体工程等。",
    "",
    "第三是项目的前期准备工作。从2017年11月开始，我中心组建协调小组和成立工作班子，并对系统建设方式和建设目标进行了明确。建设方式为软硬件统一同步进行。按照“资源整合、信息共享、协同联动、高效便捷”的总体要求，在认真研究借鉴先进地区一体化服务管理平台功能，以及深入调研对接业务需求的基础上，完成了项目技术方案编制、造价测算、方案评审、预算评审等工作，并整体向市政府进行了报告，获得了相关建设资金的安排。",
    "",
    "第四是项目的政府采购工作。项目整体采购确定为公开招标的采购方式，并于2018年1月22日将项目在政府采购网上进行了采购公示，2月12日，项目完成了政府采购工作，中标单位为湖南科创信息技术股份有限公司，中标价格为898.7万元，其中软件开发为人民币605万元，硬件采购为人民币293万元。较预算1040万元投资节省了近140多万元。借此机会对财政局行政政法部门、采购部门的精心指导和大力支持表示衷心的感谢。",
    "",
    "第五是项目的建设工作。项目于2018年3月16日正式动工建设，科创公司于去年8月30日全面完成项目所有软硬件的供货和集成部署等工作。并于去年9月开始进行项目的试运行，有效的保障了的项目的建设目标，截至本次项目验收前，整个项目全面建设完成共历时69周，承建项目的科创公司与项目协调小组各成员单位通力配合，克服了诸多困难，全面的完成了项目建设。",
)


def seed_form() -> YueyangForm:
    return YueyangForm(
        cover=Cover(
            annex="附件2",
            leading_blank=False,
            project_line="   项目名称  岳阳市 “互联网+政务服务”一体化平台项目        ",
            unit_line="项目单位        岳阳市政务服务中心                       ",
            dept_line="主管部门         岳阳市人民政府办公室                    ",
            report_date_line="报告日期：2019 年1月24日",
        ),
        leader="谢芳茂",
        phone="8882009",
        address="岳阳市政务服务中心",
        postcode="414000",
        period="2018   年   1  月起至   2019  年   7  月止",
        totals=("898.7", "898.7", "898.7", "0"),
        sources=(
            ("其中：中央财政", ("", "", "", "")),
            ("省财政", ("", "", "", "")),
            ("市财政", ("898.7", "898.7", "898.7", "0")),
            ("县市区财政", ("", "", "", "")),
            ("其它", ("", "", "", "")),
        ),
        # 支出合计 (629.09) differs from 实际支出 (898.7) in the original: keep it.
        expenditures=(
            ("项目支出", "269.61万元", "12月份3号", "2018年12月31日"),
            ("项目支出", "359.48万元", "12月份10号", "2018年5月31日"),
            ("支出合计", "629.09万", "", ""),
        ),
        expected_goal=EXPECTED_GOAL,
        actual_goal=ACTUAL_GOAL,
        indicators=(
            (
                "项目产出指标",
                (
                    Indicator("数量指标", "建设数量"),
                    BLANK,
                    Indicator("质量指标", "建设完好率", "100%", "100%"),
                    Indicator("时效指标", "工期", "12个月", "12个月"),
                    BLANK,
                    Indicator("成本指标", "预算", "898.7万", "898.7万"),
                    BLANK,
                ),
            ),
            (
                "项目效益指标",
                (
                    Indicator("经济效益\n\n指标", "无"),
                    BLANK,
                    Indicator("社会效益\n\n指标", "无"),
                    BLANK,
                    Indicator("生态效益\n\n指标", "无"),
                    BLANK,
                    Indicator("服务对象满意度\n\n指标", "无"),
                    BLANK,
                ),
            ),
        ),
        score="100",
        grade="优秀",
        evaluators=(
            ("谢芳茂", "主任", "政务服务中心"),
            ("谭昕", "科长", "政务服务中心"),
            ("黎朝阳", "科员", "政务服务中心"),
        ),
        signatures=(
            sign_block("评价组组长（签字）：         ", "", 0, 69),
            sign_block("项目单位意见：", "项目单位负责人（签字）：", 48, 68),
            sign_block("主管部门意见：", "主管部门负责人（签字）：", 48, 68),
        ),
        filler_line="填报人（签名）：   黎朝阳                     联系电话：18073019060",
        blank_after_filler=False,
        # The dump's last line (a lone space) is the paragraph after the final table.
        narrative=NARRATIVE,
    )


def build(path: Path) -> None:
    doc = start()
    write_form(doc, seed_form())
    save(doc, path)
