"""XLSX reader benchmark: read_xlsx vs a bare openpyxl load, and peak RSS on a big sheet.

    .venv/bin/python benchmarks/bench_xlsx.py [--repeat 5] [--rows 50000]

1. Seconds per workbook for each XLSX sample: jixiao's reader (streaming pre-scan, load,
   displayed values, grid) against ``openpyxl.load_workbook(data_only=True)`` alone,
   and their ratio (best of ``--repeat``).
2. Peak RSS of a fresh process that reads a generated sheet of ``--rows`` rows × 8
   columns (amounts, percentages, text), with jixiao and with the bare openpyxl load,
   and the baseline of a process that only imports them.

Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import openpyxl

from jixiao.extract import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def best_of(repeat: int, action) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_load(path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        openpyxl.load_workbook(path, data_only=True).close()


def big_sheet(path: Path, rows: int) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("明细")
    ws.append(
        ["序号", "项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"]
    )
    for i in range(1, rows + 1):
        budget = 100 + i % 997
        spent = budget * 0.93
        ws.append([i, f"项目{i:06d}", budget, budget, spent, spent / budget, 10, 9.3])
    wb.save(path)


def child(mode: str, path: str) -> None:
    """Run in a fresh process; prints its peak RSS in MB."""
    if mode == "jixiao":
        read_document(Path(path))
    elif mode == "openpyxl":
        bare_load(Path(path))
    print(f"{peak_rss_mb():.0f}")


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM: unlike ru_maxrss, not inherited from a parent)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss(mode: str, path: Path) -> str:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    print(f"seconds per workbook (best of {args.repeat}): jixiao read | bare openpyxl load | ratio")
    for path in sorted(SAMPLES.glob("*.xlsx")):
        ours = best_of(args.repeat, lambda p=path: read_document(p))
        bare = best_of(args.repeat, lambda p=path: bare_load(p))
        print(f"  {path.name}: {ours:.3f} s | {bare:.3f} s | {ours / bare:.2f}x")

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-xlsx-") as tmp:
        path = Path(tmp) / "big.xlsx"
        big_sheet(path, args.rows)
        size = path.stat().st_size / 2**20
        print(f"{args.rows:,}-row sheet × 8 columns ({size:.1f} MB file):")
        print(
            f"  peak RSS: imports only {peak_rss('none', path)} MB | "
            f"jixiao {peak_rss('jixiao', path)} MB | bare openpyxl {peak_rss('openpyxl', path)} MB"
        )
        ours = best_of(1, lambda: read_document(path))
        bare = best_of(1, lambda: bare_load(path))
        print(f"  seconds: jixiao {ours:.1f} s | bare openpyxl {bare:.1f} s | {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
