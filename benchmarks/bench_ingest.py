"""Ingest benchmark: documents/second, skip rate and peak memory, SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_ingest.py [--n 200] [--rerun-n 10000]
        [--pg-url URL] [--skip-pg] [--with-pdf] [--max-tasks-per-child K]
        [--workdir DIR] [--keep]

1. Builds ``--n`` distinct documents from the DOCX samples (``--with-pdf`` adds the
   PDFs) with :mod:`corpus`: new bytes, same content.
2. Ingests them into a fresh SQLite file and a fresh PostgreSQL database (a temporary
   ``jixiao_bench_<random>`` created through ``--pg-url`` and dropped afterwards) with
   workers=1 and workers=2. Each phase runs in a fresh Python process, as
   ``jixiao ingest`` would (nothing loaded by an earlier phase), and the memory of its
   whole process tree (it, its workers, multiprocessing's resource tracker) is sampled
   from /proc while it runs.
3. Re-runs the same ingest (nothing changed: every file is hashed, then skipped), then
   runs twice over ``--rerun-n`` hard links to the loaded files: the first pass records
   their new paths, the second is an unchanged re-run of that many files.
4. Prints one table and the targets. Figures only; no assertions.

Times are those of the ``ingest()`` call (interpreter start-up excluded). Peak RSS is
the sum over the tree of each process's RSS, so shared library pages count once per
process: an upper bound on what the tree costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from corpus import build_corpus, link_corpus, sample_files
from sqlalchemy import create_engine, text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 2**20

TARGET_DOCS_PER_S = 20.0  # DOCX documents/second with 2 workers
TARGET_RERUN_S = 10.0  # unchanged re-run of 10,000 files
TARGET_RSS_MB = 500.0  # peak RSS of the process tree
URL_VARIABLE = "JIXIAO_BENCH_URL"  # the phase's database (not on its command line)


# -- memory of the process tree --------------------------------------------------------


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (every thread's ``children`` file: a worker started
    by the executor's manager thread is that thread's child)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                found.extend(int(c) for c in fh.read().split())
        except OSError:
            continue  # the thread ended
    return found


def tree_pids(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0  # the process ended between listing and reading


class TreeRss:
    """Samples the summed RSS of process ``root`` and its descendants in a thread."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root = root
        self.interval = interval
        self.peak = 0
        self.max_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)

    def _sample(self) -> None:
        pids = [p for p in tree_pids(self.root) if rss_bytes(p)]
        self.peak = max(self.peak, sum(rss_bytes(p) for p in pids))
        self.max_processes = max(self.max_processes, len(pids))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeRss:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


# -- databases ---------------------------------------------------------------------------


@contextmanager
def temporary_pg(admin_url: str) -> Iterator[str]:
    """A new empty PostgreSQL database (its URL), dropped on exit."""
    name = f"jixiao_bench_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin.url.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def temporary_sqlite(workdir: Path, label: str) -> Iterator[str]:
    path = workdir / f"{label}.db"
    try:
        yield f"sqlite:///{path}"
    finally:
        for leftover in workdir.glob(f"{label}.db*"):
            leftover.unlink()


# -- measuring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    backend: str
    workers: int
    phase: str
    files: int
    loaded: int
    skipped: int
    failed: int
    seconds: float
    cpu_seconds: float  # user + system of the whole tree, start-up included
    peak_rss_mb: float
    processes: int

    @property
    def rate(self) -> float:
        return self.files / self.seconds if self.seconds else float("inf")


def run_phase(folder: Path, url: str, workers: int, max_tasks: int) -> None:
    """In the phase's own process: one ingest, its figures as JSON on stdout."""
    from jixiao.ingest import IngestOptions, ingest

    options = IngestOptions(workers=workers)
    if max_tasks:
        options = dataclasses.replace(options, max_tasks_per_child=max_tasks)
    start = time.perf_counter()
    result = ingest([folder], url, options)
    seconds = time.perf_counter() - start
    failures = [f"{o.path}: {o.reason}" for o in result.outcomes if o.status == "failed"]
    figures = {
        "files": len(result.outcomes),
        "loaded": result.loaded,
        "skipped": result.skipped,
        "failed": result.failed,
        "seconds": seconds,
        "first_failure": failures[0] if failures else None,
    }
    print(json.dumps(figures))


@dataclass(frozen=True)
class Phase:
    backend: str
    name: str
    folder: Path
    url: str
    workers: int
    max_tasks: int  # 0: IngestOptions' default


def measure(p: Phase, figures: list[Figure]) -> Figure:
    """Run one phase in a new process; its figures, also appended to ``figures``."""
    backend, phase, workers = p.backend, p.name, p.workers
    command = [sys.executable, __file__, "--phase", str(p.folder), str(workers), str(p.max_tasks)]
    environment = {**os.environ, URL_VARIABLE: p.url}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=environment)
    with TreeRss(child.pid) as rss:
        out, _ = child.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if child.returncode != 0:
        raise SystemExit(f"{backend} {phase}: the ingest process exited {child.returncode}")
    got = json.loads(out.strip().splitlines()[-1])
    figure = Figure(
        backend=backend,
        workers=workers,
        phase=phase,
        files=got["files"],
        loaded=got["loaded"],
        skipped=got["skipped"],
        failed=got["failed"],
        seconds=got["seconds"],
        cpu_seconds=cpu,
        peak_rss_mb=rss.peak / MB,
        processes=rss.max_processes,
    )
    if got["first_failure"]:
        print(f"  first failure: {got['first_failure']}", file=sys.stderr)
    print(
        f"  {backend:<10} workers={workers} {phase:<16} {figure.files:>6} files "
        f"{figure.seconds:7.2f} s {figure.rate:8.1f}/s  CPU {figure.cpu_seconds:6.2f} s  "
        f"RSS {figure.peak_rss_mb:6.1f} MB",
        flush=True,
    )
    figures.append(figure)
    return figure


