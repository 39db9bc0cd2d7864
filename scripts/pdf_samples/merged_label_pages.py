"""Sample: a ruled 项目支出绩效自评表 over two pages whose producer prints a merged cell's
text again in each page's part of the cell, as some online reporting systems do —
issue 10, item 14. Its title is wrapped over two lines, the only text outside the form
(item 12).

- ``项目资金（万元）`` and ``年度总体目标`` are merged down over several rows on page 1;
- the block label ``绩效指标`` (column 0) runs from page 1 over the break: printed again
  at the top of page 2;
- the first 效益指标 row is split by the break: its 一级/二级 labels (merged cells that
  start on that row) are printed again beside the rest of its wrapped note on page 2.

Every value is consistent: 441.60/460.00 = 96 %, the funds score 10 × 96 % = 9.60,
weights 100 and scores 97.60.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from scripts.form_vocabulary import NATIONAL_INDICATOR_HEAD

from .canvas_grid import PAD, GridCell, draw_grid, draw_line, row_heights, wrap

FILE_NAME = "wild_r2_yunnan_2022_merged_label_pages.pdf"
#: the title, wrapped over two centred lines (issue 10, item 12)
TITLE = ("曲靖市麒麟区卫生健康局2022年度基层医疗机构能力提升项目", "支出绩效自评表")
TITLE_LEADING = 20.5
TABLE_TOP = 108.0
LEFT = 40.0
WIDTHS = [34.0, 46.0, 56.0, 84.0, 52.0, 52.0, 52.0, 34.0, 40.0, 65.0]
SIZE = 9.0
LEADING = 12.0
MIN_ROW = 22.0
PAGE_BOTTOM = 786.0

PROJECT = ("基层医疗机构能力提升项目", "曲靖市麒麟区卫生健康局", "曲靖市麒麟区基层卫生服务中心")
FUNDS_HEAD = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
#: (label, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分)
FUNDS = [
    ("年度资金总额", "420.00", "460.00", "441.60", "10", "96.00%", "9.60"),
    ("其中：当年财政拨款", "420.00", "420.00", "403.20", "—", "96.00%", "—"),
    ("上年结转资金", "0.00", "40.00", "38.40", "—", "96.00%", "—"),
    ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—"),
]
GOAL = (
    "完成60个村卫生室标准化建设，为12个乡镇卫生院配备基本医疗设备，培训基层医务人员800人次以上。",
    "完成62个村卫生室标准化建设，12个乡镇卫生院设备配备到位，培训基层医务人员846人次。",
)
BLOCK = "绩效\n指标"
INDICATOR_HEAD = NATIONAL_INDICATOR_HEAD
_DELAY = "2个村卫生室因选址调整延期，已于2023年2月完成"
_SHARE = (
    "全年基层医疗卫生机构诊疗人次占全区总诊疗人次的66.8%，较上年提高2.1个百分点，"
    "分级诊疗格局逐步形成，下一步继续推进县乡村一体化管理"
)
#: (一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 偏差原因)
INDICATORS = [
    ("产出指标", "数量指标", "完成标准化建设的村卫生室数量", "≥60个", "62个", "8", "8", ""),
    ("产出指标", "数量指标", "配备基本医疗设备的乡镇卫生院", "12个", "12个", "7", "7", ""),
    ("产出指标", "数量指标", "培训基层医务人员", "≥800人次", "846人次", "7", "7", ""),
    ("产出指标", "质量指标", "设备验收合格率", "100%", "100%", "7", "7", ""),
    ("产出指标", "质量指标", "培训考核合格率", "≥95%", "97.2%", "7", "7", ""),
    ("产出指标", "时效指标", "项目完成及时率", "100%", "92%", "7", "5", _DELAY),
    ("产出指标", "成本指标", "村卫生室建设补助标准", "≤5万元/个", "4.8万元/个", "7", "7", ""),
    ("效益指标", "社会效益指标", "基层诊疗量占比", "≥65%", "66.8%", "10", "10", _SHARE),
    ("效益指标", "社会效益指标", "群众就近就医覆盖率", "≥90%", "93.5%", "10", "10", ""),
    ("效益指标", "可持续影响指标", "基层医疗服务能力长效机制", "建立", "已建立", "10", "10", ""),
    ("满意度指标", "服务对象满意度指标", "患者满意度", "≥90%", "94.1%", "10", "10", ""),
]
#: the indicator row cut by the page break, and how many lines of its note fit on page 1
SPLIT = 7
LINES_BEFORE_BREAK = 3
TOTAL = ("总分", "100", "97.60")
SIGN_OFF = ("填报人：杨丽华", "联系电话：0874-3125678", "填报日期：2023年4月10日")


def _head_cells() -> list[GridCell]:
    """Project, funds and goal rows (0–8) and the indicator header (row 9)."""
    cells = [
        GridCell("项目名称", 0, 0, 1, 2),
        GridCell(PROJECT[0], 0, 2, 1, 8, "left"),
        GridCell("主管部门", 1, 0, 1, 2),
        GridCell(PROJECT[1], 1, 2, 1, 3, "left"),
        GridCell("实施单位", 1, 5, 1, 2),
        GridCell(PROJECT[2], 1, 7, 1, 3, "left"),
        GridCell("项目资金（万元）", 2, 0, 5, 2),
        GridCell("", 2, 2, 1, 2),
    ]
    cells += [GridCell(t, 2, 4 + k) for k, t in enumerate(FUNDS_HEAD)]
    for r, row in enumerate(FUNDS, start=3):
        cells.append(GridCell(row[0], r, 2, 1, 2, "left"))
        cells += [GridCell(t, r, 4 + k) for k, t in enumerate(row[1:])]
    cells += [
        GridCell("年度总体目标", 7, 0, 2, 2),
        GridCell("预期目标", 7, 2, 1, 4),
        GridCell("实际完成情况", 7, 6, 1, 4),
        GridCell(GOAL[0], 8, 2, 1, 4, "left"),
        GridCell(GOAL[1], 8, 6, 1, 4, "left"),
    ]
    cells += [GridCell(t, 9, 1 + k) for k, t in enumerate(INDICATOR_HEAD[:-1])]
    cells.append(GridCell(INDICATOR_HEAD[-1], 9, 8, 1, 2))
    return cells


def _indicator_cells(rows: range, first_row: int, note: dict[int, str]) -> list[GridCell]:
    """The indicator rows ``rows`` (indexes into INDICATORS) from grid row ``first_row``;
    a run of equal 一级/二级 labels is one merged cell, its text printed in this part."""
    cells: list[GridCell] = []
    for col in (0, 1):
        k = rows.start
        while k < rows.stop:
            end = k
            while (
                end + 1 < rows.stop and INDICATORS[end + 1][: col + 1] == INDICATORS[k][: col + 1]
            ):
                end += 1
            cells.append(
                GridCell(INDICATORS[k][col], first_row + k - rows.start, 1 + col, end - k + 1)
            )
            k = end + 1
    for k in rows:
        r = first_row + k - rows.start
        row = INDICATORS[k]
        split = k == SPLIT
        valign = "top" if split else "middle"
        cells.append(GridCell(row[2], r, 3, align="left", valign=valign))
        cells += [GridCell(t, r, c, valign=valign) for c, t in enumerate(row[3:7], start=4)]
        cells.append(GridCell(note.get(k, row[7]), r, 8, 1, 2, "left", valign))
    return cells


def _note_parts() -> tuple[str, str]:
    """The split row's note: the lines that fit on page 1, and the rest."""
    lines = wrap(_SHARE, WIDTHS[8] + WIDTHS[9] - 2 * PAD, SIZE)
    return "".join(lines[:LINES_BEFORE_BREAK]), "".join(lines[LINES_BEFORE_BREAK:])


