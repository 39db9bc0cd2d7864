"""One ingest run's state and its per-file decisions (driver side).

:class:`IngestRun` holds the store, the outcomes so far and the files in flight. For a
file it decides (:meth:`~IngestRun.prepare`): skip it (its bytes are loaded, read by
the current parser), fail it again (same bytes failed earlier this run), wait (the
same bytes are being parsed) or parse it; :meth:`~IngestRun.finish` writes what a
parse produced, one transaction per document. Parsing in worker processes lives in
:mod:`jixiao.ingest_pool`, skipping unchanged files in bulk in :mod:`jixiao.unchanged`.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.errors import DocumentError, InfrastructureError, display_path
from jixiao.file_stat import Hashed, hash_file
from jixiao.ingest_worker import Parsed, ProcessFn, parse_file, process_setup
from jixiao.progress import FileOutcome, Progress
from jixiao.unreadable import unreadable_key

if TYPE_CHECKING:
    from jixiao.cluster import DaskPool
    from jixiao.ingest import IngestOptions
    from jixiao.ingest_guard import RunGuard
    from jixiao.load.store import Store

log = logging.getLogger("jixiao.ingest")
# Statuses of a document that was read (as jixiao.load.store.READ_STATUSES; a test
# keeps them equal): not importing the store keeps this module light.
READ_STATUSES = ("ok", "no_report")


@dataclass(frozen=True)
class Work:
    """A file to parse, with what hashing it found."""

    path: Path
    sha256: str
    size: int
    replace: bool
    seconds: float  # spent in this process so far (hashing)
    suspect: bool = False  # was in a worker that died
    stat_key: str | None = None  # recorded with its path when it loads (jixiao.file_stat)


def stored_path(path: Path, cwd: str | None = None) -> str:
    """The path as the database keeps it: absolute, escaped (jixiao.errors.display_path).
    ``cwd``: the working directory, when the caller looked it up once for many paths."""
    return display_path(os.path.join(cwd if cwd is not None else os.getcwd(), path))


def _format_of(path: Path) -> str | None:
    return path.suffix.lower().lstrip(".") or None


class IngestRun:
    """One ingest run's state: the store, the outcomes so far, the files in flight."""

    def __init__(
        self,
        store: Store,
        run_id: int,
        options: IngestOptions,
        progress: Progress,
        process: ProcessFn | None,
        total: int,
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.options = options
        self.progress = progress
        self._process = process  # None: jixiao's parser, imported when a file needs it
        self._parser: tuple[ProcessFn, Any] | None = None
        self.total = total
        self.outcomes: list[FileOutcome] = []
        self.in_flight: set[str] = set()  # sha256 being parsed
        self.failed: dict[str, str] = {}  # sha256 → reason, this run
        self.deferred: list[Path] = []  # same bytes as a file in flight
        self.pool_ok = False  # a worker has returned a result
        self.hashes: dict[Path, tuple[Hashed, float]] = {}  # hashed by skip_unchanged
        self.loaded: set[str] = set()  # sha256 loaded by this run (--reprocess: once)
        self.guard: RunGuard | None = None  # the budgets' driver side (set by ingest)
        self.isolated = options.workers > 1
        self.cluster: DaskPool | None = None  # parse on Dask instead of the process pool

    def parser(self) -> tuple[ProcessFn, Any]:
        """The parse function and its options. Resolved on first use: a run whose files
        are all unchanged never imports the readers."""
        if self._parser is None:
            self._parser = process_setup(
                self._process, self.options.label_files, self.options.grade_bands_file
            )
        return self._parser

    def emit(self, outcome: FileOutcome) -> None:
        self.outcomes.append(outcome)
        self.progress.on_file(outcome, len(self.outcomes), self.total)

    def fail(self, path: Path, sha: str, size: int, reason: str, seconds: float) -> None:
        self.store.record_failure(
            path=stored_path(path),
            sha256=sha,
            format=_format_of(path),
            size=size,
            reason=reason,
            run_id=self.run_id,
            parser_version=self.options.parser_version,
        )
        self.failed[sha] = reason
        self.emit(FileOutcome(str(path), "failed", reason, sha, seconds))

    def prepare(self, path: Path) -> Work | None:
        """Hash ``path`` and decide: skip it (emitted, returns None) or parse it."""
        start = time.perf_counter()
        if path in self.hashes:
            hashed, hashing = self.hashes.pop(path)
            start -= hashing
        else:
            try:
                hashed = hash_file(path)
            except OSError as exc:
                self.record_unreadable(path, f"cannot read: {exc.strerror or exc}")
                return None
        sha, size = hashed.sha256, hashed.size
        if sha in self.in_flight:
            self.deferred.append(path)
            return None
        elapsed = time.perf_counter() - start
        if sha in self.loaded:  # another path of a document this run (re)loaded
            self.store.touch_path(sha, stored_path(path), self.run_id, hashed.stat_key)
            self.emit(FileOutcome(str(path), "skipped", None, sha, elapsed))
            return None
        if sha in self.failed:
            self.fail(path, sha, size, self.failed[sha], elapsed)
            return None
        loaded, current = self.stored(sha)
        if current:
            self.store.touch_path(sha, stored_path(path), self.run_id, hashed.stat_key)
            seconds = time.perf_counter() - start
            ids = self.store.report_ids([sha]).get(sha, ())
            self.emit(FileOutcome(str(path), "skipped", None, sha, seconds, report_ids=ids))
            return None
        self.in_flight.add(sha)
        return Work(path, sha, size, replace=loaded, seconds=elapsed, stat_key=hashed.stat_key)

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

    def finish(self, work: Work, parsed: Parsed) -> None:
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
                path=stored_path(work.path),
                sha256=work.sha256,
                format=_format_of(work.path),
                size=work.size,
                reason=reason or "no performance report in this document",
                run_id=self.run_id,
                parser_version=self.options.parser_version,
                stat_key=work.stat_key,
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
                    path=stored_path(work.path),
                    run_id=self.run_id,
                    parser_version=self.options.parser_version,
                    replace=work.replace,
                    stat_key=work.stat_key,
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
        self.fail(work.path, work.sha256, work.size, reason or "unknown error", seconds)

    def changed_since_hashed(self, work: Work, sha256: str, size: int) -> Work | None:
        """The file was replaced between hashing and parsing: what was parsed is stored
        under the hash of the bytes parsed, after the skip decision is made again. Its
        stat key is not recorded (it belongs to the bytes hashed, not those parsed)."""
        log.info("%s: changed after it was hashed; using the bytes parsed", display_path(work.path))
        loaded, current = self.stored(sha256)
        if current or sha256 in self.loaded:
            self.store.touch_path(sha256, stored_path(work.path), self.run_id)
            self.emit(FileOutcome(str(work.path), "skipped", None, sha256, work.seconds))
            return None
        return dataclasses.replace(work, sha256=sha256, size=size, replace=loaded, stat_key=None)

    def record_unreadable(self, path: Path, reason: str) -> None:
        """A file or folder that cannot be read: a failed document keyed by its path."""
        self.fail(path, unreadable_key(path), 0, reason, 0.0)

    def forget_unreadable(self) -> None:
        """Files read this run (and the folders they are in) drop the failure recorded
        when they could not be read (looked for only when there is such a failure)."""
        recorded = self.store.unreadable_failures()
        if not recorded:
            return
        read = {Path(o.path) for o in self.outcomes if o.status in ("loaded", "skipped")}
        read |= {path.parent for path in read}
        self.store.forget_failures(sorted({unreadable_key(p) for p in read} & recorded))

    def serial(self, files: Sequence[Path]) -> None:
        """Parse in this process, one file after another."""
        for path in files:
            work = self.prepare(path)
            if work is not None:
                process, options = self.parser()
                self.finish(work, parse_file(process, str(path), options))

    def run_deferred(self) -> None:
        """Files with the same bytes as one parsed earlier in this run."""
        deferred, self.deferred = self.deferred, []
        if self.isolated and deferred:
            from jixiao.ingest_pool import parallel

            parallel(self, deferred)
            return
        self.serial(deferred)  # the first copy did not get stored (interrupted)
