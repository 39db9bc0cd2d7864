"""Revision 0005 (file_stat) upgrades a database holding data without losing any; its
paths start without a stat key (the first run after the upgrade hashes every file)."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from jixiao.load import head_revision, upgrade
from jixiao.load.database import downgrade, normalize_url

PREVIOUS = "0004"


def test_upgrade_to_0005_keeps_documents_paths_and_reports(db_url: str) -> None:
    upgrade(db_url, PREVIOUS)
    engine = create_engine(normalize_url(db_url))
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO documents (id, sha256, size, status, parser_version, first_seen,"
                    " last_seen) VALUES (1, :sha, 10, 'ok', 2, :t, :t)"
                ),
                {"sha": "c" * 64, "t": "2026-01-01 00:00:00+00:00"},
            )
            conn.execute(
                text(
                    "INSERT INTO document_paths (id, document_id, path, first_seen, last_seen)"
                    " VALUES (1, 1, '/archive/a.docx', :t, :t)"
                ),
                {"t": "2026-01-01 00:00:00+00:00"},
            )
            conn.execute(
                text(
                    "INSERT INTO reports (id, document_id, schema_version, project_name)"
                    " VALUES (1, 1, 1, '平台')"
                )
            )
        assert upgrade(db_url) == head_revision() == "0005"
        with engine.connect() as conn:
            assert conn.execute(
                text("SELECT document_id, path, file_stat FROM document_paths")
            ).one() == (1, "/archive/a.docx", None)
            assert conn.execute(text("SELECT project_name FROM reports")).scalar_one() == "平台"
            assert conn.execute(text("SELECT COUNT(*) FROM v_report_summary")).scalar_one() == 1
        with engine.begin() as conn:
            conn.execute(text("UPDATE document_paths SET file_stat = '10:1:2:3'"))
        assert downgrade(db_url, PREVIOUS) == PREVIOUS
        with engine.connect() as conn:
            assert conn.execute(text("SELECT path FROM document_paths")).scalar_one() == (
                "/archive/a.docx"
            )
            assert conn.execute(text("SELECT COUNT(*) FROM v_report_summary")).scalar_one() == 1
    finally:
        engine.dispose()
