"""Machine-readable output for the listing commands: ``--json`` and ``--csv``.

As sqlite-utils does: ``--json`` prints one JSON array of objects, ``--csv`` a header
row and one row per record, so ``jixiao runs --csv | …`` pipes into other tools.
Money and scores are exact decimal strings in JSON (a float would lose digits) and
plain digits in CSV; times are ISO 8601; ``null``/empty for missing values.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def output_options(func: F) -> F:
    """``--json`` / ``--csv`` (the last one given wins); default: a table for people."""
    func = click.option(
        "--csv", "output", flag_value="csv", help="CSV with a header row, for piping."
    )(func)
    return click.option(
        "--json", "output", flag_value="json", help="A JSON array of objects, for piping."
    )(func)


def plain(value: Any) -> Any:
    """A JSON-safe value: exact decimals as strings, times as ISO text."""
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def format_decimal(value: Decimal) -> str:
    """Fixed-point digits, never an exponent (``1E+2`` → ``100``), no trailing noise."""
    return f"{value:f}"


def records_of(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Dataclass instances (or mappings) as flat dicts; nested dataclasses flattened."""
    out = []
    for item in items:
        row = item if isinstance(item, Mapping) else dataclasses.asdict(item)
        flat: dict[str, Any] = {}
        for key, value in row.items():
            if isinstance(value, dict) and key == "counts":
                flat.update(value)
            else:
                flat[key] = value
        out.append(flat)
    return out


def write_records(
    records: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None
) -> None:
    """Write ``records`` to stdout as ``json`` or ``csv``."""
    stream = sys.stdout
    if fmt == "json":
        json.dump([plain(dict(r)) for r in records], stream, ensure_ascii=False, indent=1)
        stream.write("\n")
        return
    names = list(columns or (records[0].keys() if records else []))
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(names)
    for record in records:
        writer.writerow([_csv_cell(record.get(name)) for name in names])


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    value = plain(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
