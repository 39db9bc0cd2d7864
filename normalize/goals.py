"""Goal blocks (预期目标 | 实际完成) and goal lines of a form → :class:`~jixiao.normalize.canonical.Goal`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import Goal
from jixiao.normalize.keyvalues import Pair
from jixiao.normalize.regions import Region, role_cell
from jixiao.normalize.text import clean_label, clean_name, clean_prose, is_blank

_YES = frozenset({"是", "已实现", "实现", "√", "✓"})
_NO = frozenset({"否", "未实现", "×"})


def achieved_value(text: str) -> bool | None:
    label = clean_label(text)
    if label in _YES:
        return True
    if label in _NO:
        return False
    return None


def goals_from_region(region: Region) -> list[Goal]:
    out: list[Goal] = []
    block_label = next(
        (clean_name(c.text) for c in region.block_cells if not is_blank(c.text)), None
    )
    for row in region.data_rows:
        fields: dict[str, object] = {}
        prov: dict[str, Provenance] = {}
        for role in ("expected", "actual", "achieved"):
            cell = role_cell(region, row, role)
            if cell is None or cell.row != row or is_blank(cell.text):
                continue
            value: object = (
                achieved_value(cell.text) if role == "achieved" else clean_prose(cell.text)
            )
            if value is not None:
                fields[role] = value
                prov[role] = cell.provenance
        if fields.get("expected") or fields.get("actual"):
            out.append(Goal(label=block_label, provenance=prov, **fields))  # type: ignore[arg-type]
    return out


def goals_from_pairs(pairs: Iterable[Pair]) -> list[Goal]:
    """``预期总体目标 | text`` pairs; an ``实际完成情况`` pair right after completes it."""
    goals: list[Goal] = []
    for pair in pairs:
        if pair.context != "goal_column" or is_blank(pair.value):
            continue
        text = clean_prose(pair.value)
        if pair.field == "expected":
            goals.append(
                Goal(expected=text, label=pair.label, provenance={"expected": pair.provenance})
            )
        elif pair.field == "actual" and goals and goals[-1].actual is None:
            last = goals[-1]
            provenance = {**last.provenance, "actual": pair.provenance}
            goals[-1] = replace(last, actual=text, provenance=provenance)
        elif pair.field == "achieved" and goals and goals[-1].achieved is None:
            last = goals[-1]
            provenance = {**last.provenance, "achieved": pair.provenance}
            goals[-1] = replace(last, achieved=achieved_value(pair.value), provenance=provenance)
    return goals
