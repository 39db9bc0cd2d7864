"""The nine 部门决算 公开表 (2022 format) of a :class:`Ledger`, as blocks.

Landscape: 收入决算表, 支出决算表, 财政拨款收入支出决算总表, 基本支出决算表, "三公"经费表,
政府性基金表. The long tables (一般公共预算财政拨款支出决算表, 基本支出决算表) continue
over pages with their header rows repeated.
"""

from __future__ import annotations

from decimal import Decimal

from scripts.bundle_samples import blocks as b
from scripts.bundle_samples.finance import CLASS_ORDER, ZERO, Ledger, caption, cn, m, tree_table

TITLES = (
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
)


def _class_amounts(ledger: Ledger, attr: str) -> list[tuple[str, Decimal]]:
    return [
        (f"{cn(i + 1)}、{name}", ledger.sum(attr, code))
        for i, (code, name) in enumerate(CLASS_ORDER)
    ]


def summary_table(ledger: Ledger) -> b.Grid:
    """公开01表: income items left, expenditure by 类 right; both 总计 equal."""
    carry_in = ledger.sum("carry_in")
    carry_out = ledger.sum("carry_out")
    income = [
        ("一、一般公共预算财政拨款收入", ledger.gp_income),
        ("二、政府性基金预算财政拨款收入", ledger.fund_income),
        ("三、国有资本经营预算财政拨款收入", ZERO),
        ("四、上级补助收入", ZERO),
        ("五、事业收入", ledger.sum("own")),
        ("六、经营收入", ZERO),
        ("七、附属单位上缴收入", ZERO),
        ("八、其他收入", ZERO),
    ]
    spend = _class_amounts(ledger, "spent")
    rows: list[tuple[str, ...]] = [
        ("收入", "<", "<", "支出", "<", "<"),
        ("项目", "行次", "金额", "项目", "行次", "金额"),
        ("栏次", "", "1", "栏次", "", "2"),
    ]
    n = max(len(income), len(spend))
    for i in range(n):
        left = income[i] if i < len(income) else ("", None)
        right = spend[i]
        rows.append(
            (
                left[0],
                str(i + 1) if left[0] else "",
                m(left[1]) if left[1] is not None else "",
                right[0],
                str(32 + i),
                m(right[1]),
            )
        )
    total_in, total_out = ledger.income, ledger.sum("spent")
    r = n + 1
    rows += [
        ("本年收入合计", str(r), m(total_in), "本年支出合计", str(32 + n), m(total_out)),
        ("使用非财政拨款结余", str(r + 1), "", "结余分配", str(33 + n), ""),
        ("年初结转和结余", str(r + 2), m(carry_in), "年末结转和结余", str(34 + n), m(carry_out)),
        ("总计", str(r + 3), m(total_in + carry_in), "总计", str(35 + n), m(total_out + carry_out)),
    ]
    if total_in + carry_in != total_out + carry_out:
        raise ValueError("收入支出决算总表 does not balance")
    return b.Grid(
        tuple(rows), (5.4, 0.9, 2.2, 5.4, 0.9, 2.2), header_rows=3, padding=3.2, left_cols=(0, 3)
    )


