"""Table grids recovered from ruling lines on synthetic page images."""

from __future__ import annotations

import numpy as np
import pytest
from ocr_required import require_ocr
from PIL import Image, ImageDraw

require_ocr()

from jixiao.extract.ocr.deskew import deskew, estimate_skew  # noqa: E402
from jixiao.extract.ocr.grid import GridTable, find_tables  # noqa: E402

SCALE = 200 / 72  # pixels per point at 200 dpi
XS = (100, 300, 500, 700, 900)  # 4 columns
YS = (150, 230, 310, 390, 470)  # 4 rows


def draw_table(
    merged: list[tuple[int, int, int, int]], *, size: tuple[int, int] = (1000, 700)
) -> Image.Image:
    """A ruled 4 × 4 table; ``merged`` cells (row, col, row_span, col_span) lose inner rulings."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)

    def covered(r: int, c: int) -> tuple[int, int, int, int] | None:
        for cell in merged:
            r0, c0, rs, cs = cell
            if r0 <= r < r0 + rs and c0 <= c < c0 + cs:
                return cell
        return None

    for r in range(4):
        for c in range(4):
            here = covered(r, c)
            # right border of unit (r, c)
            if c == 3 or here is None or here is not covered(r, c + 1):
                draw.line([(XS[c + 1], YS[r]), (XS[c + 1], YS[r + 1])], fill=0, width=2)
            # bottom border
            if r == 3 or here is None or here is not covered(r + 1, c):
                draw.line([(XS[c], YS[r + 1]), (XS[c + 1], YS[r + 1])], fill=0, width=2)
    draw.line([(XS[0], YS[0]), (XS[-1], YS[0])], fill=0, width=2)
    draw.line([(XS[0], YS[0]), (XS[0], YS[-1])], fill=0, width=2)
    # some "text": short strokes inside the cells, never touching the rulings
    for r in range(4):
        for c in range(4):
            x, y = XS[c] + 30, YS[r] + 25
            for k in range(4):
                draw.rectangle([x + 22 * k, y, x + 22 * k + 14, y + 28], outline=0, width=3)
    return img


def spans(table: GridTable) -> set[tuple[int, int, int, int]]:
    return {(c.row, c.col, c.row_span, c.col_span) for c in table.cells}


def test_plain_grid() -> None:
    tables = find_tables(np.asarray(draw_table([])), SCALE)
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert spans(table) == {(r, c, 1, 1) for r in range(4) for c in range(4)}
    assert table.xs == pytest.approx([x + 0.5 for x in XS], abs=2)
    assert table.ys == pytest.approx([y + 0.5 for y in YS], abs=2)


def test_merged_cells_get_spans() -> None:
    merged = [(0, 1, 1, 3), (1, 0, 3, 1), (2, 2, 2, 2)]
    table = find_tables(np.asarray(draw_table(merged)), SCALE)[0]
    assert (table.n_rows, table.n_cols) == (4, 4)
    got = spans(table)
    for cell in merged:
        assert cell in got
    assert len(table.cells) == 16 - 2 - 2 - 3
    assert (0, 0, 1, 1) in got and (3, 1, 1, 1) in got


def test_rotated_scan_is_deskewed_then_gridded() -> None:
    merged = [(0, 1, 1, 3), (1, 0, 3, 1)]
    page = draw_table(merged).rotate(1.0, resample=Image.BICUBIC, fillcolor=255)
    gray = np.asarray(page)
    angle = estimate_skew(gray)
    assert angle == pytest.approx(1.0, abs=0.1)
    table = find_tables(deskew(gray, angle), SCALE)[0]
    assert (table.n_rows, table.n_cols) == (4, 4)
    got = spans(table)
    assert (0, 1, 1, 3) in got and (1, 0, 3, 1) in got
    assert len(table.cells) == 16 - 2 - 2


def test_text_across_a_column_boundary_means_no_ruling_there() -> None:
    """A stroke lying on a boundary looks like a ruling; the OCR'd line across it wins."""
    img = draw_table([(0, 1, 1, 2)])
    draw = ImageDraw.Draw(img)
    # a tall stroke exactly where the missing ruling would be, inside the merged cell
    draw.line([(XS[2], YS[0] + 4), (XS[2], YS[1] - 4)], fill=0, width=3)
    gray = np.asarray(img)
    without = spans(find_tables(gray, SCALE)[0])
    assert (0, 1, 1, 2) not in without  # the stroke alone passes for a border
    text_line = (XS[1] + 20.0, YS[0] + 20.0, XS[3] - 20.0, YS[0] + 55.0)
    with_text = spans(find_tables(gray, SCALE, texts=[text_line])[0])
    assert (0, 1, 1, 2) in with_text


def test_lines_without_a_grid_are_no_table() -> None:
    img = Image.new("L", (1000, 700), 255)
    draw = ImageDraw.Draw(img)
    draw.line([(100, 200), (900, 200)], fill=0, width=2)  # a rule under a heading
    draw.line([(100, 400), (900, 400)], fill=0, width=2)
    assert find_tables(np.asarray(img), SCALE) == []


def test_two_tables_on_one_page() -> None:
    top = draw_table([], size=(1000, 700))
    page = Image.new("L", (1000, 1400), 255)
    page.paste(top, (0, 0))
    page.paste(top, (0, 650))
    tables = find_tables(np.asarray(page), SCALE)
    assert len(tables) == 2
    assert tables[0].ys[0] < tables[1].ys[0]
    assert all((t.n_rows, t.n_cols) == (4, 4) for t in tables)
