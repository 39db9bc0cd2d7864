"""kill -9 of an ingest takes its workers and LibreOffice with it (issue 17)."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from jixiao.rundir import create_run_dir, sweep

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT))
from scripts.process_tree import (  # noqa: E402
    alive,
    command_line,
    descendants,
    kill_and_collect,
    reap,
    run_dirs,
    start_ingest,
    wait_for,
)

DOC = "jiangmen_2022_drainage_dredging_label_column_form.doc"
DOCX = (
    "jiujiang_2021_primary_care_it_national_form.docx",
    "yiyang_2020_smart_brain_self_eval.docx",
    "wild_hubei_2020_gaobiao_nongtian.docx",
)


@pytest.mark.libreoffice
def test_kill_9_of_the_driver_leaves_no_process_and_the_next_run_sweeps(tmp_path: Path) -> None:
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / DOC, folder / "a.doc")  # first in order: converted at once
    for name in DOCX:
        shutil.copy(SAMPLES / name, folder / name)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    url = f"sqlite:///{tmp_path / 'j.db'}"

    driver = start_ingest(folder, url, tmpdir, workers=2)
    started: set[int] = set()
    try:
        snapshot: set[int] = set()

        def converting() -> bool:
            snapshot.clear()
            snapshot.update(descendants(driver.pid))
            return any("soffice" in command_line(p) for p in snapshot)

        assert wait_for(converting, timeout=180), "LibreOffice never started"
        started = kill_and_collect(driver, snapshot)
        assert len(started) >= 3  # two workers and LibreOffice at least
        assert wait_for(lambda: not alive(started), timeout=5), {
            pid: command_line(pid) for pid in alive(started)
        }
    finally:
        reap(started | descendants(driver.pid))
        if driver.poll() is None:
            driver.kill()
    [leftover] = run_dirs(tmpdir)  # the killed run could not remove its folder

    again = start_ingest(folder, url, tmpdir, workers=1)
    assert again.wait(timeout=600) in (0, 1)
    assert not leftover.exists()
    assert run_dirs(tmpdir) == []


def test_the_sweep_spares_live_runs_and_kills_what_dead_ones_left(tmp_path: Path) -> None:
    import subprocess

    mine = create_run_dir(tmp_path)  # this process is alive: kept
    dead_pid = _a_dead_pid()
    stale = tmp_path / f"jixiao-run-{dead_pid}-12345-abcd"
    (stale / "tmp").mkdir(parents=True)
    recycled = tmp_path / f"jixiao-run-{os.getpid()}-1-abcd"  # our pid, another start time
    recycled.mkdir()
    orphan = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(120)", str(stale / "tmp" / "x")]
    )
    try:
        _wait_for_cmdline(orphan.pid, str(stale))
        swept = sweep(tmp_path)
        assert set(swept.folders) == {stale, recycled}
        assert orphan.pid in swept.processes
        assert orphan.wait(timeout=5) != 0
        assert mine.exists() and not stale.exists() and not recycled.exists()
    finally:
        if orphan.poll() is None:
            orphan.kill()


def _wait_for_cmdline(pid: int, needle: str, timeout: float = 10.0) -> None:
    """Popen returns once the child's exec has begun; the kernel fills in the new
    command line a moment later (seen empty on a loaded machine). Wait for it."""
    deadline = time.monotonic() + timeout
    path = Path(f"/proc/{pid}/cmdline")
    while needle.encode() not in path.read_bytes():
        assert time.monotonic() < deadline, f"process {pid} never showed {needle}"
        time.sleep(0.01)


def _a_dead_pid() -> int:
    import subprocess

    child = subprocess.Popen(["true"])
    child.wait()
    time.sleep(0.05)
    return child.pid
