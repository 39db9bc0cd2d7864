"""0..N reports per document: a bundle's reports in one transaction, no_report documents."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

import pytest
from load_fakes import CHILD_COUNTS, make_report
from sqlalchemy import select, text

from jixiao import frames
from jixiao.errors import DocumentError
from jixiao.load import Store
from jixiao.load.models import ReportRow
from jixiao.normalize.canonical import CanonicalReport, Coverage, ReportUnit

SHA = "a" * 64


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


def bundle(n: int, sha: str = SHA, prefix: str = "项目") -> tuple[CanonicalReport, ...]:
    base = make_report(sha, file="/b/决算.pdf")
    return tuple(
        dataclasses.replace(
            base,
            report=dataclasses.replace(base.report, project_name=f"{prefix}{i}"),
            unit=ReportUnit(
                index=i, of=n, title=f"{prefix}{i}绩效自评表", pages=(2 * i, 2 * i + 1)
            ),
        )
        for i in range(1, n + 1)
    )


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def test_a_bundle_loads_every_report_with_its_unit(store: Store) -> None:
    run = store.start_run({})
    ids = store.load_reports(bundle(3), path="/b/决算.pdf", run_id=run, parser_version=1)
    assert len(ids) == 3 and len(set(ids)) == 3
    with store.engine.connect() as conn:
        rows = conn.execute(select(ReportRow).order_by(ReportRow.unit_index)).all()
        summary = conn.execute(
            text(
                "SELECT project_name, unit_index, unit_of, unit_pages FROM v_report_summary "
                "ORDER BY unit_index"
            )
        ).all()
    assert [(r.project_name, r.unit_index, r.unit_of) for r in rows] == [
        ("项目1", 1, 3),
        ("项目2", 2, 3),
        ("项目3", 3, 3),
    ]
    assert [r.unit_pages for r in rows] == ["2-3", "4-5", "6-7"]
    assert rows[0].unit_title == "项目1绩效自评表" and rows[0].unit_tables is None
    assert len({r.document_id for r in rows}) == 1
    assert [tuple(s) for s in summary] == [
        ("项目1", 1, 3, "2-3"),
        ("项目2", 2, 3, "4-5"),
        ("项目3", 3, 3, "6-7"),
    ]
    for table, count in CHILD_COUNTS.items():
        assert _count(store, table) == 3 * count, table
    info = store.document_by_sha(SHA)
    assert info is not None and info.report_ids == ids and info.status == "ok"
    labels = frames.report_labels(store.url)
    assert [(label["project_name"], label["unit"]) for label in labels.values()] == [
        ("项目1", "1/3"),
        ("项目2", "2/3"),
        ("项目3", "3/3"),
    ]


def test_reingest_adds_nothing_and_reparse_replaces_all_reports(store: Store) -> None:
    run = store.start_run({})
    first = store.load_reports(bundle(3), path="/b/决算.pdf", run_id=run, parser_version=1)
    again = store.load_reports(bundle(5), path="/c/copy.pdf", run_id=run, parser_version=1)
    assert again == first and _count(store, "reports") == 3
    new = store.load_reports(
        bundle(2, prefix="新"), path="/b/决算.pdf", run_id=run, parser_version=2, replace=True
    )
    assert _count(store, "reports") == 2
    assert _count(store, "indicators") == 2 * CHILD_COUNTS["indicators"]
    with store.engine.connect() as conn:
        names = conn.execute(select(ReportRow.project_name).order_by(ReportRow.id)).scalars()
        assert list(names) == ["新1", "新2"]
    info = store.document_by_sha(SHA)
    assert info is not None and info.report_ids == new and info.parser_version == 2


def test_one_bad_report_of_a_bundle_loads_none_of_them(store: Store) -> None:
    run = store.start_run({})
    reports = list(bundle(3))
    reports[2] = dataclasses.replace(
        reports[2], funds=(dataclasses.replace(reports[2].funds[0], spent=Decimal("NaN")),)
    )
    with pytest.raises(DocumentError, match="non-finite"):
        store.load_reports(reports, path="/b/决算.pdf", run_id=run, parser_version=1)
    assert _count(store, "documents") == 0 and _count(store, "reports") == 0


def test_coverage_is_written_when_present(store: Store) -> None:
    run = store.start_run({})
    [report] = bundle(1)
    report = dataclasses.replace(
        report,
        coverage=Coverage(
            tables_rows_read=40, rows_unread=2, rows_furniture=3, coverage=Decimal("0.952381")
        ),
    )
    store.load_reports([report], path="/b/决算.pdf", run_id=run, parser_version=1)
    with store.engine.connect() as conn:
        row = conn.execute(select(ReportRow)).one()
    assert (row.tables_rows_read, row.rows_unread, row.coverage) == (40, 2, Decimal("0.952381"))


def test_no_report_is_recorded_apart_from_failures_and_not_retried(store: Store) -> None:
    run = store.start_run({})
    reason = "no performance report in this document (a budget publication: 12 budget tables)"
    store.record_no_report(
        path="/b/预算.pdf",
        sha256=SHA,
        format="pdf",
        size=9,
        reason=reason,
        run_id=run,
        parser_version=1,
    )
    store.record_failure(
        path="/b/bad.pdf",
        sha256="b" * 64,
        format="pdf",
        size=1,
        reason="damaged",
        run_id=run,
        parser_version=1,
    )
    info = store.document_by_sha(SHA)
    assert info is not None and (info.status, info.error, info.report_ids) == (
        "no_report",
        reason,
        (),
    )
    assert [f.reason for f in store.failures()] == ["damaged"]
    assert [(f.path, f.status, f.reason) for f in store.failures(no_report=True)] == [
        ("/b/预算.pdf", "no_report", reason)
    ]
    # Read fine: skipped by the same parser, re-parsed by a newer one.
    assert store.loaded_versions([SHA, "b" * 64]) == {SHA: 1}
    assert [d.sha256 for d in store.stale_documents(2)] == [SHA, "b" * 64]


def test_a_reparse_that_finds_no_report_removes_the_old_reports(store: Store) -> None:
    run = store.start_run({})
    store.load_reports(bundle(2), path="/b/决算.pdf", run_id=run, parser_version=1)
    store.record_no_report(
        path="/b/决算.pdf",
        sha256=SHA,
        format="pdf",
        size=9,
        reason="no performance report",
        run_id=run,
        parser_version=2,
    )
    assert _count(store, "reports") == 0 and _count(store, "funds") == 0
    info = store.document_by_sha(SHA)
    assert info is not None and info.status == "no_report" and info.parser_version == 2
    # and the other way round: a newer parser finds reports in it
    store.load_reports(bundle(2), path="/b/决算.pdf", run_id=run, parser_version=3, replace=True)
    info = store.document_by_sha(SHA)
    assert info is not None and info.status == "ok" and info.error is None
    assert len(info.report_ids) == 2


def test_a_failed_reparse_of_a_document_without_a_report_is_a_failure(store: Store) -> None:
    run = store.start_run({})
    store.record_no_report(
        path="/b.pdf",
        sha256=SHA,
        format="pdf",
        size=9,
        reason="no performance report",
        run_id=run,
        parser_version=1,
    )
    store.record_failure(
        path="/b.pdf",
        sha256=SHA,
        format="pdf",
        size=9,
        reason="parser 2 choked",
        run_id=run,
        parser_version=2,
    )
    assert [(f.status, f.reason) for f in store.failures()] == [("failed", "parser 2 choked")]
    assert store.failures(no_report=True) == []
