"""Revision 0002 (report units) upgrades a 0001 database holding data without loss."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from jixiao.load import Store, head_revision, upgrade
from jixiao.load.database import downgrade, normalize_url

NOW = "2026-11-30 10:00:00+00:00"
CHILD_ROWS = {
    "funds": "INSERT INTO funds (id, report_id, ordinal, label, source, spent) "
    "VALUES ({id}, {report}, 0, '年度资金总额', 'total', 8987000.00)",
    "indicators": "INSERT INTO indicators (id, report_id, ordinal, name, score, weight) "
    "VALUES ({id}, {report}, 0, '覆盖率', 9.5, 10)",
    "checks": "INSERT INTO checks (id, report_id, ordinal, rule, severity, message) "
    "VALUES ({id}, {report}, 0, 'grade_band', 'warning', '等次与得分不符')",
    "sections": "INSERT INTO sections (id, report_id, ordinal, heading, level, text) "
    "VALUES ({id}, {report}, 0, '一、项目概况', 1, '正文')",
    "goals": "INSERT INTO goals (id, report_id, ordinal, expected) "
    "VALUES ({id}, {report}, 0, '目标')",
    "evaluators": "INSERT INTO evaluators (id, report_id, ordinal, name) "
    "VALUES ({id}, {report}, 0, '张三')",
    "expenditures": "INSERT INTO expenditures (id, report_id, ordinal, item, amount, is_total) "
    "VALUES ({id}, {report}, 0, '设备', 100.01, false)",
}


def _fill_0001(url: str) -> None:
    engine = create_engine(normalize_url(url))
    try:
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO ingest_runs (id, started_at, arguments, jixiao_version, "
                    "parser_version, loaded, skipped, failed, status) "
                    f"VALUES (1, '{NOW}', '{{}}', '0.1', 1, 2, 0, 1, 'finished')"
                )
            )
            for doc, status in ((1, "ok"), (2, "ok"), (3, "failed")):
                conn.execute(
                    text(
                        "INSERT INTO documents (id, sha256, format, size, status, error, "
                        "parser_version, first_seen, last_seen, run_id) VALUES "
                        f"({doc}, '{str(doc) * 64}', 'docx', 10, '{status}', "
                        f"{'NULL' if status == 'ok' else repr('damaged')}, 1, '{NOW}', '{NOW}', 1)"
                    )
                )
                conn.execute(
                    text(
                        "INSERT INTO document_paths (document_id, path, first_seen, last_seen) "
                        f"VALUES ({doc}, '/a/{doc}.docx', '{NOW}', '{NOW}')"
                    )
                )
            for report, doc in ((10, 1), (20, 2)):
                conn.execute(
                    text(
                        "INSERT INTO reports (id, document_id, schema_version, title, "
                        "project_name, total_score, provenance) VALUES "
                        f"({report}, {doc}, 1, '自评报告{doc}', '项目{doc}', 92.5, "
                        """'{"project_name": {"table": 0}}')"""
                    )
                )
                conn.execute(text(f"UPDATE documents SET report_id = {report} WHERE id = {doc}"))
                for _table, sql in CHILD_ROWS.items():
                    conn.execute(text(sql.format(id=report, report=report)))
    finally:
        engine.dispose()


def _snapshot(url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = create_engine(normalize_url(url))
    queries = {
        "documents": "SELECT id, sha256, status, error FROM documents ORDER BY id",
        "paths": "SELECT document_id, path FROM document_paths ORDER BY id",
        "reports": "SELECT id, document_id, title, project_name, total_score FROM reports "
        "ORDER BY id",
        "runs": "SELECT id, loaded, failed, status FROM ingest_runs ORDER BY id",
        **{t: f"SELECT * FROM {t} ORDER BY id" for t in CHILD_ROWS},
    }
    try:
        with engine.connect() as conn:
            return {k: [tuple(r) for r in conn.execute(text(q))] for k, q in queries.items()}
    finally:
        engine.dispose()


def test_0001_database_with_data_upgrades_to_0002_without_loss(db_url: str) -> None:
    assert upgrade(db_url, "0001") == "0001"
    _fill_0001(db_url)
    before = _snapshot(db_url)
    assert upgrade(db_url, "0002") == "0002"
    after = _snapshot(db_url)
    assert after == before
    engine = create_engine(normalize_url(db_url))
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("documents")}
        assert "report_id" not in columns
        with engine.connect() as conn:
            units = conn.execute(
                text("SELECT id, unit_index, unit_of, unit_title FROM reports ORDER BY id")
            ).all()
            summary = conn.execute(
                text(
                    "SELECT report_id, project_name, unit_index FROM v_report_summary "
                    "ORDER BY report_id"
                )
            ).all()
            no_report = conn.execute(text("SELECT no_report FROM ingest_runs")).scalar_one()
    finally:
        engine.dispose()
    assert [tuple(u) for u in units] == [(10, 1, 1, "自评报告1"), (20, 1, 1, "自评报告2")]
    assert [tuple(s) for s in summary] == [(10, "项目1", 1), (20, "项目2", 1)]
    assert no_report == 0
    # The upgraded database takes a second report for a document.
    with Store(db_url) as store:
        info = store.document_by_sha("1" * 64)
        assert info is not None and info.report_ids == (10,)
    if head_revision() == "0002":
        # and goes back to 0001 keeping each document's first report
        assert downgrade(db_url, "0001") == "0001"
        assert _snapshot(db_url) == before
