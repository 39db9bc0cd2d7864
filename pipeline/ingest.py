"""Batch import: folders of reports → the database.

For each file: a file whose stat (size, mtime, ctime, inode) matches the one recorded
at its path when it was last hashed is unchanged and skipped unread
(:mod:`jixiao.file_stat`); any other file is hashed (streaming SHA-256) before parsing,
and a document already loaded by the current parser is skipped (its path recorded: a
moved file is the same document). Everything else is parsed (in worker processes
when ``workers > 1``) and written by this process, one transaction per document.

- Failures are retried on the next run: a file that failed may be readable by a newer
  converter or parser, and re-reading it costs only that file's parse time.
- A DocumentError fails that file (its one-line reason is stored); the batch goes on.
- An unexpected exception (a bug) fails that file with ``internal error: …``, logged
  with its traceback; the batch goes on. A worker process that dies (a crash, the
  out-of-memory killer) takes the files it held: they are retried one at a time, and
  the one that kills its worker again fails.
- An InfrastructureError (database down) stops the run (marked ``interrupted``) and
  propagates. Ctrl-C or SIGTERM stops submitting, marks the run ``interrupted`` and
  returns the result; transactions guarantee nothing is half-loaded.

The run's state and per-file decisions are in :mod:`jixiao.ingest_run`, the worker
pool in :mod:`jixiao.ingest_pool`, the bulk skip in :mod:`jixiao.unchanged`.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao import PARSER_VERSION
from jixiao.budgets import Budgets
from jixiao.config_check import check_options
from jixiao.discover import DEFAULT_EXTENSIONS, discover
from jixiao.errors import InfrastructureError
from jixiao.ingest_guard import RunGuard
from jixiao.ingest_run import IngestRun
from jixiao.ingest_worker import ProcessFn, hash_file
from jixiao.progress import FileOutcome, IngestResult, NullProgress, Progress
from jixiao.unchanged import skip_unchanged
from jixiao.worker_context import check_importable
from jixiao.worker_guard import configure_in_process

if TYPE_CHECKING:
    from jixiao.cluster import DaskPool
    from jixiao.load.records import RunCounts

log = logging.getLogger(__name__)

__all__ = ["FileOutcome", "IngestOptions", "IngestResult", "hash_file", "ingest"]


def _default_workers() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True)
class IngestOptions:
    workers: int = field(default_factory=_default_workers)  # 1: parse in this process
    reprocess: bool = False  # re-parse documents even when the parser is current
    label_files: tuple[Path, ...] = ()
    grade_bands_file: Path | None = None  # replaces the national 优/良/中/差 band table
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    parser_version: int = PARSER_VERSION
    max_tasks_per_child: int = 500  # a fresh worker process after this many files
    budgets: Budgets = field(default_factory=Budgets)  # per file: time, memory, pages…
    follow_symlinks: bool = False  # follow links that lead out of the input folders
    # Parse in worker processes even with workers=1 (the budgets need a process of
    # their own). None: yes for jixiao's own parser, no for a caller's `process`.
    isolate: bool | None = None
    wait_lock: float = 0.0  # seconds to wait for another ingest's lock (0: exit at once)
    cluster: str | None = None  # parse on Dask: "local:N" or "tcp://scheduler:8786"
    ship_bytes: bool = False  # cluster workers get the file's bytes, not its path
    cluster_retries: int = 2  # a file that kills this many more workers fails


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def ingest(
    paths: Sequence[Path],
    url: str = "sqlite:///jixiao.db",
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    process: ProcessFn | None = None,
) -> IngestResult:
    """Load every report under ``paths`` into the database at ``url``.

    ``process`` (default :func:`jixiao.process.process_file`) turns one file into a
    CanonicalReport; with ``workers > 1`` it must be a module-level function.
    """
    options = options or IngestOptions()
    progress = progress or NullProgress()
    check_options(options.label_files, options.grade_bands_file)  # ConfigurationError
    default_process = process is None
    isolated = (
        options.workers > 1
        or bool(options.cluster)
        or (options.isolate if options.isolate is not None else default_process)
    )
    if isolated and process is not None:  # jixiao's own parser is importable by name
        check_importable(process)
        try:
            pickle.dumps(process)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            raise ValueError(
                f"with workers > 1, process must be a module-level function: {exc}"
            ) from exc
    found = discover(paths, options.extensions, follow_symlinks=options.follow_symlinks)
    from jixiao.load.store import Store  # SQLAlchemy: after the checks above

    store = Store(url, schema_under_lock=True)  # first runs racing: one creates the schema
    guard: RunGuard | None = None
    try:
        with store.lock(options.wait_lock):
            guard = RunGuard(options.budgets, warm=default_process)
            run_id = store.start_run(_arguments(paths, options), options.parser_version)
            run = IngestRun(
                store,
                run_id,
                options,
                progress,
                process,
                len(found.files) + len(found.missing) + len(found.unreadable) + len(found.refused),
            )
            run.guard, run.isolated = guard, isolated
            progress.on_start(run.total)
            for folder, reason in found.unreadable:
                run.record_unreadable(folder, reason)
            for path, reason in found.refused:  # FIFOs, devices, links out of the folders
                run.record_unreadable(path, reason)
            run.cluster = _connect_cluster(run, options)
            try:
                interrupted = _execute(run, found.files, found.missing)
            finally:
                if run.cluster is not None:
                    run.cluster.close()
            status = "interrupted" if interrupted else "finished"
            store.finish_run(run_id, _counts(run.outcomes), status)
            result = IngestResult(run_id, tuple(run.outcomes), interrupted)
    finally:
        if guard is not None:
            guard.close()
        store.close()
    progress.on_finish(result)
    return result


def _execute(run: IngestRun, files: Sequence[Path], missing: Sequence[Path]) -> bool:
    """Run the batch; True when it was interrupted (Ctrl-C / SIGTERM)."""
    for path in missing:
        run.emit(FileOutcome(str(path), "failed", "no such file or folder", None, 0.0))
    try:
        with _sigterm_as_interrupt():
            files = skip_unchanged(run, files)
            if run.isolated:
                from jixiao.ingest_pool import parallel

                parallel(run, files)
                run.run_deferred()
            else:
                configure_in_process(run.options.budgets)  # time and reader limits
                try:
                    run.serial(files)
                    run.run_deferred()
                finally:
                    configure_in_process(None)
            run.forget_unreadable()
    except KeyboardInterrupt:
        log.warning("ingest run %d interrupted", run.run_id)
        return True
    except Exception:  # the database failed (InfrastructureError) or a bug: re-raised
        _mark_interrupted(run)
        raise
    return False


def _connect_cluster(run: IngestRun, options: IngestOptions) -> DaskPool | None:
    """The Dask cluster the parses go to (``--cluster``), checked against this
    driver's parser version; None for the built-in pool."""
    if not options.cluster:
        return None
    from jixiao.cluster import ClusterSpec, DaskPool, worker_versions

    try:
        pool = DaskPool(
            ClusterSpec.parse(options.cluster),
            retries=options.cluster_retries,
            ship_bytes=options.ship_bytes,
        )
    except Exception:
        _mark_interrupted(run)
        raise
    try:
        pool.check_versions((worker_versions()[0], options.parser_version))
    except Exception:
        pool.close()
        _mark_interrupted(run)
        raise
    return pool


