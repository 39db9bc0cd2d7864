"""ingest(): skipping by hash, path history, failures, retries, workers, lock, interrupts."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from load_fakes import fake_process, lenient_process
from sqlalchemy import text

from jixiao import PARSER_VERSION
from jixiao.errors import InfrastructureError, IngestLockedError
from jixiao.ingest import IngestOptions, hash_file, ingest
from jixiao.load import Store
from jixiao.progress import LogProgress

SERIAL = IngestOptions(workers=1)


def _write(path: Path, *lines: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _scalar(url: str, sql: str) -> object:
    with Store(url) as store, store.engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def _statuses(result: object) -> list[tuple[str, str]]:
    return [(Path(o.path).name, o.status) for o in result.outcomes]  # type: ignore[attr-defined]


def test_loads_a_folder_then_skips_it(db_url: str, tmp_path: Path) -> None:
    root = tmp_path / "in"
    _write(root / "b" / "two.pdf", "项目二")
    _write(root / "a.docx", "项目一")
    _write(root / "~$a.docx", "word lock file")
    _write(root / ".hidden.docx", "hidden")
    _write(root / "notes.txt", "not a report")
    first = ingest([root], db_url, SERIAL, process=fake_process)
    assert _statuses(first) == [("a.docx", "loaded"), ("two.pdf", "loaded")]
    assert (first.loaded, first.skipped, first.failed, first.interrupted) == (2, 0, 0, False)
    second = ingest([root], db_url, SERIAL, process=fake_process)
    assert _statuses(second) == [("a.docx", "skipped"), ("two.pdf", "skipped")]
    with Store(db_url) as store:
        runs = store.runs()
    assert [(r.id, r.status, r.counts.loaded, r.counts.skipped) for r in runs] == [
        (second.run_id, "finished", 0, 2),
        (first.run_id, "finished", 2, 0),
    ]
    assert runs[0].arguments["paths"] == [str(root)]
    assert _scalar(db_url, "SELECT COUNT(*) FROM reports") == 2


def test_renamed_file_is_the_same_document(db_url: str, tmp_path: Path) -> None:
    old = _write(tmp_path / "old" / "report.docx", "项目")
    ingest([old], db_url, SERIAL, process=fake_process)
    new = tmp_path / "new" / "renamed.docx"
    new.parent.mkdir()
    shutil.move(old, new)
    result = ingest([new], db_url, SERIAL, process=fake_process)
    assert _statuses(result) == [("renamed.docx", "skipped")]
    with Store(db_url) as store:
        info = store.document_by_sha(hash_file(new)[0])
    assert info is not None
    assert info.paths == (str(new.absolute()), str(old.absolute()))
    assert info.run_id == result.run_id
    assert _scalar(db_url, "SELECT COUNT(*) FROM documents") == 1


def test_changed_file_at_the_same_path_is_a_new_document(db_url: str, tmp_path: Path) -> None:
    path = _write(tmp_path / "report.docx", "版本一")
    first_sha = hash_file(path)[0]
    ingest([path], db_url, SERIAL, process=fake_process)
    _write(path, "版本二")
    result = ingest([path], db_url, SERIAL, process=fake_process)
    assert _statuses(result) == [("report.docx", "loaded")]
    with Store(db_url) as store:
        old = store.document_by_sha(first_sha)
        new = store.document_by_sha(hash_file(path)[0])
    assert old is not None and new is not None and old.id != new.id
    assert old.report_ids and new.report_ids
    assert old.paths == new.paths == (str(path.absolute()),)
    assert _scalar(db_url, "SELECT COUNT(*) FROM reports") == 2


def test_failures_are_recorded_and_the_batch_goes_on(
    db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _write(tmp_path / "1.docx", "好的")
    _write(tmp_path / "2.pdf", "坏的", "FAIL: encrypted PDF (needs a password)")
    _write(tmp_path / "3.docx", "有bug", "BUG")
    _write(tmp_path / "4.docx", "也好")
    with caplog.at_level(logging.ERROR, logger="jixiao.ingest"):
        result = ingest([tmp_path, tmp_path / "gone.docx"], db_url, SERIAL, process=fake_process)
    assert [(Path(o.path).name, o.status, o.reason) for o in result.outcomes] == [
        ("gone.docx", "failed", "no such file or folder"),
        ("1.docx", "loaded", None),
        ("2.pdf", "failed", "encrypted PDF (needs a password)"),
        ("3.docx", "failed", "internal error: ValueError: boom"),
        ("4.docx", "loaded", None),
    ]
    assert "Traceback" in caplog.text and "ValueError: boom" in caplog.text
    with Store(db_url) as store:
        failures = store.failures(result.run_id)
        [run] = store.runs()
    assert sorted((Path(f.path or "").name, f.format, f.reason) for f in failures) == [
        ("2.pdf", "pdf", "encrypted PDF (needs a password)"),
        ("3.docx", "docx", "internal error: ValueError: boom"),
    ]
    assert (run.counts.loaded, run.counts.failed) == (2, 3)


def test_failures_are_retried_by_the_next_run(db_url: str, tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.docx", "旧转换器读不了", "FAIL: cannot convert")
    first = ingest([tmp_path], db_url, SERIAL, process=fake_process)
    assert _statuses(first) == [("bad.docx", "failed")]
    second = ingest([tmp_path], db_url, SERIAL, process=lenient_process)
    assert _statuses(second) == [("bad.docx", "loaded")]
    with Store(db_url) as store:
        info = store.document_by_sha(hash_file(bad)[0])
        assert store.failures() == []
    assert info is not None and (info.status, info.error) == ("ok", None)


def test_newer_parser_or_reprocess_reparses(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "a.docx", "项目")
    ingest([tmp_path], db_url, SERIAL, process=fake_process)
    newer = IngestOptions(workers=1, parser_version=PARSER_VERSION + 1)
    assert _statuses(ingest([tmp_path], db_url, newer, process=fake_process)) == [
        ("a.docx", "loaded")
    ]
    assert _statuses(ingest([tmp_path], db_url, newer, process=fake_process)) == [
        ("a.docx", "skipped")
    ]
    again = IngestOptions(workers=1, parser_version=PARSER_VERSION + 1, reprocess=True)
    assert _statuses(ingest([tmp_path], db_url, again, process=fake_process)) == [
        ("a.docx", "loaded")
    ]
    assert _scalar(db_url, "SELECT COUNT(*) FROM reports") == 1
    assert _scalar(db_url, "SELECT parser_version FROM documents") == PARSER_VERSION + 1


def test_identical_copies_in_one_batch(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "a.docx", "同一份")
    _write(tmp_path / "b.docx", "同一份")
    result = ingest([tmp_path], db_url, SERIAL, process=fake_process)
    assert _statuses(result) == [("a.docx", "loaded"), ("b.docx", "skipped")]
    with Store(db_url) as store:
        info = store.document_by_sha(result.outcomes[0].sha256 or "")
    assert info is not None and len(info.paths) == 2


def test_worker_processes(db_url: str, tmp_path: Path) -> None:
    for i in range(6):
        _write(tmp_path / f"{i}.docx", f"项目{i}")
    _write(tmp_path / "6.docx", "项目0")  # same bytes as 0.docx
    _write(tmp_path / "7.docx", "bug", "BUG")
    _write(tmp_path / "8.docx", "crash", "CRASH")
    result = ingest([tmp_path], db_url, IngestOptions(workers=2), process=fake_process)
    by_name = {Path(o.path).name: (o.status, o.reason) for o in result.outcomes}
    assert len(result.outcomes) == 9
    assert {n for n, (s, _) in by_name.items() if s == "loaded"} == {f"{i}.docx" for i in range(6)}
    assert by_name["6.docx"] == ("skipped", None)
    assert by_name["7.docx"] == ("failed", "internal error: ValueError: boom")
    assert by_name["8.docx"] == (
        "failed",
        "internal error: the worker process died (a crash or out of memory)",
    )
    assert _scalar(db_url, "SELECT COUNT(*) FROM reports") == 6


def test_second_ingest_is_locked_out(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "a.docx", "项目")
    locked = r"^another jixiao ingest is writing to .*\(pid \d+, since "
    with Store(db_url) as holder, holder.lock(), pytest.raises(IngestLockedError, match=locked):
        ingest([tmp_path], db_url, SERIAL, process=fake_process)
    assert _scalar(db_url, "SELECT COUNT(*) FROM ingest_runs") == 0


def test_interrupt_returns_a_partial_result(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "1.docx", "项目一")
    _write(tmp_path / "2.docx", "中断", "INTERRUPT")
    _write(tmp_path / "3.docx", "项目三")
    result = ingest([tmp_path], db_url, SERIAL, process=fake_process)
    assert result.interrupted
    assert _statuses(result) == [("1.docx", "loaded")]
    with Store(db_url) as store:
        [run] = store.runs()
    assert (run.status, run.counts.loaded) == ("interrupted", 1)
    finished = ingest([tmp_path], db_url, SERIAL, process=lenient_process)
    assert _statuses(finished) == [
        ("1.docx", "skipped"),
        ("2.docx", "loaded"),
        ("3.docx", "loaded"),
    ]


def test_infrastructure_error_stops_the_run(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "1.docx", "项目一")
    _write(tmp_path / "2.docx", "坏", "INFRA")
    _write(tmp_path / "3.docx", "项目三")
    with pytest.raises(InfrastructureError, match="the converter service is down"):
        ingest([tmp_path], db_url, SERIAL, process=fake_process)
    with Store(db_url) as store:
        [run] = store.runs()
    assert (run.status, run.counts.loaded) == ("interrupted", 1)
    assert _scalar(db_url, "SELECT COUNT(*) FROM documents") == 1


def test_log_progress(db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _write(tmp_path / "1.docx", "项目一")
    _write(tmp_path / "2.docx", "坏", "FAIL: not a report")
    with caplog.at_level(logging.INFO, logger="jixiao.progress"):
        result = ingest([tmp_path], db_url, SERIAL, LogProgress(), process=fake_process)
    messages = [r.getMessage() for r in caplog.records if r.name == "jixiao.progress"]
    assert messages[0] == "ingest: 2 file(s) to look at"
    assert messages[1].startswith(f"[1/2] loaded  {tmp_path / '1.docx'} (")
    assert messages[2] == f"[2/2] failed  {tmp_path / '2.docx'}: not a report"
    assert messages[3] == (
        f"ingest run {result.run_id} finished: 1 loaded, 0 skipped, 1 failed, 0 without a report"
    )


def test_a_file_that_kills_every_worker_fails_alone(db_url: str, tmp_path: Path) -> None:
    # No worker has ever finished a file: the pool is checked with a no-op task before
    # the file is blamed.
    _write(tmp_path / "0.docx", "crash", "CRASH")
    result = ingest([tmp_path], db_url, IngestOptions(workers=2), process=fake_process)
    assert _statuses(result) == [("0.docx", "failed")]
    with Store(db_url) as store:
        [failure] = store.failures(result.run_id)
    assert failure.reason == "internal error: the worker process died (a crash or out of memory)"


def test_workers_need_a_module_level_process(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "0.docx", "项目")
    with pytest.raises(ValueError, match="process must be a module-level function"):
        ingest(
            [tmp_path], db_url, IngestOptions(workers=2), process=lambda p, o: fake_process(p, o)
        )


def test_bundles_and_documents_without_a_report(db_url: str, tmp_path: Path) -> None:
    _write(tmp_path / "bundle.pdf", "决算", "REPORTS 4")
    _write(tmp_path / "budget.pdf", "预算", "NOREPORT: no performance report in this document (x)")
    result = ingest([tmp_path], db_url, SERIAL, process=fake_process)
    assert _statuses(result) == [("budget.pdf", "no_report"), ("bundle.pdf", "loaded")]
    assert (result.loaded, result.reports, result.no_report, result.failed) == (1, 4, 1, 0)
    assert _scalar(db_url, "SELECT COUNT(*) FROM reports") == 4
    assert _scalar(db_url, "SELECT COUNT(DISTINCT unit_index) FROM reports") == 4
    assert _scalar(db_url, "SELECT no_report FROM ingest_runs") == 1
    # not retried by the same parser; re-parsed (all reports replaced) by a newer one
    again = ingest([tmp_path], db_url, SERIAL, process=fake_process)
    assert _statuses(again) == [("budget.pdf", "skipped"), ("bundle.pdf", "skipped")]
    _write(tmp_path / "other.pdf", "决算", "REPORTS 2")
    newer = IngestOptions(workers=1, parser_version=PARSER_VERSION + 1)
    bumped = ingest([tmp_path], db_url, newer, process=fake_process)
    assert sorted(_statuses(bumped)) == [
        ("budget.pdf", "no_report"),
        ("bundle.pdf", "loaded"),
        ("other.pdf", "loaded"),
    ]
    assert _scalar(db_url, "SELECT COUNT(*) FROM reports") == 6
    assert _scalar(db_url, "SELECT COUNT(*) FROM documents WHERE status = 'no_report'") == 1