def fiscal_summary_table(ledger: Ledger) -> b.Grid:
    """公开04表: fiscal income by fund left; fiscal spending by 类 and fund right."""
    rows: list[tuple[str, ...]] = [
        ("收入", "<", "<", "支出", "<", "<", "<", "<", "<"),
        (
            "项目",
            "行次",
            "金额",
            "项目",
            "行次",
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款",
        ),
        ("栏次", "", "1", "栏次", "", "2", "3", "4", "5"),
    ]
    income = [
        ("一、一般公共预算财政拨款", ledger.gp_income),
        ("二、政府性基金预算财政拨款", ledger.fund_income),
        ("三、国有资本经营预算财政拨款", ZERO),
    ]
    classes = [(f"{cn(i + 1)}、{name}", code) for i, (code, name) in enumerate(CLASS_ORDER)]
    for i, (label, code) in enumerate(classes):
        gp, fund = ledger.sum("gp", code), ledger.sum("fund", code)
        left = income[i] if i < len(income) else ("", None)
        rows.append(
            (
                left[0],
                str(i + 1) if left[0] else "",
                m(left[1]) if left[1] is not None else "",
                label,
                str(33 + i),
                m(gp + fund),
                m(gp),
                m(fund),
                "",
            )
        )
    gp_in = ledger.gp_income
    fund_in = ledger.fund_income
    carry_in_gp = sum((x.carry_in for x in ledger.lines if x.fund == 0), ZERO)
    carry_in_fund = sum((x.carry_in for x in ledger.lines if x.fund != 0), ZERO)
    carry_out_gp = sum((x.carry_out for x in ledger.lines if x.fund == 0), ZERO)
    carry_out_fund = sum((x.carry_out for x in ledger.lines if x.fund != 0), ZERO)
    gp, fund = ledger.sum("gp"), ledger.sum("fund")
    n = len(classes)
    rows += [
        (
            "本年收入合计",
            str(n + 1),
            m(gp_in + fund_in),
            "本年支出合计",
            str(33 + n),
            m(gp + fund),
            m(gp),
            m(fund),
            "",
        ),
        (
            "年初财政拨款结转和结余",
            str(n + 2),
            m(carry_in_gp + carry_in_fund),
            "年末财政拨款结转和结余",
            str(34 + n),
            m(carry_out_gp + carry_out_fund),
            m(carry_out_gp),
            m(carry_out_fund),
            "",
        ),
        ("一般公共预算财政拨款", str(n + 3), m(carry_in_gp), "", "", "", "", "", ""),
        ("政府性基金预算财政拨款", str(n + 4), m(carry_in_fund), "", "", "", "", "", ""),
        ("国有资本经营预算财政拨款", str(n + 5), "", "", "", "", "", "", ""),
        (
            "总计",
            str(n + 6),
            m(gp_in + fund_in + carry_in_gp + carry_in_fund),
            "总计",
            str(35 + n),
            m(gp + fund + carry_out_gp + carry_out_fund),
            m(gp + carry_out_gp),
            m(fund + carry_out_fund),
            "",
        ),
    ]
    return b.Grid(
        tuple(rows),
        (4.6, 0.8, 2.0, 4.6, 0.8, 2.0, 2.4, 2.4, 2.4),
        header_rows=3,
        padding=2.2,
        font_size=8.5,
        left_cols=(0, 3),
    )


def econ_table(ledger: Ledger) -> b.Grid:
    """公开06表: 人员经费 and 公用经费 side by side (three column groups)."""
    personnel = [e for e in ledger.econ if e[0][:3] in ("301", "303")]
    public = [e for e in ledger.econ if e[0][:3] not in ("301", "303")]
    half = (len(public) + 1) // 2
    groups = (personnel, public[:half], public[half:])
    header = (
        ("人员经费", "<", "<", "公用经费", "<", "<", "<", "<", "<"),
        (
            "科目编码",
            "科目名称",
            "决算数",
            "科目编码",
            "科目名称",
            "决算数",
            "科目编码",
            "科目名称",
            "决算数",
        ),
    )
    n = max(len(g) for g in groups)
    rows: list[tuple[str, ...]] = list(header)
    for i in range(n):
        row: list[str] = []
        for g in groups:
            row += [g[i][0], g[i][1], m(g[i][2])] if i < len(g) else ["", "", ""]
        rows.append(tuple(row))
    pers = sum((a for *_, a in personnel), ZERO)
    pub = sum((a for *_, a in public), ZERO)
    rows.append(("人员经费合计", "<", m(pers), "公用经费合计", "<", "<", "<", "<", m(pub)))
    return b.Grid(
        tuple(rows),
        (1.3, 3.6, 1.6, 1.3, 3.6, 1.6, 1.3, 3.6, 1.6),
        header_rows=2,
        padding=5.5,
        left_cols=(1, 4, 7),
    )


def three_public_table(ledger: Ledger) -> b.Grid:
    """公开07表: 预算数 and 决算数 of the "三公" expenses."""

    def six(v: tuple[Decimal, Decimal, Decimal, Decimal]) -> list[str]:
        abroad, buy, run, host = v
        return [
            f"{abroad + buy + run + host:.2f}",
            f"{abroad:.2f}",
            f"{buy + run:.2f}",
            f"{buy:.2f}",
            f"{run:.2f}",
            f"{host:.2f}",
        ]

    rows = (
        ("预算数", "<", "<", "<", "<", "<", "决算数", "<", "<", "<", "<", "<"),
        (
            "合计",
            "因公出国（境）费",
            "公务用车购置及运行费",
            "<",
            "<",
            "公务接待费",
            "合计",
            "因公出国（境）费",
            "公务用车购置及运行费",
            "<",
            "<",
            "公务接待费",
        ),
        (
            "^",
            "^",
            "小计",
            "公务用车购置费",
            "公务用车运行费",
            "^",
            "^",
            "^",
            "小计",
            "公务用车购置费",
            "公务用车运行费",
            "^",
        ),
        ("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"),
        tuple(six(ledger.three_budget) + six(ledger.three_actual)),
    )
    return b.Grid(rows, (1,) * 12, header_rows=4, padding=6)


