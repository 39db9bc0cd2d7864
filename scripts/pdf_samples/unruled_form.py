"""Sample: a form-only PDF whose tables are printed with only a top and a bottom rule
(text-aligned, no cell rulings), as some report generators print 自评表 — issue 10,
item 18. Page 1 holds the title wrapped over two lines, a few cover lines and the funds
table; page 2 the indicator table. Every value is consistent.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from .common import CAPTION, FONT, RIGHT, TITLE, build, cell, page_number_footer, para

TITLE_TEXT = "海口市美兰区2023年度城乡环境卫生整治专项资金项目支出绩效自评表"

FUNDS = [
    [
        "资金来源",
        "年初预算数<br/>（万元）",
        "全年预算数<br/>（万元）",
        "全年执行数<br/>（万元）",
        "执行率",
    ],
    ["年度资金总额", "300.00", "320.00", "304.00", "95.00%"],
    ["其中：财政拨款", "300.00", "300.00", "288.00", "96.00%"],
    ["其他资金", "0.00", "20.00", "16.00", "80.00%"],
]

INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "整治村庄数量", "≥45个", "47个", "20", "20"],
    ["", "质量指标", "垃圾清运及时率", "≥95%", "97%", "20", "20"],
    ["", "时效指标", "整治完成时间", "2023年11月底前", "2023年11月", "10", "10"],
    ["效益指标", "社会效益指标", "村庄环境卫生达标率", "≥90%", "92%", "20", "20"],
    ["", "可持续影响指标", "长效保洁机制覆盖率", "100%", "100%", "10", "10"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "9"],
    ["总分", "", "", "", "", "90", "89"],
]


def _unruled(rows: list[list[str]], widths: list[float]) -> Table:
    table = Table([[cell(t) for t in r] for r in rows], colWidths=widths, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9),
                ("LINEABOVE", (0, 0), (-1, 0), 1.0, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def write(path: Path) -> None:
    story = [
        para(TITLE_TEXT, TITLE),
        para("（2023年度）", CAPTION),
        Spacer(1, 6),
        para("项目名称：城乡环境卫生整治专项资金项目", RIGHT),
        para("实施单位：海口市美兰区农业农村局", RIGHT),
        para("金额单位：万元", RIGHT),
        Spacer(1, 6),
        _unruled(FUNDS, [110, 85, 85, 85, 70]),
        PageBreak(),
        _unruled(INDICATORS, [55, 75, 95, 75, 65, 35, 35]),
        Spacer(1, 10),
        para("自评等级：优", RIGHT),
        para("填报日期：2024年3月12日", RIGHT),
    ]
    build(path, story, page_number_footer("dash"))
