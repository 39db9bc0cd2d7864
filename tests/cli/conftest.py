"""Databases for the CLI and data-API tests: SQLite and PostgreSQL, filled through the Store.

PostgreSQL: ``JIXIAO_TEST_PG_URL`` (default the local test server); each test module
gets a fresh ``jixiao_cli_<random>`` database, dropped afterwards. Unreachable: the
tests fail when ``CI`` is set, else they are skipped with the reason printed.
"""

from __future__ import annotations

import os
import secrets
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_fixtures import fill, sample_reports
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _fresh_pg_database(server_url: str) -> Iterator[str]:
    name = f"jixiao_cli_{secrets.token_hex(4)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL unreachable at {make_url(server_url)!r}: {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(f"SKIPPED LOUDLY: {message}")
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def empty_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A URL of a database with no tables yet (fresh per test module)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'jixiao.db'}"
    else:
        yield from _fresh_pg_database(os.environ.get("JIXIAO_TEST_PG_URL", PG_DEFAULT))


@pytest.fixture(scope="module")
def filled_url(empty_url: str) -> str:
    """The module's database, filled with :func:`sample_reports` through the Store."""
    fill(empty_url, sample_reports())
    return empty_url


@pytest.fixture
def missing_sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'nothing-here.db'}"
