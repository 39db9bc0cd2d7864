"""Fixtures for the load/ingest tests: a database URL per backend, a report factory.

PostgreSQL tests get a fresh database each (``jixiao_test_<random>``), dropped after.
If the server is unreachable they fail under CI (env ``CI`` set) and are skipped
loudly otherwise.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

# load_fakes (the report factory and fake `process` functions) must be importable by
# name, also in worker and child processes, which inherit sys.path.
sys.path.insert(0, str(Path(__file__).parent))

PG_URL = os.environ.get("JIXIAO_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_database() -> Iterator[str]:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"jixiao_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except sa_exc.OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL unreachable at {PG_URL} (set JIXIAO_TEST_PG_URL): {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip("SKIPPING POSTGRES TESTS: " + message)
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'jixiao.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """An empty PostgreSQL database, for behaviour only PostgreSQL has."""
    yield from _postgres_database()
