"""Samples whose text layer decodes to ``(cid:N)`` garbage.

reportlab draws the text with the CID font ``MSung-Light``; the file is then patched so
the descendant font claims an unknown character collection (``Xdobe-XXXX``) and has no
ToUnicode map: pdfminer can no longer map CIDs to Unicode and reports ``(cid:N)``.
The patch keeps every byte offset (same-length replacement), so the xref stays valid.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from .common import FONT

BROKEN = "MSung-Light"
pdfmetrics.registerFont(UnicodeCIDFont(BROKEN))

_PAGES: list[list[str]] = [
    [
        "长沙市2019年度部门整体支出绩效自评报告",
        "一、部门基本情况",
        "长沙市人民政府电子政务管理办公室是市政府工作部门，",
        "负责全市电子政务建设的统筹规划和组织实施。",
        "二、部门整体支出情况",
        "2019年部门整体支出共计3,126.40万元，其中基本支出",
        "812.55万元，项目支出2,313.85万元。",
    ],
    [
        "三、部门整体支出绩效情况",
        "部门预算执行率为96.32%，项目按计划完成，",
        "政务云平台运行稳定，全年未发生重大网络安全事件。",
        "四、存在的问题",
        "部分项目绩效目标设置不够细化，难以量化考核。",
    ],
    [
        "五、改进措施",
        "进一步完善绩效目标管理，加强预算执行监控。",
        "六、自评结论",
        "经自评，部门整体支出绩效自评得分为92分，等级为优。",
    ],
]


def _draw(path: Path, broken_pages: set[int]) -> None:
    canvas = Canvas(str(path), invariant=1)
    canvas.setTitle(path.stem)
    for number, lines in enumerate(_PAGES, start=1):
        font = BROKEN if number in broken_pages else FONT
        y = 760.0
        for i, line in enumerate(lines):
            canvas.setFont(font, 16 if i == 0 and number == 1 else 12)
            canvas.drawString(72, y, line)
            y -= 26
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(297, 30, f"- {number} -")
        canvas.showPage()
    canvas.save()
    data = path.read_bytes()
    patched = data.replace(
        b"/Ordering (CNS1) /Registry (Adobe)", b"/Ordering (XXXX) /Registry (Xdobe)"
    )
    path.write_bytes(patched)


def write_all_broken(path: Path) -> None:
    """Every page unreadable: the reader must refuse the file."""
    _draw(path, broken_pages={1, 2, 3})


def write_page2_broken(path: Path) -> None:
    """Only page 2 unreadable: the reader extracts pages 1 and 3 and notes page 2."""
    _draw(path, broken_pages={2})
