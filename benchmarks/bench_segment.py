"""Segmentation benchmark: report units found vs present, speed per page, peak RSS.

    .venv/bin/python benchmarks/bench_segment.py [--repeat 3]

Ground truth is ``tests/bundle_truth.json`` (written by the bundle sample builder):
per sample file, the report units it holds (project name, total score, pages or
tables; an empty list for a file that holds none). For every sample listed there the
script runs ``jixiao.process.process_file`` and prints units found / present, true
positives (same project name and overlapping pages or tables, and the same total
score) and precision / recall over all of them.

Speed: on the largest PDF bundle (40+ pages), seconds per page of the whole
extraction (read, segment, normalise, check) against pdfplumber alone opening the
file and extracting text and tables from the same pages, and the ratio; then the
time of the segmentation stage by itself. Peak RSS of this process at the end.
Figures only; no assertions.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from decimal import Decimal
from pathlib import Path

import pdfplumber

from jixiao.errors import NotAReportError
from jixiao.extract import read_document
from jixiao.normalize.canonical import CanonicalReport
from jixiao.normalize.labels import LabelDictionary
from jixiao.normalize.segment import segment
from jixiao.process import process_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
TRUTH = ROOT / "tests" / "bundle_truth.json"


def _name(text: object) -> str:
    return "".join(str(text or "").split())


def _where(entry: dict[str, object]) -> set[object]:
    if "tables" in entry:
        return {("t", t) for t in entry["tables"]}  # type: ignore[union-attr]
    first, last = entry.get("first_page"), entry.get("last_page")
    if first is None:
        return set()
    return {("p", p) for p in range(int(first), int(last or first) + 1)}  # type: ignore[arg-type]


def _found_where(report: CanonicalReport) -> set[object]:
    unit = report.unit
    if unit is None:
        return set()
    if unit.tables is not None:
        return {("t", t) for t in unit.tables}
    if unit.pages is not None:
        return {("p", p) for p in range(unit.pages[0], unit.pages[1] + 1)}
    return set()


def _matches(report: CanonicalReport, entry: dict[str, object]) -> bool:
    if _name(report.report.project_name) != _name(entry.get("project_name")):
        return False
    where = _where(entry)
    if where and not where & _found_where(report):
        return False
    score = entry.get("total_score")
    return score is None or report.report.total_score == Decimal(str(score))


def precision_recall(truth: dict[str, list[dict[str, object]]]) -> None:
    print(f"{'sample':<62} {'present':>7} {'found':>6} {'tp':>4} {'seconds':>8}")
    tp = found = present = 0
    for name, entries in sorted(truth.items()):
        path = SAMPLES / name
        if not path.exists():
            print(f"{name:<62} (missing)")
            continue
        start = time.perf_counter()
        try:
            reports: tuple[CanonicalReport, ...] = process_file(path)
        except NotAReportError:
            reports = ()
        seconds = time.perf_counter() - start
        unmatched = list(entries)
        hits = 0
        for report in reports:
            for entry in unmatched:
                if _matches(report, entry):
                    unmatched.remove(entry)
                    hits += 1
                    break
        tp, found, present = tp + hits, found + len(reports), present + len(entries)
        print(f"{name:<62} {len(entries):>7} {len(reports):>6} {hits:>4} {seconds:>8.2f}")
    precision = tp / found if found else 1.0
    recall = tp / present if present else 1.0
    print(f"units present {present}, found {found}, correct {tp}: ", end="")
    print(f"precision {precision:.3f}, recall {recall:.3f}")


def _pdfplumber_seconds(path: Path) -> float:
    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
    return time.perf_counter() - start


def speed(path: Path, repeat: int) -> None:
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
    ours = min(_timed(lambda: process_file(path)) for _ in range(repeat))
    plain = min(_pdfplumber_seconds(path) for _ in range(repeat))
    doc = read_document(path)
    labels = LabelDictionary.default()
    seg = min(_timed(lambda: segment(doc.blocks, labels)) for _ in range(repeat))
    print(f"{path.name}: {pages} pages")
    print(f"  jixiao process_file      {ours / pages * 1000:8.1f} ms/page")
    print(f"  pdfplumber text+tables   {plain / pages * 1000:8.1f} ms/page")
    print(f"  ratio                    {ours / plain:8.2f}x")
    print(
        f"  segmentation stage alone {seg / pages * 1000:8.2f} ms/page ({len(doc.blocks)} blocks)"
    )


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing runs (the best is kept)")
    args = parser.parse_args()
    if TRUTH.exists():
        truth = json.loads(TRUTH.read_text("utf-8"))
        precision_recall(truth)
        pdfs = [SAMPLES / n for n in truth if n.endswith(".pdf") and (SAMPLES / n).exists()]
    else:
        print(f"no ground truth at {TRUTH} (scripts/build_bundle_samples.py writes it)")
        pdfs = sorted(SAMPLES.glob("bundle_*.pdf"))
    if pdfs:
        largest = max(pdfs, key=lambda p: p.stat().st_size)
        speed(largest, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
