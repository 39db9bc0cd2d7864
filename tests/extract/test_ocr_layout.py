"""OCR boxes → lines, paragraphs, headings and table cells (synthetic boxes, no engine)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from ocr_required import require_ocr

require_ocr()

from jixiao.extract.model import Heading, Paragraph, Table  # noqa: E402
from jixiao.extract.ocr.engine import OcrBox  # noqa: E402
from jixiao.extract.ocr.grid import GridCell, GridTable  # noqa: E402
from jixiao.extract.ocr.layout import (  # noqa: E402
    HEIGHT_PER_EM,
    PAD_EMS,
    OcrPage,
    box_text,
    font_size,
    layout_spaces,
    page_sizes,
    split_at_rulings,
)
from jixiao.extract.ocr.reader import assemble  # noqa: E402

SCALE = 2.0  # pixels per point
BODY = 12.0  # body font size, points
LEFT = 60.0  # text frame, points
RIGHT = 540.0


def box(text: str, x0: float, top: float, size: float = BODY, conf: float = 0.99) -> OcrBox:
    """A box as the detector gives it: one em per CJK character, padded (pixels)."""
    width = (sum(1.0 if ord(ch) > 0x2E80 else 0.5 for ch in text) + 2 * PAD_EMS) * size
    height = size * HEIGHT_PER_EM
    x0 -= PAD_EMS * size  # ``x0`` is where the text starts
    return OcrBox(
        text, (x0 * SCALE, top * SCALE, (x0 + width) * SCALE, (top + height) * SCALE), conf
    )


def full_line(start: str, top: float, x0: float = LEFT) -> OcrBox:
    """A body line that runs to the right edge of the text frame."""
    n = int((RIGHT - x0) / BODY)
    return box((start * n)[:n], x0, top)


def page(boxes: list[OcrBox], tables: tuple[GridTable, ...] = ()) -> OcrPage:
    return OcrPage(1, 595.0, 842.0, SCALE, tuple(boxes), tables)


def test_font_size_is_estimated_from_the_character_pitch() -> None:
    b = box("项目支出绩效自评表", 100, 100, size=18)
    assert font_size(b, SCALE) == pytest.approx(18, abs=0.2)
    assert font_size(box("优", 100, 100), SCALE) == pytest.approx(BODY, abs=0.2)


def test_page_sizes_give_one_font_one_size() -> None:
    """Scattered estimates of one font become one size; a short box snaps to it."""
    boxes = [
        box("项目支出绩效自评报告", 100, 40, size=20),
        box("第一行正文文字内容较长", 60, 100, size=11.7),
        box("第二行正文文字内容较长", 60, 120, size=12.3),
        box("第三行正文", 60, 140, size=12.0),
        replace(box("中。", 60, 160), bbox=(120.0, 320.0, 160.0, 370.0)),  # a tall short box
    ]
    sizes = page_sizes(boxes, SCALE)
    assert sizes[0] == pytest.approx(20, abs=0.3)
    assert sizes[1] == sizes[2] == sizes[3] == pytest.approx(12, abs=0.4)
    assert sizes[4] == sizes[1]


def test_title_heading_and_wrapped_paragraph() -> None:
    boxes = [
        box("项目支出绩效自评报告", 297.5 - 5 * 20, 60, size=20),
        box("一、项目基本情况", LEFT, 120),
        full_line("甲", 145, x0=LEFT + 2 * BODY),
        full_line("乙", 165),
        box("丙丙丙。", LEFT, 185),
        full_line("丁", 215, x0=LEFT + 2 * BODY),
        box("戊戊。", LEFT, 235),
    ]
    blocks, notes = assemble([page(boxes)])
    assert notes == ()
    assert isinstance(blocks[0], Heading) and blocks[0].text == "项目支出绩效自评报告"
    assert isinstance(blocks[1], Heading)
    assert blocks[1].text == "一、项目基本情况" and blocks[1].numbering == "一、"
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) == 2
    first = paragraphs[0].text
    assert first.startswith("甲") and first.endswith("丙丙丙。") and "乙" in first
    assert "\n" not in first and " " not in first
    assert paragraphs[1].text.endswith("戊戊。")
    for block in blocks:
        assert block.provenance.via == "ocr"
        assert block.provenance.page == 1
    x0, top, x1, bottom = paragraphs[0].provenance.bbox  # type: ignore[misc]
    assert x0 == pytest.approx(LEFT, abs=0.5)  # points, not pixels
    assert x1 == pytest.approx(RIGHT, abs=BODY)
    assert 140 < top < bottom < 205


def grid(xs: list[float], ys: list[float], cells: list[tuple[int, int, int, int]]) -> GridTable:
    """A grid in pixels from boundaries in points."""
    px = [x * SCALE for x in xs]
    py = [y * SCALE for y in ys]
    return GridTable(
        tuple(px),
        tuple(py),
        tuple(
            GridCell(r, c, rs, cs, (px[c], py[r], px[c + cs], py[r + rs])) for r, c, rs, cs in cells
        ),
    )


def test_table_cells_take_their_boxes_and_spans() -> None:
    xs, ys = [60, 160, 300, 540], [100, 130, 160, 190]
    table = grid(
        xs,
        ys,
        [(0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 2, 1), (1, 1, 1, 1), (1, 2, 1, 1)]
        + [(2, 1, 1, 1), (2, 2, 1, 1)],
    )
    boxes = [
        box("项目名称", 65, 106),
        box("农村饮水安全巩固提升工程", 170, 106),
        box("项目资金", 65, 132),
        box("（万元）", 65, 148),
        box("年初预算数", 165, 136),
        box("1,200.50", 310, 136, conf=0.62),
        box("全年执行数", 165, 166),
        box("1,180.00", 310, 166),
    ]
    blocks, notes = assemble([page(boxes, (table,))])
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    t = tables[0]
    assert (t.n_rows, t.n_cols) == (3, 3)
    assert t.row_texts(0) == ("项目名称", "农村饮水安全巩固提升工程", "农村饮水安全巩固提升工程")
    merged = t.cell_at(2, 0)
    assert merged is not None and (merged.row, merged.row_span) == (1, 2)
    assert merged.text.replace("\n", "") == "项目资金（万元）"
    assert t.row_texts(1)[1:] == ("年初预算数", "1,200.50")
    assert t.row_texts(2)[1:] == ("全年执行数", "1,180.00")
    cell = t.cell_at(1, 2)
    assert cell is not None and cell.provenance.via == "ocr" and cell.provenance.page == 1
    assert cell.provenance.bbox == pytest.approx((300, 130, 540, 160), abs=0.5)
    assert [n.code for n in notes] == ["ocr_low_confidence"]
    assert notes[0].page == 1
    assert notes[0].message == "page 1: '1,200.50' read with confidence 0.62"


def test_box_across_a_drawn_column_boundary_is_split() -> None:
    table = grid([60, 160, 300], [100, 130], [(0, 0, 1, 1), (0, 1, 1, 1)])
    # 10 characters over 120 pt, 12 pt each: the ruling at 160 pt falls after the 7th
    joined = OcrBox(
        "主管部门平江县水利局", (76 * SCALE, 104 * SCALE, 196 * SCALE, 124 * SCALE), 0.9
    )
    parts = split_at_rulings(joined, (table,), SCALE)
    assert [p.text for p in parts] == ["主管部门平江县", "水利局"]
    assert parts[0].bbox[2] == parts[1].bbox[0] == 160 * SCALE
    inside = OcrBox("平江县", (170 * SCALE, 104 * SCALE, 206 * SCALE, 124 * SCALE), 0.9)
    assert split_at_rulings(inside, (table,), SCALE) == [inside]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("342 人次", "342人次"),
        ("平江县 水利局", "平江县水利局"),
        ("PP OCR 3", "PP OCR 3"),
        (" 2021 年度 ", "2021年度"),
        ("zs_jaqq@sg.gov.cn", "zs_jaqq@sg.gov.cn"),
    ],
)
def test_layout_spaces(raw: str, clean: str) -> None:
    assert layout_spaces(raw) == clean


def test_a_speck_before_a_number_is_not_a_decimal_point() -> None:
    assert box_text(".85%") == "85%"
    assert box_text("0.85%") == "0.85%"
    assert box_text("96.35%") == "96.35%"
    assert box_text("..") == ".."
