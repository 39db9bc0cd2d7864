"""衡阳市农业农村局 2022年度部门决算: the whole bundle as blocks (both producers).

Order as published: cover, 目录, 第一部分 部门概况, 第二部分 决算表 (nine tables),
第三部分 决算情况说明, 第四部分 预算绩效情况说明 (prose quoting the scores) followed by the
部门整体支出绩效自评表 and four 项目支出绩效自评表, 第五部分 名词解释, 第六部分 附件
(two small non-report tables). Every figure in the prose comes from the ledger or the
forms. The five forms are the report units; see ``hengyang_forms`` for the two
deliberate inconsistencies.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from scripts.bundle_samples import blocks as b
from scripts.bundle_samples.final_accounts import TITLES, all_tables
from scripts.bundle_samples.finance import ZERO, fmt
from scripts.bundle_samples.forms import Form, FundRow, form_blocks
from scripts.bundle_samples.hengyang_forms import DEPARTMENT
from scripts.bundle_samples.hengyang_forms import PROJECTS as _PROJECTS
from scripts.bundle_samples.hengyang_ledger import LEDGER as L

UNIT = L.unit
Y = L.year


def department_form() -> Form:
    """The 部门整体 form with its funds taken from the ledger (budget = spent + carried out)."""
    basic = L.sum("basic")
    project = L.sum("project") + L.sum("fund") + L.sum("own")
    carry = L.sum("carry_out")
    funds = (
        FundRow(
            "年度资金总额", "16200.00", f"{basic + project + carry:.2f}", f"{basic + project:.2f}"
        ),
        FundRow("其中：基本支出", "3480.00", f"{basic:.2f}", f"{basic:.2f}"),
        FundRow("项目支出", "12720.00", f"{project + carry:.2f}", f"{project:.2f}"),
        FundRow("其他资金", "", "", ""),
    )
    return replace(DEPARTMENT, funds=funds)


PROJECTS = _PROJECTS
FORMS: tuple[Form, ...] = (department_form(), *PROJECTS)


def _pct(a: Decimal, whole: Decimal) -> str:
    return f"{a / whole * 100:.2f}%"


def part_one() -> list[b.Block]:
    return [
        b.PageBreak(),
        b.Heading(f"第一部分　{UNIT}概况"),
        b.Heading("一、部门职责", 2),
        b.Para(
            f"{UNIT}是市人民政府工作部门，为正处级，加挂市乡村振兴局牌子。主要职责是：统筹研究和组织实施“三农”工作的发展战略、"
            "中长期规划、重大政策；组织起草农业农村有关地方性法规、政府规章草案，指导农业综合执法；统筹推动发展农村社会事业、"
            "农村公共服务、农村文化、农村基础设施和乡村治理。"
        ),
        b.Para(
            "负责种植业、畜牧业、渔业、农垦、农业机械化等农业各产业的监督管理；指导粮食等农产品生产；组织构建现代农业产业体系、"
            "生产体系、经营体系，指导农业标准化生产；负责农产品质量安全监督管理，组织开展农产品质量安全监测、追溯、风险评估；"
            "负责耕地及永久基本农田质量保护工作，组织开展高标准农田建设；负责动植物疫病防控、检验检疫有关工作，监督管理兽医兽药、"
            "农药、肥料等农业投入品。"
        ),
        b.Para(
            "负责巩固拓展脱贫攻坚成果同乡村振兴有效衔接的统筹协调；拟订深化农村经济体制改革和巩固完善农村基本经营制度的政策，"
            "负责农民承包地、农村宅基地改革和管理有关工作，指导农村集体产权制度改革和农村集体经济组织发展；完成市委、市人民政府交办的其他任务。"
        ),
        b.Heading("二、机构设置", 2),
        b.Para(
            f"{UNIT}内设办公室、政策法规科、发展规划科、计划财务科、产业发展科、农村社会事业促进科、农村合作经济指导科、"
            "种植业管理科、畜牧兽医科、渔业渔政管理科、农产品质量安全监管科、农田建设管理科、科技教育科、乡村振兴综合协调科等14个科室。"
        ),
        b.Para(
            "纳入本部门2022年度部门决算编制范围的单位共6个，包括：局机关（行政单位），衡阳市农田建设服务中心、衡阳市动物疫病预防控制中心、"
            "衡阳市农产品质量安全检测中心、衡阳市乡村振兴服务中心、衡阳市农业综合行政执法支队（参公事业单位）。"
        ),
        b.Para(
            "截至2022年12月31日，本部门编制人数286人，其中行政编制78人、事业编制208人；实有在职人员271人，离休人员2人，"
            "退休人员196人（退休人员费用由社保机构发放）。"
        ),
        b.Para("决算单位构成如下表：", indent=True),
        b.Grid(
            (
                ("序号", "单位名称", "单位性质", "编制人数", "实有人数", "经费形式"),
                ("1", "衡阳市农业农村局（本级）", "行政单位", "78", "74", "财政全额拨款"),
                ("2", "衡阳市农田建设服务中心", "公益一类事业单位", "46", "43", "财政全额拨款"),
                ("3", "衡阳市动物疫病预防控制中心", "公益一类事业单位", "52", "50", "财政全额拨款"),
                (
                    "4",
                    "衡阳市农产品质量安全检测中心",
                    "公益二类事业单位",
                    "38",
                    "35",
                    "财政差额拨款",
                ),
                ("5", "衡阳市乡村振兴服务中心", "公益一类事业单位", "32", "30", "财政全额拨款"),
                ("6", "衡阳市农业综合行政执法支队", "参公事业单位", "40", "39", "财政全额拨款"),
                ("", "合计", "", "286", "271", ""),
            ),
            (0.8, 5.2, 2.8, 1.4, 1.4, 2.4),
            header_rows=1,
            padding=5,
            font_size=10,
            left_cols=(1,),
        ),
        b.PageBreak(),
        b.Heading(f"三、{Y}年度主要工作完成情况", 2),
        *[b.Para(text) for text in WORK],
    ]


WORK = (
    "（一）粮食安全责任全面落实。全年粮食播种面积543.2万亩、总产量53.6亿斤，均超额完成省定目标任务。落实耕地地力保护补贴、"
    "稻谷目标价格补贴等惠农政策资金，发放到户率100%；完成早稻集中育秧面积32.6万亩，推广水稻机插秧面积86.5万亩。",
    "（二）高标准农田建设加快推进。全年新建高标准农田30.2万亩，建设灌排渠道612公里、机耕道路438公里、小型蓄水设施156座，"
    "项目区耕地质量平均提升0.5个等级。探索“先建后补、以奖代补”建设模式，引导新型经营主体参与建设和管护。",
    "（三）重大动物疫病防控扎实有效。全年完成口蹄疫、高致病性禽流感、小反刍兽疫等强制免疫，应免畜禽免疫密度均在95%以上；"
    "完成非洲猪瘟、禽流感等重大动物疫病监测样品3.62万份，全市未发生区域性重大动物疫情。",
    "（四）农产品质量安全水平稳步提升。完成农产品定量检测4268批次、快速检测5.3万批次，例行监测合格率98.7%；"
    "全市新增绿色食品认证产品64个，食用农产品承诺达标合格证开具主体覆盖率达到86.4%。",
    "（五）乡村振兴示范创建成效明显。创建省级乡村振兴示范村12个、市级示范村30个，完成村内道路硬化86公里、农村户厕改造4120户，"
    "示范村村集体经济收入平均增长18.6%；持续巩固拓展脱贫攻坚成果，全市未发生规模性返贫。",
    "（六）农业产业融合发展持续推进。新认定市级以上农业产业化龙头企业23家，新建现代农业产业园4个；"
    "“衡阳湘莲”“衡东黄贡椒”等区域公用品牌影响力持续扩大，全市农产品加工业产值同比增长8.2%。",
    "（七）农村改革不断深化。稳妥推进第二轮土地承包到期后再延长三十年试点，完成农村集体产权制度改革成果巩固提升；"
    "全市村集体经济收入5万元以上的村占比达到92.6%。",
)


def part_two() -> list[b.Block]:
    listing = [b.Para(f"{i + 1}．{t}", indent=True) for i, t in enumerate(TITLES)]
    return [
        b.PageBreak(),
        b.Heading(f"第二部分　{Y}年度部门决算表"),
        b.Para("本部分公开以下九张部门决算报表（金额单位：万元）：", indent=True),
        *listing,
        *all_tables(L),
    ]


def part_three() -> list[b.Block]:
    spent, income = L.sum("spent"), L.income
    ci, co = L.sum("carry_in"), L.sum("carry_out")
    basic, gp = L.sum("basic"), L.sum("gp")
    gp_project = L.sum("project")
    fund = L.sum("fund")
    admin = next(x.basic for x in L.lines if x.code == "2130101")
    agri = L.sum("gp", "213")
    pers = sum((a for c, _, a in L.econ if c[:3] in ("301", "303")), ZERO)
    public = basic - pers
    abroad, buy, run, host = L.three_actual
    _, _, run_b, host_b = L.three_budget
    three = abroad + buy + run + host
    return [
        b.PageBreak(),
        b.Heading(f"第三部分　{Y}年度部门决算情况说明"),
        b.Heading("一、收入支出决算总体情况说明", 2),
        b.Para(
            f"{Y}年度收、支总计均为{fmt(income + ci)}万元。与上年相比，收、支总计各增加1,268.47万元，增长7.55%，"
            "主要原因是高标准农田建设任务增加，中央和省级补助资金相应增加。"
        ),
        b.Heading("二、收入决算情况说明", 2),
        b.Para(
            f"本年收入合计{fmt(income)}万元，其中：一般公共预算财政拨款收入{fmt(L.gp_income)}万元，占{_pct(L.gp_income, income)}；"
            f"政府性基金预算财政拨款收入{fmt(L.fund_income)}万元，占{_pct(L.fund_income, income)}；"
            f"事业收入{fmt(L.sum('own'))}万元，占{_pct(L.sum('own'), income)}。"
        ),
        b.Heading("三、支出决算情况说明", 2),
        b.Para(
            f"本年支出合计{fmt(spent)}万元，其中：基本支出{fmt(basic)}万元，占{_pct(basic, spent)}；"
            f"项目支出{fmt(spent - basic)}万元，占{_pct(spent - basic, spent)}。"
            f"年末结转和结余{fmt(co)}万元，主要为高标准农田建设项目尚未完成工程结算的资金。"
        ),
        b.Heading("四、财政拨款收入支出决算总体情况说明", 2),
        b.Para(
            f"{Y}年度财政拨款收、支总计均为{fmt(L.gp_income + L.fund_income + ci)}万元。本年财政拨款支出{fmt(gp + fund)}万元，"
            f"其中一般公共预算财政拨款支出{fmt(gp)}万元，政府性基金预算财政拨款支出{fmt(fund)}万元。"
        ),
        b.Heading("五、一般公共预算财政拨款支出决算情况说明", 2),
        b.Para(
            f"（一）财政拨款支出决算总体情况。{Y}年度一般公共预算财政拨款支出{fmt(gp)}万元，占本年支出合计的{_pct(gp, spent)}。"
            f"其中基本支出{fmt(basic)}万元，项目支出{fmt(gp_project)}万元。"
        ),
        b.Para(
            f"（二）财政拨款支出决算结构情况。农林水支出{fmt(agri)}万元，占{_pct(agri, gp)}；"
            f"社会保障和就业支出{fmt(L.sum('gp', '208'))}万元，占{_pct(L.sum('gp', '208'), gp)}；"
            f"卫生健康支出{fmt(L.sum('gp', '210'))}万元，占{_pct(L.sum('gp', '210'), gp)}；"
            f"住房保障支出{fmt(L.sum('gp', '221'))}万元，占{_pct(L.sum('gp', '221'), gp)}。"
        ),
        b.Para(
            f"（三）财政拨款支出决算具体情况。行政运行（2130101）{fmt(admin)}万元，主要用于局机关在职人员工资福利和日常运转；"
            "耕地建设与利用（2130153）5,423.60万元，主要用于高标准农田建设；农业生产发展（2130122）2,684.16万元，"
            "主要用于耕地地力保护、农机购置补贴配套、现代农业产业园建设；农村基础设施建设（2130504）1,850.00万元，"
            "主要用于乡村振兴示范村创建；病虫害控制（2130108）305.86万元，主要用于重大动物疫病强制免疫和监测。"
        ),
        b.Para("（四）财政拨款支出决算具体情况（按功能分类项级科目）："),
        *line_details(),
        b.Heading("六、一般公共预算财政拨款基本支出决算情况说明", 2),
        b.Para(
            f"{Y}年度一般公共预算财政拨款基本支出{fmt(basic)}万元，其中：人员经费{fmt(pers)}万元，主要包括基本工资、津贴补贴、"
            f"奖金、绩效工资、机关事业单位基本养老保险缴费、职业年金缴费、住房公积金等；公用经费{fmt(public)}万元，"
            "主要包括办公费、印刷费、水电费、邮电费、差旅费、维修（护）费、会议费、培训费、公务接待费、工会经费、福利费、"
            "公务用车运行维护费、其他交通费用、办公设备购置等。"
        ),
        b.Heading("七、一般公共预算财政拨款“三公”经费支出决算情况说明", 2),
        b.Para(
            f"{Y}年度“三公”经费财政拨款支出决算为{fmt(three)}万元，完成预算的{_pct(three, run_b + host_b)}。"
            f"其中：因公出国（境）费0万元；公务用车购置费0万元；公务用车运行维护费{fmt(run)}万元，完成预算的{_pct(run, run_b)}，"
            f"主要用于执法检查、动物疫情应急处置等公务用车的燃料、维修、保险等支出；公务接待费{fmt(host)}万元，完成预算的{_pct(host, host_b)}，"
            "全年国内公务接待86批次、732人次，主要为上级部门调研农业生产和乡村振兴工作。决算数小于预算数的主要原因是严格落实中央八项规定精神，"
            "厉行节约。"
        ),
        b.Heading("八、政府性基金预算财政拨款收入支出决算情况说明", 2),
        b.Para(
            f"{Y}年度政府性基金预算财政拨款收入{fmt(L.fund_income)}万元，支出{fmt(fund)}万元，"
            "主要为国有土地使用权出让收入安排的农村基础设施建设和农业农村生态环境支出。"
        ),
        b.Para(
            f"年初政府性基金结转和结余{fmt(sum((x.carry_in for x in L.lines if x.fund), ZERO))}万元，"
            f"年末结转和结余{fmt(sum((x.carry_out for x in L.lines if x.fund), ZERO))}万元，"
            "主要为农村基础设施建设项目部分工程未完成竣工结算。"
        ),
        b.Heading("九、国有资本经营预算财政拨款支出决算情况说明", 2),
        b.Para(f"{Y}年度本部门无国有资本经营预算财政拨款支出。"),
        b.Heading("十、其他重要事项的情况说明", 2),
        b.Para(
            f"（一）机关运行经费支出情况。{Y}年度本部门机关运行经费支出{fmt(public)}万元，比上年减少18.36万元，下降"
            "4.08%，主要原因是压减一般性支出，会议、培训规模和次数减少。"
        ),
        b.Para(
            f"（二）政府采购支出情况。{Y}年度本部门政府采购支出总额2,386.42万元，其中：政府采购货物支出512.66万元、"
            "政府采购工程支出1,486.20万元、政府采购服务支出387.56万元。授予中小企业合同金额2,108.35万元，占政府采购支出总额的88.35%。"
        ),
        b.Para(
            "（三）国有资产占用情况。截至2022年12月31日，本部门共有车辆18辆，其中执法执勤用车12辆、特种专业技术用车6辆；"
            "单价50万元以上通用设备2台（套），单价100万元以上专用设备3台（套）。"
        ),
    ]


_REASONS = (
    "主要原因是年中追加中央和省级补助资金",
    "主要原因是人员调整及缴费基数调整",
    "主要原因是严格控制一般性支出",
    "主要原因是部分项目当年未完成结算，资金结转下年使用",
)


def line_details() -> list[b.Block]:
    """One paragraph per 项: initial budget, outturn, completion rate and the reason."""
    out: list[b.Block] = []
    from scripts.bundle_samples.finance import NAMES

    lines = [x for x in L.lines if x.gp or x.fund]
    for i, line in enumerate(lines):
        amount = line.gp + line.fund
        factor = Decimal(100 - (int(line.code[-2:]) * 7) % 23 + 8) / 100
        budget = (amount * factor).quantize(Decimal("1"))
        reason = _REASONS[0] if budget < amount else _REASONS[2 if line.basic else 3]
        if line.basic and budget < amount:
            reason = _REASONS[1]
        out.append(
            b.Para(
                f"{i + 1}．{NAMES[line.code[:3]]}（类）{NAMES[line.code[:5]]}（款）{line.name}（项）。"
                f"年初预算为{fmt(budget)}万元，支出决算为{fmt(amount)}万元，完成年初预算的{_pct(amount, budget)}。"
                f"决算数{'大于' if amount > budget else '小于'}年初预算数，{reason}。"
            )
        )
    return out


def project_sections() -> list[b.Block]:
    out: list[b.Block] = []
    for n, form in enumerate(PROJECTS):
        full, spent = Decimal(form.funds[0].full), Decimal(form.funds[0].spent)
        short = [i for i in form.indicators if i.deviation]
        out += [
            b.Para(f"（{'一二三四'[n]}）{form.name}", bold=True),
            b.Para(
                f"项目由{form.implementer}组织实施。{Y}年度全年预算数{fmt(full)}万元，执行数{fmt(spent)}万元，"
                f"预算执行率{_pct(spent, full)}。{form.goal_actual}"
            ),
            b.Para(
                f"项目共设置绩效指标{len(form.indicators)}个，其中{len(form.indicators) - len(short)}个指标全部完成，"
                f"{len(short)}个指标未完全达到年度目标："
                + "；".join(f"{i.name}（目标{i.target}，实际{i.actual}）" for i in short)
                + "。项目自评得分"
                + form.total_score
                + "分。"
            ),
        ]
    return out


def part_four() -> list[b.Block]:
    dept, farmland, animal, produce, village = FORMS
    return [
        b.PageBreak(),
        b.Heading(f"第四部分　{Y}年度预算绩效情况说明"),
        b.Heading("一、预算绩效管理工作开展情况", 2),
        b.Para(
            f"根据预算绩效管理要求，本部门组织对{Y}年度一般公共预算项目支出全面开展绩效自评，共涉及项目38个，资金13,135.66万元，"
            "占一般公共预算项目支出总额的100%；组织对政府性基金预算项目开展绩效自评，共涉及项目2个，资金1,288.50万元。"
            "同时开展部门整体支出绩效自评，涉及一般公共预算支出和政府性基金预算支出。"
        ),
        b.Para(
            "绩效自评由各项目实施单位对照年初设定的绩效目标，逐项填报绩效指标实际完成值，分析偏差原因并提出改进措施；"
            "计划财务科会同业务科室对自评结果进行审核，抽查比例不低于项目数的30%。"
        ),
        b.Heading("二、部门整体支出绩效自评情况", 2),
        b.Para(
            f"{Y}年度本部门整体支出绩效自评得分{dept.total_score}分，自评等级为“优”。全年预算执行率"
            f"{_pct(Decimal(dept.funds[0].spent), Decimal(dept.funds[0].full))}，粮食生产、高标准农田建设、"
            "动物疫病防控、农产品质量安全等重点工作目标全面完成。存在的主要问题：一是部分项目前期工作不充分，资金拨付进度偏慢；"
            "二是农业社会化服务覆盖率未达到年初目标。下一步将加强项目储备和前期论证，提高预算编制的精准度。"
        ),
        b.Heading("三、项目支出绩效自评情况", 2),
        b.Para(
            f"本部门在{Y}年度部门决算中公开4个项目的绩效自评结果。{farmland.name}自评得分{farmland.total_score}分，"
            "全年新建高标准农田30.2万亩，因部分项目竣工结算滞后，结转资金214.35万元；"
            f"{animal.name}自评得分{animal.total_score}分，全年未发生区域性重大动物疫情；"
            f"{produce.name}自评得分{produce.total_score}分，农产品例行监测合格率98.7%；"
            f"{village.name}自评得分{village.total_score}分，创建省级示范村12个、市级示范村30个。"
        ),
        b.Para(
            "从自评情况看，各项目均能按照年初设定的绩效目标组织实施，项目资金使用规范，产出和效益总体较好。发现的主要问题："
            "高效节水灌溉面积、合格证开具主体等个别指标未达到年度目标；部分满意度调查样本量偏小。对此，我局将把自评结果作为"
            "2024年度预算安排的重要依据，对执行率偏低、绩效目标完成较差的项目相应压减预算。"
        ),
        *project_sections(),
        b.Heading("四、部门整体支出绩效自评表及项目支出绩效自评表", 2),
        b.Para("附后：1．部门整体支出绩效自评表；2．项目支出绩效自评表（4个项目）。"),
    ]


def forms_blocks() -> list[b.Block]:
    out: list[b.Block] = []
    for form in FORMS:
        out.extend(form_blocks(form))
    return out


TERMS = (
    ("一般公共预算财政拨款收入", "指本级财政当年拨付的资金。"),
    (
        "政府性基金预算财政拨款收入",
        "指本级财政当年从政府性基金预算中拨付的资金，主要为国有土地使用权出让收入安排的资金。",
    ),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入，如检验检测服务收入。"),
    ("年初结转和结余", "指以前年度尚未完成、结转到本年按有关规定继续使用的资金。"),
    (
        "年末结转和结余",
        "指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需要延迟到以后年度按有关规定继续使用的资金。",
    ),
    ("基本支出", "指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
    ("项目支出", "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
    (
        "“三公”经费",
        "指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    ),
    (
        "机关运行经费",
        "指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
    ),
    (
        "农林水支出（类）农业农村（款）",
        "反映农业农村方面的支出，包括行政运行、事业运行、农业生产发展、耕地建设与利用等。",
    ),
    (
        "绩效自评",
        "指预算部门对照年初设定的绩效目标，对预算执行情况和绩效目标完成情况进行自我评价。",
    ),
    ("上级补助收入", "指从主管部门和上级单位取得的非财政补助收入。"),
    ("经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("附属单位上缴收入", "指事业单位附属的独立核算单位按照有关规定上缴的收入。"),
    ("其他收入", "指除上述收入以外的各项收入，主要是存款利息收入等。"),
    ("使用非财政拨款结余", "指事业单位使用以前年度积累的非财政拨款结余弥补当年收支差额的金额。"),
    ("结余分配", "指事业单位按照规定提取的职工福利基金、事业基金和缴纳的所得税等。"),
    (
        "社会保障和就业支出（类）行政事业单位养老支出（款）",
        "反映用于行政事业单位基本养老保险缴费、职业年金缴费等方面的支出。",
    ),
    ("卫生健康支出（类）行政事业单位医疗（款）", "反映行政事业单位基本医疗保险缴费等方面的支出。"),
    (
        "住房保障支出（类）住房改革支出（款）住房公积金（项）",
        "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。",
    ),
    (
        "巩固脱贫攻坚成果衔接乡村振兴（款）",
        "反映用于巩固拓展脱贫攻坚成果、推进乡村振兴方面的支出。",
    ),
    (
        "政府采购",
        "指各级国家机关、事业单位和团体组织，使用财政性资金采购依法制定的集中采购目录以内的或者采购限额标准以上的货物、工程和服务的行为。",
    ),
    (
        "预算绩效管理",
        "指在预算编制、执行、监督全过程中更加关注预算资金的产出和结果，要求政府部门不断改进服务水平和质量，花尽量少的资金、办尽量多的实事。",
    ),
)

# 附件3: budget execution of the department's larger projects (no scores: not a report).
EXECUTION = (
    ("耕地地力保护补贴", "1,260.00", "1,260.00", "1,260.00"),
    ("高标准农田建设", "5,200.00", "5,637.95", "5,423.60"),
    ("重大动物疫病防控", "280.00", "312.40", "305.86"),
    ("农产品质量安全监管", "260.00", "296.00", "286.75"),
    ("乡村振兴示范创建", "1,800.00", "1,900.00", "1,850.00"),
    ("现代农业产业园建设", "800.00", "860.00", "842.30"),
    ("农机购置补贴市级配套", "300.00", "300.00", "296.40"),
    ("基层农技推广体系改革与建设", "150.00", "168.25", "168.25"),
    ("农业综合行政执法", "90.00", "95.30", "95.30"),
    ("渔业资源保护与禁捕退捕", "120.00", "138.52", "138.52"),
    ("农业面源污染治理", "380.00", "426.88", "426.88"),
    ("对村民委员会和村党支部的补助", "620.00", "620.00", "620.00"),
    ("对村集体经济组织的补助", "480.00", "480.00", "480.00"),
    ("农村人居环境整治", "900.00", "960.00", "960.00"),
    ("农业农村生态环境保护", "300.00", "328.50", "328.50"),
    ("农业产业化龙头企业培育", "200.00", "215.60", "215.60"),
)


def part_five_six() -> list[b.Block]:
    terms = [b.Para(f"{i + 1}．{name}：{text}") for i, (name, text) in enumerate(TERMS)]
    assets = b.Grid(
        (
            ("资产类别", "单位", "期初数", "期末数", "增减变动"),
            ("房屋", "平方米", "18,642", "18,642", "0"),
            ("车辆", "辆", "19", "18", "-1"),
            ("单价50万元以上通用设备", "台（套）", "2", "2", "0"),
            ("单价100万元以上专用设备", "台（套）", "2", "3", "1"),
            ("固定资产原值", "万元", "9,862.35", "10,124.81", "262.46"),
        ),
        (4, 2, 2, 2, 2),
        header_rows=1,
        padding=5,
    )
    purchase = b.Grid(
        (
            ("采购类别", "采购预算（万元）", "实际采购（万元）", "授予中小企业（万元）", "占比"),
            ("货物", "530.00", "512.66", "436.20", "85.09%"),
            ("工程", "1520.00", "1486.20", "1320.60", "88.86%"),
            ("服务", "400.00", "387.56", "351.55", "90.71%"),
            ("合计", "2450.00", "2386.42", "2108.35", "88.35%"),
        ),
        (3, 2.5, 2.5, 2.5, 1.5),
        header_rows=1,
        padding=5,
    )
    return [
        b.PageBreak(),
        b.Heading("第五部分　名词解释"),
        *terms,
        b.PageBreak(),
        b.Heading("第六部分　附件"),
        b.Para("附件1：国有资产占用情况表", indent=False, bold=True),
        assets,
        b.Spacer(18),
        b.Para("附件2：政府采购情况表", indent=False, bold=True),
        purchase,
        b.PageBreak(),
        b.Para("附件3：2022年度主要项目预算执行情况表", indent=False, bold=True),
        b.NoteLine(f"编制单位：{UNIT}", "金额单位：万元"),
        b.Grid(
            (
                ("序号", "项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率"),
                *[
                    (
                        str(i + 1),
                        n,
                        a,
                        f,
                        e,
                        _pct(Decimal(e.replace(",", "")), Decimal(f.replace(",", ""))),
                    )
                    for i, (n, a, f, e) in enumerate(EXECUTION)
                ],
            ),
            (0.8, 5, 2, 2, 2, 1.6),
            header_rows=1,
            padding=6,
            font_size=10,
            left_cols=(1,),
        ),
        b.Spacer(18),
        b.Para(f"{UNIT}", indent=False, align="right"),
        b.Para("2023年9月15日", indent=False, align="right"),
    ]


def bundle(stem: str) -> b.Sample:
    sample = b.Sample(stem=stem, header=f"{UNIT}{Y}年度部门决算")
    sample.add(
        b.Cover(
            titles=(UNIT, f"{Y}年度部门决算"),
            lines=(f"公开单位：{UNIT}", "公开时间：2023年9月"),
        ),
        b.PageBreak(),
        b.Contents(),
    )
    sample.extend(part_one())
    sample.extend(part_two())
    sample.extend(part_three())
    sample.extend(part_four())
    sample.extend(forms_blocks())
    sample.extend(part_five_six())
    return sample
