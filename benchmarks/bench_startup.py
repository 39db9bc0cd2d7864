"""Start-up benchmark: wall time of ``jixiao --help`` and ``jixiao runs`` (target < 0.3 s).

    .venv/bin/python benchmarks/bench_startup.py [--repeat 5]

Runs each command as a fresh process ``--repeat`` times and prints the best and the
median wall time, and which heavy modules (pdfplumber, jieba, pandas, the OCR stack)
each one imported. Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("pdfplumber", "jieba", "pandas", "numpy", "rapidocr", "onnxruntime", "cv2", "openpyxl")
PROBE = (
    "import sys\n"
    "from jixiao.cli.main import main\n"
    "try:\n"
    "    main(sys.argv[1:], prog_name='jixiao')\n"
    "except SystemExit:\n"
    "    pass\n"
    f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
)


def wall(argv: list[str], repeat: int) -> tuple[float, float, float]:
    """Best and median wall time, and the median CPU time (user + system: what a busy
    machine does not inflate)."""
    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(times), statistics.median(times), statistics.median(cpu)


def heavy(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=False
    )
    for line in done.stderr.splitlines():
        if line.startswith("HEAVY="):
            return line[len("HEAVY=") :] or "none"
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    jixiao = str(Path(sys.executable).with_name("jixiao"))
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{tmp}/bench.db"
        subprocess.run([jixiao, "db", "upgrade", "--db", db], capture_output=True, check=True)
        for label, extra in (("--help", ["--help"]), ("runs", ["runs", "--db", db])):
            best, median, cpu = wall([jixiao, *extra], args.repeat)
            print(
                f"jixiao {label:<7} wall time: best {best:.3f} s, median {median:.3f} s, "
                f"CPU {cpu:.3f} s "
                f"(target < 0.3 s); heavy modules imported: {heavy(extra)}"
            )


if __name__ == "__main__":
    main()
