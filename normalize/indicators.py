"""Indicator grids → :class:`~jixiao.normalize.canonical.Indicator` rows.

Level-1 and level-2 labels are carried down: a vertically merged cell covers its rows
already (the document model resolves merges), and a blank level cell inherits the one
above (forms that repeat nothing). ``产出指标（50分）`` loses its weight suffix; split
words (``经济效\\n益指标``) are re-joined. A row whose name is blank or ``无`` is a
template row and is not emitted. The ``总分`` row gives the report's max and total score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.extract.model import Cell, Provenance
from jixiao.normalize.amounts import MULTIPLIER, parse_amount
from jixiao.normalize.canonical import Indicator
from jixiao.normalize.numbers import parse_number
from jixiao.normalize.regions import Region, is_total_label, role_cell
from jixiao.normalize.targets import Target, parse_target
from jixiao.normalize.text import clean_label, clean_name, clean_prose, is_blank, strip_weight

_COMPARATORS = {
    "≥": ">=",
    ">=": ">=",
    "＞=": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "大于等于": ">=",
    "≤": "<=",
    "<=": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "小于等于": "<=",
    "=": "=",
    "＝": "=",
    "等于": "=",
    ">": ">",
    "＞": ">",
    "大于": ">",
    "<": "<",
    "＜": "<",
    "小于": "<",
    "定性": None,
}
# A template row the unit left unfilled: ``指标1：``, ``指标2``, ``……``, ``1``.
_PLACEHOLDER = re.compile(r"^(?:指标\s*[\d一二三四五六七八九十]*|[\d]+|[.…。、]+)[：:]?$")
_VALUE_ROLES = ("target", "target_adjusted", "actual", "weight", "score", "formula")
_YES = frozenset({"是", "√", "✓", "★", "Y", "y", "yes"})
_NO = frozenset({"否", "×", "N", "n", "no"})


@dataclass(frozen=True)
class ScoreTotals:
    """What a 总分 row says: the full marks and the score."""

    max_score: Decimal | None
    total_score: Decimal | None
    provenance: dict[str, Provenance]


def _text(
    region: Region, row: int, role: str, *, origin_only: bool = False
) -> tuple[str, Cell | None]:
    cell = role_cell(region, row, role)
    if cell is None or (origin_only and cell.row != row) or is_blank(cell.text):
        return "", cell
    return cell.text, cell


def _first_text_cell(region: Region, row: int) -> Cell | None:
    blocks = set(map(id, region.block_cells))
    for cell in region.table.row_cells(row):
        if id(cell) not in blocks and not is_blank(cell.text):
            return cell
    return None


def _is_total_row(region: Region, row: int) -> bool:
    first = _first_text_cell(region, row)
    return first is not None and is_total_label(first.text)


def indicators_from_region(region: Region) -> tuple[list[Indicator], ScoreTotals | None]:
    out: list[Indicator] = []
    totals: ScoreTotals | None = None
    level1: str | None = None
    level2: str | None = None
    level1_cell: Cell | None = None
    level2_cell: Cell | None = None
    for row in region.data_rows:
        if _is_total_row(region, row):
            totals = _totals(region, row)
            continue
        text1, cell1 = _text(region, row, "level1")
        if text1:
            level1, level1_cell = strip_weight(text1)[0] or None, cell1
        text2, cell2 = _text(region, row, "level2")
        if text2:
            level2, level2_cell = strip_weight(text2)[0] or None, cell2
        # Only the row where the name cell starts names an indicator: a ruling drawn in
        # the block-label column alone splits no indicator in two.
        name_text, name_cell = _text(region, row, "name", origin_only=True)
        if not name_text or name_cell is None or is_placeholder_row(region, row):
            continue
        if name_cell is cell2 or name_cell is cell1:
            continue  # a level label spanning into the name column: no indicator here
        indicator = _indicator(region, row, name_text, name_cell, level1, level2)
        prov = dict(indicator.provenance)
        # A carried-down level points at the cell that holds its text.
        if level1_cell is not None and level1:
            prov.setdefault("level1", level1_cell.provenance)
        if level2_cell is not None and level2:
            prov.setdefault("level2", level2_cell.provenance)
        out.append(_replace_provenance(indicator, prov))
    return _key_marks(out), totals


def is_placeholder_row(region: Region, row: int) -> bool:
    """``指标1：`` / ``……`` with every value blank: a template row, not an indicator."""
    name_text, _ = _text(region, row, "name", origin_only=True)
    if not _PLACEHOLDER.match(clean_label(name_text)):
        return False
    return not any(_text(region, row, role, origin_only=True)[0] for role in _VALUE_ROLES)


def _key_marks(indicators: list[Indicator]) -> list[Indicator]:
    """When a table stars its key indicators (★), the unstarred ones are not key."""
    if not any(i.is_key for i in indicators) or any(i.is_key is False for i in indicators):
        return indicators
    return [
        i
        if i.is_key
        else replace(i, is_key=False, provenance={**i.provenance, "is_key": i.provenance["name"]})
        for i in indicators
    ]


def _totals(region: Region, row: int) -> ScoreTotals | None:
    weight_text, weight_cell = _text(region, row, "weight", origin_only=True)
    score_text, score_cell = _text(region, row, "score", origin_only=True)
    max_score, total_score = parse_number(weight_text), parse_number(score_text)
    if max_score is None and total_score is None:
        return None
    prov: dict[str, Provenance] = {}
    if max_score is not None and weight_cell is not None:
        prov["max_score"] = weight_cell.provenance
    if total_score is not None and score_cell is not None:
        prov["total_score"] = score_cell.provenance
    return ScoreTotals(max_score, total_score, prov)


def _indicator(
    region: Region,
    row: int,
    name_text: str,
    name_cell: Cell,
    level1: str | None,
    level2: str | None,
) -> Indicator:
    prov: dict[str, Provenance] = {"name": name_cell.provenance}

    def take(role: str, *, origin_only: bool = False) -> str:
        text, cell = _text(region, row, role, origin_only=origin_only)
        if text and cell is not None:
            prov[role] = cell.provenance
        return text

    name = clean_name(name_text)
    is_key: bool | None = None
    if name.startswith(("★", "☆", "*")):
        name, is_key = name.lstrip("★☆* "), True
        prov["is_key"] = name_cell.provenance
    key_text = clean_label(take("is_key"))
    if key_text in _YES:
        is_key = True
    elif key_text in _NO:
        is_key = False

    # An adjusted target (调整指标值), when filled in, is the one the year is judged by.
    target = clean_name(take("target_adjusted")) or clean_name(take("target")) or None
    if "target_adjusted" in prov:
        prov["target"] = prov.pop("target_adjusted")
    actual = clean_name(take("actual")) or None
    unit_column = clean_label(take("unit")) or None
    comparator_column = _COMPARATORS.get(clean_label(take("comparator")))
    target_parsed = _parse_value(target, unit_column)
    # A bare actual (``4262.96``) beside a target with a unit (``≤3843.67万元``) is in
    # the target's unit: the row states its unit once.
    actual_parsed = _parse_value(actual, unit_column or _written_unit(target))
    unit = target_parsed.unit or actual_parsed.unit or unit_column
    reason = clean_prose(take("deviation_reason")) or None
    # Parsed values come from the cells their text was read from.
    for derived, origin in (("target_value", "target"), ("actual_value", "actual")):
        if origin in prov:
            prov[derived] = prov[origin]
    if "unit" not in prov and unit is not None and "target" in prov:
        prov["unit"] = prov["target"]
    if target_parsed.comparator is not None:
        prov["comparator"] = prov["target"]
    return Indicator(
        name=name,
        level1=level1,
        level2=level2,
        formula=clean_name(take("formula")) or None,
        target=target,
        actual=actual,
        target_value=target_parsed.value,
        actual_value=actual_parsed.value,
        unit=unit,
        comparator=target_parsed.comparator or comparator_column,
        weight=parse_number(take("weight", origin_only=True)),
        score=parse_number(take("score", origin_only=True)),
        deviation_reason=reason,
        is_key=is_key,
        provenance=prov,
    )


def _parse_value(text: str | None, unit_column: str | None) -> Target:
    """A target/actual; a 计量单位 column's unit applies to a bare number.

    Money (``万元``) becomes yuan; a ``万`` prefix on any other unit scales it
    (``万人`` → 人 × 10,000, ``万元/公里`` → 元/公里 × 10,000).
    """
    parsed = parse_target(text)
    if parsed.value is None or parsed.unit is not None or not unit_column:
        return parsed
    if unit_column in MULTIPLIER:
        return Target(parse_amount(text, unit_column), "元", parsed.comparator)  # type: ignore[arg-type]
    if unit_column.startswith("万") and len(unit_column) > 1:
        return Target(parsed.value * 10_000, unit_column[1:], parsed.comparator)
    return Target(parsed.value, unit_column, parsed.comparator)


_NUMBER_THEN_UNIT = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?\s*([^\d\s,，。;；、()（）]+)$")


def _written_unit(text: str | None) -> str | None:
    """The unit written after the number that ends ``text`` (``≤3843.67万元`` → 万元)."""
    if not text:
        return None
    found = _NUMBER_THEN_UNIT.search(clean_label(text))
    return found.group(1) if found else None


def _replace_provenance(indicator: Indicator, prov: dict[str, Provenance]) -> Indicator:
    return replace(indicator, provenance=prov)
