"""Shared arithmetic of the checks: rounding-aware tolerances and message formatting.

Every comparison is ``Decimal``. A tolerance is never a guess at "close enough": it
is the largest difference the *printing* of the numbers can explain (see
:mod:`jixiao.normalize.checks` for the reasoning), floored by the configured option.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from jixiao.normalize.canonical import Check
from jixiao.normalize.check_rules.options import CheckOptions

ZERO = Decimal("0")
HALF = Decimal("0.5")
# Units a printed amount is commonly rounded to, in yuan, coarsest first.
_QUANTA = tuple(Decimal(q) for q in ("10000", "1000", "100", "10", "1", "0.1", "0.01"))


def make_check(rule: str, severity: str, message: str, *fields: str) -> Check:
    return Check(rule=rule, severity=severity, message=message, fields=tuple(fields))


def rounding_quantum(values: Iterable[Decimal], ceiling: Decimal) -> Decimal:
    """The coarsest unit (at most ``ceiling``) that every value is a whole multiple of.

    Amounts printed as ``898.70`` 万元 are multiples of 100 yuan: each may be off by
    up to 50 yuan from the figure it was rounded from. Values with digits below the
    fen give 0 (no rounding to allow for).
    """
    candidates = [q for q in _QUANTA if q <= ceiling]
    for q in candidates:
        if all(v % q == 0 for v in values):
            return q
    return ZERO


def amount_tolerance(values: Sequence[Decimal], options: CheckOptions) -> Decimal:
    """Allowed difference for an identity over ``values`` (every term and the result).

    Each printed term carries at most half a quantum of rounding; the errors add up.
    """
    quantum = rounding_quantum(values, options.max_rounding_quantum)
    return max(options.amount_tolerance, len(values) * quantum * HALF)


def score_tolerance(values: Sequence[Decimal], options: CheckOptions) -> Decimal:
    """Allowed difference for a sum of scores.

    Whole-number scores are exact. Scores printed with decimals (``5.98``) may each
    have been rounded to their last printed digit, so half of that digit per term.
    """
    exponents = [v.as_tuple().exponent for v in values if v.is_finite()]
    finest = min((e for e in exponents if isinstance(e, int)), default=0)
    if finest >= 0:
        return options.score_tolerance
    allowance = len(values) * Decimal(1).scaleb(finest) * HALF
    return max(options.score_tolerance, allowance)


def rate_half_unit(rate: Decimal) -> Decimal:
    """Half the last printed digit of a rate given as a fraction.

    Rates are printed as percentages; ``0.6226`` was ``62.26%`` (exact to 0.00005),
    ``1`` or ``0.9`` were whole percentages (exact to 0.005). The normalised value
    only keeps the digits it needs, so assume the coarsest printing consistent with
    it, never coarser than a whole percent.
    """
    exponent = rate.normalize().as_tuple().exponent
    digits = max(2, -exponent) if isinstance(exponent, int) else 2
    return Decimal(1).scaleb(-digits) * HALF


def close(a: Decimal, b: Decimal, tolerance: Decimal) -> bool:
    return abs(a - b) <= tolerance


def yuan(value: Decimal) -> str:
    """``6290900`` → ``6,290,900.00 元``."""
    return f"{value:,.2f} 元"


def percent(rate: Decimal) -> str:
    """``0.88326`` → ``88.33%``."""
    return f"{rate * 100:.2f}%"


def number(value: Decimal) -> str:
    """A score or count without trailing zeros: ``92``, ``77.48``."""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def field_path(collection: str, index: int, name: str) -> str:
    return f"{collection}[{index}].{name}"
