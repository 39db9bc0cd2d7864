"""kill -9 an ingest at random moments: what is left behind (issue 17).

    python benchmarks/bench_kill.py [--kills 20] [--seed 17]

Each round starts `jixiao ingest` (two workers) on a folder of DOCX, a legacy .doc and
RTF files (both converted by LibreOffice), with ``TMPDIR`` pointing at a private
folder; after a random 1–20 s it collects the PIDs of everything the run started and
sends the driver SIGKILL. After the last round one more ingest runs to the end (a
later nightly run). Printed: the processes of the killed runs still alive 5 s after
their kill and at the end, and the folders left in ``TMPDIR`` at the end. Survivors are
killed before the script exits.

For the "before" figures, put another version's ``jixiao`` package first on
``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.build_hostile_corpus import huge_rtf  # noqa: E402
from scripts.process_tree import alive, descendants, reap  # noqa: E402

SAMPLES = ROOT / "samples"
CLI = "import sys; from jixiao.cli.main import main; sys.argv[0] = 'jixiao'; main()"


def corpus(folder: Path) -> None:
    folder.mkdir()
    for sample in sorted(SAMPLES.glob("*.doc*")):
        shutil.copy(sample, folder / sample.name)
    for number in range(4):  # converted by LibreOffice for several seconds each
        (folder / f"long-{number}.rtf").write_bytes(huge_rtf(1 + number) + b" " * number)


def start(folder: Path, db: Path, tmpdir: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, TMPDIR=str(tmpdir))
    command = [sys.executable, "-c", CLI, "ingest", str(folder), "--db", f"sqlite:///{db}"]
    command += ["--workers", "2", "--quiet"]
    return subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    scratch = Path(tempfile.mkdtemp(prefix="bench-kill-"))
    tmpdir = scratch / "tmp"
    tmpdir.mkdir()
    folder = scratch / "in"
    corpus(folder)
    db = scratch / "jixiao.db"
    every: set[int] = set()
    after_5s = 0
    try:
        for round_number in range(1, options.kills + 1):
            driver = start(folder, db, tmpdir)
            deadline = time.monotonic() + rng.uniform(1, 20)
            started: set[int] = set()
            while time.monotonic() < deadline and driver.poll() is None:
                started |= descendants(driver.pid)
                time.sleep(0.1)
            started |= descendants(driver.pid)
            if driver.poll() is None:
                os.kill(driver.pid, signal.SIGKILL)
            driver.wait()
            time.sleep(5)
            left = alive(started)
            after_5s += len(left)
            every |= started
            print(
                f"round {round_number:2}: {len(started)} processes started, "
                f"{len(left)} alive 5 s after the kill",
                flush=True,
            )
        final = start(folder, db, tmpdir)
        final.wait(timeout=1800)
        leftovers = alive(every)
        folders = sorted(p.name for p in tmpdir.iterdir())
        print(f"processes alive 5 s after their kill (sum over {options.kills} kills): {after_5s}")
        print(f"processes of the killed runs alive after the next full run: {len(leftovers)}")
        print(f"temporary folders left after the next full run: {len(folders)}")
        for name in folders[:10]:
            print(f"  {name}")
    finally:
        reap(every)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
