"""Each hostile kind of file alone through `jixiao ingest`: reason, seconds, peak RSS.

    python benchmarks/bench_hostile.py [--slow] [--limit SECONDS] [--only NAME…]

Every case of scripts/build_hostile_corpus.py is ingested on its own (two workers,
the whole run capped at 4 GB of address space, as in issue 15's experiment) and the
table printed: the reason it failed with (or "loaded"), the seconds until the run
ended, and the peak resident memory of the largest process of the run (driver,
workers or LibreOffice: ``wait4``'s ``ru_maxrss``). A run still going after
``--limit`` seconds is killed and shown as ``> N s``.

To measure another version (the "before" column of the closing note), put its
``jixiao`` package first on ``PYTHONPATH``; the script runs ``python -c`` with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.build_hostile_corpus import build  # noqa: E402
from scripts.process_tree import descendants, reap  # noqa: E402

CAP = 4 * 1024**3
CLI = "import sys; from jixiao.cli.main import main; sys.argv[0] = 'jixiao'; main()"


def _escape(name: bytes) -> str:
    return os.fsdecode(name).encode("unicode_escape", "backslashreplace").decode()


def measure(folder: Path, db: Path, limit: float, extra: list[str]) -> tuple[str, float, int]:
    """(reason or outcome, seconds, peak RSS in bytes) of one ingest of ``folder``."""

    def cap() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (CAP, resource.RLIM_INFINITY))

    command = [sys.executable, "-c", CLI, "ingest", str(folder), "--db", f"sqlite:///{db}"]
    command += ["--workers", "2", "--log-json", *extra]
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err, preexec_fn=cap)
        seen: set[int] = set()
        sampled = 0  # RSS read from /proc while running (a killed run reports no rusage)
        status = None
        while time.monotonic() - start < limit:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            seen |= descendants(child.pid)
            sampled = max([sampled, *(_rss(p) for p in seen)])
            time.sleep(0.2)
        else:
            seen |= descendants(child.pid)
            os.killpg(child.pid, signal.SIGKILL)
            _, status, usage = os.wait4(child.pid, 0)
            reap(seen)
            peak = max(sampled, usage.ru_maxrss * 1024)
            return f"> {limit:g} s (killed)", time.monotonic() - start, peak
        seconds = time.monotonic() - start
        reap(seen)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    records = []
    for line in stdout.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    if records:
        record = records[-1]
        outcome = record["reason"] if record["status"] == "failed" else record["status"]
    elif "Traceback" in stderr:
        outcome = "CRASH: " + stderr.strip().splitlines()[-1][:90]
    else:
        outcome = f"(no file reported; exit {os.waitstatus_to_exitcode(status)})"
    return outcome, seconds, max(sampled, usage.ru_maxrss * 1024)


def _rss(pid: int) -> int:
    """Peak resident memory of a live process (VmHWM), in bytes; 0 when gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", action="store_true", help="also the huge RTF")
    parser.add_argument("--limit", type=float, default=600, help="seconds before a run is killed")
    parser.add_argument("--only", nargs="*", help="case file names to run")
    parser.add_argument("args", nargs="*", help="extra `jixiao ingest` options (after --)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as scratch:
        corpus = Path(scratch, "corpus")
        cases = build(corpus, slow=True) if options.slow else build(corpus, slow=True)[:-1]
        print(f"{'kind':34} {'seconds':>8} {'peak RSS':>9}  reason")
        for number, case in enumerate(cases):
            if options.only and os.fsdecode(case.name) not in options.only:
                continue
            folder = Path(scratch, f"case{number}")
            folder.mkdir()
            os.rename(
                os.path.join(os.fsencode(corpus), case.name),
                os.path.join(os.fsencode(folder), case.name),
            )
            db = Path(scratch, f"case{number}.db")
            outcome, seconds, peak = measure(folder, db, options.limit, options.args)
            print(
                f"{case.kind[:34]:34} {seconds:8.1f} {peak / 1024**2:7.0f}MB  {outcome[:110]}",
                flush=True,
            )


if __name__ == "__main__":
    main()
