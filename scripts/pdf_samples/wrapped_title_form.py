"""Sample: a one-page 项目支出绩效自评表 whose only text outside its tables is the title
(wrapped over two centred lines in a large font) and the ``金额单位：万元`` line — issue
10, items 12 and 2.8-style funds. The funds block is printed text-aligned (a top and a
bottom rule only) with header cells that nearly touch; the project and indicator
blocks are ruled. Every value is consistent: 873.00/900.00 = 97.00 %, the funds score
10 × 97 % = 9.70, indicator weights 90 and scores 88, total 97.70 of 100.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from scripts.form_vocabulary import NATIONAL_INDICATOR_HEAD

from .canvas_grid import GridCell, draw_grid, draw_line, row_heights
from .common import FONT

FILE_NAME = "wild_r2_guizhou_2022_wrapped_title_form.pdf"
TITLE_LINES = ("遵义市红花岗区水务局2022年度城乡供水管网改造项目", "支出绩效自评表")
TITLE_SIZE = 16.0
TITLE_LEADING = 20.5  # a little more than 1.2 × the size, as Word's single spacing
LEFT = 40.0
WIDTH = 515.0

PROJECT = [
    ["项目名称", "城乡供水管网改造项目", None, None],
    ["主管部门", "遵义市红花岗区水务局", "实施单位", "遵义市红花岗区供排水服务中心"],
]
PROJECT_WIDTHS = [80.0, 180.0, 80.0, 175.0]

UNIT_LINE = "金额单位：万元"
#: (label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)
FUNDS_HEADER = ("资金来源", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
FUNDS = [
    ("年度资金总额", "850.00", "900.00", "873.00", "10", "97.00%", "9.70"),
    ("其中：当年财政拨款", "850.00", "850.00", "833.00", "—", "98.00%", "—"),
    ("上年结转资金", "0.00", "50.00", "40.00", "—", "80.00%", "—"),
    ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
]
#: each header cell is only a little wider than its text: the cells nearly touch
FUNDS_WIDTHS = [115.0, 56.0, 56.0, 56.0, 28.0, 38.0, 28.0]
FUNDS_SIZE = 10.0
FUNDS_PITCH = 19.0

INDICATOR_HEADER = NATIONAL_INDICATOR_HEAD
_RAIN = "受雨季影响部分路段延期施工，已于次年一月完工"
#: (一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因)
INDICATORS = [
    ("产出指标", "数量指标", "改造供水管网长度", "≥42公里", "43.6公里", "15", "15", ""),
    ("产出指标", "数量指标", "新增入户水表", "≥3200户", "3315户", "10", "10", ""),
    ("产出指标", "质量指标", "管网工程验收合格率", "100%", "100%", "10", "10", ""),
    ("产出指标", "时效指标", "工程完工及时率", "≥95%", "92%", "10", "8", _RAIN),
    ("效益指标", "社会效益指标", "城区供水保证率", "≥95%", "96.5%", "15", "15", ""),
    ("效益指标", "可持续影响指标", "管网漏损率", "≤12%", "10.8%", "15", "15", ""),
    ("满意度指标", "服务对象满意度指标", "用水群众满意度", "≥90%", "94%", "15", "15", ""),
]
TOTAL = ("总分", "100", "97.70")
SIGN_OFF = ("填报人：王晓梅", "联系电话：0851-28221234", "填报日期：2023年3月15日")
INDICATOR_WIDTHS = [58.0, 66.0, 104.0, 62.0, 62.0, 32.0, 32.0, 99.0]
CELL_SIZE = 9.0
CELL_LEADING = 12.0


def _project_cells() -> list[GridCell]:
    cells: list[GridCell] = []
    for r, row in enumerate(PROJECT):
        c = 0
        while c < len(row):
            span = 1
            while c + span < len(row) and row[c + span] is None:
                span += 1
            text = row[c] or ""
            cells.append(GridCell(text, r, c, 1, span, "center" if c % 2 == 0 else "left"))
            c += span
    return cells


def _indicator_cells() -> list[GridCell]:
    cells = [GridCell(t, 0, c) for c, t in enumerate(INDICATOR_HEADER)]
    for col in (0, 1):  # runs of the same 一级/二级 label are merged cells
        start = 0
        while start < len(INDICATORS):
            end = start
            key = INDICATORS[start][: col + 1]
            while end + 1 < len(INDICATORS) and INDICATORS[end + 1][: col + 1] == key:
                end += 1
            cells.append(GridCell(INDICATORS[start][col], 1 + start, col, end - start + 1))
            start = end + 1
    for r, row in enumerate(INDICATORS, start=1):
        cells.append(GridCell(row[2], r, 2, align="left"))
        cells += [GridCell(t, r, c) for c, t in enumerate(row[3:7], start=3)]
        cells.append(GridCell(row[7], r, 7, align="left"))
    n = len(INDICATORS) + 1
    cells += [GridCell(TOTAL[0], n, 0, 1, 5), GridCell(TOTAL[1], n, 5), GridCell(TOTAL[2], n, 6)]
    cells.append(GridCell("", n, 7))
    cells += [
        GridCell(SIGN_OFF[0], n + 1, 0, 1, 3, "left"),
        GridCell(SIGN_OFF[1], n + 1, 3, 1, 3, "left"),
        GridCell(SIGN_OFF[2], n + 1, 6, 1, 2, "left"),
    ]
    return cells


def _funds(c: Canvas, top: float) -> float:
    """The text-aligned funds block: labels left, column heads and amounts centred."""
    left = LEFT + (WIDTH - sum(FUNDS_WIDTHS)) / 2
    xs = [left]
    for w in FUNDS_WIDTHS:
        xs.append(xs[-1] + w)
    height = c._pagesize[1]
    c.setLineWidth(1.0)
    c.line(xs[0], height - top, xs[-1], height - top)
    y = top + 5
    draw_line(c, FUNDS_HEADER[0], y, FUNDS_SIZE, x=xs[0] + 2)
    for k, text in enumerate(FUNDS_HEADER[1:], start=1):
        draw_line(c, text, y, FUNDS_SIZE, x=(xs[k] + xs[k + 1]) / 2, align="center")
    for row in FUNDS:
        y += FUNDS_PITCH
        draw_line(c, row[0], y, FUNDS_SIZE, x=xs[0] + 2)
        for k, text in enumerate(row[1:], start=1):
            draw_line(c, text, y, FUNDS_SIZE, x=(xs[k] + xs[k + 1]) / 2, align="center")
    bottom = y + FUNDS_SIZE + 5
    c.line(xs[0], height - bottom, xs[-1], height - bottom)
    return bottom


def write(path: Path) -> None:
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(path.stem)
    c.setAuthor("jixiao samples")
    centre = A4[0] / 2
    top = 62.0
    for k, line in enumerate(TITLE_LINES):
        draw_line(c, line, top + k * TITLE_LEADING, TITLE_SIZE, x=centre, align="center")
    top += len(TITLE_LINES) * TITLE_LEADING + 12
    project = _project_cells()
    heights = row_heights(PROJECT_WIDTHS, len(PROJECT), project, 10.5, 14, 24)
    top = draw_grid(c, LEFT, top, PROJECT_WIDTHS, heights, project, 10.5, 14)
    unit_width = stringWidth(UNIT_LINE, FONT, 10.5)
    right = LEFT + WIDTH - (WIDTH - sum(FUNDS_WIDTHS)) / 2
    draw_line(c, UNIT_LINE, top + 8, 10.5, x=right - unit_width)
    top = _funds(c, top + 8 + 10.5 + 2)
    indicators = _indicator_cells()
    n_rows = len(INDICATORS) + 3
    heights = row_heights(INDICATOR_WIDTHS, n_rows, indicators, CELL_SIZE, CELL_LEADING, 22)
    draw_grid(c, LEFT, top + 14, INDICATOR_WIDTHS, heights, indicators, CELL_SIZE, CELL_LEADING)
    c.showPage()
    c.save()
