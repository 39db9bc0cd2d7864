"""``本级`` funds: the reporting unit's own level of government.

A county form's source columns read ``省、地 | 本级 | 其他``: 本级 is the county's own
money, a city's 本级 is the city's. The label dictionary files 本级 under the
non-canonical field ``own_level``; once the report's unit is known it is resolved here
from the innermost administrative division its name starts with (``南宁市武鸣区…局`` →
county, ``酒泉市水务局`` → municipal, ``甘肃省…厅`` → provincial). A name that does not
tell (no place prefix) leaves the source null: a named item, never a guess. A county-level
city (``浏阳市``) reads as municipal — its name does not say otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from jixiao.normalize.canonical import Fund

OWN_LEVEL = "own_level"

# Place prefixes: province, then prefecture, then county, each optional but in order.
_PLACE = re.compile(
    r"^(?P<province>[^省区]{1,7}?(?:省|自治区))?"
    r"(?P<city>[^市州盟]{1,7}?(?:市|自治州|州|盟|地区)(?![县区旗]))?"
    r"(?P<county>[^县区旗]{1,7}?(?:自治县|县|区|旗))?"
)
_LEVELS = (("county", "county"), ("city", "municipal"), ("province", "provincial"))


def unit_level(name: str | None) -> str | None:
    """The canonical source for the level of government ``name`` belongs to."""
    if not name:
        return None
    found = _PLACE.match(name.strip())
    if found is None:
        return None
    for group, level in _LEVELS:
        if found.group(group):
            return level
    return None


def resolve_own_level(funds: Iterable[Fund], *units: str | None) -> list[Fund]:
    """``own_level`` sources replaced by the level of the first unit name that tells."""
    level = next((lv for lv in map(unit_level, units) if lv is not None), None)
    return [replace(f, source=level) if f.source == OWN_LEVEL else f for f in funds]
