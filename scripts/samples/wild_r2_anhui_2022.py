"""Anhui-style county self-evaluation form (2022), round two of the forms nobody had
seen: a 项目支出绩效自评表 whose funds grid splits the year's budget into source columns
and whose indicator grid has a two-row header that repeats on the continuation page.

What it exercises (issue 10, section 2):

- item 2: source columns ``中央 | 省、地 | 本级 | 其他`` under ``全年预算数`` beside its
  ``合计`` and the ``全年执行数 | 执行率 | 分值 | 得分`` columns: 省、地 is one column for
  the provincial and prefecture money together, 本级 the county's own money;
- item 5: a two-row indicator header (``指标值`` split into ``年度指标值 | 实际完成值``,
  the other headers merged over both rows) repeated on the continuation page, where the
  block-label column ``绩效指标`` — merged down from the first page — reaches into the
  repeated header: a cell that started rows above must not take a column role there.

Everything is consistent: the source columns add up to 合计, the rate and the funds
score follow from the amounts, and the scores add up to the total.
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
    money,
    rate,
    rate_score,
    score_text,
    total,
)

UNIT = "霍山县农业农村局"
DEPT = "霍山县人民政府"
PROJECT = "霍山县2022年农村人居环境整治提升项目"
GRADE = "优"
FILE_NAME = "wild_r2_anhui_2022_renju_huanjing.docx"
FUND_WEIGHT = d(10)

# 全年预算数 by source column (万元), and the year's spending.
SOURCES: list[tuple[str, str]] = [
    ("中央", "200.00"),
    ("省、地", "180.00"),
    ("本级", "150.00"),
    ("其他", "30.00"),
]
SPENT = "532.00"

# (一级, 二级, 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "数量指标", "改造农村户用厕所", "≥1200户", "1260户", "10", "10", ""),
    ("产出指标", "数量指标", "建设村级污水处理设施", "≥15处", "15处", "10", "10", ""),
    ("产出指标", "质量指标", "改厕工程验收合格率", "≥95%", "97%", "10", "10", ""),
    (
        "产出指标",
        "时效指标",
        "项目完工及时率",
        "100%",
        "92%",
        "10",
        "8",
        "2个村受雨季影响延期，已督促施工单位加快进度",
    ),
    ("产出指标", "成本指标", "户厕改造户均补助", "≤1500元", "1500元", "10", "10", ""),
    ("效益指标", "社会效益指标", "农村卫生厕所普及率", "≥90%", "91.5%", "10", "10", ""),
    ("效益指标", "生态效益指标", "生活污水乱排乱放现象", "明显减少", "明显减少", "10", "10", ""),
    ("效益指标", "可持续影响指标", "长效管护机制建立率", "100%", "100%", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93%", "10", "10", ""),
]
FIRST_PAGE_ROWS = 4  # indicator rows before the page break (the header repeats after)

BUDGET = money(total(d(v) for _label, v in SOURCES))
RATE = rate(d(SPENT), d(BUDGET))
EXEC_SCORE = score_text(rate_score(d(SPENT), d(BUDGET), FUND_WEIGHT))
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(r[6]) for r in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2022, TOTAL_SCORE, GRADE, len(INDICATORS))

HEADER_TOP = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    LEFT,
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]
HEADER_LOW = [UP, UP, UP, "年度指标值", "实际完成值", UP, UP, UP]


def _funds_table() -> list[list[str]]:
    n = len(SOURCES)
    return [
        ["项目资金（万元）", "全年预算数", *[LEFT] * n, "全年执行数", "执行率", "分值", "得分"],
        [UP, "合计", *(label for label, _v in SOURCES), UP, UP, UP, UP],
        [
            "年度资金总额",
            BUDGET,
            *(v for _label, v in SOURCES),
            SPENT,
            RATE,
            score_text(FUND_WEIGHT),
            EXEC_SCORE,
        ],
    ]


def _indicator_body(rows: list[tuple[str, ...]], *, merge_first: bool) -> list[list[str]]:
    """Level cells merged down over repeats; ``merge_first`` merges the page's first
    row into the block-label column above it (page 1) — page 2's rows stand alone."""
    out: list[list[str]] = []
    previous: tuple[str, ...] | None = None
    for r in rows:
        same1 = previous is not None and previous[0] == r[0]
        same2 = same1 and previous is not None and previous[1] == r[1]
        out.append(
            [
                UP if merge_first else "",
                UP if same1 else r[0],
                UP if same2 else r[1],
                *r[2:],
            ]
        )
        previous = r
    return out


def _indicator_rows() -> list[list[str]]:
    rows = [["绩效指标", *HEADER_TOP], [UP, *HEADER_LOW]]
    rows += _indicator_body(INDICATORS[:FIRST_PAGE_ROWS], merge_first=True)
    # Continuation page: the two-row header repeats, and the block-label column merged
    # down from page 1 reaches into it (it ends on the header's lower row).
    rows += [[UP, *HEADER_TOP], [UP, *HEADER_LOW]]
    rows += _indicator_body(INDICATORS[FIRST_PAGE_ROWS:], merge_first=False)
    weights = score_text(FUND_WEIGHT + total(d(r[5]) for r in INDICATORS))
    rows.append(["总分", LEFT, LEFT, LEFT, LEFT, LEFT, weights, TOTAL_SCORE, FW])
    return rows


def build(path: Path) -> None:
    doc = start(landscape=True)
    title(doc, "项目支出绩效自评表")
    aligned(doc, "（2022年度）", align="center", size=12)
    aligned(doc, f"填报单位（盖章）：{UNIT}", align="left")
    cover = [
        ["项目名称", PROJECT, LEFT, LEFT],
        ["主管部门", DEPT, "实施单位", UNIT],
        ["项目负责人", "储德明", "联系电话", "0564-5022318"],
    ]
    fix_widths(table(doc, cover, widths_cm=[3, 9, 3, 9]), [3, 9, 3, 9])
    aligned(doc, "一、项目资金情况（金额单位：万元）", align="left")
    widths = [3.4, 2.2, 2.0, 2.0, 2.0, 2.0, 2.4, 2.0, 1.6, 1.6]
    fix_widths(table(doc, _funds_table(), widths_cm=widths, font_size=8), widths)
    aligned(doc, "二、绩效指标完成情况", align="left")
    widths = [1.4, 2.0, 2.6, 4.4, 2.4, 2.4, 1.2, 1.2, 5.0]
    fix_widths(table(doc, _indicator_rows(), widths_cm=widths, font_size=8), widths)
    heading(doc, "三、自评结论", level=1)
    para(
        doc,
        f"经自评，{PROJECT}全年预算数{BUDGET}万元，全年执行数{SPENT}万元，执行率{RATE}；"
        f"项目综合得分{TOTAL_SCORE}分，自评等级为“{GRADE}”。",
    )
    aligned(doc, UNIT, align="right")
    aligned(doc, "2023年2月20日", align="right")
    save(doc, path, author=UNIT)
