"""Batch import: folders of reports → the database.

For each file: hash it (streaming SHA-256) before parsing; a document already loaded
by the current parser is skipped (its path recorded: a moved file is the same
document). Everything else is parsed (in worker processes when ``workers > 1``) and
written by this process, one transaction per document.

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
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao import PARSER_VERSION
from jixiao.budgets import Budgets
from jixiao.config_check import check_options
from jixiao.discover import DEFAULT_EXTENSIONS, discover
from jixiao.errors import DocumentError, InfrastructureError, display_path
from jixiao.ingest_guard import POLICE_SECONDS, RunGuard, crash_reason, stop_workers
from jixiao.ingest_worker import (
    Parsed,
    ProcessFn,
    hash_file,
    ignore_sigint,
    parse_file,
    ping,
    process_setup,
)
from jixiao.load.records import RunCounts
from jixiao.load.store import READ_STATUSES, Store

if TYPE_CHECKING:
    from jixiao.cluster import DaskPool
from jixiao.progress import FileOutcome, IngestResult, NullProgress, Progress
from jixiao.unreadable import unreadable_key
from jixiao.worker_context import check_importable, worker_context
from jixiao.worker_guard import configure_in_process

log = logging.getLogger(__name__)
SKIP_BATCH = 256  # files hashed, looked up and touched together

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


@dataclass(frozen=True)
class _Work:
    path: Path
    sha256: str
    size: int
    replace: bool
    seconds: float  # spent in this process so far (hashing)
    suspect: bool = False  # was in a worker that died


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


def _stored(path: Path) -> str:
    """The path as the database keeps it: absolute, escaped (jixiao.errors.display_path)."""
    return display_path(path.absolute())


def _format_of(path: Path) -> str | None:
    return path.suffix.lower().lstrip(".") or None


class _Run:
    """One ingest run's state: the store, the outcomes so far, the files in flight."""

    def __init__(
        self,
        store: Store,
        run_id: int,
        options: IngestOptions,
        progress: Progress,
        process: ProcessFn,
        process_options: Any,
        total: int,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.options = options
        self.progress = progress
        self.process = process
        self.process_options = process_options
        self.total = total
        self.outcomes: list[FileOutcome] = []
        self.in_flight: set[str] = set()  # sha256 being parsed
        self.failed: dict[str, str] = {}  # sha256 → reason, this run
        self.deferred: list[Path] = []  # same bytes as a file in flight
        self.pool_ok = False  # a worker has returned a result
        self.hashes: dict[Path, tuple[str, int, float]] = {}  # hashed by skip_unchanged
        self.loaded: set[str] = set()  # sha256 loaded by this run (--reprocess: once)
        self.guard: RunGuard | None = None  # the budgets' driver side (set by ingest)
        self.isolated = options.workers > 1
        self.cluster: DaskPool | None = None  # parse on Dask instead of the process pool

    def emit(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        self.progress.on_file(outcome, len(self.outcomes), self.total)

    def _fail(self, path: Path, sha: str, size: int, reason: str, seconds: float) -> None:
        self.store.record_failure(
            path=_stored(path),
            sha256=sha,
            format=_format_of(path),
            size=size,
            reason=reason,
            run_id=self.run_id,
            parser_version=self.options.parser_version,
        )
        self.failed[sha] = reason
        self.emit(FileOutcome(str(path), "failed", reason, sha, seconds))

    def prepare(self, path: Path) -> _Work | None:
        """Hash ``path`` and decide: skip it (emitted, returns None) or parse it."""
        start = time.perf_counter()
        if path in self.hashes:
            sha, size, hashing = self.hashes.pop(path)
            start -= hashing
        else:
            try:
                sha, size = hash_file(path)
            except OSError as exc:
                self.record_unreadable(path, f"cannot read: {exc.strerror or exc}")
                return None
        if sha in self.in_flight:
            self.deferred.append(path)
            return None
        elapsed = time.perf_counter() - start
        if sha in self.loaded:  # another path of a document this run (re)loaded
            self.store.touch_path(sha, _stored(path), self.run_id)
            self.emit(FileOutcome(str(path), "skipped", None, sha, elapsed))
            return None
        if sha in self.failed:
            self._fail(path, sha, size, self.failed[sha], elapsed)
            return None
        loaded, current = self.stored(sha)
        if current:
            self.store.touch_path(sha, _stored(path), self.run_id)
            seconds = time.perf_counter() - start
            ids = self.store.report_ids([sha]).get(sha, ())
            self.emit(FileOutcome(str(path), "skipped", None, sha, seconds, report_ids=ids))
            return None
        self.in_flight.add(sha)
        return _Work(path, sha, size, replace=loaded, seconds=elapsed)

    def stored(self, sha256: str) -> tuple[bool, bool]:
        """(read before: its reports are stored, maybe none; current: read by this
        parser version and not to be re-parsed)."""
        doc = self.store.document_by_sha(sha256)
        loaded = doc is not None and doc.status in READ_STATUSES
        current = (
            loaded
            and doc is not None
            and doc.parser_version >= self.options.parser_version
            and not self.options.reprocess
        )
        return loaded, current

    def finish(self, work: _Work, parsed: Parsed) -> None:
        """Write what a parse produced (this process only)."""
        if parsed.infrastructure is not None:
            raise InfrastructureError(parsed.infrastructure)
        self.in_flight.discard(work.sha256)
        if parsed.sha256 is not None and parsed.sha256 != work.sha256:
            changed = self.changed_since_hashed(work, parsed.sha256, parsed.size or 0)
            if changed is None:
                return
            work = changed
        start = time.perf_counter()
        reason = parsed.reason
        if parsed.no_report:
            self.store.record_no_report(
                path=_stored(work.path),
                sha256=work.sha256,
                format=_format_of(work.path),
                size=work.size,
                reason=reason or "no performance report in this document",
                run_id=self.run_id,
                parser_version=self.options.parser_version,
            )
            seconds = work.seconds + parsed.seconds + time.perf_counter() - start
            self.loaded.add(work.sha256)
            self.emit(FileOutcome(str(work.path), "no_report", reason, work.sha256, seconds))
            return
        if parsed.reports:
            reports = [
                dataclasses.replace(rows, sha256=work.sha256, size=work.size)
                for rows in parsed.reports
            ]
            try:
                report_ids = self.store.load_document(
                    reports,
                    path=_stored(work.path),
                    run_id=self.run_id,
                    parser_version=self.options.parser_version,
                    replace=work.replace,
                )
            except DocumentError as exc:
                reason = exc.reason
            else:
                seconds = work.seconds + parsed.seconds + time.perf_counter() - start
                self.loaded.add(work.sha256)
                outcome = FileOutcome(
                    str(work.path),
                    "loaded",
                    None,
                    work.sha256,
                    seconds,
                    reports=len(reports),
                    report_ids=tuple(report_ids),
                )
                self.emit(outcome)
                return
        if parsed.trace is not None:
            log.error("%s: %s\n%s", display_path(work.path), reason, parsed.trace)
        seconds = work.seconds + parsed.seconds + time.perf_counter() - start
        self._fail(work.path, work.sha256, work.size, reason or "unknown error", seconds)

    def changed_since_hashed(self, work: _Work, sha256: str, size: int) -> _Work | None:
        """The file was replaced between hashing and parsing: what was parsed is stored
        under the hash of the bytes parsed, after the skip decision is made again."""
        log.info("%s: changed after it was hashed; using the bytes parsed", display_path(work.path))
        loaded, current = self.stored(sha256)
        if current or sha256 in self.loaded:
            self.store.touch_path(sha256, _stored(work.path), self.run_id)
            self.emit(FileOutcome(str(work.path), "skipped", None, sha256, work.seconds))
            return None
        return dataclasses.replace(work, sha256=sha256, size=size, replace=loaded)

    def record_unreadable(self, path: Path, reason: str) -> None:
        """A file or folder that cannot be read: a failed document keyed by its path."""
        self._fail(path, unreadable_key(path), 0, reason, 0.0)

    def forget_unreadable(self) -> None:
        """Files read this run (and the folders they are in) drop the failure recorded
        when they could not be read."""
        read = {Path(o.path) for o in self.outcomes if o.status in ("loaded", "skipped")}
        read |= {path.parent for path in read}
        self.store.forget_failures(sorted({unreadable_key(p) for p in read}))

    def skip_unchanged(self, files: Sequence[Path]) -> list[Path]:
        """Hash every file first and skip the unchanged ones, a batch at a time.

        One lookup and one write per :data:`SKIP_BATCH` files instead of several round
        trips per file: a nightly run over an archive that did not change is bound by
        hashing. Returns the files still to look at (their hashes are kept).
        """
        if self.options.reprocess:
            return list(files)
        rest: list[Path] = []
        for first in range(0, len(files), SKIP_BATCH):
            hashed: list[tuple[Path, str, float]] = []
            for path in files[first : first + SKIP_BATCH]:
                start = time.perf_counter()
                try:
                    sha, size = hash_file(path)
                except OSError:
                    rest.append(path)  # prepare() reports it
                    continue
                seconds = time.perf_counter() - start
                self.hashes[path] = (sha, size, seconds)
                hashed.append((path, sha, seconds))
            versions = self.store.loaded_versions([sha for _, sha, _ in hashed])
            current = self.options.parser_version
            skipped = [h for h in hashed if versions.get(h[1], -1) >= current]
            self.store.touch_paths([(sha, _stored(p)) for p, sha, _ in skipped], self.run_id)
            ids = self.store.report_ids([sha for _, sha, _ in skipped]) if skipped else {}
            for path, sha, seconds in skipped:
                del self.hashes[path]
                outcome = FileOutcome(
                    str(path), "skipped", None, sha, seconds, report_ids=ids.get(sha, ())
                )
                self.emit(outcome)
            done = {path for path, _, _ in skipped}
            rest.extend(path for path, _, _ in hashed if path not in done)
        return rest

    # -- the two ways of running ------------------------------------------------------

    def serial(self, files: Sequence[Path]) -> None:
        for path in files:
            work = self.prepare(path)
            if work is not None:
                self.finish(work, parse_file(self.process, str(path), self.process_options))

    def parallel(self, files: Sequence[Path]) -> None:
        queue: deque[Path | _Work] = deque(files)
        in_flight: dict[Future[Parsed], _Work] = {}
        limit = 2 * (self.cluster.slots if self.cluster else self.options.workers)
        executor = self._executor()
        try:
            while queue or in_flight:
                while queue and len(in_flight) < limit:
                    if any(w.suspect for w in in_flight.values()):
                        break  # a suspect runs alone
                    head = queue[0]
                    if isinstance(head, _Work) and head.suspect and in_flight:
                        break
                    queue.popleft()
                    work = head if isinstance(head, _Work) else self.prepare(head)
                    if work is not None:
                        in_flight[self._submit(executor, work)] = work
                if not in_flight:
                    continue
                done, _ = wait(in_flight, timeout=POLICE_SECONDS, return_when=FIRST_COMPLETED)
                if self.guard is not None:
                    self.guard.police()
                broken = False
                for future in done:
                    try:
                        parsed = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    except Exception as exc:  # e.g. a result that does not pickle: a bug
                        if self.cluster is not None:  # a dead worker or a lost scheduler
                            self.finish(in_flight.pop(future), self.cluster.parsed_from_error(exc))
                            continue
                        parsed = Parsed(
                            reason=f"internal error: {type(exc).__name__}: {exc}",
                            trace="".join(traceback.format_exception(exc)),
                        )
                    self.pool_ok = True
                    self.finish(in_flight.pop(future), parsed)
                if broken:
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._requeue_after_crash(in_flight, queue)
                    in_flight.clear()
                    executor = self._executor()
        except BaseException:  # interrupted, or the database failed: stop the workers
            stop_workers(executor)
            raise
        finally:
            if self.cluster is not None:
                executor.shutdown(wait=False)  # Dask's executor cancels what it started
            else:
                executor.shutdown(wait=False, cancel_futures=True)

    def _requeue_after_crash(
        self, in_flight: dict[Future[Parsed], _Work], queue: deque[Path | _Work]
    ) -> None:
        # The status board says which files had started and why a worker was killed
        # (over its time budget); without a verdict, the files that had started are
        # suspects: each runs alone, and one that kills its worker again fails.
        board = self.guard.after_crash() if self.guard is not None else {}
        judged = any(entry.verdict for entry in board.values())
        requeue: list[_Work] = []
        for work in in_flight.values():
            entry = board.get(str(work.path))
            if entry is not None and entry.verdict:
                self.in_flight.discard(work.sha256)
                self._fail(work.path, work.sha256, work.size, entry.verdict, work.seconds)
            elif judged or (board and entry is None):
                requeue.append(work)  # killed beside the judged one, or not started
            elif not work.suspect:
                requeue.append(dataclasses.replace(work, suspect=True))
            else:
                if not self.pool_ok:
                    self._check_pool()
                self.in_flight.discard(work.sha256)
                self._fail(work.path, work.sha256, work.size, crash_reason(entry), work.seconds)
        queue.extendleft(reversed(requeue))

    def _check_pool(self) -> None:
        """A file killed its worker twice: make sure workers can run at all (they
        cannot when, e.g., the main module cannot be re-imported by ``spawn``)."""
        executor = self._executor()
        try:
            executor.submit(ping).result(timeout=120)
        except (BrokenProcessPool, TimeoutError) as exc:
            raise InfrastructureError(
                f"worker processes cannot run ({type(exc).__name__}); try workers=1"
            ) from exc
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
        self.pool_ok = True

    def _submit(self, executor: Executor, work: _Work) -> Future[Parsed]:
        if self.cluster is not None:
            return self.cluster.submit(executor, self.process, work.path, self.process_options)
        return executor.submit(parse_file, self.process, str(work.path), self.process_options)

    def _executor(self) -> Executor:
        if self.cluster is not None:
            return self.cluster.executor()
        extra: dict[str, Any] = {}
        if sys.version_info >= (3, 11):
            extra["max_tasks_per_child"] = self.options.max_tasks_per_child
        if self.guard is not None:
            extra["initializer"], extra["initargs"] = self.guard.initializer()
        else:
            extra["initializer"] = ignore_sigint
        return ProcessPoolExecutor(
            max_workers=self.options.workers,
            mp_context=worker_context(),  # spawn, without re-running the caller's script
            **extra,
        )

    def run_deferred(self) -> None:
        """Files with the same bytes as one parsed earlier in this run."""
        deferred, self.deferred = self.deferred, []
        if self.isolated and deferred:
            self.parallel(deferred)
            return
        for path in deferred:
            work = self.prepare(path)
            if work is not None:  # the first copy did not get stored (interrupted)
                self.finish(work, parse_file(self.process, str(path), self.process_options))


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
    process, process_options = process_setup(process, options.label_files, options.grade_bands_file)
    if isolated:
        check_importable(process)
        try:
            pickle.dumps(process)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            raise ValueError(
                f"with workers > 1, process must be a module-level function: {exc}"
            ) from exc
    found = discover(paths, options.extensions, follow_symlinks=options.follow_symlinks)
    store = Store(url, schema_under_lock=True)  # first runs racing: one creates the schema
    guard: RunGuard | None = None
    try:
        with store.lock(options.wait_lock):
            guard = RunGuard(options.budgets, warm=default_process)
            run_id = store.start_run(_arguments(paths, options), options.parser_version)
            run = _Run(
                store,
                run_id,
                options,
                progress,
                process,
                process_options,
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


def _execute(run: _Run, files: Sequence[Path], missing: Sequence[Path]) -> bool:
    """Run the batch; True when it was interrupted (Ctrl-C / SIGTERM)."""
    for path in missing:
        run.emit(FileOutcome(str(path), "failed", "no such file or folder", None, 0.0))
    try:
        with _sigterm_as_interrupt():
            files = run.skip_unchanged(files)
            if run.isolated:
                run.parallel(files)
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


def _connect_cluster(run: _Run, options: IngestOptions) -> DaskPool | None:
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


def _mark_interrupted(run: _Run) -> None:
    try:
        run.store.finish_run(run.run_id, _counts(run.outcomes), "interrupted")
    except InfrastructureError as exc:
        # The database is what failed; the next locked run marks this one interrupted.
        # (Logged, not raised: the error that stopped the run is the one to report.)
        log.warning("could not mark run %d interrupted: %s", run.run_id, exc)


def _counts(outcomes: Sequence[FileOutcome]) -> RunCounts:
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
