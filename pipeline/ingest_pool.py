"""Parsing an ingest's files in worker processes (or on a Dask cluster).

At most two files per worker are in flight. A worker that dies (a crash, the
out-of-memory killer, the budget's police) breaks the pool: the status board says which
file it was reading and why; without a verdict the files that had started are
*suspects*, each run alone, and one that kills its worker again fails.
"""

from __future__ import annotations

import dataclasses
import sys
import traceback
from collections import deque
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from jixiao.errors import InfrastructureError
from jixiao.ingest_guard import POLICE_SECONDS, crash_reason, stop_workers
from jixiao.ingest_run import IngestRun, Work
from jixiao.ingest_worker import Parsed, ignore_sigint, parse_file, ping
from jixiao.worker_context import worker_context


def parallel(run: IngestRun, files: Sequence[Path | Work]) -> None:
    """Hash, then parse ``files`` in the pool; write each result as it comes back."""
    if not files:
        return  # not even a pool (its queues would start multiprocessing's tracker)
    queue: deque[Path | Work] = deque(files)
    in_flight: dict[Future[Parsed], Work] = {}
    limit = 2 * (run.cluster.slots if run.cluster else run.options.workers)
    executor = _executor(run)
    try:
        while queue or in_flight:
            while queue and len(in_flight) < limit:
                if any(w.suspect for w in in_flight.values()):
                    break  # a suspect runs alone
                head = queue[0]
                if isinstance(head, Work) and head.suspect and in_flight:
                    break
                queue.popleft()
                work = head if isinstance(head, Work) else run.prepare(head)
                if work is not None:
                    in_flight[_submit(run, executor, work)] = work
            if not in_flight:
                continue
            done, _ = wait(in_flight, timeout=POLICE_SECONDS, return_when=FIRST_COMPLETED)
            if run.guard is not None:
                run.guard.police()
            broken = False
            for future in done:
                try:
                    parsed = future.result()
                except BrokenProcessPool:
                    broken = True
                    continue
                except Exception as exc:  # e.g. a result that does not pickle: a bug
                    if run.cluster is not None:  # a dead worker or a lost scheduler
                        run.finish(in_flight.pop(future), run.cluster.parsed_from_error(exc))
                        continue
                    parsed = Parsed(
                        reason=f"internal error: {type(exc).__name__}: {exc}",
                        trace="".join(traceback.format_exception(exc)),
                    )
                run.pool_ok = True
                run.finish(in_flight.pop(future), parsed)
            if broken:
                executor.shutdown(wait=False, cancel_futures=True)
                _requeue_after_crash(run, in_flight, queue)
                in_flight.clear()
                executor = _executor(run)
    except BaseException:  # interrupted, or the database failed: stop the workers
        stop_workers(executor)
        raise
    finally:
        if run.cluster is not None:
            executor.shutdown(wait=False)  # Dask's executor cancels what it started
        else:
            executor.shutdown(wait=False, cancel_futures=True)


def _requeue_after_crash(
    run: IngestRun, in_flight: dict[Future[Parsed], Work], queue: deque[Path | Work]
) -> None:
    # The status board says which files had started and why a worker was killed
    # (over its time budget); without a verdict, the files that had started are
    # suspects: each runs alone, and one that kills its worker again fails.
    board = run.guard.after_crash() if run.guard is not None else {}
    judged = any(entry.verdict for entry in board.values())
    requeue: list[Work] = []
    for work in in_flight.values():
        entry = board.get(str(work.path))
        if entry is not None and entry.verdict:
            run.in_flight.discard(work.sha256)
            run.fail(work.path, work.sha256, work.size, entry.verdict, work.seconds)
        elif judged or (board and entry is None):
            requeue.append(work)  # killed beside the judged one, or not started
        elif not work.suspect:
            requeue.append(dataclasses.replace(work, suspect=True))
        else:
            if not run.pool_ok:
                _check_pool(run)
            run.in_flight.discard(work.sha256)
            run.fail(work.path, work.sha256, work.size, crash_reason(entry), work.seconds)
    queue.extendleft(reversed(requeue))


def _check_pool(run: IngestRun) -> None:
    """A file killed its worker twice: make sure workers can run at all (they
    cannot when, e.g., the main module cannot be re-imported by ``spawn``)."""
    executor = _executor(run)
    try:
        executor.submit(ping).result(timeout=120)
    except (BrokenProcessPool, TimeoutError) as exc:
        raise InfrastructureError(
            f"worker processes cannot run ({type(exc).__name__}); try workers=1"
        ) from exc
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    run.pool_ok = True


def _submit(run: IngestRun, executor: Executor, work: Work) -> Future[Parsed]:
    process, options = run.parser()
    if run.cluster is not None:
        return run.cluster.submit(executor, process, work.path, options)
    return executor.submit(parse_file, process, str(work.path), options)


def _executor(run: IngestRun) -> Executor:
    if run.cluster is not None:
        return run.cluster.executor()
    extra: dict[str, Any] = {}
    if sys.version_info >= (3, 11):
        extra["max_tasks_per_child"] = run.options.max_tasks_per_child
    if run.guard is not None:
        extra["initializer"], extra["initargs"] = run.guard.initializer()
    else:
        extra["initializer"] = ignore_sigint
    return ProcessPoolExecutor(
        max_workers=run.options.workers,
        mp_context=worker_context(),  # spawn, without re-running the caller's script
        **extra,
    )
