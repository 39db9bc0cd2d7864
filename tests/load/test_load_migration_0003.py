"""Revision 0003 (report identity, versions, target status) upgrades a 0002 database
holding data without loss, fills the new columns, and goes back to 0002."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import create_engine, text
from test_load_migration_0002 import NOW, _fill_0001, _snapshot

from jixiao.load import head_revision, upgrade
from jixiao.load.database import downgrade, normalize_url
from jixiao.load.exact import unscale

LATER = "2026-12-01 10:00:00+00:00"
NEW_COLUMNS = {"target_status", "report_key", "stable_key", "is_scan"}
SCALED = {
    "reports": {"total_score": 4},
    "funds": {"spent": 2},
    "indicators": {"score": 4, "weight": 4, "target_value": 4, "actual_value": 4},
    "expenditures": {"amount": 2},
}


def _fill_0002_extra(url: str) -> None:
    """A corrected copy of document 1 saved over it (same path, same project, later),
    and an indicator with a target and no comparator."""
    engine = create_engine(normalize_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO documents (id, sha256, format, size, status, parser_version, "
                    f"first_seen, last_seen, run_id) VALUES (4, '{'4' * 64}', 'docx', 11, 'ok', "
                    f"1, '{LATER}', '{LATER}', 1)"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO document_paths (document_id, path, first_seen, last_seen) "
                    f"VALUES (4, '/a/1.docx', '{LATER}', '{LATER}')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO reports (id, document_id, schema_version, title, project_name, "
                    "unit_index, unit_of, provenance) VALUES (40, 4, 1, '自评报告1', ' 项目1 ', "
                    """1, 1, '{"project_name": {"page": 1, "via": "ocr"}}')"""
                )
            )
            conn.execute(
                text(
                    "INSERT INTO indicators (id, report_id, ordinal, name, target, actual, "
                    "target_value, actual_value) VALUES (41, 40, 0, '完成率', '100%', '96.8%', "
                    "100, 96.8)"
                )
            )
    finally:
        engine.dispose()


def _exact_snapshot(url: str, *, scaled: bool) -> dict[str, list[dict[str, object]]]:
    """Every row of the data tables by column name, exact columns as normalised Decimal
    (``scaled``: SQLite at 0003, whose exact columns hold scaled integers)."""
    engine = create_engine(normalize_url(url))
    sqlite = engine.dialect.name == "sqlite"
    out: dict[str, list[dict[str, object]]] = {}
    try:
        with engine.connect() as conn:
            for table, columns in SCALED.items():
                rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()
                out[table] = []
                for row in rows:
                    values = {k: v for k, v in row.items() if k not in NEW_COLUMNS}
                    for name, places in columns.items():
                        value = values.get(name)
                        if value is None:
                            continue
                        if scaled and sqlite:
                            value = unscale(value, places)
                        values[name] = Decimal(str(value)).normalize()
                    out[table].append(values)
    finally:
        engine.dispose()
    return out


def _old_columns(
    after: dict[str, list[tuple[object, ...]]], before: dict[str, list[tuple[object, ...]]]
) -> dict[str, list[tuple[object, ...]]]:
    width = {k: len(rows[0]) if rows else 0 for k, rows in before.items()}
    return {k: [r[: width[k]] for r in rows] for k, rows in after.items()}


def _rows(url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def test_0002_database_with_data_upgrades_to_0003_without_loss(db_url: str) -> None:
    assert upgrade(db_url, "0001") == "0001"
    _fill_0001(db_url)
    assert upgrade(db_url, "0002") == "0002"
    _fill_0002_extra(db_url)
    before = _snapshot(db_url)
    exact_before = _exact_snapshot(db_url, scaled=False)
    assert upgrade(db_url, "0003") == "0003"
    exact_after = _exact_snapshot(db_url, scaled=True)
    assert exact_after == exact_before and exact_after["funds"]  # the same numbers
    after = _old_columns(_snapshot(db_url), before)  # new columns come last
    for table in SCALED:  # compared column by column above (SQLite stores them scaled now)
        after[table] = before[table]
    assert after == before
    keys = _rows(db_url, "SELECT id, report_key, stable_key, is_scan FROM reports ORDER BY id")
    assert keys[0][1] == keys[2][1] == "||项目1||"  # the corrected copy is the same report
    assert keys[1][1] == "||项目2||"
    assert keys[0][2] == "1" * 64 + "#1"
    assert [bool(k[3]) for k in keys] == [False, False, True]
    current = _rows(db_url, "SELECT id, is_current FROM documents ORDER BY id")
    assert [(i, bool(c)) for i, c in current] == [(1, False), (2, True), (3, True), (4, True)]
    status = _rows(db_url, "SELECT id, target_status FROM indicators ORDER BY id")
    assert dict(status)[41] == "not_met"  # no comparator: at least 100 %
    # each report once: the current version of document 1's report, and report 20
    summary = _rows(db_url, "SELECT report_id, versions FROM v_report_summary ORDER BY report_id")
    assert summary == [(20, 1), (40, 2)]
    dupes = _rows(db_url, "SELECT report_id, version_rank FROM v_report_duplicates ORDER BY 1")
    assert dupes == [(10, 2), (40, 1)]
    if head_revision() == "0003":
        assert downgrade(db_url, "0002") == "0002"
        assert _snapshot(db_url) == before
        assert NOW  # the 0002 fixture's clock, shared