def _mark_interrupted(run: IngestRun) -> None:
    try:
        run.store.finish_run(run.run_id, _counts(run.outcomes), "interrupted")
    except InfrastructureError as exc:
        # The database is what failed; the next locked run marks this one interrupted.
        # (Logged, not raised: the error that stopped the run is the one to report.)
        log.warning("could not mark run %d interrupted: %s", run.run_id, exc)


def _counts(outcomes: Sequence[FileOutcome]) -> RunCounts:
    from jixiao.load.records import RunCounts

    return RunCounts(
        loaded=sum(o.status == "loaded" for o in outcomes),
        skipped=sum(o.status == "skipped" for o in outcomes),
        failed=sum(o.status == "failed" for o in outcomes),
        no_report=sum(o.status == "no_report" for o in outcomes),
    )


def _arguments(paths: Sequence[Path], options: IngestOptions) -> dict[str, Any]:
    return {
        "paths": [str(p) for p in paths],
        "workers": options.workers,
        "reprocess": options.reprocess,
        "label_files": [str(p) for p in options.label_files],
        "grade_bands_file": str(options.grade_bands_file) if options.grade_bands_file else None,
        "extensions": list(options.extensions),
        "parser_version": options.parser_version,
        "cluster": options.cluster,
        "ship_bytes": options.ship_bytes,
    }
