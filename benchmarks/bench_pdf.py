"""PDF reader benchmark: read_pdf vs pdfplumber's plain extract_text, and memory flatness.

    .venv/bin/python benchmarks/bench_pdf.py [--copies 3] [--flat 500]

Prints pages/second for both over the same pages and their ratio (one run), then the
process RSS after every 100 of ``--flat`` read_pdf calls. Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
from pathlib import Path

import pdfplumber

from jixiao.errors import DocumentError
from jixiao.extract.model import SourceInfo
from jixiao.extract.pdf import read_pdf

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def rss_mb() -> float:
    """Current resident set size (Linux /proc), in MB."""
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def readable() -> list[Path]:
    out = []
    for path in sorted(SAMPLES.glob("*.pdf")):
        try:
            read_pdf(path, SourceInfo(str(path), "", "pdf", path.stat().st_size))
        except DocumentError:
            continue
        out.append(path)
    return out


def plain(paths: list[Path]) -> int:
    pages = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
                pages += 1
    return pages


def ours(paths: list[Path]) -> None:
    for path in paths:
        read_pdf(path, SourceInfo(str(path), "", "pdf", path.stat().st_size))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--flat", type=int, default=500)
    args = parser.parse_args()
    paths = readable() * args.copies
    plain(readable())  # warm up: pdfminer loads and caches CMaps on first use
    ours(readable())
    t0 = time.perf_counter()
    n_plain = plain(paths)
    t1 = time.perf_counter()
    ours(paths)
    t2 = time.perf_counter()
    plain_s, ours_s = t1 - t0, t2 - t1
    print(f"files: {len(paths)} ({len(set(paths))} samples x {args.copies}), pages: {n_plain}")
    print(f"pdfplumber extract_text: {n_plain / plain_s:7.1f} pages/s ({plain_s:.2f} s)")
    print(f"read_pdf:                {n_plain / ours_s:7.1f} pages/s ({ours_s:.2f} s)")
    print(f"ratio read_pdf / extract_text: {ours_s / plain_s:.2f}x")
    print(f"peak RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB")
    if args.flat:
        cycle = readable()
        print(f"memory flatness over {args.flat} read_pdf calls:")
        for i in range(1, args.flat + 1):
            path = cycle[i % len(cycle)]
            read_pdf(path, SourceInfo(str(path), "", "pdf", path.stat().st_size))
            if i % 100 == 0:
                gc.collect()
                print(f"  after {i:4d}: RSS {rss_mb():7.1f} MB")


if __name__ == "__main__":
    main()
