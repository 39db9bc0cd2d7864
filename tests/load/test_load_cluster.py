"""Ingest on a Dask cluster: the same database as the built-in pool, faults survived.

These start real Dask schedulers and worker processes (LocalCluster, and a
``dask scheduler`` / ``dask worker`` pair for the lost-scheduler case), so they are
few and marked slow.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cluster_fakes import always_crash, marks_folder, slow_parse, stall_once_then_parse
from sqlalchemy import create_engine, inspect, text

from jixiao import PARSER_VERSION
from jixiao.ingest import IngestOptions, ingest

distributed = pytest.importorskip("distributed", reason="needs jixiao[dask]")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ALL_DOCX = sorted((ROOT / "samples").glob("*.docx"))
SAMPLES = ALL_DOCX[:4]
EXTRA = ALL_DOCX[4]  # a fifth document, copied under a name that injects a fault
VOLATILE = {"first_seen", "last_seen", "started_at", "finished_at", "run_id", "pid"}


def _copy_samples(folder: Path, names: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for sample in SAMPLES:
        shutil.copy(sample, folder / sample.name)
    for source, target in (names or {}).items():
        shutil.copy(ROOT / "samples" / source, folder / target)
    return folder


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal | float):
        return str(Decimal(str(value)).normalize())
    return value if value is None or isinstance(value, int | str) else str(value)


def database_dump(url: str) -> list[str]:
    """Every stored row of every report table, ids replaced by the document's sha256,
    volatile columns (times, run ids) dropped: equal dumps = the same stored reports."""
    engine = create_engine(url)
    out: list[str] = []
    try:
        with engine.connect() as conn:
            owner = dict(
                conn.execute(
                    text(
                        "SELECT r.id, d.sha256 FROM reports r "
                        "JOIN documents d ON d.id = r.document_id"
                    )
                ).all()
            )
            sha_of_doc = dict(conn.execute(text("SELECT id, sha256 FROM documents")).all())
            for table in inspect(conn).get_table_names():
                if table in {"ingest_runs", "alembic_version", "document_paths"}:
                    continue
                for row in conn.execute(text(f"SELECT * FROM {table}")).mappings():
                    item: dict[str, Any] = {"table": table}
                    for key, value in row.items():
                        if key in VOLATILE or key == "id":
                            continue
                        if key == "report_id":
                            value = owner.get(value)
                        elif key == "document_id":
                            value = sha_of_doc.get(value)
                        item[key] = _plain(value)
                    out.append(json.dumps(item, ensure_ascii=False, sort_keys=True))
    finally:
        engine.dispose()
    return sorted(out)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster (2 worker processes) for the tests that reuse a scheduler."""
    from distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_local_cluster_stores_what_the_process_pool_stores(tmp_path: Path) -> None:
    files = _copy_samples(tmp_path / "in")
    pool_db = f"sqlite:///{tmp_path / 'pool.db'}"
    dask_db = f"sqlite:///{tmp_path / 'dask.db'}"
    by_pool = ingest([files], pool_db, IngestOptions(workers=2))
    by_dask = ingest([files], dask_db, IngestOptions(cluster="local:2"))
    assert by_pool.loaded == by_dask.loaded == len(SAMPLES)
    assert by_dask.failed == 0
    assert database_dump(dask_db) == database_dump(pool_db)
    # and a second run over the cluster skips everything, as the pool does
    again = ingest([files], dask_db, IngestOptions(cluster="local:2"))
    assert (again.loaded, again.skipped) == (0, len(SAMPLES))


def test_ship_bytes_parses_files_the_workers_cannot_see(
    tmp_path: Path, scheduler: str, db_url: str
) -> None:
    files = _copy_samples(tmp_path / "in")
    result = ingest([files], db_url, IngestOptions(cluster=scheduler, ship_bytes=True))
    assert (result.loaded, result.failed) == (len(SAMPLES), 0)
    reference = f"sqlite:///{tmp_path / 'serial.db'}"
    ingest([files], reference, IngestOptions(workers=1))
    if db_url.startswith("sqlite"):
        assert database_dump(db_url) == database_dump(reference)


