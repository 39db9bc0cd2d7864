"""The knobs of the audit checks: tolerances, thresholds and grade bands.

Kept apart from :mod:`jixiao.normalize.checks` so that every rule module can import
them without importing the orchestrator. See that module's docstring for why each
default is what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class GradeBand:
    """One grade band: every score (on a 100-point scale) >= ``min_score`` and below
    the next higher band's ``min_score`` earns ``level``.

    ``labels`` are the grade words reports write for this level (优, 优秀 …).
    """

    level: str
    min_score: Decimal
    labels: tuple[str, ...] = ()


# The national standard (财预〔2020〕10号); normalize/grade_bands.yaml holds the same
# bands, and a test keeps the two equal.
DEFAULT_BANDS: tuple[GradeBand, ...] = (
    GradeBand("excellent", Decimal("90"), ("优", "优秀")),
    GradeBand("good", Decimal("80"), ("良", "良好")),
    GradeBand("fair", Decimal("60"), ("中", "合格", "一般", "中等")),
    GradeBand("poor", Decimal("0"), ("差", "不合格", "较差")),
)


@dataclass(frozen=True)
class CheckOptions:
    """Tolerances and thresholds of :func:`jixiao.normalize.checks.run_checks`.

    ``amount_tolerance`` (yuan) is the floor of every money comparison; on top of it
    each comparison allows the rounding of its terms (``max_rounding_quantum``, see
    the module docstring of :mod:`jixiao.normalize.checks`). ``rate_tolerance`` is
    slack added to a rate comparison beyond the printed precision of the stated rate
    and the rounding of the amounts it is computed from (it also absorbs rates that
    were truncated instead of rounded). ``score_tolerance`` is the floor of score
    comparisons. ``current_year`` (default: this year) bounds plausible dates.
    """

    amount_tolerance: Decimal = Decimal("1")
    max_rounding_quantum: Decimal = Decimal("100")
    rate_tolerance: Decimal = Decimal("0.0001")
    score_tolerance: Decimal = Decimal("0.01")
    low_execution_threshold: Decimal = Decimal("0.9")
    grade_bands: tuple[GradeBand, ...] = DEFAULT_BANDS
    earliest_year: int = 1990
    current_year: int | None = None
