"""常德市财政局: 关于2022年度市级财政重点绩效评价结果的公告 (a results notice).

One table row per evaluated project (序号/项目名称/主管部门/预算金额（万元）/评价得分/
评价等级); each row is a report unit of kind ``evaluation_result``. Grades follow the
usual bands (≥90 优, 80–90 良, 60–80 中, <60 差) except one deliberate slip an auditor
should catch: row 9 (城区背街小巷提质改造项目) scores 79.6 but is graded 良.
The 合计 row adds the budgets.
"""

from __future__ import annotations

from decimal import Decimal

from scripts.bundle_samples import blocks as b

TITLE = "关于2022年度市级财政重点绩效评价结果的公告"
ISSUER = "常德市财政局"
DATE = "2023年8月28日"

# (项目名称, 主管部门, 预算金额（万元）, 评价得分, 评价等级)
ROWS = (
    ("城乡居民基本医疗保险市级补助资金", "常德市医疗保障局", "3860.00", "93.5", "优"),
    ("市级现代农业发展专项资金", "常德市农业农村局", "2450.00", "88.2", "良"),
    ("中心城区污水处理厂运营补贴", "常德市城市管理和综合执法局", "5126.40", "91.6", "优"),
    ("职业技能提升行动专项资金", "常德市人力资源和社会保障局", "1280.00", "84.7", "良"),
    ("市级公立医院综合改革补助", "常德市卫生健康委员会", "2200.00", "90.3", "优"),
    ("义务教育薄弱环节改善与能力提升", "常德市教育局", "1865.50", "86.9", "良"),
    ("城市公交运营补贴", "常德市交通运输局", "3300.00", "76.4", "中"),
    ("智慧常德城市大脑建设项目", "常德市数据资源局", "2680.00", "82.1", "良"),
    ("城区背街小巷提质改造项目", "常德市住房和城乡建设局", "4120.00", "79.6", "良"),
    ("沅江流域生态保护修复补助", "常德市生态环境局", "1560.00", "92.8", "优"),
    ("市级文化惠民工程", "常德市文化旅游广电体育局", "620.00", "87.3", "良"),
    ("养老服务体系建设补助", "常德市民政局", "1450.00", "85.0", "良"),
    ("森林防火及林业有害生物防治", "常德市林业局", "735.80", "58.5", "差"),
    ("中小企业发展专项资金", "常德市工业和信息化局", "1800.00", "81.2", "良"),
)

INTRO = (
    "为全面实施预算绩效管理，提高财政资金使用效益，根据《中华人民共和国预算法》《中共中央 国务院关于全面实施预算绩效管理的意见》"
    "和《常德市市级财政支出绩效评价管理办法》等规定，市财政局组织第三方机构对2022年度14个市级重点项目开展了财政重点绩效评价，"
    "涉及资金33,047.70万元。现将评价结果公告如下：",
    "一、评价结果总体情况",
    "本次评价采用定量与定性相结合的方法，从决策、过程、产出、效益四个方面对项目进行综合评价。评价结果显示：评价等级为“优”的项目4个，"
    "“良”的项目8个，“中”的项目1个，“差”的项目1个。具体结果见下表。",
)

OUTRO = (
    "二、评价发现的主要问题",
    "（一）部分项目绩效目标设置不够细化、量化，个别指标与项目实际脱节；（二）部分项目资金拨付进度偏慢，年末结转资金较多；"
    "（三）部分项目绩效监控流于形式，未能及时纠偏。",
    "三、评价结果应用",
    "评价结果将作为2024年度预算安排、政策调整和改进管理的重要依据。对评价等级为“优”的项目，优先保障预算；对评价等级为“中”和“差”的项目，"
    "相应核减预算，督促主管部门限期整改，并将整改情况报市财政局备案。",
    "特此公告。",
)


def grid() -> b.Grid:
    total = sum((Decimal(r[2]) for r in ROWS), Decimal(0))
    rows = [("序号", "项目名称", "主管部门", "预算金额（万元）", "评价得分", "评价等级")]
    rows += [(str(i + 1), *r) for i, r in enumerate(ROWS)]
    rows.append(("合计", "<", "<", f"{total:.2f}", "", ""))
    return b.Grid(
        tuple(rows),
        (0.8, 6.6, 5.0, 2.2, 1.4, 1.4),
        header_rows=1,
        padding=7,
        font_size=9.5,
        left_cols=(1, 2),
    )


def sample(stem: str) -> b.Sample:
    s = b.Sample(stem=stem)
    s.add(
        b.Para(TITLE, indent=False, align="center", size=18, bold=True),
        b.Para("常财绩〔2023〕15号", indent=False, align="center", size=12),
        *[b.Para(text, bold=text.startswith("一、")) for text in INTRO],
        b.Para(
            "2022年度市级财政重点绩效评价结果表", indent=False, align="center", size=13, bold=True
        ),
        grid(),
        *[b.Para(text, bold=text[:2] in ("二、", "三、")) for text in OUTRO],
        b.Spacer(24),
        b.Para(ISSUER, indent=False, align="right"),
        b.Para(DATE, indent=False, align="right"),
    )
    return s