def test_a_worker_killed_mid_task_is_retried_elsewhere(tmp_path: Path, scheduler: str) -> None:
    stalled = f"stall-{uuid.uuid4().hex}-{EXTRA.name}"
    files = _copy_samples(tmp_path / "in", {EXTRA.name: stalled})
    marks = marks_folder(files / stalled)
    marks.mkdir()
    killed: list[int] = []

    def killer() -> None:
        pid_file = marks / f"{stalled}.pid"
        for _ in range(600):
            if pid_file.exists() and pid_file.read_text():
                pid = int(pid_file.read_text())
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.1)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    result = ingest([files], url, IngestOptions(cluster=scheduler), process=stall_once_then_parse)
    thread.join(timeout=5)
    shutil.rmtree(marks, ignore_errors=True)
    assert killed, "the stalled task never started"
    assert result.failed == 0 and result.loaded == len(SAMPLES) + 1
    engine = create_engine(url)
    with engine.connect() as conn:
        documents = conn.execute(text("SELECT COUNT(*) FROM documents")).scalar()
        paths = conn.execute(text("SELECT COUNT(DISTINCT path) FROM document_paths")).scalar()
    engine.dispose()
    assert documents == paths == len(SAMPLES) + 1  # each loaded once


def test_a_file_that_kills_every_worker_fails_and_the_run_goes_on(tmp_path: Path) -> None:
    files = _copy_samples(tmp_path / "in", {EXTRA.name: f"crash-{EXTRA.name}"})
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    options = IngestOptions(cluster="local:2", cluster_retries=1)
    result = ingest([files], url, options, process=always_crash)
    failed = [o for o in result.outcomes if o.status == "failed"]
    assert [Path(o.path).name for o in failed] == [f"crash-{EXTRA.name}"]
    assert "worker process died 2 times" in (failed[0].reason or "")
    assert result.loaded == len(SAMPLES)


def test_workers_with_another_parser_version_are_refused(tmp_path: Path, scheduler: str) -> None:
    from jixiao.cluster import ClusterError

    files = _copy_samples(tmp_path / "in")
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    options = IngestOptions(cluster=scheduler, parser_version=PARSER_VERSION + 1)
    with pytest.raises(ClusterError, match="parser version"):
        ingest([files], url, options)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT COUNT(*) FROM documents")).scalar() == 0
        assert conn.execute(text("SELECT status FROM ingest_runs")).scalar() == "interrupted"
    engine.dispose()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_lost_scheduler_stops_the_run_with_exit_3(tmp_path: Path) -> None:
    """`dask scheduler` + `dask worker` as separate processes; the scheduler is killed
    mid-run: the CLI exits 3, what was loaded is whole, the next run finishes the rest."""
    bindir = Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    sched = subprocess.Popen(
        [bindir / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--dashboard-address", ":0", "--no-show"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    worker = subprocess.Popen(
        [bindir / "dask", "worker", address, "--nworkers", "1", "--nthreads", "1",
         "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    try:
        from distributed import Client

        with Client(address, timeout="60s", set_as_default=False) as client:
            client.wait_for_workers(1, timeout=120)
        files = _copy_samples(tmp_path / "in")
        url = f"sqlite:///{tmp_path / 'jixiao.db'}"

        def kill_scheduler_soon() -> None:
            time.sleep(4)
            sched.send_signal(signal.SIGKILL)

        threading.Thread(target=kill_scheduler_soon, daemon=True).start()
        from jixiao.cluster import ClusterError

        with pytest.raises(ClusterError, match="Dask scheduler"):
            ingest([files], url, IngestOptions(cluster=address), process=slow_parse)
        engine = create_engine(url)
        with engine.connect() as conn:
            status = conn.execute(text("SELECT status FROM ingest_runs")).scalar()
            orphans = conn.execute(
                text(
                    "SELECT COUNT(*) FROM documents d WHERE d.status = 'ok' AND NOT EXISTS "
                    "(SELECT 1 FROM reports r WHERE r.document_id = d.id)"
                )
            ).scalar()
        engine.dispose()
        assert status == "interrupted" and orphans == 0
        rest = ingest([files], url, IngestOptions(workers=1))
        assert rest.failed == 0 and rest.loaded + rest.skipped == len(SAMPLES)
    finally:
        for proc in (worker, sched):
            proc.kill()
            proc.wait(timeout=30)


def test_cli_refuses_a_malformed_cluster_and_explains_a_missing_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from jixiao.cli.main import main as cli
    from jixiao.cluster import INSTALL_HINT, ClusterError, ClusterSpec, DaskPool

    runner = CliRunner()
    bad = runner.invoke(cli, ["ingest", str(tmp_path), "--cluster", "scheduler:8786"])
    assert bad.exit_code == 2 and "local:N or a scheduler address" in bad.output
    assert "Traceback" not in bad.output
    lonely = runner.invoke(cli, ["ingest", str(tmp_path), "--ship-bytes"])
    assert lonely.exit_code == 2 and "--ship-bytes needs --cluster" in lonely.output
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError, match="pip install 'jixiao\\[dask\\]'") as info:
        DaskPool(ClusterSpec.parse("local:1"))
    assert str(info.value) == INSTALL_HINT
