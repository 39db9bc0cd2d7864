"""Exact decimals on both databases: ``NUMERIC(p, s)`` everywhere, scaled integers on SQLite.

PostgreSQL's NUMERIC is exact. SQLite has no decimal type: a NUMERIC column holds a
double, so ``8987000.01 - 8987001.91`` shows ``-1.90000000000001`` and amounts past 15
significant digits lose digits. On SQLite jixiao therefore stores each exact column as
an integer count of its smallest unit — fen for money (scale 2), 1/10⁴ for scores and
indicator values, 1/10⁶ for rates — in the same ``NUMERIC(p, s)`` column (SQLite keeps
an integer in a NUMERIC column as an integer). :class:`ExactNumeric` converts on the
way in and out; the views divide by the scale once, after integer arithmetic
(:func:`jixiao.load.views.for_dialect`); migration 0003 converts existing rows.

Readers that bypass SQLAlchemy's types (raw ``SELECT`` on a table) use
:func:`unscale` with :data:`SCALED_COLUMNS`.
"""

from __future__ import annotations

import numbers
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class _RawNumeric(Numeric):  # type: ignore[type-arg]
    """``NUMERIC(p, s)`` in DDL; values passed to and from the driver untouched."""

    def bind_processor(self, dialect: Dialect) -> None:
        return None

    def result_processor(self, dialect: Dialect, coltype: object) -> None:
        return None


class ExactNumeric(TypeDecorator[Decimal]):
    """``Decimal`` in Python; ``NUMERIC(p, s)`` on PostgreSQL; a scaled integer on SQLite."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.precision = precision
        self.scale = scale

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_RawNumeric(self.precision, self.scale))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return scale_up(value, self.scale)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return unscale(value, self.scale)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal


def scale_up(value: Any, scale: int) -> int:
    """``Decimal('6290900.50')``, scale 2 → ``629090050`` (half-even past the scale)."""
    exact = Decimal(value) if not isinstance(value, float) else Decimal(repr(value))
    return int(exact.scaleb(scale).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def unscale(value: Any, scale: int) -> Decimal | None:
    """A stored SQLite value back to ``Decimal`` with ``scale`` places (an integer is
    scaled; a float — a row not yet converted — is taken as written)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value)).scaleb(-scale)
    if isinstance(value, numbers.Integral):  # also numpy integers
        return Decimal(int(value)).scaleb(-scale)
    if isinstance(value, float):
        return Decimal(repr(value)).quantize(Decimal(1).scaleb(-scale))
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-scale))


def scaled_columns(metadata: Any) -> dict[str, dict[str, int]]:
    """table → {column: scale} for every :class:`ExactNumeric` column of ``metadata``."""
    out: dict[str, dict[str, int]] = {}
    for table in metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, ExactNumeric):
                out.setdefault(table.name, {})[column.name] = column.type.scale
    return out