def fund_table(ledger: Ledger) -> b.Grid:
    """公开08表: 政府性基金 by 项 with carry-overs."""
    header = (
        ("项目", "<", "年初结转和结余", "本年收入", "本年支出", "<", "<", "年末结转和结余"),
        ("科目编码", "科目名称", "^", "^", "小计", "基本支出", "项目支出", "^"),
        ("栏次", "<", "1", "2", "3", "4", "5", "6"),
    )
    lines = [x for x in ledger.lines if x.fund]
    rows = list(header)
    ci = sum((x.carry_in for x in lines), ZERO)
    co = sum((x.carry_out for x in lines), ZERO)
    inc = sum((x.fiscal_income for x in lines), ZERO)
    sp = sum((x.fund for x in lines), ZERO)
    rows.append(("合计", "<", m(ci), m(inc), m(sp), "", m(sp), m(co)))
    seen: set[str] = set()
    from scripts.bundle_samples.finance import NAMES

    for line in lines:
        for prefix in (line.code[:3], line.code[:5]):
            if prefix not in seen:
                seen.add(prefix)
                sub = [x for x in lines if x.code.startswith(prefix)]
                a = [
                    sum((getattr(x, k) for x in sub), ZERO)
                    for k in ("carry_in", "fiscal_income", "fund", "carry_out")
                ]
                rows.append(
                    (prefix, NAMES[prefix], m(a[0]), m(a[1]), m(a[2]), "", m(a[2]), m(a[3]))
                )
        rows.append(
            (
                line.code,
                line.name,
                m(line.carry_in),
                m(line.fiscal_income),
                m(line.fund),
                "",
                m(line.fund),
                m(line.carry_out),
            )
        )
    return b.Grid(
        tuple(rows),
        (1.6, 5.2, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8),
        header_rows=3,
        padding=5,
        left_cols=(1,),
    )


def state_capital_table() -> b.Grid:
    rows = (
        ("项目", "<", "本年支出", "<", "<"),
        ("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        ("栏次", "<", "1", "2", "3"),
        ("合计", "<", "", "", ""),
        ("", "", "", "", ""),
    )
    return b.Grid(rows, (1.6, 5.0, 2, 2, 2), header_rows=3, padding=6)


def all_tables(ledger: Ledger, numbering: str = "公开{:02d}表") -> list[b.Block]:
    """The nine tables, each on its own page (portrait or landscape as published)."""
    ledger.check()
    unit = ledger.unit
    out: list[b.Block] = []

    def add(i: int, grid: b.Grid, landscape: bool, note: str | None = None) -> None:
        out.append(b.PageBreak(landscape=landscape))
        out.extend(caption(TITLES[i], numbering.format(i + 1), unit))
        out.append(grid)
        if note:
            out.append(b.Para(note, indent=False, size=10))

    add(0, summary_table(ledger), False, "注：本表反映部门本年度的总收支和年末结转结余情况。")
    add(
        1,
        tree_table(
            ledger,
            (
                (
                    "项目",
                    "<",
                    "本年收入合计",
                    "财政拨款收入",
                    "上级补助收入",
                    "事业收入",
                    "经营收入",
                    "附属单位上缴收入",
                    "其他收入",
                ),
                ("科目编码", "科目名称", "^", "^", "^", "^", "^", "^", "^"),
            ),
            ("income_total", "fiscal_income", "zero", "own", "zero", "zero", "zero"),
            (1.5, 5.2, 1.8, 1.8, 1.6, 1.6, 1.6, 1.7, 1.6),
        ),
        True,
    )
    add(
        2,
        tree_table(
            ledger,
            (
                (
                    "项目",
                    "<",
                    "本年支出合计",
                    "基本支出",
                    "项目支出",
                    "上缴上级支出",
                    "经营支出",
                    "对附属单位补助支出",
                ),
                ("科目编码", "科目名称", "^", "^", "^", "^", "^", "^"),
            ),
            ("spent", "basic", "all_project", "zero", "zero", "zero"),
            (1.5, 5.4, 1.9, 1.8, 1.8, 1.7, 1.6, 2.0),
        ),
        True,
    )
    add(3, fiscal_summary_table(ledger), True)
    add(
        4,
        tree_table(
            ledger,
            (
                ("科目编码", "科目名称", "本年支出", "<", "<"),
                ("^", "^", "合计", "基本支出", "项目支出"),
            ),
            ("gp", "basic", "project"),
            (1.6, 5.6, 2.0, 2.0, 2.0),
        ),
        False,
        "注：本表反映部门本年度一般公共预算财政拨款实际支出情况。",
    )
    add(5, econ_table(ledger), True, "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。")
    add(
        6,
        three_public_table(ledger),
        True,
        "注：本表反映部门本年度“三公”经费支出预算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；"
        "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
    )
    add(
        7,
        fund_table(ledger),
        True,
        "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    )
    add(
        8,
        state_capital_table(),
        False,
        f"注：{unit}{ledger.year}年度无国有资本经营预算财政拨款支出，故本表为空表。",
    )
    return out
