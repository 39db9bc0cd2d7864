"""A file's budget, applied in the process that parses it.

:func:`init_worker` is the worker pool's initializer: the worker dies with its driver
(:mod:`jixiao.lifeline`), ignores Ctrl-C (the driver stops the run), keeps its
temporary files in the run directory, and caps its address space (``RLIMIT_AS``).

:func:`run_guarded` runs one file: the readers' limits are set
(:mod:`jixiao.extract.limits`), a 0.5 s interval timer checks the time budget (a
SIGALRM handler raises :class:`OverBudget` between two Python instructions, which
stops pure-Python parsing — pdfminer, the DOCX walker — cleanly, leaving the worker
usable), a ``MemoryError`` becomes ``over the 2 GB memory limit while reading page 3``,
and the board (:mod:`jixiao.board`) says what is being read so the driver can kill a
worker stuck where no signal reaches and still give the right reason.
"""

from __future__ import annotations

import os
import resource
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jixiao.board import Board, Entry
from jixiao.budgets import Budgets, format_size
from jixiao.errors import OverLimitError
from jixiao.extract.limits import using_limits
from jixiao.lifeline import die_with_parent

TICK = 0.5  # seconds between two checks of the time budget


class OverBudget(BaseException):
    """Raised by the timer in the parsing thread. A BaseException: the readers'
    ``except Exception`` must not swallow it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Worker:
    budgets: Budgets
    board: Board | None
    memory_capped: bool


_worker: _Worker | None = None


def worker_dirs(run_dir: Path) -> tuple[Path, Path]:
    """(temporary files, status board) of a run directory."""
    return run_dir / "tmp", run_dir / "workers"


def init_worker(budgets: Budgets, run_dir: str | None, parent_pid: int, warm: bool) -> None:
    """Pool initializer: set this worker process up for budgeted parsing (``warm``:
    load jixiao's readers and dictionaries first, outside any file's budget)."""
    global _worker
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle
    if warm:  # before TMPDIR moves: jieba keeps its dictionary cache in the temp dir
        from jixiao.process import warm_up

        warm_up()
    board = None
    if run_dir is not None:
        tmp, board_dir = worker_dirs(Path(run_dir))
        tmp.mkdir(parents=True, exist_ok=True)
        os.environ["TMPDIR"] = str(tmp)  # LibreOffice's own temporary files too
        tempfile.tempdir = str(tmp)
        board = Board(board_dir)
    _worker = _Worker(budgets, board, cap_memory(budgets.memory))


def cap_memory(limit: int) -> bool:
    """Limit this process's address space to ``limit`` bytes (children inherit it)."""
    if not limit:
        return False
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return True


def configure_in_process(budgets: Budgets | None) -> None:
    """Budgets for parsing in the calling process (serial ingest with a caller's own
    ``process`` function): time and reader limits only, never the address space."""
    global _worker
    _worker = None if budgets is None else _Worker(budgets, None, memory_capped=False)


@dataclass
class _Task:
    budgets: Budgets
    board: Board | None
    entry: Entry
    start: float = field(default_factory=time.monotonic)
    pages: int = 0
    ocr_pages: int = 0
    active: bool = True  # the timer may still raise

    def limit(self) -> float:
        return self.budgets.time_limit(self.pages, self.ocr_pages)

    def observe(self, kind: str, value: int) -> None:
        if kind in ("pages", "ocr_pages"):
            if kind == "pages":
                self.pages = value
            else:
                self.ocr_pages += value
            limit = self.limit()
            deadline = self.entry.started + limit if limit else 0.0
            self.entry = replace(self.entry, deadline=deadline)
        else:
            self.entry = replace(self.entry, where=f"{kind} {value}")
        if self.board is not None:
            self.board.post(self.entry)

    def over_time(self) -> str | None:
        limit = self.limit()
        if limit and time.monotonic() - self.start > limit:
            return f"over the {limit:g} s per-file limit"
        return None


def time_reason(entry: Entry) -> str:
    """The reason the driver gives when it must kill a worker over its deadline."""
    return f"over the {entry.deadline - entry.started:g} s per-file limit"


def run_guarded(
    process: Callable[[Path, Any], Any], path: str, options: Any, *, shown: str | None = None
) -> Any:
    """``process(Path(path), options)`` within this process's budget (if any).

    ``shown`` is the file the driver knows (``path`` may be a private copy of it).
    """
    worker = _worker
    if worker is None:
        return process(Path(path), options)
    budgets = worker.budgets
    now = time.time()
    limit = budgets.time_limit(0)
    entry = Entry(os.getpid(), shown or path, now, now + limit if limit else 0.0)
    task = _Task(budgets, worker.board, entry)
    if worker.board is not None:
        worker.board.post(entry)
    timer = _start_timer(task)
    try:
        task.active = True
        with using_limits(budgets.read_limits(), task.observe):
            return process(Path(path), options)
    except OverBudget as exc:
        raise OverLimitError(exc.reason, path=path) from None
    except MemoryError:
        raise OverLimitError(_memory_reason(worker, task), path=path) from None
    finally:
        task.active = False
        _stop_timer(timer)
        if worker.board is not None:
            worker.board.clear(os.getpid())


def _memory_reason(worker: _Worker, task: _Task) -> str:
    where = f" while reading {task.entry.where}" if task.entry.where else ""
    if worker.memory_capped:
        return f"over the {format_size(worker.budgets.memory)} memory limit{where}"
    return f"out of memory{where}"


def _start_timer(task: _Task) -> Any:
    if not task.limit() or threading.current_thread() is not threading.main_thread():
        return None

    def on_tick(signum: int, frame: object) -> None:
        # Raised again at every tick while over time: cleanup code that loops on the
        # same hostile structure (pdfplumber's close() walks the pages again) is
        # interrupted too.
        reason = task.over_time() if task.active else None
        if reason is not None:
            raise OverBudget(reason)

    previous = signal.signal(signal.SIGALRM, on_tick)
    signal.setitimer(signal.ITIMER_REAL, TICK, TICK)
    return (previous,)


def _stop_timer(timer: Any) -> None:
    if timer is None:
        return
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, timer[0] if timer[0] is not None else signal.SIG_DFL)
