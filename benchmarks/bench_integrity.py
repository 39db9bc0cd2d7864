"""Reproduce the race and fault defects of issue 18 and print how often each happens.

    .venv/bin/python benchmarks/bench_integrity.py [--kills 20] [--racers 4] [--pg URL]

- schema kills: the first ``jixiao ingest`` into a fresh SQLite file is SIGKILLed at a
  random moment while it creates the schema (each DDL statement is slowed a little by a
  hook in the child so the window can be hit); then ``jixiao ingest`` runs again. A
  database the second run refuses (exit 3) or that ``jixiao db upgrade`` cannot repair
  is counted as broken.
- first runs racing: N ``jixiao ingest`` started at once into a fresh SQLite file and a
  fresh PostgreSQL database; prints each run's exit status and whether any printed a
  traceback or the database ended without the whole schema.

No timing here is a pass/fail threshold: the figures go in the closing note.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JIXIAO = [str(ROOT / ".venv/bin/jixiao")]
SAMPLE = ROOT / "samples" / "yueyang_2019_egov_extranet_self_eval.docx"

# A child that slows every CREATE statement and says when the first one ran.
_SLOW_DDL = r"""
import os, sys, time
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.engine import Engine
marker = Path(os.environ["BENCH_MARKER"])
@event.listens_for(Engine, "before_cursor_execute")
def _slow(conn, cursor, statement, params, context, executemany):
    if statement.lstrip().upper().startswith("CREATE"):
        marker.touch()
        time.sleep(0.02)
from jixiao.cli.main import main
sys.argv[0] = "jixiao"
main()
"""


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, **kw)  # type: ignore[call-overload]


def _schema_state(path: Path) -> str:
    """What a kill left: no schema, all of it, or part of it."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        stamped = (
            "alembic_version" in tables
            and conn.execute("SELECT COUNT(*) FROM alembic_version").fetchone()[0]
        )
    finally:
        conn.close()
    if not tables:
        return "none"
    return "whole" if stamped else "partial"


def schema_kills(count: int, inputs: Path) -> None:
    broken = refused = repaired = 0
    states: Counter[str] = Counter()
    for i in range(count):
        with tempfile.TemporaryDirectory() as tmp:
            db = f"sqlite:///{tmp}/j.db"
            marker = Path(tmp) / "marker"
            env = {**os.environ, "BENCH_MARKER": str(marker)}
            child = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    _SLOW_DDL,
                    "ingest",
                    str(inputs),
                    "--db",
                    db,
                    "--workers",
                    "1",
                    "--quiet",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            deadline = time.monotonic() + 60
            while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.005)
            time.sleep(random.uniform(0, 0.6))
            if child.poll() is not None:
                print(f"  kill {i + 1}: the run ended (exit {child.returncode}) before the kill")
                continue
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
            states[_schema_state(Path(tmp) / "j.db")] += 1
            again = _run(JIXIAO + ["ingest", str(inputs), "--db", db, "--workers", "1", "--quiet"])
            if again.returncode not in (0, 1):
                broken += 1
                refused += "no schema revision" in again.stderr or "already exists" in again.stderr
                up = _run(JIXIAO + ["db", "upgrade", "--db", db])
                repaired += up.returncode == 0
            print(f"  kill {i + 1}: rerun exit {again.returncode}", flush=True)
    print(
        f"schema kills: {broken} of {count} left a database the next run refuses "
        f"({refused} 'no schema revision'/'already exists'; db upgrade repaired {repaired}); "
        f"schema the kill left: {dict(states)}"
    )


def racing(url: str, racers: int, inputs: Path, label: str, extra: list[str]) -> None:
    procs = [
        subprocess.Popen(
            JIXIAO + ["ingest", str(inputs), "--db", url, "--workers", "1", "--quiet", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(racers)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    codes = Counter(p.returncode for p in procs)
    tracebacks = sum("Traceback" in err for _, err in outs)
    locked = sum("another jixiao ingest" in err for _, err in outs)
    status = _run(JIXIAO + ["db", "status", "--db", url])
    print(
        f"{label} {racers} racers {' '.join(extra)}: exit codes {dict(codes)}, "
        f"lock messages {locked}, tracebacks {tracebacks}; db status: "
        f"{status.stdout.strip() or status.stderr.strip()}"
    )
    for _, err in outs:
        for line in err.splitlines():
            if "jixiao:" in line or "Error" in line:
                print("    " + line[:160])
                break


def _pg_database(admin_url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"jixiao_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--racers", type=int, default=4)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--wait-lock", action="store_true", help="racers pass --wait-lock 300")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        inputs.mkdir()
        (inputs / SAMPLE.name).write_bytes(SAMPLE.read_bytes())
        extra = ["--wait-lock", "300"] if args.wait_lock else []
        if args.racers:
            racing(f"sqlite:///{tmp}/race.db", args.racers, inputs, "sqlite", extra)
            racing(_pg_database(args.pg), args.racers, inputs, "postgresql", extra)
        schema_kills(args.kills, inputs)


if __name__ == "__main__":
    main()
