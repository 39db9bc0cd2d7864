"""docs/SCHEMA.md, docs/metadata.yml and the PostgreSQL comments describe every column."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from sqlalchemy import create_engine, text

from jixiao.load import upgrade
from jixiao.load.database import normalize_url
from jixiao.load.models import Base
from jixiao.load.schema_docs import TABLES, VIEWS
from jixiao.load.views import CURRENT_VIEWS

ROOT = Path(__file__).resolve().parents[2]


def _builder():  # scripts/ is not a package the tests import by name
    spec = importlib.util.spec_from_file_location(
        "build_schema_docs", ROOT / "scripts/build_schema_docs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_table_column_and_view_is_described() -> None:
    for table in Base.metadata.sorted_tables:
        about, columns = TABLES[table.name]
        assert about
        assert [c.name for c in table.columns if not columns.get(c.name)] == [], table.name
    assert set(VIEWS) == set(CURRENT_VIEWS)


def test_generated_docs_are_up_to_date() -> None:
    builder = _builder()
    assert (ROOT / "docs/SCHEMA.md").read_text(encoding="utf-8") == builder.schema_markdown()
    assert (ROOT / "docs/metadata.yml").read_text(encoding="utf-8") == builder.datasette_metadata()
    assert "Every input document" in (ROOT / "docs/CANONICAL.md").read_text(encoding="utf-8")


def test_every_environment_variable_is_documented() -> None:
    used = set()
    for folder in ("extract", "normalize", "load", "pipeline", "cli"):
        for path in (ROOT / folder).rglob("*.py"):
            used |= set(re.findall(r"\"(JIXIAO_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    schema = (ROOT / "docs/SCHEMA.md").read_text(encoding="utf-8")
    assert used and [v for v in sorted(used) if f"`{v}`" not in schema] == []


def test_postgresql_columns_carry_comments(db_url: str) -> None:
    upgrade(db_url)
    if not db_url.startswith("postgres"):
        return
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.connect() as conn:
            comment = conn.execute(
                text(
                    "SELECT col_description('indicators'::regclass, a.attnum) FROM pg_attribute a "
                    "WHERE a.attrelid = 'indicators'::regclass AND a.attname = 'target_status'"
                )
            ).scalar_one()
            view = conn.execute(
                text("SELECT obj_description('v_report_summary'::regclass, 'pg_class')")
            ).scalar_one()
    finally:
        engine.dispose()
    assert comment == TABLES["indicators"][1]["target_status"]
    assert view == VIEWS["v_report_summary"]
