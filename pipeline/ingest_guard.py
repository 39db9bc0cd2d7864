"""The driver's side of the per-file budgets and of the run directory.

:class:`RunGuard` belongs to one ingest run. It sweeps what killed runs left behind,
makes this run's directory (:mod:`jixiao.rundir`), gives the worker pool its
initializer (:func:`jixiao.worker_guard.init_worker`), polices the workers' deadlines
from the status board (a worker whose file is past its time limit plus a grace period
— stuck where its own timer cannot reach — is told to stop, then killed) and, after a
worker died, says which file it was reading and why.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jixiao.board import Board, Entry
from jixiao.budgets import Budgets
from jixiao.errors import InfrastructureError, display_path
from jixiao.rundir import create_run_dir, remove_run_dir, sweep
from jixiao.worker_guard import init_worker, time_reason, worker_dirs

log = logging.getLogger(__name__)

POLICE_SECONDS = 1.0  # how often the driver looks at the board
KILL_AFTER = 2.0  # seconds between SIGTERM and SIGKILL of an over-time worker
ARENAS = "MALLOC_ARENA_MAX"
WORKER_DIED = "internal error: the worker process died (a crash or out of memory)"


class RunGuard:
    def __init__(self, budgets: Budgets, base: Path | None = None, *, warm: bool = True) -> None:
        swept = sweep(base)
        if swept.folders or swept.processes:
            log.info(
                "swept %d leftover run folder(s), %d leftover process(es)",
                len(swept.folders),
                len(swept.processes),
            )
        self.budgets = budgets
        self.warm = warm  # workers load jixiao's parser before their first file
        try:
            self.run_dir = create_run_dir(base)
        except OSError as exc:
            raise InfrastructureError(
                f"cannot create a temporary folder for this run: {exc.strerror or exc}"
            ) from exc
        self.board = Board(worker_dirs(self.run_dir)[1])
        self._stopping: dict[int, float] = {}  # pid → when it was told to stop
        # Workers inherit the environment when spawned. glibc gives each thread its own
        # 64 MB malloc arena; onnxruntime's threads would spend the address-space
        # budget on reservations (an OCR worker: 1.8 GB of address space, 1.4 GB with
        # two arenas, for 0.85 GB resident).
        self._arenas = os.environ.get(ARENAS)
        os.environ.setdefault(ARENAS, "2")

    def initializer(self) -> tuple[Callable[..., None], tuple[Any, ...]]:
        """The worker pool's ``initializer`` and ``initargs``."""
        return init_worker, (self.budgets, str(self.run_dir), os.getpid(), self.warm)

    def police(self) -> None:
        """Stop workers past their file's deadline (plus the grace period)."""
        now = time.time()
        for entry in self.board.entries():
            if not entry.deadline or now < entry.deadline + self.budgets.grace:
                continue
            if not _is_child(entry.pid):
                continue
            if entry.verdict is None:
                log.warning(
                    "%s: %s; stopping its worker (pid %d)",
                    display_path(entry.path),
                    time_reason(entry),
                    entry.pid,
                )
                self.board.judge(entry, time_reason(entry))
                self._signal(entry.pid, signal.SIGTERM)
                self._stopping[entry.pid] = now
            elif now - self._stopping.get(entry.pid, now) >= KILL_AFTER:
                self._signal(entry.pid, signal.SIGKILL)

    @staticmethod
    def _signal(pid: int, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signum)

    def after_crash(self) -> dict[str, Entry]:
        """The files the workers were reading when the pool broke, by path."""
        self._stopping.clear()
        return self.board.take()

    def close(self) -> None:
        remove_run_dir(self.run_dir)
        if self._arenas is None:
            os.environ.pop(ARENAS, None)


def stop_workers(executor: Any) -> None:
    """Terminate the pool's worker processes now (an interrupted run): ``shutdown``
    would let each finish its file first. Their SIGTERM handler kills LibreOffice."""
    for process in list(getattr(executor, "_processes", {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.terminate()


def crash_reason(entry: Entry | None) -> str:
    """Why a file that killed its worker twice failed."""
    if entry is None or not entry.where:
        return WORKER_DIED
    return WORKER_DIED.replace("died", f"died while reading {entry.where}")


def _is_child(pid: int) -> bool:
    """Whether ``pid`` is a child of this process (not a recycled pid)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return not Path("/proc/self").exists()  # no /proc: trust the board
    return int(stat[stat.rindex(b")") + 2 :].split()[1]) == os.getpid()
