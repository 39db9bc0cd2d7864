"""First runs: schema creation interrupted, and several ingests started at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from jixiao.load import Store, head_revision
from jixiao.load.database import current_revision, make_engine

CHILD = str(Path(__file__).with_name("cli_child.py"))
JIXIAO = str(Path(sys.executable).with_name("jixiao"))
LOCKED = "another jixiao ingest is writing to"


def _folder(tmp_path: Path, files: int, slow: float = 0.0) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for i in range(files):
        lines = [f"项目{i}"] + ([f"SLOW {slow}"] if slow else [])
        (root / f"{i}.docx").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, CHILD, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    from sqlalchemy import inspect

    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_a_first_run_stopped_while_creating_the_schema_leaves_none(
    tmp_path: Path, how: signal.Signals
) -> None:
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    root = _folder(tmp_path, 2)
    marker = tmp_path / "creating"
    child = _start("--pause-ddl", "8", str(marker), "ingest", str(root), "--db", url, "--quiet")
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the schema creation never started"
            time.sleep(0.02)
        os.kill(child.pid, how)
        _, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert "Traceback" not in stderr
    if how == signal.SIGINT:
        assert child.returncode == 130
    # Nothing of the schema was committed: not half of it.
    assert _revision(url) is None
    assert _tables(url) == set()
    upgraded = subprocess.run(
        [JIXIAO, "db", "upgrade", "--db", url], capture_output=True, text=True, timeout=120
    )
    assert upgraded.returncode == 0, upgraded.stderr
    again = subprocess.run(
        [sys.executable, CHILD, "ingest", str(root), "--db", url, "--quiet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    with Store(url) as store:
        assert store.count_reports() == 2


def _race(url: str, root: Path, *extra: str) -> list[tuple[int, str]]:
    racers = [_start("ingest", str(root), "--db", url, "--quiet", *extra) for _ in range(4)]
    results = []
    for racer in racers:
        _, stderr = racer.communicate(timeout=300)
        results.append((racer.returncode, stderr))
    return results


@pytest.mark.slow
def test_four_first_runs_at_once(db_url: str, tmp_path: Path) -> None:
    root = _folder(tmp_path, 3, slow=0.3)
    results = _race(db_url, root)
    codes = sorted(code for code, _ in results)
    assert set(codes) <= {0, 3} and codes.count(0) >= 1, results
    for code, stderr in results:
        assert "Traceback" not in stderr and "Error" not in stderr, stderr
        if code == 3:
            assert f"jixiao: {LOCKED}" in stderr, stderr
    assert _revision(db_url) == head_revision()
    with Store(db_url) as store:
        assert store.count_reports() == 3
        assert [r.status for r in store.runs()] == ["finished"] * codes.count(0)


@pytest.mark.slow
def test_four_first_runs_waiting_for_the_lock_take_turns(db_url: str, tmp_path: Path) -> None:
    root = _folder(tmp_path, 2, slow=0.3)
    results = _race(db_url, root, "--wait-lock", "240")
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert not any("Traceback" in stderr for _, stderr in results)
    with Store(db_url) as store, store.engine.connect() as conn:
        assert store.count_reports() == 2
        runs = conn.execute(
            text("SELECT started_at, finished_at FROM ingest_runs ORDER BY started_at")
        ).all()
    assert len(runs) == 4
    for (_, finished), (started, _) in zip(runs, runs[1:], strict=False):
        assert finished <= started  # one writer at a time


def test_db_upgrade_waits_for_or_refuses_a_running_ingest(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    with Store(url) as holder, holder.lock():
        refused = subprocess.run(
            [JIXIAO, "db", "upgrade", "--db", url], capture_output=True, text=True, timeout=120
        )
        assert refused.returncode == 3
        assert f"jixiao: {LOCKED}" in refused.stderr
    waited = subprocess.run(
        [JIXIAO, "db", "upgrade", "--db", url, "--wait-lock", "30"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert waited.returncode == 0, waited.stderr


def test_db_upgrade_repairs_a_half_created_schema_an_older_jixiao_left(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    engine = make_engine(url)
    try:
        with engine.begin() as conn:  # what a kill during the old, per-table creation left
            conn.execute(text("CREATE TABLE ingest_runs (id INTEGER PRIMARY KEY)"))
            conn.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY)"))
    finally:
        engine.dispose()
    upgraded = subprocess.run(
        [JIXIAO, "db", "upgrade", "--db", url], capture_output=True, text=True, timeout=120
    )
    assert upgraded.returncode == 0, upgraded.stderr
    assert _revision(url) == head_revision()


def test_db_upgrade_keeps_unversioned_tables_that_hold_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY)"))
            conn.execute(text("INSERT INTO documents VALUES (1)"))
    finally:
        engine.dispose()
    upgraded = subprocess.run(
        [JIXIAO, "db", "upgrade", "--db", url], capture_output=True, text=True, timeout=120
    )
    assert upgraded.returncode != 0
    assert "Traceback" not in upgraded.stderr
    assert _tables(url) == {"documents"}
