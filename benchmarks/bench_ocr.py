"""OCR benchmark: speed, memory and field accuracy of scanned samples vs their text PDFs.

    .venv/bin/python benchmarks/bench_ocr.py [--dpi 200] [--show-diffs]

For every ``samples/*_scan150.pdf`` (made by ``scripts/build_scanned_samples.py``) and
the text PDF it was printed from (the same name without ``_scan150``), and the older
committed scan with its text twin, runs
``jixiao.process.process_file`` on both. Prints seconds per page of the scan (OCR and
normalising; the engine is loaded before timing), the process's peak RSS, and field
accuracy of the scan's canonical report against the text version's: report fields,
funds amounts and rates, indicator name/target/actual/weight/score, as precision,
recall and exact-match %. Figures only; no assertions. Targets: ≥ 95 % exact, < 5 s/page.
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import fields
from pathlib import Path

import numpy as np

from jixiao.extract.ocr import get_engine
from jixiao.normalize.canonical import CanonicalReport, Report
from jixiao.process import process_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SUFFIX = "_scan150"
FUND_FIELDS = (
    "label",
    "planned",
    "budget",
    "received",
    "spent",
    "balance",
    "execution_rate",
    "weight",
    "score",
)
INDICATOR_FIELDS = ("name", "target", "actual", "weight", "score")
#: other committed scans and the text PDF of the same report
EXTRA_PAIRS: tuple[tuple[str, str], ...] = (
    ("pingjiang_2021_rural_water_scanned.pdf", "pingjiang_2021_rural_water_three_page_table.pdf"),
)


def pairs() -> list[tuple[Path, Path]]:
    """(scan, text PDF) pairs."""
    out = [
        (scan, scan.with_name(scan.name.replace(SUFFIX, "")))
        for scan in sorted(SAMPLES.glob(f"*{SUFFIX}.pdf"))
    ]
    out += [(SAMPLES / a, SAMPLES / b) for a, b in EXTRA_PAIRS if (SAMPLES / a).exists()]
    return out


def flat(report: CanonicalReport) -> dict[str, str]:
    """The compared fields, as ``path → value`` (null values left out)."""
    out: dict[str, object] = {}
    for f in fields(Report):
        if f.name != "provenance":
            out[f"report.{f.name}"] = getattr(report.report, f.name)
    for i, fund in enumerate(report.funds):
        for name in FUND_FIELDS:
            out[f"funds[{i}].{name}"] = getattr(fund, name)
    for i, ind in enumerate(report.indicators):
        for name in INDICATOR_FIELDS:
            out[f"indicators[{i}].{name}"] = getattr(ind, name)
    return {k: str(v) for k, v in out.items() if v is not None}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-diffs", action="store_true", help="print every differing field")
    parser.add_argument("--warm", action="store_true", help="OCR one page before timing")
    args = parser.parse_args()

    started = time.perf_counter()
    engine = get_engine()
    print(f"engine load: {time.perf_counter() - started:.2f} s, RSS {peak_rss_mb():.0f} MB")
    if args.warm:  # the first inference also pays onnxruntime's graph set-up
        engine.recognize(np.full((400, 600, 3), 255, np.uint8))
    total_pages = 0
    total_seconds = 0.0
    tp = n_pred = n_true = n_union = 0
    print(f"{'sample':<58} {'pages':>5} {'s/page':>7} {'prec':>6} {'recall':>6} {'exact':>6}")
    for scan, text in pairs():
        truth = flat(process_file(text)[0])  # each sample holds one report
        t0 = time.perf_counter()
        scanned = process_file(scan)[0]
        seconds = time.perf_counter() - t0
        pages = scanned.source.pages or 1
        pred = flat(scanned)
        correct = sum(1 for k, v in pred.items() if truth.get(k) == v)
        union = len(set(truth) | set(pred))
        tp, n_pred, n_true, n_union = (
            tp + correct,
            n_pred + len(pred),
            n_true + len(truth),
            n_union + union,
        )
        total_pages += pages
        total_seconds += seconds
        print(
            f"{scan.name:<58} {pages:>5} {seconds / pages:>7.2f} "
            f"{100 * correct / max(len(pred), 1):>5.1f}% {100 * correct / max(len(truth), 1):>5.1f}% "
            f"{100 * correct / max(union, 1):>5.1f}%"
        )
        if args.show_diffs:
            for key in sorted(set(truth) | set(pred)):
                if truth.get(key) != pred.get(key):
                    print(f"    {key}: text={truth.get(key)!r} scan={pred.get(key)!r}")
    print(
        f"{'ALL':<58} {total_pages:>5} {total_seconds / max(total_pages, 1):>7.2f} "
        f"{100 * tp / max(n_pred, 1):>5.1f}% {100 * tp / max(n_true, 1):>5.1f}% "
        f"{100 * tp / max(n_union, 1):>5.1f}%"
    )
    print(f"fields: {n_true} in the text versions, {n_pred} from the scans, {tp} exact")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
