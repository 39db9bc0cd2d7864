"""Dask benchmark: the built-in pool vs a LocalCluster, driver memory, database writes.

    .venv/bin/python benchmarks/bench_cluster.py [--n 1000] [--workers 2]
        [--queued 100000] [--writes 300] [--pg-url URL] [--skip-pg]

1. Ingests ``--n`` distinct DOCX documents (built from the samples by :mod:`corpus`)
   into fresh SQLite files with the built-in pool (``--workers``) and with
   ``--cluster local:<workers>``: documents/second of each and their ratio (the
   cluster's overhead; target ≤ 1.2). Each run is a fresh Python process.
2. Driver memory: an ingest over ``--queued`` distinct small files on a LocalCluster,
   with a parse that sleeps (so the queue stays full), stopped after its pre-pass and
   a few seconds of parsing; prints the driver's peak RSS (VmHWM) next to the same run
   over 1,000 files: what each queued path costs the driver.
3. Database writes: ``--writes`` parsed reports written through the Store (the one
   writer every pool feeds) into SQLite and PostgreSQL: reports/second, i.e. the
   ceiling of any number of cluster workers.

Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import dataclasses
import secrets
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from corpus import build_corpus, sample_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TARGET_RATIO = 1.2

RUN_INGEST = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from jixiao.ingest import IngestOptions, ingest
    folder, url, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    options = IngestOptions(cluster=mode) if mode.startswith("local:") else IngestOptions(
        workers=int(mode))
    start = time.perf_counter()
    result = ingest([Path(folder)], url, options)
    print(result.loaded, result.failed, time.perf_counter() - start)
    """
)

RUN_QUEUED = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from cluster_fakes import slow_parse
    from jixiao.ingest import IngestOptions, ingest
    folder, url = sys.argv[1], sys.argv[2]
    def stop_later():
        # stop once the pre-pass is over and parsing has run for a while
        time.sleep(float(sys.argv[4]))
        os.kill(os.getpid(), signal.SIGINT)
    threading.Thread(target=stop_later, daemon=True).start()
    try:
        ingest([Path(folder)], url, IngestOptions(cluster="local:2"), process=slow_parse)
    except KeyboardInterrupt:
        pass
    status = Path("/proc/self/status").read_text()
    print([line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")][0])
    """
)


def _python() -> str:
    return sys.executable


def ingest_rate(folder: Path, mode: str, workdir: Path) -> float:
    url = f"sqlite:///{workdir / f'rate-{secrets.token_hex(4)}.db'}"
    out = subprocess.run(
        [_python(), "-c", RUN_INGEST, str(folder), url, mode],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    loaded, failed, seconds = int(out[0]), int(out[1]), float(out[2])
    return (loaded + failed) / seconds


def driver_peak_mb(count: int, workdir: Path, seconds: float) -> float:
    folder = workdir / f"queued-{count}"
    folder.mkdir()
    for i in range(count):
        (folder / f"f{i:07d}.docx").write_bytes(f"not a report {i}".encode())
    url = f"sqlite:///{workdir / f'queued-{count}.db'}"
    out = subprocess.run(
        [
            _python(),
            "-c",
            RUN_QUEUED,
            str(folder),
            url,
            str(ROOT / "tests" / "load"),
            str(seconds),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[-1]) / 1024


def write_rate(url: str, files: list[Path], rounds: int) -> tuple[float, float]:
    """Documents/second through Store.load_document, the one writer every pool feeds
    (parsing done beforehand, not timed); returns (documents/s, reports/s)."""
    from jixiao.ingest_worker import parse_file, process_setup
    from jixiao.load import Store

    process, options = process_setup(None, ())
    parsed = [parse_file(process, str(f), options) for f in files]
    parsed = [p for p in parsed if p.reports]
    with Store(url) as store:
        run_id = store.start_run({"bench": "writes"})
        start = time.perf_counter()
        reports = 0
        for i in range(rounds):
            p = parsed[i % len(parsed)]
            rows = [dataclasses.replace(r, sha256=f"{i:064x}", size=1) for r in p.reports]
            store.load_document(rows, path=f"/bench/{i}.docx", run_id=run_id, parser_version=1)
            reports += len(rows)
        seconds = time.perf_counter() - start
        return rounds / seconds, reports / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queued", type=int, default=100_000)
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-cluster-") as tmp:
        workdir = Path(tmp)
        corpus = workdir / "corpus"
        build_corpus(sample_files(ROOT / "samples"), corpus, args.n)
        pool = ingest_rate(corpus, str(args.workers), workdir)
        dask = ingest_rate(corpus, f"local:{args.workers}", workdir)
        print(f"built-in pool ({args.workers} workers): {pool:7.1f} docs/s  ({args.n} DOCX)")
        print(f"LocalCluster({args.workers}):            {dask:7.1f} docs/s")
        ratio = pool / dask
        verdict = "ok" if ratio <= TARGET_RATIO else "over"
        print(
            f"overhead ratio pool/cluster:       {ratio:7.2f}  (target ≤ {TARGET_RATIO}: {verdict})"
        )
        small = driver_peak_mb(1_000, workdir, 20)
        large = driver_peak_mb(args.queued, workdir, 60)
        print(f"driver peak RSS, 1,000 queued:     {small:7.1f} MB")
        print(f"driver peak RSS, {args.queued:,} queued: {large:7.1f} MB")
        per_path = (large - small) * 1024 / max(1, args.queued - 1_000)
        print(f"driver memory per queued path:     {per_path:7.2f} KB")
        files = sorted(corpus.iterdir())[:20]
        docs, reports = write_rate(f"sqlite:///{workdir / 'writes.db'}", files, args.writes)
        print(f"Store writes, SQLite:              {docs:7.1f} docs/s ({reports:.1f} reports/s)")
        if not args.skip_pg:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            name = f"jixiao_bench_{secrets.token_hex(4)}"
            admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = make_url(args.pg_url).set(database=name).render_as_string(False)
                docs, reports = write_rate(url, files, args.writes)
                print(
                    f"Store writes, PostgreSQL:          {docs:7.1f} docs/s ({reports:.1f} reports/s)"
                )
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
