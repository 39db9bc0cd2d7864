"""The database as pandas DataFrames: the Python API for data teams.

Every table and view jixiao stores can be read by name; the common ones have a
thin wrapper. Money is exact by default (``decimal.Decimal`` yuan, to the fen), as
the database holds it; pass ``exact=False`` for floats when you want arithmetic
speed over exactness. Rates are fractions (``0.6226`` means 62.26 %).

Example::

    import jixiao.frames as jf

    url = "sqlite:///jixiao.db"          # or postgresql+psycopg://user@host/db
    jf.tables(url)                       # ['checks', 'documents', ..., 'v_report_summary']
    reports = jf.reports(url)            # one row per report
    funds = jf.funds(url, exact=False)   # floats instead of Decimal
    low = funds[funds.execution_rate < 0.8]
    summary = jf.read("v_report_summary", url)

Without ``url`` the environment variable ``JIXIAO_DB`` is used, else
``sqlite:///jixiao.db`` (the same default as the ``jixiao`` command).
"""

from __future__ import annotations

import json
import logging
import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any

import pandas as pd
from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import ArgumentError

from jixiao.errors import InfrastructureError, SchemaVersionError
from jixiao.load.database import db_errors, display_url, make_engine, normalize_url, sqlite_path

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///jixiao.db"

#: Columns holding yuan amounts (exact to the fen), in tables and views alike.
MONEY_COLUMNS = frozenset(
    {
        "planned",
        "budget",
        "received",
        "spent",
        "balance",
        "amount",
        "contract_amount",
        "evaluated_amount",
    }
)
_MONEY_SUFFIXES = tuple(f"_{name}" for name in sorted(MONEY_COLUMNS))
#: Other exact numbers: scores, weights, parsed indicator values.
_NUMBER_COLUMNS = frozenset(
    {"weight", "score", "total_score", "max_score", "target_value", "actual_value"}
)
#: Columns stored as JSON (SQLite returns the text, PostgreSQL the value).
_JSON_COLUMNS = frozenset({"provenance", "fields", "arguments"})
#: Yes/no columns (SQLite returns 0/1).
_BOOL_COLUMNS = frozenset({"is_total", "achieved", "is_key"})
#: Timestamps (SQLite returns text); shown as UTC.
_TIME_COLUMNS = frozenset({"first_seen", "last_seen"})
#: Tables that belong to the machinery, not to the data (search index, migrations).
_INTERNAL_PREFIXES = ("alembic_", "search_", "sqlite_")

_FEN = Decimal("0.01")


class DatabaseNotFoundError(InfrastructureError):
    """A SQLite URL names a file that does not exist (nothing was ingested there yet)."""


def default_url() -> str:
    """The database URL used when none is given: ``$JIXIAO_DB`` or ``sqlite:///jixiao.db``."""
    return os.environ.get("JIXIAO_DB") or DEFAULT_URL


def is_money_column(name: str) -> bool:
    return name in MONEY_COLUMNS or name.endswith(_MONEY_SUFFIXES)


def is_rate_column(name: str) -> bool:
    return name == "execution_rate" or name.endswith("_rate")


def is_number_column(name: str) -> bool:
    """Exact non-money numbers (scores, weights, rates)."""
    return name in _NUMBER_COLUMNS or name.endswith("_score") or is_rate_column(name)


@contextmanager
def connect(url: str | None = None) -> Iterator[Connection]:
    """A connection to an existing jixiao database, closed (and its engine disposed) after.

    A SQLite file that does not exist is refused rather than created empty; a database
    without the jixiao tables, or unreachable, raises an :class:`InfrastructureError`
    that says so and how to fix it.
    """
    url = normalize_url(url or default_url())
    try:
        path = sqlite_path(url)
    except ArgumentError as exc:
        raise InfrastructureError(f"not a database URL: {url!r}") from exc
    if path is not None and not path.exists():
        raise DatabaseNotFoundError(
            f"no database at {path}: run `jixiao ingest PATH` first, or pass --db URL"
        )
    eng = make_engine(url)
    try:
        with db_errors(url), eng.connect() as conn:
            has_schema = inspect(conn).has_table("reports")
            conn.rollback()  # end the inspection's implicit transaction: callers begin()
            if not has_schema:
                raise SchemaVersionError(
                    f"database {display_url(url)} has no jixiao tables: "
                    "run `jixiao db upgrade` or `jixiao ingest PATH` first"
                )
            yield conn
    finally:
        eng.dispose()


def tables(url: str | None = None) -> list[str]:
    """The names of every data table and view, sorted (machinery tables left out)."""
    with connect(url) as conn:
        insp = inspect(conn)
        names = set(insp.get_table_names()) | set(insp.get_view_names())
    return sorted(n for n in names if not n.startswith(_INTERNAL_PREFIXES))