def _page1(c: Canvas, head: str) -> None:
    for k, line in enumerate(TITLE):
        draw_line(c, line, 60 + k * TITLE_LEADING, 16, x=A4[0] / 2, align="center")
    cells = _head_cells()
    n_head = 10
    split_rows = range(0, SPLIT + 1)
    cells += _indicator_cells(split_rows, n_head, {SPLIT: head})
    n_rows = n_head + len(split_rows)
    heights = row_heights(WIDTHS, n_rows, cells, SIZE, LEADING, MIN_ROW)
    # the split row fills the page down to its bottom margin
    heights[-1] = PAGE_BOTTOM - TABLE_TOP - sum(heights[:-1])
    assert heights[-1] >= LINES_BEFORE_BREAK * LEADING + 2 * PAD, "the cut row must hold its lines"
    cells.append(GridCell(BLOCK, n_head - 1, 0, n_rows - n_head + 1))
    draw_grid(c, LEFT, TABLE_TOP, WIDTHS, heights, cells, SIZE, LEADING)


def _page2(c: Canvas, rest: str) -> None:
    rows = range(SPLIT, len(INDICATORS))
    cells = _indicator_cells(rows, 0, {SPLIT: rest})
    for cell in cells:  # the cut row's cells hold only what did not fit on page 1
        if cell.row == 0 and cell.col >= 3 and cell.col != 8:
            cells[cells.index(cell)] = GridCell("", 0, cell.col, 1, cell.cols)
    n = len(rows)
    cells.append(GridCell(BLOCK, 0, 0, n))
    cells += [
        GridCell(TOTAL[0], n, 0, 1, 6),
        GridCell(TOTAL[1], n, 6),
        GridCell(TOTAL[2], n, 7),
        GridCell("", n, 8, 1, 2),
        GridCell(SIGN_OFF[0], n + 1, 0, 1, 4, "left"),
        GridCell(SIGN_OFF[1], n + 1, 4, 1, 3, "left"),
        GridCell(SIGN_OFF[2], n + 1, 7, 1, 3, "left"),
    ]
    heights = row_heights(WIDTHS, n + 2, cells, SIZE, LEADING, MIN_ROW)
    draw_grid(c, LEFT, 56, WIDTHS, heights, cells, SIZE, LEADING)


def write(path: Path) -> None:
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(path.stem)
    c.setAuthor("jixiao samples")
    head, rest = _note_parts()
    _page1(c, head)
    c.showPage()
    _page2(c, rest)
    c.showPage()
    c.save()
