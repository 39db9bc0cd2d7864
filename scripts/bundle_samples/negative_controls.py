"""Two files that hold no performance report (issue 9's negative controls).

- 湘潭市水利局 2023年部门预算: budget tables, a 绩效目标 paragraph and two
  项目支出绩效目标表 (ex-ante targets: 指标值 only — no 实际完成值, no 得分).
- 湘潭市林业局 2022年度部门决算: the nine 决算 tables, and as its only performance
  content a two-column 项目名称/自评分数 summary.
"""

from __future__ import annotations

from decimal import Decimal as D

from scripts.bundle_samples import blocks as b
from scripts.bundle_samples.final_accounts import all_tables, econ_table
from scripts.bundle_samples.finance import Ledger, Line, caption, fmt, tree_table

WATER = "湘潭市水利局"
FOREST = "湘潭市林业局"

_ECON_WATER = (
    ("30101", "基本工资", D("286.40")),
    ("30102", "津贴补贴", D("214.36")),
    ("30107", "绩效工资", D("168.20")),
    ("30108", "机关事业单位基本养老保险缴费", D("112.84")),
    ("30110", "职工基本医疗保险缴费", D("58.62")),
    ("30113", "住房公积金", D("66.50")),
    ("30201", "办公费", D("18.60")),
    ("30211", "差旅费", D("12.40")),
    ("30217", "公务接待费", D("3.00")),
    ("30228", "工会经费", D("11.20")),
    ("30231", "公务用车运行维护费", D("9.60")),
    ("30239", "其他交通费用", D("24.80")),
)
WATER_BUDGET = Ledger(
    unit=WATER,
    year=2023,
    lines=(
        Line("2080505", "机关事业单位基本养老保险缴费支出", basic=D("112.84")),
        Line("2101101", "行政单位医疗", basic=D("58.62")),
        Line("2130301", "行政运行", basic=sum((a for *_, a in _ECON_WATER), D(0)) - D("237.96")),
        Line("2130305", "水利工程建设", project=D("1860.00")),
        Line("2130306", "水利工程运行与维护", project=D("640.00")),
        Line("2130311", "水资源节约管理与保护", project=D("185.00")),
        Line("2130314", "防汛", project=D("420.00")),
        Line("2210201", "住房公积金", basic=D("66.50")),
    ),
    econ=_ECON_WATER,
    three_budget=(D("0"), D("0"), D("9.60"), D("3.00")),
    three_actual=(D("0"), D("0"), D("9.60"), D("3.00")),
)

