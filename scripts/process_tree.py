"""Kill an ingest with SIGKILL and see what it leaves behind (issue 17).

Used by tests/load/test_load_kill_workers.py and benchmarks/bench_kill.py: start
``jixiao ingest`` as a child process, collect the PIDs of everything it started
(workers, LibreOffice) from /proc, ``kill -9`` it, then look for survivors and for
leftover temporary folders. Linux only (/proc).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

PROC = Path("/proc")


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, ppid) of ``pid``, or None when it is gone."""
    try:
        raw = (PROC / str(pid) / "stat").read_bytes()
    except OSError:
        return None
    fields = raw[raw.rindex(b")") + 2 :].split()
    return fields[0].decode(), int(fields[1])


def descendants(root: int) -> set[int]:
    """Every live process below ``root`` (children, grandchildren, …)."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                parents[int(entry.name)] = stat[1]
    found: set[int] = set()
    frontier = {root}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int]) -> set[int]:
    """The PIDs still running (a zombie waiting for its reaper counts as gone)."""
    return {pid for pid in pids if (stat := _stat(pid)) is not None and stat[0] != "Z"}


def command_line(pid: int) -> str:
    try:
        return (
            (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def run_dirs(tmpdir: Path) -> list[Path]:
    return sorted(tmpdir.glob("jixiao-run-*"))


def start_ingest(
    folder: Path, db_url: str, tmpdir: Path, workers: int = 2, extra: tuple[str, ...] = ()
) -> subprocess.Popen[bytes]:
    """``jixiao ingest`` with ``TMPDIR=tmpdir``, its own session (so a test can clean up)."""
    env = dict(os.environ, TMPDIR=str(tmpdir))
    command = [str(Path(sys.executable).parent / "jixiao"), "ingest", str(folder)]
    command += ["--db", db_url, "--workers", str(workers), "--quiet", *extra]
    return subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def kill_and_collect(driver: subprocess.Popen[bytes], seen: set[int] = frozenset()) -> set[int]:
    """SIGKILL the driver; the PIDs of everything it had started (collected just before,
    plus ``seen``: PIDs collected earlier that may have ended since)."""
    started = descendants(driver.pid) | set(seen)
    os.kill(driver.pid, signal.SIGKILL)
    driver.wait()
    return started


def reap(pids: set[int]) -> None:
    """Kill what survived (so a failing test or a 'before' measurement leaves nothing)."""
    for pid in alive(pids):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