def read(name: str, url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    """One table or view as a DataFrame.

    ``exact=True``: money columns hold ``Decimal`` yuan (quantised to the fen) and
    scores/rates ``Decimal``; missing values are ``None``. ``exact=False``: floats
    with ``NaN`` for missing.
    """
    known = tables(url)
    if name not in known:
        raise KeyError(f"no table or view {name!r}; known: {', '.join(known) or 'none'}")
    with connect(url) as conn:
        quoted = conn.dialect.identifier_preparer.quote(name)
        result = conn.execute(text(f"SELECT * FROM {quoted}"))  # noqa: S608 - name checked above
        columns = list(result.keys())
        rows = result.fetchall()
    frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)
    return convert_numbers(_convert_others(frame), exact=exact)


def _convert_others(frame: pd.DataFrame) -> pd.DataFrame:
    """JSON, booleans and timestamps: the same Python values on every backend."""
    for column in frame.columns:
        if column in _JSON_COLUMNS:
            frame[column] = pd.Series(
                [_json_value(v) for v in frame[column]], index=frame.index, dtype=object
            )
        elif column in _BOOL_COLUMNS:
            frame[column] = pd.Series(
                [None if _missing(v) else bool(v) for v in frame[column]],
                index=frame.index,
                dtype=object,
            )
        elif column in _TIME_COLUMNS or column.endswith("_at"):
            frame[column] = pd.to_datetime(frame[column], utc=True, format="mixed")
    return frame


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _json_value(value: object) -> object:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def convert_numbers(frame: pd.DataFrame, *, exact: bool) -> pd.DataFrame:
    """Give money and score columns one type whatever the backend returned."""
    out = frame.copy()
    for column in out.columns:
        money = is_money_column(column)
        if not (money or is_number_column(column)):
            continue
        values = [to_decimal(v, money=money) for v in out[column]]
        if exact:
            out[column] = pd.Series(values, index=out.index, dtype=object)
        else:
            out[column] = pd.Series(
                [math.nan if v is None else float(v) for v in values], index=out.index, dtype=float
            )
    return out


def to_decimal(value: object, *, money: bool = False) -> Decimal | None:
    """A stored number as ``Decimal`` (floats via their shortest repr); None stays None."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        result = Decimal(repr(value))
    elif isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            return None
    else:
        return None
    return result.quantize(_FEN) if money else result


def report_labels(
    url: str | None = None,
    ids: Sequence[int] | None = None,
    *,
    sha256s: Sequence[str] | None = None,
) -> dict[int, dict[str, Any]]:
    """Per report id: ``file`` (the path it was last seen at), ``sha256``,
    ``project_name``, ``project_unit``, ``fiscal_year``, ``total_score``, ``grade`` and
    ``checks`` (how many), ``unit`` (``"2/5"`` for report 2 of 5 of its file, or
    ``None``): what a person needs to find and judge a report.

    All reports, or those with the given ids, or those of the files with the given
    SHA-256 digests.
    """
    sql = (
        "SELECT r.id, d.sha256, r.project_name, r.project_unit, r.fiscal_year, "
        "r.total_score, r.grade, r.unit_index, r.unit_of, "
        "(SELECT COUNT(*) FROM checks c WHERE c.report_id = r.id) AS checks, "
        "(SELECT p.path FROM document_paths p WHERE p.document_id = r.document_id "
        "ORDER BY p.last_seen DESC, p.id DESC LIMIT 1) AS file "
        "FROM reports r JOIN documents d ON d.id = r.document_id"
    )
    params: dict[str, Any] = {}
    if ids is not None:
        if not ids:
            return {}
        sql += " WHERE r.id IN (" + ", ".join(str(int(i)) for i in ids) + ")"
    elif sha256s is not None:
        if not sha256s:
            return {}
        names = [f"s{n}" for n in range(len(sha256s))]
        sql += " WHERE d.sha256 IN (" + ", ".join(f":{n}" for n in names) + ")"
        params = dict(zip(names, sha256s, strict=True))
    with connect(url) as conn:
        rows = conn.execute(text(sql), params).mappings().all()
    return {
        int(r["id"]): {
            "file": r["file"],
            "sha256": r["sha256"],
            "project_name": r["project_name"],
            "project_unit": r["project_unit"],
            "fiscal_year": r["fiscal_year"],
            "total_score": to_decimal(r["total_score"]),
            "grade": r["grade"],
            "checks": int(r["checks"]),
            "unit": f"{r['unit_index']}/{r['unit_of']}" if r["unit_index"] is not None else None,
        }
        for r in sorted(rows, key=lambda r: (r["file"] or "", r["unit_index"] or 0, r["id"]))
    }


def reports(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("reports", url, exact=exact)


def documents(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("documents", url, exact=exact)


def funds(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("funds", url, exact=exact)


def expenditures(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("expenditures", url, exact=exact)


def goals(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("goals", url, exact=exact)


def indicators(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("indicators", url, exact=exact)


def evaluators(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("evaluators", url, exact=exact)


def sections(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("sections", url, exact=exact)


def checks(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("checks", url, exact=exact)


def runs(url: str | None = None, *, exact: bool = True) -> pd.DataFrame:
    return read("ingest_runs", url, exact=exact)
