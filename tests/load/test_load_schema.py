"""Schema: migrations create exactly the models' tables; revisions are checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from jixiao.errors import DatabaseURLError, InfrastructureError, SchemaVersionError
from jixiao.load import Store, head_revision, upgrade
from jixiao.load.database import downgrade, normalize_url
from jixiao.load.models import CHILD_TABLES, Base, ReportRow
from jixiao.load.views import CURRENT_VIEWS
from jixiao.normalize import canonical

EXPECTED_TABLES = {
    "documents",
    "document_paths",
    "report_key_overrides",
    "reports",
    "funds",
    "expenditures",
    "goals",
    "indicators",
    "evaluators",
    "sections",
    "checks",
    "ingest_runs",
    "corrections",
    "reviews",
    "alembic_version",
}


def test_migration_from_empty_to_head_creates_tables_and_views(db_url: str) -> None:
    assert upgrade(db_url) == head_revision()
    engine = create_engine(normalize_url(db_url))
    try:
        inspector = inspect(engine)
        assert set(inspector.get_table_names()) == EXPECTED_TABLES
        assert set(inspector.get_view_names()) == set(CURRENT_VIEWS)
        with engine.connect() as conn:
            for view in CURRENT_VIEWS:
                assert conn.execute(text(f"SELECT COUNT(*) FROM {view}")).scalar() == 0
    finally:
        engine.dispose()
    # Running it again is a no-op.
    assert upgrade(db_url) == head_revision()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_every_canonical_field_has_a_column() -> None:
    pairs = [(canonical.Report, ReportRow)] + [
        (type_, CHILD_TABLES[name])
        for name, type_ in [
            ("funds", canonical.Fund),
            ("expenditures", canonical.Expenditure),
            ("goals", canonical.Goal),
            ("indicators", canonical.Indicator),
            ("evaluators", canonical.Evaluator),
            ("sections", canonical.Section),
            ("checks", canonical.Check),
        ]
    ]
    assert set(CHILD_TABLES) == {f.name for f in dataclasses.fields(canonical.CanonicalReport)} - {
        "source",
        "report",
        "schema_version",
        "unit",
        "coverage",
    }
    unit_columns = {f"unit_{f.name}" for f in dataclasses.fields(canonical.ReportUnit)}
    coverage_columns = {f.name for f in dataclasses.fields(canonical.Coverage)} - {"rows_furniture"}
    report_columns = {c.name for c in ReportRow.__table__.columns}
    assert unit_columns | coverage_columns <= report_columns
    for dataclass_type, model in pairs:
        columns = {c.name for c in model.__table__.columns}
        fields = {f.name for f in dataclasses.fields(dataclass_type)}
        assert fields - columns == set(), dataclass_type.__name__
        assert "provenance" in columns


def test_store_creates_an_empty_database_at_head(db_url: str) -> None:
    with Store(db_url) as store:
        assert store.runs() == []
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                head_revision()
            )
    finally:
        engine.dispose()


def test_store_refuses_a_newer_schema_revision(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    finally:
        engine.dispose()
    with pytest.raises(SchemaVersionError) as info:
        Store(db_url)
    message = str(info.value)
    assert "schema revision '9999_future', newer than this jixiao" in message
    assert f"its newest is '{head_revision()}'" in message
    with pytest.raises(SchemaVersionError):
        upgrade(db_url)


def test_store_without_create_refuses_an_empty_database(db_url: str) -> None:
    with pytest.raises(SchemaVersionError, match=r"has no jixiao schema; run `jixiao db upgrade`"):
        Store(db_url, create=False)


def test_store_refuses_unversioned_jixiao_tables(db_url: str) -> None:
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY)"))
    finally:
        engine.dispose()
    with pytest.raises(SchemaVersionError, match="has jixiao tables but no schema revision"):
        Store(db_url)


def test_an_unreachable_server_is_an_infrastructure_error() -> None:
    with pytest.raises(
        InfrastructureError, match=r"^database postgresql\+psycopg://u:\*\*\*@127\.0\.0\.1:1/x: "
    ):
        Store("postgresql://u:secret@127.0.0.1:1/x")


def test_a_sqlite_file_in_a_missing_folder_is_a_configuration_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing' / 'jixiao.db'}"
    with pytest.raises(DatabaseURLError, match="no folder .*missing"):
        Store(url)


def test_downgrade_to_base_and_back(db_url: str) -> None:
    upgrade(db_url)
    with Store(db_url) as store:
        run = store.start_run({})
    assert run == 1
    assert downgrade(db_url, "base") is None
    engine = create_engine(normalize_url(db_url))
    try:
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert inspect(engine).get_view_names() == []
    finally:
        engine.dispose()
    assert upgrade(db_url) == head_revision()


def test_the_shipped_head_constant_is_alembics_head() -> None:
    """ensure_schema trusts SHIPPED_HEAD to skip Alembic: it must name the newest revision."""
    from jixiao.load.database import SHIPPED_HEAD

    assert head_revision() == SHIPPED_HEAD
