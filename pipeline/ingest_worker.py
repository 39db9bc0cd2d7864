"""The worker side of an ingest: hashing and parsing one file.

Runs in worker processes (``ProcessPoolExecutor``, spawned), so everything here is
importable by name and sends back plain data only: rows, never ORM or canonical
objects (a canonical report's provenance mappings do not pickle).
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import stat
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jixiao.errors import DocumentError, InfrastructureError, safe_reason
from jixiao.load.rows import ReportRows, report_to_rows
from jixiao.normalize.canonical import CanonicalReport
from jixiao.worker_guard import OverBudget, run_guarded

ProcessFn = Callable[[Path, Any], CanonicalReport]
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: plain data only (it crosses a process boundary)."""

    rows: ReportRows | None = None
    reason: str | None = None
    infrastructure: str | None = None
    trace: str | None = None
    seconds: float = 0.0


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 and size. Opened without blocking and checked to be a regular file: a
    file replaced by a FIFO after it was listed must not hang the run."""
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def parse_file(process: ProcessFn, path: str, process_options: Any) -> Parsed:
    """Run in a worker: the file's rows, or why there are none. Never raises."""
    start = time.perf_counter()
    try:
        rows = report_to_rows(run_guarded(process, path, process_options))
        return Parsed(rows=rows, seconds=time.perf_counter() - start)
    except DocumentError as exc:
        return Parsed(reason=safe_reason(exc.reason), seconds=time.perf_counter() - start)
    except InfrastructureError as exc:
        return Parsed(infrastructure=str(exc), seconds=time.perf_counter() - start)
    except OverBudget as exc:  # the timer fired while the budget's own handler ran
        return Parsed(reason=exc.reason, seconds=time.perf_counter() - start)
    except Exception as exc:  # a bug in a reader: this file fails, the batch goes on
        return Parsed(
            reason=safe_reason(" ".join(f"internal error: {type(exc).__name__}: {exc}".split())),
            trace=traceback.format_exc(),
            seconds=time.perf_counter() - start,
        )


def ping() -> bool:
    return True


def ignore_sigint() -> None:
    """Workers leave Ctrl-C to the parent, which stops the run cleanly."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def process_setup(
    process: ProcessFn | None,
    label_files: tuple[Path, ...],
    grade_bands_file: Path | None = None,
) -> tuple[ProcessFn, Any]:
    """The parse function and its options (jixiao.process is imported only when run:
    it pulls in every reader)."""
    from jixiao.process import ProcessOptions, process_file

    options = ProcessOptions(label_files=tuple(label_files), grade_bands_file=grade_bands_file)
    return process or process_file, options
