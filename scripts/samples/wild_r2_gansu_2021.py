"""Gansu-style self-evaluation (2021), round two of the forms nobody had seen: a
report published as a 公示 whose title names the unit and whose bracketed subtitle
names the project, a cover form that gives a budget code as 专项名称, a department
funds block with numbered, formula-bearing columns, an indicator grid that repeats a
分值 column after every level and repeats its header on a continuation page, and a
payment list whose header a key–value reading would take apart.

What it exercises (issue 10, section 2):

- titles: ``…绩效自评报告公示``; ``<unit><year>年度…报告`` + ``（——<project>）``;
  ``127部门整体`` is a budget code, not a project name; a bare ``部门`` label;
- the numbered funds block ``年初部门预算安排金额① | 年中调整金额② | 小计③=①+② |
  年度拨付金额④ | 支出实现率(%)⑤=④/③ | 本年度结余金额⑥=③-④ | 资金结余率(%)⑦=⑥/③
  | 分值 | 得分`` over 合计 / 财政资金小计 / ①中央财政资金 / ②省级 / ③地方 /
  其他资金小计;
- role binding: 分值 after 一级 / 二级 / 三级 指标 — the indicator's weight is the one
  next to its name;
- a repeated header on the continuation page whose block-label column is blank there;
- a list header ``支出内容 | 合同编号 | 支付金额 | 支付日期`` with amounts below.

Everything is consistent: rates, balances, the score sum and the payment total.
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
    score_text,
    total,
)

UNIT = "酒泉市水务局"
PROJECT = "肃州区农村饮水安全巩固提升工程"
GRADE = "优"
FILE_NAME = "wild_r2_gansu_2021_nongcun_yinshui.docx"
FUND_WEIGHT = d(10)

# (row label, 年初部门预算安排金额①, 年中调整金额②, 年度拨付金额④) in 万元.
FUND_ROWS: list[tuple[str, str, str, str]] = [
    ("①中央财政资金", "600.00", "0.00", "582.00"),
    ("②省级", "200.00", "50.00", "240.00"),
    ("③地方", "100.00", "0.00", "88.00"),
]
OTHER_FUNDS = ("其他资金小计", "30.00", "0.00", "30.00")

# (一级, 一级分值, 二级, 二级分值, 三级指标, 分值, 年度指标值, 实际完成值, 得分)
INDICATORS: list[tuple[str, ...]] = [
    ("产出指标", "50", "数量指标", "20", "新建集中供水工程", "≥12处", "12处", "10", "10"),
    ("产出指标", "50", "数量指标", "20", "改造供水管网", "≥85公里", "80公里", "10", "8"),
    ("产出指标", "50", "质量指标", "20", "水质达标率", "≥95%", "96.5%", "20", "20"),
    ("产出指标", "50", "时效指标", "10", "工程完工及时率", "100%", "90%", "10", "8"),
    ("效益指标", "30", "社会效益指标", "20", "受益人口", "≥5万人", "5.2万人", "20", "20"),
    ("效益指标", "30", "可持续影响指标", "10", "工程管护制度落实率", "100%", "100%", "10", "10"),
    ("满意度指标", "10", "服务对象满意度指标", "10", "受益群众满意度", "≥90%", "86%", "10", "7"),
]
FIRST_PAGE_ROWS = 4  # indicator rows before the page break (the header repeats after)

# (支出内容, 合同编号, 支付金额 万元, 支付日期)
PAYMENTS: list[tuple[str, str, str, str]] = [
    ("供水管网材料采购", "JQSW-2021-018", "412.50", "2021-06-30"),
    ("集中供水工程施工", "JQSW-2021-022", "455.50", "2021-11-15"),
    ("工程监理服务", "JQSW-2021-031", "72.00", "2021-12-20"),
]


def _fund_line(label: str, a: str, b: str, paid: str) -> list[str]:
    budget = d(a) + d(b)
    balance = budget - d(paid)
    return [
        label,
        a,
        b,
        money(budget),
        paid,
        rate(d(paid), budget, sign=False),
        money(balance),
        rate(balance, budget, sign=False),
    ]


def _funds_rows() -> tuple[list[list[str]], str]:
    fiscal = tuple(money(total(d(r[i]) for r in FUND_ROWS)) for i in (1, 2, 3))
    all_rows = [*FUND_ROWS, OTHER_FUNDS]
    grand = tuple(money(total(d(r[i]) for r in all_rows)) for i in (1, 2, 3))
    budget = d(grand[0]) + d(grand[1])
    score = score_text(min(FUND_WEIGHT, d(grand[2]) / budget * FUND_WEIGHT))
    rows = [
        [*_fund_line("合计", *grand), score_text(FUND_WEIGHT), score],
        [*_fund_line("财政资金小计", *fiscal), FW, FW],
        *([*_fund_line(*r), FW, FW] for r in FUND_ROWS),
        [*_fund_line(*OTHER_FUNDS), FW, FW],
    ]
    return rows, score


FUNDS_BODY, EXEC_SCORE = _funds_rows()
TOTAL_SCORE = score_text(d(EXEC_SCORE) + total(d(r[8]) for r in INDICATORS))
FACTS = SampleFacts(FILE_NAME, PROJECT, UNIT, 2021, TOTAL_SCORE, GRADE, len(INDICATORS))

IND_HEADER = [
    "一级指标",
    "分值",
    "二级指标",
    "分值",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
]


def _indicator_body(rows: list[tuple[str, ...]]) -> list[list[str]]:
    out: list[list[str]] = []
    previous: tuple[str, ...] | None = None
    for r in rows:
        same1 = previous is not None and previous[0] == r[0]
        same2 = same1 and previous is not None and previous[2] == r[2]
        out.append(
            [
                UP if same1 else r[0],
                UP if same1 else r[1],
                UP if same2 else r[2],
                UP if same2 else r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
            ]
        )
        previous = r
    return out


def _indicator_rows() -> list[list[str]]:
    first = _indicator_body(INDICATORS[:FIRST_PAGE_ROWS])
    rest = _indicator_body(INDICATORS[FIRST_PAGE_ROWS:])
    rows = [["绩效指标", *IND_HEADER]]
    rows += [[UP, *r] for r in first]
    # Continuation page: the header repeats; the block-label column is blank there.
    rows.append(["", *IND_HEADER])
    rows += [[UP, *r] for r in rest]
    rows.append(["总分", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, "100", TOTAL_SCORE])
    return rows


def _funds_table() -> list[list[str]]:
    header = [
        "资金来源",
        "年初部门预算安排金额①",
        "年中调整金额②",
        "小计③=①+②",
        "年度拨付金额④",
        "支出实现率(%)⑤=④/③",
        "本年度结余金额⑥=③-④",
        "资金结余率(%)⑦=⑥/③",
        "分值",
        "得分",
    ]
    return [header, *FUNDS_BODY]


def _payments_table() -> list[list[str]]:
    rows = [["支出内容", "合同编号", "支付金额", "支付日期"]]
    rows += [list(p) for p in PAYMENTS]
    rows.append(["合计", FW, money(total(d(p[2]) for p in PAYMENTS)), FW])
    return rows


def build(path: Path) -> None:
    doc = start(landscape=True)
    title(doc, f"{UNIT}2021年度项目支出绩效自评报告公示")
    aligned(doc, f"（——{PROJECT}）", align="center", size=12)
    heading(doc, "一、基本情况", level=1)
    para(
        doc,
        f"{PROJECT}由{UNIT}组织实施，2021年安排资金960.00万元，新建集中供水工程12处，"
        "改造供水管网85公里，惠及肃州区5个乡镇。",
    )
    heading(doc, "二、自评结论", level=1)
    para(doc, f"经自评，项目综合得分{TOTAL_SCORE}分，自评等级为“{GRADE}”。")
    aligned(doc, "表1  项目基本信息", align="left")
    cover = [
        ["专项名称", "127部门整体", "部门", UNIT],
        ["项目负责人", "马建国", "联系电话", "0937-2612345"],
        ["自评得分", TOTAL_SCORE, "自评等级", GRADE],
    ]
    fix_widths(table(doc, cover, widths_cm=[3, 8, 3, 8]), [3, 8, 3, 8])
    aligned(doc, "表2  资金使用情况（金额单位：万元）", align="left")
    widths = [3.2, 2.6, 2.2, 2.2, 2.4, 2.6, 2.6, 2.6, 1.4, 1.4]
    fix_widths(table(doc, _funds_table(), widths_cm=widths, font_size=8), widths)
    aligned(doc, "表3  绩效指标完成情况", align="left")
    widths = [1.4, 2.0, 1.2, 2.6, 1.2, 4.0, 2.6, 2.6, 1.2, 1.2]
    fix_widths(table(doc, _indicator_rows(), widths_cm=widths, font_size=8), widths)
    aligned(doc, "表4  项目支出明细（金额单位：万元）", align="left")
    fix_widths(table(doc, _payments_table(), widths_cm=[6, 5, 4, 4]), [6, 5, 4, 4])
    aligned(doc, UNIT, align="right")
    aligned(doc, "2022年3月18日", align="right")
    save(doc, path, author="酒泉市水务局")
