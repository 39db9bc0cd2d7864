"""The unchanged-file rule of a re-run (jixiao.file_stat, jixiao.unchanged).

A file whose size, mtime, ctime and inode at its path are those recorded when its
bytes were hashed there is skipped without being read; any difference means it is
hashed again, and only new bytes are parsed. What is *not* caught (documented in
jixiao.file_stat): a write in the same timestamp tick as the recorded stat (hence
keys are recorded only for files at least RACY_SECONDS old), a reset system clock.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from load_fakes import fake_process
from sqlalchemy import text

from jixiao import file_stat, ingest_run, unchanged
from jixiao.file_stat import stat_key, trusted_key
from jixiao.ingest import IngestOptions, ingest
from jixiao.load import Store

SERIAL = IngestOptions(workers=1)


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the files the driver hashes (read), in order; keys are trusted at
    once (no racy window: the files of a test are milliseconds old)."""
    monkeypatch.setattr(file_stat, "RACY_SECONDS", 0.0)
    names: list[str] = []

    def counting(path: Path) -> file_stat.Hashed:
        names.append(Path(path).name)
        return file_stat.hash_file(path)

    monkeypatch.setattr(unchanged, "hash_file", counting)
    monkeypatch.setattr(ingest_run, "hash_file", counting)
    yield names


def _write(path: Path, text_: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text_ + "\n", encoding="utf-8")
    return path


def _run(root: Path, url: str, options: IngestOptions = SERIAL) -> list[tuple[str, str]]:
    result = ingest([root], url, options, process=fake_process)
    return [(Path(o.path).name, o.status) for o in result.outcomes]


def _reports(url: str) -> list[str]:
    with Store(url) as store, store.engine.connect() as conn:
        return list(conn.execute(text("SELECT project_name FROM reports ORDER BY id")).scalars())


def test_an_unchanged_file_is_skipped_unread(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    _write(tmp_path / "a.docx", "项目一")
    _write(tmp_path / "b.docx", "项目二\nNOREPORT: 预算公开")
    assert _run(tmp_path, db_url) == [("a.docx", "loaded"), ("b.docx", "no_report")]
    hashed.clear()
    assert _run(tmp_path, db_url) == [("a.docx", "skipped"), ("b.docx", "skipped")]
    assert hashed == []  # neither file was read
    with Store(db_url) as store:
        [latest, _] = store.runs()
        assert (latest.counts.skipped, latest.status) == (2, "finished")


def test_a_touched_file_is_hashed_once_then_skipped_unread(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    path = _write(tmp_path / "a.docx", "项目一")
    _run(tmp_path, db_url)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10**9))  # same bytes, other mtime
    hashed.clear()
    assert _run(tmp_path, db_url) == [("a.docx", "skipped")]
    assert hashed == ["a.docx"]  # its stat changed: read, found loaded, new key kept
    hashed.clear()
    assert _run(tmp_path, db_url) == [("a.docx", "skipped")]
    assert hashed == []


