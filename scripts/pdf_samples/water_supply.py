"""Sample: a county 农村饮水安全 indicator table that runs over three pages.

Landscape A4, another producer style: drawn directly on the canvas (shaded header, grey
rules, 第 N 页 共 3 页 footer).
Group labels (一级/二级) are written on a group's first row only, in unmerged cells
(this producer does not merge). The header row repeats on every page; a row that does not fit is split across the page
break (its remaining lines continue under the repeated header). Scores and weights are consistent: weights sum to 100, scores to
:data:`TOTAL_SCORE`.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .common import FONT

HEAD = [
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
]

_OK = "已按计划完成，经现场核查确认。"
_LAG = (
    "受汛期持续降雨影响，部分山区管网施工延期约一个月，已督促施工单位增加作业班组，"
    "并将剩余工程量纳入下一年度计划，确保按期完工。"
)
_FUND = (
    "部分工程尚未完成竣工结算，质保金按合同约定暂未支付；下一步将加快结算审核，"
    "督促施工单位及时报送结算资料，按程序拨付资金。"
)

# (level1, level2, name, target, actual, weight, score, reason)
INDICATORS: list[tuple[str, str, str, str, str, int, float, str]] = [
    ("产出指标", "数量指标", "新建集中供水工程", "12处", "12处", 4, 4, _OK),
    ("产出指标", "数量指标", "改造提升供水工程", "35处", "33处", 4, 3.5, _LAG),
    ("产出指标", "数量指标", "新建及改造供水管网长度", "≥180公里", "176.5公里", 4, 3.5, _LAG),
    ("产出指标", "数量指标", "新增净化消毒设备", "47套", "47套", 3, 3, _OK),
    ("产出指标", "数量指标", "巩固提升受益人口", "≥5.6万人", "5.72万人", 4, 4, _OK),
    ("产出指标", "数量指标", "其中：脱贫人口受益人数", "≥1.2万人", "1.26万人", 3, 3, _OK),
    ("产出指标", "数量指标", "水源保护区划定", "20处", "20处", 3, 3, _OK),
    ("产出指标", "质量指标", "工程验收合格率", "100%", "100%", 4, 4, _OK),
    ("产出指标", "质量指标", "农村集中供水水质达标率", "≥90%", "92.4%", 4, 4, _OK),
    ("产出指标", "质量指标", "水质检测覆盖率", "100%", "100%", 3, 3, _OK),
    ("产出指标", "质量指标", "管网漏损率", "≤15%", "13.8%", 3, 3, _OK),
    ("产出指标", "时效指标", "工程开工及时率", "100%", "100%", 3, 3, _OK),
    ("产出指标", "时效指标", "工程完工及时率", "≥95%", "91.7%", 4, 3, _LAG),
    ("产出指标", "时效指标", "维修养护响应时间", "≤24小时", "12小时", 3, 3, _OK),
    ("产出指标", "成本指标", "项目总投资控制", "≤4,860万元", "4,812.36万元", 4, 4, _OK),
    ("产出指标", "成本指标", "资金执行率", "100%", "96.8%", 3, 2.5, _FUND),
    ("效益指标", "经济效益指标", "减少群众取水误工成本", "≥300万元", "326万元", 4, 4, _OK),
    ("效益指标", "经济效益指标", "水费收缴率", "≥85%", "83.1%", 3, 2.5, _LAG),
    ("效益指标", "社会效益指标", "农村自来水普及率", "≥88%", "89.5%", 4, 4, _OK),
    ("效益指标", "社会效益指标", "规模化供水工程覆盖农村人口比例", "≥55%", "56.2%", 4, 4, _OK),
    ("效益指标", "社会效益指标", "农村供水保证率", "≥95%", "95%", 3, 3, _OK),
    ("效益指标", "生态效益指标", "水源地水质达标率", "100%", "100%", 3, 3, _OK),
    ("效益指标", "可持续影响指标", "工程长效管护机制建立", "建立", "已建立", 3, 3, _OK),
    (
        "效益指标",
        "可持续影响指标",
        "县级农村供水应急预案",
        "编制并演练",
        "已编制，未演练",
        3,
        2,
        _LAG,
    ),
    ("效益指标", "可持续影响指标", "工程设计使用年限", "≥20年", "20年", 3, 3, _OK),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "93.6%", 5, 5, _OK),
    ("满意度指标", "服务对象满意度指标", "乡镇水管站满意度", "≥90%", "91.2%", 5, 5, _OK),
]
TOTAL_SCORE = sum(i[6] for i in INDICATORS)


def _fmt(value: float) -> str:
    return f"{value:g}"


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy character wrap (CJK text has no spaces to break at)."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and stringWidth(line + ch, FONT, size) > width:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


WIDTHS = [62, 78, 150, 72, 78, 40, 40, 226]
SIZE, LEADING, PAD = 10.5, 15.0, 5.0
TOP, BOTTOM = 70.0, 60.0  # page margins (points)


def _rows() -> list[list[str]]:
    rows: list[list[str]] = []
    for i, (l1, l2, name, target, actual, weight, score, reason) in enumerate(INDICATORS):
        prev = INDICATORS[i - 1] if i else None
        new1 = prev is None or prev[0] != l1
        new2 = new1 or prev is None or prev[1] != l2
        row = [l1 if new1 else "", l2 if new2 else "", name, target, actual, str(weight)]
        rows.append(row + [_fmt(score), reason])
    rows.append(["总分", "", "", "", "", "100", _fmt(TOTAL_SCORE), ""])
    return rows


class _Painter:
    """Draws the table row by row, repeating the header and splitting a row at a break."""

    def __init__(self, canvas: Canvas, pages: int) -> None:
        self.c = canvas
        self.pages = pages
        self.width, self.height = landscape(A4)
        self.x0 = (self.width - sum(WIDTHS)) / 2
        self.page = 1
        self.y = self.height - TOP

    def text(self, x: float, y: float, s: str, size: float = SIZE) -> None:
        self.c.setFont(FONT, size)
        self.c.drawString(x, y, s)

    def fragment(self, cells: list[list[str]], n_lines: int, shade: bool = False) -> None:
        height = n_lines * LEADING + 2 * PAD
        top, bottom = self.y, self.y - height
        if shade:
            self.c.setFillGray(0.9)
            self.c.rect(self.x0, bottom, sum(WIDTHS), height, stroke=0, fill=1)
            self.c.setFillGray(0)
        x = self.x0
        for width, lines in zip(WIDTHS, cells, strict=False):
            for k, line in enumerate(lines[:n_lines]):
                self.text(x + PAD, top - PAD - (k + 1) * LEADING + 4, line)
            x += width
        self.c.setStrokeGray(0.35)
        self.c.setLineWidth(0.7)
        self.c.line(self.x0, top, self.x0 + sum(WIDTHS), top)
        self.c.line(self.x0, bottom, self.x0 + sum(WIDTHS), bottom)
        x = self.x0
        for width in [0.0, *WIDTHS]:
            x += width
            self.c.line(x, top, x, bottom)
        self.y = bottom

    def header(self) -> None:
        self.fragment([[h] for h in HEAD[:7]] + [wrap(HEAD[7], WIDTHS[7] - 2 * PAD, SIZE)], 1, True)

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = self.height - TOP
        self.header()

    def footer(self) -> None:
        self.c.setFont(FONT, 10)
        self.c.drawCentredString(self.width / 2, 30, f"第 {self.page} 页 共 {self.pages} 页")

    def row(self, texts: list[str]) -> None:
        cells = [wrap(t, w - 2 * PAD, SIZE) for t, w in zip(texts, WIDTHS, strict=False)]
        need = max(len(c) for c in cells)
        room = int((self.y - BOTTOM - 2 * PAD) // LEADING)
        if need > room and room >= 1 and need > 1:
            self.fragment(cells, room)  # the row splits: the rest goes on the next page
            self.new_page()
            cells = [c[room:] for c in cells]
            need -= room
        elif need > room:
            self.new_page()
        self.fragment(cells, need)


def write(path: Path) -> None:
    canvas = Canvas(str(path), pagesize=landscape(A4), invariant=1)
    canvas.setTitle(path.stem)
    canvas.setAuthor("jixiao samples")
    painter = _Painter(canvas, pages=3)
    canvas.setFont(FONT, 18)
    canvas.drawCentredString(painter.width / 2, painter.height - 50, TITLE_TEXT)
    painter.text(painter.x0, painter.height - 74, SUBTITLE)
    painter.y = painter.height - 80
    painter.header()
    for texts in _rows():
        painter.row(texts)
    painter.y -= 24
    painter.text(painter.x0, painter.y, SIGNED)
    painter.footer()
    if painter.page != painter.pages:
        raise RuntimeError(f"drew {painter.page} pages, the footer says {painter.pages}")
    canvas.showPage()
    canvas.save()


TITLE_TEXT = "平江县2021年农村饮水安全巩固提升工程项目支出绩效自评表"
SUBTITLE = "项目单位：平江县水利局　　主管部门：平江县水利局　　金额单位：万元"
SIGNED = "填报人：李建国　　联系电话：0730-6222318　　填报日期：2022年3月18日"
