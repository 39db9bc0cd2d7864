"""Estimate and remove the small rotation of a scanned page.

Scans are rarely straight (0.5–2° is common). Text lines and table rulings are
horizontal on the original, so the right angle is the one at which the row profile
of the ink (how many dark pixels per row) is sharpest: peaks on lines, zeros between.
The profile is computed from the coordinates of ink pixels on a downscaled copy, so
trying a few dozen angles costs milliseconds, not a rotation of the image each time.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

#: search range (degrees) and final precision
MAX_ANGLE = 5.0
COARSE_STEP = 0.25
FINE_STEP = 0.02
#: smaller angles are left alone (the estimate's own noise)
MIN_ANGLE = 0.1
#: long side of the copy the angle is estimated on
WORK_SIDE = 1400
MAX_POINTS = 250_000


def binarize(gray: np.ndarray, contrast: int = 20) -> np.ndarray:
    """Ink mask (uint8, 255 = ink) robust to grey paper and uneven lighting.

    A pixel is ink when it is ``contrast`` grey levels darker than its neighbourhood;
    a lower value keeps faint thin lines (a 0.5 pt ruling scanned at 150 dpi).
    """
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.adaptiveThreshold(
        blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, contrast
    )


def _score(ys: np.ndarray, xs: np.ndarray, angle: float, height: int) -> float:
    """Sharpness of the row profile after rotating the points by ``angle`` degrees."""
    t = np.tan(np.radians(angle))
    rows = np.round(ys + xs * t).astype(np.int64)
    rows -= rows.min()
    hist = np.bincount(rows, minlength=height).astype(np.float64)
    return float(np.square(np.diff(hist)).sum())


def estimate_skew(gray: np.ndarray, max_angle: float = MAX_ANGLE) -> float:
    """The content's rotation in degrees, counter-clockwise positive (as :func:`deskew` takes).

    0.0 for a page without enough ink to tell.
    """
    h, w = gray.shape[:2]
    factor = min(1.0, WORK_SIDE / max(h, w))
    small = cv2.resize(gray, (int(w * factor), int(h * factor)), interpolation=cv2.INTER_AREA)
    ink = binarize(small)
    ys, xs = np.nonzero(ink)
    if len(ys) < 500:
        return 0.0
    if len(ys) > MAX_POINTS:
        pick = np.random.default_rng(0).choice(len(ys), MAX_POINTS, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float64)
    xs = xs.astype(np.float64) - small.shape[1] / 2
    height = small.shape[0] * 2 + small.shape[1]

    def best(candidates: np.ndarray) -> float:
        scores = [_score(ys, xs, a, height) for a in candidates]
        return float(candidates[int(np.argmax(scores))])

    coarse = best(np.arange(-max_angle, max_angle + 1e-9, COARSE_STEP))
    fine = best(np.arange(coarse - COARSE_STEP, coarse + COARSE_STEP + 1e-9, FINE_STEP))
    # y + x·tan(a) is flat for content that rises to the right by a (clockwise on screen
    # as y grows downwards), i.e. the content is rotated counter-clockwise by a.
    angle = round(fine, 2)
    log.debug("skew estimate %.2f°", angle)
    return angle


def deskew(image: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """Rotate ``image`` by ``-angle`` degrees about its centre (same size, corners ``fill``)."""
    if abs(angle) < MIN_ANGLE:
        return image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    border = fill if image.ndim == 2 else (fill, fill, fill)
    return cv2.warpAffine(
        image,
        matrix,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
