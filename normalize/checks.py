"""The audit checks: what an auditor should look at in one canonical report.

:func:`run_checks` applies every rule to a :class:`CanonicalReport` and returns the
findings (:class:`Check`: a stable ``rule`` id, a severity, a message stating the
numbers, and the ``fields`` they were read from, e.g. ``funds[0].spent``). Rules live
in :mod:`jixiao.normalize.check_rules`, one module per family.

Fail-closed. A rule that cannot bind its numbers unambiguously stays silent: which
fund row is the total, which items a 合计 row sums, which base a 结余 or 执行率 was
computed from, whether the fund score is part of the total. Where a report could mean
several things, a rule fires only when none of them makes the numbers agree.

Tolerances, from how the numbers were printed (all arithmetic is ``Decimal``):

* Money. Reports print amounts rounded, mostly in 万元 with two decimals, i.e. to
  100 yuan; each printed figure may be off by half of that from the figure it was
  rounded from, and the errors of a sum's terms add up (a table's 合计 row is computed
  from unrounded cells: 16 items printed to 0.01 万元 may honestly add up to 0.01 万元
  more than their printed total). So an identity over n printed amounts is allowed
  n × quantum / 2, where the quantum is the coarsest of 0.01/0.1/1/10/100 yuan that
  every amount is a multiple of, capped at ``max_rounding_quantum`` (100 yuan: two
  decimals of 万元, the precision every seen report prints; coarser caps would hide
  real differences in tables of round numbers). ``amount_tolerance`` (1 yuan) is the
  floor.
* Rates. A stated rate is taken as printed with as many percent decimals as it needs,
  at least whole percent (``1`` was ``100%``: exact to 0.005; ``0.6226`` was
  ``62.26%``: exact to 0.00005); the rounding of spent and budget is propagated
  through the division; ``rate_tolerance`` (0.0001) is added for rates truncated
  rather than rounded.
* Scores. Whole-number scores are exact; scores with decimals may each carry half of
  their last digit. ``score_tolerance`` (0.01) is the floor.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

import yaml

from jixiao.normalize.canonical import CanonicalReport, Check
from jixiao.normalize.check_rules.completeness import check_completeness
from jixiao.normalize.check_rules.dates import check_dates
from jixiao.normalize.check_rules.expenditures import check_expenditures
from jixiao.normalize.check_rules.funds import check_funds
from jixiao.normalize.check_rules.grades import check_grade
from jixiao.normalize.check_rules.indicators import check_indicators
from jixiao.normalize.check_rules.options import DEFAULT_BANDS, CheckOptions, GradeBand

__all__ = [
    "DEFAULT_BANDS",
    "CheckOptions",
    "GradeBand",
    "load_grade_bands",
    "run_checks",
]

_BANDS_FILE = "grade_bands.yaml"


def load_grade_bands(path: Path | None = None) -> tuple[GradeBand, ...]:
    """Read grade bands from a YAML file (default: the packaged ``grade_bands.yaml``).

    The file holds ``bands:``, a list of ``{level, min_score, labels}``. Returned
    highest band first. Raises ``ValueError`` naming the problem for a malformed file.
    """
    if path is None:
        text = resources.files("jixiao.normalize").joinpath(_BANDS_FILE).read_text("utf-8")
        where = _BANDS_FILE
    else:
        text = path.read_text(encoding="utf-8")
        where = str(path)
    data = yaml.safe_load(text)
    entries = data.get("bands") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{where}: expected a non-empty list under 'bands'")
    bands = tuple(_band(entry, where) for entry in entries)
    levels = [band.level for band in bands]
    if len(set(levels)) != len(levels):
        raise ValueError(f"{where}: a level appears twice in {levels}")
    return tuple(sorted(bands, key=lambda band: band.min_score, reverse=True))


def _band(entry: object, where: str) -> GradeBand:
    if not isinstance(entry, dict) or not isinstance(entry.get("level"), str):
        raise ValueError(f"{where}: each band needs a 'level' string, got {entry!r}")
    try:
        min_score = Decimal(str(entry.get("min_score")))
    except InvalidOperation as exc:
        raise ValueError(f"{where}: band {entry['level']!r} needs a numeric 'min_score'") from exc
    if not min_score.is_finite():
        raise ValueError(f"{where}: band {entry['level']!r} needs a numeric 'min_score'")
    labels = entry.get("labels") or []
    if not isinstance(labels, list):
        raise ValueError(f"{where}: band {entry['level']!r}: 'labels' must be a list")
    return GradeBand(entry["level"], min_score, tuple(str(label) for label in labels))


def run_checks(report: CanonicalReport, options: CheckOptions | None = None) -> tuple[Check, ...]:
    """Every finding of every rule for ``report``, in a fixed order (rule family, then
    the order of the records). ``report.checks`` already present are ignored and not
    repeated: only new checks are returned."""
    opts = options if options is not None else CheckOptions()
    families: Iterable[Iterable[Check]] = (
        check_funds(report.funds, opts),
        check_expenditures(report, opts),
        check_indicators(report, opts),
        check_grade(report.report, opts),
        check_dates(report, opts),
        check_completeness(report),
    )
    return tuple(check for family in families for check in family)
