"""Budget and final-accounts tables (部门决算/部门预算 公开表) computed from one ledger.

The ledger is a list of 项 (7-digit functional classification) lines with their basic
and project spending by fund; every 类/款 subtotal, every 合计 and both sides of the
总表 are computed from it, so the tables agree with each other and with the narrative
(which quotes the same figures through :class:`Ledger`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from scripts.bundle_samples import blocks as b

ZERO = Decimal(0)

# 类 and 款 names of the functional classification (政府收支分类科目) used by the samples.
NAMES = {
    "201": "一般公共服务支出",
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "20808": "抚恤",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "212": "城乡社区支出",
    "21208": "国有土地使用权出让收入安排的支出",
    "213": "农林水支出",
    "21301": "农业农村",
    "21302": "林业和草原",
    "21303": "水利",
    "21305": "巩固脱贫攻坚成果衔接乡村振兴",
    "21307": "农村综合改革",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}

# Left column of 收入支出决算总表's expenditure side: the 类 a department may report.
CLASS_ORDER = (
    ("201", "一般公共服务支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("216", "商业服务业等支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"),
)
CN_NUM = "一二三四五六七八九十"


def cn(n: int) -> str:
    """1 → 一, 12 → 十二, 16 → 十六 (enough for the table rows)."""
    if n <= 10:
        return CN_NUM[n - 1]
    return (
        "十" + CN_NUM[n - 11]
        if n < 20
        else f"{CN_NUM[n // 10 - 1]}十{CN_NUM[n % 10 - 1] if n % 10 else ''}"
    )


def m(value: Decimal) -> str:
    """An amount in 万元 as the tables print it; zero prints as an empty cell."""
    return "" if value == 0 else f"{value:.2f}"


@dataclass(frozen=True)
class Line:
    """One 项 line. Amounts in 万元."""

    code: str
    name: str
    basic: Decimal = ZERO  # 一般公共预算 基本支出
    project: Decimal = ZERO  # 一般公共预算 项目支出
    fund: Decimal = ZERO  # 政府性基金预算 项目支出
    own: Decimal = ZERO  # 非财政拨款 (事业收入) 项目支出
    carry_in: Decimal = ZERO  # 财政拨款 年初结转和结余 on this line
    carry_out: Decimal = ZERO  # 财政拨款 年末结转和结余 on this line

    @property
    def gp(self) -> Decimal:
        return self.basic + self.project

    @property
    def spent(self) -> Decimal:
        return self.gp + self.fund + self.own

    @property
    def fiscal_income(self) -> Decimal:
        return self.gp + self.fund + self.carry_out - self.carry_in

    @property
    def income_total(self) -> Decimal:
        return self.fiscal_income + self.own

    @property
    def all_project(self) -> Decimal:
        return self.project + self.fund + self.own

    @property
    def zero(self) -> Decimal:
        return ZERO


@dataclass(frozen=True)
class Ledger:
    unit: str
    year: int
    lines: tuple[Line, ...]
    econ: tuple[tuple[str, str, Decimal], ...]  # 基本支出 by economic class (code, name, amount)
    three_budget: tuple[Decimal, Decimal, Decimal, Decimal]  # 出国, 购车, 车运行, 接待
    three_actual: tuple[Decimal, Decimal, Decimal, Decimal]

    def sum(self, attr: str, prefix: str = "") -> Decimal:
        return sum((getattr(x, attr) for x in self.lines if x.code.startswith(prefix)), ZERO)

    @property
    def gp_income(self) -> Decimal:
        return sum((x.fiscal_income for x in self.lines if x.fund == 0), ZERO)

    @property
    def fund_income(self) -> Decimal:
        return sum((x.fiscal_income for x in self.lines if x.fund != 0), ZERO)

    @property
    def income(self) -> Decimal:
        return self.gp_income + self.fund_income + self.sum("own")

    def check(self) -> None:
        econ = sum((a for _, _, a in self.econ), ZERO)
        if econ != self.sum("basic"):
            raise ValueError(
                f"{self.unit}: 基本支出 by economy {econ} != by function {self.sum('basic')}"
            )
        for line in self.lines:
            if line.fund and line.gp:
                raise ValueError(f"{line.code}: one fund per line")

    def tree(self, attrs: Sequence[str]) -> list[tuple[str, str, list[Decimal]]]:
        """(code, name, amounts) rows: each 类, its 款, their 项 — subtotals computed."""
        rows: list[tuple[str, str, list[Decimal]]] = []
        seen: set[str] = set()
        lines = [x for x in self.lines if any(getattr(x, a) for a in attrs)]
        for line in lines:
            for prefix in (line.code[:3], line.code[:5]):
                if prefix not in seen:
                    seen.add(prefix)
                    amounts = [
                        sum((getattr(x, a) for x in lines if x.code.startswith(prefix)), ZERO)
                        for a in attrs
                    ]
                    rows.append((prefix, NAMES[prefix], amounts))
            rows.append((line.code, line.name, [getattr(line, a) for a in attrs]))
        return rows


def caption(
    title: str, number: str, unit: str, *, unit_note: str = "金额单位：万元"
) -> list[b.Block]:
    return [
        b.Para(title, indent=False, align="center", size=16, bold=True),
        b.Para(number, indent=False, align="right", size=10),
        b.NoteLine(f"编制单位：{unit}", unit_note),
    ]


def tree_table(
    ledger: Ledger,
    header: Sequence[Sequence[str]],
    attrs: Sequence[str],
    widths: Sequence[float],
    *,
    extra_empty: int = 0,
    total_label: str = "合计",
) -> b.Grid:
    """科目编码 | 科目名称 | amounts… with a 合计 row and the 类/款/项 tree."""
    tree = ledger.tree(attrs)
    totals = [sum((getattr(x, a) for x in ledger.lines), ZERO) for a in attrs]
    rows = [tuple(h) for h in header]
    rows.append((total_label, "<", *[m(v) for v in totals], *[""] * extra_empty))
    for code, name, amounts in tree:
        rows.append((code, name, *[m(v) for v in amounts], *[""] * extra_empty))
    return b.Grid(tuple(rows), tuple(widths), header_rows=len(header), padding=4, left_cols=(1,))


def fmt(value: Decimal) -> str:
    return f"{value:,.2f}"
