"""Revision 0004 (review) upgrades a database holding data without losing any."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from jixiao.load import head_revision, upgrade
from jixiao.load.database import normalize_url

PREVIOUS = "0003"


def test_upgrade_to_0004_keeps_the_reports(db_url: str) -> None:
    upgrade(db_url, PREVIOUS)
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO documents (id, sha256, size, status, parser_version, first_seen,"
                    " last_seen) VALUES (1, :sha, 10, 'ok', 1, :t, :t)"
                ),
                {"sha": "b" * 64, "t": "2026-01-01 00:00:00+00:00"},
            )
            conn.execute(
                text(
                    "INSERT INTO reports (id, document_id, schema_version, project_name,"
                    " total_score) VALUES (1, 1, 1, '平台', 92)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO funds (id, report_id, ordinal, label, spent)"
                    " VALUES (1, 1, 0, '合计', 8987000.00)"
                )
            )
        assert upgrade(db_url) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT project_name, total_score FROM reports")).one() == (
                "平台",
                92,
            )
            assert conn.execute(text("SELECT spent FROM funds")).scalar_one() == 8987000
            assert conn.execute(text("SELECT reviewed, corrected_values FROM v_reviews")).one() == (
                0,
                0,
            )
            assert conn.execute(text("SELECT COUNT(*) FROM v_corrections")).scalar_one() == 0
        assert {"corrections", "reviews"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
