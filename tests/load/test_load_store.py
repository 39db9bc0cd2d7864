"""The Store on SQLite and PostgreSQL: exact values, idempotence, replace, failures, runs."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

import pytest
from load_fakes import CHILD_COUNTS, make_report
from sqlalchemy import select, text

from jixiao.errors import DocumentError, IngestLockedError
from jixiao.load import RunCounts, Store, report_to_rows
from jixiao.load.models import (
    CheckRow,
    DocumentRow,
    ExpenditureRow,
    FundRow,
    IndicatorRow,
    ReportRow,
)

SHA = "a" * 64


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as s:
        yield s


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def test_load_and_read_back_exact_values(store: Store) -> None:
    run = store.start_run({"paths": ["/x"]})
    report_id = store.load_report(make_report(SHA), path="/x/a.docx", run_id=run, parser_version=1)
    with store.engine.connect() as conn:
        report = conn.execute(select(ReportRow).where(ReportRow.id == report_id)).one()
        funds = conn.execute(select(FundRow).order_by(FundRow.ordinal)).all()
        expenditures = conn.execute(select(ExpenditureRow).order_by(ExpenditureRow.ordinal)).all()
        indicators = conn.execute(select(IndicatorRow).order_by(IndicatorRow.ordinal)).all()
        checks = conn.execute(select(CheckRow).order_by(CheckRow.ordinal)).all()
        document = conn.execute(select(DocumentRow)).one()
    assert report.project_name == "互联网+政务服务一体化平台"
    assert report.fiscal_year == 2019
    assert report.total_score == Decimal("92.5")
    assert isinstance(report.total_score, Decimal)
    assert report.evaluated_amount == Decimal("123456789012.34")
    assert report.report_date == "2019-01-24"
    assert report.provenance == {
        "project_name": {"table": 0, "row": 3, "col": 2},
        "total_score": {"page": 2, "bbox": [1.0, 2.0, 3.0, 4.0]},
    }
    assert [f.label for f in funds] == ["年度资金总额", "其中：中央财政"]
    assert funds[0].spent == Decimal("8987000.00")
    assert funds[0].execution_rate == Decimal("0.998556")
    assert funds[0].provenance == {"spent": {"table": 0, "row": 3, "col": 2}}
    assert funds[1].planned == Decimal("2696100.00") and funds[1].spent is None
    assert [e.amount for e in expenditures] == [
        Decimal("6290900.00"),
        Decimal("0.01"),
        Decimal("6290900.01"),
    ]
    assert [e.is_total for e in expenditures] == [False, False, True]
    assert indicators[0].is_key is True and indicators[1].is_key is None
    assert indicators[1].deviation_reason == "宣传不足"
    assert checks[0].fields == ["expenditures", "funds.spent"]
    assert checks[1].fields == []
    assert (document.status, document.run_id) == ("ok", run)
    assert (report.document_id, report.unit_index, report.unit_of) == (document.id, None, None)
    for table, expected in CHILD_COUNTS.items():
        assert _count(store, table) == expected, table


def test_reload_is_idempotent(store: Store) -> None:
    run = store.start_run({})
    first = store.load_report(make_report(SHA), path="/a.docx", run_id=run, parser_version=1)
    again = store.load_report(
        make_report(SHA, project_name="changed"), path="/b.docx", run_id=run, parser_version=1
    )
    assert again == first
    assert _count(store, "reports") == 1
    assert _count(store, "funds") == CHILD_COUNTS["funds"]
    info = store.document_by_sha(SHA)
    assert info is not None
    assert set(info.paths) == {"/a.docx", "/b.docx"}
    with store.engine.connect() as conn:
        assert conn.execute(select(ReportRow.project_name)).scalar_one() == (
            "互联网+政务服务一体化平台"
        )


def test_replace_swaps_the_report_atomically(store: Store) -> None:
    run = store.start_run({})
    store.load_report(make_report(SHA), path="/a.docx", run_id=run, parser_version=1)
    new = store.load_report(
        make_report(SHA, project_name="新名称", spent=Decimal("1.23")),
        path="/a.docx",
        run_id=run,
        parser_version=2,
        replace=True,
    )
    assert _count(store, "reports") == 1
    assert _count(store, "indicators") == CHILD_COUNTS["indicators"]
    info = store.document_by_sha(SHA)
    assert info is not None and info.report_ids == (new,) and info.parser_version == 2
    with store.engine.connect() as conn:
        assert conn.execute(select(ReportRow.project_name)).scalar_one() == "新名称"
        spent = conn.execute(select(FundRow.spent).where(FundRow.ordinal == 0)).scalar_one()
    assert spent == Decimal("1.23")


def test_a_report_the_database_rejects_is_a_document_error(store: Store) -> None:
    run = store.start_run({})
    bad = make_report(SHA, spent=Decimal("NaN"))
    with pytest.raises(DocumentError, match=r"non-finite number NaN in funds\[0\]\.spent"):
        store.load_report(bad, path="/a.docx", run_id=run, parser_version=1)
    assert _count(store, "documents") == 0


def test_failure_row_and_retry(store: Store) -> None:
    run = store.start_run({})
    store.record_failure(
        path="/bad.pdf",
        sha256=SHA,
        format="pdf",
        size=10,
        reason="encrypted PDF:\n needs a password",
        run_id=run,
        parser_version=1,
    )
    info = store.document_by_sha(SHA)
    assert info is not None
    assert (info.status, info.error, info.report_ids) == (
        "failed",
        "encrypted PDF: needs a password",
        (),
    )
    [failure] = store.failures(run)
    assert (failure.path, failure.reason, failure.format) == (
        "/bad.pdf",
        "encrypted PDF: needs a password",
        "pdf",
    )
    assert store.failures(run + 1) == []
    # A later success loads in place of the failure.
    report_id = store.load_report(make_report(SHA), path="/bad.pdf", run_id=run, parser_version=1)
    info = store.document_by_sha(SHA)
    assert info is not None
    assert (info.status, info.error, info.report_ids) == ("ok", None, (report_id,))
    assert store.failures() == []


def test_failed_reparse_keeps_the_old_report(store: Store) -> None:
    run = store.start_run({})
    report_id = store.load_report(make_report(SHA), path="/a.docx", run_id=run, parser_version=1)
    store.record_failure(
        path="/a.docx",
        sha256=SHA,
        format="docx",
        size=10,
        reason="parser 2 choked",
        run_id=run,
        parser_version=2,
    )
    info = store.document_by_sha(SHA)
    assert info is not None
    assert (info.status, info.report_ids, info.parser_version, info.error) == (
        "ok",
        (report_id,),
        1,
        "parser 2 choked",
    )
    assert [d.sha256 for d in store.stale_documents(2)] == [SHA]
    assert store.stale_documents(1) == []
    assert [f.status for f in store.failures()] == ["ok"]


def test_run_rows(store: Store) -> None:
    first = store.start_run({"paths": ["/data"], "workers": 2})
    store.finish_run(first, RunCounts(loaded=3, skipped=1, failed=2))
    second = store.start_run({"paths": []}, parser_version=7)
    [newest, oldest] = store.runs()
    assert (newest.id, newest.status, newest.finished_at) == (second, "running", None)
    assert newest.parser_version == 7
    assert oldest.id == first and oldest.status == "finished"
    assert oldest.counts == RunCounts(3, 1, 2)
    assert oldest.arguments == {"paths": ["/data"], "workers": 2}
    assert oldest.finished_at is not None and oldest.finished_at >= oldest.started_at
    assert oldest.started_at.tzinfo is not None
    assert len(store.runs(limit=1)) == 1


def test_a_locked_store_marks_dead_runs_interrupted(store: Store) -> None:
    dead = store.start_run({})
    with store.lock():
        live = store.start_run({})
    statuses = {r.id: r.status for r in store.runs()}
    assert statuses == {dead: "interrupted", live: "running"}


def test_second_lock_is_refused_with_the_holder(db_url: str) -> None:
    with Store(db_url) as first, Store(db_url) as second, first.lock():
        with pytest.raises(IngestLockedError) as info, second.lock():
            pass
        message = str(info.value)
        assert message.startswith("another jixiao ingest is writing to ")
        assert "(pid " in message and ", since 20" in message
    with Store(db_url) as third, third.lock():
        pass  # released


def test_a_number_too_large_for_its_column_is_refused_on_every_backend(store: Store) -> None:
    run = store.start_run({})
    bad = make_report(SHA, spent=Decimal("1E18"))
    with pytest.raises(DocumentError, match=r"the number 1E\+18 in funds\[0\]\.spent is too large"):
        store.load_report(bad, path="/a.docx", run_id=run, parser_version=1)
    fine = make_report(SHA, spent=Decimal("999999999999999999.99"))
    store.load_report(fine, path="/a.docx", run_id=run, parser_version=1)
    assert _count(store, "reports") == 1


def test_nul_bytes_are_dropped_and_overlong_codes_refused(store: Store) -> None:
    run = store.start_run({})
    store.load_report(
        make_report(SHA, project_name="平台\x00名称"), path="/a.docx", run_id=run, parser_version=1
    )
    with store.engine.connect() as conn:
        assert conn.execute(select(ReportRow.project_name)).scalar_one() == "平台名称"
    report = make_report("b" * 64)
    odd = dataclasses.replace(report.indicators[0], comparator="不低于（含）上年度水平")
    report = dataclasses.replace(report, indicators=(odd,))
    with pytest.raises(DocumentError, match=r"^indicators\[0\]\.comparator is longer than 8"):
        store.load_report(report, path="/b.docx", run_id=run, parser_version=1)


def test_the_database_refusing_a_row_is_a_document_error(pg_url: str) -> None:
    """A value PostgreSQL refuses (SQLite would take it): nothing is half-written."""
    with Store(pg_url) as store:
        run = store.start_run({})
        rows = report_to_rows(make_report(SHA))
        bad = dataclasses.replace(rows, report={**rows.report, "fiscal_year": "二〇一九"})
        with pytest.raises(DocumentError, match=r"^the database rejected the report: "):
            store.load_rows(bad, path="/a.docx", run_id=run, parser_version=1)
        assert _count(store, "documents") == 0
        assert _count(store, "funds") == 0
        store.record_failure(
            path="/a.docx",
            sha256=SHA,
            format="docx",
            size=1,
            reason="the database rejected the report",
            run_id=run,
            parser_version=1,
        )
        assert [f.status for f in store.failures(run)] == ["failed"]


def test_batched_skip_lookups_and_path_touches(store: Store) -> None:
    run = store.start_run({})
    loaded = "b" * 64
    failed = "c" * 64
    store.load_report(make_report(loaded), path="/x/a.docx", run_id=run, parser_version=1)
    store.record_failure(
        path="/x/bad.docx",
        sha256=failed,
        format="docx",
        size=3,
        reason="damaged",
        run_id=run,
        parser_version=1,
    )
    # Only documents with a report count as loaded; unknown hashes are absent.
    assert store.loaded_versions([loaded, failed, "d" * 64]) == {loaded: 1}
    store.touch_paths([(loaded, "/x/a.docx"), (loaded, "/y/renamed.docx")], run)
    info = store.document_by_sha(loaded)
    assert info is not None
    assert set(info.paths) == {"/x/a.docx", "/y/renamed.docx"}
    with pytest.raises(KeyError):
        store.touch_paths([("e" * 64, "/z.docx")], run)
