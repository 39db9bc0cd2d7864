"""Report identity: which rows of ``reports`` are the same report.

The same report often reaches the database several times: as a DOCX, as its PDF, as
the scanned signed copy, or as a corrected file saved over the old one. Three keys
tell them apart (docs/SCHEMA.md, "Counting each report once"):

- ``report_key`` — *what* the report is: the normalised region, project unit, project
  name, fiscal year and kind, joined by ``|``. Normalised = Unicode NFKC, case folded,
  whitespace and punctuation removed (``“互联网+政务服务” 一体化平台`` and
  ``"互联网+政务服务"一体化平台`` give the same key). ``None`` when the report names
  neither a project nor a unit (nothing to recognise it by: it counts on its own).
  A user overrides it per report with ``jixiao identity set`` (table
  ``report_key_overrides``, keyed by ``stable_key``).
- ``stable_key`` — *which copy*: the document's SHA-256 and the report's unit index
  (``<sha256>#<unit>``). It does not change when the file is re-processed, so links
  and corrections keep pointing at the same report.
- ``is_scan`` — the report was read by OCR (text over scan when choosing a copy).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

_DROP = re.compile(r"[\s\W_]+", re.UNICODE)  # whitespace and punctuation (incl. “”《》·)
KEY_PARTS = ("region", "project_unit", "project_name", "fiscal_year", "kind")


def normalise(value: object) -> str:
    """NFKC, case folded, whitespace and punctuation removed."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).casefold()
    return _DROP.sub("", text)


def report_key(report: Mapping[str, Any]) -> str | None:
    """The identity key of a report row (see the module docstring)."""
    if not (normalise(report.get("project_name")) or normalise(report.get("project_unit"))):
        return None
    return "|".join(normalise(report.get(part)) for part in KEY_PARTS)


def stable_key(sha256: str, unit_index: int | None) -> str:
    return f"{sha256}#{unit_index or 1}"


def _provenances(value: Any) -> Iterable[Mapping[str, Any]]:
    if isinstance(value, Mapping):
        for item in value.values():
            if isinstance(item, Mapping):
                yield item


def is_scan(report: Mapping[str, Any], children: Mapping[str, Iterable[Mapping[str, Any]]]) -> bool:
    """Any value of the report was read by OCR (provenance ``via: ocr``)."""
    rows = [report, *(row for rows in children.values() for row in rows)]
    return any(p.get("via") == "ocr" for row in rows for p in _provenances(row.get("provenance")))


def identity_columns(
    sha256: str, report: Mapping[str, Any], children: Mapping[str, Iterable[Mapping[str, Any]]]
) -> dict[str, Any]:
    """The identity columns of one ``reports`` row, computed at load time."""
    return {
        "report_key": report_key(report),
        "stable_key": stable_key(sha256, report.get("unit_index")),
        "is_scan": is_scan(report, children),
    }
