"""The canonical report as printed by ``jixiao extract`` (CANONICAL.md, "How it is printed").

Money and scores are ``Decimal`` internally and exact; in JSON they become numbers with
no more decimals than they have (``8987000.00`` → ``8987000``, ``0.6226`` stays). Every
record keeps its ``provenance`` (field → where it was read).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import CanonicalReport, ReportUnit

LIST_NAMES = ("funds", "expenditures", "goals", "indicators", "evaluators", "sections", "checks")


def json_number(value: Decimal) -> int | float:
    """An exact Decimal as the shortest JSON number (integral → int)."""
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        return int(normalized)
    return float(normalized)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, Provenance):
        return value.to_dict()
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return record_dict(value)
    return value


def record_dict(record: Any) -> dict[str, Any]:
    """A canonical record (Report, Fund …) as a JSON-ready dict, provenance last."""
    out = {f.name: _plain(getattr(record, f.name)) for f in fields(record)}
    if "provenance" in out:
        out["provenance"] = out.pop("provenance")
    return out


def unit_dict(unit: ReportUnit) -> dict[str, Any]:
    """``{"index", "of", "title", "pages" or "tables" or "sheet"}`` (only the one that is set)."""
    out: dict[str, Any] = {"index": unit.index, "of": unit.of, "title": unit.title}
    if unit.pages is not None:
        out["pages"] = list(unit.pages)
    if unit.tables is not None:
        out["tables"] = list(unit.tables)
    if unit.sheet is not None:
        out["sheet"] = unit.sheet
    return out


def canonical_to_json_obj(report: CanonicalReport) -> dict[str, Any]:
    """The JSON object of CANONICAL.md for one report."""
    obj: dict[str, Any] = {
        "schema_version": report.schema_version,
        "source": record_dict(report.source),
    }
    if report.unit is not None:
        obj["unit"] = unit_dict(report.unit)
    obj["report"] = record_dict(report.report)
    if report.coverage is not None:
        obj["coverage"] = record_dict(report.coverage)
    for name in LIST_NAMES:
        obj[name] = [record_dict(item) for item in getattr(report, name)]
    return obj


def dumps_lines(reports: Sequence[CanonicalReport], *, indent: int | None = None) -> str:
    """Several reports as JSON Lines (one object per line; indented objects when asked)."""
    return "\n".join(dumps(canonical_to_json_obj(r), indent=indent) for r in reports)


def dumps(obj: Mapping[str, Any], *, indent: int | None = None) -> str:
    """One JSON document; Chinese kept readable (no \\u escapes)."""
    return json.dumps(obj, ensure_ascii=False, indent=indent)
