"""Skew estimation on synthetic text pages, and the red-seal-free greyscale."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ocr_required import require_ocr
from PIL import Image, ImageDraw, ImageFont

require_ocr()

from jixiao.extract.ocr.deskew import deskew, estimate_skew  # noqa: E402
from jixiao.extract.ocr.render import ink  # noqa: E402

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def text_page() -> Image.Image:
    """A page of Chinese text lines (no rulings: the estimate must work on text alone)."""
    img = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 30, index=0) if FONT.exists() else ImageFont.load_default()
    line = "项目资金年初预算数全年执行数分值执行率得分评价等次优良中差"
    for k in range(28):
        draw.text((120, 120 + 48 * k), line[k % 7 :] + "2021年度", fill=0, font=font)
    return img


@pytest.mark.parametrize("angle", [1.0, -1.0, 0.5, -1.5, 2.5])
def test_estimate_matches_the_rotation(angle: float) -> None:
    page = text_page().rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    assert estimate_skew(np.asarray(page)) == pytest.approx(angle, abs=0.1)


def test_straight_page_and_deskewed_page_read_near_zero() -> None:
    page = np.asarray(text_page())
    assert abs(estimate_skew(page)) <= 0.1
    rotated = np.asarray(text_page().rotate(1.2, resample=Image.BICUBIC, fillcolor=255))
    straightened = deskew(rotated, estimate_skew(rotated))
    assert straightened.shape == rotated.shape
    assert abs(estimate_skew(straightened)) <= 0.1


def test_blank_page_has_no_skew() -> None:
    assert estimate_skew(np.full((800, 600), 255, np.uint8)) == 0.0


def test_ink_drops_red_seal_and_grey_paper_keeps_black_text() -> None:
    paper = np.full((100, 300, 3), (230, 226, 218), np.uint8)
    paper[40:60, 20:80] = (20, 20, 20)  # black text
    paper[40:60, 120:180] = (200, 40, 45)  # red seal ink
    paper[40:60, 220:280] = (25, 5, 6)  # black text under the seal (multiplied)
    gray = ink(paper)
    assert gray[10, 10] == 255  # paper is white
    assert gray[50, 50] < 60
    assert gray[50, 150] == 255
    assert gray[50, 250] < 80
    with_seal = ink(paper, seals=True)
    assert with_seal[50, 150] < 80  # rulings are read on the image that keeps the seal
