"""The worker side of an ingest: hashing and parsing one file.

Runs in worker processes (``ProcessPoolExecutor``, spawned), so everything here is
importable by name and sends back plain data only: rows, never ORM or canonical
objects (a canonical report's provenance mappings do not pickle). It imports nothing
of :mod:`jixiao.load` (no SQLAlchemy in a worker): the driver checks the rows against
the columns when it stores them.
"""

from __future__ import annotations

import dataclasses
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao import file_stat
from jixiao.errors import DocumentError, InfrastructureError, NotAReportError, safe_reason
from jixiao.report_rows import ReportRows, report_rows
from jixiao.snapshot import private_copy
from jixiao.worker_guard import OverBudget, run_guarded

if TYPE_CHECKING:  # the driver imports this module too: it must not load the parser
    from jixiao.normalize.canonical import CanonicalReport

ProcessFn = Callable[[Path, Any], "tuple[CanonicalReport, ...]"]


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: plain data only (it crosses a process boundary)."""

    reports: tuple[ReportRows, ...] = ()  # one per report unit of the file
    reason: str | None = None
    no_report: bool = False  # ``reason`` says why the file holds no report (not a failure)
    infrastructure: str | None = None
    trace: str | None = None
    seconds: float = 0.0
    sha256: str | None = None  # of the bytes parsed (None: the file could not be read)
    size: int | None = None


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 and size (see :func:`jixiao.file_stat.hash_file`)."""
    hashed = file_stat.hash_file(path)
    return hashed.sha256, hashed.size


def parse_file(process: ProcessFn, path: str, process_options: Any) -> Parsed:
    """Run in a worker: the file's rows, or why there are none. Never raises.

    Parses a private copy and says which bytes it parsed (``sha256``): the file may
    have changed since the driver hashed it.
    """
    start = time.perf_counter()
    try:
        with private_copy(Path(path)) as snapshot:
            parsed = _parse(process, str(snapshot.path), process_options, shown=path)
    except DocumentError as exc:
        return Parsed(reason=safe_reason(exc.reason), seconds=time.perf_counter() - start)
    except InfrastructureError as exc:
        return Parsed(infrastructure=str(exc), seconds=time.perf_counter() - start)
    return dataclasses.replace(
        parsed, sha256=snapshot.sha256, size=snapshot.size, seconds=time.perf_counter() - start
    )


def _parse(process: ProcessFn, path: str, process_options: Any, shown: str) -> Parsed:
    """Parse ``path`` (the private copy) within the worker's budget; ``shown`` is the
    file the driver asked for (the budget's status board names it)."""
    start = time.perf_counter()
    try:
        parsed = run_guarded(process, path, process_options, shown=shown)
        reports = tuple(report_rows(r) for r in parsed)
        if not reports:
            raise NotAReportError("no performance report in this document")
        return Parsed(reports=reports, seconds=time.perf_counter() - start)
    except NotAReportError as exc:
        reason = safe_reason(exc.reason)
        return Parsed(reason=reason, no_report=True, seconds=time.perf_counter() - start)
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