# 项目支出绩效目标表: (name, implementer, amount, goal, [(一级, 二级, 三级, 指标值)])
TARGET_FORMS = (
    (
        "中小河流治理项目",
        "湘潭市水利工程建设中心",
        "1860.00",
        "完成涓水、涟水支流中小河流治理河长28公里，新建加固堤防16公里，提高沿河乡镇防洪标准至10年一遇。",
        (
            ("产出指标", "数量指标", "治理河长", "≥28公里"),
            ("产出指标", "数量指标", "新建加固堤防", "≥16公里"),
            ("产出指标", "质量指标", "工程验收合格率", "100%"),
            ("产出指标", "时效指标", "汛前完成主体工程", "2023年4月底前"),
            ("产出指标", "成本指标", "每公里综合治理成本", "≤66万元"),
            ("效益指标", "社会效益指标", "保护人口", "≥3.2万人"),
            ("效益指标", "生态效益指标", "河道水质", "不低于Ⅲ类"),
            ("满意度指标", "服务对象满意度指标", "沿河群众满意度", "≥90%"),
        ),
    ),
    (
        "防汛抗旱应急保障项目",
        WATER,
        "420.00",
        "保障防汛物资储备和应急抢险队伍运转，确保大中型水库和重要堤防安全度汛，不发生因洪致死事件。",
        (
            ("产出指标", "数量指标", "防汛物资储备", "≥120万元"),
            ("产出指标", "数量指标", "应急演练次数", "≥4次"),
            ("产出指标", "质量指标", "水库安全度汛率", "100%"),
            ("产出指标", "时效指标", "险情处置响应时间", "≤2小时"),
            ("效益指标", "社会效益指标", "因洪死亡人数", "0"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
        ),
    ),
)


def target_form(name: str, implementer: str, amount: str, goal: str, rows: tuple) -> list[b.Block]:
    grid: list[tuple[str, ...]] = [
        ("项目名称", name, "<", "<", "<"),
        ("主管部门", WATER, "<", "实施单位", implementer),
        ("项目资金\n（万元）", "年度资金总额", "<", amount, "<"),
        ("^", "其中：财政拨款", "<", amount, "<"),
        ("^", "其他资金", "<", "", "<"),
        ("年度总体目标", goal, "<", "<", "<"),
        ("绩效指标", "一级指标", "二级指标", "三级指标", "指标值"),
    ]
    previous = None
    for l1, l2, l3, value in rows:
        same1 = previous is not None and previous[0] == l1
        same2 = same1 and previous[1] == l2
        grid.append(("^", "^" if same1 else l1, "^" if same2 else l2, l3, value))
        previous = (l1, l2)
    return [
        b.PageBreak(),
        b.Para("项目支出绩效目标表", indent=False, align="center", size=16, bold=True),
        b.Para("（2023年度）", indent=False, align="center", size=12),
        b.NoteLine(f"编制单位：{WATER}", "金额单位：万元"),
        b.Grid(tuple(grid), (2.0, 2.4, 2.6, 5.0, 3.6), padding=6, font_size=10, left_cols=(3,)),
    ]


def budget_publication(stem: str) -> b.Sample:
    led = WATER_BUDGET
    led.check()
    s = b.Sample(stem=stem, header=f"{WATER}2023年部门预算")
    s.add(
        b.Cover(
            titles=(WATER, "2023年部门预算"), lines=(f"公开单位：{WATER}", "公开时间：2023年2月")
        ),
        b.PageBreak(),
        b.Heading(f"第一部分　{WATER}概况"),
        b.Para(
            f"{WATER}是市人民政府工作部门，负责保障水资源的合理开发利用，组织编制水资源规划，负责水利工程建设与运行管理，"
            "组织开展水旱灾害防御，指导水土保持和农村水利工作。纳入2023年部门预算编制范围的单位共3个。"
        ),
        b.Heading("第二部分　2023年部门预算表"),
        b.Para(
            "本部分公开部门收支总表、部门收入总表、部门支出总表、财政拨款收支总表、一般公共预算支出表、一般公共预算基本支出表、"
            "一般公共预算“三公”经费支出表、政府性基金预算支出表，共8张。"
        ),
    )
    tables = (
        (
            "部门收支总表",
            tree_table(led, (("科目编码", "科目名称", "预算数"),), ("gp",), (2, 8, 3)),
        ),
        (
            "部门收入总表",
            tree_table(
                led,
                (
                    (
                        "科目编码",
                        "科目名称",
                        "合计",
                        "一般公共预算拨款收入",
                        "政府性基金预算拨款收入",
                        "事业收入",
                        "其他收入",
                    ),
                ),
                ("gp", "gp", "zero", "zero", "zero"),
                (1.5, 5, 2, 2.4, 2.4, 1.6, 1.6),
            ),
        ),
        (
            "部门支出总表",
            tree_table(
                led,
                (("科目编码", "科目名称", "合计", "基本支出", "项目支出"),),
                ("gp", "basic", "project"),
                (1.6, 5.6, 2, 2, 2),
            ),
        ),
        (
            "财政拨款收支总表",
            tree_table(
                led,
                (("科目编码", "科目名称", "一般公共预算", "政府性基金预算"),),
                ("gp", "zero"),
                (1.6, 5.6, 2.4, 2.4),
            ),
        ),
        (
            "一般公共预算支出表",
            tree_table(
                led,
                (("科目编码", "科目名称", "合计", "基本支出", "项目支出"),),
                ("gp", "basic", "project"),
                (1.6, 5.6, 2, 2, 2),
            ),
        ),
        ("一般公共预算基本支出表", econ_table(led)),
        (
            "一般公共预算“三公”经费支出表",
            b.Grid(
                (
                    ("合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"),
                    ("^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"),
                    ("12.60", "0.00", "9.60", "0.00", "9.60", "3.00"),
                ),
                (1, 1.3, 1, 1.2, 1.2, 1),
                header_rows=2,
                padding=6,
            ),
        ),
        (
            "政府性基金预算支出表",
            b.Grid(
                (
                    ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                    ("", "合计", "", "", ""),
                ),
                (1.6, 5.6, 2, 2, 2),
                header_rows=1,
                padding=6,
            ),
        ),
    )
    for i, (title, grid) in enumerate(tables):
        s.add(b.PageBreak(landscape=title.endswith("基本支出表")))
        s.extend(caption(title, f"表{i + 1}", WATER))
        s.add(grid)
    s.add(
        b.PageBreak(),
        b.Heading("第三部分　2023年部门预算情况说明"),
        b.Para(
            f"2023年部门预算收入{fmt(led.sum('gp'))}万元，全部为一般公共预算拨款收入；支出{fmt(led.sum('gp'))}万元，"
            f"其中基本支出{fmt(led.sum('basic'))}万元，项目支出{fmt(led.sum('project'))}万元。“三公”经费预算12.60万元，"
            "与上年持平。"
        ),
        b.Heading("第四部分　预算绩效目标情况"),
        b.Para(
            "2023年本部门实行绩效目标管理的项目4个，涉及一般公共预算拨款3,105.00万元，占项目支出预算的100%。"
            "绩效目标已随部门预算一并报市财政局审核，重点项目的绩效目标表公开如下；预算执行中将开展绩效运行监控，"
            "年度终了后开展绩效自评，自评结果随部门决算公开。"
        ),
    )
    for form in TARGET_FORMS:
        s.extend(target_form(*form))
    return s


_ECON_FOREST = (
    ("30101", "基本工资", D("198.42")),
    ("30102", "津贴补贴", D("150.36")),
    ("30107", "绩效工资", D("112.80")),
    ("30108", "机关事业单位基本养老保险缴费", D("76.90")),
    ("30110", "职工基本医疗保险缴费", D("40.12")),
    ("30113", "住房公积金", D("45.64")),
    ("30201", "办公费", D("12.30")),
    ("30211", "差旅费", D("9.86")),
    ("30217", "公务接待费", D("2.14")),
    ("30231", "公务用车运行维护费", D("16.20")),
    ("30239", "其他交通费用", D("18.60")),
)
FOREST_FINAL = Ledger(
    unit=FOREST,
    year=2022,
    lines=(
        Line("2080505", "机关事业单位基本养老保险缴费支出", basic=D("76.90")),
        Line("2101101", "行政单位医疗", basic=D("40.12")),
        Line("2130201", "行政运行", basic=sum((a for *_, a in _ECON_FOREST), D(0)) - D("162.66")),
        Line("2130205", "森林资源培育", project=D("436.50")),
        Line("2130207", "森林资源管理", project=D("128.30")),
        Line("2130209", "森林生态效益补偿", project=D("612.00"), carry_out=D("24.60")),
        Line("2130234", "林业草原防灾减灾", project=D("286.40")),
        Line("2210201", "住房公积金", basic=D("45.64")),
    ),
    econ=_ECON_FOREST,
    three_budget=(D("0"), D("0"), D("18.00"), D("3.00")),
    three_actual=(D("0"), D("0"), D("16.20"), D("2.14")),
)

SELF_SCORES = (
    ("森林资源培育项目", "92"),
    ("森林资源管理项目", "90"),
    ("森林生态效益补偿项目", "95"),
    ("林业有害生物防治项目", "88"),
    ("森林防火项目", "93"),
    ("国土绿化提升行动", "91"),
)


def summary_only_final_accounts(stem: str) -> b.Sample:
    led = FOREST_FINAL
    s = b.Sample(stem=stem, header=f"{FOREST}2022年度部门决算")
    s.add(
        b.Cover(
            titles=(FOREST, "2022年度部门决算"),
            lines=(f"公开单位：{FOREST}", "公开时间：2023年9月"),
        ),
        b.PageBreak(),
        b.Heading(f"第一部分　{FOREST}概况"),
        b.Para(
            f"{FOREST}负责全市森林和湿地资源的监督管理，组织开展国土绿化、森林防火和林业有害生物防治，"
            "负责自然保护地的监督管理。纳入2022年度部门决算编制范围的单位共2个。"
        ),
        b.Heading("第二部分　2022年度部门决算表"),
    )
    s.extend(all_tables(led, "表{:d}"))
    s.add(
        b.PageBreak(),
        b.Heading("第三部分　2022年度部门决算情况说明"),
        b.Para(
            f"2022年度收入合计{fmt(led.income)}万元，支出合计{fmt(led.sum('spent'))}万元，"
            f"年末结转和结余{fmt(led.sum('carry_out'))}万元。“三公”经费支出18.34万元。"
        ),
        b.Heading("第四部分　预算绩效情况说明"),
        b.Para(
            "根据预算绩效管理要求，本部门组织对2022年度6个项目开展了绩效自评，涉及资金1,463.20万元。"
            "自评结果汇总如下："
        ),
        b.Grid(
            (("项目名称", "自评分数"), *SELF_SCORES),
            (6, 2),
            header_rows=1,
            padding=6,
            font_size=11,
            left_cols=(0,),
        ),
        b.Para(
            "各项目自评结果总体良好，本部门将根据自评发现的问题，进一步完善项目管理，提高资金使用效益。"
        ),
        b.Heading("第五部分　名词解释"),
        b.Para("1．基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。"),
        b.Para("2．项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。"),
        b.Para(
            "3．“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。"
        ),
    )
    return s
