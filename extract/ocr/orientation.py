"""Which way up a scanned page lies: upright, on its side, or upside down.

A page fed into the scanner sideways or upside down is an image turned by 90°, 180° or
270°; the PDF's /Rotate knows nothing of it. The text lines the detector found on the
page tell it at little cost:

* direction: lines of text are much longer than high. When most long boxes stand
  upright, the page lies on its side;
* up or down: a line classifier (PP-OCR's 0°/180° model) looks at a dozen of the
  longest lines, straightened to run across. On a page that reads the right way up
  that is all it costs. When the classifier says "upside down" (or the page lies on
  its side, where either way is possible), recognition settles it: the few lines
  are read both ways and the way that reads with more confidence wins, so one
  misjudged line cannot turn a good page over.

The result is a number of counter-clockwise quarter turns for :func:`numpy.rot90`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from .engine import DetectedLines, StagedEngine

log = logging.getLogger(__name__)

#: a box at least this many times longer than high is a line whose direction counts
LONG = 2.5
#: the page lies on its side when its upright long boxes outnumber the lying ones so
#: many times, and there are at least MIN_LINES of them
SIDEWAYS = 2.0
MIN_LINES = 3
#: how many of the longest lines are classified, and read both ways when in doubt
SAMPLE = 12
READ_SAMPLE = 6


def _sides(quads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Width (along the top edge) and height (along the left edge) of each box."""
    width = np.linalg.norm(quads[:, 1] - quads[:, 0], axis=1)
    height = np.linalg.norm(quads[:, 3] - quads[:, 0], axis=1)
    return width, height


def quarter_turns(engine: StagedEngine, lines: DetectedLines) -> int:
    """Counter-clockwise quarter turns (0–3) that make the page upright, judged from
    its detected text ``lines``; 0 when there is too little text."""
    quads = lines.quads
    if len(quads) == 0:
        return 0
    width, height = _sides(quads)
    lying = width >= LONG * height
    standing = height >= LONG * width
    sideways = standing.sum() >= max(MIN_LINES, SIDEWAYS * lying.sum())
    chosen = standing if sideways else lying
    if chosen.sum() < MIN_LINES:
        return 0
    lengths = np.maximum(width, height) * chosen
    longest = [int(i) for i in np.argsort(-lengths, kind="stable")[: min(SAMPLE, chosen.sum())]]
    # crops run across: a standing line is turned a quarter counter-clockwise, which
    # reads upright when the page was turned clockwise (its text runs downwards)
    crops = engine.crops(lines, longest)
    flipped = sum(p > 0.5 for p in engine.upside_down(crops))
    if not sideways and 2 * flipped <= len(crops):
        return 0  # the usual case: the classifier sees an upright page
    upright, rotated = _read_both_ways(engine, crops[:READ_SAMPLE])
    log.debug(
        "orientation: %s page, %d/%d lines classified upside down, read %.3f vs %.3f turned",
        "sideways" if sideways else "lying",
        flipped,
        len(crops),
        upright,
        rotated,
    )
    if sideways:
        return 1 if upright >= rotated else 3
    return 2 if rotated > upright else 0


def _read_both_ways(engine: StagedEngine, crops: Sequence[np.ndarray]) -> tuple[float, float]:
    """Mean recognition confidence of the crops as they are and turned half a turn."""
    turned = [np.ascontiguousarray(np.rot90(c, 2)) for c in crops]
    results = engine.read_crops([*crops, *turned])
    scores = [score for _, score in results]
    n = len(crops)
    return float(np.mean(scores[:n])), float(np.mean(scores[n:]))
