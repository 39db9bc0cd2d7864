"""The evaluation team (姓名 | 职称/职务 | 单位) → :class:`~jixiao.normalize.canonical.Evaluator`."""

from __future__ import annotations

import re

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import Evaluator
from jixiao.normalize.regions import Region, role_cell
from jixiao.normalize.text import clean_label, clean_name, is_blank

# A personal name: 2–4 Han characters, or a minority name with a middle dot.
_PERSON = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}$")


def looks_like_person(text: str) -> bool:
    return bool(_PERSON.match(clean_label(text)))


def evaluators_from_region(region: Region) -> list[Evaluator]:
    out: list[Evaluator] = []
    for row in region.data_rows:
        name_cell = role_cell(region, row, "name")
        if name_cell is None or name_cell.row != row or not looks_like_person(name_cell.text):
            continue
        prov: dict[str, Provenance] = {"name": name_cell.provenance}
        fields: dict[str, str] = {}
        for role in ("title", "unit"):
            cell = role_cell(region, row, role)
            if cell is not None and cell.row == row and not is_blank(cell.text):
                fields[role] = clean_name(cell.text)
                prov[role] = cell.provenance
        out.append(Evaluator(name=clean_label(name_cell.text), provenance=prov, **fields))
    return out
