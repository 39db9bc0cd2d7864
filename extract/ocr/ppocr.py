"""PP-OCR's image pre- and post-processing: DB text detection, line crops, CTC decoding.

The arithmetic is PaddleOCR's, as RapidOCR implements it (``ch_ppocr_det/utils.py``,
``ch_ppocr_rec``, ``utils/process_img.py``), so the models see what they were trained
on. It is restated here rather than imported because importing those RapidOCR modules
loads its model catalogue (a large YAML file) through OmegaConf, which costs about a
CPU-second in every process that OCRs; pyclipper and shapely are RapidOCR's own
dependencies. Images are greyscale (H×W) or colour (H×W×3, BGR); a greyscale image is
fed to the three-channel models as three equal channels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import pyclipper
from shapely.geometry import Polygon

#: recognition input height (PP-OCR rec models) and the classifier's input shape
REC_HEIGHT = 48
CLS_HEIGHT, CLS_WIDTH = 48, 192
#: a crop at least this many times taller than wide is a vertical line: turned to read
TALL_CROP = 1.5
#: DB detection rows closer than this (pixels) are one line when boxes are ordered
SAME_ROW = 10


@dataclass(frozen=True)
class DbParams:
    """DB post-processing thresholds (RapidOCR's defaults)."""

    thresh: float = 0.3
    box_thresh: float = 0.5
    max_candidates: int = 1000
    unclip_ratio: float = 1.6
    min_size: int = 3


def _planes(image: np.ndarray) -> np.ndarray:
    return image[np.newaxis] if image.ndim == 2 else image.transpose(2, 0, 1)


def normalized(image: np.ndarray) -> np.ndarray:
    """uint8 H×W(×3) → float32 C×H×W in [-1, 1] (C = 1 for greyscale), rounded as the
    recogniser's pre-processing rounds."""
    out = _planes(image).astype(np.float32) / np.float32(255.0)
    out -= np.float32(0.5)
    out /= np.float32(0.5)
    return out


def det_normalized(image: np.ndarray) -> np.ndarray:
    """As :func:`normalized`, rounded as the detector's pre-processing rounds (its mean
    and standard deviation are float64 arrays)."""
    scaled = _planes(image).astype(np.float32) * np.float32(1.0 / 255.0)
    return ((scaled.astype(np.float64) - 0.5) / 0.5).astype(np.float32)


def three_channels(chw: np.ndarray) -> np.ndarray:
    """C×H×W with C = 3 (a greyscale plane repeated)."""
    return chw if chw.shape[0] == 3 else np.repeat(chw, 3, axis=0)


def det_input(image: np.ndarray, max_side: int) -> np.ndarray:
    """The detector's 1×3×H×W input: at most ``max_side`` long, sides multiples of 32."""
    h, w = image.shape[:2]
    ratio = min(1.0, max_side / max(h, w))
    rh = max(32, int(round(int(h * ratio) / 32) * 32))
    rw = max(32, int(round(int(w * ratio) / 32) * 32))
    resized = cv2.resize(image, (rw, rh))
    return three_channels(det_normalized(resized))[np.newaxis]


def db_boxes(pred: np.ndarray, height: int, width: int, params: DbParams) -> np.ndarray:
    """Text-line quadrilaterals (N×4×2 float32, clockwise from top-left) in an image of
    ``height``×``width`` from the detector's probability map (1×1×h×w), top to bottom."""
    prob = pred[0, 0]
    mask = cv2.dilate((prob > params.thresh).astype(np.uint8), np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask * 255, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    ph, pw = prob.shape
    boxes: list[np.ndarray] = []
    for contour in contours[: params.max_candidates]:
        points, side = _mini_box(contour)
        if side < params.min_size or _box_score(prob, points) < params.box_thresh:
            continue
        box, side = _mini_box(_unclip(points, params.unclip_ratio))
        if side < params.min_size + 2:
            continue
        box[:, 0] = np.clip(np.round(box[:, 0] / pw * width), 0, width)
        box[:, 1] = np.clip(np.round(box[:, 1] / ph * height), 0, height)
        quad = _clockwise(box.astype(np.int32).astype(np.float32))
        quad[:, 0] = np.clip(quad[:, 0], 0, width - 1).astype(np.int32)
        quad[:, 1] = np.clip(quad[:, 1], 0, height - 1).astype(np.int32)
        if (
            int(np.linalg.norm(quad[0] - quad[1])) > 3
            and int(np.linalg.norm(quad[0] - quad[3])) > 3
        ):
            boxes.append(quad)
    if not boxes:
        return np.zeros((0, 4, 2), np.float32)
    return reading_order(np.array(boxes, dtype=np.float32))


def _mini_box(contour: np.ndarray) -> tuple[np.ndarray, float]:
    """The minimum-area rectangle's corners (top-left, top-right, bottom-right,
    bottom-left as PaddleOCR orders them) and its shorter side."""
    rect = cv2.minAreaRect(contour)
    p = sorted(cv2.boxPoints(rect), key=lambda pt: pt[0])
    a, d = (p[0], p[1]) if p[1][1] > p[0][1] else (p[1], p[0])
    b, c = (p[2], p[3]) if p[3][1] > p[2][1] else (p[3], p[2])
    return np.array([a, b, c, d]), min(rect[1])


def _box_score(prob: np.ndarray, box: np.ndarray) -> float:
    """Mean probability inside the box (PaddleOCR's "fast" score)."""
    h, w = prob.shape
    x0 = int(np.clip(np.floor(box[:, 0].min()), 0, w - 1))
    x1 = int(np.clip(np.ceil(box[:, 0].max()), 0, w - 1))
    y0 = int(np.clip(np.floor(box[:, 1].min()), 0, h - 1))
    y1 = int(np.clip(np.ceil(box[:, 1].max()), 0, h - 1))
    mask = np.zeros((y1 - y0 + 1, x1 - x0 + 1), dtype=np.uint8)
    shifted = box - np.array([x0, y0], dtype=box.dtype)
    cv2.fillPoly(mask, shifted.reshape(1, -1, 2).astype(np.int32), 1)
    return float(cv2.mean(prob[y0 : y1 + 1, x0 : x1 + 1], mask)[0])


def _unclip(box: np.ndarray, ratio: float) -> np.ndarray:
    """The box grown by area·ratio/perimeter on every side (DB's shrunk text kernels)."""
    poly = Polygon(box)
    distance = poly.area * ratio / poly.length
    offset = pyclipper.PyclipperOffset()
    offset.AddPath(box, pyclipper.JT_ROUND, pyclipper.ET_CLOSEDPOLYGON)
    return np.array(offset.Execute(distance)).reshape((-1, 1, 2))


def _clockwise(pts: np.ndarray) -> np.ndarray:
    """Corners ordered top-left, top-right, bottom-right, bottom-left."""
    xs = pts[np.argsort(pts[:, 0]), :]
    left = xs[:2][np.argsort(xs[:2, 1])]
    right = xs[2:][np.argsort(xs[2:, 1])]
    return np.array([left[0], right[0], right[1], left[1]], dtype=np.float32)


def reading_order(quads: np.ndarray) -> np.ndarray:
    """Top to bottom, left to right within a row (tops within :data:`SAME_ROW` pixels)."""
    tops = quads[:, 0, 1]
    by_top = np.argsort(tops, kind="stable")
    rows = np.concatenate([[0], np.cumsum(np.diff(tops[by_top]) >= SAME_ROW)])
    order = np.lexsort((quads[by_top, 0, 0], rows))
    return quads[by_top][order]


def crop_line(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The quadrilateral cut out and straightened; a tall (vertical) crop turned to read."""
    width = int(max(np.linalg.norm(quad[0] - quad[1]), np.linalg.norm(quad[2] - quad[3])))
    height = int(max(np.linalg.norm(quad[0] - quad[3]), np.linalg.norm(quad[1] - quad[2])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    crop = cv2.warpPerspective(
        image,
        matrix,
        (width, height),
        borderMode=cv2.BORDER_REPLICATE,
        flags=cv2.INTER_CUBIC,
    )
    if crop.shape[0] >= TALL_CROP * crop.shape[1]:
        crop = np.rot90(crop)
    return crop


def rec_input(crops: list[np.ndarray], width: int) -> np.ndarray:
    """A recognition batch: each crop scaled to :data:`REC_HEIGHT` rows (at most
    ``width`` columns) and padded with zeros to ``width``: B×3×48×width."""
    batch = np.zeros((len(crops), 3, REC_HEIGHT, width), dtype=np.float32)
    for i, crop in enumerate(crops):
        w = min(width, math.ceil(REC_HEIGHT * crop.shape[1] / crop.shape[0]))
        resized = cv2.resize(crop, (w, REC_HEIGHT))
        batch[i, :, :, :w] = normalized(resized)
    return batch


def cls_input(crops: list[np.ndarray]) -> np.ndarray:
    """A classifier batch: crops scaled to 48 rows, at most 192 columns, zero-padded."""
    batch = np.zeros((len(crops), 3, CLS_HEIGHT, CLS_WIDTH), dtype=np.float32)
    for i, crop in enumerate(crops):
        w = min(CLS_WIDTH, math.ceil(CLS_HEIGHT * crop.shape[1] / crop.shape[0]))
        resized = cv2.resize(crop, (w, CLS_HEIGHT), interpolation=cv2.INTER_LINEAR)
        batch[i, :, :, :w] = normalized(resized)
    return batch


def ctc_decode(preds: np.ndarray, charset: list[str]) -> list[tuple[str, float]]:
    """Greedy CTC decoding of B×T×C class probabilities: text and mean confidence.

    ``charset`` has the blank at index 0 (dropped, like repeats).
    """
    out: list[tuple[str, float]] = []
    for idx, prob in zip(preds.argmax(axis=2), preds.max(axis=2), strict=True):
        keep = np.ones(len(idx), dtype=bool)
        keep[1:] = idx[1:] != idx[:-1]
        keep &= idx != 0
        confs = [round(float(c), 5) for c in prob[keep]] or [0.0]
        text = "".join(charset[i] for i in idx[keep])
        out.append((text, float(np.mean(confs).round(5))))
    return out