def test_new_bytes_of_the_same_size_and_mtime_are_read(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    """Rewritten in place, same length, the old mtime put back (as ``touch -d`` or a
    careless tool would): the ctime still moved, so the file is read again."""
    path = _write(tmp_path / "a.docx", "项目一")
    _run(tmp_path, db_url)
    before = path.stat()
    path.write_text("项目二\n", encoding="utf-8")  # same number of bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    hashed.clear()
    assert _run(tmp_path, db_url) == [("a.docx", "loaded")]
    assert hashed == ["a.docx"]
    assert _reports(db_url) == ["项目一", "项目二"]


def test_a_file_replaced_by_a_copy_with_the_old_mtime_is_read(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    """``cp -p`` / ``rsync -t`` over the file: same size and mtime, another inode."""
    path = _write(tmp_path / "in" / "a.docx", "项目一")
    _run(tmp_path / "in", db_url)
    other = _write(tmp_path / "new" / "a.docx", "项目三")
    st = path.stat()
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    shutil.copy2(other, tmp_path / "in" / "a.tmp")
    os.replace(tmp_path / "in" / "a.tmp", path)
    hashed.clear()
    assert _run(tmp_path / "in", db_url) == [("a.docx", "loaded")]
    assert _reports(db_url) == ["项目一", "项目三"]


def test_the_key_belongs_to_the_bytes_last_hashed_at_the_path(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    """New bytes at a path take its key; the old document's row loses it."""
    path = _write(tmp_path / "a.docx", "项目一")
    _run(tmp_path, db_url)
    path.write_text("项目二号\n", encoding="utf-8")
    _run(tmp_path, db_url)
    with Store(db_url) as store, store.engine.connect() as conn:
        keys = conn.execute(
            text(
                "SELECT r.project_name, p.file_stat FROM document_paths p "
                "JOIN reports r ON r.document_id = p.document_id ORDER BY p.id"
            )
        ).all()
    assert [(name, key is not None) for name, key in keys] == [
        ("项目一", False),
        ("项目二号", True),
    ]
    assert keys[1][1] == stat_key(path.stat())


def test_a_newer_parser_or_reprocess_reads_unchanged_files(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    _write(tmp_path / "a.docx", "项目一")
    _run(tmp_path, db_url)
    newer = IngestOptions(workers=1, parser_version=SERIAL.parser_version + 1)
    assert _run(tmp_path, db_url, newer) == [("a.docx", "loaded")]
    again = IngestOptions(workers=1, parser_version=newer.parser_version, reprocess=True)
    assert _run(tmp_path, db_url, again) == [("a.docx", "loaded")]


def test_a_failed_file_is_retried_whatever_its_stat(
    db_url: str, tmp_path: Path, hashed: list[str]
) -> None:
    _write(tmp_path / "a.pdf", "坏的\nFAIL: encrypted PDF")
    assert _run(tmp_path, db_url) == [("a.pdf", "failed")]
    hashed.clear()
    assert _run(tmp_path, db_url) == [("a.pdf", "failed")]
    assert hashed == ["a.pdf"]


def test_fresh_files_get_no_key(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file written moments before it was hashed could be written again in the same
    timestamp tick, leaving the same stat: no key is kept, the next run reads it."""
    monkeypatch.setattr(file_stat, "RACY_SECONDS", 3600.0)
    _write(tmp_path / "a.docx", "项目一")
    _run(tmp_path, db_url)
    with Store(db_url) as store, store.engine.connect() as conn:
        assert conn.execute(text("SELECT file_stat FROM document_paths")).scalar_one() is None


def _stat(size: int, mtime_ns: int, ctime_ns: int, ino: int = 7) -> os.stat_result:
    fields = (0o100644, ino, 1, 1, 0, 0, size, 0, 0, 0, 0.0, 0.0, 0.0, 0, mtime_ns, ctime_ns)
    return os.stat_result(fields)


def test_trusted_key_refuses_files_written_while_read_or_too_fresh() -> None:
    second = 10**9
    now = 100 * second
    old = _stat(10, 50 * second, 50 * second)
    assert trusted_key(old, old, now) == f"10:{50 * second}:{50 * second}:7"
    assert trusted_key(old, _stat(11, 50 * second, now), now) is None  # grew while read
    fresh = _stat(10, now - second, now - second)  # within RACY_SECONDS (2 s)
    assert trusted_key(fresh, fresh, now) is None
    old_mtime_new_ctime = _stat(10, 50 * second, now - second)  # touch -d after a write
    assert trusted_key(old_mtime_new_ctime, old_mtime_new_ctime, now) is None


def test_the_run_and_the_store_agree_on_what_was_read() -> None:
    from jixiao.load.store import READ_STATUSES

    assert ingest_run.READ_STATUSES == READ_STATUSES


def test_the_worker_rows_name_the_child_tables() -> None:
    from jixiao.load.models import CHILD_TABLES
    from jixiao.report_rows import LIST_TABLES

    assert {k: v.__tablename__ for k, v in CHILD_TABLES.items()} == LIST_TABLES
