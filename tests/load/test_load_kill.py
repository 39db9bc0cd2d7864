"""kill -9 in the middle of an ingest: no report without all its rows; a re-run finishes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from load_fakes import CHILD_COUNTS, fake_process
from sqlalchemy import text

from jixiao.ingest import IngestOptions, ingest
from jixiao.load import Store

FILES = 30

_CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from load_fakes import fake_process
    from jixiao.ingest import IngestOptions, ingest
    ingest([Path(sys.argv[2])], sys.argv[3], IngestOptions(workers=1), process=fake_process)
    """
)


def _reports(url: str) -> int:
    with Store(url) as store:
        return store.count_reports()


@pytest.mark.slow
def test_kill_9_mid_run_leaves_whole_reports_and_a_rerun_completes(
    db_url: str, tmp_path: Path
) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(FILES):
        (root / f"{i:03}.docx").write_text(f"项目{i}\nSLOW 0.05\n", encoding="utf-8")
    Store(db_url).close()  # create the schema before the child and the poller race
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(Path(__file__).parent), str(root), db_url]
    )
    try:
        deadline = time.monotonic() + 120
        while _reports(db_url) < 5:
            assert child.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    with Store(db_url) as store, store.engine.connect() as conn:
        loaded = store.count_reports()
        assert 5 <= loaded < FILES
        for table, expected in CHILD_COUNTS.items():
            counts = conn.execute(
                text(
                    f"SELECT r.id, (SELECT COUNT(*) FROM {table} c WHERE c.report_id = r.id) "
                    "FROM reports r"
                )
            ).all()
            assert {n for _, n in counts} == {expected}, table
        orphans = conn.execute(
            text(
                "SELECT COUNT(*) FROM documents d WHERE d.status = 'ok' AND NOT EXISTS "
                "(SELECT 1 FROM reports r WHERE r.document_id = d.id)"
            )
        ).scalar()
        assert orphans == 0
        [run] = store.runs()
        assert run.status == "running"  # nobody could mark it

    result = ingest([root], db_url, IngestOptions(workers=1), process=fake_process)
    assert not result.interrupted
    assert (result.skipped, result.loaded, result.failed) == (loaded, FILES - loaded, 0)
    assert _reports(db_url) == FILES
    with Store(db_url) as store:
        statuses = [r.status for r in store.runs()]
    assert statuses == ["finished", "interrupted"]


_CHILD_REPORTING = (
    _CHILD.replace(
        "ingest([Path(sys.argv[2])]",
        "result = ingest([Path(sys.argv[2])]",
    )
    + "print('interrupted' if result.interrupted else 'finished', result.loaded, flush=True)\n"
)


def test_sigterm_finishes_the_run_as_interrupted(db_url: str, tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(FILES):
        (root / f"{i:03}.docx").write_text(f"项目{i}\nSLOW 0.05\n", encoding="utf-8")
    Store(db_url).close()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD_REPORTING, str(Path(__file__).parent), str(root), db_url],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while _reports(db_url) < 3:
            assert child.poll() is None, "the ingest ended before it could be stopped"
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.02)
        child.send_signal(signal.SIGTERM)
        out, _ = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0
    status, loaded = out.split()
    assert status == "interrupted"
    assert int(loaded) == _reports(db_url) < FILES
    with Store(db_url) as store:
        [run] = store.runs()
    assert (run.status, run.counts.loaded) == ("interrupted", int(loaded))
    assert run.finished_at is not None
