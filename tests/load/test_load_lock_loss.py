"""PostgreSQL: the session holding the ingest lock is ended mid-run (a server restart,
``pg_terminate_backend``). The run must stop (exit 3) rather than reconnect and write
beside the next lock holder; what it loaded stays whole; the next ingest proceeds."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from load_fakes import CHILD_COUNTS
from sqlalchemy import create_engine, text

from jixiao.load import Store
from jixiao.load.lock import ADVISORY_KEY

CHILD = str(Path(__file__).with_name("cli_child.py"))
FILES = 30

_HOLDER = text(
    """
    SELECT l.pid FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :hi AND l.objid = :lo
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
    """
)


def _reports(url: str) -> int:
    with Store(url) as store:
        return store.count_reports()


@pytest.mark.postgres
@pytest.mark.slow
def test_ending_the_lock_holders_session_stops_the_run(pg_url: str, tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(FILES):
        (root / f"{i:02}.docx").write_text(f"项目{i}\nSLOW 0.1\n", encoding="utf-8")
    Store(pg_url).close()
    args = [sys.executable, CHILD, "ingest", str(root), "--db", pg_url, "--quiet"]
    child = subprocess.Popen(
        [*args, "--workers", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        deadline = time.monotonic() + 120
        while _reports(pg_url) < 3:
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the ingest made no progress"
            time.sleep(0.05)
        with admin.connect() as conn, admin.connect() as second_writer:
            keys = {"hi": ADVISORY_KEY >> 32, "lo": ADVISORY_KEY & 0xFFFFFFFF}
            [pid] = conn.execute(_HOLDER, keys).scalars().all()
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
            while conn.execute(
                text("SELECT 1 FROM pg_stat_activity WHERE pid = :p"), {"p": pid}
            ).first():
                time.sleep(0.02)
            # Another ingest takes the lock the moment it is free.
            taken = second_writer.execute(
                text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}
            ).scalar()
            assert taken
            loaded = _reports(pg_url)
            _, stderr = child.communicate(timeout=120)
            assert child.returncode == 3, stderr
            assert "Traceback" not in stderr
            assert "the session holding the ingest lock is gone" in stderr
            # Not one report written after the lock was lost, and every one whole.
            assert _reports(pg_url) == loaded < FILES
            for table, expected in CHILD_COUNTS.items():
                counts = conn.execute(
                    text(
                        f"SELECT (SELECT COUNT(*) FROM {table} c WHERE c.report_id = r.id) "
                        "FROM reports r"
                    )
                ).scalars()
                assert set(counts) == {expected}, table
            second_writer.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
    finally:
        if child.poll() is None:
            child.kill()
        admin.dispose()
    again = subprocess.run([*args, "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert _reports(pg_url) == FILES
    with Store(pg_url) as store:
        assert [r.status for r in store.runs()] == ["finished", "interrupted"]
