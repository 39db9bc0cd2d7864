"""``grade_score_mismatch``: the grade (评价等次) against the total score under the
configured bands.

A score on another scale (``max_score`` ≠ 100) is scaled to 100 first, since the bands
are defined on 100 points; with no ``max_score`` a score up to 100 is taken as out of
100 and a larger one is left alone (its scale is unknown).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.normalize.canonical import Check, Report
from jixiao.normalize.check_rules.common import make_check, number
from jixiao.normalize.check_rules.options import CheckOptions, GradeBand

HUNDRED = Decimal("100")


def band_for(score: Decimal, bands: tuple[GradeBand, ...]) -> GradeBand | None:
    """The band holding ``score``: the one with the highest ``min_score`` <= score."""
    holding = [band for band in bands if band.min_score <= score]
    return max(holding, key=lambda band: band.min_score, default=None)


def claimed_level(report: Report, bands: tuple[GradeBand, ...]) -> str | None:
    """The level the report claims: ``grade_level``, else its grade word's band."""
    if report.grade_level is not None:
        return report.grade_level
    if report.grade is None:
        return None
    word = "".join(report.grade.split()).strip("“”\"'「」")
    for band in bands:
        if word in band.labels:
            return band.level
    return None


def _scaled(report: Report) -> Decimal | None:
    score, max_score = report.total_score, report.max_score
    if score is None:
        return None
    if max_score is None:
        return score if score <= HUNDRED else None
    if max_score <= 0:
        return None
    return score * HUNDRED / max_score


def check_grade(report: Report, options: CheckOptions) -> Iterator[Check]:
    bands = options.grade_bands
    claimed = claimed_level(report, bands)
    score = _scaled(report)
    if claimed is None or score is None or claimed not in {band.level for band in bands}:
        return
    # A score within the tolerance of a band edge may belong to either band.
    tolerance = options.score_tolerance
    near = {band_for(score + delta, bands) for delta in (-tolerance, 0, tolerance)}
    if claimed in {band.level for band in near if band is not None}:
        return
    expected = band_for(score, bands)
    if expected is None:
        return
    written = report.grade or claimed
    scale = (
        "" if report.max_score in (None, HUNDRED) else f" (折合百分制 {number(round(score, 2))})"
    )
    label = expected.labels[0] if expected.labels else expected.level
    yield make_check(
        "grade_score_mismatch",
        "warning",
        f"评价等次「{written}」与总分 {number(report.total_score or score)}{scale} 不符:"
        f" 按等级标准应为「{label}」({expected.level}, ≥{number(expected.min_score)} 分)",
        "report.grade",
        "report.total_score",
    )
