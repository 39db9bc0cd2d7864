"""The canonical report as printed by ``jixiao extract`` (CANONICAL.md, "How it is printed").

Money and scores are ``Decimal`` internally and exact; in JSON they become numbers with
no more decimals than they have (``8987000.00`` → ``8987000``, ``0.6226`` stays). Every
record keeps its ``provenance`` (field → where it was read).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import Any

from jixiao.extract.model import Provenance
from jixiao.normalize.canonical import CanonicalReport

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


def canonical_to_json_obj(report: CanonicalReport) -> dict[str, Any]:
    """The JSON object of CANONICAL.md for one document."""
    obj: dict[str, Any] = {
        "schema_version": report.schema_version,
        "source": record_dict(report.source),
        "report": record_dict(report.report),
    }
    for name in LIST_NAMES:
        obj[name] = [record_dict(item) for item in getattr(report, name)]
    obj["coverage"] = record_dict(report.coverage) if report.coverage is not None else None
    return obj


def dumps(obj: Mapping[str, Any], *, indent: int | None = None) -> str:
    """One JSON document; Chinese kept readable (no \\u escapes)."""
    return json.dumps(obj, ensure_ascii=False, indent=indent)
