"""Key–value pairs and prose → the one :class:`~jixiao.normalize.canonical.Report`.

The first filled-in value of a field wins (forms state things once; a later repeat is
usually a signature line). Values are typed here: dates to ISO, the project period
split into start and end, scores to Decimal, the ticked box of 评价类型.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from jixiao.extract.model import Provenance
from jixiao.normalize.amounts import Unit, parse_amount
from jixiao.normalize.canonical import Report
from jixiao.normalize.dates import parse_date, parse_period, parse_year
from jixiao.normalize.grades import grade_level
from jixiao.normalize.keyvalues import Pair
from jixiao.normalize.numbers import parse_number
from jixiao.normalize.text import clean_label, clean_name, is_blank

_DATE_FIELDS = frozenset({"report_date", "period_start", "period_end"})
_SCORE_FIELDS = frozenset({"total_score", "max_score"})
_TEXT_AS_LABEL = frozenset({"contact_phone", "postal_code", "contact_email", "grade"})
_TICKED = "√☑■✓✔☒"
# A grade with its band in brackets: ``优（S≧90）``, ``良(80≤S<90)``, ``优秀（90分以上）``.
# A budget code or a label, not a project's name: ``127部门整体``, ``专项名称``.
_CODE_NAME = re.compile(
    r"^(?:\d+\s*(?:部门整体|部门|整体|项目)?(?:支出)?|专项名称|项目名称|部门整体)$"
)
_BAND_NOTE = re.compile(r"[(（][^()（）]*\d[^()（）]*[)）]$")
_BOXES = "□☐" + _TICKED
_OPTION = re.compile(rf"([^{_BOXES}\s：:]+)\s*([{_BOXES}]+)")


@dataclass
class ReportBuilder:
    """Collects report fields, first value wins, with provenance."""

    values: dict[str, object] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def offer(self, name: str, value: object, provenance: Provenance) -> None:
        if value is None or value == "" or name in self.values:
            return
        self.values[name] = value
        self.provenance[name] = provenance

    def get(self, name: str) -> object:
        return self.values.get(name)

    def build(self) -> Report:
        grade = self.values.get("grade")
        if grade is not None and "grade_level" not in self.values:
            self.values["grade_level"] = grade_level(str(grade))
        known = set(Report.__dataclass_fields__) - {"provenance"}
        fields = {k: v for k, v in self.values.items() if k in known}
        return Report(provenance=dict(self.provenance), **fields)  # type: ignore[arg-type]


def ticked_option(text: str) -> str | None:
    """``项目实施过程评价□   项目完成结果评价√□`` → ``项目完成结果评价``."""
    ticked = [name for name, marks in _OPTION.findall(text) if any(m in _TICKED for m in marks)]
    return ticked[0] if len(ticked) == 1 else None


def typed_value(name: str, text: str, amount_unit: Unit | None) -> object | None:
    """The typed value of a report field, or None when the text does not hold one."""
    if is_blank(text):
        return None
    if name in _DATE_FIELDS:
        return parse_date(text)
    if name == "fiscal_year":
        return parse_year(text)
    if name in _SCORE_FIELDS:
        return parse_number(text)
    if name == "evaluated_amount":
        return parse_amount(text, amount_unit or "元")
    if name == "evaluation_type":
        if any(box in text for box in _BOXES):
            return ticked_option(text)
        return clean_name(text)
    if name == "project_name" and _CODE_NAME.match(clean_label(text)):
        return None
    if name == "grade":
        return _BAND_NOTE.sub("", clean_label(text)) or None
    if name in _TEXT_AS_LABEL:
        return clean_label(text)
    return clean_name(text)


def offer_pairs(builder: ReportBuilder, pairs: Iterable[Pair]) -> None:
    for pair in pairs:
        if pair.context != "report":
            continue
        if pair.field == "period":
            start, end = parse_period(pair.value)
            builder.offer("period_start", start, pair.provenance)
            builder.offer("period_end", end, pair.provenance)
            continue
        if pair.field == "evaluation_type" and not pair.value:
            continue
        builder.offer(pair.field, typed_value(pair.field, pair.value, pair.unit), pair.provenance)