def run_backend(
    backend: str,
    fresh_db: Callable[[str], AbstractContextManager[str]],
    corpus: Path,
    many: Path | None,
    max_tasks: int,
    figures: list[Figure],
) -> None:
    """Load with workers 1 and 2 (each into a fresh database) and re-run; on the
    workers=2 database also the large linked corpus, twice."""
    for workers in (1, 2):
        with fresh_db(f"{backend}_w{workers}") as url:
            phases = [("load", corpus), ("re-run", corpus)]
            if workers == 2 and many is not None:
                phases += [("links, new paths", many), ("links, re-run", many)]
            for name, folder in phases:
                measure(Phase(backend, name, folder, url, workers, max_tasks), figures)


# -- report -----------------------------------------------------------------------------------


def print_table(figures: list[Figure]) -> None:
    header = (
        f"{'backend':<10} {'w':>1} {'phase':<16} {'files':>6} {'loaded':>6} {'skipped':>7} "
        f"{'failed':>6} {'seconds':>8} {'files/s':>8} {'CPU s':>7} {'files/CPU s':>11} "
        f"{'peak RSS MB':>11} {'procs':>5}"
    )
    print(header)
    print("-" * len(header))
    for f in figures:
        print(
            f"{f.backend:<10} {f.workers:>1} {f.phase:<16} {f.files:>6} {f.loaded:>6} "
            f"{f.skipped:>7} {f.failed:>6} {f.seconds:>8.2f} {f.rate:>8.1f} "
            f"{f.cpu_seconds:>7.2f} {f.files / f.cpu_seconds if f.cpu_seconds else 0:>11.1f} "
            f"{f.peak_rss_mb:>11.1f} {f.processes:>5}"
        )


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_targets(figures: list[Figure], docx_only: bool) -> None:
    print("\ntargets:")
    kind = "DOCX" if docx_only else "DOCX+PDF"
    for f in figures:
        if f.phase == "load" and f.workers == 2:
            ok = f.rate >= TARGET_DOCS_PER_S
            print(
                f"  {kind} documents/s, 2 workers, {f.backend:<10}: {f.rate:6.1f} "
                f"(target >= {TARGET_DOCS_PER_S:.0f}) {verdict(ok)}"
            )
    for f in figures:
        if f.phase == "links, re-run":
            per_10k = f.seconds * 10_000 / f.files if f.files else 0.0
            print(
                f"  unchanged re-run, {f.backend:<10}: {f.files} files in {f.seconds:.2f} s "
                f"= {per_10k:.2f} s per 10,000 (target < {TARGET_RERUN_S:.0f} s) "
                f"{verdict(per_10k < TARGET_RERUN_S)}"
            )
    peak = max(f.peak_rss_mb for f in figures)
    print(
        f"  peak RSS of the process tree, any phase: {peak:6.1f} MB "
        f"(target < {TARGET_RSS_MB:.0f} MB) {verdict(peak < TARGET_RSS_MB)}"
    )


# -- main -----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="documents to build and load")
    parser.add_argument("--rerun-n", type=int, default=10_000, help="files in the re-run")
    parser.add_argument("--pg-url", default=DEFAULT_PG, help="a database to create one from")
    parser.add_argument("--skip-pg", action="store_true", help="SQLite only")
    parser.add_argument("--with-pdf", action="store_true", help="add the PDF samples")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the built corpus")
    parser.add_argument(
        "--max-tasks-per-child", type=int, default=0, help="override IngestOptions' value"
    )
    parser.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)  # FOLDER WORKERS MAX
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.phase:
        folder, workers, max_tasks = args.phase
        run_phase(Path(folder), os.environ[URL_VARIABLE], int(workers), int(max_tasks))
        return

    workdir = Path(tempfile.mkdtemp(prefix="jixiao_bench_", dir=args.workdir))
    try:
        suffixes = (".docx", ".pdf") if args.with_pdf else (".docx",)
        samples = sample_files(SAMPLES, suffixes)
        start = time.perf_counter()
        corpus = workdir / "corpus"
        files = build_corpus(samples, corpus, args.n)
        built = time.perf_counter() - start
        many: Path | None = None
        linked = 0.0
        if args.rerun_n:
            start = time.perf_counter()
            link_corpus(files, workdir / "many", args.rerun_n)
            linked = time.perf_counter() - start
            many = workdir / "many"
        print(
            f"corpus: {len(files)} files from {len(samples)} samples ({', '.join(suffixes)}) "
            f"in {built:.2f} s; {args.rerun_n} linked files in {linked:.2f} s"
        )
        print(
            f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}, "
            f"Python {sys.version.split()[0]}; workdir {workdir}"
        )
        figures: list[Figure] = []

        def sqlite_db(label: str) -> AbstractContextManager[str]:
            return temporary_sqlite(workdir, label)

        def pg_db(label: str) -> AbstractContextManager[str]:
            return temporary_pg(args.pg_url)

        run_backend("sqlite", sqlite_db, corpus, many, args.max_tasks_per_child, figures)
        if not args.skip_pg:
            run_backend("postgresql", pg_db, corpus, many, args.max_tasks_per_child, figures)
        print(
            f"load average at the end: {os.getloadavg()[0]:.2f} (a busy machine slows every figure)"
        )
        print()
        print_table(figures)
        print_targets(figures, docx_only=not args.with_pdf)
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
